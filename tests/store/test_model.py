from __future__ import annotations

import copy
import datetime as dt

import orjson
import pytest

from dossier.store.errors import RecordInvalid
from dossier.store.model import SCHEMA_VERSION, Meeting, Note, tags_in
from dossier.store.paths import bundled_sample_records


@pytest.fixture
def seed_doc() -> dict:
    return orjson.loads(bundled_sample_records()[0].read_bytes())


def test_seed_record_validates_and_round_trips(seed_doc: dict) -> None:
    meeting = Meeting.from_json_dict(seed_doc)
    assert meeting.to_json_dict() == seed_doc
    assert meeting.schema_version == SCHEMA_VERSION


def test_error_names_record_and_field_path(seed_doc: dict) -> None:
    seed_doc["agenda"][2]["title"] = ""
    with pytest.raises(RecordInvalid) as info:
        Meeting.from_json_dict(seed_doc)
    assert str(info.value) == "meeting nrc-2013-12-04: agenda[2].title: must not be empty"


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.pop("title"), "meeting nrc-2013-12-04: title: is required"),
        (lambda d: d.update(date="2013-13-45"), "meeting nrc-2013-12-04: date: "),
        (lambda d: d.update(id="Not A Slug"), "meeting Not A Slug: id: must be a lower-case"),
        (lambda d: d["participants"][0].update(name=5), "participants[0].name: "),
        (lambda d: d.update(colour="red"), "colour: is not a known field"),
        (lambda d: d.update(schema_version=SCHEMA_VERSION + 1), "is newer than this dossier"),
        (lambda d: d.update(end_date="2013-12-01"), "end_date 2013-12-01 is before date"),
        (lambda d: d["priorities"].append(copy.deepcopy(d["priorities"][0])),
         'priorities: duplicate id "military-sphere"'),
        (lambda d: d["priorities"][0].update(source_span=[5, 99999]),
         "priorities[0].source_span [5, 99999] lies outside the source text"),
    ],
)
def test_validation_errors_are_one_sentence(seed_doc: dict, mutate, expected: str) -> None:
    mutate(seed_doc)
    with pytest.raises(RecordInvalid) as info:
        Meeting.from_json_dict(seed_doc)
    message = str(info.value)
    assert expected in message
    assert "\n" not in message


def test_not_an_object_is_named() -> None:
    with pytest.raises(RecordInvalid, match="meeting: expected a JSON object, got list"):
        Meeting.from_json_dict([1, 2])


def test_models_are_frozen(seed_doc: dict) -> None:
    meeting = Meeting.from_json_dict(seed_doc)
    with pytest.raises(Exception):  # noqa: B017 - pydantic's frozen error type varies
        meeting.title = "changed"  # type: ignore[misc]


def test_targets_cover_every_item(seed_doc: dict) -> None:
    targets = Meeting.from_json_dict(seed_doc).targets()
    assert "meeting" in targets
    assert "agenda:afghanistan-after-isaf" in targets
    assert "participant:sergey-lavrov" in targets
    assert "priority:counter-piracy" in targets
    assert "position:russia-nato-csto" in targets


def test_note_target_is_checked() -> None:
    now = dt.datetime.now(dt.timezone.utc)
    with pytest.raises(RecordInvalid, match="target"):
        Note.from_json_dict({"id": "n-1", "meeting_id": "m", "target": "bogus:x", "text": "t",
                             "created": now.isoformat(), "updated": now.isoformat()})


def test_tags_in_text() -> None:
    assert tags_in("See #Syria and #csto, not a#b; again #syria") == ["syria", "csto"]
