"""Notes and editing in the real app: n / a / e / d / u, forms, other writers — real stores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea

from dossier.store import edit
from dossier.store.store import Store
from dossier.tui.app import DossierApp
from dossier.tui.dialogs import ConfirmScreen, MeetingForm, NoteEditorScreen
from dossier.tui.dialogs.form_base import FormScreen
from dossier.tui.dialogs.forms import AgendaItemForm, ParticipantForm, ReferenceForm
from dossier.tui.dialogs.pick import PickScreen
from dossier.tui.widgets import AgendaList, NotesList
from tests.conftest import SEED_ID, RunDossier
from tests.tui.dossier_pilot import on_disk, screen_text, settle

SIZE = (120, 36)


async def write_note(pilot: Pilot[Any], text: str) -> None:
    """Type into the open note editor (space and # typed as keys) and save."""
    assert isinstance(pilot.app.screen, NoteEditorScreen)
    keys = ["space" if char == " " else char for char in text]
    await pilot.press(*keys)
    await pilot.press("ctrl+s")
    await settle(pilot)


# -- adding ------------------------------------------------------------------------------


async def test_n_adds_notes_to_whatever_is_focused_and_counts_show(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")  # the list has focus: a note on the meeting
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditorScreen)
        assert editor.target_label.startswith("meeting: NATO-Russia Council session")
        await write_note(pilot, "m #arms")
        assert not isinstance(app.screen, NoteEditorScreen)
        assert any(str(n.message) == "Note saved." for n in app._notifications)
        await pilot.press("enter", "j")  # into the Agenda pane, second item
        await settle(pilot)
        assert app.main.focused_target() == (SEED_ID, "agenda:nato-russia-relations")
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.target_label == \
            "agenda item: Problems and prospects of NATO-Russia relations"
        await write_note(pilot, "a")
        app.jump_to(SEED_ID, "position:russia-practical-steps")
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.target_label.startswith("position: Russian Federation: ")
        await write_note(pilot, "p")
        await pilot.press("2")  # Participants, focus follows
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        await write_note(pilot, "s")
        await pilot.press("3", "j")
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        await write_note(pilot, "c")
        assert "Counter-piracy  ✎1" in screen_text(app)
        await pilot.press("1")
        await settle(pilot)
        text = screen_text(app)
        assert "Problems and prospects of NATO-Russia relations  ✎1" in text
        # The meeting list counts every note of a meeting (the title after its body).
        assert "✎5 session" in text
        await pilot.press("4")
        await settle(pilot)
        assert "m #arms" in screen_text(app)
    notes = {n.text: (n.target, n.tags) for n in on_disk(store_dir).list_notes(SEED_ID)}
    assert notes == {"m #arms": ("meeting", ["arms"]),
                     "a": ("agenda:nato-russia-relations", []),
                     "p": ("position:russia-practical-steps", []),
                     "s": ("participant:sergey-lavrov", []),
                     "c": ("priority:counter-piracy", [])}


# -- cancelling --------------------------------------------------------------------------


async def test_escape_closes_at_once_when_empty_and_asks_when_not(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, (NoteEditorScreen, ConfirmScreen))
        await pilot.press("n", "x", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # "no": back to the text
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorScreen)
        assert app.screen.query_one(TextArea).text == "x"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert not isinstance(app.screen, (NoteEditorScreen, ConfirmScreen))
    assert on_disk(store_dir).list_notes() == []


# -- edit, delete, undo ------------------------------------------------------------------


async def test_e_edits_d_deletes_after_asking_u_restores(seeded_store: Store) -> None:
    app = DossierApp(seeded_store.root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4", "d", "e")  # no notes yet
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert "No note here to delete." in messages and "No note here to edit." in messages
        older = seeded_store.add_note(SEED_ID, "older [b]x[/b]")
        newer = seeded_store.add_note(SEED_ID, "newer", "participant:sergey-lavrov")
        app.check_for_changes()  # written by another Store object: noticed like any writer
        await settle(pilot)
        await pilot.press("tab")  # into the Notes pane
        # Both were made within a second: put the cursor on "older" by its id.
        notes_list = app.main.pane_widget("notes")
        assert isinstance(notes_list, NotesList)
        assert notes_list.highlight_target(f"note:{older.id}")
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditorScreen)
        assert (editor.text, editor.heading) == ("older [b]x[/b]", "Edit note")
        await pilot.press("end", "space", "#", "e", "ctrl+s")
        await settle(pilot)
        stored = on_disk(seeded_store.root).get_note(older.id)
        assert (stored.text, stored.tags) == ("older [b]x[/b] #e", ["e"])
        assert notes_list.highlight_target(f"note:{older.id}")
        await pilot.press("d")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert "older [b]x[/b] #e" in question.question
        await pilot.press("n")
        await settle(pilot)
        assert len(on_disk(seeded_store.root).list_notes()) == 2
        await pilot.press("d", "y")
        await settle(pilot)
        assert [n.id for n in on_disk(seeded_store.root).list_notes()] == [newer.id]
        assert "older [b]x[/b]" not in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert on_disk(seeded_store.root).get_note(older.id) == stored  # id, times, all
        assert "older [b]x[/b] #e" in screen_text(app)
        await pilot.press("u")  # every change is undone in turn: now the edit
        await settle(pilot)
        assert on_disk(seeded_store.root).get_note(older.id).text == "older [b]x[/b]"
        await pilot.press("u")
        await settle(pilot)
        assert str(list(app._notifications)[-1].message) == "Nothing to undo."


# -- meetings and items ------------------------------------------------------------------


async def test_meeting_form_from_the_list(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")  # edit the highlighted meeting
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MeetingForm)
        form.field_widget("location").value = "NATO HQ, Brussels"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "NATO HQ, Brussels" in screen_text(app)
        await pilot.press("a")  # a new meeting
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MeetingForm)
        form.field_widget("date").value = "28.01.2014"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "YYYY-MM-DD" in form.field_error("date")
        assert "must not be empty" in form.field_error("title")
        form.field_widget("title").value = "EU-Russia summit"
        form.field_widget("body").value = "EU-Russia"
        form.field_widget("date").value = "2014-01-28"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        assert app.main.meeting is not None
        assert app.main.meeting.id == "eu-russia-2014-01-28"  # selected once listed
        assert "EU-Russia summit" in screen_text(app)
    stored = on_disk(store_dir)
    assert stored.get_meeting("eu-russia-2014-01-28").title == "EU-Russia summit"
    assert stored.get_meeting(SEED_ID).location == "NATO HQ, Brussels"


async def test_item_forms_add_edit_and_delete_from_the_panes(store_dir: Path) -> None:
    before = on_disk(store_dir).get_meeting(SEED_ID)
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # a in the Agenda pane: the pane's own kind is preselected in the chooser.
        await pilot.press("enter", "a")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, AgendaItemForm)
        assert form.field_widget("order").value == "9"
        await pilot.press("U", "ctrl+s")
        await settle(pilot)
        agenda = app.main.pane_widget("agenda")
        assert isinstance(agenda, AgendaList)
        assert agenda.index_of("agenda:u") == len(agenda.items) - 1
        # a on a position row: "Position on …" is preselected.
        app.jump_to(SEED_ID, "position:russia-practical-steps")
        await settle(pilot)
        await pilot.press("a", "enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        form.field_widget("party").value = "NATO"
        form.field_widget("stance").text = "Ready to discuss"
        await pilot.press("ctrl+s")
        await settle(pilot)
        # e on a participant: an error beside the field first, then a save.
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ParticipantForm)
        assert form.field_widget("name").value == "Sergey Lavrov"
        form.field_widget("name").value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "must not be empty" in form.field_error("name")
        form.field_widget("name").value = "Sergey V. Lavrov"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Sergey V. Lavrov" in screen_text(app)
        # d on a priority asks; u puts it back in its place.
        await pilot.press("3", "j")
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Counter-piracy" in app.screen.question
        await pilot.press("y")
        await settle(pilot)
        assert "priority:counter-piracy" not in on_disk(store_dir).get_meeting(
            SEED_ID).targets()
        await pilot.press("u")
        await settle(pilot)
        # e in the Source pane: references and outcomes are chosen from a list.
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        await pilot.press("j", "enter")  # past "Meeting details" to the first reference
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ReferenceForm)
        form.field_widget("date").value = "2010-11-19"
        await pilot.press("ctrl+s")
        await settle(pilot)
    after = on_disk(store_dir).get_meeting(SEED_ID)
    assert after.agenda[-1].title == "U"
    assert edit.parent_of_position(after, "nato") == "lisbon-agreements"
    assert after.participants[0].name == "Sergey V. Lavrov"
    assert after.priorities == before.priorities
    assert after.references[0].date is not None
    assert after.references[0].date.isoformat() == "2010-11-19"


# -- other writers -----------------------------------------------------------------------


async def test_changes_by_another_process_show_up_and_are_kept(
        store_dir: Path, run_dossier: RunDossier) -> None:
    Store.open(store_dir)  # create it before the app and the other process race to
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        # Another process writes while the app is open…
        run_dossier("--store", str(store_dir), "note", "add", SEED_ID, "from a script 1",
                    check=True)
        # …and the app saves its own note, then the script writes again.
        await pilot.press("n")
        await pilot.pause()
        await write_note(pilot, "from the app")
        run_dossier("--store", str(store_dir), "note", "add", SEED_ID, "from a script 2",
                    "--on", "participant:sergey-lavrov", check=True)
        app.check_for_changes()  # what the timer and terminal focus do
        await settle(pilot)
        text = screen_text(app)
        assert "from a script 2" in text and "from the app" in text
        assert "✎3" in text
    texts = sorted(n.text for n in on_disk(store_dir).list_notes(SEED_ID))
    assert texts == ["from a script 1", "from a script 2", "from the app"]


async def test_a_meeting_added_elsewhere_appears_in_the_list(store_dir: Path) -> None:
    store = Store.open(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        other = store.get_meeting(SEED_ID).model_copy(update={"id": "nrc-copy-2014",
                                                              "title": "Copied meeting"})
        Store.open(store_dir).add_meeting(other)  # a separate writer
        app.check_for_changes()
        await settle(pilot)
        assert [s.id for s in app.main.meeting_list.summaries] == [SEED_ID, "nrc-copy-2014"]


async def test_the_days_backup_is_taken_while_the_note_is_typed(store_dir: Path) -> None:
    """Opening the editor starts the day's backup in the background, so ctrl+s only
    writes the note (on a big archive the backup is a copy of seconds)."""
    from dossier.store.backup import list_backups

    Store.open(store_dir)  # seeded: meetings worth keeping, no backup yet
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert list_backups(store_dir) == []
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        backups = list_backups(store_dir)
        assert len(backups) == 1, "no backup while the editor was open"
        await write_note(pilot, "after the backup")  # and ctrl+s
        assert not isinstance(app.screen, NoteEditorScreen)
    assert list_backups(store_dir) == backups
    assert [n.text for n in on_disk(store_dir).list_notes(SEED_ID)] == ["after the backup"]
