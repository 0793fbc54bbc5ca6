"""store.views.compare_meetings and previous_meeting: two meetings of a body, what is new,
what dropped, what kept (the data behind the app's compare view; no textual here)."""

from __future__ import annotations

import json

from dossier.store.model import Meeting
from dossier.store.paths import bundled_sample_records
from dossier.store.store import Store
from dossier.store.views import compare_meetings, previous_meeting
from tests.conftest import SEED_ID


def _later(store: Store) -> dict:
    doc = json.loads(bundled_sample_records()[0].read_bytes())
    doc["id"], doc["date"] = "later", "2014-06-02"
    doc["participants"][0]["name"] = doc["participants"][0]["name"].upper()  # same person
    doc["participants"].pop()
    doc["agenda"].append({"id": "new-item", "order": 99, "title": "A new item",
                          "topics": ["Ukraine"]})
    store.put_meetings([Meeting.from_json_dict(doc)])
    return doc


def test_new_dropped_and_kept_in_date_order_either_way(seeded_store: Store) -> None:
    seed = json.loads(bundled_sample_records()[0].read_bytes())
    _later(seeded_store)
    for first, second in ((SEED_ID, "later"), ("later", SEED_ID)):
        comparison = compare_meetings(seeded_store, first, second)
        assert (comparison.earlier.meeting_id, comparison.later.meeting_id) == (SEED_ID,
                                                                                 "later")
        sections = dict(comparison.sections)
        people = {item.label: item.change for item in sections["Participants"]}
        assert people[seed["participants"][-1]["name"]] == "dropped"
        # Case does not make a change: the upper-cased name is the same person, kept.
        assert people[seed["participants"][0]["name"].upper()] == "kept"
        agenda = [(item.label, item.change) for item in sections["Agenda"]]
        assert agenda[0] == ("A new item", "new")  # the changes lead
        assert comparison.counts("Topics")["new"] == 1
        assert comparison.counts("Priorities") == {"kept": len(seed["priorities"])}


def test_previous_meeting_of_the_same_body(seeded_store: Store) -> None:
    _later(seeded_store)
    assert previous_meeting(seeded_store, "later") == SEED_ID
    assert previous_meeting(seeded_store, SEED_ID) is None
