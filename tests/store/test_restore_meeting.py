"""Store.restore_meeting: the undo of delete_meeting, notes and all, ids and times kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from dossier.store.errors import Conflict, ReadOnlyStore, StoreError, WriteFailed
from dossier.store.journal import StagedWrite
from dossier.store.layout import NOTES_FILE, shard_name
from dossier.store.model import Note
from dossier.store.store import Store

SEED = "nrc-2013-12-04"


def raw_meeting(store: Store, meeting_id: str) -> dict[str, Any] | None:
    """The meeting's JSON as it is in its shard file (not through any cache)."""
    shard = store.root / "meetings" / shard_name(meeting_id)
    docs = orjson.loads(shard.read_bytes())["meetings"].values()
    return next((doc for doc in docs if doc["id"] == meeting_id), None)


def raw_notes(store: Store) -> dict[str, dict[str, Any]]:
    docs = orjson.loads((store.root / NOTES_FILE).read_bytes())["notes"].values()
    return {doc["id"]: doc for doc in docs}


def seed_with_notes(store: Store) -> list[Note]:
    return [store.add_note(SEED, "on the meeting #csto"),
            store.add_note(SEED, "on lavrov", "participant:sergey-lavrov"),
            store.add_note(SEED, "[b]not markup[/b]\nsecond line", "agenda:afghanistan-after-isaf")]


def test_a_deleted_meeting_comes_back_exactly(seeded_store: Store) -> None:
    store = seeded_store
    notes = seed_with_notes(store)
    store.edit_note(notes[0].id, "edited, so updated differs from created #csto")
    meeting_before = raw_meeting(store, SEED)
    notes_before = raw_notes(store)
    store.search("lavrov")  # the index exists: the list is served from its catalog

    meeting, deleted = store.delete_meeting(SEED)
    assert store.list_meetings() == [] and store.list_notes() == []

    assert store.restore_meeting(meeting, deleted) == meeting
    assert raw_meeting(store, SEED) == meeting_before
    assert raw_notes(store) == notes_before  # ids, text, created and updated
    assert [s.id for s in store.list_meetings()] == [SEED]
    assert store.note_counts() == {SEED: 3}
    assert [hit.meeting_id for hit in store.search("lavrov")][:1] == [SEED]
    fresh = Store.open(store.root)  # what another process sees
    assert fresh.get_meeting(SEED) == meeting
    assert sorted(fresh.list_notes(SEED), key=lambda n: n.id) == sorted(
        deleted, key=lambda n: n.id)


def test_a_meeting_without_notes_comes_back(seeded_store: Store) -> None:
    meeting, notes = seeded_store.delete_meeting(SEED)
    assert notes == []
    seeded_store.restore_meeting(meeting)
    assert seeded_store.get_meeting(SEED) == meeting
    assert seeded_store.list_notes() == []


def test_an_id_taken_since_the_delete_changes_nothing(seeded_store: Store) -> None:
    store = seeded_store
    seed_with_notes(store)
    meeting, notes = store.delete_meeting(SEED)
    newcomer = meeting.model_copy(update={"title": "Added again under the same id"})
    store.add_meeting(newcomer)
    with pytest.raises(Conflict, match=f"meeting {SEED} exists again"):
        store.restore_meeting(meeting, notes)
    assert store.get_meeting(SEED).title == "Added again under the same id"
    assert store.list_notes() == []


def test_a_note_id_taken_since_the_delete_changes_nothing(seeded_store: Store) -> None:
    store = seeded_store
    seed_with_notes(store)
    meeting, notes = store.delete_meeting(SEED)
    # Another meeting now holds a note with one of the deleted notes' ids.
    other = meeting.model_copy(update={"id": "other-meeting"})
    store.add_meeting(other)
    store.restore_note(notes[1].model_copy(update={"meeting_id": "other-meeting"}))
    with pytest.raises(Conflict, match=f"note {notes[1].id} already exists"):
        store.restore_meeting(meeting, notes)
    assert not store.has_meeting(SEED)
    assert [n.id for n in store.list_notes()] == [notes[1].id]


def test_notes_of_another_meeting_are_refused(seeded_store: Store) -> None:
    store = seeded_store
    seed_with_notes(store)
    meeting, notes = store.delete_meeting(SEED)
    stray = notes[0].model_copy(update={"meeting_id": "someone-else"})
    with pytest.raises(StoreError, match="belongs to meeting someone-else"):
        store.restore_meeting(meeting, [stray, *notes[1:]])
    with pytest.raises(Conflict, match="appears twice"):
        store.restore_meeting(meeting, [notes[0], notes[0]])
    assert not store.has_meeting(SEED) and store.list_notes() == []


def test_a_failed_notes_write_restores_neither_the_meeting_nor_its_notes(
        seeded_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store = seeded_store
    seed_with_notes(store)
    meeting, notes = store.delete_meeting(SEED)

    stage = StagedWrite.stage

    def notes_disk_full(self: StagedWrite, path: Path, payload: bytes) -> None:
        if path.name == NOTES_FILE:  # the meeting's shard is staged, its notes are not
            raise WriteFailed("the disk is full; nothing was written")
        stage(self, path, payload)

    monkeypatch.setattr(StagedWrite, "stage", notes_disk_full)
    with pytest.raises(WriteFailed):
        store.restore_meeting(meeting, notes)
    assert not Store.open(store.root).has_meeting(SEED)
    monkeypatch.undo()
    store.restore_meeting(meeting, notes)  # nothing was left behind to clash with
    assert len(store.list_notes(SEED)) == 3


def test_read_only_store_restores_nothing(seeded_store: Store) -> None:
    meeting, notes = seeded_store.delete_meeting(SEED)
    read_only = Store(seeded_store.root, read_only=True)
    with pytest.raises(ReadOnlyStore, match="read-only"):
        read_only.restore_meeting(meeting, notes)
    assert not seeded_store.has_meeting(SEED)


def test_listeners_hear_of_the_meeting_and_each_note(seeded_store: Store) -> None:
    store = seeded_store
    notes = seed_with_notes(store)
    heard: list[tuple[str, str]] = []
    store.add_listener(lambda kind, ident: heard.append((kind, ident)))
    meeting, deleted = store.delete_meeting(SEED)
    expected = [("meeting", SEED)] + sorted(("note", n.id) for n in notes)
    assert heard[0] == expected[0] and sorted(heard[1:]) == expected[1:]
    heard.clear()
    store.restore_meeting(meeting, deleted)
    assert heard[0] == expected[0] and sorted(heard[1:]) == expected[1:]


def test_restore_keeps_other_meetings_notes(seeded_store: Store, tmp_path: Path) -> None:
    store = seeded_store
    seed_with_notes(store)
    other = store.get_meeting(SEED).model_copy(update={"id": "other-meeting"})
    store.add_meeting(other)
    kept = store.add_note("other-meeting", "stays put")
    meeting, notes = store.delete_meeting(SEED)
    assert [n.id for n in store.list_notes()] == [kept.id]
    store.restore_meeting(meeting, notes)
    assert store.get_note(kept.id) == kept
    assert store.note_counts() == {SEED: 3, "other-meeting": 1}
