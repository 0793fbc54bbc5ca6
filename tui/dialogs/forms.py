"""The forms: a meeting, and each kind of item a meeting holds.

Each form knows its fields and how its values become a model (new ids are derived from
the title or name, unique within the meeting); the model validates. What to do with the
result — usually ``store.edit.apply_edit`` — is the ``save`` callable the app passes in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from dossier.store.edit import (
    ITEM_MODEL,
    ITEM_NOUN,
    build,
    new_item_id,
    new_meeting_id,
    with_fields,
)
from dossier.store.model import Meeting

from .form_base import FormField, FormScreen


class MeetingForm(FormScreen[Meeting]):
    """New meeting (``meeting`` None) or the scalar fields of an existing one."""

    FIELDS = (
        FormField("title", "Title", placeholder="NATO-Russia Council session …"),
        FormField("body", "Body", placeholder="NATO-Russia Council"),
        FormField("level", "Level", placeholder="foreign ministers"),
        FormField("date", "Date", "date", placeholder="YYYY-MM-DD"),
        FormField("date_inferred", "Date inferred (not stated in the source)", "bool"),
        FormField("location", "Location", placeholder="Brussels"),
        FormField("tags", "Tags", "list", placeholder="comma, separated"),
    )

    def __init__(self, meeting: Meeting | None = None, *,
                 taken: Callable[[str], bool] = lambda _id: False,
                 save: Callable[[Meeting], object] | None = None) -> None:
        self.meeting = meeting
        self.taken = taken
        initial = meeting.to_json_dict() if meeting is not None else {}
        title = "New meeting" if meeting is None else f"Edit meeting {meeting.id}"
        super().__init__(title, initial, save=save)

    def make(self, values: dict[str, Any]) -> Meeting:
        if self.meeting is not None:
            return with_fields(self.meeting, values)
        date = dt.date.fromisoformat(values["date"])
        meeting_id = new_meeting_id(date, values["body"] or values["title"], self.taken)
        return build(Meeting, {"id": meeting_id, **values}, kind="meeting")


class ItemForm(FormScreen[BaseModel]):
    """Add (``item`` None) or edit one item of ``meeting``; the model is the kind's."""

    KIND = ""
    #: The field a new item's id is derived from.
    ID_FROM = ""

    def __init__(self, meeting: Meeting, item: BaseModel | None = None, *,
                 save: Callable[[BaseModel], object] | None = None) -> None:
        self.meeting = meeting
        self.item = item
        noun = ITEM_NOUN[self.KIND]
        initial = item.model_dump(mode="json") if item is not None else self.defaults()
        title = f"New {noun}" if item is None else f"Edit {noun}"
        super().__init__(title, initial, save=save)

    def defaults(self) -> dict[str, Any]:
        return {}

    def make(self, values: dict[str, Any]) -> BaseModel:
        if self.item is not None:
            # Keep what the form does not show (id, source span, positions).
            data = {**self.item.model_dump(mode="json"), **values}
        else:
            seed = str(values.get(self.ID_FROM) or "")
            data = {"id": new_item_id(self.meeting, self.KIND, seed), **values}
        return build(ITEM_MODEL[self.KIND], data, kind=ITEM_NOUN[self.KIND])


class AgendaItemForm(ItemForm):
    KIND = "agenda"
    ID_FROM = "title"
    FIELDS = (
        FormField("title", "Title"),
        FormField("order", "Order", "int"),
        FormField("summary", "Summary", "area"),
        FormField("topics", "Topics", "list", placeholder="Syria, Afghanistan"),
    )

    def defaults(self) -> dict[str, Any]:
        return {"order": max((a.order for a in self.meeting.agenda), default=0) + 1}


class ParticipantForm(ItemForm):
    KIND = "participant"
    ID_FROM = "name"
    FIELDS = (
        FormField("name", "Name"),
        FormField("role", "Role", placeholder="Foreign Minister"),
        FormField("party", "Party (state or organisation represented)"),
        FormField("group", "A collective entry (e.g. “the NATO foreign ministers”)", "bool"),
    )


class PriorityForm(ItemForm):
    KIND = "priority"
    ID_FROM = "area"
    FIELDS = (
        FormField("area", "Area", placeholder="Counter-piracy"),
        FormField("description", "Description", "area"),
    )


class PositionForm(ItemForm):
    KIND = "position"
    ID_FROM = "party"
    FIELDS = (
        FormField("party", "Party"),
        FormField("stance", "Stance", "area"),
    )


class ReferenceForm(ItemForm):
    KIND = "reference"
    ID_FROM = "title"
    FIELDS = (
        FormField("title", "Title"),
        FormField("date", "Date", "date", placeholder="YYYY-MM-DD (optional)", optional=True),
        FormField("location", "Location", optional=True),
        FormField("note", "Note", "area"),
    )


class OutcomeForm(ItemForm):
    KIND = "outcome"
    ID_FROM = "description"
    FIELDS = (
        FormField("description", "Description", "area"),
        FormField("expected", "Expected (not yet decided)", "bool"),
    )

    def defaults(self) -> dict[str, Any]:
        return {"expected": True}


ITEM_FORMS: dict[str, type[ItemForm]] = {
    form.KIND: form
    for form in (AgendaItemForm, ParticipantForm, PriorityForm, PositionForm, ReferenceForm,
                 OutcomeForm)
}


def item_form(kind: str, meeting: Meeting, item: BaseModel | None = None, *,
              save: Callable[[BaseModel], object] | None = None) -> ItemForm:
    """The form for ``kind`` ("agenda", "participant", …)."""
    return ITEM_FORMS[kind](meeting, item, save=save)
