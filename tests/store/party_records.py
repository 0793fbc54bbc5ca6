"""Meetings for the cross-meeting views: the seed and two later meetings in which the
Russian Federation takes positions (one with no id, one spelt in capitals), built in the
interchange format (real validation), and a store holding them on disk."""

from __future__ import annotations

from pathlib import Path

from dossier.store.model import Meeting
from dossier.store.store import Store
from tests.store.search_records import meeting

LATER_TEXT = ("The ministers met in Moscow. The Russian side called for a joint "
              "review of missile defence plans. Brazil asked for more trade.")
LATEST_TEXT = "In Geneva the Russian Federation rejected the sanctions outright."


def later_meetings() -> list[Meeting]:
    """2016: missile defence (a position with an id and a sentence, Brazil's too);
    2020: sanctions, the party in capitals, a position without an id or a span."""
    defence_start = LATER_TEXT.index("The Russian side")
    defence_end = LATER_TEXT.index(" Brazil")
    return [
        meeting("nrc-2016-07-13", "2016-07-13", "NATO-Russia Council in Brussels",
                body="NATO-Russia Council",
                agenda=[{"id": "missile-defence", "order": 1, "title": "Missile defence",
                         "topics": ["Euro-Atlantic security", "missile defence"],
                         "positions": [
                             {"id": "russia-defence-review", "party": "Russian Federation",
                              "stance": "Calls for a joint review of missile defence.",
                              "source_span": [defence_start, defence_end]},
                             {"id": "brazil-trade", "party": "Brazil",
                              "stance": "Asks for more trade."}]}],
                sources=[{"id": "s", "text": LATER_TEXT}]),
        meeting("un-2020-02-01", "2020-02-01", "Sanctions talks in Geneva",
                body="United Nations",
                agenda=[{"id": "sanctions", "order": 1, "title": "Sanctions",
                         "positions": [{"party": "RUSSIAN FEDERATION",
                                        "stance": "Rejects the sanctions."}]}],
                sources=[{"id": "s", "text": LATEST_TEXT}]),
    ]


def store_with_party_meetings(path: Path) -> Store:
    """The seed (2013, two Russian positions; a new store holds it) and
    :func:`later_meetings`, on disk."""
    store = Store.open(path)
    store.put_meetings(later_meetings())
    return store
