"""The Markdown briefing says what a meeting holds, section by section: every part that is
there, "None recorded" for an empty pane, no section for an empty optional one. Written for
the mutants of store/export.py that survived the export tests (docs/testing.md); it reads
the briefing by its headings, not byte for byte, so layout changes stay free."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest

from dossier.store.export import briefing, export
from dossier.store.model import Meeting, Note
from dossier.store.store import Store

WHEN = dt.datetime(2020, 1, 3, 9, 30, tzinfo=dt.timezone.utc)


def sections(text: str) -> dict[str, str]:
    """Each "## Heading" of the briefing and the text under it, stripped."""
    parts = re.split(r"^## (.+)$", text, flags=re.MULTILINE)
    return {heading: body.strip()
            for heading, body in zip(parts[1::2], parts[2::2], strict=True)}


def bare() -> Meeting:
    return Meeting.from_json_dict({"id": "bare-1", "date": "2020-01-02", "title": "Bare"})


def full() -> Meeting:
    return Meeting.from_json_dict({
        "id": "full-1", "date": "2020-01-02", "title": "Full",
        "agenda": [{"id": "a-2", "order": 2, "title": "Second", "summary": "Its summary"},
                   {"id": "a-1", "order": 1, "title": "First"}],
        "participants": [{"id": "p-1", "name": "Alone"},
                         {"id": "p-2", "name": "Delegation", "group": True}],
        "priorities": [{"id": "pr-1", "area": "Energy", "description": "Grids"},
                       {"id": "pr-2", "area": "Trade"}],
        "references": [{"id": "r-1", "title": "Treaty", "note": "Signed"},
                       {"id": "r-2", "title": "Charter"}],
        "outcomes": [{"id": "o-1", "description": "A plan"}],
        "sources": [{"id": "s-1", "title": "Press release", "kind": "statement",
                     "text": "First paragraph.\n\n  \n\nSecond paragraph."}],
    })


def note(target: str, text: str) -> Note:
    return Note(id=f"n-{abs(hash(target)) % 1000}", meeting_id="full-1", target=target,
                text=text, created=WHEN, updated=WHEN)


def test_an_empty_meeting_says_none_recorded_and_has_no_optional_sections() -> None:
    parts = sections(briefing(bare()))
    assert list(parts) == ["Agenda", "Participants", "Cooperation priorities"]
    assert set(parts.values()) == {"_None recorded._"}
    assert "## Notes" not in briefing(bare())  # notes not asked for
    assert sections(briefing(bare(), []))["Notes"] == "_No notes._"


def test_every_part_of_a_full_meeting_is_there() -> None:
    parts = sections(briefing(full()))
    assert list(parts) == ["Agenda", "Participants", "Cooperation priorities", "References",
                           "Outcomes", "Source"]
    assert "None recorded" not in "".join(parts.values())
    agenda = parts["Agenda"]
    assert agenda.index("First") < agenda.index("Second")  # by order
    assert "Its summary" in agenda and agenda.count("Its summary") == 1
    people = parts["Participants"].splitlines()
    assert [("(group)" in line) for line in people] == [False, True]
    priorities = parts["Cooperation priorities"].splitlines()
    assert priorities[0].endswith(": Grids") and priorities[1] == "- **Trade**"
    references = parts["References"].splitlines()
    assert references[0].endswith(": Signed") and references[1] == "- **Charter**"
    source = parts["Source"].splitlines()
    assert source[0] == "**Press release** (statement)"
    assert [line for line in source if line.startswith(">")] == [
        "> First paragraph.", ">", "> Second paragraph."]  # blank paragraphs dropped


def test_notes_say_which_item_they_are_on() -> None:
    text = briefing(full(), [note("meeting", "On the whole"),
                             note("agenda:a-1", "On the first item")])
    notes = sections(text)["Notes"]
    headings = [line for line in notes.splitlines() if line.startswith("### ")]
    assert headings[0] == "### 2020-01-03 09:30"
    assert headings[1].startswith("### 2020-01-03 09:30 — on ") and "First" in headings[1]
    assert notes.endswith("On the first item")


@pytest.mark.parametrize("fmt", ["json", "ndjson", "md", "csv", "ics", "popolo"])
def test_export_counts_the_meetings_it_wrote(empty_store: Store, fmt: str) -> None:
    empty_store.put_meetings([bare(), full()])
    assert export(empty_store, fmt, io.BytesIO()) == 2
    assert export(empty_store, fmt, io.BytesIO(), meeting_id="bare-1") == 1


def test_an_empty_store_exports_nothing_and_counts_zero(empty_store: Store) -> None:
    for fmt in ("json", "ndjson", "md", "csv"):
        assert export(empty_store, fmt, io.BytesIO()) == 0, fmt
