"""The list filter takes the search language's filters, says "n of m" while it filters, and
says "no meeting selected" when nothing matches (issue 14, the list as a table you can
shape)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dossier.store.model import Meeting
from dossier.store.store import Store
from dossier.tui.app import DossierApp
from tests.tui.dossier_pilot import screen_text, seed_doc, settle


def _bodies_store(path: Path) -> Store:
    """Six meetings: BRICS and SCO in 2013 and 2014, and the seed."""
    store = Store.open(path)
    meetings = []
    for index, (body, year) in enumerate([("BRICS", 2013), ("BRICS", 2013), ("BRICS", 2014),
                                          ("SCO", 2013), ("SCO", 2014)]):
        doc = seed_doc()
        doc["id"] = f"m-{index}"
        doc["title"] = f"Meeting {index} of {body}"
        doc["body"] = body
        doc["date"] = dt.date(year, 3, 1 + index).isoformat()
        meetings.append(Meeting.from_json_dict(doc))
    store.put_meetings(meetings)
    return store


async def test_filters_of_the_search_language_and_n_of_m(store_dir: Path) -> None:
    _bodies_store(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        meeting_list = app.main.meeting_list
        total = len(meeting_list.summaries)
        await pilot.press("f", *"body:brics year:2013")
        await settle(pilot)
        assert sorted(s.id for s in meeting_list.shown) == ["m-0", "m-1"]
        assert f"2 of {total}" in screen_text(app)
        await pilot.press(*" -body:sco")  # a negated filter: no change here
        await settle(pilot)
        assert sorted(s.id for s in meeting_list.shown) == ["m-0", "m-1"]


async def test_a_participant_filter_asks_the_index(store_dir: Path) -> None:
    _bodies_store(store_dir)
    participant = seed_doc()["participants"][0]["name"]
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        meeting_list = app.main.meeting_list
        await pilot.press("f", *f'participant:"{participant}" body:sco')
        await settle(pilot)
        assert sorted(s.id for s in meeting_list.shown) == ["m-3", "m-4"]
        await pilot.press("ctrl+u", *"participant:nobody-of-that-name")
        await settle(pilot)
        assert meeting_list.shown == []


async def test_no_match_says_no_meeting_selected(store_dir: Path) -> None:
    _bodies_store(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.main.meeting is not None
        await pilot.press("f", *"body:nato-nowhere")
        await settle(pilot)
        text = screen_text(app)
        assert "no meeting selected" in text.casefold()
        assert app.main.meeting is None
        assert "0 of 6" in text
        for _ in "body:nato-nowhere":  # widen again: a meeting is shown once more
            await pilot.press("backspace")
        await settle(pilot)
        assert app.main.meeting is not None
        assert app.main.meeting.id == app.main.meeting_list.current_id()


async def test_status_draft_still_a_word_of_the_filter(store_dir: Path) -> None:
    _bodies_store(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f", *"status:draft body:brics")
        await settle(pilot)
        assert app.main.meeting_list.shown == []  # none is a draft
        assert "unknown filter" not in screen_text(app)
