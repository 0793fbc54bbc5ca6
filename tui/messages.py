"""The messages that cross a module: what the user asked for, and what workers found.

Requests come from the main screen and the command palette and are handled by the app,
which owns the store; results come from the app's thread workers (which never touch the
widgets) and are handled by the app on its own thread. Each message has one handler.

A widget's or a screen's messages about itself stay nested in its class
(``MainScreen.Ready``, ``MeetingList.Highlighted``, ``SearchScreen.Results``, …).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from .selection import Selection

# The record model loads with the first meeting shown, not before the first paint.
if TYPE_CHECKING:
    from dossier.store.model import Meeting
    from dossier.store.store import MeetingNotes, Store
    from dossier.store.summary import MeetingSummary

    from .flows import Change
    from .undo import Undo


# -- what the user asked for ------------------------------------------------------------


class _Requested(Message):
    """An editing key on the main screen, with what it acts on."""

    def __init__(self, selection: Selection) -> None:
        super().__init__()
        self.selection = selection


class NewNoteRequested(_Requested):
    """``n``: a new note on the focused item (or the meeting)."""


class AddRequested(_Requested):
    """``a``: a meeting from the list; an item (or a note) from a pane."""


class EditRequested(_Requested):
    """``e``: the highlighted note, item, or (from the list) the meeting."""


class DeleteRequested(_Requested):
    """``d``: the highlighted note, item, or (from the list) the meeting, after asking."""


class UndoRequested(Message):
    """``u``: take back the last change made in this session."""


class RedoRequested(Message):
    """``U`` / ``ctrl+r``: make again the last change undone."""


class ViewRequested(Message):
    """Open the cross-meeting view of a participant (``kind`` "participant": a profile),
    of a party ("party": its positions over time), of a body ("body": its meetings by
    year) or of a topic ("topic": a timeline);
    from ``enter`` in a pane or the command palette."""

    def __init__(self, kind: str, name: str) -> None:
        super().__init__()
        self.kind = kind
        self.name = name


class JumpRequested(Message):
    """Show ``target`` of ``meeting_id`` in context (the command palette)."""

    def __init__(self, meeting_id: str, target: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.target = target


class ImportRequested(Message):
    """"Import a statement…" in the command palette."""


# -- what the store workers found --------------------------------------------------------


class StoreOpened(Message):
    """The store is open; ``summaries`` is the newest page of the list."""

    def __init__(self, store: Store, summaries: list[MeetingSummary]) -> None:
        super().__init__()
        self.store = store
        self.summaries = summaries


class StoreFailed(Message):
    """The store could not be opened or read; ``message`` says why, in one sentence."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


class MeetingsListed(Message):
    """The whole list, read again."""

    def __init__(self, summaries: list[MeetingSummary]) -> None:
        super().__init__()
        self.summaries = summaries


class MeetingLoaded(Message):
    def __init__(self, meeting: Meeting, notes: MeetingNotes) -> None:
        super().__init__()
        self.meeting = meeting
        self.notes = notes


class MeetingGone(Message):
    """A meeting the app went to load no longer exists (deleted here or elsewhere)."""

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id


class StoreChanged(Message):
    """A change was committed, by this app or by another writer: what is shown is read
    again; ``meetings``: the list too, ``notes``: the list's note counts too."""

    def __init__(self, *, meetings: bool, notes: bool) -> None:
        super().__init__()
        self.meetings = meetings
        self.notes = notes


class NoteCounts(Message):
    """How many notes each meeting has (meeting id -> count), for the list."""

    def __init__(self, counts: dict[str, int]) -> None:
        super().__init__()
        self.counts = counts


class IndexProgress(Message):
    """The search index is being built or brought up to date: ``done`` of ``total``
    meeting files indexed."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class IndexReady(Message):
    """The search index is up to date (``problem``: why search is unavailable, if so)."""

    def __init__(self, problem: str | None = None) -> None:
        super().__init__()
        self.problem = problem


class EditDone(Message):
    """A change the user made is on disk (saved by a dialog, or by the app's worker)."""

    def __init__(self, change: Change) -> None:
        super().__init__()
        self.change = change


class EditFailed(Message):
    """A delete or an undo could not be written; ``sentence`` says why."""

    def __init__(self, sentence: str) -> None:
        super().__init__()
        self.sentence = sentence


class UndoHistoryLoaded(Message):
    """The undo and redo stacks an earlier run left for this store (oldest first)."""

    def __init__(self, undo: list[Undo], redo: list[Undo]) -> None:
        super().__init__()
        self.undo = undo
        self.redo = redo
