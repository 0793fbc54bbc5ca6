"""Extraction quality over the fixture statements stays above the measured floor, and each
statement's dates are exactly what its expected file says.

The floors are the precision and recall measured when the fixtures were written, less a
small margin; a change that makes extraction worse on any field fails here. The current
figures are in docs/import.md (`python -m dossier.store.extract.score`). A floor of 0.9 over
13 statements lets one wrong date through, so the dates are also pinned per statement.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from dossier.store.extract import extract
from dossier.store.extract.score import FIELDS, Tally, compact, score, statements

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "statements"

# field: (precision floor, recall floor)
FLOORS = {
    "date": (0.9, 0.9), "date_inferred": (0.9, 0.9), "end_date": (0.9, 0.9),
    "location": (0.9, 0.9), "body": (0.8, 0.8), "level": (0.9, 0.9),
    "participants": (0.9, 0.85), "participant.role": (0.9, 0.9),
    "participant.party": (0.9, 0.85), "topics": (0.75, 0.8), "priorities": (0.85, 0.9),
    "references": (0.85, 0.8), "outcomes": (0.85, 0.85), "outcome.expected": (0.9, 0.9),
    "positions": (0.9, 0.9),
}


@pytest.fixture(scope="module")
def totals() -> dict[str, Tally]:
    return score(FIXTURES)


def test_there_are_enough_fixtures() -> None:
    assert len(statements(FIXTURES)) >= 9  # the seed and at least eight of our own


@pytest.mark.parametrize("field", FIELDS)
def test_field_quality_above_floor(totals: dict[str, Tally], field: str) -> None:
    tally = totals[field]
    precision_floor, recall_floor = FLOORS[field]
    assert tally.precision >= precision_floor, f"{field}: {tally}"
    assert tally.recall >= recall_floor, f"{field}: {tally}"


#: Statements whose dates the extractor gets wrong today, and how: each is a strict xfail,
#: so the test fails (XPASS) once the extractor is fixed and the entry must go.
KNOWN_WRONG_DATES: dict[str, str] = {}


def _statement_params() -> list[object]:
    params: list[object] = []
    for statement, expected in statements(FIXTURES):
        marks = []
        if statement.name in KNOWN_WRONG_DATES:
            marks.append(pytest.mark.xfail(reason=KNOWN_WRONG_DATES[statement.name],
                                           strict=True))
        params.append(pytest.param(statement, expected, id=statement.stem, marks=marks))
    return params


@pytest.mark.parametrize(("statement", "expected_path"), _statement_params())
def test_each_statement_gets_exactly_its_expected_dates(statement: Path,
                                                        expected_path: Path) -> None:
    expected = compact(orjson.loads(expected_path.read_bytes()))
    got = extract(statement.read_text(encoding="utf-8")).meeting.to_json_dict()
    fields = ("date", "date_inferred", "end_date")
    assert {f: got.get(f) for f in fields} == {f: expected.get(f) for f in fields}
