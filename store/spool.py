"""Incoming records held on disk, a file per shard, while a big put is read (issue 16).

:meth:`Store.put_meetings` reads its records one at a time (an import streams and validates
them) and must not hold them all: 100,000 meetings are ~600 MB of JSON, several GB as
models or dicts. Each record's JSON goes to its shard's buffer here; once the buffers hold
:data:`BUFFER_BYTES` they are appended to one spool file per shard, so memory holds the
buffers, never the archive. The put then merges one shard at a time: the shard as stored,
plus :meth:`Spool.records` of that shard, staged as its new file.

A put of a few records (an edit, a draft, a small import) never reaches the limit and
writes nothing here. The spool files are not the store's data: they are written without
fsync and removed when the put ends, however it ends. They live in a directory of their
own in the store (``.import-<random>.spool``, same disk as the shards, so a disk too full
for the import fails while reading, before anything is staged), locked with ``flock``
while in use: the spool is filled *before* the store's lock is taken (validating 100k
records takes ~30 s, which other writers must not wait out), so another process's tidy-up
(:func:`remove_leftover_spools`) must be able to tell a spool in use from one a killed
import left behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from .errors import WriteFailed
from .layout import SPOOL_PREFIX, SPOOL_SUFFIX
from .storage import DIR_MODE, FILE_MODE

#: Bytes of record JSON held in memory before the buffers go to the spool files.
BUFFER_BYTES = 8 * 1024 * 1024


class Spool:
    """Record JSON by shard name, in the order each shard's records came; ids in memory.

    ``parent`` is where the spool directory is made when the buffers first fill: the
    store's root, or None for the system's temp directory (a dry run, which must not
    write into the store). Use as a context manager: the directory goes at the end.
    """

    def __init__(self, parent: Path | None) -> None:
        self._parent = parent
        self._dir: Path | None = None
        self._dir_fd: int | None = None
        #: Each shard's record ids, in input order; the shards in order of first record.
        self.ids: dict[str, list[str]] = {}
        self._buffers: dict[str, list[bytes]] = {}
        self._buffered = 0
        self._on_disk: set[str] = set()
        self.count = 0

    def __enter__(self) -> Spool:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def add(self, shard: str, record_id: str, record: bytes) -> None:
        """Hold one record's JSON (one line: compact JSON has no raw newline)."""
        self.ids.setdefault(shard, []).append(record_id)
        self._buffers.setdefault(shard, []).append(record)
        self._buffered += len(record) + 1
        self.count += 1
        if self._buffered >= BUFFER_BYTES:
            self._flush()

    def records(self, shard: str) -> Iterator[bytes]:
        """The JSON of the shard's records, in the order they were added (the spool
        file's, then the buffer's); the shard's buffer is let go."""
        if shard in self._on_disk:
            assert self._dir is not None
            try:
                with open(self._dir / shard, "rb") as handle:
                    for line in handle:
                        yield line[:-1]
            except OSError as exc:
                raise WriteFailed(f"could not read back the records being imported "
                                  f"({exc.strerror or exc}); nothing was changed") from exc
        yield from self._buffers.pop(shard, ())

    def _flush(self) -> None:
        directory = self._directory()
        try:
            for shard, lines in self._buffers.items():
                fd = os.open(directory / shard, os.O_WRONLY | os.O_CREAT | os.O_APPEND
                             | os.O_NOFOLLOW, FILE_MODE)
                try:
                    lines.append(b"")
                    view = memoryview(b"\n".join(lines))
                    while view:
                        view = view[os.write(fd, view):]
                finally:
                    os.close(fd)
                self._on_disk.add(shard)
        except OSError as exc:
            raise WriteFailed(f"could not hold the records being imported in "
                              f"{directory.parent} ({exc.strerror or exc}); nothing was "
                              f"changed") from exc
        self._buffers.clear()
        self._buffered = 0

    def _directory(self) -> Path:
        if self._dir is None:
            try:
                made = Path(tempfile.mkdtemp(prefix=SPOOL_PREFIX, suffix=SPOOL_SUFFIX,
                                             dir=self._parent))
                os.chmod(made, DIR_MODE)
                fd = os.open(made, os.O_RDONLY | os.O_DIRECTORY)
                fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError as exc:
                raise WriteFailed(f"could not make room for the records being imported "
                                  f"({exc.strerror or exc}); nothing was changed") from exc
            self._dir, self._dir_fd = made, fd
        return self._dir

    def close(self) -> None:
        """Remove the spool files; the records held are gone."""
        self._buffers.clear()
        self._buffered = 0
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None
        if self._dir_fd is not None:
            os.close(self._dir_fd)
            self._dir_fd = None


def remove_leftover_spools(root: Path) -> int:
    """Remove the spool directories of imports that were killed (none holds its lock);
    one in use by a running import is left alone."""
    removed = 0
    with contextlib.suppress(OSError):
        candidates = [entry for entry in os.scandir(root)
                      if entry.name.startswith(SPOOL_PREFIX)
                      and entry.name.endswith(SPOOL_SUFFIX)
                      and entry.is_dir(follow_symlinks=False)]
        for entry in candidates:
            try:
                fd = os.open(entry.path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
            except OSError:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                continue  # an import is filling it right now
            try:
                shutil.rmtree(entry.path, ignore_errors=True)
                removed += 1
            finally:
                os.close(fd)
    return removed
