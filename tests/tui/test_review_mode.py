"""The review shows how the parties met and whether it happened, and saves an edit of it
(issue 13), in the real app on a real store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input, OptionList

from dossier.store.extract import extract
from dossier.store.store import Store
from dossier.tui.app import DossierApp
from tests.tui.dossier_pilot import many_meetings_store, on_disk, open_review, screen_text, settle

CALL = "Minister Anna Berg held a telephone conversation today with Minister Tomas Lind."


async def test_mode_and_occurrence_are_reviewed(store_dir: Path) -> None:
    many_meetings_store(store_dir, count=1)
    draft = extract(CALL, published=dt.date(2031, 5, 14)).meeting
    Store.open(store_dir).add_meeting(draft)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot, draft.id)
        text = screen_text(app)
        assert "Mode: call" in text and "Held or announced: held" in text
        fields = screen.query_one("#review-fields", OptionList)
        fields.highlighted = next(i for i, f in enumerate(screen.fields) if f.key == "mode")
        await pilot.pause()
        assert "edit as: in person or call or video" in screen_text(app)
        await pilot.press("e")
        screen.query_one("#review-edit", Input).value = "video"
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = on_disk(store_dir).get_meeting(draft.id)
    assert (saved.status, saved.mode, saved.occurrence) == (None, "video", "held")
