"""What the meeting list shows of a meeting: built from its stored JSON or the catalog.

Its own module, below both the store and the index, so that each can hand out summaries
without importing the other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .date_shown import certainty, date_label


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    """What the meeting list shows; cheap to build for every meeting."""

    id: str
    date: dt.date
    date_inferred: bool
    body: str
    title: str
    level: str
    location: str
    status: str | None
    tags: tuple[str, ...]
    #: How sure the date is, one of date_shown.CERTAINTIES: only a draft's can be other
    #: than "day". Kept in the catalog so the list never reads a record to show its date.
    date_certainty: str = "day"

    @classmethod
    def from_doc(cls, doc: dict[str, Any]) -> MeetingSummary:
        return cls(
            id=doc["id"],
            date=dt.date.fromisoformat(doc["date"]),
            date_inferred=bool(doc.get("date_inferred", False)),
            body=doc.get("body", ""),
            title=doc["title"],
            level=doc.get("level", ""),
            location=doc.get("location", ""),
            status=doc.get("status"),
            tags=tuple(doc.get("tags", ())),
            date_certainty=doc_date_certainty(doc),
        )

    @property
    def date_label(self) -> str:
        """The date as the list shows it: ``2024-05-14``, ``2024-05-??``, ``unknown``…
        (never a placeholder's own day)."""
        return date_label(self.date, self.date_certainty)


def doc_date_certainty(doc: dict[str, Any]) -> str:
    """How sure a stored meeting's date is (date_shown.CERTAINTIES), from its JSON."""
    origin, precision = doc.get("date_origin"), doc.get("date_precision")
    return certainty(origin if isinstance(origin, str) else None,
                     precision if isinstance(precision, str) else None)
