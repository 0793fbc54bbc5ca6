"""ctrl+d / ctrl+u move half a page in the meeting list, the panes and Source (issue 14,
vim niceties)."""

from __future__ import annotations

from pathlib import Path

from dossier.tui.app import DossierApp
from dossier.tui.widgets import AgendaList, MeetingTable, SourceView
from tests.tui.dossier_pilot import many_meetings_store, settle

SIZE = (120, 36)


async def test_half_pages_in_the_meeting_list(store_dir: Path) -> None:
    many_meetings_store(store_dir, count=80)
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.query_one(MeetingTable)
        half = (table.size.height - 2) // 2
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert table.cursor_row == half
        await pilot.press("ctrl+d", "ctrl+u")
        await settle(pilot)
        assert table.cursor_row == half
        await pilot.press("ctrl+u")
        await settle(pilot)
        assert table.cursor_row == 0
        assert app.main.meeting is not None  # the panes follow
        assert app.main.meeting.id == app.main.meeting_list.meeting_at(0)


async def test_half_pages_in_a_pane_and_in_source(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # into the Agenda, on its first row
        await settle(pilot)
        agenda = app.focused
        assert isinstance(agenda, AgendaList) and agenda.highlighted == 0
        await pilot.press("ctrl+d")
        await settle(pilot)
        down = agenda.highlighted
        assert down is not None and 0 < down < len(agenda.items) - 1
        await pilot.press("ctrl+u")
        await settle(pilot)
        assert agenda.highlighted == 0
        await pilot.press("5")
        await settle(pilot)
        source = app.focused
        assert isinstance(source, SourceView)
        source.scroll_home(animate=False)
        await settle(pilot)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert source.scroll_y == source.size.height // 2
        await pilot.press("ctrl+u")
        await settle(pilot)
        assert source.scroll_y == 0
