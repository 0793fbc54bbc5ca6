"""Positions of a party over time, in the real app on a real store of several meetings:
opened from the command palette and by enter on a position, and enter there jumps to the
position in its meeting."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from dossier.tui.app import DossierApp
from dossier.tui.screens.views import PartyPositionsScreen
from tests.conftest import SEED_ID
from tests.store.party_records import store_with_party_meetings
from tests.tui.dossier_pilot import screen_text, settle


def _rows(app: DossierApp) -> list[str]:
    options = app.screen.query_one("#jump-results", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_palette_opens_positions_of_the_russian_federation(store_dir: Path) -> None:
    store_with_party_meetings(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Positions of Russian Federation")
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PartyPositionsScreen)
        text = screen_text(app)
        assert "4 positions in 3 meetings" in text
        rows = _rows(app)
        # Grouped by topic, newest first; each position with its sentence.
        assert rows[0].startswith("Sanctions")
        assert "2020-02-01" in rows[1] and "Rejects the sanctions." in rows[1]
        assert rows[2].startswith("Euro-Atlantic security")
        assert "2016-07-13" in rows[3]
        assert "The Russian side called for a joint review" in rows[3]
        assert "2013-12-04" in text and "CSTO" in text
        # The cursor starts on the newest position, not on a topic's header.
        await pilot.press("j")  # down to the 2016 position
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.main
        assert app.main.focused_target() == ("nrc-2016-07-13",
                                              "position:russia-defence-review")


async def test_enter_on_a_position_opens_its_partys_positions(store_dir: Path) -> None:
    store_with_party_meetings(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.jump_to(SEED_ID, "position:russia-nato-csto")
        await settle(pilot)
        assert app.main.focused_target() == (SEED_ID, "position:russia-nato-csto")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PartyPositionsScreen)
        assert app.screen.party == "Russian Federation"
        assert "4 positions in 3 meetings" in screen_text(app)
        # The seed's CSTO position is the last row: end, enter, back where we were.
        await pilot.press("end", "enter")
        await settle(pilot)
        assert app.screen is app.main
        assert app.main.focused_target() == (SEED_ID, "position:russia-nato-csto")
