"""The editor screens on their own: note editor, confirmation, forms — against a real store."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static, TextArea

from dossier.store import edit
from dossier.store.errors import ReadOnlyStore
from dossier.store.model import AgendaItem, Meeting, Note
from dossier.store.store import Store
from dossier.tui.dialogs import ConfirmScreen, MeetingForm, NoteEditorScreen, item_form
from dossier.tui.dialogs.external import ExternalEditorError, edit_text, editor_command
from dossier.tui.dialogs.form_base import FormScreen
from tests.conftest import SEED_ID
from tests.tui.editor_host import MISSING, EditorHost, settle

# -- note editor -------------------------------------------------------------------------


def note_editor(store: Store, target: str = "meeting", initial: str = "",
                label: str = "NATO-Russia Council session") -> NoteEditorScreen:
    return NoteEditorScreen(label, initial,
                            save=lambda text: store.add_note(SEED_ID, text, target))


async def test_typed_note_is_saved_durably_before_the_editor_closes(seeded_store: Store
                                                                    ) -> None:
    app = EditorHost(lambda: note_editor(seeded_store, "agenda:euro-atlantic-security"))
    async with app.run_test() as pilot:
        await pilot.press(*"Syria", "space", *"#followup")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.result == "Syria #followup"
        assert not isinstance(app.screen, NoteEditorScreen)
        assert isinstance(app.editor, NoteEditorScreen)
        assert isinstance(app.editor.saved, Note)
    # A fresh store object reads the file from disk: the note is there, with its tag.
    notes = Store.open(seeded_store.root).list_notes(SEED_ID)
    assert [(n.text, n.target, n.tags) for n in notes] == [
        ("Syria #followup", "agenda:euro-atlantic-security", ["followup"])]


async def test_failed_save_keeps_the_text_and_shows_the_sentence(seeded_store: Store) -> None:
    def refuse(text: str) -> None:
        raise ReadOnlyStore(f"the store at {seeded_store.root} is read-only; nothing was "
                            f"changed")

    app = EditorHost(lambda: NoteEditorScreen("meeting", save=refuse))
    async with app.run_test() as pilot:
        await pilot.press(*"keep me")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert app.screen.query_one(TextArea).text == "keep me"
        error = app.screen.query_one("#note-error", Static)
        assert error.display
        assert "is read-only; nothing was changed" in str(error.render())
        assert app.result is MISSING
        # Still editable, and a later save works.
        await pilot.press("!")
        assert app.screen.query_one(TextArea).text == "keep me!"


async def test_unexpected_error_in_save_is_shown_not_raised() -> None:
    def broken(text: str) -> None:
        raise OSError("disk on fire")

    app = EditorHost(lambda: NoteEditorScreen("meeting", "draft", save=broken))
    async with app.run_test() as pilot:
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert "disk on fire" in str(app.screen.query_one("#note-error", Static).render())


async def test_empty_note_is_not_saved(seeded_store: Store) -> None:
    app = EditorHost(lambda: note_editor(seeded_store))
    async with app.run_test() as pilot:
        await pilot.press("space", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert "empty" in str(app.screen.query_one("#note-error", Static).render())
    assert seeded_store.list_notes() == []


async def test_escape_without_changes_closes_at_once(seeded_store: Store) -> None:
    app = EditorHost(lambda: note_editor(seeded_store, initial="as it was"))
    async with app.run_test() as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.result is None
        assert not isinstance(app.screen, (NoteEditorScreen, ConfirmScreen))
    assert seeded_store.list_notes() == []


async def test_escape_with_changes_asks_and_n_keeps_editing(seeded_store: Store) -> None:
    app = EditorHost(lambda: note_editor(seeded_store))
    async with app.run_test() as pilot:
        await pilot.press(*"half a thought", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorScreen)
        assert app.screen.query_one(TextArea).text == "half a thought"
        assert app.result is MISSING
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.result is None
    assert seeded_store.list_notes() == []


async def test_target_label_and_initial_text_are_shown_literally(seeded_store: Store) -> None:
    label = "[bold]Syria[/] [@click=app.quit]x[/]"
    app = EditorHost(lambda: note_editor(seeded_store, label=label, initial="[red]n[/]"))
    async with app.run_test() as pilot:
        await pilot.pause()
        target = app.screen.query_one("#note-target", Static)
        assert label in str(target.render())
        assert app.screen.query_one(TextArea).text == "[red]n[/]"


async def test_every_editor_binding_has_a_description() -> None:
    screens = [NoteEditorScreen, ConfirmScreen, FormScreen, MeetingForm]
    for screen in screens:
        for binding in screen.BINDINGS:
            assert binding.description, f"{screen.__name__}: {binding.key}"  # type: ignore[union-attr]


async def test_ctrl_e_without_a_real_terminal_explains_instead_of_crashing(
        seeded_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(appending_editor(tmp_path)))
    app = EditorHost(lambda: note_editor(seeded_store, initial="kept"))
    async with app.run_test() as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorScreen)
        error = str(app.screen.query_one("#note-error", Static).render())
        assert "cannot hand the note to an external editor: $EDITOR needs a terminal" in error
        assert app.screen.query_one(TextArea).text == "kept"


# -- $EDITOR round trip ------------------------------------------------------------------


def appending_editor(tmp_path: Path) -> Path:
    """An 'editor' that appends a line and records the file's mode and path."""
    script = tmp_path / "fake-editor"
    script.write_text(
        "#!/bin/sh\n"
        f'stat -c %a "$1" > "{tmp_path}/mode"\n'
        f'echo "$1" > "{tmp_path}/path"\n'
        'printf "\\nadded in the editor #ext\\n" >> "$1"\n'
    )
    script.chmod(0o755)
    return script


def test_edit_text_round_trips_through_a_private_temp_file(tmp_path: Path) -> None:
    edited = edit_text("first line", [str(appending_editor(tmp_path))])
    assert edited == "first line\nadded in the editor #ext"
    assert (tmp_path / "mode").read_text().strip() == "600"
    assert not Path((tmp_path / "path").read_text().strip()).exists()


def test_a_failing_editor_leaves_the_text_alone(tmp_path: Path) -> None:
    script = tmp_path / "bad-editor"
    script.write_text('#!/bin/sh\necho junk > "$1"\nexit 3\n')
    script.chmod(0o755)
    with pytest.raises(ExternalEditorError, match="exited with status 3"):
        edit_text("original", [str(script)])


def test_editor_command_prefers_visual_and_reports_a_missing_program() -> None:
    assert editor_command({"VISUAL": "code --wait", "EDITOR": "vi"}) == ["code", "--wait"]
    assert editor_command({"EDITOR": "nano -w"}) == ["nano", "-w"]
    with pytest.raises(ExternalEditorError, match="cannot run the editor"):
        edit_text("x", ["/nonexistent/editor"])


# -- confirmation ------------------------------------------------------------------------


async def test_confirm_answers_only_y_with_yes() -> None:
    app = EditorHost(lambda: ConfirmScreen("Delete note “[b]x[/b]”?"))
    answers: list[bool | None] = []
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "[b]x[/b]" in str(app.screen.query_one("#confirm-question", Static).render())
        await pilot.press("y")
        for keys in (("n",), ("escape",), ("enter",)):  # enter: focus starts on "No"
            app.push_screen(ConfirmScreen("Again?"), answers.append)
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()
    assert app.result is True
    assert answers == [False, False, False]


# -- forms -------------------------------------------------------------------------------


def fill(form: FormScreen, **values: object) -> None:
    for name, value in values.items():
        widget = form.field_widget(name)
        if isinstance(widget, TextArea):
            widget.text = str(value)
        else:
            widget.value = value  # type: ignore[attr-defined]


async def test_new_meeting_form_saves_a_valid_meeting(empty_store: Store) -> None:
    app = EditorHost(lambda: MeetingForm(taken=empty_store.has_meeting,
                                         save=empty_store.add_meeting))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.focused is app.screen.field_widget("title")
        await pilot.press(*"Council", "space", *"session")
        fill(app.screen, body="Council of the EU", level="ministers", date="2024-03-01",
             location="Brussels", tags="eu, energy")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.result, Meeting)
    stored = Store.open(empty_store.root).get_meeting("council-of-the-eu-2024-03-01")
    assert (stored.title, stored.location, stored.tags) == ("Council session", "Brussels",
                                                            ["eu", "energy"])


async def test_meeting_form_shows_a_bad_date_beside_the_date_field(
        empty_store: Store) -> None:
    app = EditorHost(lambda: MeetingForm(save=empty_store.add_meeting))
    async with app.run_test() as pilot:
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MeetingForm)
        for date, message in (("2013-13-45", "not a day of the calendar"),
                              ("04/12/2013", "YYYY-MM-DD"), ("", "is required")):
            fill(form, title="A meeting", date=date)
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert message in form.field_error("date")
            assert form.field_error("title") == ""
            assert app.focused is form.field_widget("date")
            assert form.query_one("#error-date", Static).display
        assert app.screen is form
    assert empty_store.list_meetings() == []


async def test_meeting_form_model_errors_land_on_their_fields(empty_store: Store) -> None:
    app = EditorHost(lambda: MeetingForm(save=empty_store.add_meeting))
    async with app.run_test() as pilot:
        await pilot.pause()
        fill(app.screen, title="", date="2020-01-01", location="x" * 10_001)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, MeetingForm)
        assert "must not be empty" in form.field_error("title")
        assert "too long" in form.field_error("location")
        assert app.result is MISSING


async def test_a_bad_date_and_an_empty_title_are_both_shown(empty_store: Store) -> None:
    app = EditorHost(lambda: MeetingForm(save=empty_store.add_meeting))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        fill(app.screen, title="", date="2013-02-30")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, MeetingForm)
        assert "must not be empty" in form.field_error("title")
        assert "not a day of the calendar" in form.field_error("date")
        assert app.focused is form.field_widget("title")
        # At 80x24 the buttons stay on screen below the scrolling fields.
        save = form.query_one("#form-save")
        dialog = form.query_one("#form-dialog")
        assert save.region.height > 0
        assert dialog.content_region.contains_region(save.region)


async def test_edit_meeting_form_changes_the_stored_meeting(seeded_store: Store) -> None:
    meeting = seeded_store.get_meeting(SEED_ID)

    def save(changed: Meeting) -> Meeting:
        return edit.apply_edit(seeded_store, SEED_ID,
                               lambda current: edit.with_fields(current, {
                                   "location": changed.location}))

    app = EditorHost(lambda: MeetingForm(meeting, save=save))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.field_widget("date").value == "2013-12-04"
        fill(app.screen, location="NATO headquarters, Brussels")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    stored = Store.open(seeded_store.root).get_meeting(SEED_ID)
    assert stored.location == "NATO headquarters, Brussels"
    assert stored.agenda == meeting.agenda  # nothing else touched


async def test_store_error_on_save_is_shown_under_the_form(seeded_store: Store) -> None:
    def refuse(m: Meeting) -> None:
        raise ReadOnlyStore("the store is read-only; nothing was changed")

    app = EditorHost(lambda: MeetingForm(save=refuse))
    async with app.run_test() as pilot:
        await pilot.pause()
        fill(app.screen, title="T", date="2020-02-02")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, MeetingForm)
        assert "read-only" in form.general_error
        assert app.result is MISSING


async def test_form_cancel_asks_only_when_something_changed(empty_store: Store) -> None:
    app = EditorHost(lambda: MeetingForm(save=empty_store.add_meeting))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("x", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, MeetingForm)
        await pilot.press("backspace", "escape")
        await pilot.pause()
        assert app.result is None  # back to the initial values: closes without asking
    assert empty_store.list_meetings() == []


ITEM_CASES = {
    "agenda": ({"title": "Ukraine", "summary": "Exchange of views", "topics": "Ukraine, gas"},
               "title", "Ukraine"),
    "participant": ({"name": "Anders Fogh Rasmussen", "role": "Secretary General",
                     "party": "NATO"}, "name", "Anders Fogh Rasmussen"),
    "priority": ({"area": "Cyber defence", "description": "Joint exercises"}, "area",
                 "Cyber defence"),
    "position": ({"party": "NATO", "stance": "Supports the work programme"}, "party",
                 "NATO: Supports the work programme"),
    "reference": ({"title": "Rome Declaration", "date": "2002-05-28", "location": "Rome"},
                  "title", "Rome Declaration"),
    "outcome": ({"description": "A joint statement"}, "description", "A joint statement"),
}


def item_saver(store: Store, kind: str, replace: str | None = None):  # type: ignore[no-untyped-def]
    parent = "euro-atlantic-security" if kind == "position" else None

    def save(item):  # type: ignore[no-untyped-def]
        return edit.apply_edit(store, SEED_ID, lambda m: edit.put_item(
            m, kind, item, parent=parent, replace=replace))
    return save


async def test_each_item_form_shows_a_missing_field_then_adds_a_valid_item(
        seeded_store: Store) -> None:
    meeting = seeded_store.get_meeting(SEED_ID)
    results: list[object] = []
    app = EditorHost(lambda: ConfirmScreen("ready?"))
    async with app.run_test() as pilot:
        await pilot.press("y")
        for kind, (values, required, _) in ITEM_CASES.items():
            form = item_form(kind, meeting, save=item_saver(seeded_store, kind))
            app.push_screen(form, results.append)
            await pilot.pause()
            fill(form, **{**values, required: "   "})
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert "must not be empty" in form.field_error(required), kind
            assert app.screen is form
            fill(form, **values)
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert app.screen is not form, kind
    stored = Store.open(seeded_store.root).get_meeting(SEED_ID)
    for (kind, (_, _, label)), item in zip(ITEM_CASES.items(), results, strict=True):
        assert stored.targets()[f"{kind}:{item.id}"] == label  # type: ignore[attr-defined]
    # Everything that was there before is still there.
    assert set(meeting.targets()) < set(stored.targets())


async def test_editing_an_agenda_item_keeps_its_id_span_and_positions(
        seeded_store: Store) -> None:
    meeting = seeded_store.get_meeting(SEED_ID)
    item = edit.find_item(meeting, "agenda", "lisbon-agreements")
    assert isinstance(item, AgendaItem)
    app = EditorHost(lambda: item_form(
        "agenda", meeting, item, save=item_saver(seeded_store, "agenda", item.id)))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.screen.field_widget("title").value == item.title
        fill(app.screen, title="Lisbon agreements: review", order="x")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "whole number" in app.screen.field_error("order")
        fill(app.screen, order=str(item.order))
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    stored = edit.find_item(Store.open(seeded_store.root).get_meeting(SEED_ID), "agenda",
                            "lisbon-agreements")
    assert isinstance(stored, AgendaItem)
    assert stored.title == "Lisbon agreements: review"
    assert (stored.positions, stored.source_span) == (item.positions, item.source_span)


async def test_enter_in_a_form_field_submits(seeded_store: Store) -> None:
    meeting = seeded_store.get_meeting(SEED_ID)
    app = EditorHost(lambda: item_form("priority", meeting,
                                       save=item_saver(seeded_store, "priority")))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press(*"Energy", "enter")
        await settle(app, pilot)
    assert "priority:energy" in Store.open(seeded_store.root).get_meeting(SEED_ID).targets()




def test_note_text_renders_as_markdown_without_markup_or_links() -> None:
    from rich.console import Console

    from dossier.tui.widgets.markdown import note_body

    console = Console(width=60, color_system=None, record=True, force_terminal=False)
    console.print(note_body("**bold** [b]kept[/b] [site](http://x.example) \x1b[31m<b>h</b>"))
    text = console.export_text()
    assert "bold [b]kept[/b] site (http://x.example)" in text
    assert "**" not in text and "\x1b" not in text and "<b>" not in text
