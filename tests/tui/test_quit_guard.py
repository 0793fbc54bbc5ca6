"""Quitting never drops unsaved text silently: ctrl+q (and q) in an editor ask first."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from dossier.store.store import Store
from dossier.tui.app import DossierApp
from dossier.tui.dialogs import ConfirmScreen, NoteEditorScreen
from tests.tui.dossier_pilot import settle

SIZE = (120, 36)


async def _editor_with_text(pilot, text: str) -> NoteEditorScreen:  # noqa: ANN001
    await settle(pilot)
    await pilot.press("n")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, NoteEditorScreen)
    editor.query_one("#note-text", TextArea).insert(text)
    await pilot.pause()
    return editor


async def test_ctrl_q_with_an_unsaved_note_asks_and_keep_editing_keeps_it(
        tmp_path: Path) -> None:
    Store.open(tmp_path / "s").close()
    app = DossierApp(tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        editor = await _editor_with_text(pilot, "half a thought")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen), "ctrl+q quit over an unsaved note"
        assert app.is_running
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is editor and editor.text == "half a thought"
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.is_running, "a yes to the question did not quit"


async def test_ctrl_q_with_nothing_unsaved_quits_at_once(tmp_path: Path) -> None:
    Store.open(tmp_path / "s").close()
    app = DossierApp(tmp_path / "s")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorScreen)  # open, but nothing typed
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert not app.is_running
