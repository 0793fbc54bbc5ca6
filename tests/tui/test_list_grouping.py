"""`S` groups the meeting list by year, then by body, then not at all: a header line per
group with its count, which j/k skip, and the selected meeting stays selected."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dossier.store.model import Meeting
from dossier.store.store import Store
from dossier.tui.app import DossierApp
from tests.conftest import SEED_ID
from tests.tui.dossier_pilot import screen_text, seed_doc, settle


def store_of_two_bodies(path: Path) -> Store:
    """The seed (NATO-Russia Council, 2013-12-04) and six meetings: BRICS in 2012 and
    2014, UN Security Council in 2012, 2014 and 2014."""
    store = Store.open(path)
    made = [("brics-a", "BRICS", "2012-03-01"), ("brics-b", "BRICS", "2014-05-01"),
            ("unsc-a", "UN Security Council", "2012-06-01"),
            ("unsc-b", "UN Security Council", "2014-07-01"),
            ("unsc-c", "UN Security Council", "2014-02-01")]
    meetings = []
    for meeting_id, body, day in made:
        doc = seed_doc()
        doc.update(id=meeting_id, body=body, title=f"{body} meeting {meeting_id}",
                   date=dt.date.fromisoformat(day).isoformat())
        meetings.append(Meeting.from_json_dict(doc))
    store.put_meetings(meetings)
    return store


def list_lines(app: DossierApp) -> list[str]:
    """The meeting list's lines below its header (left of the bar)."""
    return [line.split("▕")[0].strip() for line in screen_text(app).splitlines()[1:]]


async def test_S_groups_by_year_then_body_and_keeps_the_selection(store_dir: Path) -> None:
    store_of_two_bodies(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        meeting_list = app.main.meeting_list
        meeting_list.move_to(SEED_ID)
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        lines = list_lines(app)
        assert lines[0] == "2014 · 3 meetings"
        assert "2013 · 1 meeting" in lines
        assert "2012 · 2 meetings" in lines
        assert lines.index("2013 · 1 meeting") == 4  # after 2014's header and its 3 rows
        assert meeting_list.current_id() == SEED_ID  # the selection stays
        # j from the only 2013 meeting skips 2012's header onto its first meeting
        await pilot.press("j")
        await settle(pilot)
        assert meeting_list.current_id() == "unsc-a"  # 2012, the newer of the two
        await pilot.press("k", "k")
        await settle(pilot)
        assert meeting_list.current_id() == "unsc-c"  # 2014's last row, over 2013's header
        assert app.main.meeting is not None and app.main.meeting.id == "unsc-c"

        await pilot.press("S")  # by body
        await settle(pilot)
        lines = list_lines(app)
        assert lines[0] == "BRICS · 2 meetings"
        assert "NATO-Russia Council · 1 meeting" in lines
        assert "UN Security Council · 3 meetings" in lines
        assert [s.id for s in meeting_list.shown] == [
            "brics-b", "brics-a", SEED_ID, "unsc-b", "unsc-c", "unsc-a"]
        assert meeting_list.current_id() == "unsc-c"
        await pilot.press("g")
        await settle(pilot)
        assert meeting_list.current_id() == "brics-b"  # the first meeting, not a header

        await pilot.press("S")  # no groups again
        await settle(pilot)
        assert not any("· 2 meetings" in line for line in list_lines(app))
        assert [s.id for s in meeting_list.shown][0] == "unsc-b"  # newest first


async def test_groups_count_the_filtered_rows(store_dir: Path) -> None:
    store_of_two_bodies(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("S", "S")  # by body
        await settle(pilot)
        await pilot.press("f", *"year:2014")
        await settle(pilot)
        lines = [line.split("▕")[0].strip() for line in screen_text(app).splitlines()]
        assert "BRICS · 1 meeting" in lines
        assert "UN Security Council · 2 meetings" in lines
        assert not any(line.startswith("NATO-Russia Council ·") for line in lines)
