"""Focus is always on a visible widget, and `n` targets what is highlighted (issue 14,
bug 2): after the last note goes, after "Terminal too small", after a click on a tab."""

from __future__ import annotations

from pathlib import Path

from textual.widget import Widget
from textual.widgets import Tabs

from dossier.tui.app import DossierApp
from dossier.tui.dialogs import ConfirmScreen, NoteEditorScreen
from dossier.tui.widgets import AgendaList, MeetingTable, ParticipantsList
from tests.conftest import SEED_ID
from tests.tui.dossier_pilot import on_disk, settle

SIZE = (120, 36)


def shown(widget: Widget | None) -> bool:
    """``widget`` is on screen: it and every container above it are displayed."""
    return widget is not None and all(node.display for node in widget.ancestors_with_self
                                      if isinstance(node, Widget))


async def test_after_the_last_note_goes_keys_act_on_the_panes(store_dir: Path) -> None:
    store = on_disk(store_dir)
    store.add_note(SEED_ID, "first", "meeting")
    store.add_note(SEED_ID, "second", "meeting")
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4", "tab")  # into the Notes pane
        await settle(pilot)
        for _ in range(2):
            await pilot.press("d")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("y")
            await settle(pilot)
        assert not on_disk(store_dir).meeting_notes(SEED_ID, 10).newest
        assert shown(app.focused), app.focused
        await pilot.press("u")  # one note back
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.focused, ParticipantsList)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert app.screen.target_label.startswith("participant: "), app.screen.target_label


async def test_emptied_notes_pane_never_leaves_keys_to_a_hidden_filter(
        store_dir: Path) -> None:
    on_disk(store_dir).add_note(SEED_ID, "only", "meeting")
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4", "tab", "d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert shown(app.focused), app.focused
        filter_input = app.main.meeting_list.filter_input
        await pilot.press("escape", "4", "j", "e")
        await settle(pilot)
        assert filter_input.value == ""
        assert shown(app.focused), app.focused


async def test_back_from_too_small_the_list_has_focus_and_moves(store_dir: Path) -> None:
    from tests.tui.dossier_pilot import many_meetings_store

    many_meetings_store(store_dir, count=5)
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(50, 12)
        await settle(pilot)
        await pilot.resize_terminal(*SIZE)
        await settle(pilot)
        assert isinstance(app.focused, MeetingTable) and shown(app.focused)
        table = app.focused
        await pilot.press("j")
        await settle(pilot)
        assert table.cursor_row == 1
        await pilot.press("k")
        await settle(pilot)
        assert table.cursor_row == 0


async def test_back_from_too_small_a_pane_keeps_focus(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # into the Agenda
        await settle(pilot)
        await pilot.resize_terminal(50, 12)
        await settle(pilot)
        await pilot.resize_terminal(*SIZE)
        await settle(pilot)
        agenda = app.focused
        assert isinstance(agenda, AgendaList) and shown(agenda)
        await pilot.press("j")
        await settle(pilot)
        assert agenda.highlighted == 1


async def test_clicking_a_tab_focuses_its_list_and_n_targets_its_row(
        store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        tabs = app.query_one(Tabs)
        await pilot.click("Tab#--content-tab-participants")
        await settle(pilot)
        assert tabs.active == "--content-tab-participants"
        assert isinstance(app.focused, ParticipantsList)
        await pilot.press("j", "n")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert app.screen.target_label.startswith("participant: "), app.screen.target_label
