"""Edits to one meeting as pure functions: each returns a new, validated Meeting.

Meetings are frozen, so an edit is "copy with one item added, replaced or removed"; the
result is validated as a whole record (ids unique, spans inside the source) before anyone
can save it. :func:`apply_edit` is the only function here that touches a store: it re-reads
the meeting under the store's write lock, applies the edit to what is on disk *now* and
saves, so an edit never overwrites a change another process made in the meantime.

Forms get per-field messages from :class:`FieldErrors`, so a bad date is shown beside the
date field rather than as one sentence for the whole record.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import NotFound, RecordInvalid
from .model import (
    AgendaItem,
    Meeting,
    Outcome,
    Participant,
    Position,
    Priority,
    Reference,
    describe_validation_error,
    field_path,
)

if TYPE_CHECKING:
    from .store import Store

ItemKind = Literal["agenda", "participant", "priority", "reference", "outcome", "position"]

#: The Meeting list field that holds each kind of item (positions live inside agenda items).
LIST_FIELD: dict[str, str] = {
    "agenda": "agenda",
    "participant": "participants",
    "priority": "priorities",
    "reference": "references",
    "outcome": "outcomes",
}
ITEM_MODEL: dict[str, type[BaseModel]] = {
    "agenda": AgendaItem,
    "participant": Participant,
    "priority": Priority,
    "reference": Reference,
    "outcome": Outcome,
    "position": Position,
}
#: How a kind of item is named in a sentence ("Delete agenda item …?").
ITEM_NOUN: dict[str, str] = {
    "agenda": "agenda item",
    "participant": "participant",
    "priority": "priority",
    "reference": "reference",
    "outcome": "outcome",
    "position": "position",
}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_FRIENDLY = {
    "string_too_short": "must not be empty",
    "missing": "is required",
    "int_parsing": "must be a whole number",
    "greater_than_equal": "must be 0 or more",
}

M = TypeVar("M", bound=BaseModel)


class FieldErrors(RecordInvalid):
    """Validation failed; ``fields`` maps a top-level field name to its problem.

    Problems that belong to no single field (``end_date is before date``) are under "".
    """

    def __init__(self, sentence: str, fields: Mapping[str, str]) -> None:
        super().__init__(sentence)
        self.fields = dict(fields)


# -- building validated models -----------------------------------------------------------


def build(model: type[M], data: Mapping[str, Any], *, kind: str | None = None) -> M:
    """Validate ``data`` as ``model``; raise :class:`FieldErrors` naming every bad field."""
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        fields: dict[str, str] = {}
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            name = str(loc[0]) if loc and isinstance(loc[0], str) else ""
            if name.startswith("function-"):
                name = ""
            fields.setdefault(name, _friendly(error, loc))
        label = kind or model.__name__.lower()
        sentence = describe_validation_error(exc, dict(data), kind=label)
        raise FieldErrors(sentence, fields) from None


def _friendly(error: Any, loc: tuple[Any, ...]) -> str:
    message = _FRIENDLY.get(error["type"], str(error["msg"]))
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    if error["type"] == "string_too_long":
        message = f"is too long (at most {error['ctx']['max_length']:,} characters)"
    if error["type"] == "string_pattern_mismatch":
        message = "must be lower-case letters, digits and dashes"
    if error["type"].startswith("date"):
        message = "must be a date written YYYY-MM-DD"
    inner = field_path(loc[1:])
    return f"{inner}: {message}" if inner else message


def parse_iso_date(text: str) -> dt.date:
    """A date typed as YYYY-MM-DD (nothing looser: 04/12 means different days to different
    readers)."""
    value = text.strip()
    if not _ISO_DATE.match(value):
        raise ValueError("must be a date written YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value} is not a day of the calendar") from None


# -- ids ---------------------------------------------------------------------------------


def slugify(text: str, *, fallback: str = "item", max_length: int = 48) -> str:
    """``"Counter-piracy (Gulf of Aden)"`` -> ``counter-piracy-gulf-of-aden``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or fallback


def unique_id(base: str, taken: Callable[[str], bool] | Iterable[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is not taken yet."""
    is_taken = taken if callable(taken) else set(taken).__contains__
    if not is_taken(base):
        return base
    n = 2
    while is_taken(f"{base}-{n}"):
        n += 1
    return f"{base}-{n}"


def item_ids(meeting: Meeting, kind: str) -> set[str]:
    if kind == "position":
        return {p.id for item in meeting.agenda for p in item.positions if p.id is not None}
    return {item.id for item in getattr(meeting, LIST_FIELD[kind])}


def new_item_id(meeting: Meeting, kind: str, text: str) -> str:
    """A stable, readable id for a new item, unique among its kind in the meeting."""
    return unique_id(slugify(text, fallback=kind), item_ids(meeting, kind))


def new_meeting_id(date: dt.date, name: str, taken: Callable[[str], bool]) -> str:
    """``nrc-2013-12-04``-style: a short slug of the body (or title) and the date."""
    words = slugify(name, fallback="meeting", max_length=40)
    return unique_id(f"{words}-{date.isoformat()}", taken)


# -- item edits --------------------------------------------------------------------------


def _rebuild(meeting: Meeting, **changes: Any) -> Meeting:
    """The meeting with ``changes`` applied, validated as a whole record."""
    data = meeting.to_json_dict()
    data.update({key: _dump(value) for key, value in changes.items()})
    return Meeting.from_json_dict(data)


def _dump(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_dump(v) for v in value]
    return value


def find_item(meeting: Meeting, kind: str, item_id: str, *,
              parent: str | None = None) -> BaseModel:
    """The item of ``kind`` with ``item_id`` (positions: searched in every agenda item, or
    in ``parent`` when given)."""
    if kind == "position":
        for agenda_item in meeting.agenda:
            if parent is not None and agenda_item.id != parent:
                continue
            for position in agenda_item.positions:
                if position.id == item_id:
                    return position
    else:
        for item in getattr(meeting, LIST_FIELD[kind]):
            if item.id == item_id:
                return item
    raise NotFound(f'meeting {meeting.id} has no {ITEM_NOUN[kind]} "{item_id}"')


def with_fresh_id(meeting: Meeting, kind: str, item: BaseModel) -> BaseModel:
    """``item`` with an id not yet used in ``meeting`` (as it is on disk now): another
    writer may have taken the id the form derived from an older copy."""
    item_id = getattr(item, "id", None)
    if item_id is None or item_id not in item_ids(meeting, kind):
        return item
    return item.model_copy(update={"id": unique_id(item_id, item_ids(meeting, kind))})


def item_index(meeting: Meeting, kind: str, item_id: str) -> int:
    """Where the item is in its list (for putting it back on undo)."""
    if kind == "position":
        for agenda_item in meeting.agenda:
            for i, position in enumerate(agenda_item.positions):
                if position.id == item_id:
                    return i
    else:
        for i, item in enumerate(getattr(meeting, LIST_FIELD[kind])):
            if item.id == item_id:
                return i
    raise NotFound(f'meeting {meeting.id} has no {ITEM_NOUN[kind]} "{item_id}"')


def parent_of_position(meeting: Meeting, position_id: str) -> str:
    for agenda_item in meeting.agenda:
        if any(p.id == position_id for p in agenda_item.positions):
            return agenda_item.id
    raise NotFound(f'meeting {meeting.id} has no position "{position_id}"')


def put_item(meeting: Meeting, kind: str, item: BaseModel, *, parent: str | None = None,
             replace: str | None = None, index: int | None = None) -> Meeting:
    """The meeting with ``item`` added (at the end, or at ``index`` — used by undo), or
    replacing the item whose id is ``replace``. A position goes into the agenda item
    ``parent``.
    """
    if kind == "position":
        if parent is None:
            raise NotFound("a position belongs to an agenda item; none was given")
        agenda = [
            agenda_item.model_copy(update={"positions": _put(agenda_item.positions, item,
                                                             replace, index)})
            if agenda_item.id == parent else agenda_item
            for agenda_item in meeting.agenda
        ]
        if not any(a.id == parent for a in meeting.agenda):
            raise NotFound(f'meeting {meeting.id} has no agenda item "{parent}"')
        return _rebuild(meeting, agenda=agenda)
    field = LIST_FIELD[kind]
    return _rebuild(meeting, **{field: _put(getattr(meeting, field), item, replace, index)})


def _put(items: list[Any], item: BaseModel, replace: str | None,
         index: int | None = None) -> list[Any]:
    if replace is None:
        at = len(items) if index is None else max(0, min(index, len(items)))
        return [*items[:at], item, *items[at:]]
    out = [item if getattr(old, "id", None) == replace else old for old in items]
    if not any(getattr(old, "id", None) == replace for old in items):
        raise NotFound(f'no item "{replace}" to replace')
    return out


def remove_item(meeting: Meeting, kind: str, item_id: str) -> Meeting:
    """The meeting without the item of ``kind`` whose id is ``item_id``."""
    find_item(meeting, kind, item_id)  # a clear NotFound first
    if kind == "position":
        agenda = [
            agenda_item.model_copy(update={
                "positions": [p for p in agenda_item.positions if p.id != item_id]})
            for agenda_item in meeting.agenda
        ]
        return _rebuild(meeting, agenda=agenda)
    field = LIST_FIELD[kind]
    return _rebuild(meeting, **{field: [i for i in getattr(meeting, field) if i.id != item_id]})


def with_fields(meeting: Meeting, fields: Mapping[str, Any]) -> Meeting:
    """The meeting with scalar fields (title, date, …) changed; :class:`FieldErrors` when bad."""
    data = meeting.to_json_dict()
    data.update({key: _dump(value) for key, value in fields.items()})
    return build(Meeting, data, kind="meeting")


# -- saving ------------------------------------------------------------------------------


def apply_edit(store: Store, meeting_id: str, edit: Callable[[Meeting], Meeting]) -> Meeting:
    """Re-read ``meeting_id``, apply ``edit`` to it and save, all under the write lock.

    Holding the lock across read, edit and write means another process's change to the same
    meeting is either already in what ``edit`` sees, or waits until this one is saved —
    never silently overwritten.
    """
    with store.transaction():  # update_meeting's own transaction joins this one
        current = store.get_meeting(meeting_id)
        changed = edit(current)
        if changed.id != meeting_id:
            raise RecordInvalid(f"meeting {meeting_id}: an edit cannot change the id")
        return store.update_meeting(changed)
