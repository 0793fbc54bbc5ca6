"""store.storage.appended_doc_tail: a note added to the notes file's bytes without
parsing them must give exactly the bytes the storage writes for the parsed file with the
note added (TinyDB's next id, max + 1), and must refuse every file it cannot be sure of."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from dossier.store.storage import TABLE_CLOSING, appended_doc_tail

NEW = {"id": "n-new", "meeting_id": "m-1", "text": "fresh\n    \"9\": {", "tags": []}


def _indented(tables: dict[str, Any]) -> bytes:
    return orjson.dumps(tables, option=orjson.OPT_INDENT_2)


def _notes(ids: list[int]) -> dict[str, dict[str, Any]]:
    # Texts that look like the file's own lines once their newlines are escaped.
    return {str(i): {"id": f"n-{i}", "meeting_id": "m-1",
                     "text": f'note {i}\n    "{i + 100}": {{\n  "other": {{',
                     "tags": ["a", "é"], "nested": {"list": [{"deep": i}]}}
            for i in ids}


@pytest.mark.parametrize("ids", [[1], [1, 2, 3], [1, 4, 9], [7, 2, 5], list(range(1, 2001))])
def test_the_note_is_added_as_a_rewrite_would_add_it(ids: list[int]) -> None:
    tables = {"notes": _notes(ids)}
    payload = _indented(tables)
    tail = appended_doc_tail(payload, "notes", NEW, docs_in_table=len(ids))
    assert tail is not None
    tables["notes"][str(max(ids) + 1)] = NEW
    assert payload[:-len(TABLE_CLOSING)] + tail == _indented(tables)


@pytest.mark.parametrize("case", ["another table after", "another table before",
                                  "an empty table after", "compact", "empty",
                                  "an id not a number", "an empty id",
                                  "a count that is off"])
def test_a_file_it_cannot_be_sure_of_is_left_to_a_rewrite(case: str) -> None:
    notes = _notes([1, 2])
    count = 2
    tables: dict[str, Any] = {"notes": notes}
    if case == "another table after":
        tables = {"notes": notes, "3": _notes([3])}  # whose name looks like a doc id
    elif case == "another table before":
        tables = {"_default": _notes([5]), "notes": notes}
    elif case == "an empty table after":
        tables = {"notes": notes, "_default": {}}
    elif case == "empty":
        tables, count = {"notes": {}}, 0
    elif case == "an id not a number":
        tables = {"notes": {"1": notes["1"], "x": notes["2"]}}
    elif case == "an empty id":
        tables = {"notes": {"1": notes["1"], "": notes["2"]}}
    elif case == "a count that is off":
        count = 1
    payload = (orjson.dumps(tables) if case == "compact" else _indented(tables))
    assert appended_doc_tail(payload, "notes", NEW, docs_in_table=count) is None
