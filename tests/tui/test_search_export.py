"""ctrl+s in the search exports the meetings of the hits shown, through the same dialog
and delivery as x/X (issue 14: export the search results)."""

from __future__ import annotations

import json
from pathlib import Path

from dossier.tui.app import DossierApp
from dossier.tui.dialogs.export import ExportScreen
from dossier.tui.screens.search import SearchScreen
from tests.tui.dossier_pilot import many_meetings_store, record_notifications, settle
from tests.tui.test_export_from_app import _delivered


async def test_ctrl_s_exports_the_meetings_of_the_hits(store_dir: Path,
                                                        tmp_path: Path) -> None:
    many_meetings_store(store_dir, count=12)
    folder = tmp_path / "downloads"
    folder.mkdir()
    app = DossierApp(store_dir)
    app.export_directory = folder
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        messages = record_notifications(app)
        await pilot.press("slash", *"copy meeting 00")
        await settle(pilot)
        search = app.screen
        assert isinstance(search, SearchScreen)
        ids = search.result_meeting_ids()
        # The ten copies titled "Copy meeting 00N" (whatever else matches, each once).
        assert {f"copy-{n:03d}" for n in range(10)} <= set(ids)
        assert len(ids) == len(set(ids)) < 13
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("home", "enter")  # json, the first format
        delivered = await _delivered(pilot, folder, messages)
        records = json.loads(delivered.read_text(encoding="utf-8"))
        assert sorted(record["id"] for record in records) == sorted(ids)
        assert delivered.name == f"meetings-{len(ids)}.json"
        assert isinstance(app.screen, SearchScreen)  # the search stays open


async def test_ctrl_s_with_no_results_says_so(seeded_store: object) -> None:
    app = DossierApp(seeded_store.root)  # type: ignore[attr-defined]
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        messages = record_notifications(app)
        await pilot.press("slash", *"zzzqqq")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        assert "No results to export." in messages
