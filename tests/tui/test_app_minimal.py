from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from tui.app import DossierApp


async def test_app_lists_the_seed_meeting(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.query_one(DataTable)
        assert table.row_count == 1
        assert "NATO-Russia Council" in str(table.get_row_at(0))
