"""Search on real stores: the seed meeting, and a multi-meeting store built here."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.store.hits import Hit
from dossier.store.query import QueryError, parse
from dossier.store.search import make_snippet, match_ranges, search
from dossier.store.store import Store
from tests.conftest import SEED_ID

from .search_records import three_meetings


def targets(hits: list[Hit]) -> list[str]:
    return [hit.target for hit in hits]


def highlighted_words(hit: Hit) -> list[str]:
    return [hit.snippet[a:b] for a, b in hit.highlights]


# -- the seed ---------------------------------------------------------------------------

def test_piracy_finds_the_counter_piracy_priority_first(seeded_store: Store) -> None:
    hits = seeded_store.search("piracy")
    assert hits[0].kind == "priority"
    assert hits[0].meeting_id == SEED_ID
    assert hits[0].target == "priority:counter-piracy"
    assert hits[0].title == "Counter-piracy"
    assert [w.lower() for w in highlighted_words(hits[0])] == ["piracy"]
    assert hits[0].span == (1201, 1228)
    assert hits[0].meeting_title.startswith("NATO-Russia Council")


def test_csto_ranks_the_afghanistan_agenda_item_first(seeded_store: Store) -> None:
    hits = seeded_store.search("CSTO")
    assert hits[0].target == "agenda:afghanistan-after-isaf"
    assert "position:russia-nato-csto" in targets(hits)
    assert all("CSTO" in highlighted_words(hit) for hit in hits)


def test_source_hit_carries_the_sentence_span(seeded_store: Store) -> None:
    hit = next(h for h in seeded_store.search("CSTO") if h.kind == "source")
    text = seeded_store.get_meeting(SEED_ID).source_text
    assert hit.span is not None
    sentence = text[hit.span[0]:hit.span[1]]
    assert sentence.startswith("The Russian party will point out") and "CSTO" in sentence


def test_lisbon(seeded_store: Store) -> None:
    found = targets(seeded_store.search("Lisbon"))
    assert "agenda:lisbon-agreements" in found
    assert "reference:lisbon-summit-2010" in found


def test_participant_filter_returns_the_meeting(seeded_store: Store) -> None:
    hits = seeded_store.search("participant:lavrov")
    assert [(h.kind, h.meeting_id, h.target) for h in hits] == [("meeting", SEED_ID, "meeting")]
    assert seeded_store.search('participant:"Sergey Lavrov"')[0].meeting_id == SEED_ID
    assert seeded_store.search("participant:lav")[0].meeting_id == SEED_ID
    assert seeded_store.search("participant:kerry") == []
    assert seeded_store.search('participant:"Lavrov Sergey"') == []


def test_topic_and_year(seeded_store: Store) -> None:
    hits = seeded_store.search("topic:afghanistan year:2013")
    assert set(targets(hits)) == {"agenda:afghanistan-after-isaf", "agenda:euro-atlantic-security"}
    assert all(h.kind == "agenda" for h in hits)
    assert seeded_store.search("topic:afghanistan year:2012") == []


def test_exclusion_drops_rows_with_the_word(seeded_store: Store) -> None:
    hits = seeded_store.search("afghanistan -syria")
    found = targets(hits)
    assert "agenda:afghanistan-after-isaf" in found
    assert "agenda:euro-atlantic-security" not in found
    assert hits and all("syria" not in h.snippet.lower() for h in hits)
    assert len(seeded_store.search("afghanistan")) > len(hits)


def test_accents_and_case_are_ignored(seeded_store: Store) -> None:
    for query in ("lavróv", "LAVROV", "Lavr"):
        hits = seeded_store.search(query)
        assert hits[0].target == "participant:sergey-lavrov", query
        assert highlighted_words(hits[0]) == ["Lavrov"]


def test_phrase_matches_words_in_order_only(seeded_store: Store) -> None:
    assert seeded_store.search('"common space"')
    assert seeded_store.search('"space common"') == []


def test_words_across_rows_give_a_meeting_hit(seeded_store: Store) -> None:
    hits = seeded_store.search("lavrov csto")
    assert [(h.kind, h.meeting_id) for h in hits] == [("meeting", SEED_ID)]


def test_fts_syntax_in_a_query_is_just_text(seeded_store: Store) -> None:
    # FTS5 operators, column filters and stray quotes/stars in user text never reach
    # SQLite as syntax: each query runs (an SQLite error would propagate here).
    for query in ("NEAR(csto OR) ^b* AND", "csto* NOT", "{title} csto", "csto -",
                  "'; DROP TABLE fts; --"):
        assert isinstance(seeded_store.search(query), list), query
    # "AND" is a word like any other: it matches "and" in the text.
    assert seeded_store.search("csto and")[0].meeting_id == SEED_ID


def test_invalid_query_raises_query_error(seeded_store: Store) -> None:
    with pytest.raises(QueryError, match="four-digit year"):
        seeded_store.search("year:20x3")


def test_limit(seeded_store: Store) -> None:
    assert len(seeded_store.search("security", limit=2)) == 2
    assert len(seeded_store.search("security", limit=50)) > 2


def test_empty_query_finds_nothing(seeded_store: Store) -> None:
    assert seeded_store.search("   ") == []


# -- a store of several meetings --------------------------------------------------------

@pytest.fixture
def three(empty_store: Store) -> Store:
    empty_store.put_meetings(three_meetings())
    return empty_store


def ids(hits: list[Hit]) -> list[str]:
    return list(dict.fromkeys(h.meeting_id for h in hits))


def test_title_match_outranks_source_text_match(three: Store) -> None:
    hits = three.search("piracy")
    assert hits[0].meeting_id == "coe-2010-03-01" and hits[0].kind == "meeting"
    assert hits[-1].kind == "source" and hits[-1].meeting_id == "wto-2012-05-10"
    assert hits[0].score > hits[-1].score


def test_date_order_lists_the_hits_of_words_newest_first(three: Store) -> None:
    by_relevance = search(three, "piracy")
    by_date = search(three, "piracy", order="date")
    assert by_relevance[0].meeting_id == "coe-2010-03-01"  # the title
    assert by_date[0].meeting_id == "wto-2012-05-10"  # the source text, two years later
    # The same hits, in another order.
    assert sorted((h.meeting_id, h.target) for h in by_date) == sorted(
        (h.meeting_id, h.target) for h in by_relevance)
    dates = [h.date for h in by_date]
    assert dates == sorted(dates, reverse=True)
    # Within a meeting, the record's own order: the meeting row before its agenda item.
    shipping = search(three, "shipping", order="date")
    assert [h.meeting_id for h in shipping][0] == "arc-2015-09-20"
    assert ids(shipping) == ["arc-2015-09-20", "coe-2010-03-01"]


def test_date_order_with_a_limit_keeps_the_newest(three: Store) -> None:
    assert ids(search(three, "maritime", limit=1, order="date")) == ["arc-2015-09-20"]


def test_date_order_merges_hits_across_rows_by_date(three: Store) -> None:
    # "france" and "tariffs" share a row in 2012; "france" and "shipping" only meet
    # across rows (a participant's party, an agenda item) in 2010.
    hits = search(three, "france shipping", order="date")
    assert ids(hits) == ["coe-2010-03-01"]
    hits = search(three, "france", order="date")
    dates = [h.date for h in hits]
    assert dates == sorted(dates, reverse=True) and ids(hits)[0] == "wto-2012-05-10"


def test_before_and_after(three: Store) -> None:
    assert ids(three.search("before:2012")) == ["coe-2010-03-01"]
    assert ids(three.search("before:2012-06")) == ["wto-2012-05-10", "coe-2010-03-01"]
    assert ids(three.search("before:2012-05-10")) == ["coe-2010-03-01"]
    assert ids(three.search("after:2012")) == ["arc-2015-09-20"]
    assert ids(three.search("after:2012-05-09")) == ["arc-2015-09-20", "wto-2012-05-10"]
    assert ids(three.search("after:2010 before:2015")) == ["wto-2012-05-10"]
    assert ids(three.search("year:2012")) == ["wto-2012-05-10"]
    assert ids(three.search("-year:2012")) == ["arc-2015-09-20", "coe-2010-03-01"]


def test_filters_combine_with_words(three: Store) -> None:
    assert ids(three.search("piracy year:2012")) == ["wto-2012-05-10"]
    assert ids(three.search("shipping after:2011")) == ["arc-2015-09-20"]
    assert ids(three.search("shipping -body:arctic")) == ["coe-2010-03-01"]


def test_each_text_filter(three: Store) -> None:
    assert ids(three.search("participant:muller")) == ["arc-2015-09-20"]
    assert ids(three.search("participant:MÜLLER")) == ["arc-2015-09-20"]
    assert ids(three.search("party:france")) == ["wto-2012-05-10", "coe-2010-03-01"]
    assert ids(three.search("party:germany")) == ["arc-2015-09-20"]
    assert ids(three.search('body:"council of europe"')) == ["coe-2010-03-01"]
    assert ids(three.search("body:council")) == ["arc-2015-09-20", "coe-2010-03-01"]
    assert ids(three.search('level:"foreign ministers"')) == ["arc-2015-09-20"]
    assert ids(three.search("tag:maritime")) == ["coe-2010-03-01"]
    assert ids(three.search("party:france participant:dupont")) == ["coe-2010-03-01"]


def test_topic_filter_lists_agenda_items_newest_first(three: Store) -> None:
    hits = three.search('topic:"maritime security"')
    assert [(h.meeting_id, h.target) for h in hits] == [
        ("arc-2015-09-20", "agenda:arctic-shipping"), ("coe-2010-03-01", "agenda:shipping")]


def test_position_hits_name_the_party(three: Store) -> None:
    hit = three.search("tariffs")[0]
    assert hit.target == "agenda:tariffs"
    position = next(h for h in three.search("lower tariffs") if h.kind == "position")
    assert position.target == "position:fr-tariffs"
    assert position.title == "France: Wants lower tariffs."


# -- notes --------------------------------------------------------------------------------

def test_a_new_note_is_searchable_at_once_and_by_tag(seeded_store: Store) -> None:
    seeded_store.search("piracy")  # the index exists before the note is added
    note = seeded_store.add_note(SEED_ID, "Ask the desk about #followup zanzibar",
                                 target="agenda:afghanistan-after-isaf")
    by_word = seeded_store.search("zanzibar")
    assert [(h.kind, h.target) for h in by_word] == [("note", f"note:{note.id}")]
    by_tag = seeded_store.search("tag:followup")
    assert (by_tag[0].kind, by_tag[0].target) == ("note", f"note:{note.id}")
    seeded_store.edit_note(note.id, "Now about #other quahog")
    assert seeded_store.search("zanzibar") == []
    assert seeded_store.search("tag:followup") == []
    assert seeded_store.search("quahog")[0].target == f"note:{note.id}"
    seeded_store.delete_note(note.id)
    assert seeded_store.search("quahog") == []


def test_deleted_meeting_leaves_the_index(three: Store) -> None:
    three.search("piracy")
    three.delete_meeting("coe-2010-03-01")
    assert ids(three.search("piracy")) == ["wto-2012-05-10"]
    assert three.search("participant:dupont") == []


# -- snippets -----------------------------------------------------------------------------

def test_snippet_ranges_are_exact_and_single_line() -> None:
    text = "First line\n\n  second\tline with Lavróv and\x1b[31m more " + "word " * 60
    ranges = match_ranges(text, parse("lavrov").terms)
    snippet, highlights = make_snippet(text, ranges)
    assert [snippet[a:b] for a, b in highlights] == ["Lavróv"]
    assert "\n" not in snippet and "\t" not in snippet and "\x1b" not in snippet
    assert snippet.endswith("…")


def test_snippet_window_follows_a_late_match() -> None:
    text = "filler " * 100 + "the CSTO again"
    snippet, highlights = make_snippet(text, match_ranges(text, parse("csto").terms))
    assert snippet.startswith("…")
    assert [snippet[a:b] for a, b in highlights] == ["CSTO"]


def test_search_accepts_a_path_opened_store(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s")
    assert search(store, "piracy")[0].target == "priority:counter-piracy"


def test_words_across_rows_respect_filters_and_exclusions(three: Store) -> None:
    hits = three.search("dupont lanes")
    assert [(h.kind, h.meeting_id) for h in hits] == [("meeting", "coe-2010-03-01")]
    assert three.search("dupont lanes -strasbourg") == []
    assert three.search("dupont lanes after:2011") == []


def test_two_topic_filters_must_hold_on_the_same_item(three: Store) -> None:
    hits = three.search('topic:"maritime security" topic:arctic')
    assert [(h.meeting_id, h.target) for h in hits] == [
        ("arc-2015-09-20", "agenda:arctic-shipping")]
    assert three.search("topic:trade topic:arctic") == []


@pytest.mark.parametrize("word", ["piracy", "csto", "lisb", "lavróv", "secur", "afghanistan"])
def test_highlights_always_cover_the_query_word(seeded_store: Store, word: str) -> None:
    from dossier.store.query import fold

    hits = seeded_store.search(word)
    assert hits
    for hit in hits:
        for start, end in hit.highlights:
            assert fold(hit.snippet[start:end]).startswith(fold(word)), (hit, word)


def test_snippet_of_messy_text_keeps_ranges_exact() -> None:
    text = "a\u202e b  \t Lavrov\u200b x" + " pad" * 80
    snippet, highlights = make_snippet(text, match_ranges(text, parse("lavrov").terms))
    assert [snippet[a:b] for a, b in highlights] == ["Lavrov"]
    assert "\u202e" not in snippet and "  " not in snippet
