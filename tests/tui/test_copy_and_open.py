"""`y` copies through OSC 52 (App.copy_to_clipboard) and `o` opens the source URL
(App.open_url); both captured at the app's driver, the way they reach the terminal."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

from dossier.store import edit
from dossier.tui.app import DossierApp
from tests.conftest import SEED_ID
from tests.tui.dossier_pilot import on_disk, settle

SIZE = (120, 36)
URL = "https://www.mid.ru/en/press_service/nrc-2013-12-04"


def capture_osc52(app: DossierApp) -> list[str]:
    """Every text the app sends to the terminal's clipboard from now on, decoded."""
    copied: list[str] = []
    driver: Any = app._driver
    write = driver.write

    def recording(data: str) -> None:
        for encoded in re.findall(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", data):
            copied.append(base64.b64decode(encoded).decode("utf-8"))
        write(data)

    driver.write = recording
    return copied


async def test_y_in_the_list_copies_the_citation(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        copied = capture_osc52(app)
        await pilot.press("y")
        await settle(pilot)
        assert len(copied) == 1
        assert copied[0].startswith("“NATO-Russia Council session at the level of foreign "
                                    "ministers”, NATO-Russia Council, Brussels, 2013-12-04.")
        assert "Source: Information and Press Department" in copied[0]


async def test_y_on_the_highlighted_source_sentence_copies_it(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.jump_to(SEED_ID, "priority:counter-piracy")
        await settle(pilot)
        await pilot.press("5")  # the pane's focus follows: Source, its sentence lit
        await settle(pilot)
        copied = capture_osc52(app)
        await pilot.press("y")
        await settle(pilot)
        meeting = on_disk(store_dir).get_meeting(SEED_ID)
        start, end = next(p.source_span for p in meeting.priorities
                          if p.id == "counter-piracy") or (0, 0)
        assert copied == [meeting.sources[0].text[start:end].strip()]


async def test_y_on_an_item_and_on_a_note(store_dir: Path) -> None:
    note = on_disk(store_dir).add_note(SEED_ID, "Watch the *CSTO* point #afghanistan")
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        copied = capture_osc52(app)
        app.jump_to(SEED_ID, "participant:sergey-lavrov")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert copied[-1].startswith("Sergey Lavrov, ")
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert copied[-1] == note.text


async def test_o_opens_the_source_url_and_says_when_there_is_none(store_dir: Path) -> None:
    from tests.tui.dossier_pilot import record_notifications

    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        opened: list[str] = []
        driver: Any = app._driver
        driver.open_url = lambda url, new_tab=True: opened.append(url)
        said = record_notifications(app)
        await pilot.press("o")
        await settle(pilot)
        assert opened == [] and "This meeting's source has no URL." in said
        assert app.store is not None
        edit.apply_edit(app.store, SEED_ID, lambda m: m.model_copy(update={"sources": [
            m.sources[0].model_copy(update={"url": URL})]}))
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert opened == [URL]
