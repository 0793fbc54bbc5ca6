"""Writes that span several files, all or nothing: staged files, an intent journal, renames.

One rename is atomic; several are not. A transaction that changes several data files (an
import touching 200 shards, a meeting deleted with its notes, a migration, a repair) is
committed in steps, each safe to be cut short by a kill or a full disk:

1. **stage**: every new file is written beside its target as ``.NAME.<tx>.staged.tmp`` and
   fsynced. A failure here changes nothing: the staged files are removed.
2. **keep the old**: each target that exists gets a second name, ``.NAME.<tx>.old`` (a hard
   link: no copy, the old bytes stay where they are).
3. **journal**: ``.journal.json`` lists, per target, its staged file with that file's inode,
   and its old link; it is written atomically and fsynced. From here on the write happens.
4. **rename** each staged file over its target; fsync the folders.
5. **done**: the journal is removed, then the old links.

:func:`recover` runs, under the store lock, before anyone reads or writes the store: a
journal left behind by a kill is rolled *forward* when every target is either renamed
already (its inode is the staged one) or still has its staged file, else rolled *back* from
the old links. Staged files and old links without a journal are leftovers of step 1 or 2
and are removed. Either way the store holds exactly the old set of files or the new one.

A transaction that changes one file needs none of this: one atomic rename is already all
or nothing, so it is written the ordinary way (``storage.atomic_write_bytes``).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import orjson

from .errors import DamagedFile, WriteFailed
from .layout import JOURNAL_FILE
from .storage import FILE_MODE, TEMP_SUFFIX, atomic_write_bytes, fsync_directory

#: Staged files are temp files too (``.tmp``): a check or a tidy-up that knows temp files
#: knows these, and recover() runs before any tidy-up removes them.
STAGED_SUFFIX = ".staged" + TEMP_SUFFIX
OLD_SUFFIX = ".old"

Outcome = Literal["forward", "back"]


@dataclass
class _Entry:
    target: Path
    staged: Path
    inode: int
    old: Path | None  # the link to the file being replaced; None when there was none


class StagedWrite:
    """The files one transaction will replace, staged until :meth:`commit`.

    Not thread-safe: it belongs to the one thread holding the store's lock.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        import secrets  # here: 2.5 ms of every command that writes nothing

        self.tx = secrets.token_hex(4)
        self._entries: dict[Path, _Entry] = {}

    def __bool__(self) -> bool:
        return bool(self._entries)

    @property
    def targets(self) -> list[Path]:
        return list(self._entries)

    def staged_path(self, target: Path) -> Path | None:
        """The file staged as ``target``'s next version, if one is."""
        entry = self._entries.get(target)
        return entry.staged if entry is not None else None

    def stage(self, target: Path, payload: bytes | Sequence[bytes | memoryview]) -> None:
        """Write ``payload`` as the next version of ``target`` (not yet visible): bytes, or
        pieces written one after the other (a big file's kept head and a new tail, without
        joining them into one more copy)."""
        previous = self._entries.get(target)
        staged = target.with_name(f".{target.name}.{self.tx}{STAGED_SUFFIX}")
        try:
            fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW,
                         FILE_MODE)
            try:
                os.fchmod(fd, FILE_MODE)
                for piece in [payload] if isinstance(payload, bytes) else payload:
                    view = memoryview(piece)
                    while view:
                        view = view[os.write(fd, view):]
                os.fsync(fd)
                inode = os.fstat(fd).st_ino
            finally:
                os.close(fd)
        except OSError as exc:
            with contextlib.suppress(OSError):
                staged.unlink()
            raise WriteFailed(f"could not save {target.name} ({exc.strerror or exc}); the "
                              f"previous version is intact") from exc
        self._entries[target] = _Entry(target, staged, inode,
                                       previous.old if previous else None)

    def abort(self) -> None:
        """Forget every staged file: nothing was changed."""
        for entry in self._entries.values():
            with contextlib.suppress(OSError):
                entry.staged.unlink()
        self._entries.clear()

    def commit(self) -> None:
        """Make every staged file the live one, all or nothing (see the module)."""
        entries = list(self._entries.values())
        self._entries = {}
        if not entries:
            return
        if len(entries) == 1:
            _rename_into_place(entries[0])
            return
        journal = self.root / JOURNAL_FILE
        try:
            for entry in entries:
                old = entry.target.with_name(f".{entry.target.name}.{self.tx}{OLD_SUFFIX}")
                try:
                    os.link(entry.target, old, follow_symlinks=False)
                except FileNotFoundError:
                    continue  # a new file: rolling back removes it
                entry.old = old
            atomic_write_bytes(journal, orjson.dumps({"tx": self.tx, "entries": [
                {"target": _relative(self.root, e.target),
                 "staged": _relative(self.root, e.staged), "inode": e.inode,
                 "old": _relative(self.root, e.old) if e.old else None}
                for e in entries]}))
        except BaseException:
            _discard(entries)  # step 1 or 2: nothing was changed
            raise
        # From here the journal decides: a failure is finished by recover().
        for entry in entries:
            os.replace(entry.staged, entry.target)
        for folder in {entry.target.parent for entry in entries}:
            fsync_directory(folder)
        journal.unlink()
        fsync_directory(self.root)
        for entry in entries:
            if entry.old is not None:
                with contextlib.suppress(OSError):
                    entry.old.unlink()


def _rename_into_place(entry: _Entry) -> None:
    try:
        os.replace(entry.staged, entry.target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            entry.staged.unlink()
        raise WriteFailed(f"could not save {entry.target.name} ({exc.strerror or exc}); "
                          f"the previous version is intact") from exc
    fsync_directory(entry.target.parent)


def _discard(entries: list[_Entry]) -> None:
    for entry in entries:
        for path in (entry.staged, entry.old):
            if path is not None:
                with contextlib.suppress(OSError):
                    path.unlink()


def _relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def pending(root: Path) -> bool:
    """Whether a multi-file write was cut short and waits for :func:`recover`."""
    return (root / JOURNAL_FILE).exists()


def recover(root: Path, folders: list[Path]) -> Outcome | None:
    """Finish or undo a multi-file write that was cut short, then remove the staging
    leftovers in ``folders``. Call with the store lock held, before reading the store.

    Returns "forward" or "back" when a journal was found, else None.
    """
    journal = root / JOURNAL_FILE
    outcome: Outcome | None = None
    if journal.exists() or journal.is_symlink():
        entries = _read_journal(root, journal)
        forward = all(
            entry.staged.exists() or _inode(entry.target) == entry.inode for entry in entries)
        if forward:
            for entry in entries:
                if entry.staged.exists():
                    os.replace(entry.staged, entry.target)
            outcome = "forward"
        else:
            for entry in entries:
                if entry.old is not None and entry.old.exists():
                    os.replace(entry.old, entry.target)
                elif entry.old is None and _inode(entry.target) == entry.inode:
                    entry.target.unlink()  # it did not exist before the write
            outcome = "back"
        for folder in {entry.target.parent for entry in entries}:
            fsync_directory(folder)
        journal.unlink()
        fsync_directory(root)
    for folder in folders:
        for leftover in [*folder.glob(f".*{STAGED_SUFFIX}"), *folder.glob(f".*{OLD_SUFFIX}")]:
            with contextlib.suppress(OSError):
                leftover.unlink()
    return outcome


def _read_journal(root: Path, journal: Path) -> list[_Entry]:
    from .storage import decode_json_file, refuse_symlink

    refuse_symlink(journal)
    data = decode_json_file(journal)
    try:
        entries = [
            _Entry(_inside(root, e["target"]), _inside(root, e["staged"]), int(e["inode"]),
                   _inside(root, e["old"]) if e.get("old") else None)
            for e in data["entries"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise DamagedFile(journal, f"it is not a journal of dossier's ({exc})",
                          "restore the store from backups/ (`dossier check --repair`)"
                          ) from None
    return entries


def _inside(root: Path, name: str) -> Path:
    path = (root / name)
    if ".." in Path(name).parts or Path(name).is_absolute():
        raise ValueError(f"{name!r} is outside the store")
    return path


def _inode(path: Path) -> int | None:
    try:
        return os.stat(path, follow_symlinks=False).st_ino
    except OSError:
        return None
