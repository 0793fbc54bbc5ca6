"""Extraction quality over the fixture statements stays above the measured floor.

The floors are the precision and recall measured when the fixtures were written, less a
small margin; a change that makes extraction worse on any field fails here. The current
figures are in docs/import.md (`python -m dossier.store.extract.score`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.store.extract.score import FIELDS, Tally, score, statements

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
