"""store.query corner by corner: what makes a query empty, a bare word with punctuation in
it, a dangling "-", and month bounds. Written for the mutants that survived the query tests
(docs/testing.md)."""

from __future__ import annotations

import pytest

from dossier.store.query import QueryError, Term, parse


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


def test_at_most_64_different_parts() -> None:
    words = [f"w{n}" for n in range(65)]
    assert len(parse(" ".join(words[:64])).terms) == 64
    with pytest.raises(QueryError, match="at most 64 different words, phrases and filters; "
                                         "this one has 65"):
        parse(" ".join(words))


def test_the_exclusion_expression_names_every_excluded_term() -> None:
    assert parse("nato").exclusion_expression() is None
    assert parse("-syria").exclusion_expression() == '"syria"*'
    assert parse('-a -"b c"').exclusion_expression() == '"a"* OR "b c"'


def test_quotes_empty_and_unbalanced() -> None:
    assert parse('""').empty
    with pytest.raises(QueryError) as caught:
        parse('"' + "x" * 30)
    assert str(caught.value) == ('unbalanced quote: the phrase starting at "' + "x" * 19
                                 + ' has no closing "')


@pytest.mark.parametrize(("text", "same_as"), [
    ("nato - syria", "nato syria"),  # a lone minus in the middle: the rest still counts
    ("!! nato", "nato"),  # punctuation alone: skipped, not the end of the query
])
def test_what_is_skipped_does_not_end_the_query(text: str, same_as: str) -> None:
    assert parse(text) == parse(same_as)


def test_punctuation_after_a_minus_is_a_word_not_a_quote() -> None:
    assert parse("-!nato").excluded == (Term("!nato"),)


@pytest.mark.parametrize(("text", "message"), [
    ("body:", "body: needs a value, e.g. body:nato"),
    ("participant:", "participant: needs a value, e.g. participant:lavrov"),
    ("year:", "year: needs a value, e.g. year:2013"),
    ("party:", "party: needs a value, e.g. party:nato"),
    ("tag:", "tag: needs a value, e.g. tag:nato"),
])
def test_an_empty_filter_is_refused_with_an_example(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=f"^{message}$"):
        parse(text)


@pytest.mark.parametrize("text", ["after:9999-12-31", "after:9999-12", "after:9999"])
def test_the_last_day_of_the_calendar_has_no_day_after(text: str) -> None:
    (bound,) = parse(text).filters
    assert bound.low == "9999-12-32"  # after everything, without overflowing
