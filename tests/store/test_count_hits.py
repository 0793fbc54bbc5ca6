"""count_hits (store/views.py): the total behind the app's "50 of 253 hits" agrees with what
search lists when nothing limits it."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.store.query import QueryError
from dossier.store.search import search
from dossier.store.views import count_hits
from tests.tui.dossier_pilot import many_meetings_store


@pytest.mark.parametrize("query", [
    "lavrov", "nato council", "afghanistan -csto", "\"common space\"", "year:2013",
    "topic:afghanistan", "topic:afghanistan before:2012-01-20", "body:nato", "zzzz",
    "lavrov year:2012",
])
def test_the_count_is_what_an_unlimited_search_lists(store_dir: Path, query: str) -> None:
    store = many_meetings_store(store_dir, count=40)
    store.index().ensure_fresh()
    assert count_hits(store, query) == len(search(store, query, limit=100_000))


def test_the_count_stops_at_its_cap(store_dir: Path) -> None:
    store = many_meetings_store(store_dir, count=40)
    assert count_hits(store, "lavrov", cap=5) == 5


def test_a_bad_query_raises_as_search_does(store_dir: Path) -> None:
    store = many_meetings_store(store_dir, count=1)
    with pytest.raises(QueryError):
        count_hits(store, "year:soon")
