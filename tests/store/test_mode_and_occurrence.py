"""How the parties met and whether the meeting has happened, kept in the record (issue 13):
the extractor's mode (in person / call / video) and announced-or-held are fields of the
draft, reviewed like the others, and absent from records that never had them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dossier.store.errors import RecordInvalid
from dossier.store.extract import extract
from dossier.store.extract.review import apply_review, review_fields
from dossier.store.model import Meeting
from dossier.store.store import Store

PAGE = dt.date(2031, 5, 14)
CALL = "Minister Anna Berg held a telephone conversation today with Minister Tomas Lind."
VISIT = "Minister Anna Berg will visit Oslo on Friday to meet Minister Tomas Lind."


def test_the_draft_records_a_call_that_was_held() -> None:
    draft = extract(CALL, published=PAGE).meeting
    assert (draft.mode, draft.occurrence) == ("call", "held")


def test_the_draft_records_a_visit_announced() -> None:
    draft = extract(VISIT, published=PAGE).meeting
    assert (draft.mode, draft.occurrence) == ("in person", "announced")


def test_they_survive_the_store(store_dir: Path) -> None:
    store = Store.create(store_dir, seed=False)
    draft = extract(CALL, published=PAGE).meeting
    store.add_meeting(draft)
    again = Store.open(store_dir).get_meeting(draft.id)
    assert (again.mode, again.occurrence) == ("call", "held")


def test_a_record_without_them_is_written_as_before() -> None:
    data = extract(CALL, published=PAGE).meeting.to_json_dict()
    del data["mode"], data["occurrence"]
    old = Meeting.from_json_dict(data)
    assert (old.mode, old.occurrence) == (None, None)
    assert "mode" not in old.to_json_dict() and "occurrence" not in old.to_json_dict()
    assert not {"mode", "occurrence"} & {f.key for f in review_fields(old)}


def test_review_shows_and_edits_them_and_the_tags_follow() -> None:
    draft = extract(CALL, published=PAGE).meeting
    shown = {f.key: f.text for f in review_fields(draft)}
    assert (shown["mode"], shown["occurrence"]) == ("call", "held")
    assert "call" in draft.tags
    final = apply_review(draft, {"mode": ("edit", "Video"),
                                 "occurrence": ("edit", "announced")})
    assert (final.mode, final.occurrence) == ("video", "announced")
    assert "video" in final.tags and "call" not in final.tags and "announced" in final.tags
    dropped = apply_review(draft, {"mode": ("drop", "call")})
    assert dropped.mode is None and "call" not in dropped.tags


def test_review_refuses_a_word_it_does_not_know() -> None:
    draft = extract(CALL, published=PAGE).meeting
    with pytest.raises(RecordInvalid, match="is not one of in person, call, video"):
        apply_review(draft, {"mode": ("edit", "carrier pigeon")})
