"""The app's widgets; each posts its own messages and holds no business logic."""

from .header import MeetingHeader
from .item_list import ItemList, PaneItem
from .meeting_list import MeetingList, MeetingTable
from .panes import (
    AgendaList,
    EmptyPane,
    NotesList,
    OutcomesList,
    ParticipantsList,
    PrioritiesList,
)
from .source import SourceView

__all__ = [
    "AgendaList",
    "EmptyPane",
    "ItemList",
    "MeetingHeader",
    "MeetingList",
    "MeetingTable",
    "NotesList",
    "OutcomesList",
    "PaneItem",
    "ParticipantsList",
    "PrioritiesList",
    "SourceView",
]
