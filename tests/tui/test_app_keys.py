"""Every key of the README's key table, pressed in the real app on a real store."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import TabbedContent

from dossier.tui.app import DossierApp
from dossier.tui.dialogs.note_editor import NoteEditorScreen
from dossier.tui.dialogs.pick import PickScreen
from dossier.tui.screens import HelpScreen
from dossier.tui.screens.views import ParticipantProfileScreen, TopicTimelineScreen
from dossier.tui.widgets import AgendaList, MeetingTable, SourceView
from tests.conftest import SEED_ID
from tests.tui.dossier_pilot import (
    many_meetings_store,
    record_notifications,
    screen_text,
    settle,
)


async def test_list_shows_the_seed_and_the_agenda_shows_its_items(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.store is not None
        assert app.main.meeting is not None and app.main.meeting.id == SEED_ID
        text = screen_text(app)
        assert "2013-12-04" in text and "(inferred)" in text and "Brussels" in text
        assert "Syria" in text and "Afghanistan" in text
        assert isinstance(app.focused, MeetingTable)


async def test_list_movement_keys(store_dir: Path) -> None:
    many_meetings_store(store_dir, count=80)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        table = app.query_one(MeetingTable)
        assert table.row_count == 81
        for key, row in [("j", 1), ("down", 2), ("k", 1), ("up", 0), ("G", 80), ("g", 0),
                         ("pagedown", "page"), ("pageup", 0), ("end", 80), ("home", 0)]:
            await pilot.press(key)
            await settle(pilot)
            if row == "page":  # further than one row, not past the end
                assert 1 < table.cursor_row < 80, key
            else:
                assert table.cursor_row == row, key
            # The panes follow the list.
            expected = app.main.meeting_list.meeting_at(table.cursor_row)
            assert app.main.meeting is not None and app.main.meeting.id == expected, key


async def test_pane_movement_keys(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # open the meeting: focus moves into the Agenda
        await settle(pilot)
        agenda = app.query_one(AgendaList)
        assert app.focused is agenda and agenda.highlighted == 0
        last = len(agenda.items) - 1
        for key, index in [("j", 1), ("down", 2), ("k", 1), ("up", 0), ("G", last),
                           ("g", 0), ("end", last), ("home", 0), ("pagedown", "page"),
                           ("pageup", 0)]:
            await pilot.press(key)
            await settle(pilot)
            if index == "page":
                assert agenda.highlighted is not None and agenda.highlighted > 1, key
            else:
                assert agenda.highlighted == index, key


async def test_tab_and_shift_tab_cycle_list_and_pane(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.focused, MeetingTable)
        await pilot.press("tab")
        await settle(pilot)
        assert isinstance(app.focused, AgendaList)
        await pilot.press("tab")
        assert isinstance(app.focused, MeetingTable)
        await pilot.press("shift+tab")
        await settle(pilot)
        assert isinstance(app.focused, AgendaList)
        await pilot.press("5", "shift+tab")
        await settle(pilot)
        assert isinstance(app.focused, MeetingTable)
        await pilot.press("tab")
        await settle(pilot)
        assert isinstance(app.focused, SourceView)


async def test_number_keys_show_panes(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for key, pane, expected in [
            ("2", "participants", "Sergey Lavrov"),
            ("3", "priorities", "Counter-piracy"),
            ("4", "notes", "No notes on this meeting yet. Press n"),
            ("5", "source", "Comment by the Information and Press Department"),
            ("1", "agenda", "Afghanistan"),
        ]:
            await pilot.press(key)
            await settle(pilot)
            assert app.query_one(TabbedContent).active == pane
            assert expected in screen_text(app), key
            # From the list, a number shows the pane but leaves the list focused.
            assert isinstance(app.focused, MeetingTable)


async def test_participants_marks_collective_entries(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        collective = [line for line in lines if "NATO foreign ministers" in line]
        assert collective and "(collective)" in collective[0]
        assert not any("Sergey Lavrov" in line and "(collective)" in line for line in lines)


async def test_enter_opens_and_escape_returns(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, AgendaList)
        # enter on an agenda item with topics offers their timelines and, last, its
        # sentence in the Source pane.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PickScreen)
        assert "Topic timeline: Syria" in screen_text(app)
        await pilot.press("end", "enter")
        await settle(pilot)
        assert app.query_one(TabbedContent).active == "source"
        source = app.query_one(SourceView)
        assert app.focused is source
        assert source.span == (359, 558)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.focused, MeetingTable)


async def test_question_mark_shows_help_generated_from_bindings(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        rows = {keys: description for _, section in app.screen.sections
                for keys, description, _ in section}
        assert rows["/"] == "Search" and rows["n"] == "New note"
        assert any(keys.split()[-1] == "q" and desc == "Quit" for keys, desc in rows.items())
        text = screen_text(app)
        for expected in ("Search", "New note", "Quit", "Cooperation priorities"):
            assert expected in text
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)


async def test_help_follows_the_focused_widget_and_remapped_keys(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.set_keymap({"main.filter": "ctrl+f"})
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        titles = [title for title, _ in app.screen.sections]
        assert "Agenda" in titles and "Meeting list" not in titles
        rows = {desc: keys for _, section in app.screen.sections
                for keys, desc, _ in section}
        assert rows["Filter"] == "^f"


async def test_q_quits_with_status_zero(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_slash_opens_search(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert type(app.screen).__name__ == "SearchScreen"
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "MainScreen"


async def test_n_e_d_u_are_bound_and_n_knows_the_focused_item(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    messages = record_notifications(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        bindings = {active.binding.key: active.binding
                    for active in app.screen.active_bindings.values()}
        for key in ("n", "e", "d", "u"):
            assert bindings[key].description and bindings[key].id, key
        assert app.main.focused_target() == (SEED_ID, "meeting")
        await pilot.press("enter", "j")
        await settle(pilot)
        assert app.main.focused_target() == (SEED_ID, "agenda:nato-russia-relations")
        await pilot.press("n")
        await settle(pilot)
        # The note editor opens on the focused agenda item, named in its heading.
        assert isinstance(app.screen, NoteEditorScreen), (type(app.screen).__name__, messages)
        assert "Problems and prospects of NATO-Russia relations" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert type(app.screen).__name__ == "MainScreen"


async def test_ctrl_p_palette_jumps_to_a_participant(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Lavrov")
        await settle(pilot, rounds=6)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, CommandPalette)
        assert app.query_one(TabbedContent).active == "participants"
        assert app.main.focused_target() == (SEED_ID, "participant:sergey-lavrov")


async def test_enter_on_a_participant_opens_their_profile(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "2")
        await settle(pilot)
        assert app.main.focused_target() == (SEED_ID, "participant:sergey-lavrov")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ParticipantProfileScreen)
        assert app.screen.person == "Sergey Lavrov"
        text = screen_text(app)
        assert "1 meeting" in text and "2013-12-04" in text
        await pilot.press("escape")
        await settle(pilot)
        assert app.main.focused_target() == (SEED_ID, "participant:sergey-lavrov")


async def test_enter_on_an_agenda_topic_opens_its_timeline_and_jumps_back(
        store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "end")  # the last rows: Afghanistan after ISAF and
        await settle(pilot)  # the positions under it
        for _ in range(5):
            if app.main.focused_target() == (SEED_ID, "agenda:afghanistan-after-isaf"):
                break
            await pilot.press("k")
            await settle(pilot)
        assert app.main.focused_target() == (SEED_ID, "agenda:afghanistan-after-isaf")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PickScreen)
        await pilot.press("down", "down", "down", "enter")  # Afghanistan, ISAF, …, CSTO
        await settle(pilot)
        assert isinstance(app.screen, TopicTimelineScreen)
        assert app.screen.topic == "CSTO"
        text = screen_text(app)
        assert "1 agenda item" in text
        assert "Interaction on Afghanistan after the ISAF mission closes" in text
        await pilot.press("enter")  # the only row: back to the item in context
        await settle(pilot)
        assert app.screen is app.main
        assert app.main.focused_target() == (SEED_ID, "agenda:afghanistan-after-isaf")
