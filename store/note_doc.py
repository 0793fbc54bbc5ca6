"""A new note's stored JSON, built without the record model (issue 16).

`dossier note add` is a whole process: importing pydantic and validating the whole meeting
to learn its note targets cost ~0.1 s of its ~0.22 s. Every field of a new note is ours
(a fresh id, the time, the text checked by :func:`store.limits.check_note_text`, a target
taken from the stored meeting), so the note is valid by construction: the JSON built here
is exactly what ``Note(...).to_json_dict()`` gives (tests/store/test_note_doc.py holds the
two side by side). The record model (store.model) uses the same slug rule, tag rule and
target names from here, so the two cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

SLUG_PATTERN = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"
SLUG = re.compile(SLUG_PATTERN)
#: A slug's longest form (store.model.Slug).
SLUG_MAX = 120

NOTE_TARGET_KINDS = ("meeting", "agenda", "participant", "priority", "position", "reference",
                     "outcome")
_TAG = re.compile(r"(?<![\w#])#([\w][\w-]*)", re.UNICODE)

#: The meeting fields whose items take notes, with the field that labels each item.
_ITEM_FIELDS = (("participants", "participant", "name"), ("priorities", "priority", "area"),
                ("references", "reference", "title"), ("outcomes", "outcome", "description"))


def tags_in(text: str) -> list[str]:
    """``#words`` in a note, lower-cased, unique, in order of appearance."""
    seen: dict[str, None] = {}
    for match in _TAG.finditer(text):
        seen.setdefault(match.group(1).lower(), None)
    return list(seen)


def is_slug(value: object) -> bool:
    return isinstance(value, str) and 0 < len(value) <= SLUG_MAX and SLUG.match(value) is not None


def doc_targets(doc: dict[str, Any]) -> dict[str, str]:
    """Every note target of a meeting, from its stored JSON, with a short human label:
    "meeting", then "agenda:ID" (and "position:ID" of its positions), "participant:ID",
    "priority:ID", "reference:ID", "outcome:ID". An item without a slug id (a damaged
    record; the model refuses it) offers no target, so a note's target is always valid."""
    labels: dict[str, str] = {"meeting": str(doc.get("title", ""))}
    for item in _items(doc, "agenda"):
        if is_slug(item.get("id")):
            labels[f"agenda:{item['id']}"] = str(item.get("title", ""))
        for position in _items(item, "positions"):
            if is_slug(position.get("id")):
                labels[f"position:{position['id']}"] = (f"{position.get('party', '')}: "
                                                        f"{position.get('stance', '')}")
    for field, kind, label in _ITEM_FIELDS:
        for item in _items(doc, field):
            if is_slug(item.get("id")):
                labels[f"{kind}:{item['id']}"] = str(item.get(label, ""))
    return labels


def _items(doc: dict[str, Any], field: str) -> list[dict[str, Any]]:
    items = doc.get(field)
    if not isinstance(items, list):
        return []
    return [item for item in items if isinstance(item, dict)]


def stamp(when: dt.datetime) -> str:
    """A UTC time as the model writes it: ``2026-12-02T18:42:36Z``."""
    utc = when.astimezone(dt.timezone.utc)
    text = utc.replace(tzinfo=None).isoformat()
    return f"{text}Z"


def new_note_doc(note_id: str, meeting_id: str, target: str, text: str,
                 created: dt.datetime) -> dict[str, Any]:
    """The stored JSON of a new note, key for key as ``Note.to_json_dict()`` writes it.

    The caller checked the text and took the target from :func:`doc_targets` of the stored
    meeting; the ids are checked here, so what is written always validates as a Note.
    """
    if not is_slug(note_id) or not is_slug(meeting_id):
        raise ValueError(f"not a note id and meeting id: {note_id!r}, {meeting_id!r}")
    when = stamp(created)
    return {"id": note_id, "meeting_id": meeting_id, "target": target, "text": text,
            "created": when, "updated": when, "tags": tags_in(text)}
