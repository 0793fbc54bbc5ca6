"""Undo covers every change made in the app, in order, with redo (issue 14, bug 3): each
kind of change on a real store through the flows, and the issue's own walk in the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.store.errors import Conflict
from dossier.store.store import Store
from dossier.tui import flows
from dossier.tui.app import DossierApp
from tests.conftest import SEED_ID
from tests.tui.dossier_pilot import (
    delete_meeting_then_edit_note,
    many_meetings_store,
    on_disk,
    record_notifications,
    screen_text,
    settle,
)
from tests.tui.test_flows import ScriptedUI, applied, filled, shown, typed


async def undo_then_redo(change: flows.Outcome, store: Store) -> tuple[str, str]:
    """Run the change's undo and then its redo as the app does; their messages."""
    assert isinstance(change, flows.Change) and change.undo is not None
    undone = applied(await flows.undo(ScriptedUI(), store, change.undo), store)
    redone = applied(await flows.redo(ScriptedUI(), store, change.undo), store)
    return undone.message, redone.message


async def test_a_new_note_is_undone_and_redone(seeded_store: Store) -> None:
    change = await flows.new_note(ScriptedUI(typed("first thoughts")), seeded_store,
                                  shown(seeded_store, "list"))
    assert change is not None and change.undo is not None
    (note,) = on_disk(seeded_store.root).list_notes(SEED_ID)
    undone = applied(await flows.undo(ScriptedUI(), seeded_store, change.undo), seeded_store)
    assert undone.message == "Undid the new note “first thoughts”."
    assert on_disk(seeded_store.root).list_notes(SEED_ID) == []
    redone = applied(await flows.redo(ScriptedUI(), seeded_store, change.undo), seeded_store)
    assert redone.message == "Redid the new note “first thoughts”."
    assert on_disk(seeded_store.root).list_notes(SEED_ID) == [note]


async def test_a_note_edit_is_undone_and_redone(seeded_store: Store) -> None:
    note = seeded_store.add_note(SEED_ID, "before")
    selection = shown(seeded_store, "notes", note_id=note.id)
    change = await flows.edit(ScriptedUI(typed("after")), seeded_store, selection)
    undone, redone = await undo_then_redo(change, seeded_store)
    assert undone == "Undid the edit of the note “before”."
    assert on_disk(seeded_store.root).get_note(note.id).text == "after"  # redone
    assert redone == "Redid the edit of the note “before”."
    assert isinstance(change, flows.Change) and change.undo is not None
    applied(await flows.undo(ScriptedUI(), seeded_store, change.undo), seeded_store)
    assert on_disk(seeded_store.root).get_note(note.id).text == "before"  # and again


async def test_an_undo_refuses_when_the_record_changed_since(seeded_store: Store) -> None:
    note = seeded_store.add_note(SEED_ID, "before")
    selection = shown(seeded_store, "notes", note_id=note.id)
    change = await flows.edit(ScriptedUI(typed("after")), seeded_store, selection)
    seeded_store.edit_note(note.id, "someone else's words")
    assert isinstance(change, flows.Change) and change.undo is not None
    write = await flows.undo(ScriptedUI(), seeded_store, change.undo)
    assert isinstance(write, flows.Write)
    with pytest.raises(Conflict, match="changed since"):
        write.run(seeded_store)
    assert on_disk(seeded_store.root).get_note(note.id).text == "someone else's words"


async def test_item_add_edit_and_meeting_edit_are_undone_and_redone(
        seeded_store: Store) -> None:
    original = seeded_store.get_meeting(SEED_ID)
    lavrov = original.participants[0]
    renamed = lavrov.model_copy(update={"name": "Sergey V. Lavrov"})
    change = await flows.edit(ScriptedUI(filled(renamed)), seeded_store,
                              shown(seeded_store, "participants",
                                    f"participant:{lavrov.id}"))
    edited = on_disk(seeded_store.root).get_meeting(SEED_ID)
    undone, redone = await undo_then_redo(change, seeded_store)
    assert undone.startswith("Undid the participant edit in “NATO-Russia Council")
    assert redone.startswith("Redid the participant edit in")
    assert on_disk(seeded_store.root).get_meeting(SEED_ID) == edited

    retitled = original.model_copy(update={"title": "Renamed session"})
    change = await flows.edit(ScriptedUI(filled(retitled)), seeded_store,
                              shown(seeded_store, "list"))
    assert isinstance(change, flows.Change) and change.undo is not None
    applied(await flows.undo(ScriptedUI(), seeded_store, change.undo), seeded_store)
    assert on_disk(seeded_store.root).get_meeting(SEED_ID) == edited


async def test_a_new_meeting_is_undone_and_redone(empty_store: Store) -> None:
    from dossier.store.model import Meeting
    from tests.tui.dossier_pilot import seed_doc

    fresh = Meeting.from_json_dict(seed_doc())
    change = await flows.add(ScriptedUI(filled(fresh)), empty_store,
                             flows.Selection(region="list"))
    assert isinstance(change, flows.Change) and change.undo is not None
    undone = applied(await flows.undo(ScriptedUI(), empty_store, change.undo), empty_store)
    assert undone.deleted == change.select  # the list's cursor moves off it
    assert on_disk(empty_store.root).list_meetings() == []
    applied(await flows.redo(ScriptedUI(), empty_store, change.undo), empty_store)
    assert [s.id for s in on_disk(empty_store.root).list_meetings()] == [change.select]


async def test_nothing_to_redo_is_said(seeded_store: Store) -> None:
    ui = ScriptedUI()
    assert await flows.redo(ui, seeded_store, None) is None
    assert ui.said == ["Nothing to redo."]


async def test_the_issue_walk_u_undoes_the_latest_change_first_and_U_redoes(
        store_dir: Path) -> None:
    """Delete a meeting, later edit a note and save, then u: the note edit is undone, not
    the delete; u again brings the meeting back; U deletes it again."""
    store = many_meetings_store(store_dir, count=3)
    note = store.add_note(SEED_ID, "draft thought")
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        said = record_notifications(app)
        await delete_meeting_then_edit_note(pilot, app, "copy-001", SEED_ID)
        assert not on_disk(store_dir).has_meeting("copy-001")
        assert on_disk(store_dir).get_note(note.id).text == "draft thought x"
        await pilot.press("u")
        await settle(pilot)
        assert on_disk(store_dir).get_note(note.id).text == "draft thought"
        assert not on_disk(store_dir).has_meeting("copy-001")  # not the meeting
        assert said[-1] == "Undid the edit of the note “draft thought”."
        assert app.main.meeting is not None and app.main.meeting.id == SEED_ID
        await pilot.press("u")
        await settle(pilot)
        assert on_disk(store_dir).has_meeting("copy-001")
        assert said[-1].startswith("Meeting “Copy meeting 001” (2012-01-02) restored")
        await pilot.press("U")
        await settle(pilot)
        assert not on_disk(store_dir).has_meeting("copy-001")
        assert said[-1].startswith("Deleted the meeting “Copy meeting 001”")
        await pilot.press("ctrl+r")  # and then the note edit, in order
        await settle(pilot)
        assert said[-1] == "Redid the edit of the note “draft thought”."
        assert on_disk(store_dir).get_note(note.id).text == "draft thought x"
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert said[-1] == "Nothing to redo."
        assert "Copy meeting 001" not in screen_text(app)
