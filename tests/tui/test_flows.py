"""The editing flows on their own: a scripted UI in place of the screens, real stores.

The fake UI answers each question and dialog from a script (a dialog's answer may call the
dialog's ``save`` first, as the real editor does before it closes); the store is a real
one on disk, read back through a fresh Store object. The app's part (running a Write in
its worker, the undo stack, selecting a meeting) is left out: a Write is run here by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from dossier.store.model import AgendaItem, Meeting
from dossier.store.store import Store
from dossier.tui import flows
from dossier.tui.flows import (
    Change,
    Choice,
    Dialog,
    ItemDialog,
    MeetingDialog,
    NoteDialog,
    Undo,
    Write,
)
from dossier.tui.selection import Selection
from tests.conftest import SEED_ID
from tests.tui.dossier_pilot import on_disk

Answer = Any  # a value, or a callable taking the dialog and returning the value


class ScriptedUI:
    """flows.UI answered from ``answers`` in order; records what the flow said and showed."""

    def __init__(self, *answers: Answer) -> None:
        self.answers = list(answers)
        self.said: list[str] = []
        self.asked: list[str] = []
        self.shown: list[Dialog[Any]] = []

    def notify(self, message: str, *, severity: flows.Severity = "information") -> None:
        self.said.append(message)

    async def ask(self, question: str, *, yes: str, no: str) -> bool:
        self.asked.append(question)
        answer = self.answers.pop(0)
        assert isinstance(answer, bool), f"asked {question!r}, scripted {answer!r}"
        return answer

    async def open(self, dialog: Dialog[Any]) -> Any:
        self.shown.append(dialog)
        answer = self.answers.pop(0)
        return answer(dialog) if callable(answer) else answer


def typed(text: str) -> Callable[[NoteDialog], str]:
    """The user writes ``text`` in the note editor and saves."""
    def answer(dialog: NoteDialog) -> str:
        dialog.save(text)
        return text
    return answer


def filled(model: Any) -> Callable[[Dialog[Any]], Any]:
    """The user fills a form so that it builds ``model``, and saves: the stored result."""
    def answer(dialog: Dialog[Any]) -> Any:
        assert isinstance(dialog, (MeetingDialog, ItemDialog))
        saved = dialog.save(model)
        return saved if isinstance(saved, type(model)) else model
    return answer


def shown(store: Store, region: str, target: str = "meeting", *, active_pane: str = "agenda",
          note_id: str | None = None, neighbours: tuple[str, ...] = ()) -> Selection:
    """The main screen showing the seed meeting as it is on disk."""
    meeting = store.get_meeting(SEED_ID)
    notes = tuple(store.list_notes(SEED_ID))
    note = next((n for n in notes if n.id == note_id), None)
    return Selection(region=region, active_pane=active_pane, meeting=meeting, notes=notes,
                     target=target, note=note, neighbours=neighbours)


def undoable(change: flows.Outcome) -> Change:
    """``change`` less its undo, which every change made in the app has (issue 14, bug 3)."""
    assert isinstance(change, Change) and change.undo is not None, change
    return replace(change, undo=None)


def applied(outcome: flows.Outcome, store: Store) -> Change:
    """What the app does with a Write: run it (in its worker) and report the Change."""
    assert isinstance(outcome, Write), outcome
    return outcome.run(store)


# -- n: new notes -------------------------------------------------------------------------


async def test_a_note_from_the_list_is_on_the_meeting(seeded_store: Store) -> None:
    ui = ScriptedUI(typed("from the list #arms"))
    change = await flows.new_note(ui, seeded_store, shown(seeded_store, "list"))
    assert undoable(change) == Change("Note saved.", timeout=3)
    (dialog,) = ui.shown
    assert isinstance(dialog, NoteDialog)
    assert dialog.label.startswith("meeting: NATO-Russia Council session")
    assert dialog.title == "New note" and dialog.text == ""
    (note,) = on_disk(seeded_store.root).list_notes(SEED_ID)
    assert (note.text, note.target, note.tags) == ("from the list #arms", "meeting", ["arms"])


async def test_a_note_goes_on_the_focused_item(seeded_store: Store) -> None:
    ui = ScriptedUI(typed("on a position"))
    selection = shown(seeded_store, "agenda", "position:russia-practical-steps")
    await flows.new_note(ui, seeded_store, selection)
    (dialog,) = ui.shown
    assert isinstance(dialog, NoteDialog)
    assert dialog.label.startswith("position: Russian Federation: ")
    (note,) = on_disk(seeded_store.root).list_notes(SEED_ID)
    assert note.target == "position:russia-practical-steps"


async def test_a_cancelled_note_writes_nothing(seeded_store: Store) -> None:
    ui = ScriptedUI(None)
    assert await flows.new_note(ui, seeded_store, shown(seeded_store, "list")) is None
    assert on_disk(seeded_store.root).list_notes() == []


async def test_no_meeting_or_no_store_yet_says_so_and_opens_nothing(
        seeded_store: Store) -> None:
    ui = ScriptedUI()
    assert await flows.new_note(ui, seeded_store, Selection(region="list")) is None
    assert await flows.new_note(ui, None, shown(seeded_store, "list")) is None
    assert ui.said == ["Select a meeting first.", "The store is still opening."]
    assert ui.shown == []


# -- e, d, u on notes ---------------------------------------------------------------------


async def test_e_and_d_on_an_empty_notes_pane_say_there_is_no_note(
        seeded_store: Store) -> None:
    ui = ScriptedUI()
    # The Notes pane on show while the list has focus counts as the Notes pane.
    selection = shown(seeded_store, "list", active_pane="notes")
    assert await flows.edit(ui, seeded_store, selection) is None
    assert await flows.delete(ui, seeded_store, selection) is None
    assert ui.said == ["No note here to edit.", "No note here to delete."]


async def test_e_edits_the_note_under_the_cursor(seeded_store: Store) -> None:
    note = seeded_store.add_note(SEED_ID, "older [b]x[/b]", "participant:sergey-lavrov")
    ui = ScriptedUI(typed("older [b]x[/b] #e"))
    selection = shown(seeded_store, "notes", note.target, note_id=note.id)
    change = await flows.edit(ui, seeded_store, selection)
    assert undoable(change) == Change("Note saved.", timeout=3)
    (dialog,) = ui.shown
    assert isinstance(dialog, NoteDialog)
    assert (dialog.title, dialog.text) == ("Edit note", "older [b]x[/b]")
    assert dialog.label == "participant: Sergey Lavrov"
    stored = on_disk(seeded_store.root).get_note(note.id)
    assert (stored.text, stored.tags) == ("older [b]x[/b] #e", ["e"])


async def test_d_asks_then_deletes_a_note_and_its_undo_restores_it(seeded_store: Store) -> None:
    note = seeded_store.add_note(SEED_ID, "first line\nsecond line")
    selection = shown(seeded_store, "notes", note_id=note.id)
    kept = ScriptedUI(False)
    assert await flows.delete(kept, seeded_store, selection) is None
    assert kept.asked == ["Delete the note “first line”?"]
    assert on_disk(seeded_store.root).list_notes() == [note]

    change = applied(await flows.delete(ScriptedUI(True), seeded_store, selection),
                     seeded_store)
    assert change.message == "Note deleted. Press u to undo." and change.timeout == 4
    assert on_disk(seeded_store.root).list_notes() == []
    assert change.undo is not None
    back = applied(await flows.undo(ScriptedUI(), seeded_store, change.undo), seeded_store)
    assert back == Change("Restored the deleted note.", timeout=4)
    assert on_disk(seeded_store.root).list_notes() == [note]  # id, times and all


async def test_u_with_nothing_deleted_says_so(seeded_store: Store) -> None:
    ui = ScriptedUI()
    assert await flows.undo(ui, seeded_store, None) is None
    assert ui.said == ["Nothing to undo."]


async def test_an_undo_that_fails_is_worded_for_the_user(seeded_store: Store) -> None:
    undo = Undo("note", lambda store: None)
    write = await flows.undo(ScriptedUI(), seeded_store, undo)
    assert isinstance(write, Write)
    assert write.failure == "Could not undo the note: "


# -- items ------------------------------------------------------------------------------


async def test_e_on_a_participant_edits_that_participant(seeded_store: Store) -> None:
    lavrov = seeded_store.get_meeting(SEED_ID).participants[0]
    ui = ScriptedUI(filled(lavrov.model_copy(update={"name": "Sergey V. Lavrov"})))
    selection = shown(seeded_store, "participants", "participant:sergey-lavrov")
    change = await flows.edit(ui, seeded_store, selection)
    assert undoable(change) == Change("Participant saved.", timeout=3)
    (dialog,) = ui.shown
    assert isinstance(dialog, ItemDialog)
    assert (dialog.kind, dialog.item) == ("participant", lavrov)
    assert on_disk(seeded_store.root).get_meeting(SEED_ID).participants[0].name == \
        "Sergey V. Lavrov"


async def test_d_on_a_priority_deletes_it_and_undo_puts_it_back_in_place(
        seeded_store: Store) -> None:
    before = seeded_store.get_meeting(SEED_ID).priorities
    ui = ScriptedUI(True)
    selection = shown(seeded_store, "priorities", "priority:counter-piracy")
    change = applied(await flows.delete(ui, seeded_store, selection), seeded_store)
    assert ui.asked == ["Delete priority “Counter-piracy”? Notes on it are kept."]
    assert "priority:counter-piracy" not in on_disk(seeded_store.root).get_meeting(
        SEED_ID).targets()
    assert change.message == "Priority deleted. Press u to undo."
    assert change.undo is not None
    applied(await flows.undo(ScriptedUI(), seeded_store, change.undo), seeded_store)
    assert on_disk(seeded_store.root).get_meeting(SEED_ID).priorities == before


async def test_the_source_pane_chooses_references_and_outcomes_from_a_list(
        seeded_store: Store) -> None:
    ui = ScriptedUI("reference:isaf-mission", True)
    selection = shown(seeded_store, "source")
    change = applied(await flows.delete(ui, seeded_store, selection), seeded_store)
    choice = ui.shown[0]
    assert isinstance(choice, Choice)
    assert [key for key, _ in choice.options] == [
        "reference:lisbon-summit-2010", "reference:isaf-mission", "outcome:work-programme-2014"]
    assert change.message == "Reference deleted. Press u to undo."
    references = on_disk(seeded_store.root).get_meeting(SEED_ID).references
    assert [r.id for r in references] == ["lisbon-summit-2010"]
    # e offers the meeting's own details first.
    editing = ScriptedUI("meeting", None)
    assert await flows.edit(editing, seeded_store, selection) is None
    choice, form = editing.shown
    assert isinstance(choice, Choice) and choice.options[0][0] == "meeting"
    assert isinstance(form, MeetingDialog) and form.meeting == selection.meeting


async def test_a_in_the_agenda_offers_its_kind_and_adds_the_item(seeded_store: Store) -> None:
    item = AgendaItem(id="u", order=9, title="U")
    ui = ScriptedUI("agenda", filled(item))
    selection = shown(seeded_store, "agenda", "agenda:lisbon-agreements")
    change = await flows.add(ui, seeded_store, selection)
    assert undoable(change) == Change("Agenda item added.", timeout=3)
    choice = ui.shown[0]
    assert isinstance(choice, Choice)
    assert choice.initial == "agenda"
    assert "position" in [key for key, _ in choice.options]  # on an agenda item
    assert on_disk(seeded_store.root).get_meeting(SEED_ID).agenda[-1].title == "U"


async def test_a_then_note_writes_a_note_on_the_highlighted_item(seeded_store: Store) -> None:
    ui = ScriptedUI("note", typed("via a"))
    selection = shown(seeded_store, "priorities", "priority:arms-disposal")
    change = await flows.add(ui, seeded_store, selection)
    assert undoable(change) == Change("Note saved.", timeout=3)
    (note,) = on_disk(seeded_store.root).list_notes(SEED_ID)
    assert note.target == "priority:arms-disposal"


# -- meetings ---------------------------------------------------------------------------


async def test_a_in_the_list_adds_a_meeting_under_a_unique_id(seeded_store: Store) -> None:
    copy = seeded_store.get_meeting(SEED_ID).model_copy(update={"title": "Same id"})
    ui = ScriptedUI(filled(copy))
    change = await flows.add(ui, seeded_store, shown(seeded_store, "list"))
    assert isinstance(ui.shown[0], MeetingDialog) and ui.shown[0].meeting is None
    fresh = f"{SEED_ID}-2"
    assert undoable(change) == Change(f"Meeting {fresh} added.", select=fresh, reveal=True)
    assert on_disk(seeded_store.root).get_meeting(fresh).title == "Same id"


async def test_e_in_the_list_edits_the_meeting_fields(seeded_store: Store) -> None:
    meeting = seeded_store.get_meeting(SEED_ID)
    ui = ScriptedUI(filled(meeting.model_copy(update={"location": "NATO HQ, Brussels"})))
    change = await flows.edit(ui, seeded_store, shown(seeded_store, "list"))
    assert undoable(change) == Change("Meeting saved.", timeout=3)
    assert on_disk(seeded_store.root).get_meeting(SEED_ID).location == "NATO HQ, Brussels"


async def test_d_in_the_list_deletes_the_meeting_with_its_notes_and_undo_restores(
        seeded_store: Store) -> None:
    notes = [seeded_store.add_note(SEED_ID, "one"),
             seeded_store.add_note(SEED_ID, "two", "participant:sergey-lavrov")]
    ui = ScriptedUI(True)
    selection = shown(seeded_store, "list", neighbours=("below", "above"))
    assert selection.meeting is not None
    label = flows.meeting_label(selection.meeting)
    write = await flows.delete(ui, seeded_store, selection)
    assert ui.asked == [f"Delete the meeting {label}? Its 2 notes are deleted with it."]
    assert isinstance(write, Write) and write.failure == "Could not delete the meeting: "
    change = write.run(seeded_store)
    assert change.message == f"Meeting {label} deleted with its 2 notes. u undoes."
    assert (change.deleted, change.neighbours, change.timeout) == (SEED_ID, ("below", "above"),
                                                                   6)
    stored = on_disk(seeded_store.root)
    assert not stored.has_meeting(SEED_ID) and stored.list_notes() == []
    assert change.undo is not None
    back = applied(await flows.undo(ScriptedUI(), seeded_store, change.undo), seeded_store)
    assert back == Change(f"Meeting {label} restored with its 2 notes.", timeout=4,
                          select=SEED_ID)
    stored = on_disk(seeded_store.root)
    assert stored.get_meeting(SEED_ID) == selection.meeting
    assert sorted(stored.list_notes(), key=lambda n: n.id) == sorted(notes, key=lambda n: n.id)


async def test_d_outside_the_list_and_panes_says_what_it_deletes(seeded_store: Store) -> None:
    ui = ScriptedUI()
    assert await flows.delete(ui, seeded_store, shown(seeded_store, "")) is None
    assert ui.said == ["Highlight a note or an item in a pane, or a meeting in the list, to "
                       "delete it."]


# -- labels -----------------------------------------------------------------------------


def test_target_labels_name_the_kind(seeded_store: Store) -> None:
    meeting = seeded_store.get_meeting(SEED_ID)
    assert flows.target_label(meeting, "participant:sergey-lavrov") == \
        "participant: Sergey Lavrov"
    assert flows.target_label(meeting, "meeting").startswith("meeting: NATO-Russia")


def test_meeting_labels_quote_the_title_and_give_the_date() -> None:
    meeting = Meeting.model_construct(title="Talks [b]on[/b]\narms", date=dt.date(2012, 1, 3))
    assert flows.meeting_label(meeting) == "“Talks [b]on[/b] arms” (2012-01-03)"
