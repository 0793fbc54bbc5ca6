"""Exports carry hostile text as text: no HTML or script links in Markdown, no formulas in
CSV, no control characters in iCalendar, and no crash on the calendar's last day."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import icalendar
import pytest

from dossier.store.export import _FORMULA_START, briefing, export, safe_link
from dossier.store.model import Meeting
from dossier.store.store import Store
from tests.conftest import SEED_ID

FORMULAS = ("=1+1", "+SUM(A1)", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)", "\t=1", "\r=1")


def exported(store: Store, fmt: str, meeting_id: str) -> bytes:
    out = io.BytesIO()
    export(store, fmt, out, meeting_id=meeting_id)
    return out.getvalue()


def _with_source_url(meeting: Meeting, url: str) -> Meeting:
    source = meeting.sources[0].model_copy(update={"url": url})
    return meeting.model_copy(update={"sources": [source, *meeting.sources[1:]]})


@pytest.mark.parametrize("url", [
    "http://x.example/a\n\n<div onmouseover=alert(1)>hover</div>",
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://x.example/\"><img src=x onerror=alert(1)>",
])
def test_a_hostile_source_url_is_never_html_or_a_script_link(seeded_store: Store,
                                                             url: str) -> None:
    text = briefing(_with_source_url(seeded_store.get_meeting(SEED_ID), url))
    # An escaped bracket (\\<) is a literal character in Markdown, not a tag.
    assert not re.search(r"(?<!\\)<(?:div|img|script)\b", text, re.IGNORECASE)
    assert not re.search(r"(?<!\\)<\s*(?:javascript|data):", text, re.IGNORECASE)
    source_part = text[text.index("## Source"):]
    # The whole URL stays on one line: a newline in it cannot start a block of its own.
    assert "\n<div" not in source_part and "\n\n<" not in source_part


def test_an_ordinary_web_address_stays_a_link() -> None:
    assert safe_link("https://mid.ru/en/press?id=1") == "https://mid.ru/en/press?id=1"
    assert safe_link("http://x.example/a b") == "http://x.example/a%20b"
    assert safe_link("ftp://x.example/") is None
    assert safe_link("https:///no-host") is None


def test_every_csv_cell_that_starts_like_a_formula_is_made_text(seeded_store: Store) -> None:
    meeting = seeded_store.get_meeting(SEED_ID)
    cycle = iter(FORMULAS * 50)
    hostile = meeting.model_copy(update={
        "id": "hostile-1",
        "agenda": [a.model_copy(update={"title": next(cycle), "summary": next(cycle),
                                        "topics": [next(cycle)]}) for a in meeting.agenda],
        "participants": [p.model_copy(update={"name": next(cycle), "role": next(cycle),
                                              "party": next(cycle)})
                         for p in meeting.participants],
        "priorities": [p.model_copy(update={"area": next(cycle), "description": next(cycle)})
                       for p in meeting.priorities],
    })
    seeded_store.put_meetings([Meeting.from_json_dict(hostile.to_json_dict())])
    rows = list(csv.reader(io.StringIO(exported(seeded_store, "csv", "hostile-1").decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert any(cell.startswith("'") for cell in cells), "the hostile text was not exported"
    dangerous = [cell for cell in cells if cell.startswith(_FORMULA_START)]
    assert dangerous == []
    for formula in FORMULAS:
        assert "'" + formula in cells, formula


def test_csv_keeps_plain_text_and_numbers_as_they_are(seeded_store: Store) -> None:
    rows = list(csv.reader(io.StringIO(exported(seeded_store, "csv", SEED_ID).decode())))
    orders = [row[3] for row in rows[1:] if row[1] == "agenda"]
    assert orders and all(order.isdigit() for order in orders)
    assert not any(cell.startswith("'") for row in rows[1:] for cell in row)


def test_icalendar_text_holds_no_control_characters(seeded_store: Store) -> None:
    meeting = seeded_store.get_meeting(SEED_ID)
    hostile = meeting.model_copy(update={
        "id": "controls-1", "title": "Talks\x00 in \x1b[31mred\x07", "location": "Bru\x08ssels",
        "tags": ["tag\x1b"]})
    seeded_store.put_meetings([Meeting.from_json_dict(hostile.to_json_dict())])
    raw = exported(seeded_store, "ics", "controls-1")
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", raw)
    (event,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["summary"]) == "Talks  in  [31mred "


def test_icalendar_exports_a_meeting_ending_on_the_last_day_of_the_calendar(
        seeded_store: Store) -> None:
    meeting = seeded_store.get_meeting(SEED_ID)
    last = meeting.model_copy(update={"id": "last-day", "date": dt.date(9999, 12, 30),
                                      "end_date": dt.date.max})
    seeded_store.put_meetings([Meeting.from_json_dict(last.to_json_dict())])
    (event,) = icalendar.Calendar.from_ical(exported(seeded_store, "ics", "last-day")).walk(
        "VEVENT")
    assert event.decoded("dtstart") == dt.date(9999, 12, 30)
    assert event.decoded("duration") == dt.timedelta(days=2)
