"""A store directory's names, and the fingerprint of its data files.

The single place that knows what a store directory holds (0700; files 0600)::

    dossier.json            manifest: format marker and schema_version
    meetings/<xx>.json      TinyDB files, table "meetings"; a meeting lives in the shard
                            named by a hash of its id (:func:`shard_name`), so opening or
                            editing one meeting reads or rewrites one small file
    notes.json              TinyDB file, table "notes": the user's fast-changing writes,
                            kept apart so a note never rewrites a meeting
    index.sqlite            derived search index and catalog (store.index); deletable
    .lock                   the cross-process write lock (flock, store.lockfile)
    .index.lock             the index's build lock
    backups/                rotating copies (store.backup)
    .import-*.spool/        a running import's records on disk (store.spool)

Everything here is names and ``os.stat``: no TinyDB, no SQLite, no record model, so the
store, the index, ``check`` and the app's watch on other writers all agree on one layout.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

MANIFEST = "dossier.json"
FORMAT_MARKER = "meeting-dossier store"
MEETINGS_DIR = "meetings"
NOTES_FILE = "notes.json"
INDEX_FILE = "index.sqlite"
INDEX_LOCK = ".index.lock"
LOCK_FILE = ".lock"
#: The intent journal of a multi-file write under way (store.journal).
JOURNAL_FILE = ".journal.json"
BACKUPS_DIR = "backups"
#: An import's spool directory, ``.import-<random>.spool`` (store.spool).
SPOOL_PREFIX = ".import-"
SPOOL_SUFFIX = ".spool"
MEETINGS_TABLE = "meetings"
NOTES_TABLE = "notes"

FileKey = tuple[int, int, int]
"""(size, mtime_ns, inode) of one data file. Every write replaces its file atomically (a new
inode), so the key changes with every commit, whoever made it."""

Fingerprint = dict[str, FileKey]
"""Each present data file's key, by its name relative to the store (``meetings/3f.json``,
``notes.json``)."""


def shard_name(meeting_id: str) -> str:
    """The shard file a meeting lives in: 256 shards keyed by a hash of its id."""
    import hashlib  # here: 4 ms (OpenSSL) of a command that names no shard

    return hashlib.blake2b(meeting_id.encode(), digest_size=1).hexdigest() + ".json"


def shard_key(meeting_id: str) -> str:
    """The fingerprint name of the shard a meeting lives in (``meetings/3f.json``)."""
    return f"{MEETINGS_DIR}/{shard_name(meeting_id)}"


def table_of(root: Path, path: Path) -> str:
    """The TinyDB table the data file at ``path`` holds: notes.json notes, a shard meetings."""
    return NOTES_TABLE if path.name == NOTES_FILE and path.parent == root else MEETINGS_TABLE


def meeting_files(root: Path) -> list[Path]:
    """The meeting shards of the store at ``root``, sorted by name."""
    directory = root / MEETINGS_DIR
    try:
        listed = os.listdir(directory)
    except (FileNotFoundError, NotADirectoryError):
        return []
    # Sorted by name string: comparing Path objects costs ~10 ms for 256 shards, and this
    # runs on every write (backup check) and every index freshness check.
    names = sorted(name for name in listed if os.path.splitext(name)[1] == ".json")
    return [directory / name for name in names]


def data_files(root: Path) -> list[Path]:
    """The TinyDB files that hold the store's records (the source of truth)."""
    files = meeting_files(root)
    notes = root / NOTES_FILE
    if notes.exists():
        files.append(notes)
    return files


def file_key(path: Path) -> FileKey | None:
    """The key of one data file, or None when it does not exist."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


def read_with_key(path: Path) -> tuple[FileKey, bytes]:
    """A data file's bytes and the key of those very bytes (one open file, so a rename
    between a stat and a read cannot pair one file's key with another's bytes)."""
    with open(path, "rb") as handle:
        st = os.fstat(handle.fileno())
        return (st.st_size, st.st_mtime_ns, st.st_ino), handle.read()


def relative_name(root: Path, path: Path) -> str:
    """A data file's name in a :data:`Fingerprint` (posix, relative to the store)."""
    return path.relative_to(root).as_posix()


def fingerprint(root: Path) -> Fingerprint:
    """The key of every data file of the store at ``root``.

    Listed with ``os.scandir`` and plain strings because it runs before every search and
    every few seconds in the app (257 stats in well under a millisecond). A file removed
    between listing and stat is left out; the next fingerprint sees it gone.
    """
    result: Fingerprint = {}
    with contextlib.suppress(FileNotFoundError, NotADirectoryError), \
            os.scandir(root / MEETINGS_DIR) as entries:
        for entry in entries:
            if entry.name.endswith(".json") and entry.is_file():
                with contextlib.suppress(FileNotFoundError):
                    st = entry.stat()
                    result[f"{MEETINGS_DIR}/{entry.name}"] = (st.st_size, st.st_mtime_ns,
                                                              st.st_ino)
    notes = file_key(root / NOTES_FILE)
    if notes is not None:
        result[NOTES_FILE] = notes
    return result
