"""A party's positions across meetings (store.views.party_positions), on a real store."""

from __future__ import annotations

from pathlib import Path

from dossier.store.views import party_positions
from tests.conftest import SEED_ID
from tests.store.party_records import store_with_party_meetings


def test_every_position_of_the_party_newest_first_with_its_sentence(
        store_dir: Path) -> None:
    store = store_with_party_meetings(store_dir)
    found = party_positions(store, "russian federation")
    assert found.party == "Russian Federation"  # as three of four positions spell it
    assert [(p.meeting_id, p.target) for p in found.positions] == [
        ("un-2020-02-01", "agenda:sanctions"),  # no id: the agenda item stands for it
        ("nrc-2016-07-13", "position:russia-defence-review"),
        (SEED_ID, "position:russia-practical-steps"),
        (SEED_ID, "position:russia-nato-csto"),
    ]
    assert found.meetings == 3
    defence = found.positions[1]
    assert defence.sentence == ("The Russian side called for a joint review of missile "
                                "defence plans.")
    assert found.positions[0].sentence == ""  # no span, no sentence
    assert found.positions[0].party == "RUSSIAN FEDERATION"  # its own spelling
    hit = defence.hit()
    assert (hit.kind, hit.meeting_id, hit.target, hit.span) == (
        "position", "nrc-2016-07-13", "position:russia-defence-review", defence.span)


def test_grouped_by_topic_newest_group_first(store_dir: Path) -> None:
    store = store_with_party_meetings(store_dir)
    groups = party_positions(store, "Russian Federation").by_topic()
    # The 2016 item and the seed's Lisbon item share "Euro-Atlantic security" first.
    assert [(topic, [p.meeting_id for p in rows]) for topic, rows in groups] == [
        ("Sanctions", ["un-2020-02-01"]),
        ("Euro-Atlantic security", ["nrc-2016-07-13"]),
        ("common space of peace, security and stability", [SEED_ID]),
        ("Afghanistan", [SEED_ID]),
    ]


def test_another_party_and_an_unknown_one(store_dir: Path) -> None:
    store = store_with_party_meetings(store_dir)
    assert [p.target for p in party_positions(store, "Brazil").positions] == [
        "position:brazil-trade"]
    assert party_positions(store, "Atlantis").positions == ()
    assert party_positions(store, "  ").positions == ()
