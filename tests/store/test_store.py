from __future__ import annotations

import os
import stat
from pathlib import Path

import orjson
import pytest

from dossier.store.errors import Conflict, DamagedFile, NotFound, ReadOnlyStore, StoreError
from dossier.store.layout import MANIFEST, NOTES_FILE, shard_name
from dossier.store.model import Meeting
from dossier.store.paths import bundled_data
from dossier.store.store import Store
from tests.conftest import without_root_override

SEED = "nrc-2013-12-04"


def make_meeting(meeting_id: str, date: str = "2020-01-01", title: str = "A meeting") -> Meeting:
    return Meeting.from_json_dict({"id": meeting_id, "title": title, "date": date,
                                   "body": "Council", "location": "Geneva"})


def test_new_store_is_private_and_seeded(store_dir: Path) -> None:
    store = Store.open(store_dir)
    assert stat.S_IMODE(store_dir.stat().st_mode) == 0o700
    for path in [*store.data_files(), store_dir / MANIFEST]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert [s.id for s in store.list_meetings()] == [SEED]


def test_seeding_leaves_the_package_data_alone(store_dir: Path) -> None:
    sample = bundled_data() / "sample" / f"{SEED}.json"
    before = sample.read_bytes()
    store = Store.open(store_dir)
    store.add_note(SEED, "changes the store, not the package")
    assert sample.read_bytes() == before


def test_existing_empty_directory_is_seeded(tmp_path: Path) -> None:
    tmp_path.joinpath("s").mkdir()
    assert Store.open(tmp_path / "s").has_meeting(SEED)


def test_non_store_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "something.txt").write_text("mine")
    with pytest.raises(StoreError, match="not a dossier store"):
        Store.open(tmp_path / "s", create=False)
    with pytest.raises(StoreError, match="not empty"):
        Store.open(tmp_path / "s")


def test_empty_store(empty_store: Store) -> None:
    assert empty_store.list_meetings() == []
    assert empty_store.list_notes() == []


def test_meeting_crud(empty_store: Store) -> None:
    store = empty_store
    store.add_meeting(make_meeting("a-1", "2020-01-01"))
    store.add_meeting(make_meeting("b-2", "2021-06-01"))
    assert [s.id for s in store.list_meetings()] == ["b-2", "a-1"]  # newest first
    with pytest.raises(Conflict, match="a-1 already exists"):
        store.add_meeting(make_meeting("a-1"))
    store.update_meeting(make_meeting("a-1", title="Renamed"))
    assert store.get_meeting("a-1").title == "Renamed"
    store.add_note("a-1", "goes with the meeting")
    deleted, notes = store.delete_meeting("a-1")
    assert deleted.id == "a-1" and len(notes) == 1
    assert store.list_notes() == []
    with pytest.raises(NotFound, match='no meeting with id "a-1"'):
        store.get_meeting("a-1")
    with pytest.raises(NotFound):
        store.update_meeting(make_meeting("zzz"))


def test_meetings_live_in_their_shard(empty_store: Store) -> None:
    empty_store.add_meeting(make_meeting("a-1"))
    shard = empty_store.root / "meetings" / shard_name("a-1")
    data = orjson.loads(shard.read_bytes())
    assert [doc["id"] for doc in data["meetings"].values()] == ["a-1"]


def test_bulk_put_policies(empty_store: Store) -> None:
    store = empty_store
    many = [make_meeting(f"m-{i}") for i in range(50)]
    report = store.put_meetings(many)
    assert len(report.added) == 50
    with pytest.raises(Conflict):
        store.put_meetings([make_meeting("m-3"), make_meeting("new-1")])
    assert not store.has_meeting("new-1")  # all or nothing
    dry = store.put_meetings([make_meeting("m-3"), make_meeting("new-1")], on_conflict="skip",
                             dry_run=True)
    assert dry.skipped == ("m-3",) and dry.added == ("new-1",)
    assert not store.has_meeting("new-1")
    report = store.put_meetings([make_meeting("m-3", title="New title"), make_meeting("new-1")],
                                on_conflict="replace")
    assert report.replaced == ("m-3",) and report.added == ("new-1",)
    assert store.get_meeting("m-3").title == "New title"
    assert len(store.list_meetings()) == 51


def test_notes_crud_newest_first(seeded_store: Store) -> None:
    store = seeded_store
    first = store.add_note(SEED, "first #Syria")
    second = store.add_note(SEED, "on lavrov", target="participant:sergey-lavrov")
    assert first.tags == ["syria"]
    listed = store.list_notes(SEED)
    assert {n.id for n in listed} == {first.id, second.id}
    assert listed[0].created >= listed[1].created
    assert [n.id for n in store.list_notes(SEED, target="participant:sergey-lavrov")] == [
        second.id]
    edited = store.edit_note(first.id, "changed #csto")
    assert edited.text == "changed #csto" and edited.tags == ["csto"]
    assert edited.created == first.created
    removed = store.delete_note(first.id)
    assert store.note_counts() == {SEED: 1}
    store.restore_note(removed)
    assert store.get_note(first.id).text == "changed #csto"
    with pytest.raises(NotFound, match="no item"):
        store.add_note(SEED, "x", target="agenda:nope")
    with pytest.raises(NotFound):
        store.add_note("no-such-meeting", "x")
    with pytest.raises(NotFound):
        store.delete_note("n-missing")


def test_note_text_is_stored_exactly(seeded_store: Store) -> None:
    hostile = "[@click=app.quit]x[/] \x1b[31mred\x1b[0m \u202eevil \u200b 🙂"
    note = seeded_store.add_note(SEED, hostile)
    reopened = Store.open(seeded_store.root)
    assert reopened.get_note(note.id).text == hostile


def test_another_instance_change_is_not_overwritten(seeded_store: Store) -> None:
    other = Store.open(seeded_store.root)
    seeded_store.list_notes()  # both have read the file
    other.list_notes()
    a = seeded_store.add_note(SEED, "from A")
    b = other.add_note(SEED, "from B")
    c = seeded_store.add_note(SEED, "from A again")
    ids = {n.id for n in Store.open(seeded_store.root).list_notes()}
    assert ids == {a.id, b.id, c.id}


def test_damaged_file_is_refused_not_emptied(seeded_store: Store) -> None:
    seeded_store.add_note(SEED, "keep me")
    notes = seeded_store.root / NOTES_FILE
    damaged = notes.read_bytes()[:-20]
    notes.write_bytes(damaged)
    with pytest.raises(DamagedFile, match="notes.json is damaged: it is not valid JSON"):
        seeded_store.list_notes()
    with pytest.raises(DamagedFile):
        seeded_store.add_note(SEED, "would overwrite")
    assert notes.read_bytes() == damaged


@without_root_override  # as root, in a pytest of its own without DAC override
def test_read_only_store_reads_but_refuses_writes(seeded_store: Store) -> None:
    root = seeded_store.root
    os.chmod(root, 0o500)
    try:
        store = Store.open(root)
        assert store.read_only
        assert store.has_meeting(SEED)
        with pytest.raises(ReadOnlyStore, match="read-only"):
            store.add_note(SEED, "nope")
    finally:
        os.chmod(root, 0o700)


def test_read_only_flag_refuses_writes(seeded_store: Store) -> None:
    store = Store(seeded_store.root, read_only=True)
    assert store.has_meeting(SEED)
    with pytest.raises(ReadOnlyStore, match="read-only; nothing was changed"):
        store.add_note(SEED, "nope")


def test_newer_store_is_refused(seeded_store: Store) -> None:
    manifest = seeded_store.root / MANIFEST
    manifest.write_bytes(orjson.dumps({"format": "meeting-dossier store",
                                       "schema_version": 99}))
    with pytest.raises(StoreError, match="newer meeting-dossier"):
        Store.open(seeded_store.root)


def test_orphan_temp_files_are_removed_on_open(seeded_store: Store) -> None:
    orphan = seeded_store.root / ".notes.json.abc.tmp"
    orphan.write_text("half")
    Store.open(seeded_store.root)
    assert not orphan.exists()


@pytest.mark.parametrize("leftover", [
    "meetings/.3f.json.4a5b6c7d.staged.tmp",  # a commit's staged file (store.journal)
    "meetings/.3f.json.4a5b6c7d.old",  # the version a commit replaced
    ".notes.json.4a5b6c7d.old",
])
def test_a_killed_commits_leftovers_are_removed_on_open(seeded_store: Store,
                                                         leftover: str) -> None:
    # Opening looks for leftovers by name before it takes the write lock (Store._tidy):
    # every kind a killed writer leaves must still be found.
    path = seeded_store.root / leftover
    path.write_text("half")
    Store.open(seeded_store.root).close()
    assert not path.exists()


def test_list_meetings_limit_is_the_newest_page(empty_store: Store) -> None:
    empty_store.put_meetings([make_meeting(f"m-{i:02d}", f"20{10 + i}-01-01") for i in range(10)])
    everything = empty_store.list_meetings()
    assert [s.id for s in empty_store.list_meetings(limit=3)] == [s.id for s in everything[:3]]
    empty_store.search("meeting")  # builds the index: the same page now comes from it
    assert [s.id for s in empty_store.list_meetings(limit=3)] == [s.id for s in everything[:3]]
