"""What a search returns: the contract between store/ search and the app's jump-to-hit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

HitKind = Literal["meeting", "agenda", "participant", "priority", "position", "reference",
                  "outcome", "note", "source"]


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result, enough to show it and to jump to it in context.

    ``target`` names the item in a meeting the way notes do ("meeting", "agenda:ID",
    "participant:ID", "priority:ID", "position:ID", "reference:ID", "outcome:ID"), or
    "note:NOTE_ID" for a note and "source" for the source text. ``span`` is the
    [start, end) range in the meeting's source text behind the hit, when known.
    ``highlights`` are [start, end) ranges of the matched words within ``snippet``.
    """

    kind: HitKind
    meeting_id: str
    date: dt.date
    title: str
    target: str
    snippet: str
    highlights: tuple[tuple[int, int], ...] = ()
    span: tuple[int, int] | None = None
    score: float = 0.0
    #: The title of the meeting the hit is in (``title`` names the item itself).
    meeting_title: str = ""
