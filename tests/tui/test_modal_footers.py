"""A modal's footer shows its own keys, never the main screen's (issue 14, bug 7)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from dossier.tui.app import DossierApp
from dossier.tui.messages import ImportRequested
from dossier.tui.screens import MessageScreen
from tests.tui.dossier_pilot import screen_text, settle

#: Words only the main screen's footer shows.
MAIN_KEYS = ("New note", "Toggle list", "Filter")


async def _help(pilot: Pilot[Any]) -> None:
    await pilot.press("question_mark")


async def _search(pilot: Pilot[Any]) -> None:
    await pilot.press("slash")


async def _confirm(pilot: Pilot[Any]) -> None:
    await pilot.press("d")  # delete the meeting? (asks)


async def _import(pilot: Pilot[Any]) -> None:
    pilot.app.post_message(ImportRequested())


async def _profile(pilot: Pilot[Any]) -> None:
    pilot.app.open_view("participant", "Sergey Lavrov")  # type: ignore[attr-defined]


async def _message(pilot: Pilot[Any]) -> None:
    pilot.app.push_screen(MessageScreen("Title", "Body"))


@pytest.mark.parametrize(("open_modal", "own_key"), [
    (_help, "Close help"), (_search, "Close search"), (_confirm, "Yes"),
    (_import, "Cancel"), (_profile, "Close"), (_message, "Close"),
])
async def test_a_modal_footer_shows_its_own_keys(
        store_dir: Path, open_modal: Callable[[Pilot[Any]], Awaitable[None]],
        own_key: str) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert any(word in screen_text(app).splitlines()[-1] for word in MAIN_KEYS)
        await open_modal(pilot)
        await settle(pilot)
        assert app.screen is not app.main
        footer = screen_text(app).splitlines()[-1]
        assert not any(word in footer for word in MAIN_KEYS), footer
        assert own_key in footer, footer
