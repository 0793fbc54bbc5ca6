"""Every free-text field the CSV export writes is guarded, for every character that makes a
spreadsheet run a cell as a formula. (The older test cycles formulas through the fields; this
one puts each starting character in each field.)"""

from __future__ import annotations

import csv
import io

import pytest

from dossier.store.export import CSV_COLUMNS, export
from dossier.store.model import Meeting
from dossier.store.store import Store
from tests.conftest import SEED_ID

#: What OWASP's "CSV Injection" names, and the two whitespace characters that spreadsheets
#: skip before they look for one. Spelled out here, not imported, so that dropping one from
#: the guard fails this test.
STARTS = ("=", "+", "-", "@", "\t", "\r")

#: (row kind, CSV column, how the value is put into the meeting) for every free-text cell.
FIELDS = [
    ("agenda", "title", "agenda.title"), ("agenda", "summary", "agenda.summary"),
    ("agenda", "topics", "agenda.topics"),
    ("participant", "title", "participants.name"), ("participant", "role",
                                                     "participants.role"),
    ("participant", "party", "participants.party"),
    ("priority", "title", "priorities.area"), ("priority", "summary", "priorities.description"),
]


def hostile_value(start: str, where: str) -> str:
    return f"{start}HYPERLINK(\"http://x.example/?{where}\")"


def with_every_field_starting(meeting: Meeting, start: str) -> Meeting:
    def update(items: list, field: str, where: str) -> list:
        value = hostile_value(start, where)
        return [item.model_copy(update={field: [value] if field == "topics" else value})
                for item in items]

    changes: dict[str, list] = {"agenda": list(meeting.agenda),
                                "participants": list(meeting.participants),
                                "priorities": list(meeting.priorities)}
    for _, _, where in FIELDS:
        list_name, field = where.split(".")
        changes[list_name] = update(changes[list_name], field, where)
    hostile = meeting.model_copy(update={"id": "hostile-1", **changes})
    return Meeting.from_json_dict(hostile.to_json_dict())  # validated as a record


@pytest.mark.parametrize("start", STARTS, ids=repr)
def test_every_exported_text_field_starting_like_a_formula_is_made_text(
        seeded_store: Store, start: str) -> None:
    seeded_store.put_meetings([with_every_field_starting(seeded_store.get_meeting(SEED_ID),
                                                         start)])
    out = io.BytesIO()
    export(seeded_store, "csv", out, meeting_id="hostile-1")
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"), newline="")))
    assert rows and list(rows[0]) == list(CSV_COLUMNS)
    for kind, column, where in FIELDS:
        cells = [row[column] for row in rows if row["kind"] == kind]
        assert cells, f"no {kind} rows"
        assert cells == ["'" + hostile_value(start, where)] * len(cells), (kind, column)
    # No cell at all starts with a formula character, whatever column it is in.
    assert not [cell for row in rows for cell in row.values() if cell.startswith(STARTS)]
