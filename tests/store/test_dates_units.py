"""store.extract.dates piece by piece: month names, the nearest year, the year a text's own
years vote for, and relative days ("yesterday", "last Wednesday") against a known page date.
Written for the mutants that survived the extraction tests (docs/testing.md). Expected
values are spelled out by hand, never read from the module's own tables."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dossier.store.extract.dates import (
    closest_year,
    find_dates,
    find_relative_dates,
    infer_year,
    standalone_years,
)

MONTH_NAMES = [
    ("January", 1), ("February", 2), ("March", 3), ("April", 4), ("May", 5), ("June", 6),
    ("July", 7), ("August", 8), ("September", 9), ("October", 10), ("November", 11),
    ("December", 12), ("Jan", 1), ("Feb", 2), ("Mar", 3), ("Apr", 4), ("Jun", 6), ("Jul", 7),
    ("Aug", 8), ("Sep", 9), ("Sept", 9), ("Oct", 10), ("Nov", 11), ("Dec", 12),
]


@pytest.mark.parametrize(("name", "month"), MONTH_NAMES)
def test_every_month_name_and_abbreviation(name: str, month: int) -> None:
    (mention,) = find_dates(f"They met on 4 {name} 2013 in Brussels.")
    assert mention.resolve(2013) == (dt.date(2013, month, 4), None)


def test_a_date_mention_is_a_frozen_value() -> None:
    (mention,) = find_dates("On 4 December 2013.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.start = 0  # type: ignore[misc]


def test_the_closest_year_to_the_dateline() -> None:
    assert closest_year(12, 30, dt.date(2014, 1, 5)) == 2013  # the year before
    assert closest_year(1, 3, dt.date(2013, 12, 30)) == 2014  # the year after
    assert closest_year(6, 2, dt.date(2014, 6, 1)) == 2014  # the same year
    # 29 February: 2014 has none, 2015 none; 2016 does (a year that fails is skipped,
    # not the end of the search).
    assert closest_year(2, 29, dt.date(2015, 6, 1)) == 2016


def _years(text: str) -> list:
    return standalone_years(text, find_dates(text))


def test_a_horizon_year_votes_for_the_year_before_only_from_september() -> None:
    years = _years("The programme runs until 2015.")
    assert infer_year(8, years).year == 2015
    assert infer_year(9, years).year == 2014


def test_the_year_named_most_wins() -> None:
    years = _years("Plans name 2013, then 2014, and 2014 again.")
    assert [y.year for y in years] == [2013, 2014, 2014]
    assert infer_year(6, years).year == 2014


PUBLISHED = dt.date(2024, 1, 3)  # a Wednesday


@pytest.mark.parametrize(("said", "day"), [
    ("yesterday", dt.date(2024, 1, 2)), ("today", dt.date(2024, 1, 3)),
    ("tomorrow", dt.date(2024, 1, 4)),
    ("on Monday", dt.date(2024, 1, 1)), ("on Tuesday", dt.date(2024, 1, 2)),
    ("on Wednesday", dt.date(2024, 1, 3)),  # a bare weekday that is today: today
    ("this Wednesday", dt.date(2024, 1, 3)),
    ("last Wednesday", dt.date(2023, 12, 27)), ("next Wednesday", dt.date(2024, 1, 10)),
    ("next Friday", dt.date(2024, 1, 5)),
])
def test_relative_days_against_the_page_date(said: str, day: dt.date) -> None:
    sentence = f"They met {said} in Brussels."
    (mention,) = find_relative_dates(sentence)
    assert mention.resolve(PUBLISHED, sentence) == day


@pytest.mark.parametrize(("sentence", "day"), [
    ("They will meet on Friday.", dt.date(2024, 1, 5)),
    ("They will meet on Wednesday.", dt.date(2024, 1, 3)),  # today, not in a week
])
def test_a_weekday_in_a_sentence_about_the_future_lies_ahead(sentence: str,
                                                             day: dt.date) -> None:
    (mention,) = find_relative_dates(sentence)
    assert mention.resolve(PUBLISHED, sentence) == day


def test_a_range_over_new_year_ends_in_the_next_year() -> None:
    (mention,) = find_dates("They met from 30 December - 2 January in Sochi.")
    assert mention.is_range is True and mention.explicit_year is None
    assert mention.resolve(2013) == (dt.date(2013, 12, 30), dt.date(2014, 1, 2))
    (dated,) = find_dates("On 4 December 2013.")
    assert dated.explicit_year == 2013


def test_impossible_days_and_months_are_no_dates() -> None:
    (mention,) = find_dates("On 31 February 2013.")
    assert mention.resolve(2013) == (None, None)
    assert [m.text for m in find_dates("On 04.12.2013 and 04.13.2013.")] == ["04.12.2013"]


def test_a_tie_between_two_years_goes_to_the_earlier() -> None:
    # 1 January is 183 days from 2 July 2016 both ways (2016 is a leap year).
    assert closest_year(1, 1, dt.date(2016, 7, 2)) == 2016


def test_a_past_tense_year_votes_for_the_next_only_until_april() -> None:
    years = _years("Trade fell in 2013.")
    assert infer_year(4, years).year == 2014
    assert infer_year(5, years).year == 2013


def test_a_year_inside_a_date_is_not_a_year_of_its_own() -> None:
    assert _years("On 4 December 2013 they met.") == []


def test_an_inferred_year_cites_a_mention_one_year_off() -> None:
    text = "In 2010 they met. The plan runs until 2015, and until 2015 it holds."
    inferred = infer_year(9, _years(text))
    assert inferred.year == 2014 and text[inferred.start:inferred.end] == "2015"


@pytest.mark.parametrize(("weekday", "before", "after"), [
    ("Monday", dt.date(2024, 1, 1), dt.date(2024, 1, 8)),
    ("Tuesday", dt.date(2024, 1, 2), dt.date(2024, 1, 9)),
    ("Wednesday", dt.date(2024, 1, 3), dt.date(2024, 1, 3)),
    ("Thursday", dt.date(2023, 12, 28), dt.date(2024, 1, 4)),
    ("Friday", dt.date(2023, 12, 29), dt.date(2024, 1, 5)),
    ("Saturday", dt.date(2023, 12, 30), dt.date(2024, 1, 6)),
    ("Sunday", dt.date(2023, 12, 31), dt.date(2024, 1, 7)),
])
def test_every_weekday_in_the_past_and_ahead(weekday: str, before: dt.date,
                                             after: dt.date) -> None:
    past, future = f"They met on {weekday}.", f"They will meet on {weekday}."
    (mention,) = find_relative_dates(past)
    assert mention.resolve(PUBLISHED, past) == before and not mention.secondary
    (mention,) = find_relative_dates(future)
    assert mention.resolve(PUBLISHED, future) == after


def test_this_weekday_in_a_past_sentence_is_the_past_one() -> None:
    sentence = "They met this Friday in Brussels."
    (mention,) = find_relative_dates(sentence)
    assert mention.resolve(PUBLISHED, sentence) == dt.date(2023, 12, 29)


def test_every_relative_day_of_a_sentence_is_found() -> None:
    found = find_relative_dates("They met on Friday and spoke again yesterday.")
    assert [(m.text, m.offset, m.weekday) for m in found] == [("on Friday", None, 4),
                                                             ("yesterday", -1, None)]


def test_a_range_within_the_year_and_a_backwards_range() -> None:
    (mention,) = find_dates("They met on 30 November - 2 December.")
    assert mention.resolve(2013) == (dt.date(2013, 11, 30), dt.date(2013, 12, 2))
    (backwards,) = find_dates("From 5 to 3 December 2013.")
    assert backwards.resolve(2013) == (dt.date(2013, 12, 5), None)  # no end before start
    (same,) = find_dates("From 3 to 3 December 2013.")
    assert same.resolve(2013) == (dt.date(2013, 12, 3), None)
    (single,) = find_dates("On 4 December 2013.")
    assert single.is_range is False


def test_the_year_of_an_iso_date_is_not_a_year_of_its_own() -> None:
    assert _years("On 2013-12-04 they met.") == []


@pytest.mark.parametrize(("sentence", "day"), [
    ("They will meet this Friday.", dt.date(2024, 1, 5)),
    ("They met last Monday.", dt.date(2024, 1, 1)),
])
def test_this_and_last_weekday(sentence: str, day: dt.date) -> None:
    (mention,) = find_relative_dates(sentence)
    assert mention.resolve(PUBLISHED, sentence) == day


def test_years_outside_dates_are_found_around_them() -> None:
    assert [y.year for y in _years("In 2012 they planned it; on 4 December 2013 they met.")
            ] == [2012]
    assert [y.year for y in _years("On 4 December 2013 they agreed on 2015.")] == [2015]


def test_a_document_number_is_no_year_and_the_years_after_it_still_count() -> None:
    assert [y.year for y in _years("Document 2014 sets the plan for 2015.")] == [2015]
