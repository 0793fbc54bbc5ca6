"""The derived index: freshness, incremental updates, rebuilds, damage, read-only, processes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import orjson
import pytest

from dossier.store.index import SearchIndex
from dossier.store.layout import INDEX_FILE, MEETINGS_DIR, NOTES_FILE, shard_name
from dossier.store.storage import atomic_write_bytes
from dossier.store.store import Store
from tests.conftest import SEED_ID, RunDossier, dossier_command, without_root_override

from .search_records import three_meetings


def shard_path(store: Store, meeting_id: str) -> Path:
    return store.root / MEETINGS_DIR / shard_name(meeting_id)


def rewrite_meeting(path: Path, meeting_id: str, change: dict[str, object], *,
                    in_place: bool = False) -> None:
    """Edit a TinyDB shard the way a text editor or another tool would."""
    data = orjson.loads(path.read_bytes())
    for doc in data["meetings"].values():
        if doc["id"] == meeting_id:
            doc.update(change)
    payload = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    if in_place:
        with open(path, "r+b") as handle:  # same inode, like an editor saving in place
            handle.write(payload)
            handle.truncate()
    else:
        atomic_write_bytes(path, payload)


def test_index_is_built_in_the_store_directory(seeded_store: Store) -> None:
    assert not (seeded_store.root / INDEX_FILE).exists()
    seeded_store.search("piracy")
    assert (seeded_store.root / INDEX_FILE).is_file()
    assert (seeded_store.root / INDEX_FILE) not in seeded_store.data_files()
    mode = sqlite3.connect(seeded_store.root / INDEX_FILE).execute(
        "PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_edit_behind_the_stores_back_is_seen_by_the_next_search(seeded_store: Store) -> None:
    assert seeded_store.search("quokka") == []
    rewrite_meeting(shard_path(seeded_store, SEED_ID), SEED_ID,
                    {"title": "Quokka council session"})
    hits = seeded_store.search("quokka")
    assert [(h.kind, h.meeting_id) for h in hits] == [("meeting", SEED_ID)]
    assert seeded_store.index().list_meetings()[0].title == "Quokka council session"


def test_same_size_in_place_edit_is_seen(seeded_store: Store) -> None:
    seeded_store.search("piracy")
    # Same length, same inode, possibly the same mtime tick: only content tells.
    rewrite_meeting(shard_path(seeded_store, SEED_ID), SEED_ID, {"location": "Brxssels"},
                    in_place=True)
    assert seeded_store.search("brxssels")[0].meeting_id == SEED_ID


def test_only_changed_records_are_reindexed(empty_store: Store) -> None:
    empty_store.put_meetings(three_meetings())
    index = empty_store.index()
    index.ensure_fresh()
    rewrite_meeting(shard_path(empty_store, "wto-2012-05-10"), "wto-2012-05-10",
                    {"title": "Trade talks on wombats"})
    assert index.ensure_fresh() == 1  # one meeting, though its whole shard was re-read
    assert empty_store.search("wombats")[0].meeting_id == "wto-2012-05-10"
    assert index.ensure_fresh() == 0


def test_another_store_object_or_process_sees_changes(seeded_store: Store,
                                                      run_dossier: RunDossier) -> None:
    seeded_store.search("piracy")
    run_dossier("--store", str(seeded_store.root), "note", "add", SEED_ID,
                "Call the #desk about walrus", check=True)
    assert seeded_store.search("walrus")[0].kind == "note"
    assert seeded_store.search("tag:desk")[0].kind == "note"
    other = Store.open(seeded_store.root)
    other.put_meetings(three_meetings())
    assert "coe-2010-03-01" in {h.meeting_id for h in seeded_store.search("piracy")}


def test_listener_keeps_the_index_fresh_without_a_rebuild(seeded_store: Store) -> None:
    index = seeded_store.index()
    index.ensure_fresh()
    seeded_store.add_note(SEED_ID, "#urgent fishing rights", target="priority:counter-piracy")
    # The listener indexed the note: nothing is left for the next check to do.
    assert index.ensure_fresh() == 0
    assert index.note_counts() == {SEED_ID: 1}
    seeded_store.put_meetings(three_meetings())
    assert index.ensure_fresh() == 0
    assert len(index.list_meetings()) == 4


def test_catalog_matches_the_store(empty_store: Store) -> None:
    empty_store.put_meetings(three_meetings())
    index = empty_store.index()
    assert index.list_meetings() == empty_store.list_meetings()
    for summary in empty_store.list_meetings():
        meeting = empty_store.get_meeting(summary.id)
        assert index.meeting_json(summary.id) == meeting.to_json_dict()
    assert index.meeting_json("no-such-meeting") is None
    assert index.meeting_count() == 3


def test_the_catalog_says_how_sure_each_date_is(empty_store: Store) -> None:
    # The list shows a draft's date from the catalog alone (a worker reading every draft
    # whole held keys up ~2 s each for the first 20 s at 100k meetings, issue 14).
    first, second, third = three_meetings()
    month = first.model_copy(update={"status": "draft", "date_origin": "text",
                                     "date_precision": "month"})
    unknown = second.model_copy(update={"status": "draft", "date_origin": "assumed",
                                        "date_precision": "unknown"})
    empty_store.put_meetings([month, unknown, third])
    index = empty_store.index()
    shown = {s.id: (s.date_certainty, s.date_label) for s in index.list_meetings()}
    assert shown == {m.id: (m.date_certainty, m.date_label) for m in (month, unknown, third)}
    assert shown[unknown.id] == ("unknown", "unknown")
    assert shown[month.id][1].endswith("-??")
    assert index.list_meetings() == empty_store.list_meetings()
    empty_store.update_meeting(unknown.model_copy(update={"date_origin": "set",
                                                          "date_precision": "day"}))
    settled = {s.id: s.date_label for s in index.list_meetings()}
    assert settled[unknown.id] == unknown.date.isoformat()


def test_an_index_of_format_6_gains_date_certainty_in_place(empty_store: Store) -> None:
    # Upgrading must not rebuild a 100k index (~4 min): format 7 only adds one column.
    first, second, third = three_meetings()
    unknown = second.model_copy(update={"status": "draft", "date_origin": "assumed",
                                        "date_precision": "unknown"})
    empty_store.put_meetings([first, unknown, third])
    empty_store.search("piracy")
    empty_store.close()
    conn = sqlite3.connect(empty_store.root / INDEX_FILE)
    conn.execute("ALTER TABLE catalog DROP COLUMN date_certainty")  # format 6's catalog
    conn.execute("UPDATE meta SET value = '6' WHERE key = 'format'")
    conn.commit()
    bases = dict(conn.execute("SELECT id, base FROM catalog"))
    conn.close()
    index = Store.open(empty_store.root).index()
    assert index.ensure_fresh() == 0  # nothing re-read: the rows were kept
    shown = {s.id: s.date_label for s in index.list_meetings()}
    assert shown[unknown.id] == "unknown"
    assert shown[first.id] == first.date.isoformat()
    conn = sqlite3.connect(empty_store.root / INDEX_FILE)
    assert dict(conn.execute("SELECT id, base FROM catalog")) == bases
    assert conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() == ("7",)
    conn.close()


def test_missing_or_damaged_index_is_rebuilt(seeded_store: Store) -> None:
    seeded_store.search("piracy")
    seeded_store.close()
    path = seeded_store.root / INDEX_FILE
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"this is not a database at all" * 100)
    reopened = Store.open(seeded_store.root)
    assert reopened.search("piracy")[0].target == "priority:counter-piracy"
    reopened.close()
    path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    again = Store.open(seeded_store.root)
    assert again.search("csto")[0].target == "agenda:afghanistan-after-isaf"


def test_index_of_an_older_format_is_rebuilt(seeded_store: Store) -> None:
    seeded_store.search("piracy")
    conn = sqlite3.connect(seeded_store.root / INDEX_FILE)
    conn.execute("UPDATE meta SET value = '0' WHERE key = 'format'")
    conn.commit()
    conn.close()
    fresh = Store.open(seeded_store.root)
    assert fresh.search("piracy")[0].target == "priority:counter-piracy"


def test_store_files_never_depend_on_the_index(seeded_store: Store) -> None:
    seeded_store.search("piracy")
    before = {p: p.read_bytes() for p in seeded_store.data_files()}
    (seeded_store.root / INDEX_FILE).unlink()
    seeded_store.close()
    plain = Store.open(seeded_store.root)
    assert plain.get_meeting(SEED_ID).id == SEED_ID
    assert {p: p.read_bytes() for p in plain.data_files()} == before


@without_root_override  # as root, in a pytest of its own without DAC override
def test_read_only_store_gets_an_in_memory_index(seeded_store: Store) -> None:
    root = seeded_store.root
    os.chmod(root, 0o500)
    try:
        read_only = Store.open(root)
        assert read_only.read_only
        assert read_only.search("piracy")[0].target == "priority:counter-piracy"
        assert not (root / INDEX_FILE).exists()
    finally:
        os.chmod(root, 0o700)


def test_unwritable_index_location_falls_back_to_memory(seeded_store: Store) -> None:
    (seeded_store.root / INDEX_FILE).mkdir()  # cannot be opened as a database file
    index = SearchIndex(seeded_store, listen=False)
    assert index.list_meetings()[0].id == SEED_ID
    assert index.path is None


def test_deleted_notes_file_and_shard_empty_the_index(seeded_store: Store) -> None:
    seeded_store.add_note(SEED_ID, "tapir")
    assert seeded_store.search("tapir")
    (seeded_store.root / NOTES_FILE).unlink()
    assert seeded_store.search("tapir") == []
    shard_path(seeded_store, SEED_ID).unlink()
    assert seeded_store.search("piracy") == []
    assert seeded_store.index().list_meetings() == []


def test_two_processes_build_and_search_at_once(seeded_store: Store, tmp_path: Path) -> None:
    seeded_store.put_meetings(three_meetings())
    seeded_store.close()
    env = dict(os.environ)
    procs = [subprocess.Popen([*dossier_command(), "--store", str(seeded_store.root),
                               "search", "piracy", "--json"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env, cwd=tmp_path)
             for _ in range(3)]
    outputs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outputs]
    results = [[(h["meeting_id"], h["target"]) for h in orjson.loads(out)]
               for out, _ in outputs]
    assert results[0] == results[1] == results[2]
    assert ("coe-2010-03-01", "meeting") in results[0]


def test_store_opened_read_only_indexes_in_memory(seeded_store: Store) -> None:
    read_only = Store(seeded_store.root, read_only=True)
    assert read_only.search("lavrov")[0].target == "participant:sergey-lavrov"
    assert read_only.index().path is None
    assert not (seeded_store.root / INDEX_FILE).exists()


def test_bulk_write_syncs_each_touched_shard_once(seeded_store: Store) -> None:
    index = seeded_store.index()
    index.ensure_fresh()
    before = index.files_read
    meetings = three_meetings()
    seeded_store.put_meetings(meetings)  # one change notice per meeting
    assert index.files_read - before == len({shard_name(m.id) for m in meetings})
    assert index.meeting_count() == 4


def test_date_filters_use_the_meeting_date(empty_store: Store) -> None:
    empty_store.put_meetings(three_meetings())
    # Notes are indexed under their meeting's date, so date filters apply to them too.
    empty_store.add_note("wto-2012-05-10", "gnu herds")
    assert [h.kind for h in empty_store.search("gnu year:2012")] == ["note"]
    assert empty_store.search("gnu after:2012-05-10") == []


def test_catalog_pages(empty_store: Store) -> None:
    empty_store.put_meetings(three_meetings())
    index = empty_store.index()
    everything = index.list_meetings()
    assert [s.id for s in everything] == ["arc-2015-09-20", "wto-2012-05-10", "coe-2010-03-01"]
    assert index.list_meetings(limit=2) == everything[:2]
    assert index.list_meetings(limit=2, offset=2) == everything[2:]


def test_a_busy_index_never_blocks_or_fails_a_note(seeded_store: Store) -> None:
    seeded_store.search("piracy")
    other = sqlite3.connect(seeded_store.root / INDEX_FILE, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process in the middle of a long rebuild
    try:
        note = seeded_store.add_note(SEED_ID, "hedgehog census")  # saved regardless
    finally:
        other.execute("ROLLBACK")
        other.close()
    # The listener skipped; the fingerprint still names the old notes file, so the next
    # search catches up.
    assert seeded_store.search("hedgehog")[0].target == f"note:{note.id}"


def test_a_locked_index_gives_a_sentence(seeded_store: Store) -> None:
    from dossier.store.index import IndexUnavailable

    index = seeded_store.index()
    index.ensure_fresh()
    index.connection().execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(seeded_store.root / INDEX_FILE, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        seeded_store.add_note(SEED_ID, "x")  # listener skips (busy)
        index.connection().execute("PRAGMA busy_timeout = 50")
        with pytest.raises(IndexUnavailable, match="busy"):
            index.ensure_fresh()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert (seeded_store.root / INDEX_FILE).exists()  # busy is not damage: nothing deleted


def test_checking_one_shard_reads_only_its_own_fingerprint(store_dir: Path) -> None:
    """One meeting's freshness check (get_meeting, the list's draft dates) reads its
    shard's stored fingerprint by key, not every file's: at 100k meetings the whole
    table cost ~2 s a key. It still sees that shard change, and only that one."""
    store = Store.create(store_dir, seed=False)
    store.put_meetings(three_meetings())
    index = store.index()
    index.ensure_fresh()
    ids = [summary.id for summary in store.list_meetings()]
    shards = {shard_path(store, meeting_id) for meeting_id in ids}
    assert len(shards) > 1
    target = shard_path(store, ids[0])
    statements: list[str] = []
    index.connection().set_trace_callback(statements.append)
    rewrite_meeting(target, ids[0], {"title": "Changed behind the index"})
    assert index.stale_files([target]) == [target]
    index.connection().set_trace_callback(None)
    reads = [s for s in statements if "FROM files" in s]
    assert reads and all("WHERE name" in s for s in reads), statements
    assert target in index.stale_files()  # the whole check agrees
