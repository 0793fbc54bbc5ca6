"""The app's contract with other parts (jump_to, the main screen's focused_target), text
safety, errors, settings and small terminals — on real stores, in the real app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import Input, Static, TabbedContent

from dossier.store.model import Meeting
from dossier.store.store import Store
from dossier.tui.app import DossierApp
from dossier.tui.config import config_path, load_config, load_state, state_path
from dossier.tui.screens import MessageScreen
from dossier.tui.widgets import (
    AgendaList,
    MeetingList,
    MeetingTable,
    NotesList,
    OutcomesList,
    ParticipantsList,
    PrioritiesList,
    SourceView,
)
from tests.conftest import SEED_ID
from tests.tui.dossier_pilot import (
    many_meetings_store,
    record_notifications,
    screen_text,
    seed_doc,
    settle,
    wait_for_text,
)


@pytest.mark.parametrize(("target", "pane", "widget", "span"), [
    ("meeting", "agenda", None, None),
    ("agenda:afghanistan-after-isaf", "agenda", AgendaList, (1686, 2006)),
    ("position:russia-nato-csto", "agenda", AgendaList, (2007, 2121)),
    ("participant:sergey-lavrov", "participants", ParticipantsList, (199, 241)),
    ("priority:counter-piracy", "priorities", PrioritiesList, (1201, 1228)),
    ("reference:isaf-mission", "outcomes", OutcomesList, (1768, 1811)),
    ("outcome:work-programme-2014", "outcomes", OutcomesList, (1601, 1684)),
    ("source", "source", SourceView, None),
])
async def test_jump_to_shows_the_target(store_dir: Path, target: str, pane: str,
                                        widget: type | None,
                                        span: tuple[int, int] | None) -> None:
    many_meetings_store(store_dir, count=3)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j")  # start on another meeting
        await settle(pilot)
        assert app.main.meeting is not None and app.main.meeting.id != SEED_ID
        app.jump_to(SEED_ID, target)
        await settle(pilot)
        assert app.main.meeting is not None and app.main.meeting.id == SEED_ID
        assert app.main.meeting_list.current_id() == SEED_ID
        assert app.query_one(TabbedContent).active == pane
        if widget is not None:
            assert isinstance(app.focused, widget)
        if widget not in (None, SourceView):
            assert app.main.focused_target() == (SEED_ID, target)
        if span is not None:
            assert app.main.span == span


async def test_jump_to_with_a_span_highlights_it_in_the_source(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.jump_to(SEED_ID, "agenda:afghanistan-after-isaf", (2007, 2121))
        await settle(pilot)
        assert app.main.focused_target() == (SEED_ID, "agenda:afghanistan-after-isaf")
        assert app.main.span == (2007, 2121)
        await pilot.press("5")
        await settle(pilot)
        source = app.query_one(SourceView)
        assert source.span == (2007, 2121)
        text = await wait_for_text(pilot, "with the CSTO again")
        assert "with the CSTO again" in text  # scrolled into view
        # The highlighted range carries the highlight style, nothing else does.
        shown = source.query_one("#source-text", Static).content
        assert isinstance(shown, Text)
        styled = [(span.start, span.end) for span in shown.spans
                  if "reverse" in str(span.style)]
        assert styled == [(2007, 2121)]


async def test_focused_target_follows_the_focused_row(store_dir: Path) -> None:
    store = Store.open(store_dir)
    note = store.add_note(SEED_ID, "about Lisbon", target="agenda:lisbon-agreements")
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.main.focused_target() == (SEED_ID, "meeting")
        await pilot.press("2", "tab", "j")
        await settle(pilot)
        assert app.main.focused_target() == (SEED_ID, "participant:nato-foreign-ministers")
        await pilot.press("3", "G")
        await settle(pilot)
        assert app.main.focused_target() == (SEED_ID, "priority:arms-disposal")
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.focused, NotesList)
        assert app.main.focused_target() == (SEED_ID, "agenda:lisbon-agreements")
        assert app.main.focused_note_id() == note.id
        await pilot.press("escape")
        assert app.main.focused_target() == (SEED_ID, "meeting")


async def test_notes_pane_lists_newest_first_and_follows_store_changes(
        store_dir: Path) -> None:
    store = Store.open(store_dir)
    store.add_note(SEED_ID, "first note")
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert "first note" in screen_text(app)
        assert app.store is not None
        app.store.add_note(SEED_ID, "second note on a priority", target="priority:counter-piracy")
        await settle(pilot)
        text = screen_text(app)
        assert text.index("second note") < text.index("first note")
        assert "on Counter-piracy" in text


HOSTILE = "[bold]b[/bold] [@click=app.quit]x[/] [red]r\x1b[31m"


async def test_store_text_is_shown_literally(store_dir: Path) -> None:
    doc = seed_doc()
    doc["id"] = "hostile"
    doc["title"] = HOSTILE
    doc["location"] = "[i]Brussels[/i]"
    doc["participants"][0]["name"] = "[b]Lavrov[/b]"
    store = Store.open(store_dir)
    store.put_meetings([Meeting.from_json_dict(doc)])
    store.add_note("hostile", HOSTILE)
    app = DossierApp(store_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        app.jump_to("hostile", "meeting")
        await settle(pilot)
        text = screen_text(app)
        assert "[bold]b[/bold] [@click=app.quit]x[/] [red]r␛[31m" in text
        assert "[i]Brussels[/i]" in text
        await pilot.press("2")
        await settle(pilot)
        assert "[b]Lavrov[/b]" in screen_text(app)
        await pilot.press("4")
        await settle(pilot)
        notes_text = screen_text(app)
        assert "[@click=app.quit]x[/]" in notes_text
        # Clicking where the would-be link is does nothing but select the row.
        notes = app.query_one(NotesList)
        line = next(i for i, row in enumerate(notes_text.splitlines()) if "@click" in row)
        column = notes_text.splitlines()[line].index("@click")
        await pilot.click(offset=(column, line))
        await settle(pilot)
        assert app.is_running and app.return_code is None
        assert notes.is_mounted


async def test_damaged_store_shows_a_message_and_writes_nothing(store_dir: Path) -> None:
    Store.open(store_dir)
    manifest = store_dir / "dossier.json"
    manifest.write_bytes(b"{ not json")
    before = {p: p.read_bytes() for p in store_dir.rglob("*") if p.is_file()}
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MessageScreen)
        assert "damaged" in app.screen.message
        assert "could not be opened" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, MessageScreen)
        assert app.store is None
        for key in ("j", "1", "2", "5", "n", "slash"):
            await pilot.press(key)
        await settle(pilot)
        assert app.is_running
    after = {p: p.read_bytes() for p in store_dir.rglob("*") if p.is_file()}
    assert after == before


async def test_theme_is_remembered(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    # Remembered in the app's state file; the user's config.toml is never written.
    assert json.loads(state_path().read_text())["theme"] == "nord"
    assert load_state().theme == "nord" and not config_path().exists()
    again = DossierApp(store_dir)
    async with again.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


async def test_bad_settings_fall_back_with_a_notice(store_dir: Path) -> None:
    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text('theme = "no-such-theme"\n')
    app = DossierApp(store_dir)
    messages = record_notifications(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert any("no-such-theme" in message for message in messages)
    config_path().write_text("theme = \n")
    assert "line 1, column" in (load_config().problem or "")


async def test_filter_as_you_type(store_dir: Path) -> None:
    many_meetings_store(store_dir, count=12)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        table = app.query_one(MeetingTable)
        assert table.row_count == 13
        await pilot.press("f")
        assert isinstance(app.focused, Input)
        await pilot.press(*"copy 011")
        await settle(pilot)
        assert table.row_count == 1
        assert app.main.meeting_list.current_id() == "copy-011"
        await pilot.press("down")
        assert isinstance(app.focused, MeetingTable)
        await pilot.press("f", "escape")
        await settle(pilot)
        assert table.row_count == 13
        assert not app.query_one(MeetingList).filter_input.display


async def test_b_toggles_the_list(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert not app.query_one(MeetingList).display
        assert isinstance(app.focused, AgendaList)
        await pilot.press("b")
        assert app.query_one(MeetingList).display
        assert isinstance(app.focused, MeetingTable)


@pytest.mark.parametrize("size", [(80, 24), (60, 16), (40, 12), (20, 5)])
async def test_small_terminals(store_dir: Path, size: tuple[int, int]) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in ("2", "3", "5", "4", "1", "tab", "question_mark", "escape", "b", "b"):
            await pilot.press(key)
        await settle(pilot)
        text = screen_text(app)
        if size[0] >= 80:
            assert "Syria" in text and "5 Source" in text
        elif size[0] >= 60 and size[1] >= 16:
            assert "NATO-Russia" in text and "too small" not in text
        else:
            assert "too small" in text
        assert app.is_running


async def test_a_big_archive_paints_its_newest_page_then_the_whole_list(store_dir: Path) -> None:
    from dossier.tui.app import FIRST_PAGE

    many_meetings_store(store_dir, count=FIRST_PAGE + 50)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        meeting_list = app.main.meeting_list
        assert len(meeting_list.summaries) == FIRST_PAGE + 51
        assert meeting_list.current_id() == "nrc-2013-12-04"  # newest first, cursor kept
        dates = [s.date for s in meeting_list.summaries]
        assert dates == sorted(dates, reverse=True)


async def test_an_empty_store_says_how_to_add_a_meeting_and_a_does_it(tmp_path: Path) -> None:
    from dossier.tui.dialogs import MeetingForm

    root = tmp_path / "empty"
    Store.create(root, seed=False)
    app = DossierApp(root)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "No meetings in this store. Press a to add one" in screen_text(app)
        assert not app.main.tabs.display  # no panes without a meeting
        await pilot.press("a")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MeetingForm)
        form.field_widget("title").value = "EU-Russia summit"
        form.field_widget("body").value = "EU-Russia"
        form.field_widget("date").value = "2014-01-28"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.main.meeting is not None and app.main.meeting.title == "EU-Russia summit"
        assert app.main.tabs.display  # the panes are back for it
