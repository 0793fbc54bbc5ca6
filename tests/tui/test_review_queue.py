"""The drafts queue (issue 13): after a batch import the list shows the drafts alone
(`status:draft` in the filter), and the review goes from one draft to the next on save
(ctrl+s) or skip (n), counting those reviewed and remaining in its title."""

from __future__ import annotations

from pathlib import Path

from dossier.store.extract import extract
from dossier.store.store import Store
from dossier.tui.app import DossierApp
from dossier.tui.screens.review import ReviewScreen
from tests.tui.dossier_pilot import many_meetings_store, on_disk, open_review, screen_text, settle

# Newest first in the list: alpha (June), beta (May), gamma (April).
DRAFTS = {"alpha-draft": ("Alpha talks", "2031-06-03"),
          "beta-draft": ("Beta talks", "2031-05-03"),
          "gamma-draft": ("Gamma talks", "2031-04-03")}


def store_with_drafts(store_dir: Path) -> None:
    many_meetings_store(store_dir, count=3)
    store = Store.open(store_dir)
    for draft_id, (title, day) in DRAFTS.items():
        text = f"The ministers met in Oslo on {day} to discuss fisheries."
        store.add_meeting(extract(text).meeting.model_copy(update={"id": draft_id,
                                                                   "title": title}))


def review_title(app: DossierApp) -> str:
    return next(line for line in screen_text(app).splitlines() if "Review draft" in line)


async def test_the_list_filter_shows_the_drafts_alone(store_dir: Path) -> None:
    store_with_drafts(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        meeting_list = app.main.meeting_list
        assert len(meeting_list.shown) == 7  # the seed, 3 copies, 3 drafts
        meeting_list.toggle_filter()
        await pilot.press(*"status:draft")
        await settle(pilot)
        assert [s.id for s in meeting_list.shown] == list(DRAFTS)


async def test_save_and_skip_move_through_the_drafts(store_dir: Path) -> None:
    store_with_drafts(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(pilot, "alpha-draft")
        assert "Alpha talks" in review_title(app)
        assert "0 reviewed · 3 remaining" in review_title(app)

        await pilot.press("ctrl+s")  # saves alpha, shows beta
        await settle(pilot)
        assert app.screen is screen
        assert "Beta talks" in review_title(app)
        assert "1 reviewed · 2 remaining" in review_title(app)

        await pilot.press("n")  # skips beta, shows gamma
        await settle(pilot)
        assert "Gamma talks" in review_title(app)
        assert "1 reviewed · 1 remaining · 1 skipped" in review_title(app)

        await pilot.press("ctrl+s")  # saves gamma: none left, the review closes
        await settle(pilot)
        assert not isinstance(app.screen, ReviewScreen)
        store = on_disk(store_dir)
        assert store.get_meeting("alpha-draft").status is None
        assert store.get_meeting("beta-draft").status == "draft"  # skipped: still a draft
        assert store.get_meeting("gamma-draft").status is None

        # Each saved draft is its own undo step, the last one first.
        app.main.meeting_list.table.focus()
        await pilot.press("u")
        await settle(pilot)
        assert on_disk(store_dir).get_meeting("gamma-draft").status == "draft"
        assert on_disk(store_dir).get_meeting("alpha-draft").status is None
        await pilot.press("u")
        await settle(pilot)
        assert on_disk(store_dir).get_meeting("alpha-draft").status == "draft"


async def test_skip_with_no_other_draft_stays(store_dir: Path) -> None:
    many_meetings_store(store_dir, count=1)
    Store.open(store_dir).add_meeting(extract(
        "The ministers met in Oslo on 2031-06-03 to discuss fisheries.").meeting.model_copy(
        update={"id": "only-draft", "title": "Only talks"}))
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(pilot, "only-draft")
        assert "remaining" not in review_title(app)  # one draft: nothing to count
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen
