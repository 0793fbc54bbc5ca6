"""The app brings the search index up to date in the background, showing how far it is.

A store filled from the command line has no index yet; building it takes ~25 s at 10k
meetings, so the app starts it right after the list paints, says how far it is, and keeps
browsing usable meanwhile (store/index.py never makes the list or an open wait for it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

import dossier.tui.app as app_module
from dossier.store.layout import INDEX_FILE
from dossier.store.store import Store
from dossier.tui.app import DossierApp
from dossier.tui.screens import MainScreen
from dossier.tui.screens.search import SearchScreen
from tests.conftest import age_data_files
from tests.tui.dossier_pilot import many_meetings_store, screen_text, settle


async def test_the_index_is_built_after_the_list_paints(store_dir: Path) -> None:
    store = many_meetings_store(store_dir, count=30)
    age_data_files(store)  # out of the index's re-check window
    assert not (store_dir / INDEX_FILE).exists()
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert (store_dir / INDEX_FILE).is_file()
        assert Store.open(store_dir).index().stale_files() == []
        assert app.index_progress is None
        assert not app.main.query_one("#status-line", Static).display


async def test_a_long_build_shows_its_progress_and_then_hides_it(
        store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "INDEX_PROGRESS_AFTER_S", 0.0)
    monkeypatch.setattr(app_module, "INDEX_PROGRESS_EVERY_S", 0.0)
    store = many_meetings_store(store_dir, count=40)
    files = len(store.meeting_files())
    shown: list[str] = []
    # Recorded from before the app starts: the build can begin while run_test starts up.
    real_status = MainScreen.show_status

    def show_status(screen: MainScreen, text: str | None) -> None:
        shown.append(text or "")
        real_status(screen, text)

    monkeypatch.setattr(MainScreen, "show_status", show_status)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.index_progress is None
        assert any(f"of {files:,} files" in text for text in shown)  # on the way
        assert any(f"all {files:,} files read" in text for text in shown)  # done==total
        assert shown[-1] == ""
        assert not app.main.query_one("#status-line", Static).display
        # and search answers at once
        await pilot.press("slash", *"copy")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert "Copy meeting" in screen_text(app)


async def test_queries_typed_during_a_build_wait_as_one_and_run_when_it_is_done(
        store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        # The app's own progress state, as its background build sets it.
        app.index_progress = (3, 10)
        await pilot.press("slash", *"piracy")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert not [w for w in app.workers if w.group == "search"]  # no thread per key
        assert "preparing the search index: 30% indexed" in screen_text(app)
        app.index_progress = None
        app.index_signal.publish(None)
        await settle(pilot)
        assert "Counter-piracy" in screen_text(app)
        assert screen.hits and screen.hits[0].meeting_id == "nrc-2013-12-04"
