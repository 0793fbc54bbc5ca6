"""store.query corner by corner: what makes a query empty, a bare word with punctuation in
it, a dangling "-", and month bounds. Written for the mutants that survived the query tests
(docs/testing.md)."""

from __future__ import annotations

import pytest

from dossier.store.query import Term, parse


@pytest.mark.parametrize(("text", "empty"), [
    ("", True), ("  ", True), ("!!", True), ("-", True),
    ("piracy", False), ("-syria", False), ("year:2013", False),
    ("piracy -syria", False), ("piracy year:2013", False),
])
def test_what_makes_a_query_empty(text: str, empty: bool) -> None:
    assert parse(text).empty is empty


def test_a_bare_word_keeps_its_punctuation_up_to_a_space_or_quote() -> None:
    assert parse("nato!x").terms == (Term("nato!x"),)
    assert parse('nato"x"').terms == (Term("nato"), Term("x", phrase=True))


@pytest.mark.parametrize("text", ["nato -", "nato - ", "nato -\t"])
def test_a_dangling_minus_is_ignored(text: str) -> None:
    assert parse(text) == parse("nato")


@pytest.mark.parametrize(("text", "low", "high"), [
    ("after:2013-11", "2013-12-01", None),
    ("after:2013-12", "2014-01-01", None),
    ("after:2013-01", "2013-02-01", None),
    ("before:2013-11", None, "2013-11-01"),
    ("after:2013-11-30", "2013-12-01", None),
    ("after:2013", "2014-01-01", None),
])
def test_date_bounds_are_strict_and_month_ends_roll_over(text: str, low: str | None,
                                                         high: str | None) -> None:
    (bound,) = parse(text).filters
    assert (bound.low, bound.high) == (low, high)
