"""A topic's and a body's timeline: newest first, by year with counts (store.views)."""

from __future__ import annotations

from pathlib import Path

from dossier.store.views import body_timeline, topic_timeline
from tests.conftest import SEED_ID
from tests.store.party_records import store_with_party_meetings


def test_topic_timeline_newest_first_in_agenda_order_by_year(store_dir: Path) -> None:
    store = store_with_party_meetings(store_dir)
    timeline = topic_timeline(store, "euro-atlantic SECURITY")
    assert timeline.topic == "Euro-Atlantic security"
    assert [(e.meeting_id, e.agenda_id) for e in timeline.entries] == [
        ("nrc-2016-07-13", "missile-defence"),
        (SEED_ID, "euro-atlantic-security"),  # the seed's agenda order, not the ids'
        (SEED_ID, "lisbon-agreements"),
    ]
    assert [(year, len(entries)) for year, entries in timeline.by_year()] == [
        (2016, 1), (2013, 2)]


def test_body_timeline_lists_its_meetings_newest_first_by_year(store_dir: Path) -> None:
    store = store_with_party_meetings(store_dir)
    timeline = body_timeline(store, "nato-russia council")
    assert timeline.body == "NATO-Russia Council"
    assert [e.meeting_id for e in timeline.entries] == ["nrc-2016-07-13", SEED_ID]
    assert [(year, [e.meeting_id for e in entries]) for year, entries
            in timeline.by_year()] == [(2016, ["nrc-2016-07-13"]), (2013, [SEED_ID])]
    hit = timeline.entries[1].hit()
    assert (hit.kind, hit.meeting_id, hit.target) == ("meeting", SEED_ID, "meeting")
    assert body_timeline(store, "United Nations").entries[0].meeting_id == "un-2020-02-01"
    assert body_timeline(store, "Nobody").entries == ()
    assert body_timeline(store, "").entries == ()
