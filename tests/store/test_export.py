"""Every export format, read back with the library that owns the format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar
import pytest
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from dossier.store.export import briefing, export, md
from dossier.store.importer import import_path
from dossier.store.model import Meeting
from dossier.store.store import Store
from tests.conftest import SEED_ID

ROOT = Path(__file__).resolve().parents[2]
POPOLO = ROOT / "tests" / "fixtures" / "popolo"
STATEMENTS = ROOT / "tests" / "fixtures" / "statements"


def exported(store: Store, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    export(store, fmt, out, **options)  # type: ignore[arg-type]
    return out.getvalue()


@pytest.fixture
def rich_store(seeded_store: Store) -> Store:
    """The sample plus a draft with a date range, a collective participant and odd text."""
    import_path(seeded_store, STATEMENTS / "05-sco-summit-range.txt")
    meeting = seeded_store.get_meeting(SEED_ID)
    tricky = meeting.model_copy(update={
        "id": "tricky-1", "title": "*Bold* [link](http://x) <b>html</b> # not a heading",
        "tags": ["=SUM(A1)"], "end_date": None})
    seeded_store.put_meetings([tricky])
    seeded_store.add_note(SEED_ID, "Check the #lisbon wording", "meeting")
    return seeded_store


def test_json_round_trips_byte_for_byte(rich_store: Store, tmp_path: Path) -> None:
    first = exported(rich_store, "json")
    assert [m["id"] for m in json.loads(first)] == ["sco-2015-07-09", SEED_ID, "tricky-1"]
    (tmp_path / "all.json").write_bytes(first)
    fresh = Store.create(tmp_path / "fresh", seed=False)
    import_path(fresh, tmp_path / "all.json")
    assert exported(fresh, "json") == first


def test_ndjson_is_one_valid_record_per_line(rich_store: Store) -> None:
    lines = exported(rich_store, "ndjson").decode().splitlines()
    assert len(lines) == 3
    for line in lines:
        Meeting.from_json_dict(json.loads(line))


def test_single_meeting_export(rich_store: Store) -> None:
    data = json.loads(exported(rich_store, "json", meeting_id=SEED_ID))
    assert [m["id"] for m in data] == [SEED_ID]


def test_markdown_briefing_has_a_section_per_pane(rich_store: Store) -> None:
    text = exported(rich_store, "md", meeting_id=SEED_ID, with_notes=True).decode()
    for heading in ("# NATO-Russia Council session", "## Agenda", "## Participants",
                    "## Cooperation priorities", "## Notes", "## Source"):
        assert heading in text
    assert "Check the #lisbon wording" in text
    assert "1. **Topical international problems" in text
    assert "- **Sergey Lavrov** — Foreign Minister, Russian Federation" in text
    without = exported(rich_store, "md", meeting_id=SEED_ID).decode()
    assert "## Notes" not in without


def test_markdown_escapes_data(rich_store: Store) -> None:
    text = briefing(rich_store.get_meeting("tricky-1"))
    first_line = text.splitlines()[0]
    assert first_line == "# \\*Bold\\* \\[link\\](http://x) \\<b\\>html\\</b\\> # not a heading"
    # A line break in data becomes a space, so nothing can start a heading or a list.
    assert md("# title\n- item") == "\\# title - item"


def test_csv_rows_per_agenda_item_participant_and_priority(rich_store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(rich_store, "csv").decode())))
    seed = rich_store.get_meeting(SEED_ID)
    seed_rows = [r for r in rows if r["meeting_id"] == SEED_ID]
    kinds = [r["kind"] for r in seed_rows]
    assert kinds.count("agenda") == len(seed.agenda)
    assert kinds.count("participant") == len(seed.participants)
    assert kinds.count("priority") == len(seed.priorities)
    lavrov = next(r for r in seed_rows if r["title"] == "Sergey Lavrov")
    assert (lavrov["role"], lavrov["party"], lavrov["group"]) == (
        "Foreign Minister", "Russian Federation", "no")


def test_ics_parses_with_one_event_per_meeting(rich_store: Store) -> None:
    calendar = icalendar.Calendar.from_ical(exported(rich_store, "ics"))
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {f"{i}@meeting-dossier" for i in ("sco-2015-07-09", SEED_ID,
                                                             "tricky-1")}
    seed = events[f"{SEED_ID}@meeting-dossier"]
    assert seed.decoded("DTSTART").isoformat() == "2013-12-04"
    assert "DTEND" not in seed
    assert str(seed["LOCATION"]) == "Brussels"
    assert str(seed["SUMMARY"]).startswith("NATO-Russia Council")
    assert "Syria" in [str(c) for c in seed["CATEGORIES"].cats]
    assert "Sergey Lavrov" in str(seed["DESCRIPTION"])
    ranged = events["sco-2015-07-09@meeting-dossier"]
    assert ranged.decoded("DTSTART").isoformat() == "2015-07-09"
    assert ranged.decoded("DTEND").isoformat() == "2015-07-11"  # exclusive end
    assert str(ranged["STATUS"]) == "TENTATIVE"


def _popolo_validators() -> dict[str, Draft3Validator]:
    resources = []
    for path in POPOLO.glob("*.json"):
        schema = json.loads(path.read_text())
        resources.append((f"http://www.popoloproject.com/schemas/{path.name}",
                          Resource.from_contents(schema, default_specification=DRAFT3)))
        resources.append((f"http://www.popoloproject.com/schemas/{path.name}#",
                          Resource.from_contents(schema, default_specification=DRAFT3)))
    registry: Registry = Registry().with_resources(resources)
    return {name: Draft3Validator(json.loads((POPOLO / f"{name}.json").read_text()),
                                  registry=registry)
            for name in ("event", "person", "organization", "membership")}


def test_popolo_validates_against_the_schemas(rich_store: Store) -> None:
    document = json.loads(exported(rich_store, "popolo"))
    validators = _popolo_validators()
    for key, schema in (("events", "event"), ("persons", "person"),
                        ("organizations", "organization"), ("memberships", "membership")):
        assert document[key], key
        for item in document[key]:
            errors = list(validators[schema].iter_errors(item))
            assert not errors, (key, item, errors[0].message)
    persons = {p["id"] for p in document["persons"]}
    organizations = {o["id"] for o in document["organizations"]}
    for membership in document["memberships"]:
        assert membership["person_id"] in persons
        assert membership["organization_id"] in organizations
    assert "person/sergey-lavrov" in persons
    assert not any(p["name"] == "NATO foreign ministers" for p in document["persons"])


def test_popolo_validator_catches_a_bad_event() -> None:
    # The check above can fail: a date in the wrong form is rejected.
    errors = list(_popolo_validators()["event"].iter_errors({"start_date": "4 Dec 2013"}))
    assert errors
