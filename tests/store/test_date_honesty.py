"""Dates told honestly in the record (issue 13): a draft keeps where its date came from and
how precise it is, shows an unknown or imprecise date as such, and cannot become a record
on a placeholder date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dossier.store.errors import RecordInvalid
from dossier.store.extract import extract
from dossier.store.extract.review import apply_review, review_fields
from dossier.store.model import Meeting
from dossier.store.store import Store

NO_DATE = "The ministers met in Oslo to discuss fisheries and coastal shipping."
NO_YEAR = "The ministers met in Oslo on 14 May to discuss fisheries and coastal shipping."
STATED = "The ministers met in Oslo on 14 May 2031 to discuss fisheries and coastal shipping."
FAR_FUTURE = dt.date(2040, 1, 1)


def test_a_draft_without_a_date_records_it_as_unknown() -> None:
    draft = extract(NO_DATE, today=FAR_FUTURE).meeting
    assert (draft.date_origin, draft.date_precision) == ("assumed", "unknown")
    assert draft.date_unsettled
    assert draft.date_label == "unknown"  # not 2040-01-01, the placeholder


def test_a_draft_whose_year_is_assumed_shows_no_year() -> None:
    draft = extract(NO_YEAR, today=FAR_FUTURE).meeting
    assert draft.date_origin == "assumed"
    assert draft.date_label == "????-05-14"
    assert draft.date_unsettled


def test_a_stated_date_is_shown_whole_and_settled() -> None:
    draft = extract(STATED).meeting
    assert (draft.date_origin, draft.date_precision) == ("text", "day")
    assert draft.date_label == "2031-05-14"
    assert not draft.date_unsettled


def test_the_page_date_is_told_as_the_origin() -> None:
    draft = extract(NO_DATE, published=dt.date(2031, 3, 2)).meeting
    assert (draft.date_origin, draft.date_precision) == ("published", "day")
    assert draft.date_label == "2031-03-02"


def test_month_and_year_precision_are_shown_with_question_marks() -> None:
    base = extract(STATED).meeting
    assert base.model_copy(update={"date_precision": "month"}).date_label == "2031-05-??"
    assert base.model_copy(update={"date_precision": "year"}).date_label == "2031-??-??"


def test_a_record_written_before_the_fields_loads_and_reads_as_stated() -> None:
    data = extract(STATED).meeting.to_json_dict()
    del data["date_origin"], data["date_precision"]
    old = Meeting.from_json_dict(data)
    assert (old.date_origin, old.date_precision) == (None, None)
    assert old.date_label == "2031-05-14" and not old.date_unsettled


def test_the_fields_survive_the_store(store_dir: Path) -> None:
    store = Store.create(store_dir, seed=False)
    draft = extract(NO_DATE, today=FAR_FUTURE).meeting
    store.add_meeting(draft)
    again = Store.open(store_dir).get_meeting(draft.id)
    assert (again.date_origin, again.date_precision) == ("assumed", "unknown")


def test_review_shows_the_date_as_unknown() -> None:
    draft = extract(NO_DATE, today=FAR_FUTURE).meeting
    date_field = next(f for f in review_fields(draft) if f.key == "date")
    assert date_field.text == "unknown"
    assert "set it" in date_field.label


def test_an_unknown_date_must_be_set_before_the_draft_is_a_record() -> None:
    draft = extract(NO_DATE, today=FAR_FUTURE).meeting
    with pytest.raises(RecordInvalid, match="unknown"):
        apply_review(draft, {})
    with pytest.raises(RecordInvalid, match="unknown"):
        apply_review(draft, {"date": ("accept", "unknown")})
    with pytest.raises(RecordInvalid, match="unknown"):
        apply_review(draft, {"date": ("edit", "unknown")})  # left as it showed
    final = apply_review(draft, {"date": ("edit", "2031-06-01")})
    assert final.date == dt.date(2031, 6, 1)
    assert (final.date_origin, final.date_precision) == ("set", "day")
    assert not final.date_inferred and final.status is None


def test_an_assumed_year_must_be_set_too() -> None:
    draft = extract(NO_YEAR, today=FAR_FUTURE).meeting
    with pytest.raises(RecordInvalid, match=r"\?\?\?\?-05-14"):
        apply_review(draft, {})
    assert apply_review(draft, {"date": ("edit", "2031-05-14")}).date_label == "2031-05-14"


def test_a_month_precise_date_may_be_kept_as_it_is() -> None:
    draft = extract(STATED).meeting.model_copy(
        update={"date_precision": "month", "date_origin": "text"})
    final = apply_review(draft, {"date": ("edit", "2031-05-??")})
    assert final.date_label == "2031-05-??"  # unchanged, and not refused


def test_an_undated_draft_id_does_not_carry_the_placeholder() -> None:
    first = extract(NO_DATE, today=FAR_FUTURE).meeting
    assert first.id == "meeting-undated"
    second = extract(NO_DATE, today=FAR_FUTURE, taken_ids=[first.id]).meeting
    assert second.id == "meeting-undated-2"
    assert extract(STATED).meeting.id.endswith("2031-05-14")
