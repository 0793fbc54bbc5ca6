"""Words spread over a meeting's rows (store.search._cross_row_hits): a common word is
checked against each candidate's block either by reading all its rowids once or by one
FTS5 seek per block (_seeks_cheaply). Both ways must find the same meetings: exactly
those holding every word, whatever row each is in, and none holding an excluded one."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.store import search
from dossier.store.store import Store
from tests.store.search_records import meeting


def _meetings() -> list:
    # Per meeting: "transparency" in two agenda titles and "afghanistan" in two others
    # (every 3rd lacks it); every 4th also has "corruption" in its title.
    out = []
    for number in range(24):
        agenda = [{"id": f"t{k}", "order": k, "title": f"Transparency point {k}"}
                  for k in (1, 2)]
        if number % 3:
            agenda += [{"id": f"a{k}", "order": k, "title": f"Afghanistan item {k}"}
                       for k in (3, 4)]
        title = "Corruption review" if number % 4 == 0 else "Regular session"
        out.append(meeting(f"m-{number:02d}", f"2020-01-{number + 1:02d}", title,
                           agenda=agenda))
    return out


@pytest.mark.parametrize("query", ["afghanistan transparency", "afghan transpar",
                                   "transparency afghanistan -corruption"])
def test_both_ways_of_checking_a_common_word_find_the_same_meetings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, query: str) -> None:
    store = Store.open(tmp_path / "store")
    try:
        store.put_meetings(_meetings())
        # Each word "common": in more rows than this (32 and 48 here).
        monkeypatch.setattr(search, "COMMON_WORD_ROWS", 10)
        found = {}
        for way, seeks in (("seek per block", lambda term: True),
                           ("all rowids", lambda term: False)):
            monkeypatch.setattr(search, "_seeks_cheaply", seeks)
            found[way] = sorted(h.meeting_id for h in store.search(query, limit=100)
                                if h.meeting_id.startswith("m-"))
    finally:
        store.close()
    expected = sorted(f"m-{n:02d}" for n in range(24) if n % 3
                      and not ("corruption" in query and n % 4 == 0))
    assert found["all rowids"] == found["seek per block"] == expected


def test_only_phrases_and_prefix_indexed_words_are_looked_up_block_by_block() -> None:
    from dossier.store.query import Term

    assert search._seeks_cheaply(Term("search and rescue", phrase=True))
    assert search._seeks_cheaply(Term("co"))
    assert not search._seeks_cheaply(Term("con"))
    assert not search._seeks_cheaply(Term("transparency"))
