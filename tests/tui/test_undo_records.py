"""Every kind of undo made again from its record, as it is after a restart (tui/undo.py):
the record goes through JSON and back, and the undo made from it restores and redoes on a
real store exactly as the original would, and refuses when the store changed since."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import orjson
import pytest

from dossier.store.errors import Conflict
from dossier.store.model import Meeting
from dossier.store.store import Store
from dossier.tui import flows
from dossier.tui.undo import RECORD_VERSION, Undo, from_record
from tests.conftest import SEED_ID
from tests.tui.dossier_pilot import on_disk, seed_doc
from tests.tui.test_flows import ScriptedUI, applied, filled, shown, typed


def through_json(undo: Undo | None) -> Undo:
    """The undo as a later run makes it: from its record, written and read as JSON."""
    assert undo is not None and undo.record is not None
    again = from_record(orjson.loads(orjson.dumps(undo.record)))
    assert again is not None
    assert (again.what, again.message, again.redo_message, again.select, again.deletes,
            again.redo_select, again.redo_deletes) == (
        undo.what, undo.message, undo.redo_message, undo.select, undo.deletes,
        undo.redo_select, undo.redo_deletes)
    assert again.record == undo.record
    return again


async def undo_with(store: Store, undo: Undo) -> flows.Change:
    return applied(await flows.undo(ScriptedUI(), store, undo), store)


async def redo_with(store: Store, undo: Undo) -> flows.Change:
    return applied(await flows.redo(ScriptedUI(), store, undo), store)


# Each change: make it through the flow, then say how to see it on disk.
Made = Callable[[Store], Awaitable[flows.Outcome]]


async def new_note(store: Store) -> flows.Outcome:
    return await flows.new_note(ScriptedUI(typed("first thoughts")), store,
                                shown(store, "list"))


async def note_edit(store: Store) -> flows.Outcome:
    note = store.add_note(SEED_ID, "before")
    return await flows.edit(ScriptedUI(typed("after")), store,
                            shown(store, "notes", note_id=note.id))


async def note_delete(store: Store) -> flows.Outcome:
    note = store.add_note(SEED_ID, "to go")
    return applied(await flows.delete(ScriptedUI(True), store,
                                      shown(store, "notes", note_id=note.id)), store)


async def participant_edit(store: Store) -> flows.Outcome:
    lavrov = store.get_meeting(SEED_ID).participants[0]
    renamed = lavrov.model_copy(update={"name": "Sergey V. Lavrov"})
    return await flows.edit(ScriptedUI(filled(renamed)), store,
                            shown(store, "participants", f"participant:{lavrov.id}"))


async def priority_delete(store: Store) -> flows.Outcome:
    return applied(await flows.delete(ScriptedUI(True), store,
                                      shown(store, "priorities", "priority:counter-piracy")),
                   store)


async def meeting_delete(store: Store) -> flows.Outcome:
    store.add_note(SEED_ID, "kept with it")
    return applied(await flows.delete(ScriptedUI(True), store, shown(store, "list")), store)


async def meeting_add(store: Store) -> flows.Outcome:
    fresh = Meeting.from_json_dict({**seed_doc(), "id": "fresh-meeting"})
    return await flows.add(ScriptedUI(filled(fresh)), store, flows.Selection(region="list"))


def snapshot(store: Store) -> tuple[list[Meeting], list[object]]:
    stored = on_disk(store.root)
    return ([stored.get_meeting(s.id) for s in stored.list_meetings()],
            sorted(stored.list_notes(), key=lambda n: n.id))


@pytest.mark.parametrize("make", [new_note, note_edit, note_delete, participant_edit,
                                  priority_delete, meeting_delete, meeting_add],
                         ids=lambda f: f.__name__)
async def test_an_undo_from_its_record_undoes_and_redoes_as_the_original(
        seeded_store: Store, make: Made) -> None:
    made = await make(seeded_store)
    assert isinstance(made, flows.Change) and made.undo is not None
    after_change = snapshot(seeded_store)
    again = through_json(made.undo)
    await undo_with(seeded_store, again)
    undone = snapshot(seeded_store)
    assert undone != after_change
    await redo_with(seeded_store, again)
    redone = snapshot(seeded_store)
    # A redo of a note edit writes the text again under a new time: compare the texts.
    assert redone[0] == after_change[0]
    assert [getattr(n, "text", n) for n in redone[1]] == [
        getattr(n, "text", n) for n in after_change[1]]


async def test_an_undo_from_its_record_refuses_a_note_changed_since(
        seeded_store: Store) -> None:
    made = await note_edit(seeded_store)
    assert isinstance(made, flows.Change) and made.undo is not None
    (note,) = seeded_store.list_notes(SEED_ID)
    again = through_json(made.undo)
    seeded_store.edit_note(note.id, "written by someone else since")
    write = await flows.undo(ScriptedUI(), seeded_store, again)
    assert isinstance(write, flows.Write)
    with pytest.raises(Conflict, match="changed since"):
        write.run(seeded_store)
    assert on_disk(seeded_store.root).get_note(note.id).text == "written by someone else since"


async def test_an_undo_from_its_record_refuses_a_meeting_changed_since(
        seeded_store: Store) -> None:
    made = await participant_edit(seeded_store)
    assert isinstance(made, flows.Change)
    again = through_json(made.undo)
    meeting = seeded_store.get_meeting(SEED_ID)
    seeded_store.update_meeting(meeting.model_copy(update={"title": "Retitled elsewhere"}))
    write = await flows.undo(ScriptedUI(), seeded_store, again)
    assert isinstance(write, flows.Write)
    with pytest.raises(Conflict):
        write.run(seeded_store)
    assert on_disk(seeded_store.root).get_meeting(SEED_ID).title == "Retitled elsewhere"


@pytest.mark.parametrize("record", [
    None, [], "x", {}, {"version": RECORD_VERSION + 1, "kind": "note_added"},
    {"version": RECORD_VERSION, "kind": "no such kind"},
    {"version": RECORD_VERSION, "kind": "note_added"},  # no note
    {"version": RECORD_VERSION, "kind": "note_added", "note": {"id": "x"}},  # not a note
    {"version": RECORD_VERSION, "kind": "item_deleted", "meeting_id": SEED_ID,
     "item_kind": "spaceship", "item": {}, "parent": None, "index": 0, "label": ""},
])
def test_a_record_that_cannot_be_read_makes_no_undo(record: object) -> None:
    assert from_record(record) is None
