"""A TinyDB storage that never leaves a half-written file and never reads a stale one.

TinyDB's stock ``JSONStorage`` writes in place through a handle it keeps open, so a crash
or a full disk truncates the file, and a handle held open keeps reading the old inode after
another process replaced the file (see ../shared/TINYDB.md). This storage instead:

* opens the file by path on every read and keeps the parsed tables only while the file's
  (inode, size, mtime) is unchanged, so another process's write is always seen;
* parses with orjson with the cyclic GC paused (GC dominates parse time on big files);
* writes to a temp file in the same directory, flushes, fsyncs, ``os.replace``s it over
  the old file and fsyncs the directory, so the file is either the old one or the new one;
* refuses a file it cannot decode (never treats it as empty, which would overwrite it).

The caller must hold the store's write lock around each read-modify-write; a storage given a
``lock_held`` callable checks that on every write.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from .errors import DamagedFile, ReadOnlyStore, WriteFailed
from .layout import FileKey, file_key

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_SUFFIX = ".tmp"
# The key of a line indented by four spaces: in a TinyDB file written with two-space
# indents, a doc id (appended_doc_tail).
_DOC_ID_LINE = re.compile(rb'\n    "([^"]*)"')


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def decode_json_file(path: Path) -> Any:
    """Read and parse a JSON file; a one-sentence :class:`DamagedFile` on any problem."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise DamagedFile(path, "it is a directory where a file should be",
                          "move the directory away and run `dossier check --repair`") from None
    except PermissionError:
        raise DamagedFile(path, "it cannot be read (permission denied)",
                          f"give your user read access, e.g. `chmod 600 {path}`") from None
    if not raw.strip():
        raise DamagedFile(path, "the file is empty")
    try:
        with gc_paused():
            return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if _bad_utf8(raw):
            raise DamagedFile(path, "it is not valid UTF-8") from None
        raise DamagedFile(path, f"it is not valid JSON ({_short(exc)})") from None


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` so that a crash leaves the old or the new file."""
    directory = path.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=directory)
    try:
        try:
            os.fchmod(fd, FILE_MODE)
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            reason = exc.strerror or str(exc)
            raise WriteFailed(
                f"could not save {path.name} ({reason}); the previous version is intact"
            ) from exc
        raise
    fsync_directory(directory)


class AtomicJSONStorage(Storage):
    """TinyDB storage: atomic, lock-checked, stat-keyed cache, orjson."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        lock_held: Callable[[], bool] | None = None,
        indent: bool = True,
        validate: Callable[[Path, dict[str, Any]], None] | None = None,
        stage: Callable[[Path, bytes], bool] | None = None,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._lock_held = lock_held
        # Run once per parse (not per cached read): refuses records the store cannot use.
        self._validate = validate
        self._options = orjson.OPT_INDENT_2 if indent else 0
        self._cached: dict[str, dict[str, Any]] | None = None
        self._cached_key: FileKey | None = None
        # The store's open transaction, if any, takes the payload instead (``stage``
        # returns True): the file is written when the transaction commits, together with
        # every other file it changed. Until then reads see the staged tables.
        self._stage = stage
        self._staged: dict[str, dict[str, Any]] | None = None
        # Or, after release(): the staged file, parsed again when read (not held).
        self._staged_file: Path | None = None

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._staged is not None:
            return self._staged
        if self._staged_file is not None:
            return decode_json_file(self._staged_file)  # ours, checked when written
        key = file_key(self.path)
        if key is None:
            self._cached, self._cached_key = None, None
            return None
        if key == self._cached_key and self._cached is not None:
            return self._cached
        refuse_symlink(self.path)
        data = decode_json_file(self.path)
        _check_tinydb_shape(self.path, data)
        if self._validate is not None:
            self._validate(self.path, data)
        self._cached, self._cached_key = data, key
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise ReadOnlyStore(f"{self.path.parent} is read-only; nothing was changed")
        if self._lock_held is not None and not self._lock_held():
            raise RuntimeError(f"write to {self.path} without holding the store lock")
        refuse_symlink(self.path)
        try:
            payload = orjson.dumps(data, option=self._options)
        except TypeError as exc:
            self._cached, self._cached_key = None, None
            raise WriteFailed(f"could not save {self.path.name} ({exc})") from exc
        if self._stage is not None and self._stage(self.path, payload):
            self._staged = data
            return
        try:
            atomic_write_bytes(self.path, payload)
        except BaseException:
            # TinyDB may have mutated the cached tables in place before calling write();
            # forget them so the next read comes from the intact file on disk.
            self._cached, self._cached_key = None, None
            raise
        self._cached, self._cached_key = data, file_key(self.path)

    def holds_tables(self) -> bool:
        """Whether it holds parsed tables (the file's, or staged ones) to change in place."""
        return self._cached is not None or self._staged is not None

    def forget(self) -> None:
        self._cached, self._cached_key = None, None
        self._staged, self._staged_file = None, None

    def release(self, staged_file: Path | None) -> None:
        """Let go of the parsed tables: the next read parses the file again, or, while the
        transaction is open, ``staged_file``, the file's staged next version (if any). A
        put of 100k meetings keeps one shard in memory at a time, not all 256."""
        self._cached, self._cached_key = None, None
        if staged_file is not None:
            self._staged, self._staged_file = None, staged_file

    def settle(self, committed: bool) -> None:
        """The transaction that staged a write is over: keep the staged tables as the
        file's (committed) or drop them and read the file again (not)."""
        staged, self._staged = self._staged, None
        self._staged_file = None
        if committed and staged is not None:
            self._cached, self._cached_key = staged, file_key(self.path)
        else:
            self._cached, self._cached_key = None, None

    def close(self) -> None:
        self.forget()


def refuse_symlink(path: Path) -> None:
    # os.replace would swap a symlinked store file for a regular one and leave its target
    # stale, and following it would let a link write outside the store: refuse both.
    if path.is_symlink():
        raise DamagedFile(path, "it is a symbolic link, and dossier reads and writes only "
                          "regular files inside its store",
                          "replace the link with a copy of the file it points to")


def _check_tinydb_shape(path: Path, data: Any) -> None:
    if not isinstance(data, dict):
        raise DamagedFile(path, f"expected a JSON object of tables, found a {_kind(data)}")
    for table_name, table in data.items():
        if not isinstance(table, dict):
            raise DamagedFile(path, f'table "{table_name}" is a {_kind(table)}, not an object')
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                raise DamagedFile(
                    path, f'document {doc_id} of table "{table_name}" is a {_kind(doc)}'
                )


def _kind(value: Any) -> str:
    return {list: "JSON array", str: "string", int: "number", float: "number",
            bool: "boolean", type(None): "null", dict: "object"}.get(type(value), "value")


def _bad_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _short(exc: Exception) -> str:
    text = str(exc).split("\n")[0]
    return text[:120]


def remove_orphan_temp_files(directory: Path) -> int:
    """Delete temp files a killed writer left behind. Call only while holding the lock."""
    removed = 0
    for candidate in directory.glob(f".*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            candidate.unlink()
            removed += 1
    return removed


#: How an indented one-table file ends after its last document: the table's and the
#: file's closing braces, which appended_doc_tail keeps out of the file's kept head.
TABLE_CLOSING = b'\n  }\n}'


def appended_doc_tail(payload: bytes, table: str, doc: dict[str, Any], *,
                      docs_in_table: int) -> bytes | None:
    """What :class:`AtomicJSONStorage` would write for ``payload`` (a file it wrote,
    indented) after ``doc`` is added to ``table`` with the next doc id, TinyDB's max + 1,
    given that ``table`` holds ``docs_in_table`` documents (the caller knows, say from the
    search index): the new file is ``payload`` without its last ``len(TABLE_CLOSING)``
    bytes, then the returned tail. None when ``payload`` is not in that shape: read and
    rewrite it.

    The file is not parsed: at 50,000 notes (14 MB) reading, parsing and checking it was
    half of a `dossier note add`. With two-space indents a raw newline only ever starts an
    indented line (a string's own newlines are escaped), so the lines with four spaces
    before a quote are exactly the doc ids of all tables. The file starts with ``table``
    and ends with a document of it; as many doc ids as ``table``'s documents means no
    other table holds any (an empty one would end the file instead).
    """
    prefix = b'{\n  ' + orjson.dumps(table) + b': {\n'
    if not payload.startswith(prefix) or not payload.endswith(b'\n    }' + TABLE_CLOSING):
        return None
    ids = _DOC_ID_LINE.findall(payload)
    if len(ids) != docs_in_table or not all(ids) or not b"".join(ids).isdigit():
        return None
    next_id = max(map(int, ids)) + 1
    piece = orjson.dumps({table: {str(next_id): doc}}, option=orjson.OPT_INDENT_2)
    return b',\n' + piece[len(prefix):]
