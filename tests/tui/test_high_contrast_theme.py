"""The high-contrast theme: registered with the app, chosen from the palette's theme
switch, remembered, and really white on black on screen."""

from __future__ import annotations

from pathlib import Path

from dossier.tui.app import DossierApp
from dossier.tui.config import load_state
from tests.tui.dossier_pilot import settle


async def test_high_contrast_theme_from_the_palette(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "dossier-high-contrast" in app.available_themes
        assert app.theme != "dossier-high-contrast"
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"theme")
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")  # Textual's "Theme" command: the list of themes
        await settle(pilot)
        await pilot.press(*"high-contrast")
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "dossier-high-contrast"
        variables = app.get_css_variables()
        assert variables["background"].upper() == "#000000"
        assert variables["foreground"].upper() == "#FFFFFF"
        assert variables["block-cursor-background"].upper() == "#FFFF00"
        # What the screen paints: the main screen's background is black.
        assert app.main.styles.background.hex.upper() == "#000000"
        await settle(pilot)
    assert load_state().theme == "dossier-high-contrast"


async def test_a_saved_high_contrast_theme_is_restored(store_dir: Path) -> None:
    from dossier.tui.config import AppState, save_state

    save_state(AppState(theme="dossier-high-contrast"))
    app = DossierApp(store_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "dossier-high-contrast"

