"""Compare two meetings of the same body side by side (issue 14, the analyst's views):
agenda, topics, participants and priorities, what is new and what dropped; from `c` on a
meeting and from the palette ("Compare with previous: …")."""

from __future__ import annotations

from pathlib import Path

from dossier.store.model import Meeting
from dossier.store.store import Store
from dossier.tui.app import DossierApp
from dossier.tui.screens.views import CompareMeetingsScreen
from tests.conftest import SEED_ID
from tests.tui.dossier_pilot import screen_text, seed_doc, settle

LATER_ID = "nrc-2014-06-02"
NEW_ITEM = "Ukraine and the crisis around it"


def _two_meetings_of_a_body(path: Path) -> tuple[str, str]:
    """The seed and a later meeting of its body with one participant fewer, one agenda item
    more and its first priority gone; returns (the dropped name, the dropped priority)."""
    store = Store.open(path)
    doc = seed_doc()
    doc["id"], doc["date"], doc["title"] = LATER_ID, "2014-06-02", "NRC in June"
    dropped = doc["participants"].pop()
    dropped_priority = doc["priorities"].pop(0)
    doc["agenda"].append({"id": "ukraine", "order": len(doc["agenda"]) + 1,
                          "title": NEW_ITEM, "summary": "", "topics": ["Ukraine"]})
    store.put_meetings([Meeting.from_json_dict(doc)])
    return dropped["name"], dropped_priority["area"]


async def test_c_compares_a_meeting_with_its_bodys_previous(store_dir: Path) -> None:
    dropped_name, dropped_priority = _two_meetings_of_a_body(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.main.meeting is not None and app.main.meeting.id == LATER_ID
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CompareMeetingsScreen)
        text = screen_text(app)
        assert "2013-12-04" in text and "2014-06-02" in text
        assert f"+ {NEW_ITEM}" in text
        assert "+ Ukraine" in text  # the new topic
        assert "1 new · 0 dropped" in text  # the agenda's counts
        # The changes lead their section: the new agenda item comes before those kept.
        assert text.index(f"+ {NEW_ITEM}") < text.index("Review of NRC activities")
        screen = app.screen
        changes = {(hit.title, hit.snippet) for hit in screen.targets if hit is not None}
        assert (dropped_name, "dropped") in changes
        assert (dropped_priority, "dropped") in changes
        assert (NEW_ITEM, "new") in changes
        assert not any(title == NEW_ITEM and change != "new" for title, change in changes)
        # The dropped participant's row: enter shows it in the earlier meeting.
        row = next(i for i, hit in enumerate(screen.targets)
                   if hit is not None and hit.title == dropped_name)
        screen.query_one("#jump-results").highlighted = row
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.meeting is not None and app.main.meeting.id == SEED_ID


async def test_the_oldest_meeting_has_nothing_to_compare(store_dir: Path) -> None:
    _two_meetings_of_a_body(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j")  # the seed, the body's first meeting
        await settle(pilot)
        assert app.main.meeting is not None and app.main.meeting.id == SEED_ID
        await pilot.press("c")
        await settle(pilot)
        assert "no earlier meeting of this body" in screen_text(app)


async def test_palette_offers_compare_with_previous(store_dir: Path) -> None:
    _two_meetings_of_a_body(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"compare with previous")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareMeetingsScreen)
        assert app.screen.meeting_id == LATER_ID
        assert f"+ {NEW_ITEM}" in screen_text(app)
