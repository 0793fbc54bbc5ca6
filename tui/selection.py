"""What the user had selected when a key asked for a change: the main screen's answer.

The main screen builds a :class:`Selection` when an editing key is pressed and sends it with
its request (tui/messages.py); the editing flows (tui/flows.py) decide from it alone what
the key acts on, so they never look into the screen's widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

# The record model loads with the first meeting shown, not before the first paint.
if TYPE_CHECKING:
    from dossier.store.model import Meeting, Note


@dataclass(frozen=True)
class Selection:
    """Where the keyboard was, and what the main screen showed."""

    #: "list" (the meeting list or its filter), a pane id ("agenda", "participants",
    #: "priorities", "notes", "source"), or "" for anywhere else.
    region: str
    #: The pane on show (the one tab/shift+tab and 1–5 lead to).
    active_pane: str = "agenda"
    #: The meeting shown, if any.
    meeting: Meeting | None = None
    #: Its notes, on any of its items.
    notes: tuple[Note, ...] = ()
    #: The note target of the focused row (a note row gives the note's own target);
    #: "meeting" outside the panes.
    target: str = "meeting"
    #: The note under the Notes pane's cursor, whether or not that pane has focus.
    note: Note | None = None
    #: Where the list's cursor goes if the shown meeting is deleted, best first (filled in
    #: for a delete request only: it reads the whole list).
    neighbours: tuple[str, ...] = ()

    @property
    def notes_in_view(self) -> bool:
        """The Notes pane is what e/d act on: it has focus, or it is the pane on show
        while the list has focus (``4`` from the list keeps focus in the list)."""
        return self.region == "notes" or (self.region == "list"
                                          and self.active_pane == "notes")
