"""Popolo and the calendar description, field by field, for a rich meeting and a bare one:
written for the mutants of store/export.py that survived the export tests (docs/testing.md).
Every expected value below was checked by hand against the Popolo spec's meaning."""

from __future__ import annotations

from dossier.store.export import _description, popolo
from dossier.store.model import Meeting

RICH = {
    "id": "rich-1", "date": "2020-01-02", "end_date": "2020-01-03", "title": "Rich",
    "body": "NATO-Russia Council", "level": "foreign ministers", "location": "Brussels",
    "status": "draft",
    "participants": [
        {"id": "p-1", "name": "Sergey Lavrov", "role": "Foreign Minister", "party": "Russia"},
        {"id": "p-2", "name": "NATO ministers", "party": "NATO", "group": True},
        {"id": "p-3", "name": "No Party"},
        {"id": "p-4", "name": "Ann Other", "party": "Finland"}],
    "agenda": [{"id": "a-2", "order": 2, "title": "Second"},
               {"id": "a-1", "order": 1, "title": "First"}],
    "priorities": [{"id": "pr-1", "area": "Energy"}, {"id": "pr-2", "area": "Trade"}],
    "sources": [{"id": "s-1", "url": "https://x.example/1", "title": "Press"},
                {"id": "s-2", "url": "https://x.example/2", "kind": "statement"},
                {"id": "s-3", "text": "no url"}],
}


def test_the_description_lists_body_people_agenda_and_priorities() -> None:
    assert _description(Meeting.from_json_dict(RICH)) == (
        "NATO-Russia Council — foreign ministers\n"
        "Participants: Sergey Lavrov (Foreign Minister, Russia); NATO ministers; No Party; "
        "Ann Other\n"
        "1. First\n2. Second\n"
        "Priorities: Energy; Trade")
    assert _description(Meeting.from_json_dict(
        {"id": "b-1", "date": "2020-01-02", "title": "B", "level": "experts"})) == "experts"


def test_popolo_of_a_rich_meeting() -> None:
    document, count = popolo([Meeting.from_json_dict(RICH)])
    assert count == 1
    (event,) = document["events"]
    assert event["location"] == "Brussels" and event["status"] == "draft"
    assert event["description"].startswith("NATO-Russia Council — foreign ministers\n")
    assert event["organization_id"] == "organization/nato-russia-council"
    # A collective participant is no person; the ones after it still attend.
    assert event["attendees"] == [
        {"id": "person/sergey-lavrov", "name": "Sergey Lavrov"},
        {"id": "person/no-party", "name": "No Party"},
        {"id": "person/ann-other", "name": "Ann Other"}]
    assert event["sources"] == [{"url": "https://x.example/1", "note": "Press"},
                                {"url": "https://x.example/2", "note": "statement"}]
    assert document["persons"] == event["attendees"]
    assert [(o["id"], o["classification"]) for o in document["organizations"]] == [
        ("organization/nato-russia-council", "body"), ("organization/russia", "party"),
        ("organization/nato", "party"), ("organization/finland", "party")]
    assert document["memberships"] == [
        {"id": "membership/sergey-lavrov--russia--foreign-minister",
         "person_id": "person/sergey-lavrov", "organization_id": "organization/russia",
         "role": "Foreign Minister", "label": "Foreign Minister, Russia"},
        {"id": "membership/ann-other--finland--member", "person_id": "person/ann-other",
         "organization_id": "organization/finland", "role": None, "label": "Finland"}]


def test_popolo_of_a_bare_meeting_has_nothing_it_does_not_know() -> None:
    document, count = popolo([Meeting.from_json_dict(
        {"id": "bare-1", "date": "2020-01-02", "title": "Bare"})])
    assert count == 1
    (event,) = document["events"]
    assert (event["description"], event["location"], event["status"], event["end_date"]) == (
        None, None, "final", None)
    assert not {"organization_id", "attendees", "sources"} & set(event)
    assert document["persons"] == document["organizations"] == document["memberships"] == []
