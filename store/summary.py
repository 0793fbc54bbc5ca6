"""What the meeting list shows of a meeting: built from its stored JSON or the catalog.

Its own module, below both the store and the index, so that each can hand out summaries
without importing the other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


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
        )
