"""Building the index while the store is in use: progress, and nobody waits for it.

The app builds a missing or stale index in the background (minutes at 100k meetings).
Meanwhile the list, opening a meeting and saving a note must go on: they fall back on the
TinyDB files or leave the change to the next read, and the index catches up.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from dossier.store.index import SearchIndex
from dossier.store.model import Meeting
from dossier.store.paths import bundled_sample_records
from dossier.store.store import Store
from tests.conftest import age_data_files

from .search_records import three_meetings


def store_with_meetings(root: Path) -> Store:
    store = Store.create(root, seed=True)
    store.put_meetings(three_meetings())
    age_data_files(store)  # out of the index's re-check window
    return store


def test_a_build_reports_progress_over_the_meeting_files(store_dir: Path) -> None:
    store = store_with_meetings(store_dir)
    seen: list[tuple[int, int]] = []
    records = store.index().ensure_fresh(progress=lambda done, total: seen.append((done,
                                                                                  total)))
    files = len(store.meeting_files())
    assert records >= 4  # four meetings (and their items) were indexed
    assert seen[0] == (0, files) and seen[-1] == (files, files)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    # Nothing changed since: no work, and no progress to show.
    seen.clear()
    assert store.index().ensure_fresh(progress=lambda d, t: seen.append((d, t))) == 0
    assert seen == []


def hold_index_lock(store: Store) -> tuple[threading.Event, threading.Event, threading.Thread]:
    """Another thread holds the index's lock, as a long build does, until released."""
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with store.index().try_lock(5) as locked:
            assert locked
            held.set()
            release.wait(30)

    thread = threading.Thread(target=hold)
    thread.start()
    assert held.wait(10)
    return held, release, thread


def test_list_open_and_note_do_not_wait_for_a_build(store_dir: Path) -> None:
    store = store_with_meetings(store_dir)
    store.index().ensure_fresh()
    expected = store.list_meetings()
    _, release, thread = hold_index_lock(store)
    try:
        # From the files, with the same answer as from the catalog.
        reader = Store.open(store_dir)
        reader.index()  # the same situation as the app: an index object exists
        assert reader.list_meetings() == Store.open(store_dir).list_meetings() == expected
        assert store.list_meetings() == expected
        assert store.get_meeting("arc-2015-09-20").participants[0].name == "José Müller"
        note = store.add_note("arc-2015-09-20", "Quokka sighting")
        assert note.id in {n.id for n in store.list_notes("arc-2015-09-20")}
        # All of that happened while the lock was still held (not after it was let go).
        assert thread.is_alive()
    finally:
        release.set()
        thread.join()
    # The note skipped by the busy index is found once the index catches up.
    hits = store.search("quokka")
    assert [(h.kind, h.meeting_id) for h in hits] == [("note", "arc-2015-09-20")]


class _Stop(Exception):
    pass


def test_a_build_cut_short_keeps_its_work_and_the_next_one_finishes_it(
        store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dossier.store.index as index_module

    monkeypatch.setattr(index_module, "BUILD_BATCH", 2)
    store = Store.create(store_dir, seed=True)
    copies = []
    for number in range(30):
        doc = json.loads(bundled_sample_records()[0].read_bytes())
        doc.update(id=f"copy-{number:02d}", title=f"Quokka council {number:02d}")
        copies.append(Meeting.from_json_dict(doc))
    store.put_meetings(copies)
    age_data_files(store)  # out of the index's re-check window
    files = len(store.meeting_files())
    assert files > 8

    def stop_after_five(done: int, total: int) -> None:
        if done >= 5:
            raise _Stop  # what the app does when it closes mid-build

    with pytest.raises(_Stop):
        store.index().ensure_fresh(progress=stop_after_five)

    # A new process (a new Store) finds the batches that were committed and reads only
    # the files that were not done.
    reopened = Store.open(store_dir)
    index = reopened.index()
    index.ensure_fresh()
    assert 0 < index.files_read <= files - 4
    hits = reopened.search("quokka", limit=100)
    assert {h.meeting_id for h in hits} == {f"copy-{n:02d}" for n in range(30)}
    assert {h.meeting_id for h in reopened.search("quokka body:nato", limit=100)} == {
        f"copy-{n:02d}" for n in range(30)}  # the facets of both halves of the build
    assert [s.id for s in reopened.list_meetings()] == [s.id for s in
                                                        Store.open(store_dir).list_meetings()]


def test_a_badly_stale_index_is_not_rebuilt_in_the_path_of_the_list(store_dir: Path) -> None:
    """The app's first paint reads the list; with much of the index stale (a build cut
    short) it must come from the files, leaving the re-indexing to the background."""
    from dossier.store.store import CATALOG_MAX_STALE

    store = Store.create(store_dir, seed=True)
    copies = []
    for number in range(60):
        doc = json.loads(bundled_sample_records()[0].read_bytes())
        doc.update(id=f"copy-{number:02d}", date=f"2012-01-{number % 28 + 1:02d}")
        copies.append(Meeting.from_json_dict(doc))
    store.put_meetings(copies)
    assert len(store.meeting_files()) > CATALOG_MAX_STALE
    store.index().ensure_fresh()
    with store.index().reading() as conn:
        conn.execute("DELETE FROM files")  # every file now looks changed
    reopened = Store.open(store_dir)
    first = reopened.list_meetings(limit=5)
    assert reopened.index().files_read == 0  # nothing was re-indexed to answer
    assert first == Store(store_dir, read_only=True).list_meetings(limit=5)


def _dated_copies(count: int) -> list[Meeting]:
    """Copies of the sample on dates in no order, so each shard's meetings (and so the
    rows of a build batch) come in no rowid order."""
    copies = []
    for number in range(count):
        doc = json.loads(bundled_sample_records()[0].read_bytes())
        year = 1990 + (number * 7919) % 30  # a permutation of the years
        doc.update(id=f"copy-{number:02d}", title=f"Quokka council {number:02d}",
                   date=f"{year}-0{1 + number % 9}-1{number % 10}")
        copies.append(Meeting.from_json_dict(doc))
    return copies


def _indexed_in_batches_of_four(store_dir: Path, monkeypatch: pytest.MonkeyPatch
                                ) -> tuple[Store, SearchIndex]:
    """Thirty dated copies, indexed four shards to a commit (several batches)."""
    import dossier.store.index as index_module

    monkeypatch.setattr(index_module, "BUILD_BATCH", 4)
    store = Store.create(store_dir, seed=True)
    store.put_meetings(_dated_copies(30))
    age_data_files(store)
    index = store.index()
    index.ensure_fresh()
    return store, index


def test_many_files_changed_at_once_replace_their_meetings_rows(
        store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A refresh of many files holds the new rows of a batch until its end (written in
    rowid order, store.index._Slots): the rows it replaces must still be deleted first,
    and the pages they leave free given back to the file system."""
    store, index = _indexed_in_batches_of_four(store_dir, monkeypatch)
    assert len(store.search("quokka", limit=100)) == 30
    # Edited by hand in every shard that holds a copy: each is re-read, its old rows
    # deleted and its new ones written at the end of the batch.
    edited = 0
    for path in store.meeting_files():
        text = path.read_text(encoding="utf-8")
        if "Quokka" in text:
            path.write_text(text.replace("Quokka", "Wombat"), encoding="utf-8")
            edited += 1
    assert edited > 8  # several batches
    age_data_files(store)
    index.ensure_fresh()
    assert store.search("quokka", limit=100) == []
    wombats = store.search("wombat", limit=100)
    assert sorted(h.meeting_id for h in wombats) == [f"copy-{n:02d}" for n in range(30)]
    assert len({h.meeting_id for h in store.search("wombat body:nato", limit=100)}) == 30
    with index.reading() as conn:
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] < 10
    # The same answers as an index built from nothing.
    rebuilt = Store.open(store_dir)
    rebuilt.index().rebuild()
    assert [(h.meeting_id, h.kind, h.target) for h in rebuilt.search("wombat", limit=100)] \
        == [(h.meeting_id, h.kind, h.target) for h in wombats]


def test_a_meeting_copied_by_hand_into_a_later_shard_is_indexed_once(
        store_dir: Path) -> None:
    """The second shard of a batch deletes the rows the first one gave the same id: they
    must have been written by then, or FTS5 is told to delete rows it never had."""
    from dossier.store.layout import shard_name

    copies = {c.id: c for c in _dated_copies(30)}
    first = min(copies, key=shard_name)
    later = next(i for i in copies if shard_name(i) > shard_name(first))
    store = Store.create(store_dir, seed=False)
    store.put_meetings([copies[first], copies[later]])
    age_data_files(store)
    index = store.index()
    index.ensure_fresh()
    first_path = store_dir / "meetings" / shard_name(first)
    later_path = store_dir / "meetings" / shard_name(later)
    ours = json.loads(first_path.read_text(encoding="utf-8"))
    (doc,) = ours["meetings"].values()
    doc["title"] = "Numbat council"
    first_path.write_text(json.dumps(ours), encoding="utf-8")
    theirs = json.loads(later_path.read_text(encoding="utf-8"))
    theirs["meetings"]["999"] = dict(doc, title="Bilby council")
    later_path.write_text(json.dumps(theirs), encoding="utf-8")
    age_data_files(store)
    index.ensure_fresh()
    with index.reading() as conn:
        conn.execute("INSERT INTO fts (fts, rank) VALUES ('integrity-check', 0)")
        # No row left behind that only the owner table hides.
        assert conn.execute("SELECT count(*) FROM fts WHERE fts MATCH 'numbat'"
                            ).fetchone()[0] == 0

    def titled(word: str) -> list[str]:
        return [h.meeting_id for h in store.search(word, limit=100) if h.kind == "meeting"]

    # The later shard's copy wins, as a build from nothing would have it.
    assert (titled("bilby"), titled("numbat"), titled("quokka")) == ([first], [], [later])


def _fts_levels(conn: sqlite3.Connection) -> list[tuple[int, int]]:
    """FTS5's structure record (SQLite 3.40's layout): (segments, merge begun over how
    many) for each level, lowest first."""
    blob = conn.execute("SELECT block FROM fts_data WHERE id = 10").fetchone()[0]
    at = 4  # the cookie

    def varint() -> int:
        nonlocal at
        value = 0
        for _ in range(8):
            byte = blob[at]
            at += 1
            value = (value << 7) | (byte & 0x7F)
            if byte < 0x80:
                return value
        value = (value << 8) | blob[at]
        at += 1
        return value

    levels, _segments, _writes = varint(), varint(), varint()
    out = []
    for _ in range(levels):
        merging, segments = varint(), varint()
        for _ in range(segments):
            varint(), varint(), varint()  # id, first page, last page
        out.append((segments, merging))
    return out


def test_a_big_job_leaves_no_merge_due_for_the_next_small_write(
        store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch's rows are one FTS5 segment; a big job must not leave them waiting at the
    lowest level for a later note add to merge (index._settle_fts)."""
    store, index = _indexed_in_batches_of_four(store_dir, monkeypatch)
    with index.reading() as conn:
        assert [segments for segments, _ in _fts_levels(conn) if segments] == [1]
    for path in store.meeting_files():  # most of the store changed by hand
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Quokka", "Wombat"), encoding="utf-8")
    age_data_files(store)
    index.ensure_fresh()
    with index.reading() as conn:
        levels = _fts_levels(conn)
    assert all(merging == 0 and segments < 4 for segments, merging in levels), levels
    assert len(store.search("wombat", limit=100)) == 30
