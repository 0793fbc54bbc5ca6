"""Export from the app (issue 14): `x` the shown meeting, `X` the meetings the list shows,
and the palette's "Export …" lines; a dialog asks the format, a worker writes the export and
Textual's delivery saves it (to the downloads folder in a terminal, here a test's folder)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from dossier.tui.app import DossierApp
from dossier.tui.dialogs.export import ExportScreen
from tests.conftest import SEED_ID
from tests.tui.dossier_pilot import many_meetings_store, record_notifications, settle


async def _delivered(pilot: Pilot[Any], folder: Path, messages: list[str]) -> Path:
    """The one file delivered into ``folder``, once the app has said where it went (the
    driver writes it in a thread of its own, then reports)."""
    for _ in range(100):
        await settle(pilot, rounds=1)
        if any(message.startswith("Exported") for message in messages):
            break
    files = list(folder.iterdir())
    assert len(files) == 1, files
    assert any(str(files[0]) in message for message in messages), messages
    return files[0]


async def test_x_exports_the_shown_meeting_as_markdown(seeded_store: Any,
                                                       tmp_path: Path) -> None:
    # A fresh account may have no downloads folder yet: the export makes it.
    folder = tmp_path / "no-downloads-folder-yet" / "downloads"
    app = DossierApp(seeded_store.root)
    app.export_directory = folder
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        messages = record_notifications(app)
        meeting = app.main.meeting
        assert meeting is not None and meeting.id == SEED_ID
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")  # Markdown is offered first
        delivered = await _delivered(pilot, folder, messages)
        assert delivered.name == f"{SEED_ID}.md"
        assert meeting.title in delivered.read_text(encoding="utf-8")
        assert "Exported 1 meeting to" in messages[-1]


async def test_shift_x_exports_the_filtered_list_as_json(store_dir: Path,
                                                         tmp_path: Path) -> None:
    many_meetings_store(store_dir, count=12)
    folder = tmp_path / "downloads"
    folder.mkdir()
    app = DossierApp(store_dir)
    app.export_directory = folder
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        messages = record_notifications(app)
        await pilot.press("f", *"copy meeting 00", "down")  # copy-000 … copy-009
        await settle(pilot)
        shown = [s.id for s in app.main.meeting_list.shown]
        assert len(shown) == 10
        await pilot.press("X")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("home", "enter")  # json, the first format
        delivered = await _delivered(pilot, folder, messages)
        records = json.loads(delivered.read_text(encoding="utf-8"))
        assert [record["id"] for record in records] == shown


async def test_palette_exports_the_meeting_as_sqlite(seeded_store: Any,
                                                     tmp_path: Path) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    app = DossierApp(seeded_store.root)
    app.export_directory = folder
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        messages = record_notifications(app)
        await pilot.press("ctrl+p", *"export this meeting")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("end", "k", "enter")  # sqlite: the one binary format
        delivered = await _delivered(pilot, folder, messages)
        assert delivered.suffix == ".sqlite"
        with sqlite3.connect(delivered) as conn:
            ids = [row[0] for row in conn.execute("SELECT id FROM meetings")]
        assert ids == [SEED_ID]
