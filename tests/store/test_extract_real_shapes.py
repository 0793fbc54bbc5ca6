"""Shapes real press texts take, each written here in our own invented sentences.

Every test pins one rule of the extractor that the real corpus showed missing; none of these
sentences comes from a real statement.
"""

from __future__ import annotations

import datetime as dt

from dossier.store.extract import extract

PAGE = dt.date(2031, 5, 14)  # a Wednesday


# -- dates told against the page's date ------------------------------------------------------


def test_today_is_the_publication_date() -> None:
    result = extract("Minister Anna Berg met today with Minister Tomas Lind in Oslo.",
                     published=PAGE)
    assert result.meeting.date == PAGE
    assert result.date_origin == "published"
    assert result.meeting.date_inferred


def test_yesterday_and_a_weekday_are_counted_back_from_the_page() -> None:
    said = "Minister Anna Berg held talks yesterday with Minister Tomas Lind in Oslo."
    assert extract(said, published=PAGE).meeting.date == dt.date(2031, 5, 13)
    monday = "The ministers met in Oslo on Monday to discuss fisheries."
    assert extract(monday, published=PAGE).meeting.date == dt.date(2031, 5, 12)


def test_a_weekday_in_an_announcement_lies_ahead() -> None:
    text = "The ministers will meet in Oslo on Friday to discuss fisheries."
    assert extract(text, published=PAGE).meeting.date == dt.date(2031, 5, 16)


def test_earlier_today_is_another_event_of_the_day() -> None:
    text = ("Minister Anna Berg convened the ministers on 13 May after the launch earlier "
            "today of a rocket.")
    assert extract(text, published=PAGE).meeting.date == dt.date(2031, 5, 13)


def test_a_missing_year_comes_from_the_publication_date() -> None:
    # Published in January, "on December 30" is the December just gone, not next December.
    text = "The ministers met in Oslo on December 30 to discuss fisheries."
    result = extract(text, published=dt.date(2032, 1, 3))
    assert result.meeting.date == dt.date(2031, 12, 30)
    assert result.date_origin == "published"


def test_a_report_without_a_day_takes_the_page_date_and_says_so() -> None:
    result = extract("The ministers met in Oslo to discuss fisheries.", published=PAGE)
    assert result.meeting.date == PAGE
    assert result.date_origin == "published"
    assert any("publication date" in w for w in result.warnings)


def test_no_date_at_all_is_told_as_unknown() -> None:
    result = extract("The ministers met in Oslo to discuss fisheries.",
                     today=dt.date(2040, 1, 1))
    assert result.date_origin == "assumed"
    assert result.date_precision == "unknown"
    assert result.meeting.date_inferred


def test_a_full_date_in_the_text_wins_over_today_said_later() -> None:
    text = ("The ministers met in Oslo on 2 May 2031. A statement issued today welcomed the "
            "talks.")
    result = extract(text, published=PAGE)
    assert result.meeting.date == dt.date(2031, 5, 2)
    assert result.date_origin == "text"
