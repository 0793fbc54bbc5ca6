"""The review of a draft in daily use (issue 14, bug 6): drafts marked in the list, the
question on leaving a stored draft, the saved meeting selected, j/k/g/G in the fields, `a`
moving on, and field values without the pipes of their edit form."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from dossier.store.extract import extract
from dossier.store.model import Meeting
from dossier.store.store import Store
from dossier.tui.app import DossierApp
from dossier.tui.dialogs.confirm import ConfirmScreen
from dossier.tui.screens.review import ReviewScreen
from tests.tui.dossier_pilot import many_meetings_store, on_disk, screen_text, settle
from tests.tui.dossier_pilot import open_review as open_draft_review

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "fixtures" / "statements" / "00-nrc-seed.txt"
DRAFT_ID = "nrc-draft"


def stored_draft(store_dir: Path) -> Meeting:
    """A store of a few meetings and, among them (not the newest), a stored draft."""
    many_meetings_store(store_dir, count=3)
    draft = extract(SEED.read_text()).meeting.model_copy(
        update={"id": DRAFT_ID, "title": "Zeta session"})
    Store.open(store_dir).add_meeting(draft)
    return draft


async def open_review(pilot) -> ReviewScreen:  # type: ignore[no-untyped-def]
    return await open_draft_review(pilot, DRAFT_ID)


async def test_drafts_are_marked_in_the_list(store_dir: Path) -> None:
    stored_draft(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        lines = screen_text(app).splitlines()
        # The title column keeps 12 characters beside a whole "NATO-Russia Council".
        assert any("draft Zeta" in line for line in lines)
        assert not any("draft" in line for line in lines if "Copy meeting" in line)


async def test_escape_on_a_stored_draft_says_the_draft_stays(store_dir: Path) -> None:
    stored_draft(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_review(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        text = screen_text(app)
        assert "Leave the review? The draft stays." in text
        assert "Nothing of it will be saved" not in text
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, ReviewScreen)
        assert on_disk(store_dir).get_meeting(DRAFT_ID).status == "draft"


async def test_j_k_g_G_move_and_a_moves_on(store_dir: Path) -> None:
    stored_draft(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_review(pilot)
        fields = screen.query_one("#review-fields", OptionList)
        last = len(screen.fields) - 1
        for key, row in [("j", 1), ("j", 2), ("k", 1), ("G", last), ("g", 0)]:
            await pilot.press(key)
            await settle(pilot)
            assert fields.highlighted == row, key
        await pilot.press("a")
        await settle(pilot)
        assert screen.decisions[screen.fields[0].key][0] == "accept"
        assert fields.highlighted == 1


async def test_fields_read_without_pipes(store_dir: Path) -> None:
    stored_draft(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_review(pilot)
        text = screen_text(app)
        assert "Sergey Lavrov · " in text
        assert " | " not in text.split("edit as:")[0]
        assert not any(line.rstrip().endswith("|") for line in text.splitlines())


async def test_saving_the_review_selects_the_saved_meeting(store_dir: Path) -> None:
    stored_draft(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_review(pilot)
        app.main.meeting_list.move_to("copy-000")  # the list moved on meanwhile
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ReviewScreen)
        assert on_disk(store_dir).get_meeting(DRAFT_ID).status is None
        assert app.main.meeting_list.current_id() == DRAFT_ID
        assert app.main.meeting is not None and app.main.meeting.id == DRAFT_ID


async def test_u_takes_back_a_saved_review_and_U_saves_it_again(store_dir: Path) -> None:
    stored_draft(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_review(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert on_disk(store_dir).get_meeting(DRAFT_ID).status is None
        app.main.meeting_list.table.focus()
        await pilot.press("u")
        await settle(pilot)
        assert on_disk(store_dir).get_meeting(DRAFT_ID).status == "draft"
        await pilot.press("U")
        await settle(pilot)
        assert on_disk(store_dir).get_meeting(DRAFT_ID).status is None
