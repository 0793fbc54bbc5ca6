"""A topic's and a body's timeline in the real app: newest first, under year headers with
counts; opened from the command palette; enter jumps to the row in its meeting."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from dossier.tui.app import DossierApp
from dossier.tui.screens.views import BodyTimelineScreen, TopicTimelineScreen
from tests.conftest import SEED_ID
from tests.store.party_records import store_with_party_meetings
from tests.tui.dossier_pilot import settle


def _rows(app: DossierApp) -> list[str]:
    options = app.screen.query_one("#jump-results", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def _open_from_palette(app: DossierApp, pilot, line: str) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*line)
    await settle(pilot)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await settle(pilot)


async def test_topic_timeline_by_year_newest_first(store_dir: Path) -> None:
    store_with_party_meetings(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_from_palette(app, pilot, "Topic timeline: Euro-Atlantic security")
        assert isinstance(app.screen, TopicTimelineScreen)
        rows = _rows(app)
        assert rows[0] == "2016  1 agenda item"
        assert "2016-07-13" in rows[1] and "Missile defence" in rows[1]
        assert rows[2] == "2013  2 agenda items"
        assert "2013-12-04" in rows[3] and "2013-12-04" in rows[4]
        await pilot.press("j", "enter")  # past the 2013 header to the seed's first item
        await settle(pilot)
        assert app.screen is app.main
        assert app.main.focused_target() == (SEED_ID, "agenda:euro-atlantic-security")


async def test_body_timeline_from_the_palette(store_dir: Path) -> None:
    store_with_party_meetings(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await _open_from_palette(app, pilot, "Body timeline: NATO-Russia Council")
        assert isinstance(app.screen, BodyTimelineScreen)
        rows = _rows(app)
        assert rows[0] == "2016  1 meeting"
        assert "NATO-Russia Council in Brussels" in rows[1]
        assert rows[2] == "2013  1 meeting"
        await pilot.press("j", "enter")
        await settle(pilot)
        assert app.screen is app.main
        assert app.main.meeting is not None and app.main.meeting.id == SEED_ID
