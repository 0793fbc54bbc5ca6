"""The CSV's rows per kind of item: ids, parents and 1-based order, places; and the odd
values its guards see. Written for the mutants of store/export.py that survived the export
tests (docs/testing.md)."""

from __future__ import annotations

import csv
import io

from dossier.store.export import _cell, safe_link, write_csv
from dossier.store.model import Meeting

MEETING = {
    "id": "rows-1", "date": "2020-01-02", "title": "Rows", "status": "draft",
    "agenda": [{"id": "a-1", "order": 0, "title": "Item",
                "positions": [{"id": "pos-1", "party": "P", "stance": "S"},
                              {"party": "Q", "stance": "no id"}]}],
    "priorities": [{"id": "pr-1", "area": "Energy"}, {"id": "pr-2", "area": "Trade"}],
    "references": [{"id": "r-1", "title": "Treaty", "location": "Rome"},
                   {"id": "r-2", "title": "Charter"}],
    "outcomes": [{"id": "o-1", "description": "A plan"},
                 {"id": "o-2", "description": "A deal", "expected": False}],
}


def rows() -> list[dict[str, str]]:
    out = io.BytesIO()
    write_csv([Meeting.from_json_dict(MEETING)], out)
    return list(csv.DictReader(io.StringIO(out.getvalue().decode(), newline="")))


def of_kind(kind: str) -> list[dict[str, str]]:
    return [row for row in rows() if row["kind"] == kind]


def test_items_are_numbered_from_one_in_their_list() -> None:
    for kind in ("priority", "reference", "outcome", "position"):
        assert [row["order"] for row in of_kind(kind)] == ["1", "2"], kind
    assert [row["order"] for row in of_kind("agenda")] == ["0"]  # an agenda item's own


def test_rows_carry_their_ids_parents_and_places() -> None:
    assert [r["status"] for r in of_kind("meeting")] == ["draft"]
    assert [(r["id"], r["parent_id"]) for r in of_kind("position")] == [
        ("pos-1", "a-1"), ("", "a-1")]
    assert [(r["id"], r["place"]) for r in of_kind("reference")] == [
        ("r-1", "Rome"), ("r-2", "")]
    assert [(r["id"], r["expected"]) for r in of_kind("outcome")] == [
        ("o-1", "yes"), ("o-2", "no")]


def test_the_guards_on_odd_values() -> None:
    assert _cell(-1) == "'-1"  # a negative number would start like a formula
    assert (_cell(0), _cell(7), _cell(None), _cell(True)) == ("0", "7", "", "True")
    assert safe_link("http://[::1") is None  # a URL that cannot be parsed is no link
