"""The store: a directory of TinyDB JSON files, the source of truth for every record.

Layout of a store directory (0700; files 0600)::

    dossier.json            manifest: format marker and schema_version
    meetings/<xx>.json      TinyDB files, table "meetings"; a meeting lives in the shard
                            named by a hash of its id, so opening or editing one meeting
                            reads or rewrites one small file, never the whole archive
    notes.json              TinyDB file, table "notes": the user's fast-changing writes,
                            kept apart so a note never rewrites a meeting
    .lock                   the cross-process write lock (filelock)
    backups/                rotating copies (see store.backup)

Every write holds the store lock across its read-modify-write, and the storage re-reads a
file another process changed since it was last read, so no one's change is overwritten.
Ids are our own (slugs for meetings, random slugs for notes); TinyDB's ``doc_id`` is never
used as a reference because it is cached per instance and reused after deletes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import orjson
from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.table import Document, Table

from .errors import (
    Conflict,
    DamagedFile,
    NotFound,
    ReadOnlyStore,
    RecordInvalid,
    StoreError,
    StoreLocked,
)
from .limits import check_note_text
from .paths import bundled_sample_records, default_store_dir
from .shape import check_meetings_table, check_notes_table, newer_record, sniff
from .storage import (
    DIR_MODE,
    AtomicJSONStorage,
    atomic_write_bytes,
    decode_json_file,
    remove_orphan_temp_files,
)
from .version import SCHEMA_VERSION

# The record model (pydantic) loads on first use, not with the store: the app's first
# paint reads the manifest and the list, which need neither.
if TYPE_CHECKING:
    from .model import Meeting, Note

MANIFEST = "dossier.json"
INDEX_FILE = "index.sqlite"  # store.index's derived file (store.index imports this module)
FORMAT_MARKER = "meeting-dossier store"
MEETINGS_DIR = "meetings"
NOTES_FILE = "notes.json"
LOCK_FILE = ".lock"
MEETINGS_TABLE = "meetings"
NOTES_TABLE = "notes"
LOCK_TIMEOUT_S = 10.0
#: How long the list and a meeting's open wait for the search index's lock before reading
#: the TinyDB files instead (a build of the index holds it for minutes on a big store).
CATALOG_LOCK_WAIT_S = 0.25
MEETING_LOCK_WAIT_S = 0.05
#: With more data files than this changed since indexed, the list is read from the files.
CATALOG_MAX_STALE = 16

OnConflict = Literal["skip", "replace", "fail"]


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    """What the meeting list shows; cheap to build for every meeting."""

    id: str
    date: dt.date
    date_inferred: bool
    body: str
    title: str
    level: str
    location: str
    status: str | None
    tags: tuple[str, ...]

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> MeetingSummary:
        return cls(
            id=doc["id"],
            date=dt.date.fromisoformat(doc["date"]),
            date_inferred=bool(doc.get("date_inferred", False)),
            body=doc.get("body", ""),
            title=doc["title"],
            level=doc.get("level", ""),
            location=doc.get("location", ""),
            status=doc.get("status"),
            tags=tuple(doc.get("tags", ())),
        )


@dataclass(frozen=True, slots=True)
class PutReport:
    """What a bulk put did (or, on a dry run, would do)."""

    added: tuple[str, ...]
    replaced: tuple[str, ...]
    skipped: tuple[str, ...]


def shard_name(meeting_id: str) -> str:
    """The shard file a meeting lives in: 256 shards keyed by a hash of its id."""
    return hashlib.blake2b(meeting_id.encode(), digest_size=1).hexdigest() + ".json"


def new_note_id() -> str:
    return "n-" + secrets.token_hex(6)


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


ChangeListener = Callable[[str, str], None]
"""Called after a committed change with (kind, id): kind is "meeting" or "note"."""


class Store:
    """A meeting-dossier store directory. Thread-safe; safe across processes."""

    def __init__(self, root: Path, *, read_only: bool = False) -> None:
        self.root = Path(root)
        self.read_only = read_only
        self._mutex = threading.RLock()
        self._lock = FileLock(str(self.root / LOCK_FILE), timeout=LOCK_TIMEOUT_S,
                              thread_local=False, mode=0o600)
        self._dbs: dict[Path, TinyDB] = {}
        self._listeners: list[ChangeListener] = []
        self._search_index: Any = None  # store.index.SearchIndex, opened on first use

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
        manifest = _read_manifest(path)
        version = manifest.get("schema_version")
        if not isinstance(version, int):
            raise DamagedFile(path / MANIFEST, "schema_version is missing or not a number")
        if version > SCHEMA_VERSION:
            raise newer_record(path / MANIFEST, "a store", version)
        store = cls(path, read_only=not os.access(path, os.W_OK))
        # A glance at every file (microseconds each) so a damaged one is reported by any
        # command, even one that would not read it.
        for data_file in store.data_files():
            sniff(data_file)
        if version < SCHEMA_VERSION and not store.read_only:
            from .migrate import migrate_store

            migrate_store(store, version)
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
        with store._writing():
            atomic_write_bytes(path / MANIFEST, orjson.dumps(
                {"format": FORMAT_MARKER, "schema_version": SCHEMA_VERSION},
                option=orjson.OPT_INDENT_2))
        if seed:
            records = [Meeting.from_json_dict(orjson.loads(entry.read_bytes()))
                       for entry in bundled_sample_records()]
            store.put_meetings(records, on_conflict="fail")
        return store

    def _tidy(self) -> None:
        """Remove temp files a killed writer left, if no one is writing right now."""
        if self.read_only:
            return
        with contextlib.suppress(Timeout, OSError), self._lock.acquire(timeout=0):
            remove_orphan_temp_files(self.root)
            remove_orphan_temp_files(self.root / MEETINGS_DIR)

    # -- plumbing ----------------------------------------------------------------------

    def index(self) -> Any:
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

        return search(self, query, limit)

    def add_listener(self, listener: ChangeListener) -> None:
        self._listeners.append(listener)

    def _changed(self, kind: str, ident: str) -> None:
        for listener in self._listeners:
            listener(kind, ident)

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the in-process mutex and the cross-process lock for one read-modify-write."""
        if self.read_only:
            raise ReadOnlyStore(f"the store at {self.root} is read-only; nothing was changed")
        with self._mutex:
            try:
                self._lock.acquire()
            except Timeout:
                raise StoreLocked(
                    f"another dossier process has held the lock on {self.root} for "
                    f"{LOCK_TIMEOUT_S:.0f} s; try again"
                ) from None
            except PermissionError:
                raise ReadOnlyStore(
                    f"the store at {self.root} is read-only; nothing was changed"
                ) from None
            try:
                self._backup_if_due()
                yield
            finally:
                self._lock.release()

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
        with contextlib.suppress(StoreError), self._writing():
            pass  # _writing takes the backup when due, under the lock
        return not backup_due(self.root)

    def _backup_if_due(self) -> None:
        """The daily rotating backup, taken under the lock before the day's first write."""
        from .backup import backup_due, backup_if_due

        # A backup that cannot be made must not cost the user the write they asked for.
        with contextlib.suppress(OSError):
            if backup_due(self.root):  # cheap: the store's files are listed only when due
                backup_if_due(self.root, self.data_files() + [self.root / MANIFEST])

    def _lock_held(self) -> bool:
        return self._lock.is_locked

    def _db(self, path: Path) -> TinyDB:
        with self._mutex:
            db = self._dbs.get(path)
            if db is None:
                validate = (check_notes_table if path.name == NOTES_FILE
                            and path.parent == self.root else check_meetings_table)
                db = TinyDB(storage=lambda: AtomicJSONStorage(
                    path, read_only=self.read_only, lock_held=self._lock_held,
                    validate=validate))
                self._dbs[path] = db
            return db

    def _table(self, path: Path, name: str) -> Table:
        # cache_size=0: TinyDB's query cache is not invalidated by other processes' writes.
        return self._db(path).table(name, cache_size=0)

    def _meetings_table(self, meeting_id: str) -> Table:
        return self._table(self.root / MEETINGS_DIR / shard_name(meeting_id), MEETINGS_TABLE)

    def _notes_table(self) -> Table:
        return self._table(self.root / NOTES_FILE, NOTES_TABLE)

    def meeting_files(self) -> list[Path]:
        directory = self.root / MEETINGS_DIR
        if not directory.is_dir():
            return []
        # Sorted by name string: comparing Path objects costs ~10 ms for 256 shards, and
        # this runs on every write (backup check) and every index freshness check.
        names = sorted(name for name in os.listdir(directory)
                       if os.path.splitext(name)[1] == ".json")
        return [directory / name for name in names]

    def data_files(self) -> list[Path]:
        """The TinyDB files that hold the store's records (the source of truth)."""
        files = self.meeting_files()
        notes = self.root / NOTES_FILE
        if notes.exists():
            files.append(notes)
        return files

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
                yield from self._table(path, MEETINGS_TABLE).all()

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

    def _catalog(self, limit: int | None = None) -> list[MeetingSummary] | None:
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
                stale = index.stale_files()
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
                    table = NOTES_TABLE if path.name == NOTES_FILE else MEETINGS_TABLE
                    with self._mutex:
                        self._table(path, table).all()
            try:
                return index.list_meetings(limit=limit)
            except (sqlite3.Error, IndexUnavailable):
                return None

    def _indexed_doc(self, meeting_id: str) -> dict[str, Any] | None:
        index = self._indexed()
        if index is None:
            return None
        from .index import IndexUnavailable

        shard = self.root / MEETINGS_DIR / shard_name(meeting_id)
        with index.try_lock(MEETING_LOCK_WAIT_S) as locked:
            if not locked:
                return None  # the index is busy (a build): one shard is quick to read
            try:
                if index.stale_files([shard]):
                    return None  # the shard changed since indexed: read it
                return index.stored_meeting_json(meeting_id)
            except (sqlite3.Error, IndexUnavailable):
                return None

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
                for doc in self._table(path, MEETINGS_TABLE).all():
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
            with self._mutex:
                docs = self._table(path, MEETINGS_TABLE).all()
            for doc in docs:
                yield _meeting_from_doc(path, doc)

    def _find_doc(self, table: Table, meeting_id: str) -> dict[str, Any] | None:
        for doc in table.all():
            if doc.get("id") == meeting_id:
                return doc
        return None

    def get_meeting(self, meeting_id: str) -> Meeting:
        doc = self._indexed_doc(meeting_id)
        if doc is None:
            with self._mutex:
                doc = self._find_doc(self._meetings_table(meeting_id), meeting_id)
        if doc is None:
            raise NotFound(f'no meeting with id "{meeting_id}"')
        return _meeting_from_doc(self.root / MEETINGS_DIR / shard_name(meeting_id), doc)

    def has_meeting(self, meeting_id: str) -> bool:
        with self._mutex:
            return self._find_doc(self._meetings_table(meeting_id), meeting_id) is not None

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
                     dry_run: bool = False) -> PutReport:
        """Add many meetings at once, all or nothing; one rewrite per touched shard.

        ``on_conflict`` decides what an id that already exists does: ``fail`` (raise
        :class:`Conflict` and change nothing), ``skip`` it, or ``replace`` the stored one.
        """
        by_shard: dict[str, dict[str, Meeting]] = {}
        for meeting in meetings:
            shard = by_shard.setdefault(shard_name(meeting.id), {})
            if meeting.id in shard:
                raise Conflict(f'meeting {meeting.id} appears twice in the input')
            shard[meeting.id] = meeting
        added: list[str] = []
        replaced: list[str] = []
        skipped: list[str] = []
        with self._writing() if not dry_run else self._mutex:
            plans: list[tuple[Table, dict[str, int], dict[str, Meeting]]] = []
            for shard, incoming in by_shard.items():
                table = self._table(self.root / MEETINGS_DIR / shard, MEETINGS_TABLE)
                existing = {doc["id"]: doc.doc_id for doc in table.all()}
                for meeting_id in incoming:
                    if meeting_id in existing:
                        if on_conflict == "fail":
                            raise Conflict(
                                f"meeting {meeting_id} already exists; use --on-conflict "
                                f"skip or replace"
                            )
                        (skipped if on_conflict == "skip" else replaced).append(meeting_id)
                    else:
                        added.append(meeting_id)
                plans.append((table, existing, incoming))
            if not dry_run:
                for table, existing, incoming in plans:
                    _apply_shard(table, existing, incoming, on_conflict)
        if not dry_run:
            for meeting_id in (*added, *replaced):
                self._changed("meeting", meeting_id)
        return PutReport(tuple(added), tuple(replaced), tuple(skipped))

    def delete_meeting(self, meeting_id: str) -> tuple[Meeting, list[Note]]:
        """Delete a meeting and its notes; returns both so a caller can undo."""
        from .model import Meeting, Note
        with self._writing():
            table = self._meetings_table(meeting_id)
            doc = self._find_doc(table, meeting_id)
            if doc is None:
                raise NotFound(f'no meeting with id "{meeting_id}"')
            meeting = Meeting.from_json_dict(doc)
            notes_table = self._notes_table()
            notes = [Note.from_json_dict(d) for d in notes_table.all()
                     if d.get("meeting_id") == meeting_id]
            if notes:
                notes_table.remove(doc_ids=[d.doc_id for d in notes_table.all()
                                            if d.get("meeting_id") == meeting_id])
            table.remove(doc_ids=[doc.doc_id])
        self._changed("meeting", meeting_id)
        for note in notes:  # the notes file changed too: its listeners must hear of it
            self._changed("note", note.id)
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
        with self._writing():
            table = self._meetings_table(meeting.id)
            if self._find_doc(table, meeting.id) is not None:
                raise Conflict(f"meeting {meeting.id} exists again (added since it was "
                               f"deleted); nothing was restored")
            notes_table = self._notes_table()
            docs = notes_table.all()
            taken = {doc.get("id") for doc in docs}
            clash = next((note_id for note_id in note_ids if note_id in taken), None)
            if clash is not None:
                raise Conflict(f"note {clash} already exists; nothing was restored")
            meeting_doc_id = _insert(table, meeting.to_json_dict())
            if notes:
                next_id = max((d.doc_id for d in docs), default=0) + 1
                try:
                    # One rewrite of the notes file for all of them.
                    notes_table.insert_multiple(
                        [Document(note.to_json_dict(), doc_id=next_id + offset)
                         for offset, note in enumerate(notes)])
                except BaseException:
                    with contextlib.suppress(StoreError, OSError):
                        table.remove(doc_ids=[meeting_doc_id])
                    raise
        self._changed("meeting", meeting.id)
        for note in notes:
            self._changed("note", note.id)
        return meeting

    # -- notes -------------------------------------------------------------------------

    def add_note(self, meeting_id: str, text: str, target: str = "meeting") -> Note:
        """Attach a note to a meeting or one of its items; durable when this returns."""
        from .model import Note, tags_in
        check_note_text(text)
        meeting = self.get_meeting(meeting_id)
        if target not in meeting.targets():
            raise NotFound(f'meeting {meeting_id} has no item "{target}"')
        stamp = now_utc()
        note = Note(id=new_note_id(), meeting_id=meeting_id, target=target, text=text,
                    created=stamp, updated=stamp, tags=tags_in(text))
        with self._writing():
            _insert(self._notes_table(), note.to_json_dict())
        self._changed("note", note.id)
        return note

    def restore_note(self, note: Note) -> Note:
        """Put back a deleted note exactly as it was (undo)."""
        with self._writing():
            table = self._notes_table()
            if any(doc.get("id") == note.id for doc in table.all()):
                raise Conflict(f"note {note.id} already exists")
            _insert(table, note.to_json_dict())
        self._changed("note", note.id)
        return note

    def edit_note(self, note_id: str, text: str) -> Note:
        from .model import Note, tags_in
        check_note_text(text)
        with self._writing():
            table = self._notes_table()
            doc = self._find_note_doc(table, note_id)
            updated = Note.from_json_dict(doc).model_copy(
                update={"text": text, "updated": now_utc(), "tags": tags_in(text)})
            Note.from_json_dict(updated.to_json_dict())  # validate the new text
            table.update(updated.to_json_dict(), doc_ids=[doc.doc_id])
        self._changed("note", note_id)
        return updated

    def delete_note(self, note_id: str) -> Note:
        from .model import Note
        with self._writing():
            table = self._notes_table()
            doc = self._find_note_doc(table, note_id)
            note = Note.from_json_dict(doc)
            table.remove(doc_ids=[doc.doc_id])
        self._changed("note", note_id)
        return note

    def get_note(self, note_id: str) -> Note:
        from .model import Note
        with self._mutex:
            return Note.from_json_dict(self._find_note_doc(self._notes_table(), note_id))

    def list_notes(self, meeting_id: str | None = None, target: str | None = None) -> list[Note]:
        """Notes, newest first; optionally of one meeting and one target."""
        with self._mutex:
            docs = self._notes_table().all()
        notes = [_note_from_doc(self.root / NOTES_FILE, doc) for doc in docs
                 if (meeting_id is None or doc.get("meeting_id") == meeting_id)
                 and (target is None or doc.get("target") == target)]
        notes.sort(key=lambda n: (n.created, n.id), reverse=True)
        return notes

    def note_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        with self._mutex:
            for doc in self._notes_table().all():
                key = doc.get("meeting_id", "")
                counts[key] = counts.get(key, 0) + 1
        return counts

    def _find_note_doc(self, table: Table, note_id: str) -> Any:
        for doc in table.all():
            if doc.get("id") == note_id:
                return doc
        raise NotFound(f'no note with id "{note_id}"')


def _insert(table: Table, doc: dict[str, Any]) -> int:
    """Insert under the lock with an id computed from the file as it is now; returns it.

    TinyDB caches the next id per instance, so another process's insert would make the
    cached id collide; reading the (stat-cached) table costs next to nothing.
    """
    next_id = max((d.doc_id for d in table.all()), default=0) + 1
    table.insert(Document(doc, doc_id=next_id))
    return next_id


def _apply_shard(table: Table, existing: dict[str, int], incoming: dict[str, Meeting],
                 on_conflict: OnConflict) -> None:
    """One read-modify-write of one shard for all its incoming meetings."""
    replacements: dict[int, dict[str, Any]] = {}
    inserts: list[dict[str, Any]] = []
    for meeting_id, meeting in incoming.items():
        if meeting_id in existing:
            if on_conflict == "replace":
                replacements[existing[meeting_id]] = meeting.to_json_dict()
        else:
            inserts.append(meeting.to_json_dict())

    def rewrite(docs: dict[int, Any]) -> None:
        for doc_id, doc in replacements.items():
            docs[doc_id] = doc
        next_id = max(docs, default=0) + 1
        for doc in inserts:
            docs[next_id] = doc
            next_id += 1

    if replacements or inserts:
        # One storage write for the whole shard: TinyDB's public API would rewrite the file
        # once per call, which makes a 100k-meeting import quadratic. ``_update_table`` is
        # the single read-modify-write every public write method of tinydb 4.x goes through.
        table._update_table(rewrite)


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


def _read_manifest(path: Path) -> dict[str, Any]:
    data = decode_json_file(path / MANIFEST)
    if not isinstance(data, dict) or data.get("format") != FORMAT_MARKER:
        raise DamagedFile(path / MANIFEST, "it is not a meeting-dossier manifest")
    return data


def open_store(root: str | os.PathLike[str] | None = None) -> Store:
    """Open (creating and seeding if needed) the store at ``root`` or the default one."""
    return Store.open(root)
