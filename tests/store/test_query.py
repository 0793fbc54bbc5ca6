"""The query language: tokenizer, parser, errors, and the FTS5 translation."""

from __future__ import annotations

import pytest

from dossier.store.query import FILTERS, QueryError, Term, fold, normalize, parse


def test_free_words_are_prefix_terms() -> None:
    query = parse("piracy  Lisbon")
    assert query.terms == (Term("piracy"), Term("Lisbon"))
    assert query.match_expression() == '"piracy"* AND "Lisbon"*'


def test_phrase_is_exact_and_keeps_its_words() -> None:
    query = parse('"common space" security')
    assert query.terms == (Term("common space", phrase=True), Term("security"))
    assert query.match_expression() == '"common space" AND "security"*'


def test_exclusions_of_words_and_phrases() -> None:
    query = parse('afghanistan -syria -"legal framework"')
    assert query.terms == (Term("afghanistan"),)
    assert query.excluded == (Term("syria"), Term("legal framework", phrase=True))
    assert query.match_expression() == \
        '(("afghanistan"*) NOT "syria"*) NOT "legal framework"'


@pytest.mark.parametrize("name", ["participant", "party", "topic", "body", "level", "tag"])
def test_every_text_filter(name: str) -> None:
    query = parse(f"{name}:nato")
    assert [(f.name, f.value, f.negated) for f in query.filters] == [(name, "nato", False)]
    assert query.terms == ()


def test_quoted_filter_value_and_case_of_filter_name() -> None:
    query = parse('Participant:"Sergey Lavrov" csto')
    assert query.filters[0].name == "participant"
    assert query.filters[0].value == "Sergey Lavrov"
    assert query.terms == (Term("csto"),)


def test_negated_filter() -> None:
    (f,) = parse("-party:nato").filters
    assert f.negated and f.name == "party"


def test_year_filter_range() -> None:
    (f,) = parse("year:2013").filters
    assert (f.low, f.high) == ("2013-01-01", "2014-01-01")


@pytest.mark.parametrize(("text", "low", "high"), [
    ("before:2014", None, "2014-01-01"),
    ("before:2013-12", None, "2013-12-01"),
    ("before:2013-12-04", None, "2013-12-04"),
    ("after:2013", "2014-01-01", None),
    ("after:2013-12", "2014-01-01", None),
    ("after:2013-02", "2013-03-01", None),
    ("after:2013-12-04", "2013-12-05", None),
])
def test_before_and_after_are_strict(text: str, low: str | None, high: str | None) -> None:
    (f,) = parse(text).filters
    assert (f.low, f.high) == (low, high)


@pytest.mark.parametrize(("text", "message"), [
    ("year:20x3", 'year: expects a four-digit year, got "20x3"'),
    ("year:13", 'year: expects a four-digit year, got "13"'),
    ("before:2013/12", 'before: expects a date as YYYY, YYYY-MM or YYYY-MM-DD, got "2013/12"'),
    ("after:2013-13", 'after: "2013-13" is not a real date'),
    ("after:2013-02-30", 'after: "2013-02-30" is not a real date'),
    ("colour:red", "unknown filter colour:; known filters are participant:, party:, topic:, "
                   "body:, level:, tag:, year:, before:, after:"),
    ('"common space', 'unbalanced quote: the phrase starting at "common space has no '
                      'closing "'),
    ('participant:"Sergey', 'unbalanced quote: the phrase starting at "Sergey has no '
                            'closing "'),
    ("participant:", "participant: needs a value, e.g. participant:lavrov"),
    ("topic:...", 'topic: expects words to look for, got "..."'),
])
def test_errors_are_one_sentence(text: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(text)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_user_text_cannot_become_fts_syntax() -> None:
    query = parse("NEAR(a OR) ^b* AND")
    # Every piece of user text is a quoted FTS5 string; AND/NOT come only from us.
    assert query.match_expression() == '"NEAR(a"* AND "OR)"* AND "^b*"* AND "AND"*'
    assert parse('say "x""y"').terms == (Term("say"), Term("x", phrase=True),
                                         Term("y", phrase=True))


def test_quote_inside_a_term_is_doubled() -> None:
    assert Term('a"b').fts() == '"a""b"*'


def test_lone_dash_and_punctuation_are_ignored() -> None:
    query = parse("afghanistan - ... —")
    assert query.terms == (Term("afghanistan"),)
    assert parse("   ").empty


def test_folding_is_case_and_accent_insensitive() -> None:
    assert fold("LAVRÓV") == "lavrov"
    assert normalize("  Sergey   Lavróv! ") == "sergey lavrov"
    assert normalize("NATO-Russia") == "nato russia"


def test_known_filters_are_the_designed_ones() -> None:
    assert set(FILTERS) == {"participant", "party", "topic", "body", "level", "year",
                            "before", "after", "tag"}
