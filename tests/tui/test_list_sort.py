"""`s` in the meeting list cycles its order (date, body, title, place) and keeps the
selected meeting selected; the header says what the list is sorted by."""

from __future__ import annotations

from pathlib import Path

from dossier.tui.app import DossierApp
from dossier.tui.widgets import MeetingTable
from tests.conftest import SEED_ID
from tests.store.party_records import store_with_party_meetings
from tests.tui.dossier_pilot import screen_text, settle

LATER, LATEST = "nrc-2016-07-13", "un-2020-02-01"


async def test_s_cycles_the_sort_and_keeps_the_selection(store_dir: Path) -> None:
    store_with_party_meetings(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        meeting_list = app.main.meeting_list
        assert isinstance(app.focused, MeetingTable)

        def order() -> list[str]:
            return [summary.id for summary in meeting_list.shown]

        assert order() == [LATEST, LATER, SEED_ID]  # newest first
        assert "▲" not in screen_text(app)  # the usual order, unmarked
        await pilot.press("j")  # select the 2016 meeting
        await settle(pilot)
        assert meeting_list.current_id() == LATER
        expected = [
            # body A to Z, the newest first among equals
            ("body", [LATER, SEED_ID, LATEST], "body ▲"),
            # title A to Z: "… in Brussels" before "… session …"
            ("title", [LATER, SEED_ID, LATEST], "title ▲"),
            # place: the seed's Brussels, then those with none (newest first)
            ("place", [SEED_ID, LATEST, LATER], "title · by place ▲"),
            ("date", [LATEST, LATER, SEED_ID], " date "),
        ]
        for sort_order, ids, header in expected:
            await pilot.press("s")
            await settle(pilot)
            assert meeting_list.sort_order == sort_order
            assert order() == ids
            assert header in screen_text(app)
            assert meeting_list.current_id() == LATER  # the selection stays
            assert app.main.meeting is not None and app.main.meeting.id == LATER


async def test_the_filter_keeps_the_sort(store_dir: Path) -> None:
    store_with_party_meetings(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        meeting_list = app.main.meeting_list
        await pilot.press("s")  # by body
        await settle(pilot)
        await pilot.press("f", *"nato")
        await settle(pilot)
        assert [s.id for s in meeting_list.shown] == [LATER, SEED_ID]
        await pilot.press("escape")
        await settle(pilot)
        assert [s.id for s in meeting_list.shown] == [LATER, SEED_ID, LATEST]
