"""Settings are private and quoted as text: a theme name holding markup does not crash the
start, and the config folder is 0700 whatever the umask."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from dossier.store.store import Store
from dossier.tui.app import DossierApp
from dossier.tui.config import AppState, config_path, save_state, state_path
from tests.tui.dossier_pilot import settle


def test_the_config_folder_is_private_under_umask_000(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    old = os.umask(0)
    try:
        save_state(AppState(theme="nord"))
    finally:
        os.umask(old)
    assert stat.S_IMODE(state_path().parent.stat().st_mode) == 0o700


async def test_a_theme_name_with_markup_is_shown_as_text(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text('theme = "[bold]x[/italic] [@click=app.quit]y"\n')
    Store.open(tmp_path / "s").close()
    app = DossierApp(tmp_path / "s")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)  # the toast is drawn
        assert app.is_running
        (shown,) = [n for n in app._notifications if "[bold]x[/italic]" in n.message]
        assert shown.markup is False, "the user's text was given to the markup parser"
