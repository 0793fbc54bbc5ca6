"""The record model: every entity of a meeting record, validated with pydantic v2.

Why pydantic (not msgspec): its validation errors carry a precise location tuple
(``("agenda", 2, "title")``) that we turn into one readable sentence naming the record and
field path, it validates nested models with custom rules in plain Python, and it is the
best-known validation library for contributors. Speed is adequate: validating a 5 KB
meeting takes well under a millisecond, and the hot paths (list, search) read derived data.

Models are frozen: a value handed out by the store can never be mutated behind its back.
The JSON form (``Meeting.to_json_dict``) is the interchange format: what `dossier export
--format json` writes and `dossier import` reads (docs/import.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from .date_shown import certainty, date_label, unsettled
from .errors import RecordInvalid

# The slug, target and tag rules live with the note's JSON (store.note_doc), which `note
# add` builds without this module; imported from here too, as before.
from .note_doc import NOTE_TARGET_KINDS, SLUG_MAX, doc_targets
from .note_doc import SLUG as _SLUG
from .note_doc import SLUG_PATTERN as SLUG_PATTERN
from .note_doc import tags_in as tags_in
from .version import SCHEMA_VERSION

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=1,
                                        max_length=SLUG_MAX)]
NonEmpty = Annotated[str, StringConstraints(min_length=1, max_length=10_000)]
Text = Annotated[str, StringConstraints(max_length=10_000)]
LongText = Annotated[str, StringConstraints(max_length=2_000_000)]

#: A half-open character range ``[start, end)`` into the meeting's first source text.
Span = tuple[int, int]


class _Model(BaseModel):
    # defer_build: validators are built on first use (in a worker), not at import, which
    # keeps ~0.1 s off the app's start-up.
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False,
                              defer_build=True)


class Position(_Model):
    """What one party said or will say on an agenda item."""

    id: Slug | None = None
    party: NonEmpty
    stance: NonEmpty
    source_span: Span | None = None


class Participant(_Model):
    id: Slug
    name: NonEmpty
    role: Text = ""
    party: Text = ""
    group: bool = False
    source_span: Span | None = None


class AgendaItem(_Model):
    id: Slug
    order: int = Field(ge=0)
    title: NonEmpty
    summary: Text = ""
    topics: list[NonEmpty] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    source_span: Span | None = None


class Priority(_Model):
    id: Slug
    area: NonEmpty
    description: Text = ""
    source_span: Span | None = None


class Reference(_Model):
    id: Slug
    title: NonEmpty
    date: dt.date | None = None
    location: Text | None = None
    note: Text = ""
    source_span: Span | None = None


class Outcome(_Model):
    id: Slug
    description: NonEmpty
    expected: bool = True
    source_span: Span | None = None


class Source(_Model):
    id: Slug
    issuer: Text = ""
    kind: Text = ""
    title: Text = ""
    date: dt.date | None = None
    url: Text | None = None
    language: Text = "en"
    text: LongText = ""


#: Meeting fields added after version 1 was released, kept out of the JSON while unset.
_OMITTED_WHEN_NONE = ("date_origin", "date_precision", "mode", "occurrence")
#: How the parties met (after PLOVER's CONSULT modes) and whether the meeting has happened.
MODES = ("in person", "call", "video")
OCCURRENCES = ("announced", "held")


class Meeting(_Model):
    """One meeting; the unit of import, export and storage."""

    schema_version: int = SCHEMA_VERSION
    id: Slug
    title: NonEmpty
    body: Text = ""
    level: Text = ""
    date: dt.date
    date_inferred: bool = False
    #: Where the date came from: "text", "published" (the page's date), "dateline",
    #: "assumed" (nothing gave it: a placeholder) or "set" (by the reviewer). None: not
    #: recorded (records written before these fields, or by hand), read as stated. Optional
    #: with defaults, so older records load unchanged (no migration, same schema_version).
    date_origin: Literal["text", "published", "dateline", "assumed", "set"] | None = None
    #: How precise the date is: "day", "month", "year" or "unknown" (ACLED-style).
    date_precision: Literal["day", "month", "year", "unknown"] | None = None
    end_date: dt.date | None = None
    location: Text = ""
    #: How the parties met: "in person", "call" or "video". None: not recorded.
    mode: Literal["in person", "call", "video"] | None = None
    #: "announced" (a meeting to come, as the statement tells it) or "held" (a report).
    #: Not ``status``, which is the record's own (a draft or not).
    occurrence: Literal["announced", "held"] | None = None
    status: Literal["draft", "final"] | None = None
    tags: list[NonEmpty] = Field(default_factory=list)
    participants: list[Participant] = Field(default_factory=list)
    agenda: list[AgendaItem] = Field(default_factory=list)
    priorities: list[Priority] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    #: Where a scalar field (date, location, body, level, title) was read in the source.
    source_spans: dict[str, Span] = Field(default_factory=dict)

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value > SCHEMA_VERSION:
            raise ValueError(
                f"schema_version {value} is newer than this dossier understands "
                f"({SCHEMA_VERSION}); upgrade meeting-dossier"
            )
        if value < 1:
            raise ValueError("must be 1 or more")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Meeting:
        if self.end_date is not None and self.end_date < self.date:
            raise ValueError(f"end_date {self.end_date} is before date {self.date}")
        for name in ("participants", "agenda", "priorities", "references", "outcomes",
                     "sources"):
            _unique_ids(name, getattr(self, name))
        _unique_ids("positions", [p for item in self.agenda for p in item.positions
                                  if p.id is not None])
        text_length = len(self.sources[0].text) if self.sources else 0
        for path, span in self.spans():
            start, end = span
            if not 0 <= start <= end <= text_length:
                raise ValueError(
                    f"{path}.source_span [{start}, {end}] lies outside the source text "
                    f"({text_length} characters)"
                )
        return self

    # -- convenience -----------------------------------------------------------------

    def spans(self) -> Iterable[tuple[str, Span]]:
        """Every (field path, span) pair of the record."""
        yield from self.source_spans.items()
        for label, items in (("participants", self.participants),
                             ("priorities", self.priorities),
                             ("references", self.references), ("outcomes", self.outcomes)):
            for i, item in enumerate(items):
                if item.source_span is not None:
                    yield f"{label}[{i}]", item.source_span
        for i, agenda_item in enumerate(self.agenda):
            if agenda_item.source_span is not None:
                yield f"agenda[{i}]", agenda_item.source_span
            for j, position in enumerate(agenda_item.positions):
                if position.source_span is not None:
                    yield f"agenda[{i}].positions[{j}]", position.source_span

    @property
    def date_certainty(self) -> str:
        """One of :data:`store.date_shown.CERTAINTIES`: how much of the date is known."""
        return certainty(self.date_origin, self.date_precision)

    @property
    def date_unsettled(self) -> bool:
        """The date is a placeholder (or its year a guess) that review must set."""
        return unsettled(self.date_origin, self.date_precision)

    @property
    def date_label(self) -> str:
        """The date as shown: ``2024-05-??``, ``unknown`` … never a placeholder's day."""
        return date_label(self.date, self.date_certainty)

    @property
    def source_text(self) -> str:
        return self.sources[0].text if self.sources else ""

    def targets(self) -> dict[str, str]:
        """Every note target of this meeting with a short human label (the same list the
        store offers for a stored record, from one function)."""
        return doc_targets(self.to_json_dict())

    def to_json_dict(self) -> dict[str, Any]:
        """The interchange form: plain JSON types, every field present, stable key order.

        The date's origin and precision are left out while unrecorded (None): a record
        without them is then written exactly as before they existed, which older builds
        (that refuse unknown fields) still read.
        """
        data = self.model_dump(mode="json")
        for optional in _OMITTED_WHEN_NONE:
            if data[optional] is None:
                del data[optional]
        return data

    @classmethod
    def from_json_dict(cls, data: Any) -> Meeting:
        """Validate one record; raise :class:`RecordInvalid` with a one-sentence message."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise RecordInvalid(describe_validation_error(exc, data)) from None


class Note(_Model):
    id: Slug
    meeting_id: Slug
    target: NonEmpty = "meeting"
    text: LongText
    created: dt.datetime
    updated: dt.datetime
    tags: list[str] = Field(default_factory=list)

    @field_validator("target")
    @classmethod
    def _known_target(cls, value: str) -> str:
        if value == "meeting":
            return value
        kind, _, item_id = value.partition(":")
        if kind not in NOTE_TARGET_KINDS or not _SLUG.match(item_id):
            raise ValueError(
                f'must be "meeting" or KIND:ID with KIND one of '
                f'{", ".join(NOTE_TARGET_KINDS[1:])}, got "{value}"'
            )
        return value

    @field_validator("created", "updated")
    @classmethod
    def _aware(cls, value: dt.datetime) -> dt.datetime:
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.timezone.utc)
        return value

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @classmethod
    def from_json_dict(cls, data: Any) -> Note:
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise RecordInvalid(describe_validation_error(exc, data, kind="note")) from None


def _unique_ids(label: str, items: Iterable[Any]) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f'{label}: duplicate id "{item.id}"')
        seen.add(item.id)


# -- error messages ----------------------------------------------------------------------

_FRIENDLY = {
    "string_too_short": "must not be empty",
    "missing": "is required",
    "extra_forbidden": "is not a known field",
    "string_pattern_mismatch": "must be a lower-case slug such as nrc-2013-12-04",
}


def field_path(loc: tuple[int | str, ...]) -> str:
    """``("agenda", 2, "title")`` -> ``agenda[2].title``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("function-after[_consistent(), Meeting]",):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


def describe_validation_error(exc: ValidationError, data: Any, kind: str = "meeting") -> str:
    """One sentence: ``meeting nrc-2013-12-04: agenda[2].title: must not be empty``.

    Only the first error is named; a record is fixed one field at a time.
    """
    record_id = data.get("id") if isinstance(data, dict) else None
    who = f"{kind} {record_id}" if isinstance(record_id, str) and record_id else kind
    if not isinstance(data, dict):
        return f"{who}: expected a JSON object, got {type(data).__name__}"
    error = exc.errors(include_url=False)[0]
    path = field_path(tuple(error["loc"]))
    message = _FRIENDLY.get(error["type"], error["msg"])
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    if error["type"] == "string_too_long":
        message = f"is too long (at most {error['ctx']['max_length']:,} characters)"
    return f"{who}: {path}: {message}" if path else f"{who}: {message}"
