"""Saved web pages in, and the same statement never imported twice (issue 13)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dossier.store.importer import import_path
from dossier.store.store import Store

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
PAGE = PAGES / "harbour-readout.html"
URL = "https://harbours.example.org/news/2019/05/14/readout-berg-lind/"


def test_a_saved_page_gives_its_main_text_title_date_and_canonical_url(
        empty_store: Store) -> None:
    report = import_path(empty_store, PAGE, dry_run=True)
    draft = report.draft
    assert draft is not None
    source = draft.sources[0]
    assert source.url == URL
    assert source.date == dt.date(2019, 5, 14)
    assert source.title == "Readout of Minister Berg's Meeting with Minister Lind"
    assert "Privacy policy" not in source.text and "About us" not in source.text
    # "met today" is read against the page's own date.
    assert draft.date == dt.date(2019, 5, 14)
    assert report.date_origin == "published"
    assert {p.name for p in draft.participants} == {"Anna Berg", "Tomas Lind"}


def test_published_given_wins_over_the_pages_date(empty_store: Store) -> None:
    draft = import_path(empty_store, PAGE, dry_run=True, published=dt.date(2019, 5, 20)).draft
    assert draft is not None and draft.date == dt.date(2019, 5, 20)


def test_the_same_page_twice_is_reported_and_adds_nothing(empty_store: Store) -> None:
    first = import_path(empty_store, PAGE)
    assert first.put.added
    again = import_path(empty_store, PAGE)
    assert again.draft is None
    assert again.put.added == () and again.put.skipped == first.put.added
    assert any("already imported" in w and "source URL" in w for w in again.warnings)
    assert len(empty_store.list_meetings()) == 1


def test_the_same_page_again_with_replace_replaces_its_draft(empty_store: Store) -> None:
    first = import_path(empty_store, PAGE)
    again = import_path(empty_store, PAGE, on_conflict="replace")
    assert again.put.replaced == first.put.added
    assert len(empty_store.list_meetings()) == 1


def test_the_same_text_twice_is_one_statement(empty_store: Store, tmp_path: Path) -> None:
    text = "On 2 May 2019 Minister Anna Berg met Minister Tomas Lind in Oslo.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    first = import_path(empty_store, tmp_path / "a.txt")
    again = import_path(empty_store, tmp_path / "b.txt")
    assert again.put.skipped == first.put.added
    assert any("the same text" in w for w in again.warnings)
