"""store.shape: a notes file with a fault is refused with a sentence naming the fault."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dossier.store.errors import DamagedFile
from dossier.store.shape import check_notes_table

NOTES = Path("notes.json")


def _note(ident: str) -> dict[str, Any]:
    return {"id": ident, "meeting_id": "m", "target": "meeting", "text": "t",
            "created": "2026-01-01T00:00:00+00:00", "updated": "2026-01-01T00:00:00+00:00"}


def test_good_notes_pass() -> None:
    check_notes_table(NOTES, {"notes": {"1": _note("n-1"), "2": _note("n-2")}})
    check_notes_table(NOTES, {})


@pytest.mark.parametrize(("change", "said"), [
    ({"id": ""}, "document 2 has no note id"),
    ({"id": 7}, "document 2 has no note id"),
    ({"id": "n-1"}, "note n-1 is stored twice"),
    ({"text": None}, "note n-2: text is missing or not text"),
    ({"meeting_id": ["m"]}, "note n-2: meeting_id is missing or not text"),
    ({"created": 20260101}, "note n-2: created is missing or not text"),
    ({"updated": None}, "note n-2: updated is missing or not text"),
])
def test_each_fault_is_named(change: dict[str, Any], said: str) -> None:
    second = {**_note("n-2"), **change}
    with pytest.raises(DamagedFile, match=said):
        check_notes_table(NOTES, {"notes": {"1": _note("n-1"), "2": second}})


def test_a_missing_field_is_named() -> None:
    second = _note("n-2")
    del second["updated"]
    with pytest.raises(DamagedFile, match="note n-2: updated is missing"):
        check_notes_table(NOTES, {"notes": {"1": _note("n-1"), "2": second}})
