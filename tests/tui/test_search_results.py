"""Search results in the real app (issue 14, bug 5): the kind column clear of the date at
120 and 80 columns, notes named by what they are on, the total, the order, `/` resuming
after a jump, and ctrl+n/p/j/k moving in the results."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import OptionList

from dossier.tui.app import DossierApp
from dossier.tui.screens.search import SearchScreen
from tests.conftest import SEED_ID
from tests.tui.dossier_pilot import many_meetings_store, on_disk, screen_text, settle


def results(app: DossierApp) -> OptionList:
    return app.screen.query_one("#search-results", OptionList)


async def search_for(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("slash")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SearchScreen)
    await pilot.press(*("space" if char == " " else char for char in text))
    await settle(pilot)


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_the_kind_never_runs_into_the_date(store_dir: Path,
                                                 size: tuple[int, int]) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await search_for(pilot, "lavrov")
        text = screen_text(app)
        assert "participant" in text
        assert not re.search(r"[a-z]\d{4}-\d\d-\d\d", text), text
        assert re.search(r"participant +2013-12-04", text)


async def test_note_hits_name_what_the_note_is_on(store_dir: Path) -> None:
    store = on_disk(store_dir)
    store.add_note(SEED_ID, "zebra crossing one", "participant:sergey-lavrov")
    store.add_note(SEED_ID, "zebra crossing two", "agenda:afghanistan-after-isaf")
    store.add_note(SEED_ID, "zebra crossing three", "meeting")
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "zebra")
        text = screen_text(app)
        assert "note on participant: Sergey Lavrov" in text
        assert "note on agenda item: Interaction on Afghanistan" in text
        assert "note on the meeting" in text
        assert "sergey-lavrov" not in text and "afghanistan-after-isaf" not in text


async def test_the_status_gives_the_total_and_the_order(store_dir: Path) -> None:
    many_meetings_store(store_dir, count=80)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "lavrov")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        shown = len(screen.hits)
        text = screen_text(app)
        match = re.search(r"(\d+) of ([\d,]+) hits · best matches first", text)
        assert match is not None, text
        assert int(match.group(1)) == shown == 50
        # Every copy of the seed names him at least as a participant.
        assert int(match.group(2).replace(",", "")) >= 81
        app.screen.query_one("#search-input").value = "year:2013"  # filters alone
        await settle(pilot)
        assert "1 hit · newest first" in screen_text(app)


async def test_slash_after_a_jump_resumes_the_query_on_the_same_hit(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "nato")
        await pilot.press("down", "down")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        chosen = app.screen.hits[2]
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)
        await pilot.press("slash")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert screen.query_one("#search-input").value == "nato"
        assert results(app).highlighted == 2 and screen.hits[2] == chosen
        # Typing replaces the resumed query (it is selected), as in a shell's history.
        await pilot.press(*"csto")
        await settle(pilot)
        assert screen.query_one("#search-input").value == "csto"


async def test_ctrl_n_p_j_k_move_in_the_results(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "nato")
        screen = app.screen
        assert isinstance(screen, SearchScreen) and len(screen.hits) > 3
        for key, row in [("ctrl+n", 1), ("ctrl+j", 2), ("ctrl+p", 1), ("ctrl+k", 0)]:
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is screen, key  # ctrl+p moved; no palette opened
            assert results(app).highlighted == row, key
        assert screen.query_one("#search-input").value == "nato"  # ctrl+k deleted nothing


async def test_ctrl_o_orders_the_hits_by_date_and_back(store_dir: Path) -> None:
    many_meetings_store(store_dir, count=80)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await search_for(pilot, "piracy")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert "best matches first" in screen_text(app)
        best = list(screen.hits)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert "newest first" in screen_text(app)
        dates = [hit.date for hit in screen.hits]
        assert dates == sorted(dates, reverse=True)
        assert screen.hits[0].meeting_id == SEED_ID  # the seed is the newest meeting
        assert screen.hits != best
        assert screen.query_one("#search-input").value == "piracy"  # no "o" typed
        # The order is kept when `/` resumes the search.
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen) and app.screen.order == "date"
        assert "newest first" in screen_text(app)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert "best matches first" in screen_text(app)
        assert app.screen.hits == best


async def test_ctrl_o_on_filters_alone_says_they_list_newest_first(store_dir: Path) -> None:
    from tests.tui.dossier_pilot import record_notifications

    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        said = record_notifications(app)
        await search_for(pilot, "year:2013")
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen) and app.screen.order == "relevance"
        assert any("filters alone lists newest first" in m for m in said), said
