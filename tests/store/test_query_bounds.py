"""Every query costs work bounded by its distinct parts: repeats are dropped, and a query
with more than MAX_QUERY_PARTS different parts is refused in one sentence (800 copies of a
word once took 39 s, and a long mixed query overflowed FTS5's parser)."""

from __future__ import annotations

import pytest

from dossier.store.query import MAX_QUERY_PARTS, QueryError, parse
from dossier.store.store import Store

from ..cpu_time import best_cpu_seconds


def test_repeated_words_phrases_and_filters_count_once() -> None:
    query = parse(" ".join(['nato "common space" -syria participant:lavrov'] * 500))
    assert [t.text for t in query.terms] == ["nato", "common space"]
    assert [t.text for t in query.excluded] == ["syria"]
    assert len(query.filters) == 1


def test_too_many_different_parts_are_refused_in_one_sentence() -> None:
    parse(" ".join(f"w{i}" for i in range(MAX_QUERY_PARTS)))
    with pytest.raises(QueryError, match=f"at most {MAX_QUERY_PARTS} different"):
        parse(" ".join(f"w{i}" for i in range(MAX_QUERY_PARTS + 1)))


def test_the_widest_query_allowed_runs_in_the_index(seeded_store: Store) -> None:
    third = MAX_QUERY_PARTS // 3
    widest = " ".join([*(f"w{i}" for i in range(third)), *(f"-x{i}" for i in range(third)),
                       *(f"participant:p{i}" for i in range(MAX_QUERY_PARTS - 2 * third))])
    assert seeded_store.search(widest) == []
    assert seeded_store.search("nato " + " ".join(f"-x{i}" for i in range(MAX_QUERY_PARTS - 1)))


def test_eight_times_the_repeats_cost_at_most_eight_times_the_time(seeded_store: Store) -> None:
    def best(query: str) -> float:
        return best_cpu_seconds(lambda: seeded_store.search(query), repeats=5)

    seeded_store.search("nato")  # the index is built
    small = best(" ".join(["nato -syria"] * 100))
    large = best(" ".join(["nato -syria"] * 800))
    print(f"linear: search repeats {small * 1000:.1f} ms -> {large * 1000:.1f} ms for 8x")
    assert large / max(small, 1e-3) <= 8.0
