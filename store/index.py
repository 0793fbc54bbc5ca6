"""The derived search index and catalog: one SQLite file beside the TinyDB files.

The TinyDB files stay the source of truth; ``index.sqlite`` is derived from them, never the
other way round, and can be deleted at any time. It holds:

``fts``       contentless FTS5 table, one row per searchable thing (meeting, agenda item,
              participant, priority, position, reference, outcome, note, and the source text
              one row per paragraph so a hit carries its span). Columns ``title``,
              ``people``, ``topics``, ``text`` are ranked by bm25 with the first three
              weighted over ``text``. It keeps no copy of the text: a row's content (kind,
              target, label, span, text) is rebuilt from its owner's JSON (rows_at()), and
              a row is deleted by giving FTS5 those same values back (_forget).
``owner``     rowid block -> meeting (and note): whose a row is.
``facet``     filter values (participant, party, topic, body, level, tag), normalised, one
              row per word-start suffix, so ``participant:lav`` is a B-tree range scan; its
              key (kind, norm, id) is the table itself (WITHOUT ROWID, no second index).
``catalog``   what the meeting list shows, so a 100k-meeting list paints without parsing
              the TinyDB files; ``meetings`` the JSON of each meeting, to open one likewise.
``files``     the fingerprint (size, mtime_ns, inode) of each TinyDB file as last indexed.

Size (issue 16, 10k meetings, 91 MB of TinyDB files): format 5 kept the text twice (FTS
content 81 MB) and each facet row's meeting and target (facet and its index 69 MB), 253 MB
in all (2.78x); format 6 drops both (see docs/performance.md for the figures).

Freshness: before every read the data files are stat'ed and compared with ``files``; each
file that differs (another process wrote it, or it was edited by hand) is re-read and
diffed meeting by meeting against a content hash, so only what changed is re-indexed. The
Store's change listener does the same for the one file a change touched, at once.

Concurrency: writes to the index are SQLite transactions (``BEGIN IMMEDIATE``, WAL mode),
which serialise between processes; the fingerprint is taken before a file is read, so a
write that races the read only makes the next check re-read the file. A read-only store gets
an in-memory index.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import threading
import time
import zlib
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import orjson

from .errors import StoreError
from .layout import (
    INDEX_FILE,
    INDEX_LOCK,
    MEETINGS_TABLE,
    NOTES_FILE,
    NOTES_TABLE,
    FileKey,
    file_key,
    fingerprint,
    read_with_key,
    relative_name,
    shard_key,
)
from .query import normalize
from .rows import (
    Facet,
    Row,
    catalog_fields,
    meeting_facets,
    meeting_row,
    meeting_rows,
    note_facets,
    note_row,
)
from .shape import check_meetings_table, check_notes_table
from .source import RecordSource
from .storage import _check_tinydb_shape, decode_json_file, gc_paused
from .summary import MeetingSummary, doc_date_certainty

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .shard_worker import ShardWorker

#: ``progress(done, total)``: meeting files indexed so far, of those that changed.
Progress = Callable[[int, int], None]

#: 5: the notes file's digest in ``meta`` (NOTES_DIGEST). A format-4 build would sync the
#: notes without updating it, so a format change makes each build rebuild the other's index.
#: 6: contentless FTS5, the owner table, facet rows without meeting and target.
#: A contentless row is deleted by handing FTS5 the values it was inserted with, rebuilt
#: from the stored JSON by store.rows: any change to what store.rows makes of a record
#: must bump this (tests/store/test_index_rows.py holds a digest of it to catch that).
INDEX_FORMAT = 7
#: FTS5 prefix indexes: one and two letters. Measured at 10k meetings (issue 16), size of
#: the FTS data and time of one prefix MATCH (newest 5,000 rows): '1 2 3' 97 MB; '1 2'
#: 70 MB; '1' 48 MB; none 33 MB. Without a 1-letter index "s"* takes ~100 ms (it merges
#: every term starting with s), without a 2-letter one "co"* 12 ms, "re"* 16 ms (against
#: 0.4 ms with it), growing with the archive; 3 letters cost 2-4 ms without their index
#: ("con"*, "dis"*: few enough terms share them), longer prefixes ~0-2 ms either way.
FTS_PREFIX = "1 2"
#: zlib level of the meetings' JSON in the index: a third of the size (66 -> 22 MB at 10k
#: meetings), 50 us to unpack one when a meeting is opened (issue 16).
PACK_LEVEL = 1
#: FTS5 pending-terms buffer: larger means fewer, bigger segments and a faster bulk build.
FTS_HASH_SIZE = 64 * 1024 * 1024
#: Pages of merged data one ``merge`` command writes (_settle_fts).
FTS_MERGE_PAGES = 2000
BUSY_TIMEOUT_MS = 10_000
#: SQLite page cache (KiB): for reads, and while many files are (re)indexed at once.
CACHE_KB = 32_000
BUILD_CACHE_KB = 256_000
LISTENER_BUSY_TIMEOUT_MS = 200
#: Parameters in one statement: below SQLite's oldest limit (999).
SQL_VARIABLES = 900
#: A refresh of more data files than this commits after each batch of them. Each commit
#: writes every page the batch dirtied, and facet rows (keyed by value) dirty pages all
#: over their B-tree: at 100k meetings 16 commits took 22.6 s of a 66 s build, 8 took
#: 11.9 s of 61 s (peak RSS 0.64 -> 0.95 GB: a batch's rows wait for the end of it).
BUILD_BATCH = 32
#: How long a store listener waits for a build running in this process before leaving
#: the change to the next read (a note save must not wait out a build).
LISTENER_LOCK_WAIT_S = 0.05
#: Files modified less than this long ago are re-checked at the next read (see below).
RACY_WINDOW_NS = 2_000_000_000
#: Shards read and prepared ahead of the one being inserted during a rebuild.
PREPARE_AHEAD = 2
#: A refresh of at least this many meeting files reads them in a second process
#: (store.index_worker): its start (~0.1 s) is paid back after a few shards of 10k.
WORKER_MIN_FILES = 32
#: Shards asked of the worker ahead of the one inserted: a batch (~10 MB each at 100k).
WORKER_AHEAD = BUILD_BATCH
#: ``meta`` key: the digest of the notes file as last indexed (notes_digest()). A notes file
#: that changed key but not bytes (the "racy" re-check above; a note added by the last
#: command, indexed by it) costs a read and a hash, not a diff of every note (issue 16).
NOTES_DIGEST = "notes_digest"
#: ``meta`` key: "1" when the notes file as last indexed passed the store's own check of a
#: notes file (store.shape.check_notes_table), which the index does not need to read it;
#: a note add appends to the file's bytes only then (notes_held).
NOTES_SOUND = "notes_sound"


def notes_digest(payload: bytes) -> str:
    """The digest of a notes file's bytes: SHA-256, ~10 ms for 50,000 notes (14 MB)."""
    import hashlib  # here and in _record_digest: 4 ms (OpenSSL) of a search that hashes nothing

    return hashlib.sha256(payload).hexdigest()


def notes_digest_with_head(payload: bytes, head: int) -> tuple[str, Any]:
    """``notes_digest(payload)``, and a SHA-256 that has taken ``payload[:head]`` only, to
    be finished with a new tail: a note added to the file's bytes is digested before and
    after in one pass over them (~8 ms at 14 MB, Store.add_note_doc)."""
    import hashlib

    view = memoryview(payload)
    head_hash = hashlib.sha256(view[:head])
    whole = head_hash.copy()
    whole.update(view[head:])
    return whole.hexdigest(), head_hash


def _record_digest(blob: bytes) -> str:
    """The digest a stored record's JSON is compared by: BLAKE2b, 16 bytes."""
    import hashlib

    return hashlib.blake2b(blob, digest_size=16).hexdigest()

_SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (name TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, inode INTEGER);
CREATE TABLE catalog (
    id TEXT PRIMARY KEY, shard TEXT NOT NULL, date TEXT NOT NULL,
    date_inferred INTEGER NOT NULL, body TEXT NOT NULL, title TEXT NOT NULL,
    level TEXT NOT NULL, location TEXT NOT NULL, status TEXT, tags TEXT NOT NULL,
    note_count INTEGER NOT NULL DEFAULT 0, hash TEXT NOT NULL, base INTEGER NOT NULL,
    date_certainty TEXT NOT NULL);
CREATE INDEX catalog_by_date ON catalog (date DESC, id);
CREATE INDEX catalog_by_shard ON catalog (shard);
CREATE UNIQUE INDEX catalog_by_base ON catalog (base);
CREATE TABLE meetings (id TEXT PRIMARY KEY, json BLOB NOT NULL);
CREATE TABLE notes (id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL, hash TEXT NOT NULL,
                    json BLOB NOT NULL, base INTEGER);
CREATE INDEX notes_by_meeting ON notes (meeting_id);
CREATE INDEX notes_by_base ON notes (base);
CREATE TABLE owner (base INTEGER PRIMARY KEY, meeting_id TEXT NOT NULL, note_id TEXT);
CREATE TABLE facet (kind TEXT NOT NULL, norm TEXT NOT NULL, id INTEGER NOT NULL,
                    whole INTEGER NOT NULL, row INTEGER NOT NULL,
                    PRIMARY KEY (kind, norm, id)) WITHOUT ROWID;
CREATE VIRTUAL TABLE fts USING fts5(
    title, people, topics, text, content = '',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '{FTS_PREFIX}');
INSERT INTO fts (fts, rank) VALUES ('hashsize', {FTS_HASH_SIZE});
INSERT INTO meta VALUES ('format', '{INDEX_FORMAT}');
"""
_TABLES = ("meta", "files", "catalog", "meetings", "notes", "owner", "facet", "fts")

# Row ids encode the meeting's date: ``day << 40 | slot << 16 | offset``. Each meeting and
# each note owns one 65,536-id block (its FTS rows and its facet rows, in their own tables),
# so a row's owner is its block (``owner``), rowid order is date order (the newest matches
# are the highest ids, and FTS5 walks them in reverse cheaply), and a date filter is a rowid
# range FTS5 applies itself.
DAY_SHIFT = 40
SLOT_SHIFT = 16
BLOCK = 1 << SLOT_SHIFT


def day_rowid(iso_date: str) -> int:
    """The first rowid of a day (for date filters on FTS rows)."""
    return dt.date.fromisoformat(iso_date).toordinal() << DAY_SHIFT


class IndexUnavailable(StoreError):
    """The index could not be opened or rebuilt (the store itself is unaffected)."""


class SearchIndex:
    """The index of one store. Thread-safe (one connection behind a lock).

    It reads the store through :class:`~store.source.RecordSource` (its directory, a data
    file's documents, notice of changes), so it never imports the store that opens it.
    """

    def __init__(self, source: RecordSource, *, listen: bool = True) -> None:
        self.source = source
        self.path: Path | None = None if source.read_only else source.root / INDEX_FILE
        self._mutex = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self.files_read = 0  # data files re-read since opening (tests and benchmarks)
        self.worker_shards = 0  # of those, read by the second process (store.index_worker)
        self._synced: dict[str, FileKey | None] = {}  # what this process last indexed
        if listen:
            source.add_listener(self._on_change)

    # -- connection --------------------------------------------------------------------

    def connection(self) -> sqlite3.Connection:
        """The open, schema-checked connection (opened, created or replaced as needed)."""
        with self._mutex:
            if self._conn is None:
                self._conn = self._open()
            return self._conn

    def _open(self) -> sqlite3.Connection:
        if self.path is not None:
            try:
                return self._prepare(self._connect_file())
            except sqlite3.OperationalError as exc:
                # Locked by a long rebuild elsewhere, disk full, …: not damage, so the file
                # stays; say so in one sentence.
                if "unable to open" not in str(exc):
                    raise _unavailable(self.source.root, exc) from None
            except sqlite3.DatabaseError:
                # Not a database, or damaged: it is derived, so start it again.
                with contextlib.suppress(sqlite3.DatabaseError, OSError):
                    self._remove_file()
                    return self._prepare(self._connect_file())
            except OSError:
                pass
            # The directory cannot hold the index: keep it in memory for this process.
            self.path = None
        return self._prepare(sqlite3.connect(":memory:", check_same_thread=False,
                                             isolation_level=None))

    def _connect_file(self) -> sqlite3.Connection:
        assert self.path is not None
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{self.path}{suffix}").is_symlink():
                # SQLite would follow it, and the chmod below would change its target.
                raise IndexUnavailable(
                    f"{self.path}{suffix} is a symbolic link, and dossier writes only regular "
                    f"files inside its store; remove it (the index is rebuilt from the "
                    f"records)")
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False, isolation_level=None)
        with contextlib.suppress(OSError):
            os.chmod(self.path, 0o600)
        return conn

    def _prepare(self, conn: sqlite3.Connection) -> sqlite3.Connection:
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # Takes effect in a new file only (_reclaim converts an older one).
            conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
            if self.path is not None:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")  # derived data: durability optional
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KB}")
            with _transaction(conn):
                if _format(conn) == 6:
                    _migrate_from_format_6(conn)
                created = _format(conn) != INDEX_FORMAT
                if created:
                    _create_schema(conn)
            if created:
                _reclaim(conn)
            conn.execute("SELECT count(*) FROM files").fetchone()
        except BaseException:
            conn.close()
            raise
        return conn

    def _remove_file(self) -> None:
        assert self.path is not None
        from .lockfile import LockTimeout, file_lock

        try:
            with file_lock(self.source.root / INDEX_LOCK, BUSY_TIMEOUT_MS / 1000):
                for suffix in ("", "-wal", "-shm"):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(f"{self.path}{suffix}")
        except LockTimeout:
            raise IndexUnavailable(f"the search index in {self.source.root} is busy being "
                                   f"rebuilt by another process; try again") from None

    def close(self) -> None:
        with self._mutex:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # -- freshness ---------------------------------------------------------------------

    def ensure_fresh(self, progress: Progress | None = None) -> int:
        """Re-index what changed in the data files since they were indexed.

        Returns how many records (meetings and notes) were added, replaced or removed.
        ``progress(done, total)`` is called as the changed meeting files are indexed (a
        build from nothing takes ~25 s at 10k meetings, so callers show it).
        """
        with self._mutex:
            try:
                return self._refresh(None, progress=progress)
            except sqlite3.OperationalError as exc:
                raise _unavailable(self.source.root, exc) from None
            except sqlite3.DatabaseError:
                if self.path is None:
                    raise
                # The file was damaged under us: start it again, once.
                self.close()
                self._remove_file()
                try:
                    return self._refresh(None, progress=progress)
                except sqlite3.Error as exc:
                    raise _unavailable(self.source.root, exc) from None

    def rebuild(self) -> int:
        """Index the store from scratch; return the records indexed."""
        with self._mutex:
            conn = self.connection()
            with _transaction(conn):
                _create_schema(conn)
            _reclaim(conn)
            return self._refresh(None)

    def _refresh(self, only: Iterable[Path] | None, *, warm: bool = False,
                 progress: Progress | None = None) -> int:
        conn = self.connection()
        wanted = self._fingerprints(only)
        stored = self._stored_fingerprints(conn)
        from_nothing = not stored
        if only is None:
            changed = {name for name in wanted.keys() | stored.keys()
                       if wanted.get(name) != stored.get(name)}
        else:
            changed = {name for name in wanted if wanted[name] != stored.get(name)}
        if warm:
            # A bulk write notifies once per meeting: the first notice syncs the shard, the
            # rest find it exactly as this process last synced it (the stored fingerprint
            # may be the "racy" marker, which would otherwise force a re-read every time).
            changed = {name for name in changed if wanted[name] != self._synced.get(name)}
        if not changed:
            return 0
        records = 0
        meeting_files = sorted(n for n in changed if n != NOTES_FILE)
        # A big job commits every BUILD_BATCH files, so one cut short (the app closing in
        # the middle of a build) keeps what it did: those files' fingerprints are stored
        # and the next refresh carries on with the rest.
        batches = [meeting_files[at:at + BUILD_BATCH]
                   for at in range(0, len(meeting_files), BUILD_BATCH)] or [[]]
        done = 0
        with self._shard_worker(len(meeting_files), warm) as worker:
            feed = _ShardFeed(conn, worker, meeting_files, wanted) if worker else None
            for number, batch in enumerate(batches):
                last = number == len(batches) - 1

                def step(finished: int, _total: int, before: int = done) -> None:
                    if progress is not None:
                        progress(before + finished, len(meeting_files))

                with _transaction(conn):
                    slots = _Slots(conn)
                    # Another process may have indexed the same change while we waited for
                    # the lock.
                    stored = self._stored_fingerprints(conn)
                    todo = [name for name in batch if wanted.get(name) != stored.get(name)]
                    records += self._sync_meeting_files(conn, todo, wanted, warm, slots,
                                                        step, feed)
                    if last:
                        notes = NOTES_FILE
                        if notes in changed and wanted.get(notes) != stored.get(notes):
                            records += self._sync_notes_file(conn, wanted.get(notes), warm,
                                                             slots)
                            todo.append(notes)
                done += len(batch)
                self.files_read += len(todo)
                # Files another process indexed meanwhile are as current as those read here.
                self._synced.update((name, wanted.get(name)) for name in
                                    [*batch, *([NOTES_FILE] if last and NOTES_FILE in changed
                                               else [])])
        if len(batches) > 1:
            # A big job leaves big segments at FTS5's lowest level; left there, the merge
            # they are due happens in some later one-note write (2.3 s at 100k).
            _settle_fts(conn, from_nothing=from_nothing)
            _vacuum_free_pages(conn)  # and the merges freed pages inside the file
        if progress is not None and meeting_files:
            progress(len(meeting_files), len(meeting_files))  # also when others did the end
        return records

    def _shard_worker(self, files: int, warm: bool
                      ) -> contextlib.AbstractContextManager[ShardWorker | None]:
        """A second process to read and prepare shards, for a build of many files from
        disk (store.index_worker); none for a few, or warm from the store's cache."""
        if warm or files < WORKER_MIN_FILES:
            return contextlib.nullcontext()
        from .shard_worker import ShardWorker, WorkerGone

        try:
            return ShardWorker(self.source.root)
        except WorkerGone:
            return contextlib.nullcontext()

    def _fingerprints(self, only: Iterable[Path] | None) -> dict[str, FileKey | None]:
        """The key of each data file (all of them, or ``only`` these: None if missing)."""
        root = self.source.root
        if only is None:
            return dict(fingerprint(root))
        return {relative_name(root, path): file_key(path) for path in only}

    @staticmethod
    def _stored_fingerprints(conn: sqlite3.Connection, names: Iterable[str] | None = None
                             ) -> dict[str, FileKey | None]:
        """The stored key of every data file, or of ``names`` only (by primary key: one
        meeting's check must not read 100k rows, which cost ~2 s a key at 100k meetings
        while the list read its drafts' dates)."""
        if names is None:
            rows = conn.execute("SELECT name, size, mtime_ns, inode FROM files")
        else:
            rows = (row for name in names for row in conn.execute(
                "SELECT name, size, mtime_ns, inode FROM files WHERE name = ?", (name,)))
        return {name: (size, mtime, inode) for name, size, mtime, inode in rows}

    @staticmethod
    def _record_fingerprint(conn: sqlite3.Connection, name: str, key: FileKey | None) -> None:
        if key is None:
            conn.execute("DELETE FROM files WHERE name = ?", (name,))
            return
        size, mtime_ns, inode = key
        if time.time_ns() - mtime_ns < RACY_WINDOW_NS:
            # A file written this recently could be rewritten in place with the same size
            # within the same mtime tick (coarse on many file systems), leaving the same
            # fingerprint: keep it "unknown" so the next check re-reads and diffs it (the
            # "racy git" problem; the diff is by content hash, so nothing is re-indexed
            # needlessly).
            size = -1
        conn.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
                     (name, size, mtime_ns, inode))

    # -- syncing one file --------------------------------------------------------------

    def _prepare_shard(self, name: str, key: FileKey | None, warm: bool,
                       known: dict[str, str] | None) -> _Shard:
        """Read one shard and build the rows of the meetings that look new or changed."""
        path = self.source.root / name
        docs = None
        if warm and key is not None:
            # Right after our own write the store's storage has the file parsed already.
            with contextlib.suppress(StoreError, OSError):
                docs = [dict(doc) for doc in self.source.read_docs(path)]
        if docs is None:
            docs, key = _readable_shard(path, key)
        return prepare_shard(name, key, docs, known)

    def _apply_shard(self, conn: sqlite3.Connection, shard: _Shard, slots: _Slots) -> int:
        existing = dict(conn.execute("SELECT id, hash FROM catalog WHERE shard = ?",
                                     (shard.name,)))
        fresh = [mid for mid, (_, _, digest) in shard.incoming.items()
                 if existing.get(mid) != digest]
        if not shard.prepared(fresh):
            # The worker prepared it against the digests of an earlier transaction, and
            # another process has changed them since: read it again here, documents kept.
            shard = self._prepare_shard(shard.name, shard.key, False, None)
            fresh = [mid for mid, (_, _, digest) in shard.incoming.items()
                     if existing.get(mid) != digest]
        gone = [mid for mid in existing if mid not in shard.incoming]
        if gone or existing:
            slots.write_pending()  # a delete must find the rows it deletes
        for meeting_id in gone:
            _delete_meeting(conn, meeting_id)
        if fresh:
            if existing:
                for meeting_id in fresh:
                    _delete_meeting(conn, meeting_id)
            _insert_meetings(conn, shard, fresh, slots)
        self._record_fingerprint(conn, shard.name, shard.key)
        return len(gone) + len(fresh)

    def _sync_meeting_files(self, conn: sqlite3.Connection, names: list[str],
                            wanted: dict[str, FileKey | None], warm: bool,
                            slots: _Slots, progress: Progress | None = None,
                            feed: _ShardFeed | None = None) -> int:
        if progress is not None:
            progress(0, len(names))
        if len(names) <= 1:
            records = sum(self._apply_shard(conn, self._prepare_shard(n, wanted.get(n), warm,
                                                                      None), slots)
                          for n in names)
            slots.write_pending()
            if progress is not None and names:
                progress(1, 1)
            return records
        # What the thread compares against (the worker is given each shard's share).
        known = {} if feed is not None else dict(conn.execute(
            "SELECT id, hash FROM catalog"))
        # Facet rows land all over their B-tree (keyed by value): with the default cache
        # a 100k build re-read most pages it touched (BUILD_CACHE_KB).
        conn.execute(f"PRAGMA cache_size = -{BUILD_CACHE_KB}")
        try:
            records = self._sync_many(conn, names, wanted, warm, slots, known, progress,
                                      feed)
            slots.write_pending()
        finally:
            conn.execute(f"PRAGMA cache_size = -{CACHE_KB}")
        return records

    def _sync_many(self, conn: sqlite3.Connection, names: list[str],
                   wanted: dict[str, FileKey | None], warm: bool, slots: _Slots,
                   known: dict[str, str], progress: Progress | None,
                   feed: _ShardFeed | None) -> int:
        """Sync ``names``, each shard read and prepared ahead of the one being inserted:
        by the second process behind ``feed``, else by a thread."""
        records = done = 0
        if feed is not None:
            for name in names:
                shard = feed.take(name)
                if shard is None:  # the worker is gone: read here
                    shard = self._prepare_shard(name, wanted.get(name), warm, known)
                else:
                    self.worker_shards += 1
                records += self._apply_shard(conn, shard, slots)
                done += 1
                if progress is not None:
                    progress(done, len(names))
            return records
        # Imported here: it brings logging, ~5 ms on every command that only reads.
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="index-read") as pool:
            pending: deque[Future[_Shard]] = deque()
            queue = iter(names)
            for name in queue:
                pending.append(pool.submit(self._prepare_shard, name, wanted.get(name),
                                           warm, known))
                if len(pending) >= PREPARE_AHEAD:
                    break
            while pending:
                shard = pending.popleft().result()
                next_name = next(queue, None)
                if next_name is not None:
                    pending.append(pool.submit(self._prepare_shard, next_name,
                                               wanted.get(next_name), warm, known))
                records += self._apply_shard(conn, shard, slots)
                done += 1
                if progress is not None:
                    progress(done, len(names))
        return records

    def _sync_notes_file(self, conn: sqlite3.Connection, key: FileKey | None,
                         warm: bool, slots: _Slots) -> int:
        # The docs are parsed from the very bytes digested (not the store's cache, even
        # when warm), so the digest recorded always names what was indexed.
        raw = None
        if key is not None:
            with contextlib.suppress(OSError):
                raw = (self.source.root / NOTES_FILE).read_bytes()
        digest = notes_digest(raw) if raw else None
        if digest is not None and digest == _meta(conn, NOTES_DIGEST):
            self._record_fingerprint(conn, NOTES_FILE, key)
            return 0
        docs: list[dict[str, Any]] = []
        try:
            with gc_paused():
                data = orjson.loads(raw) if raw else {}
            table = data.get(NOTES_TABLE, {}) if isinstance(data, dict) else {}
            if isinstance(table, dict):
                docs = [doc for doc in table.values() if isinstance(doc, dict)]
        except orjson.JSONDecodeError:
            digest = None  # damaged: indexed as no notes, and re-read at the next check
        _set_meta(conn, NOTES_SOUND, "1" if digest is not None and _notes_sound(data) else "0")
        existing = dict(conn.execute("SELECT id, hash FROM notes"))
        incoming: dict[str, tuple[dict[str, Any], bytes, str]] = {}
        for doc in docs:
            if isinstance(doc.get("id"), str) and isinstance(doc.get("meeting_id"), str):
                blob = orjson.dumps(doc)
                incoming[doc["id"]] = (doc, blob, _record_digest(blob))
        touched: set[str] = set()
        records = 0
        for note_id in existing:
            if incoming.get(note_id, (None, None, None))[2] != existing[note_id]:
                touched.update(_delete_note(conn, note_id))
                records += note_id not in incoming
        for note_id, (doc, blob, note_digest) in incoming.items():
            if existing.get(note_id) != note_digest:
                _insert_note(conn, doc, blob, note_digest, slots)
                touched.add(doc["meeting_id"])
                records += 1
        _recount_notes(conn, touched)
        self._record_fingerprint(conn, NOTES_FILE, key)
        _set_meta(conn, NOTES_DIGEST, digest)
        return records

    def note_written(self, doc: dict[str, Any], before: FileKey | None,
                     before_digest: str | None, after: FileKey, after_digest: str) -> bool:
        """Index one note the store just added, without re-reading the notes file.

        ``before`` is the notes file's key when the note was appended to it (under the
        store's lock; ``before_digest`` the digest of its bytes, or None), ``after`` and
        ``after_digest`` the file as written. Done only when the
        index holds exactly the file as it was before (its key, or, for a key marked racy,
        its digest); otherwise nothing is done and the next read diffs the file as usual.
        True when the note was indexed.
        """
        with self.try_lock(LISTENER_LOCK_WAIT_S) as locked:
            if not locked:
                return False
            try:
                conn = self.connection()
                conn.execute(f"PRAGMA busy_timeout = {LISTENER_BUSY_TIMEOUT_MS}")
                try:
                    with _transaction(conn):
                        if not _holds_notes_file(conn, before, before_digest):
                            return False
                        if conn.execute("SELECT 1 FROM notes WHERE id = ?",
                                        (doc["id"],)).fetchone() is not None:
                            return False
                        blob = orjson.dumps(doc)  # hashed as the diff hashes a stored note
                        _insert_note(conn, doc, blob, _record_digest(blob), _Slots(conn))
                        _recount_notes(conn, [doc["meeting_id"]])
                        self._record_fingerprint(conn, NOTES_FILE, after)
                        _set_meta(conn, NOTES_DIGEST, after_digest)
                        # The store read the file through its checks, or trusted this
                        # index's word that it had (notes_held), and added a sound note.
                        _set_meta(conn, NOTES_SOUND, "1")
                finally:
                    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            except sqlite3.Error:
                return False
            self._synced[NOTES_FILE] = after
            return True

    def notes_held(self, key: FileKey | None, digest: str | None, note_id: str) -> int | None:
        """How many notes the index holds from the notes file, if it holds exactly the file
        with this ``key`` (for a key marked racy: with this ``digest`` of its bytes, see
        note_written) and no note ``note_id``; else None, also when the index is busy.
        Store.add_note_doc then appends to the file's bytes without parsing them."""
        with self.try_lock(LISTENER_LOCK_WAIT_S) as locked:
            if not locked:
                return None
            try:
                conn = self.connection()
                if not _holds_notes_file(conn, key, digest) \
                        or _meta(conn, NOTES_SOUND) != "1" or conn.execute(
                            "SELECT 1 FROM notes WHERE id = ?", (note_id,)).fetchone():
                    return None
                return int(conn.execute("SELECT count(*) FROM notes").fetchone()[0])
            except sqlite3.Error:
                return None

    def notes_file_unchanged(self) -> bool:
        """Whether notes.json, though stale by its key (a note add a moment ago leaves it
        "racy"), holds the very bytes last indexed (``meta`` NOTES_DIGEST): a read may then
        take the notes from the index. A read and a hash, ~10 ms at 50,000 notes, against
        ~0.1 s to load the record model and validate the file (`dossier show --json`)."""
        try:
            key, payload = read_with_key(self.source.root / NOTES_FILE)
        except OSError:
            return False
        with self._mutex:
            return _holds_notes_file(self.connection(), key, notes_digest(payload))

    def _on_change(self, kind: str, ident: str) -> None:
        """Store listener: index the file the committed change touched, right away."""
        name = shard_key(ident) if kind == "meeting" else NOTES_FILE
        # The caller (say, adding a note) must not wait out another process's long rebuild:
        # if the index is busy, skip. The stored fingerprint still names the old file, so
        # the next search re-reads it.
        # The same holds for a build running in this process (the app indexes in the
        # background): wait briefly for the lock, else leave the file to the next read.
        with self.try_lock(LISTENER_LOCK_WAIT_S) as locked:
            if not locked:
                return
            with contextlib.suppress(sqlite3.Error, StoreError, OSError):
                conn = self.connection()
                conn.execute(f"PRAGMA busy_timeout = {LISTENER_BUSY_TIMEOUT_MS}")
                try:
                    self._refresh([self.source.root / name], warm=True)
                finally:
                    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    @contextlib.contextmanager
    def try_lock(self, timeout: float) -> Iterator[bool]:
        """Hold this index's lock if it can be had within ``timeout`` seconds; yields
        whether it is held. Readers that can fall back on the TinyDB files use this so
        that a long build never stalls them."""
        locked = self._mutex.acquire(timeout=timeout)
        try:
            yield locked
        finally:
            if locked:
                self._mutex.release()

    # -- catalog accessors -------------------------------------------------------------

    def list_meetings(self, limit: int | None = None, offset: int = 0) -> list[MeetingSummary]:
        """Meetings newest first (then by id, like Store.list_meetings), from the catalog:
        no TinyDB file is parsed. ``limit``/``offset`` page through a big archive."""
        # 100k rows become ~400k objects: the cyclic GC would rescan the heap repeatedly.
        with self._mutex, gc_paused():
            return [summary_from_row(r) for r in self._catalog_rows("", limit, offset)]

    def list_records(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The meeting list as ``dossier list --json`` prints it (the summary's fields and
        ``notes``, the meeting's note count), straight from the catalog's rows: no
        MeetingSummary, no date parsed, a third of the time for the whole list (issue 16)."""
        with self._mutex, gc_paused():
            rows = self._catalog_rows(", note_count", limit, 0)
            return [{"id": r[0], "date": r[1], "date_inferred": bool(r[2]), "body": r[3],
                     "title": r[4], "level": r[5], "location": r[6], "status": r[7],
                     "tags": [] if r[8] == "[]" else orjson.loads(r[8]), "notes": r[10]}
                    for r in rows]

    def _catalog_rows(self, extra_columns: str, limit: int | None,
                      offset: int) -> list[tuple[Any, ...]]:
        self.ensure_fresh()
        columns = f"SELECT {SUMMARY_COLUMNS}{extra_columns} FROM catalog"
        with self._mutex:
            if limit is None and offset == 0:
                # The whole list: a table scan sorted here takes half the time of walking
                # the date index, which looks up every row (0.4 s against 0.6 s at 100k).
                rows = self.connection().execute(columns).fetchall()
                rows.sort(key=itemgetter(0))
                rows.sort(key=itemgetter(1), reverse=True)
                return rows
            return self.connection().execute(
                f"{columns} ORDER BY date DESC, id LIMIT ? OFFSET ?",
                (-1 if limit is None else limit, offset)).fetchall()

    def meeting_count(self) -> int:
        self.ensure_fresh()
        with self._mutex:
            return self.connection().execute("SELECT count(*) FROM catalog").fetchone()[0]

    def note_counts(self) -> dict[str, int]:
        self.ensure_fresh()
        with self._mutex:
            return dict(self.connection().execute(
                "SELECT id, note_count FROM catalog WHERE note_count > 0"))

    def stale_files(self, paths: list[Path] | None = None) -> list[Path]:
        """The data files (all, or these ``paths``) changed since the index last read them.

        A stat of each file against the stored fingerprints; nothing is re-read here.
        """
        conn = self.connection()
        with self._mutex:
            wanted = self._fingerprints(paths)
            stored = self._stored_fingerprints(conn, None if paths is None else wanted)
        if paths is None:
            wanted.update({name: None for name in stored.keys() - wanted.keys()})
        root = self.source.root
        return [root / name for name, key in wanted.items() if stored.get(name) != key]

    def stale_for_reading(self, paths: list[Path] | None = None) -> list[Path]:
        """stale_files, less a notes file that is stale only by its key and holds the
        very bytes last indexed (notes_file_unchanged): what a read of records straight
        from the index must first check itself (Store._catalog, Store._indexed_json)."""
        stale = self.stale_files(paths)
        notes = self.source.root / NOTES_FILE
        if notes in stale and self.notes_file_unchanged():
            stale.remove(notes)  # only marked racy by the last note add, which indexed it
        return stale

    def stored_meeting_json(self, meeting_id: str) -> dict[str, Any] | None:
        """One meeting's JSON as indexed, without a freshness check (the caller did one)."""
        with self._mutex:
            row = self.connection().execute("SELECT json FROM meetings WHERE id = ?",
                                            (meeting_id,)).fetchone()
        return None if row is None else orjson.loads(_unpack(row[0]))

    def refresh_files(self, paths: list[Path]) -> list[Path]:
        """Re-index those of ``paths`` that changed since indexed (reading only them), and
        return the ones still stale: damaged, or written too recently to trust their
        fingerprint (RACY_WINDOW_NS)."""
        with self._mutex:
            if self.stale_files(paths):
                self._refresh(paths)
            return self.stale_files(paths)

    def stored_meeting_with_notes(self, meeting_id: str) -> dict[str, Any] | None:
        """One meeting's JSON as indexed with ``"notes"``, its notes' JSON newest first
        (list_notes' order), without a freshness check (the caller did one)."""
        with self._mutex:
            conn = self.connection()
            row = conn.execute("SELECT json FROM meetings WHERE id = ?",
                               (meeting_id,)).fetchone()
            if row is None:
                return None
            blobs = conn.execute("SELECT json FROM notes WHERE meeting_id = ?",
                                 (meeting_id,)).fetchall()
        data = orjson.loads(_unpack(row[0]))
        notes = [orjson.loads(blob) for (blob,) in blobs]
        # Sorted by time, not by string: a time on a whole second has no fraction.
        notes.sort(key=lambda n: (dt.datetime.fromisoformat(n["created"]), n["id"]),
                   reverse=True)
        data["notes"] = notes
        return data

    def meeting_json(self, meeting_id: str) -> dict[str, Any] | None:
        """One meeting's stored JSON, from the index (None if there is no such meeting)."""
        self.ensure_fresh()
        return self.stored_meeting_json(meeting_id)

    def meeting_titles(self, ids: Iterable[str]) -> dict[str, str]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        with self._mutex:
            marks = ",".join("?" * len(wanted))
            return dict(self.connection().execute(
                f"SELECT id, title FROM catalog WHERE id IN ({marks})", wanted))

    @contextlib.contextmanager
    def reading_as_is(self, timeout: float) -> Iterator[sqlite3.Connection | None]:
        """The connection without a freshness check, if the index's lock can be had within
        ``timeout`` seconds, else None: for lookups that must never wait out a build or a
        re-read (the palette, per key; the app's change listener keeps it current)."""
        with self.try_lock(timeout) as locked:
            yield self.connection() if locked else None

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The connection, fresh, held for a group of reads (search and views use this)."""
        with self._mutex:
            self.ensure_fresh()
            yield self.connection()



class Indexed(Protocol):
    """Anything that opens the index of its records (the store does): search and views
    take one of these or the index itself, so a caller holding a store need not reach in."""

    def index(self) -> SearchIndex: ...


#: The catalog columns a MeetingSummary is made of, in summary_from_row's order.
SUMMARY_COLUMNS = ("id, date, date_inferred, body, title, level, location, status, tags, "
                   "date_certainty")


def summary_from_row(r: Sequence[Any]) -> MeetingSummary:
    """A catalog row of SUMMARY_COLUMNS as a MeetingSummary."""
    # Positional, in the field order of MeetingSummary: keywords cost a third more per row,
    # and the whole list builds one per meeting (100k at a time).
    return MeetingSummary(r[0], dt.date.fromisoformat(r[1]), bool(r[2]), r[3], r[4], r[5],
                          r[6], r[7], () if r[8] == "[]" else tuple(orjson.loads(r[8])), r[9])


def index_of(source: SearchIndex | Indexed) -> SearchIndex:
    """The index itself, or the one ``source`` opens."""
    return source if isinstance(source, SearchIndex) else source.index()


# -- writing rows --------------------------------------------------------------------------

@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _pack(blob: bytes) -> bytes:
    """A meeting's JSON as the index keeps it (see PACK_LEVEL)."""
    return zlib.compress(blob, PACK_LEVEL)


def _unpack(packed: bytes) -> bytes:
    return zlib.decompress(packed)


def _unavailable(root: Path, exc: sqlite3.Error) -> IndexUnavailable:
    reason = str(exc).split("\n")[0]
    if "locked" in reason or "busy" in reason:
        return IndexUnavailable(f"the search index in {root} is busy (another dossier "
                                f"process is updating it); try again in a moment")
    return IndexUnavailable(f"the search index in {root} cannot be used ({reason}); the "
                            f"records are unaffected — delete {INDEX_FILE} to rebuild it")


def _create_schema(conn: sqlite3.Connection) -> None:
    """Drop whatever is there (an older format, or a rebuild) and create the tables."""
    for table in _TABLES:
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    for statement in _SCHEMA.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def _migrate_from_format_6(conn: sqlite3.Connection) -> None:
    """Format 7 adds the catalog's ``date_certainty``; its rows are format 6's. So the
    column is added and filled in place (8 s at 100k meetings) rather than the index
    rebuilt (~4 min at 100k), on the first start after an upgrade."""
    try:
        conn.execute("ALTER TABLE catalog ADD COLUMN date_certainty TEXT NOT NULL "
                     "DEFAULT 'day'")
    except sqlite3.OperationalError:
        return  # not format 6's catalog after all: it is rebuilt
    certain: list[tuple[str, str]] = []
    for meeting_id, packed in conn.execute("SELECT id, json FROM meetings"):
        raw = _unpack(packed)
        # Only a record with either field can be less sure than "day": most have neither,
        # and a byte search is much cheaper than parsing each one.
        if b'"date_precision"' in raw or b'"date_origin"' in raw:
            level = doc_date_certainty(orjson.loads(raw))
            if level != "day":
                certain.append((level, meeting_id))
    conn.executemany("UPDATE catalog SET date_certainty = ? WHERE id = ?", certain)
    _set_meta(conn, "format", "7")  # a later format rebuilds from here


def _reclaim(conn: sqlite3.Connection) -> None:
    """Give the pages of dropped tables back to the file system (just after
    _create_schema, when the tables are empty and this is cheap).

    Dropped tables leave their pages free inside the file: an index rebuilt over an older
    format stayed 253 MB at 10k meetings with 125 MB in use. A file made before format 6
    has no auto-vacuum; a VACUUM of the empty tables turns it on. Busy (another process
    reading): the space stays in the file, reused by the build.
    """
    with contextlib.suppress(sqlite3.OperationalError):
        if conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 0:
            conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
            conn.execute("VACUUM")
        else:
            _vacuum_free_pages(conn)


def _settle_fts(conn: sqlite3.Connection, *, from_nothing: bool) -> None:
    """Do now the segment merging a big job left due.

    A batch's rows are one FTS5 segment (see _Slots), each as big as a fraction of the
    whole index, and new segments start at the lowest level: after a 100k build that
    level held 9 of them with a merge begun, and the fifth small write after it (a note
    add) took 2.3 s finishing it. A build from nothing is optimized into one segment
    (7.7 s at 100k, the best shape for queries); a big refresh of part of the store does
    the merges automerge would (``merge`` until there is no work left).
    """
    with _transaction(conn):
        if from_nothing:
            conn.execute("INSERT INTO fts (fts) VALUES ('optimize')")
            return
        while True:
            before = conn.total_changes
            conn.execute(f"INSERT INTO fts (fts, rank) VALUES ('merge', {FTS_MERGE_PAGES})")
            if conn.total_changes - before < 2:  # FTS5's sign that nothing was left
                return


def _vacuum_free_pages(conn: sqlite3.Connection) -> None:
    """Truncate the file's free pages away (auto-vacuum INCREMENTAL).

    Through ``execute`` the pragma freed one page: it returns no columns, so the sqlite3
    module steps it once; ``executescript`` runs it to the end. A 100k build leaves ~88 MB
    of pages its segment merges freed (0.8 s to give back).
    """
    with contextlib.suppress(sqlite3.OperationalError):
        conn.executescript("PRAGMA incremental_vacuum")


def _notes_sound(data: Any) -> bool:
    """Whether the store would read this parsed notes file without refusing it."""
    try:
        _check_tinydb_shape(Path(NOTES_FILE), data)
        check_notes_table(Path(NOTES_FILE), data)
    except StoreError:
        return False
    return True


def _holds_notes_file(conn: sqlite3.Connection, key: FileKey | None,
                      digest: str | None) -> bool:
    """Whether the index holds the notes file with this ``key`` exactly: its fingerprint
    is ``key``, or is marked racy (size -1, written too recently to trust a stat) with
    ``key``'s mtime and inode, and ``digest`` (of the file's bytes) is the one indexed."""
    row = conn.execute("SELECT size, mtime_ns, inode FROM files WHERE name = ?",
                       (NOTES_FILE,)).fetchone()
    stored = tuple(row) if row is not None else None
    if stored == key:
        return True
    racy = stored is not None and key is not None and stored[0] == -1 and stored[1:] == key[1:]
    return racy and digest is not None and digest == _meta(conn, NOTES_DIGEST)


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row is not None else None


def _set_meta(conn: sqlite3.Connection, key: str, value: str | None) -> None:
    if value is None:
        conn.execute("DELETE FROM meta WHERE key = ?", (key,))
    else:
        conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def _format(conn: sqlite3.Connection) -> int | None:
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    except sqlite3.OperationalError:
        return None
    return int(row[0]) if row and str(row[0]).isdigit() else None


def _valid_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


class _Slots:
    """Hands out one transaction's rowid blocks (per day, one past the highest in use) and
    holds the rows of the meetings given them until ``write_pending``.

    Shards are keyed by a hash of the id, so a shard's meetings come in no date order, and
    FTS5 flushes its pending terms to a new segment whenever a rowid is lower than the
    last one, about every other meeting in a shard's order: tiny segments, merged again
    and again (FTS inserts were 115 s of a 226 s build at 100k). Written sorted at the end
    of the batch, a batch is one flush (14-19 s in all; docs/performance.md).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.top: dict[int, int] = {}
        self.pending: list[tuple[int, _Built]] = []

    def defer(self, built: Iterable[tuple[int, _Built]]) -> None:
        self.pending.extend(built)

    def write_pending(self) -> None:
        if self.pending:
            _write_built(self.conn, self.pending)
            self.pending = []

    def allocate(self, iso_date: str) -> int:
        day = dt.date.fromisoformat(iso_date).toordinal()
        top = self.top.get(day)
        if top is None:
            low, high = day << DAY_SHIFT, ((day + 1) << DAY_SHIFT) - 1
            used = [r[0] for r in self.conn.execute(
                "SELECT max(base) FROM catalog WHERE base BETWEEN ? AND ? UNION ALL "
                "SELECT max(base) FROM notes WHERE base BETWEEN ? AND ?",
                (low, high, low, high)) if r[0] is not None]
            top = max(used, default=low - BLOCK)
        top += BLOCK
        if top >> DAY_SHIFT != day:  # 16 million blocks used on one day: never in practice
            raise IndexUnavailable("the search index ran out of row ids; delete "
                                   "index.sqlite to rebuild it")
        self.top[day] = top
        return top


def _forget(conn: sqlite3.Connection, base: int, built: _Built) -> None:
    """Delete one owner's rows (its block at ``base``): ``built`` is what was inserted for it.

    A contentless FTS5 table deletes a row only when told the values it was inserted with
    (SQLite 3.40 has no ``contentless_delete``); they are rebuilt from the JSON the index
    keeps, with the same store.rows code (INDEX_FORMAT names that code's output).
    """
    fts_rows, facet_rows = built
    conn.executemany("INSERT INTO fts (fts, rowid, title, people, topics, text) "
                     "VALUES ('delete', ?, ?, ?, ?, ?)",
                     [(base + r[0], *r[1:5]) for r in fts_rows])
    conn.executemany("DELETE FROM facet WHERE kind = ? AND norm = ? AND id = ?",
                     [(f[1], f[2], base + f[0]) for f in facet_rows])
    conn.execute("DELETE FROM owner WHERE base = ?", (base,))


def _delete_meeting(conn: sqlite3.Connection, meeting_id: str) -> None:
    """Forget a meeting's own rows (its notes stay: they follow the notes file)."""
    row = conn.execute("SELECT c.base, m.json FROM catalog c JOIN meetings m ON m.id = c.id "
                       "WHERE c.id = ?", (meeting_id,)).fetchone()
    if row is not None:
        _forget(conn, row[0], _build_meeting(orjson.loads(_unpack(row[1]))))
    conn.execute("DELETE FROM catalog WHERE id = ?", (meeting_id,))
    conn.execute("DELETE FROM meetings WHERE id = ?", (meeting_id,))


def _forget_note_rows(conn: sqlite3.Connection, base: int | None, blob: bytes) -> None:
    if base is not None:
        _forget(conn, base, _build_note(orjson.loads(blob)))


def _delete_note(conn: sqlite3.Connection, note_id: str) -> list[str]:
    row = conn.execute("SELECT meeting_id, base, json FROM notes WHERE id = ?",
                       (note_id,)).fetchone()
    if row is None:
        return []
    _forget_note_rows(conn, row[1], row[2])
    conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
    return [row[0]]


def _recount_notes(conn: sqlite3.Connection, meeting_ids: Iterable[str]) -> None:
    conn.executemany("UPDATE catalog SET note_count = (SELECT count(*) FROM notes "
                     "WHERE notes.meeting_id = catalog.id) WHERE id = ?",
                     [(mid,) for mid in meeting_ids])


def read_meeting_docs(path: Path) -> list[dict[str, Any]]:
    """The meetings of the shard at ``path`` (missing: none), refused as the store's
    storage refuses it on every parse: a shard the store refuses must not be indexed as if
    it were sound (see prepare_shard)."""
    try:
        data = decode_json_file(path)
    except StoreError:
        if not path.exists():
            return []
        raise
    _check_tinydb_shape(path, data)
    check_meetings_table(path, data)
    docs = data.get(MEETINGS_TABLE, {}) if isinstance(data, dict) else {}
    return [doc for doc in docs.values() if isinstance(doc, dict)] \
        if isinstance(docs, dict) else []


def _readable_shard(path: Path, key: FileKey | None
                    ) -> tuple[list[dict[str, Any]], FileKey | None]:
    """The shard's meetings and its key; none, and no key, for a shard the store would
    refuse (see prepare_shard) or one that is gone (``key`` None)."""
    if key is None:
        return [], None
    try:
        return read_meeting_docs(path), key
    except StoreError:
        return [], None


def read_and_prepare_shard(root: Path, name: str, key: FileKey | None,
                           known: dict[str, str]) -> _Shard:
    """prepare_shard of a shard read from disk, keeping only what the index writes: the
    documents and their JSON are dropped once their rows, catalog fields and packed JSON
    are built (what a second process sends back, store.index_worker)."""
    docs, key = _readable_shard(root / name, key)
    shard = prepare_shard(name, key, docs, known)
    shard.incoming = {mid: (None, None, digest)
                      for mid, (_doc, _blob, digest) in shard.incoming.items()}
    return shard


def prepare_shard(name: str, key: FileKey | None, docs: list[dict[str, Any]],
                  known: dict[str, str] | None) -> _Shard:
    """One shard's meetings, with the rows, catalog fields and packed JSON of those whose
    digest is not the one in ``known`` built (none built when ``known`` is None).

    Pure Python, no database: during a rebuild it runs ahead of the inserts, in a second
    process for a big build (store.index_worker) or a thread. A shard that could not be
    read (``key`` None) indexes as empty (`dossier check` reports it) and its fingerprint
    is not recorded: it stays stale, so the store's catalog reads parse it again and
    refuse it, as they do without an index.
    """
    shard = _Shard(name, key)
    for doc in docs:
        meeting_id = doc.get("id")
        if not isinstance(meeting_id, str) or not _valid_date(doc.get("date")):
            continue
        blob = orjson.dumps(doc)
        digest = _record_digest(blob)
        shard.incoming[meeting_id] = (doc, blob, digest)
        if known is not None and known.get(meeting_id) != digest:
            shard.built[meeting_id] = _build_meeting(doc)
            shard.packed[meeting_id] = _pack(blob)
            shard.listed[meeting_id] = (*catalog_fields(doc), doc_date_certainty(doc))
    return shard


class _ShardFeed:
    """The shards of one refresh, asked of the worker process in order, up to
    WORKER_AHEAD ahead of the one being inserted: across batches, so the worker reads the
    next batch while this one's rows are written and committed."""

    def __init__(self, conn: sqlite3.Connection, worker: ShardWorker, names: list[str],
                 wanted: dict[str, FileKey | None]) -> None:
        self.conn, self.worker, self.wanted = conn, worker, wanted
        self.unasked = deque(names)
        self.asked: deque[str] = deque()
        self.gone = False
        self._top_up()

    def take(self, name: str) -> _Shard | None:
        """``name`` prepared (None: not asked, not prepared there, or the worker is
        gone: the caller prepares it)."""
        from .shard_worker import WorkerGone

        try:
            while self.asked and self.asked[0] != name:
                # Indexed by another process meanwhile (not in this batch's todo).
                self.asked.popleft()
                self.worker.result()
            if not self.asked or self.gone:
                return None
            self.asked.popleft()
            shard: _Shard | None = self.worker.result()  # None: this one failed there
            self._top_up()
            return shard
        except WorkerGone:
            self.gone = True
            return None

    def _top_up(self) -> None:
        from .shard_worker import WorkerGone

        try:
            while not self.gone and self.unasked and len(self.asked) < WORKER_AHEAD:
                name = self.unasked.popleft()
                # Against the digests indexed now: the shard's rows are inserted in this
                # transaction or the next, after another process had its chance to index
                # it (_apply_shard re-reads a shard prepared against other digests).
                known = dict(self.conn.execute(
                    "SELECT id, hash FROM catalog WHERE shard = ?", (name,)))
                self.worker.submit(name, self.wanted.get(name), known)
                self.asked.append(name)
        except WorkerGone:
            self.gone = True


@dataclass(slots=True)
class _Shard:
    """One shard as read: its meetings and, for those that looked changed, their rows."""

    name: str
    key: FileKey | None
    #: id -> (document, its JSON, digest); the first two None once prepared elsewhere.
    incoming: dict[str, tuple[dict[str, Any] | None, bytes | None, str]] = field(
        default_factory=dict)
    built: dict[str, _Built] = field(default_factory=dict)
    packed: dict[str, bytes] = field(default_factory=dict)
    #: id -> the catalog's columns from date to tags (catalog_fields), and date_certainty.
    listed: dict[str, tuple[Any, ...]] = field(default_factory=dict)

    def prepared(self, meeting_ids: Iterable[str]) -> bool:
        """Whether each of ``meeting_ids`` can be inserted from what this shard holds."""
        return all(self.incoming[mid][0] is not None or mid in self.listed
                   for mid in meeting_ids)


_Built = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]
"""An owner's FTS rows (offset, title, people, topics, text) and facet rows (offset, kind,
norm, whole, row offset), offsets relative to its rowid block."""


def _meeting_row_list(doc: dict[str, Any]) -> list[Row]:
    """A meeting's rows as indexed: at most BLOCK (a pathological record of 65,536
    paragraphs has the rest unindexed)."""
    rows = []
    for offset, row in enumerate(meeting_rows(doc)):
        if offset >= BLOCK:
            break
        rows.append(row)
    return rows


def _build_meeting(doc: dict[str, Any]) -> _Built:
    rows = _meeting_row_list(doc)
    offsets: dict[str, int] = {}
    for offset, row in enumerate(rows):
        offsets.setdefault(row.target, offset)
    fts = [(offset, row.title, row.people, row.topics, row.text)
           for offset, row in enumerate(rows)]
    return fts, _facet_rows(meeting_facets(doc, offsets))


def _build_note(doc: dict[str, Any]) -> _Built:
    row = note_row(doc)
    return [(0, row.title, row.people, row.topics, row.text)], _facet_rows(note_facets(doc))


def _facet_rows(values: Iterable[Facet]) -> list[tuple[Any, ...]]:
    """Facet rows (offset, kind, norm, whole, row offset): each value and each of its
    word-start suffixes, so a filter matches from any word with a range scan."""
    out: list[tuple[Any, ...]] = []
    for kind, value, _target, row_offset in values:
        if not isinstance(value, str):
            continue
        norm = normalize(value)
        if not norm:
            continue
        out.append((len(out), kind, norm, 1, row_offset))
        position = norm.find(" ")
        while position >= 0:
            out.append((len(out), kind, norm[position + 1:], 0, row_offset))
            position = norm.find(" ", position + 1)
    return out[:BLOCK]


def _write_built(conn: sqlite3.Connection, items: Iterable[tuple[int, _Built]]) -> None:
    """Insert owners' rows in rowid order (FTS5 flushes on a lower rowid, see _Slots) and
    facet rows in key order (each B-tree page visited once per batch)."""
    fts: list[tuple[Any, ...]] = []
    facets: list[tuple[Any, ...]] = []
    for base, (fts_rows, facet_rows) in sorted(items, key=itemgetter(0)):
        fts.extend((base + r[0], *r[1:]) for r in fts_rows)
        facets.extend((f[1], f[2], base + f[0], f[3], base + f[4]) for f in facet_rows)
    conn.executemany("INSERT INTO fts (rowid, title, people, topics, text) "
                     "VALUES (?,?,?,?,?)", fts)
    # Already in id order, so a stable sort on (kind, norm) gives the key order. As one
    # string (no NUL in either: a separator below every character), 0.24 s for 316,000
    # rows (a 100k build's batch) against 0.62 s comparing the tuples, 16 times a build.
    facets.sort(key=_facet_order)
    conn.executemany("INSERT INTO facet (kind, norm, id, whole, row) VALUES (?,?,?,?,?)",
                     facets)


def _facet_order(row: tuple[Any, ...]) -> str:
    return f"{row[0]}\0{row[1]}"


def _insert_meetings(conn: sqlite3.Connection, shard: _Shard, ids: list[str],
                     slots: _Slots) -> None:
    catalog: list[tuple[Any, ...]] = []
    blobs: list[tuple[str, bytes]] = []
    built: list[tuple[int, _Built]] = []
    for meeting_id in ids:
        doc, blob, digest = shard.incoming[meeting_id]
        listed = shard.listed.get(meeting_id)
        packed = shard.packed.get(meeting_id)
        rows = shard.built.get(meeting_id)
        if listed is None or packed is None or rows is None:
            assert doc is not None and blob is not None  # see _Shard.prepared
            listed = (*catalog_fields(doc), doc_date_certainty(doc))
            packed, rows = _pack(blob), _build_meeting(doc)
        base = slots.allocate(listed[0])  # the date
        catalog.append((meeting_id, shard.name, *listed[:-1], 0, digest, base, listed[-1]))
        blobs.append((meeting_id, packed))
        built.append((base, rows))
    conn.executemany("INSERT OR REPLACE INTO catalog VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                     catalog)
    conn.executemany("INSERT OR REPLACE INTO meetings VALUES (?, ?)", blobs)
    conn.executemany("INSERT INTO owner VALUES (?, ?, NULL)",
                     [(row[-2], row[0]) for row in catalog])
    slots.defer(built)
    # One query, not one per meeting: few meetings have notes, and recounting every
    # inserted meeting rewrote each catalog row it had just written.
    _reindex_notes_of(conn, _with_notes(conn, ids), slots)


def _with_notes(conn: sqlite3.Connection, meeting_ids: list[str]) -> list[str]:
    """Those of ``meeting_ids`` that have notes in the index."""
    found: list[str] = []
    for at in range(0, len(meeting_ids), SQL_VARIABLES):
        chunk = meeting_ids[at:at + SQL_VARIABLES]
        found.extend(row[0] for row in conn.execute(
            f"SELECT DISTINCT meeting_id FROM notes WHERE meeting_id IN "
            f"({','.join('?' * len(chunk))})", chunk))
    return found


def _reindex_notes_of(conn: sqlite3.Connection, meeting_ids: list[str], slots: _Slots) -> None:
    """(Re)index the notes of meetings just (re)indexed: they carry the meeting's date."""
    for meeting_id in meeting_ids:
        notes = conn.execute("SELECT id, json, base FROM notes WHERE meeting_id = ?",
                             (meeting_id,)).fetchall()
        for _note_id, blob, base in notes:
            _forget_note_rows(conn, base, blob)
            _insert_note_rows(conn, orjson.loads(blob), slots)
    _recount_notes(conn, meeting_ids)


def _insert_note(conn: sqlite3.Connection, doc: dict[str, Any], blob: bytes, digest: str,
                 slots: _Slots) -> None:
    """Index one note not in the index yet (the diff of the notes file, or the one note a
    store just added: SearchIndex.note_written)."""
    conn.execute("INSERT INTO notes VALUES (?, ?, ?, ?, NULL)",
                 (doc["id"], doc["meeting_id"], digest, blob))
    _insert_note_rows(conn, doc, slots)


def _insert_note_rows(conn: sqlite3.Connection, doc: dict[str, Any], slots: _Slots) -> None:
    """Index one note (already in the notes table) under its meeting's date."""
    meeting_id, note_id = doc["meeting_id"], doc["id"]
    row = conn.execute("SELECT date FROM catalog WHERE id = ?", (meeting_id,)).fetchone()
    if row is None:
        # A note of a meeting not (yet) indexed: indexed when the meeting is.
        conn.execute("UPDATE notes SET base = NULL WHERE id = ?", (note_id,))
        return
    base = slots.allocate(row[0])
    conn.execute("UPDATE notes SET base = ? WHERE id = ?", (base, note_id))
    conn.execute("INSERT INTO owner VALUES (?, ?, ?)", (base, meeting_id, note_id))
    _write_built(conn, [(base, _build_note(doc))])


# -- reading rows back -----------------------------------------------------------------------

def rows_at(conn: sqlite3.Connection, rowids: Iterable[int]) -> dict[int, tuple[Any, ...]]:
    """The content of FTS rows as (rowid, kind, meeting_id, date, label, target,
    span_start, span_end, title, people, topics, text), rebuilt from their owners' JSON.

    A meeting's own row comes from its catalog row; any other from the owner's JSON, read
    and parsed once per owner (~75 us a meeting) and kept by content digest for the next
    search (ROWS_CACHE). A rowid whose owner or row is gone is left out.
    """
    by_base: dict[int, list[int]] = {}
    for rowid in rowids:
        by_base.setdefault(rowid & ~(BLOCK - 1), []).append(rowid)
    out: dict[int, tuple[Any, ...]] = {}
    for base, wanted in by_base.items():
        owner = conn.execute(
            "SELECT o.meeting_id, o.note_id, c.date, coalesce(n.hash, c.hash), c.title, "
            "c.tags, c.body, c.level, c.location FROM owner o JOIN catalog c "
            "ON c.id = o.meeting_id LEFT JOIN notes n ON n.id = o.note_id "
            "WHERE o.base = ?", (base,)).fetchone()
        if owner is None or owner[3] is None:
            continue
        meeting_id, note_id, date, digest = owner[:4]
        if note_id is None and all(rowid == base for rowid in wanted):
            title, tags, body, level, location = owner[4:]
            rows = [meeting_row(title, [] if tags == "[]" else orjson.loads(tags), body,
                                level, location)]
        else:
            rows = _owner_rows(conn, meeting_id, note_id, digest)
        for rowid in wanted:
            offset = rowid - base
            if offset < len(rows):
                row = rows[offset]
                span = row.span or (None, None)
                out[rowid] = (rowid, row.kind, meeting_id, date, row.label, row.target,
                              span[0], span[1], row.title, row.people, row.topics, row.text)
    return out


#: Owners' rows by content digest, most recent last: typing a query re-reads mostly the
#: same meetings. The digest names the JSON, so an entry is right for any store.
ROWS_CACHE: OrderedDict[str, list[Row]] = OrderedDict()
ROWS_CACHE_SIZE = 512
_rows_cache_lock = threading.Lock()


def _owner_rows(conn: sqlite3.Connection, meeting_id: str, note_id: str | None,
                digest: str) -> list[Row]:
    with _rows_cache_lock:
        rows = ROWS_CACHE.get(digest)
        if rows is not None:
            ROWS_CACHE.move_to_end(digest)
            return rows
    if note_id is not None:
        found = conn.execute("SELECT json FROM notes WHERE id = ?", (note_id,)).fetchone()
        rows = [note_row(orjson.loads(found[0]))] if found is not None else []
    else:
        found = conn.execute("SELECT json FROM meetings WHERE id = ?",
                             (meeting_id,)).fetchone()
        rows = _meeting_row_list(orjson.loads(_unpack(found[0]))) if found is not None else []
    with _rows_cache_lock:
        ROWS_CACHE[digest] = rows
        while len(ROWS_CACHE) > ROWS_CACHE_SIZE:
            ROWS_CACHE.popitem(last=False)
    return rows


def owner_meeting(column: str) -> str:
    """SQL of the meeting an FTS row or facet row belongs to, given the SQL of its id."""
    return (f"(SELECT meeting_id FROM owner "
            f"WHERE base = ({column} >> {SLOT_SHIFT}) << {SLOT_SHIFT})")


def owner_join(column: str) -> str:
    """SQL joining ``owner o`` to the FTS or facet rows whose id is ``column`` (driven from
    those rows: CROSS JOIN keeps SQLite from starting at the owners)."""
    return f"CROSS JOIN owner o ON o.base = ({column} >> {SLOT_SHIFT}) << {SLOT_SHIFT}"
