"""Reviewing a draft: the fields a reader checks one by one, and applying their decisions.

A draft meeting is broken into :class:`ReviewField` rows (the scalar fields, then each
participant, agenda item, position, priority, reference and outcome). Each row can be
accepted as it is, edited (its text re-parsed: ``name | role | party`` for a participant)
or dropped; :func:`apply_review` builds the final meeting (``status`` None, an ordinary
record) and validates it with the model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import RecordInvalid
from ..model import MODES, OCCURRENCES, Meeting, Span
from .spans import split

Decision = Literal["accept", "edit", "drop"]
SCALARS = ("title", "date", "end_date", "location", "body", "level")
REQUIRED = {"title", "date"}
#: Fields that take one of a few words: (label, the words). Shown when the draft has them.
CHOICES = {"mode": ("Mode", MODES), "occurrence": ("Held or announced", OCCURRENCES)}
#: The tags the extractor adds for a choice, so a list filter finds them ("call").
_CHOICE_TAGS = {"mode": {"call", "video"}, "occurrence": {"announced"}}


@dataclass(frozen=True)
class ReviewField:
    key: str  # "date", "participants:sergey-lavrov", "position:AGENDA-ID:INDEX" …
    label: str  # "Date", "Participant", …
    text: str  # the value as editable text
    span: Span | None
    hint: str = ""  # how an edit is parsed

    @property
    def droppable(self) -> bool:
        return self.key not in REQUIRED


def _join(*parts: object) -> str:
    return " | ".join("" if p is None else str(p) for p in parts)


def review_fields(meeting: Meeting) -> list[ReviewField]:
    fields: list[ReviewField] = []
    for name in SCALARS:
        value = getattr(meeting, name)
        text = value.isoformat() if isinstance(value, dt.date) else (value or "")
        hint = "YYYY-MM-DD" if name in ("date", "end_date") else ""
        label = name.replace("_", " ").capitalize()
        if name == "date":
            # An unknown or imprecise date reads as such ("unknown", "2024-05-??"), never
            # as the placeholder day the record has to hold.
            text = meeting.date_label
            if meeting.date_unsettled:
                label += " (not known: set it)"
            elif meeting.date_inferred:
                label += " (year inferred)"
        fields.append(ReviewField(name, label, text, meeting.source_spans.get(name), hint))
    for name, (label, options) in CHOICES.items():
        value = getattr(meeting, name)
        if value is not None:
            fields.append(ReviewField(name, label, value, None, " or ".join(options)))
    for p in meeting.participants:
        fields.append(ReviewField(f"participants:{p.id}", "Group" if p.group else "Participant",
                                  _join(p.name, p.role, p.party), p.source_span,
                                  "name | role | party"))
    for item in meeting.agenda:
        fields.append(ReviewField(f"agenda:{item.id}", f"Agenda {item.order}",
                                  _join(item.title, "; ".join(item.topics)), item.source_span,
                                  "title | topic; topic"))
        for number, position in enumerate(item.positions):
            fields.append(ReviewField(f"position:{item.id}:{number}", "Position",
                                      _join(position.party, position.stance),
                                      position.source_span, "party | stance"))
    for priority in meeting.priorities:
        fields.append(ReviewField(f"priorities:{priority.id}", "Priority",
                                  _join(priority.area, priority.description),
                                  priority.source_span, "area | description"))
    for ref in meeting.references:
        fields.append(ReviewField(f"references:{ref.id}", "Reference",
                                  _join(ref.title, ref.date.isoformat() if ref.date else "",
                                        ref.location or ""), ref.source_span,
                                  "title | YYYY-MM-DD | place"))
    for outcome in meeting.outcomes:
        fields.append(ReviewField(f"outcomes:{outcome.id}", "Outcome",
                                  _join(outcome.description,
                                        "expected" if outcome.expected else "reached"),
                                  outcome.source_span, "description | expected or reached"))
    return fields


def _parts(text: str, count: int) -> list[str]:
    parts = [p.strip() for p in text.split("|")]
    return (parts + [""] * count)[:count]


def _date(value: str, label: str) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise RecordInvalid(f'{label}: "{value}" is not a date like 2013-12-04') from None


def apply_review(draft: Meeting, decisions: dict[str, tuple[Decision, str]]) -> Meeting:
    """The final meeting: each field accepted, replaced by its edited text, or dropped.

    Fields without a decision are accepted. Raises :class:`RecordInvalid` (one sentence)
    when an edit does not parse or the result does not validate.
    """
    data: dict[str, Any] = draft.to_json_dict()
    data["status"] = None

    def decision(key: str) -> tuple[Decision, str] | None:
        return decisions.get(key)

    for name in SCALARS:
        chosen = decision(name)
        if chosen is None:
            continue
        kind, text = chosen
        if kind == "drop" and name not in REQUIRED:
            data[name] = None if name == "end_date" else ""
            data["source_spans"].pop(name, None)
        elif kind == "edit":
            if (name == "date" and draft.date_certainty != "day"
                    and text.strip() == draft.date_label):
                continue  # "2024-05-??" left as it showed: nothing was set
            if name in ("date", "end_date"):
                data[name] = _date(text.strip(), name)
                if name == "date":
                    # The reviewer has settled it, to the day.
                    data["date_inferred"] = False
                    data["date_origin"] = "set"
                    data["date_precision"] = "day"
            else:
                data[name] = text.strip()
            if not text.strip():
                data["source_spans"].pop(name, None)
    for name, (_label, options) in CHOICES.items():
        chosen = decision(name)
        if chosen is None or chosen[0] == "accept":
            continue
        value = None if chosen[0] == "drop" else chosen[1].strip().casefold() or None
        if value is not None and value not in options:
            raise RecordInvalid(f'{name}: "{chosen[1].strip()}" is not one of '
                                f'{", ".join(options)}')
        data[name] = value
        # The tags said what the extractor read; they follow the reviewer's word.
        marks = _CHOICE_TAGS[name]
        data["tags"] = [t for t in data["tags"] if t not in marks]
        if value in marks:
            data["tags"].append(value)
    if data.get("date") is None:
        raise RecordInvalid("date: is required")
    if data.get("date_origin") != "set" and draft.date_unsettled:
        # No draft becomes a record on a placeholder date (or a guessed year).
        raise RecordInvalid(f"date: {draft.date_label} — the statement does not give it; "
                            f"edit the date (e, YYYY-MM-DD) before saving")

    def keep(collection: str, prefix: str, edit: Any) -> None:
        kept = []
        for item in data[collection]:
            chosen = decision(f"{prefix}:{item['id']}")
            if chosen is not None and chosen[0] == "drop":
                continue
            if chosen is not None and chosen[0] == "edit":
                edit(item, chosen[1])
            kept.append(item)
        data[collection] = kept

    def edit_participant(item: dict[str, Any], text: str) -> None:
        item["name"], item["role"], item["party"] = _parts(text, 3)

    def edit_agenda(item: dict[str, Any], text: str) -> None:
        title, topics = _parts(text, 2)
        item["title"] = title
        item["topics"] = [t.strip() for t in topics.split(";") if t.strip()]

    def edit_priority(item: dict[str, Any], text: str) -> None:
        item["area"], item["description"] = _parts(text, 2)

    def edit_reference(item: dict[str, Any], text: str) -> None:
        title, date, location = _parts(text, 3)
        item["title"], item["date"] = title, _date(date, f"reference {item['id']}")
        item["location"] = location or None

    def edit_outcome(item: dict[str, Any], text: str) -> None:
        description, state = _parts(text, 2)
        item["description"] = description
        item["expected"] = not state.lower().startswith(("reached", "no", "false", "past"))

    keep("participants", "participants", edit_participant)
    keep("agenda", "agenda", edit_agenda)
    keep("priorities", "priorities", edit_priority)
    keep("references", "references", edit_reference)
    keep("outcomes", "outcomes", edit_outcome)
    for item in data["agenda"]:
        positions = []
        for number, position in enumerate(item["positions"]):
            chosen = decision(f"position:{item['id']}:{number}")
            if chosen is not None and chosen[0] == "drop":
                continue
            if chosen is not None and chosen[0] == "edit":
                position["party"], position["stance"] = _parts(chosen[1], 2)
            positions.append(position)
        item["positions"] = positions
    for order, item in enumerate(data["agenda"], start=1):
        item["order"] = order
    return Meeting.from_json_dict(data)


def context(text: str, span: Span | None) -> tuple[int, int]:
    """The sentence(s) around a span: what the reviewer reads a field against."""
    if span is None or not text:
        return (0, 0)
    start, end = span
    doc = split(text)
    first = next((s for s in doc.sentences if s.start <= start < s.end), None)
    last = next((s for s in doc.sentences if s.start < end <= s.end), None)
    return (first.start if first else start, last.end if last else end)
