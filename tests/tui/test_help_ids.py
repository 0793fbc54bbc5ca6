"""`?` help shows each binding's id beside its keys: the name `[keymap]` remaps it by."""

from __future__ import annotations

from pathlib import Path

from dossier.tui.app import DossierApp
from dossier.tui.screens import HelpScreen
from tests.tui.dossier_pilot import screen_text, settle


async def test_help_shows_each_bindings_id(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.set_keymap({"main.filter": "ctrl+f"})
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        ids = {desc: binding_ids for _, section in app.screen.sections
               for _, desc, binding_ids in section}
        assert ids["Search"] == "app.search" and ids["Quit"] == "app.quit"
        assert ids["Filter"] == "main.filter"  # remapped: the id stays
        assert ids["New note"] == "notes.new"
        text = screen_text(app)
        line = next(row for row in text.splitlines() if "Search" in row)
        assert "app.search" in line  # beside its key and description, on screen
