"""The meeting list's body column is as wide as the bodies need (within a fair share of
the row), and a title that repeats its body shows only what follows it, so the title
column carries new words (issue 14: "UN Securit…" beside "UN Security Council session…")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dossier.store.model import Meeting
from dossier.store.store import Store
from dossier.tui.app import DossierApp
from dossier.tui.widgets.meeting_table import title_after_body
from tests.tui.dossier_pilot import screen_text, seed_doc, settle

UNSC = "UN Security Council"


def store_with_unsc_meetings(path: Path, count: int = 12) -> Store:
    """The seed plus ``count`` UN Security Council meetings titled after their body."""
    store = Store.open(path)
    meetings = []
    for index in range(count):
        doc = seed_doc()
        doc["id"] = f"unsc-{index:03d}"
        doc["body"] = UNSC
        doc["title"] = f"{UNSC} session at the level of ambassadors {index:03d}"
        doc["date"] = (dt.date(2021, 1, 1) + dt.timedelta(days=index)).isoformat()
        meetings.append(Meeting.from_json_dict(doc))
    store.put_meetings(meetings)
    return store


def test_title_after_body() -> None:
    assert title_after_body(f"{UNSC} session", UNSC) == "session"
    assert title_after_body(f"{UNSC}: open debate", UNSC) == "open debate"
    assert title_after_body("un security council session", UNSC) == "session"
    assert title_after_body(UNSC, UNSC) == UNSC  # nothing more: the title stays whole
    assert title_after_body("NATO-Russia Councils met", "NATO-Russia Council") == (
        "NATO-Russia Councils met")  # not the body as a whole word
    assert title_after_body("Summit of BRICS", "BRICS") == "Summit of BRICS"


async def test_the_body_is_whole_and_the_title_adds_new_words(store_dir: Path) -> None:
    store_with_unsc_meetings(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        # The list's part of the line (the right pane follows the bar).
        row = next(line for line in text.splitlines() if "2021-01-12" in line)
        row = row.split("▕")[0]
        assert UNSC in row  # not "UN Securit…"
        assert "session at" in row  # the title's own words, not the body again
        assert row.count("UN Security") == 1
        seed_row = next(line for line in text.splitlines()
                        if "NATO-Russia Council" in line.split("▕")[0])
        assert "session at" in seed_row


async def test_a_narrow_list_without_the_body_shows_the_whole_title(
        store_dir: Path) -> None:
    store_with_unsc_meetings(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        table = app.main.meeting_list.table
        table.styles.width = 40  # narrower than COMPACT_WIDTH: no body column
        await settle(pilot)
        assert not table.shows_body
        cells = table._cells(table.rows[0])
        assert cells["title"].plain.startswith(UNSC)
