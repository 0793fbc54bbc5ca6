"""An unknown date in the app (issue 13): the list and the review show it as unknown, and
the review will not save the draft as a record until the date is set."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from dossier.store.extract import extract
from dossier.store.store import Store
from dossier.tui.app import DossierApp
from dossier.tui.screens.review import ReviewScreen
from tests.tui.dossier_pilot import many_meetings_store, on_disk, open_review, screen_text, settle

UNDATED = "The ministers met in Oslo to discuss fisheries and coastal shipping."


def store_with_undated_draft(store_dir: Path) -> str:
    many_meetings_store(store_dir, count=2)
    # The placeholder is a day no other row has, so the screen cannot show it by chance.
    draft = extract(UNDATED, today=dt.date(2039, 7, 13)).meeting
    Store.open(store_dir).add_meeting(draft)
    return draft.id


async def test_the_list_shows_an_unknown_date_as_unknown(store_dir: Path) -> None:
    draft_id = store_with_undated_draft(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        row = next(line for line in text.splitlines() if "draft" in line and "unknown" in line)
        assert "2039-07-13" not in text, row
        shown = {s.id: s.date_label for s in app.main.meeting_list.summaries
                 if s.date_certainty != "day"}
        assert shown == {draft_id: "unknown"}


async def test_review_refuses_to_save_until_the_date_is_set(store_dir: Path) -> None:
    draft_id = store_with_undated_draft(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(pilot, draft_id)
        assert "Date (not known: set it): unknown" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen  # not saved
        error = str(screen.query_one("#review-error", Static).render())
        assert "edit the date" in error
        assert on_disk(store_dir).get_meeting(draft_id).status == "draft"

        fields = screen.query_one("#review-fields", OptionList)
        fields.highlighted = next(i for i, f in enumerate(screen.fields) if f.key == "date")
        await pilot.press("e")
        editor = screen.query_one("#review-edit", Input)
        editor.value = "2031-06-01"
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ReviewScreen)
    saved = on_disk(store_dir).get_meeting(draft_id)
    assert saved.status is None
    assert (saved.date, saved.date_origin) == (dt.date(2031, 6, 1), "set")
