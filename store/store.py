"""The store: a directory of TinyDB JSON files, the source of truth for every record.

What the directory holds is described (and named) in store.layout.

Every write is made in a :meth:`Store.transaction`: it holds the store lock across its
read-modify-write, and the storage re-reads a file another process changed since it was
last read, so no one's change is overwritten. The transaction is the only way to change a
data file, for the store's own writers and for edit, check and the importer alike.
Ids are our own (slugs for meetings, random slugs for notes); TinyDB's ``doc_id`` is never
used as a reference because it is cached per instance and reused after deletes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import orjson
from tinydb import TinyDB
from tinydb.table import Table

from .errors import (
    Conflict,
    DamagedFile,
    NotFound,
    ReadOnlyStore,
    RecordInvalid,
    StoreError,
    StoreLocked,
    WriteFailed,
)
from .journal import OLD_SUFFIX, StagedWrite, pending, recover
from .layout import (
    FORMAT_MARKER,
    INDEX_FILE,
    JOURNAL_FILE,
    LOCK_FILE,
    MANIFEST,
    MEETINGS_DIR,
    NOTES_FILE,
    NOTES_TABLE,
    SPOOL_SUFFIX,
    FileKey,
    data_files,
    file_key,
    meeting_files,
    read_with_key,
    shard_name,
    table_of,
)
from .limits import check_note_text
from .lockfile import Lock, LockTimeout, file_lock
from .paths import bundled_sample_records, default_store_dir
from .shape import check_meetings_table, check_notes_table, newer_record, sniff
from .source import ChangeListener
from .storage import (
    DIR_MODE,
    TABLE_CLOSING,
    TEMP_SUFFIX,
    AtomicJSONStorage,
    appended_doc_tail,
    decode_json_file,
    gc_paused,
    refuse_symlink,
    remove_orphan_temp_files,
)
from .summary import MeetingSummary
from .version import SCHEMA_VERSION

# The record model (pydantic) loads on first use, not with the store: the app's first
# paint reads the manifest and the list, which need neither.
if TYPE_CHECKING:
    from .index import SearchIndex
    from .model import Meeting, Note
    from .spool import Spool

# NOTES_FILE, shard_name (store.layout) and MeetingSummary (store.summary) are imported from
# here by the app too.

LOCK_TIMEOUT_S = 10.0
#: How long the list and a meeting's open wait for the search index's lock before reading
#: the TinyDB files instead (a build of the index holds it for minutes on a big store).
CATALOG_LOCK_WAIT_S = 0.25
MEETING_LOCK_WAIT_S = 0.05
#: With more data files than this changed since indexed, the list is read from the files.
CATALOG_MAX_STALE = 16

OnConflict = Literal["skip", "replace", "fail"]

Docs = dict[int, dict[str, Any]]
"""A TinyDB file's documents as a transaction rewrites them: keyed by TinyDB doc id."""


@dataclass(frozen=True, slots=True)
class PutReport:
    """What a bulk put did (or, on a dry run, would do)."""

    added: tuple[str, ...]
    replaced: tuple[str, ...]
    skipped: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MeetingNotes:
    """A meeting's notes as a screen shows them (:meth:`Store.meeting_notes`)."""

    #: The newest notes, newest first (at most the limit asked for).
    newest: list[Note]
    #: How many notes each target ("meeting", "agenda:ID", …) has, all of them counted.
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @classmethod
    def of(cls, notes: list[Note]) -> MeetingNotes:
        """All of ``notes``, counted."""
        counts: dict[str, int] = {}
        for note in notes:
            counts[note.target] = counts.get(note.target, 0) + 1
        return cls(sorted(notes, key=lambda n: (n.created, n.id), reverse=True), counts)


def new_note_id() -> str:
    import secrets  # here: 2.5 ms of every command otherwise

    return "n-" + secrets.token_hex(6)


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


class Transaction:
    """One hold of the store's write lock, from :meth:`Store.transaction`.

    Every change to a data file is one :meth:`rewrite`: a read-modify-write of the file as
    it is now. The new file is staged, not yet visible to anyone else; when the outermost
    transaction ends without an error, every file it changed is committed at once, all or
    nothing even across a kill (store.journal); when it raises, none is. What a writer read
    with :meth:`docs` is what it changes, since every other writer (thread or process) waits
    for the lock. :meth:`changed` tells the store's listeners after the commit.
    """

    def __init__(self, store: Store) -> None:
        self.root = store.root
        self._store = store
        self._changes: list[tuple[str, str]] = []
        self._open = True
        #: Every file this transaction changes, written together when it ends well.
        self.staged = StagedWrite(store.root)
        #: Files whose staged bytes are digested as staged (store.index.notes_digest), and
        #: the (digest, size) of each: what the index is told a note add wrote.
        self.digest_paths: set[Path] = set()
        self.digests: dict[Path, tuple[str, int]] = {}
        self._after_commit: list[Callable[[], None]] = []

    def docs(self, path: Path) -> list[dict[str, Any]]:
        """The documents of the data file at ``path`` as it is now (do not mutate)."""
        self._check_open()
        return self._store.read_docs(path)

    def rewrite(self, path: Path, change: Callable[[Docs], None]) -> None:
        """Replace the documents of the data file at ``path`` (a shard or notes.json) by
        what ``change`` makes of them: it edits the {doc id: document} dict in place (a
        file that does not exist yet starts empty), and the result is written once."""
        self._check_open()
        # TinyDB's public write methods each rewrite the file once per call, which makes a
        # bulk import quadratic; ``_update_table`` is the one read-modify-write all of them
        # go through in tinydb 4.x, so every change here is one storage write.
        self._store._table(path)._update_table(change)

    def stage_pieces(self, path: Path, pieces: list[bytes | memoryview], digest: str) -> None:
        """Stage the data file's next version as ``pieces`` written one after the other,
        made by the caller from the file's bytes under this lock (Store.add_note_doc), and
        ``digest`` the digest of their bytes (store.index.notes_digest). Its storage
        forgets what it had parsed and reads the file anew after the commit."""
        self._check_open()
        self.staged.stage(path, pieces)
        if path in self.digest_paths:
            self.digests[path] = (digest, sum(len(piece) for piece in pieces))
        with self._store._mutex:
            db = self._store._dbs.get(path)
        if db is not None:
            db.storage.forget()  # type: ignore[attr-defined]

    def replace(self, path: Path, table: str, docs: list[dict[str, Any]]) -> None:
        """Write the data file at ``path`` anew with ``docs`` (ids 1, 2, …), without reading
        it first: for a repair, whose file cannot be read."""
        self._check_open()
        payload = {table: {str(i): doc for i, doc in enumerate(docs, start=1)}}
        self.staged.stage(path, orjson.dumps(payload, option=orjson.OPT_INDENT_2))
        with self._store._mutex:
            db = self._store._dbs.get(path)
        if db is not None:
            db.storage.forget()  # type: ignore[attr-defined]

    def write_manifest(self) -> None:
        """Write the manifest (format marker and the current schema_version)."""
        self._check_open()
        self.staged.stage(self.root / MANIFEST, orjson.dumps(
            {"format": FORMAT_MARKER, "schema_version": SCHEMA_VERSION},
            option=orjson.OPT_INDENT_2))

    def changed(self, kind: str, ident: str) -> None:
        """Record a committed change for the listeners: kind "meeting" or "note"."""
        self._changes.append((kind, ident))

    def after_commit(self, hook: Callable[[], None]) -> None:
        """Call ``hook()`` once the transaction has committed, outside the lock, before the
        listeners hear of the changes (not at all when it fails)."""
        self._after_commit.append(hook)

    def _check_open(self) -> None:
        if not self._open:
            raise StoreError("this store transaction is over; open a new one to write")


class Store:
    """A meeting-dossier store directory. Thread-safe; safe across processes."""

    def __init__(self, root: Path, *, read_only: bool = False) -> None:
        self.root = Path(root)
        self.read_only = read_only
        self._mutex = threading.RLock()
        self._file_lock: Lock | None = None  # made on first use (see _lock)
        self._dbs: dict[Path, TinyDB] = {}
        self._listeners: list[ChangeListener] = []
        self._search_index: SearchIndex | None = None  # opened on first use
        self._transaction: Transaction | None = None  # the one this thread holds, if any

    # -- opening -----------------------------------------------------------------------

    @classmethod
    def open(cls, root: str | os.PathLike[str] | None = None, *, create: bool = True,
             seed: bool = True) -> Store:
        """Open the store at ``root`` (default: ``default_store_dir()``).

        A store that does not exist yet (missing or empty directory) is created 0700 and,
        when ``seed``, filled with the bundled sample. A store that cannot be written opens
        read-only. A damaged manifest raises :class:`DamagedFile`.
        """
        path = Path(root).expanduser() if root is not None else default_store_dir()
        if not _exists_as_store(path):
            if not create:
                raise StoreError(f"{path} is not a dossier store; create one with "
                                 f"`dossier init {path}`")
            return cls.create(path, seed=seed)
        manifest = read_manifest(path)
        version = manifest.get("schema_version")
        if not isinstance(version, int):
            raise DamagedFile(path / MANIFEST, "schema_version is missing or not a number")
        if version > SCHEMA_VERSION:
            raise newer_record(path / MANIFEST, "a store", version)
        store = cls(path, read_only=not os.access(path, os.W_OK))
        if pending(path):
            # A multi-file write was cut short: finish or undo it before anything is read.
            if store.read_only:
                raise StoreError(f"{path} holds a write that was cut short and cannot be "
                                 f"finished without write access; open it once as its owner")
            with store._mutex:
                store._acquire_lock()
                try:
                    store._recover()
                finally:
                    store._lock.release()
        # A glance at every file (microseconds each) so a damaged one is reported by any
        # command, even one that would not read it.
        for data_file in store.data_files():
            sniff(data_file)
        if version < SCHEMA_VERSION and not store.read_only:
            store._migrate(version)
        store._tidy()
        return store

    @classmethod
    def create(cls, root: str | os.PathLike[str], *, seed: bool = True) -> Store:
        """Make a new store directory; ``seed`` fills it with the bundled sample."""
        from .model import Meeting
        path = Path(root).expanduser()
        if path.exists() and not path.is_dir():
            raise StoreError(f"{path} exists and is not a directory")
        if path.is_dir() and any(path.iterdir()):
            if _exists_as_store(path):
                raise Conflict(f"{path} is already a dossier store")
            raise StoreError(f"{path} is not empty and not a dossier store; choose another "
                             f"directory")
        try:
            path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
            os.chmod(path, DIR_MODE)
            (path / MEETINGS_DIR).mkdir(mode=DIR_MODE, exist_ok=True)
        except PermissionError:
            raise StoreError(f"cannot create a store at {path} (permission denied)") from None
        store = cls(path)
        with store.transaction() as tx:
            tx.write_manifest()
        if seed:
            records = [Meeting.from_json_dict(orjson.loads(entry.read_bytes()))
                       for entry in bundled_sample_records()]
            store.put_meetings(records, on_conflict="fail")
        return store

    def _migrate(self, from_version: int) -> None:
        """Bring every meeting to the current schema_version, after a backup of them all,
        in one transaction."""
        from .backup import make_backup
        from .migrate import migrate_meetings

        with self.transaction() as tx:
            make_backup(self.root, self._backup_files(), f"before-migration-v{from_version}")
            for path in self.meeting_files():
                tx.rewrite(path, migrate_meetings)
            tx.write_manifest()

    def _tidy(self) -> None:
        """Remove temp files a killed writer left, if no one is writing right now."""
        if self.read_only or not _leftovers_in(self.root):
            return
        with contextlib.suppress(LockTimeout, OSError), self._mutex, \
                self._lock.acquire(timeout=0):
            self._recover()
            remove_orphan_temp_files(self.root)
            remove_orphan_temp_files(self.root / MEETINGS_DIR)
            from .spool import remove_leftover_spools

            remove_leftover_spools(self.root)  # an import killed while reading its records

    # -- plumbing ----------------------------------------------------------------------

    def index(self) -> SearchIndex:
        """The derived search index and catalog (store.index.SearchIndex), opened lazily.

        Once opened it follows every change made through this Store (a listener) and
        re-checks the TinyDB files' fingerprint before each read for changes made elsewhere.
        """
        with self._mutex:
            if self._search_index is None:
                from .index import SearchIndex

                self._search_index = SearchIndex(self)
            return self._search_index

    def search(self, query: str, limit: int = 50) -> list[Any]:
        """Hits (store.hits.Hit) for a query in the search language (store.query)."""
        from .search import search

        return search(self.index(), query, limit)

    def add_listener(self, listener: ChangeListener) -> None:
        """Call ``listener(kind, id)`` after each change committed through this Store."""
        self._listeners.append(listener)

    # -- the write transaction ---------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self, *, backup: bool = True) -> Iterator[Transaction]:
        """Hold the store for one read-modify-write; the only way to change its files.

        Holds the in-process mutex and the cross-process lock, and first takes the day's
        backup when one is due (``backup=False``: not, for a repair, which must not
        snapshot the damaged files it is about to replace). Raises :class:`ReadOnlyStore`
        when the store cannot be written and :class:`StoreLocked` when another process
        keeps the lock for ``LOCK_TIMEOUT_S``. A transaction opened by a thread that is
        inside one already joins it (say, an edit that re-reads a meeting and saves it
        through :meth:`update_meeting`). The listeners hear of the recorded changes when
        the outermost transaction is over, outside the lock.
        """
        if self.read_only:
            raise ReadOnlyStore(f"the store at {self.root} is read-only; nothing was changed")
        tx: Transaction | None = None
        committed = False
        with self._mutex:
            if self._transaction is not None:
                # Ours (only the thread holding the mutex can have set it): join it.
                yield self._transaction
                return
            self._acquire_lock()
            try:
                self._recover()
                tx = self._transaction = Transaction(self)
                if backup:
                    self._backup_if_due()
                yield tx
                tx._open = False
                tx.staged.commit()
                committed = True
            finally:
                if tx is not None:
                    tx._open = False
                    if not committed:
                        tx.staged.abort()
                    for db in self._dbs.values():
                        db.storage.settle(committed)  # type: ignore[attr-defined]
                self._transaction = None
                self._lock.release()
        # Outside the lock, and only for what is on disk.
        for hook in tx._after_commit if tx is not None else ():
            hook()
        for kind, ident in tx._changes if tx is not None else ():
            for listener in self._listeners:
                listener(kind, ident)

    def _stage(self, path: Path, payload: bytes) -> bool:
        """For the storages: stage a file's next version in the open transaction."""
        tx = self._transaction
        if tx is None:
            return False
        tx.staged.stage(path, payload)
        if path in tx.digest_paths:
            from .index import notes_digest

            tx.digests[path] = (notes_digest(payload), len(payload))
        return True

    def _recover(self) -> None:
        """Finish (or undo) a multi-file write a killed process left, under the lock, and
        clear staging leftovers; the storages forget what they had cached."""
        if recover(self.root, [self.root, self.root / MEETINGS_DIR]) is not None:
            for db in self._dbs.values():
                db.storage.forget()  # type: ignore[attr-defined]

    @property
    def _lock(self) -> Lock:
        """The cross-process write lock (store.lockfile), made on first use: a command
        that only reads, such as `dossier search --json`, never takes it."""
        with self._mutex:
            if self._file_lock is None:
                self._file_lock = file_lock(self.root / LOCK_FILE, LOCK_TIMEOUT_S)
            return self._file_lock

    def _acquire_lock(self) -> None:
        try:
            self._lock.acquire()
        except LockTimeout:
            raise StoreLocked(
                f"another dossier process has held the lock on {self.root} for "
                f"{LOCK_TIMEOUT_S:.0f} s; try again"
            ) from None
        except PermissionError:
            raise ReadOnlyStore(
                f"the store at {self.root} is read-only; nothing was changed"
            ) from None

    def back_up_if_due(self) -> bool:
        """Take the day's backup now if one is due; True if one was made.

        The backup copies the whole store (~1.4 s at 100k meetings) and is otherwise taken
        inside the day's first write. The app calls this in the background as soon as the
        user starts a change (opens an editor or a question), so the save itself stays
        fast. A read-only store, or one whose lock another writer keeps, is left alone.
        """
        from .backup import backup_due

        if self.read_only or not backup_due(self.root):
            return False
        with contextlib.suppress(StoreError), self.transaction():
            pass  # the transaction takes the backup when due, under the lock
        return not backup_due(self.root)

    def _backup_if_due(self) -> None:
        """The daily rotating backup, taken under the lock before the day's first write."""
        from .backup import backup_due, backup_if_due

        # A backup that cannot be made must not cost the user the write they asked for.
        with contextlib.suppress(OSError):
            if backup_due(self.root):  # cheap: the store's files are listed only when due
                backup_if_due(self.root, self._backup_files())

    def _backup_files(self) -> list[Path]:
        return self.data_files() + [self.root / MANIFEST]

    def _lock_held(self) -> bool:
        lock = self._file_lock
        return lock is not None and lock.is_locked

    def _db(self, path: Path) -> TinyDB:
        with self._mutex:
            db = self._dbs.get(path)
            if db is None:
                validate = (check_notes_table if table_of(self.root, path) == NOTES_TABLE
                            else check_meetings_table)
                db = TinyDB(storage=lambda: AtomicJSONStorage(
                    path, read_only=self.read_only, lock_held=self._lock_held,
                    validate=validate, stage=self._stage))
                self._dbs[path] = db
            return db

    def _holds_tables(self, path: Path) -> bool:
        with self._mutex:
            db = self._dbs.get(path)
        return db is not None and db.storage.holds_tables()  # type: ignore[attr-defined]

    def _table(self, path: Path) -> Table:
        # cache_size=0: TinyDB's query cache is not invalidated by other processes' writes.
        return self._db(path).table(table_of(self.root, path), cache_size=0)

    def _shard(self, meeting_id: str) -> Path:
        return self.root / MEETINGS_DIR / shard_name(meeting_id)

    def meeting_files(self) -> list[Path]:
        """The meeting shards, sorted by name (store.layout.meeting_files)."""
        return meeting_files(self.root)

    def data_files(self) -> list[Path]:
        """The TinyDB files that hold the store's records (store.layout.data_files)."""
        return data_files(self.root)

    def read_docs(self, path: Path) -> list[dict[str, Any]]:
        """The documents of the data file at ``path`` (a shard or notes.json), parsed and
        checked by the store's storage, which re-reads a file only when it changed; none
        when the file does not exist. :class:`DamagedFile` if it cannot be used. The
        documents are the storage's: do not mutate them."""
        with self._mutex:
            return self._table(path).all()

    def close(self) -> None:
        with self._mutex:
            index = self._search_index
        if index is not None:
            # Outside our mutex: a list read holds the index's lock and then takes ours,
            # so taking them the other way round here could deadlock.
            index.close()
        with self._mutex:
            for db in self._dbs.values():
                db.close()
            self._dbs.clear()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- meetings: reading -------------------------------------------------------------

    def iter_meeting_docs(self) -> Iterator[dict[str, Any]]:
        """Every stored meeting as its raw JSON dict (do not mutate)."""
        with self._mutex:
            for path in self.meeting_files():
                yield from self.read_docs(path)

    # -- reads served by the derived index ---------------------------------------------

    def _indexed(self) -> Any | None:
        """The search index when one exists on disk, else None.

        The meeting list and a meeting's JSON are then read from its catalog at the cost of
        a stat of each data file, instead of parsing every TinyDB file (seconds at 100k
        meetings; see docs/performance.md). A missing index is not built here: that takes
        minutes at that size, and the first search builds it.
        """
        if self.read_only or not (self.root / INDEX_FILE).exists():
            return None
        return self.index()

    def _catalog(self, limit: int | None = None, *,
                 records: bool = False) -> list[Any] | None:
        """The newest ``limit`` meetings from the index's catalog, as MeetingSummary (or,
        with ``records``, as list_records' dicts); None when the files must be read."""
        index = self._indexed()
        if index is None:
            return None
        from .index import IndexUnavailable

        # A build of the index (minutes at 100k meetings) holds its lock: then the list
        # comes from the files instead of waiting for it.
        with index.try_lock(CATALOG_LOCK_WAIT_S) as locked:
            if not locked:
                return None
            try:
                stale = index.stale_for_reading()
            except (sqlite3.Error, IndexUnavailable):
                return None  # derived data unusable or busy: read the files
            if len(stale) > CATALOG_MAX_STALE:
                # Much changed (a build cut short, an import by an older version): the
                # catalog would first re-index all of it, under its lock, in the path of
                # the first paint. Read the files; the app's background update catches up.
                return None
            for path in stale:
                if path.exists():
                    # Parse what changed behind the index through our storage, so a damaged
                    # file is refused here exactly as when the list is read from the files.
                    self.read_docs(path)
            try:
                if records:
                    return index.list_records(limit=limit)
                return index.list_meetings(limit=limit)
            except (sqlite3.Error, IndexUnavailable):
                return None

    def _indexed_doc(self, meeting_id: str) -> dict[str, Any] | None:
        index = self._indexed()
        if index is None:
            return None
        from .index import IndexUnavailable

        shard = self._shard(meeting_id)
        with index.try_lock(MEETING_LOCK_WAIT_S) as locked:
            if not locked:
                return None  # the index is busy (a build): one shard is quick to read
            try:
                if index.stale_files([shard]):
                    return None  # the shard changed since indexed: read it
                return index.stored_meeting_json(meeting_id)
            except (sqlite3.Error, IndexUnavailable):
                return None

    def meeting_json(self, meeting_id: str) -> dict[str, Any]:
        """The meeting in its interchange form (``Meeting.to_json_dict()``) plus ``"notes"``,
        its notes newest first (``Note.to_json_dict()`` each): what ``dossier show --json``
        prints.

        With a fresh index both come from it as stored, the records as they were validated
        when written, and the record model (pydantic, ~0.1 s to import) is not loaded
        (issue 16). Otherwise they are read from the files and validated, as get_meeting
        and list_notes do, so a file changed behind the index is checked before it is shown.
        """
        indexed = self._indexed_json(meeting_id)
        if isinstance(indexed, dict):
            return indexed
        data = self.get_meeting(meeting_id).to_json_dict()
        data["notes"] = [note.to_json_dict() for note in self.list_notes(meeting_id)]
        if indexed is not None:
            # Validated just now: bring the index up to date with these files, so the next
            # read is served from it (a note added a moment ago leaves its file marked
            # stale, see store.index.RACY_WINDOW_NS).
            with contextlib.suppress(sqlite3.Error, StoreError, OSError):
                self.index().refresh_files(indexed)
        return data

    def _indexed_json(self, meeting_id: str) -> dict[str, Any] | list[Path] | None:
        """The meeting with its notes from a fresh index; else the files that are stale
        (to be read, validated, then re-indexed), or None (no index, or it is busy)."""
        index = self._indexed()
        if index is None:
            return None
        from .index import IndexUnavailable

        files = [self._shard(meeting_id), self.root / NOTES_FILE]
        with index.try_lock(MEETING_LOCK_WAIT_S) as locked:
            if not locked:
                return None
            try:
                # A file changed behind the index is not re-indexed before it is read: the
                # index takes records as they are, and this one must be validated first.
                stale = index.stale_for_reading(files)
                if stale:
                    return stale
                return index.stored_meeting_with_notes(meeting_id)
            except (sqlite3.Error, IndexUnavailable):
                return None

    def list_records(self, limit: int | None = None) -> list[dict[str, Any]]:
        """list_meetings as JSON dicts, each with ``notes``, its note count: what
        ``dossier list --json`` prints, built straight from the catalog when there is one."""
        records = self._catalog(limit, records=True)
        if records is not None:
            return records
        counts = self.note_counts()
        return [{"id": s.id, "date": s.date.isoformat(), "date_inferred": s.date_inferred,
                 "body": s.body, "title": s.title, "level": s.level, "location": s.location,
                 "status": s.status, "tags": list(s.tags), "notes": counts.get(s.id, 0)}
                for s in self.list_meetings(limit)]

    def list_meetings(self, limit: int | None = None) -> list[MeetingSummary]:
        """Every meeting (or the newest ``limit``), newest first, then by id."""
        summaries, _ = self.newest_meetings(limit)
        return summaries if limit is None else summaries[:limit]

    def newest_meetings(self, limit: int | None) -> tuple[list[MeetingSummary], bool]:
        """The newest ``limit`` meetings and whether that is all of them, for a first
        screen painted before the rest of a big archive arrives.

        From the catalog that is one indexed range read. Without one, every file must be
        read anyway, so all meetings come back (complete) rather than being read twice.
        """
        catalog = self._catalog(limit)
        if catalog is not None:
            return catalog, limit is None or len(catalog) < limit
        summaries: list[MeetingSummary] = []
        where: dict[str, Path] = {}
        with self._mutex:
            for path in self.meeting_files():
                for doc in self.read_docs(path):
                    first = where.setdefault(doc["id"], path)
                    if first != path:
                        raise DamagedFile(path, f"meeting {doc['id']} is also stored in "
                                          f"{first.name}")
                    summaries.append(MeetingSummary.from_doc(doc))
        summaries.sort(key=lambda s: s.id)
        summaries.sort(key=lambda s: s.date, reverse=True)
        return summaries, True

    def iter_meetings(self) -> Iterator[Meeting]:
        with self._mutex:
            paths = self.meeting_files()
        for path in paths:
            for doc in self.read_docs(path):
                yield _meeting_from_doc(path, doc)

    def get_meeting(self, meeting_id: str) -> Meeting:
        doc = self._indexed_doc(meeting_id)
        if doc is None:
            doc = _find(self.read_docs(self._shard(meeting_id)), meeting_id)
        if doc is None:
            raise NotFound(f'no meeting with id "{meeting_id}"')
        return _meeting_from_doc(self._shard(meeting_id), doc)

    def has_meeting(self, meeting_id: str) -> bool:
        return _find(self.read_docs(self._shard(meeting_id)), meeting_id) is not None

    # -- meetings: writing -------------------------------------------------------------

    def add_meeting(self, meeting: Meeting) -> Meeting:
        report = self.put_meetings([meeting], on_conflict="fail")
        assert report.added == (meeting.id,)
        return meeting

    def update_meeting(self, meeting: Meeting) -> Meeting:
        if not self.has_meeting(meeting.id):
            raise NotFound(f'no meeting with id "{meeting.id}"')
        self.put_meetings([meeting], on_conflict="replace")
        return meeting

    def put_meetings(self, meetings: Iterable[Meeting], *, on_conflict: OnConflict = "fail",
                     dry_run: bool = False, same_is_skipped: bool = False,
                     progress: Callable[[int, int], None] | None = None) -> PutReport:
        """Add many meetings at once, all or nothing; one rewrite per touched shard.

        ``on_conflict`` decides what an id that already exists does: ``fail`` (raise
        :class:`Conflict` and change nothing), ``skip`` it, or ``replace`` the stored one.
        With ``same_is_skipped`` (an import), a record identical to the stored one is no
        conflict under ``fail``: it is skipped, so importing an export again changes nothing.
        ``progress`` hears (shards done, shards to do) as the records are merged, once they
        are all read (~a quarter of a big import's time).
        """
        # The records stream through a spool (store.spool), a file per shard, and the
        # shards are merged one at a time: memory holds one shard and its incoming
        # records, never the whole input (a 100k-meeting import peaked at 3.9 GB when every
        # record, then every shard's new documents, were held until the commit).
        from .spool import Spool

        seen: set[str] = set()
        with Spool(None if dry_run else self.root) as spool:
            for meeting in meetings:
                if meeting.id in seen:
                    raise Conflict(f'meeting {meeting.id} appears twice in the input')
                seen.add(meeting.id)
                spool.add(shard_name(meeting.id), meeting.id,
                          orjson.dumps(meeting.to_json_dict()))
            del seen
            if dry_run:
                with self._mutex:
                    return self._merge(spool, self.read_docs, None, on_conflict,
                                       same_is_skipped, progress)
            try:
                with self.transaction() as tx:
                    report = self._merge(spool, tx.docs, tx, on_conflict, same_is_skipped,
                                         progress)
                    for meeting_id in (*report.added, *report.replaced):
                        tx.changed("meeting", meeting_id)
            except WriteFailed as exc:
                if spool.count <= 1:
                    raise
                raise WriteFailed(f"{exc}; none of the {spool.count:,} meetings was "
                                  f"written, the store is as it was") from exc
        return report

    def _merge(self, spool: Spool, read: Callable[[Path], list[dict[str, Any]]],
               tx: Transaction | None, on_conflict: OnConflict, same_is_skipped: bool,
               progress: Callable[[int, int], None] | None = None) -> PutReport:
        """Sort each spooled record against its shard as stored, and (given ``tx``) stage
        each shard's new file, one shard at a time in the order the records came; a
        conflict raises, and the transaction then stages nothing."""
        added: list[str] = []
        replaced: list[str] = []
        skipped: list[str] = []
        shards = len(spool.ids)
        for done, (shard, ids) in enumerate(spool.ids.items()):
            if progress is not None:
                progress(done, shards)
            path = self.root / MEETINGS_DIR / shard
            with gc_paused():  # a shard's documents are many small objects, none cyclic
                existing = {doc["id"]: doc for doc in read(path)}
                new: dict[str, dict[str, Any]] = {}
                for meeting_id, record in zip(ids, spool.records(shard), strict=True):
                    if meeting_id in existing:
                        if on_conflict == "skip":
                            skipped.append(meeting_id)
                            continue
                        if on_conflict == "fail":
                            doc = orjson.loads(record)
                            if same_is_skipped and existing[meeting_id] == doc:
                                # The very record we hold (an export read back, the sample
                                # meeting a new store starts with) is no conflict: skipped.
                                skipped.append(meeting_id)
                                continue
                            raise Conflict(f"meeting {meeting_id} already exists; use "
                                           f"--on-conflict skip or replace")
                        replaced.append(meeting_id)
                    else:
                        added.append(meeting_id)
                    if tx is not None:
                        new[meeting_id] = orjson.loads(record)
                del existing
                if new:
                    assert tx is not None
                    tx.rewrite(path, _putting(new))
                del new
            # Let the storage go of the shard's documents: the staged file is parsed again
            # if this transaction reads the shard once more.
            self._db(path).storage.release(  # type: ignore[attr-defined]
                tx.staged.staged_path(path) if tx is not None else None)
        if progress is not None:
            progress(shards, shards)
        return PutReport(tuple(added), tuple(replaced), tuple(skipped))

    def delete_meeting(self, meeting_id: str) -> tuple[Meeting, list[Note]]:
        """Delete a meeting and its notes; returns both so a caller can undo."""
        from .model import Meeting, Note
        shard, notes_file = self._shard(meeting_id), self.root / NOTES_FILE
        with self.transaction() as tx:
            doc = _find(tx.docs(shard), meeting_id)
            if doc is None:
                raise NotFound(f'no meeting with id "{meeting_id}"')
            meeting = Meeting.from_json_dict(doc)
            notes = [Note.from_json_dict(d) for d in tx.docs(notes_file)
                     if d.get("meeting_id") == meeting_id]
            if notes:
                tx.rewrite(notes_file, _removing("meeting_id", meeting_id))
            tx.rewrite(shard, _removing("id", meeting_id))
            tx.changed("meeting", meeting_id)
            for note in notes:  # the notes file changed too: its listeners must hear of it
                tx.changed("note", note.id)
        return meeting, notes

    def restore_meeting(self, meeting: Meeting, notes: Sequence[Note] = ()) -> Meeting:
        """Put back a meeting and its notes exactly as :meth:`delete_meeting` returned them
        (undo): the same ids, text and created/updated times, under one hold of the lock.

        Nothing is changed, and :class:`Conflict` raised, when the meeting's id or a note's
        id has been taken since (say, a new meeting added under the same id); a note that
        belongs to another meeting is refused with :class:`StoreError`. The meeting is
        written before its notes, so an interruption never leaves notes without their
        meeting; a notes write that fails takes the meeting back out.
        """
        stray = next((n for n in notes if n.meeting_id != meeting.id), None)
        if stray is not None:
            raise StoreError(f"note {stray.id} belongs to meeting {stray.meeting_id}, not "
                             f"{meeting.id}; nothing was restored")
        note_ids = [n.id for n in notes]
        if len(set(note_ids)) != len(note_ids):
            raise Conflict(f"a note appears twice among the notes of meeting {meeting.id}; "
                           f"nothing was restored")
        shard, notes_file = self._shard(meeting.id), self.root / NOTES_FILE
        with self.transaction() as tx:
            if _find(tx.docs(shard), meeting.id) is not None:
                raise Conflict(f"meeting {meeting.id} exists again (added since it was "
                               f"deleted); nothing was restored")
            taken = {doc.get("id") for doc in tx.docs(notes_file)}
            clash = next((note_id for note_id in note_ids if note_id in taken), None)
            if clash is not None:
                raise Conflict(f"note {clash} already exists; nothing was restored")
            tx.rewrite(shard, _appending([meeting.to_json_dict()]))
            if notes:  # one rewrite of the notes file for all of them
                tx.rewrite(notes_file, _appending([note.to_json_dict() for note in notes]))
            tx.changed("meeting", meeting.id)
            for note in notes:
                tx.changed("note", note.id)
        return meeting

    # -- notes -------------------------------------------------------------------------

    def add_note(self, meeting_id: str, text: str, target: str = "meeting") -> Note:
        """Attach a note to a meeting or one of its items; durable when this returns."""
        from .model import Note

        return Note.from_json_dict(self.add_note_doc(meeting_id, text, target))

    def add_note_doc(self, meeting_id: str, text: str, target: str = "meeting") -> dict[str, Any]:
        """:meth:`add_note` without the record model: the new note's JSON as stored
        (``Note.to_json_dict()``). `dossier note add` is a whole process, and pydantic
        with a validation of the whole meeting to learn its targets was half of it (issue
        16); the note is valid by construction (store.note_doc).

        The meeting is still validated by the model, as before, unless the search index
        holds its shard exactly as it is on disk (the trust `show --json` gives a stored
        record, validated when written): a shard edited behind the store's back is not
        written beside. With an index on disk, the index is told of this one note instead
        of diffing every note at the next search (50,000 notes: ~0.45 s)."""
        from .note_doc import doc_targets, new_note_doc

        check_note_text(text)
        notes_file, shard = self.root / NOTES_FILE, self._shard(meeting_id)
        index, own_index = self._note_index()
        try:
            trusted = (_fresh_doc(index, shard, meeting_id, settle=own_index)
                       if index is not None else None)
            with self.transaction() as tx:
                # The meeting and its item are looked for under the lock, in the file as
                # it is now: a meeting deleted by another process a moment ago gets no
                # orphan note.
                if trusted is not None and file_key(shard) == trusted[0]:
                    doc: dict[str, Any] | None = trusted[1]  # the index's copy of the file's
                else:
                    doc = _find(tx.docs(shard), meeting_id)
                    if doc is not None:
                        _meeting_from_doc(shard, doc)  # DamagedFile if the model refuses it
                if doc is None:
                    raise NotFound(f'no meeting with id "{meeting_id}"')
                if target not in doc_targets(doc):
                    raise NotFound(f'meeting {meeting_id} has no item "{target}"')
                try:
                    note = new_note_doc(new_note_id(), meeting_id, target, text, now_utc())
                except ValueError:
                    raise DamagedFile(shard, f"meeting {meeting_id!r}: id is not a slug") \
                        from None
                tail: bytes | None = None
                head_hash: Any = None
                if index is not None:
                    tx.digest_paths.add(notes_file)
                    # Under the lock: the file appended to, as it is now. A process that
                    # holds the parsed notes (the app) changes them in place instead, as
                    # cheaply and without parsing them again later.
                    if self._holds_tables(notes_file) or tx.staged.staged_path(notes_file):
                        before, payload = file_key(notes_file), None
                        before_digest = _recent_digest(notes_file, before)
                    else:
                        before, payload = _key_and_bytes(notes_file)
                        keep = max(len(payload or b"") - len(TABLE_CLOSING), 0)
                        before_digest, head_hash = _digests(payload, keep)
                    if payload is not None:
                        tail = _appended_note(index, before, before_digest, payload, note)
                if tail is not None:
                    head_hash.update(tail)
                    tx.stage_pieces(notes_file, [memoryview(payload)[:keep], tail],
                                    head_hash.hexdigest())
                else:
                    tx.rewrite(notes_file, _appending([note]))
                tx.changed("note", note["id"])
                if index is not None and notes_file in tx.digests:
                    digest, size = tx.digests[notes_file]
                    tx.after_commit(lambda: _index_new_note(index, note, before,
                                                            before_digest, digest, size))
        finally:
            if own_index and index is not None:
                index.close()
        return note

    def _note_index(self) -> tuple[SearchIndex | None, bool]:
        """The search index a note add consults and tells, if one is on disk, and whether
        it was opened for this add only: then without a listener, so a note the index
        cannot take alone leaves the diff to the next read instead of doing it here."""
        if self.read_only or not (self.root / INDEX_FILE).exists():
            return None, False
        with self._mutex:
            if self._search_index is not None:
                return self._search_index, False
        from .index import SearchIndex

        return SearchIndex(self, listen=False), True

    def restore_note(self, note: Note) -> Note:
        """Put back a deleted note exactly as it was (undo)."""
        notes_file = self.root / NOTES_FILE
        with self.transaction() as tx:
            if _find(tx.docs(notes_file), note.id) is not None:
                raise Conflict(f"note {note.id} already exists")
            tx.rewrite(notes_file, _appending([note.to_json_dict()]))
            tx.changed("note", note.id)
        return note

    def edit_note(self, note_id: str, text: str) -> Note:
        from .model import Note, tags_in
        check_note_text(text)
        notes_file = self.root / NOTES_FILE
        with self.transaction() as tx:
            doc = _note_doc(tx.docs(notes_file), note_id)
            updated = Note.from_json_dict(doc).model_copy(
                update={"text": text, "updated": now_utc(), "tags": tags_in(text)})
            Note.from_json_dict(updated.to_json_dict())  # validate the new text
            tx.rewrite(notes_file, _updating(note_id, updated.to_json_dict()))
            tx.changed("note", note_id)
        return updated

    def delete_note(self, note_id: str) -> Note:
        from .model import Note
        notes_file = self.root / NOTES_FILE
        with self.transaction() as tx:
            note = Note.from_json_dict(_note_doc(tx.docs(notes_file), note_id))
            tx.rewrite(notes_file, _removing("id", note_id))
            tx.changed("note", note_id)
        return note

    def get_note(self, note_id: str) -> Note:
        from .model import Note
        return Note.from_json_dict(_note_doc(self.read_docs(self.root / NOTES_FILE), note_id))

    def list_notes(self, meeting_id: str | None = None, target: str | None = None) -> list[Note]:
        """Notes, newest first; optionally of one meeting and one target."""
        docs = self.read_docs(self.root / NOTES_FILE)
        notes = [_note_from_doc(self.root / NOTES_FILE, doc) for doc in docs
                 if (meeting_id is None or doc.get("meeting_id") == meeting_id)
                 and (target is None or doc.get("target") == target)]
        notes.sort(key=lambda n: (n.created, n.id), reverse=True)
        return notes

    def meeting_notes(self, meeting_id: str, limit: int | None = None) -> MeetingNotes:
        """A meeting's newest ``limit`` notes in full, and how many notes each of its
        targets has, all counted: 50,000 notes on one meeting cost one pass over the raw
        documents, and only the ones shown are validated into Notes."""
        path = self.root / NOTES_FILE
        docs = [doc for doc in self.read_docs(path) if doc.get("meeting_id") == meeting_id]
        counts: dict[str, int] = {}
        for doc in docs:
            target = str(doc.get("target", "meeting"))
            counts[target] = counts.get(target, 0) + 1
        if limit is not None and len(docs) > limit:
            # Stored times are ISO 8601 in UTC, written by us: as strings they sort in time.
            docs.sort(key=lambda d: (str(d.get("created", "")), str(d.get("id", ""))),
                      reverse=True)
            docs = docs[:limit]
        newest = [_note_from_doc(path, doc) for doc in docs]
        newest.sort(key=lambda n: (n.created, n.id), reverse=True)
        return MeetingNotes(newest, counts)

    def note_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for doc in self.read_docs(self.root / NOTES_FILE):
            key = doc.get("meeting_id", "")
            counts[key] = counts.get(key, 0) + 1
        return counts


# -- what writers do to a file's documents (Transaction.rewrite) ------------------------


def _leftovers_in(root: Path) -> bool:
    """Whether a killed writer may have left something for ``Store._tidy`` to clear: a
    journal, a temp or staged file, an old version, or an import's spool, all dot-names
    in the store's folder or its meetings folder. Two listings of names (~0.1 ms), so a
    store with none (nearly always) opens without taking the write lock."""
    for folder in (root, root / MEETINGS_DIR):
        with contextlib.suppress(OSError):
            for name in os.listdir(folder):
                if name.startswith(".") and (
                        name == JOURNAL_FILE
                        or name.endswith((TEMP_SUFFIX, OLD_SUFFIX, SPOOL_SUFFIX))):
                    return True
    return False


def _find(docs: Iterable[dict[str, Any]], ident: str) -> dict[str, Any] | None:
    return next((doc for doc in docs if doc.get("id") == ident), None)


def _note_doc(docs: Iterable[dict[str, Any]], note_id: str) -> dict[str, Any]:
    doc = _find(docs, note_id)
    if doc is None:
        raise NotFound(f'no note with id "{note_id}"')
    return doc


def _appending(new: list[dict[str, Any]]) -> Callable[[Docs], None]:
    """Add documents after the file's last one.

    The doc ids are computed from the file as it is now, under the lock: TinyDB caches the
    next id per instance, so another process's insert would make a cached id collide.
    """
    def change(docs: Docs) -> None:
        next_id = max(docs, default=0) + 1
        for offset, doc in enumerate(new):
            docs[next_id + offset] = doc
    return change


def _putting(new: dict[str, dict[str, Any]]) -> Callable[[Docs], None]:
    """Replace the documents with these ids in place; add the others after the last one."""
    def change(docs: Docs) -> None:
        where = {doc.get("id"): doc_id for doc_id, doc in docs.items()}
        next_id = max(docs, default=0) + 1
        for ident, doc in new.items():
            if ident in where:
                docs[where[ident]] = doc
            else:
                docs[next_id] = doc
                next_id += 1
    return change


def _updating(ident: str, fields: dict[str, Any]) -> Callable[[Docs], None]:
    """Change the fields of the document with this id (others it has are kept)."""
    def change(docs: Docs) -> None:
        for doc_id, doc in docs.items():
            if doc.get("id") == ident:
                docs[doc_id] = {**doc, **fields}
    return change


def _removing(key: str, value: str) -> Callable[[Docs], None]:
    """Remove every document whose ``key`` is ``value``."""
    def change(docs: Docs) -> None:
        for doc_id in [doc_id for doc_id, doc in docs.items() if doc.get(key) == value]:
            del docs[doc_id]
    return change


def _fresh_doc(index: SearchIndex, shard: Path, meeting_id: str, *,
               settle: bool = False) -> tuple[FileKey, dict[str, Any]] | None:
    """The shard's key and the index's copy of the meeting, if the index holds the shard
    exactly as it is on disk; else None (not indexed, changed since, written too recently
    to tell, the meeting not there, or the index busy). At 100k meetings a shard is 2.3 MB:
    parsing it to find one meeting cost ~30 ms of a note add."""
    with index.try_lock(MEETING_LOCK_WAIT_S) as locked:
        if not locked:
            return None
        try:
            # A shard written moments before it was indexed (a new store, an import, the
            # search right after them) is kept as "racy" until a read re-checks it. With
            # ``settle`` (a process that has not loaded the record model, such as `dossier
            # note add`), re-check it here: one shard, diffed by content (~5 ms at 10k
            # meetings), against ~70 ms to import store.model and validate the meeting.
            if settle and index.stale_files([shard]) and index.refresh_files([shard]):
                return None
            key = file_key(shard)
            if key is None or index.stale_files([shard]):
                return None
            doc = index.stored_meeting_json(meeting_id)
        except (sqlite3.Error, StoreError, OSError):
            return None
        return (key, doc) if isinstance(doc, dict) and doc.get("id") == meeting_id else None


def _index_new_note(index: SearchIndex, doc: dict[str, Any], before: FileKey | None,
                    before_digest: str | None, digest: str, size: int) -> None:
    """Tell the index of a note just added (SearchIndex.note_written). Best effort: the
    index is derived, and when this does nothing the next read diffs the notes file."""
    after = file_key(index.source.root / NOTES_FILE)
    if after is None or after[0] != size:
        return  # another writer came in since: leave it to the next read
    with contextlib.suppress(StoreError, OSError, sqlite3.Error):
        index.note_written(doc, before, before_digest, after, digest)


def _key_and_bytes(path: Path) -> tuple[FileKey | None, bytes | None]:
    """A data file's key and its bytes, both of one open file; no bytes when there is no
    file or it cannot be read (the rewrite that follows then says why)."""
    try:
        refuse_symlink(path)
        return read_with_key(path)
    except (OSError, DamagedFile):
        return file_key(path), None


def _digests(payload: bytes | None, keep: int) -> tuple[str | None, Any]:
    """The digest of a data file's bytes (store.index.notes_digest), and a hash of its
    first ``keep`` bytes to finish with a tail appended to them (notes_digest_with_head).

    Taken whatever the file's age: the index keeps the key of a file written in the last
    seconds as "racy" (store.index.RACY_WINDOW_NS), and every note add leaves notes.json
    so; without the digest, the next add a minute later could not tell the index holds
    the file, and each add spaced out so cost a full diff of every note at the next
    search (~0.45 s at 50,000 notes)."""
    if payload is None:
        return None, None
    from .index import notes_digest_with_head

    return notes_digest_with_head(payload, keep)


def _recent_digest(path: Path, key: FileKey | None) -> str | None:
    """The digest of a data file written in the last seconds (whose key the index keeps as
    "racy"), else None: for a process whose index hears of its writes anyway (the app's
    listener), which need not read 14 MB of notes to hash them on every add."""
    from .index import RACY_WINDOW_NS, notes_digest

    if key is None or time.time_ns() - key[1] >= RACY_WINDOW_NS:
        return None
    try:
        return notes_digest(path.read_bytes())
    except OSError:
        return None


def _appended_note(index: SearchIndex, key: FileKey | None, digest: str | None,
                   payload: bytes, note: dict[str, Any]) -> bytes | None:
    """The tail that adds ``note`` to the notes file's bytes ``payload`` without parsing
    them (storage.appended_doc_tail): only when the index holds exactly this file,
    which it read through the store's checks, and no note with this id; and only when the
    doc ids found in the bytes are as many as the notes it holds, so the file has no table
    but notes. Else None: read and rewrite it. 50,000 notes (14 MB): ~30 ms against
    ~250 ms."""
    held = index.notes_held(key, digest, note["id"])
    if held is None:
        return None
    return appended_doc_tail(payload, NOTES_TABLE, note, docs_in_table=held)


def _meeting_from_doc(path: Path, doc: dict[str, Any]) -> Meeting:
    from .model import Meeting
    try:
        return Meeting.from_json_dict(doc)
    except RecordInvalid as exc:
        raise DamagedFile(path, str(exc)) from None


def _note_from_doc(path: Path, doc: dict[str, Any]) -> Note:
    from .model import Note
    try:
        return Note.from_json_dict(doc)
    except RecordInvalid as exc:
        raise DamagedFile(path, str(exc)) from None


def _exists_as_store(path: Path) -> bool:
    return (path / MANIFEST).exists()


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of the store at ``path``; :class:`DamagedFile` if it is not one."""
    data = decode_json_file(path / MANIFEST)
    if not isinstance(data, dict) or data.get("format") != FORMAT_MARKER:
        raise DamagedFile(path / MANIFEST, "it is not a meeting-dossier manifest")
    return data


def open_store(root: str | os.PathLike[str] | None = None) -> Store:
    """Open (creating and seeding if needed) the store at ``root`` or the default one."""
    return Store.open(root)
