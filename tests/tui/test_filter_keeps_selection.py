"""Clearing the list filter keeps the meeting selected (issue 14, bug 8), as lazygit does."""

from __future__ import annotations

from pathlib import Path

from dossier.tui.app import DossierApp
from tests.tui.dossier_pilot import many_meetings_store, settle


async def test_emptying_the_filter_keeps_the_selected_meeting(store_dir: Path) -> None:
    many_meetings_store(store_dir, count=30)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        meeting_list = app.main.meeting_list
        await pilot.press("f", *"017")
        await settle(pilot)
        assert [s.id for s in meeting_list.shown] == ["copy-017"]
        await pilot.press("down")  # to the list: the one match is selected and shown
        await settle(pilot)
        assert meeting_list.current_id() == "copy-017"
        await pilot.press("shift+tab")  # back to the filter, and empty it
        await settle(pilot)
        await pilot.press("backspace", "backspace", "backspace")
        await settle(pilot)
        assert len(meeting_list.shown) == 31
        assert meeting_list.current_id() == "copy-017"
        assert app.main.meeting is not None and app.main.meeting.id == "copy-017"


async def test_widening_the_filter_keeps_the_selected_meeting(store_dir: Path) -> None:
    many_meetings_store(store_dir, count=30)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        meeting_list = app.main.meeting_list
        await pilot.press("f", *"copy", "down", "j", "j")
        await settle(pilot)
        selected = meeting_list.current_id()
        assert selected is not None and selected.startswith("copy-")
        await pilot.press("f")  # back into the filter
        await settle(pilot)
        await pilot.press("ctrl+u")  # clear the line
        await settle(pilot)
        assert meeting_list.filter_input.value == ""
        assert meeting_list.current_id() == selected
