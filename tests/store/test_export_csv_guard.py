"""Every free-text field the CSV export writes is guarded, for every character that makes a
spreadsheet run a cell as a formula. (The older test cycles formulas through some fields;
this one puts each starting character in every text field of the record, so a column the
CSV gains later is covered as soon as it carries one of them.)"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from dossier.store.export import export
from dossier.store.model import Meeting
from dossier.store.store import Store

#: What OWASP's "CSV Injection" names, and the two whitespace characters that spreadsheets
#: skip before they look for one. Spelled out here, not imported, so that dropping one from
#: the guard fails this test.
STARTS = ("=", "+", "-", "@", "\t", "\r")

#: Every free-text field of a record, by where it sits.
FIELDS = ("title", "body", "level", "location", "tags",
          "participant.name", "participant.role", "participant.party",
          "agenda.title", "agenda.summary", "agenda.topics",
          "position.party", "position.stance",
          "priority.area", "priority.description",
          "reference.title", "reference.location", "reference.note",
          "outcome.description", "source.url")


def hostile(start: str, where: str) -> str:
    return f'{start}HYPERLINK("http://x.example/?{where}")'


def hostile_record(start: str) -> dict[str, Any]:
    h = {where: hostile(start, where) for where in FIELDS}
    return {
        "id": "hostile-1", "date": "2020-01-02", "title": h["title"], "body": h["body"],
        "level": h["level"], "location": h["location"], "tags": [h["tags"]],
        "participants": [{"id": "p-1", "name": h["participant.name"],
                          "role": h["participant.role"], "party": h["participant.party"]}],
        "agenda": [{"id": "a-1", "order": 0, "title": h["agenda.title"],
                    "summary": h["agenda.summary"], "topics": [h["agenda.topics"]],
                    "positions": [{"id": "pos-1", "party": h["position.party"],
                                   "stance": h["position.stance"]}]}],
        "priorities": [{"id": "pr-1", "area": h["priority.area"],
                        "description": h["priority.description"]}],
        "references": [{"id": "r-1", "title": h["reference.title"],
                        "location": h["reference.location"], "note": h["reference.note"]}],
        "outcomes": [{"id": "o-1", "description": h["outcome.description"]}],
        "sources": [{"id": "s-1", "url": h["source.url"], "text": "x"}],
    }


@pytest.mark.parametrize("start", STARTS, ids=repr)
def test_every_exported_text_field_starting_like_a_formula_is_made_text(
        empty_store: Store, start: str) -> None:
    empty_store.put_meetings([Meeting.from_json_dict(hostile_record(start))])
    out = io.BytesIO()
    export(empty_store, "csv", out, meeting_id="hostile-1")
    rows = list(csv.reader(io.StringIO(out.getvalue().decode("utf-8"), newline="")))
    cells = [cell for row in rows[1:] for cell in row]
    # No cell starts with a formula character, whatever column it is in ...
    assert [cell for cell in cells if cell.startswith(STARTS)] == []
    # ... and every field the CSV writes is there, behind the apostrophe (a field joined
    # with others, like a list of tags, starts its cell or follows a "; ").
    written = [where for where in FIELDS
               if any(hostile(start, where) in cell for cell in cells)]
    assert written == list(FIELDS)  # every text field of the record is in the CSV
    for where in written:
        value = hostile(start, where)
        assert any(cell == "'" + value or cell.startswith("'" + value + "; ")
                   or ("; " + value) in cell for cell in cells), where
