"""The editing flows: what n, a, e, d and u do, as plain functions over a store.

A flow takes what the main screen had selected (:class:`~tui.selection.Selection`), asks
the user through ``ui`` (a yes/no question, a dialog) and ends in what is left for the app:

- a :class:`Change` already on disk: dialogs save before they close (the note editor and
  the forms run ``save`` in a worker and stay open on an error), so the user never sees
  "saved" for something that is not;
- a :class:`Write` for the app to run in its worker (a delete, an undo), which ends in a
  :class:`Change` too;
- None: cancelled, or nothing to do (the user has been told why).

Flows hold no state and know nothing of Textual: the app supplies ``ui`` (tui/ui.py) and
owns the store, the undo stack and the workers; a test supplies a fake ``ui`` and a real
store. Every write is one call into the store (``add_note``, ``edit_note``,
``delete_note``, ``restore_note``, ``delete_meeting``, ``restore_meeting``,
``store.edit.apply_edit``), and nothing is ever overwritten: notes are written under the
store lock on the file as it is now, and item edits re-read the meeting under the lock
(``apply_edit``) before changing one item.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Literal, Protocol, TypeVar

from dossier.store.errors import StoreError

from .selection import Selection
from .undo import (
    Undo,
    first_line,
    item_deleted_undo,
    meeting_deleted_undo,
    meeting_label,
    new_meeting_undo,
    note_added_undo,
    note_deleted_undo,
    note_edited_undo,
    snapshot_undo,
    with_notes,
)

# The record model (pydantic) and store.edit load with the first edit, not at start-up.
if TYPE_CHECKING:
    from pydantic import BaseModel

    from dossier.store.model import Meeting, Note
    from dossier.store.store import Store

T = TypeVar("T")
Severity = Literal["information", "warning", "error"]

#: pane -> the kind of item ``a`` adds there by default
PANE_KINDS = {"agenda": "agenda", "participants": "participant", "priorities": "priority",
              "outcomes": "reference"}


# -- what a flow asks for ---------------------------------------------------------------


class Dialog(Generic[T]):
    """Something for the user to fill in; the UI shows it and returns its result (None
    when cancelled)."""


@dataclass(frozen=True)
class NoteDialog(Dialog[str]):
    """Write a note on ``label`` (or edit ``text``); ``save(text)`` runs before it closes."""

    label: str
    save: Callable[[str], Note]
    text: str = ""
    title: str = "New note"


@dataclass(frozen=True)
class MeetingDialog(Dialog["Meeting"]):
    """A new meeting, or the fields of ``meeting``; ``save`` runs before it closes."""

    save: Callable[[Meeting], Meeting]
    meeting: Meeting | None = None


@dataclass(frozen=True)
class ItemDialog(Dialog["BaseModel"]):
    """A new item of ``kind`` in ``meeting``, or ``item`` itself; ``save`` as above."""

    kind: str
    meeting: Meeting
    save: Callable[[BaseModel], Meeting]
    item: BaseModel | None = None


@dataclass(frozen=True)
class Choice(Dialog[str]):
    """One of ``options`` ((key, label) pairs); the result is the chosen key."""

    title: str
    options: Sequence[tuple[str, str]]
    initial: str | None = None


class UI(Protocol):
    """How a flow talks to the user."""

    def notify(self, message: str, *, severity: Severity = "information") -> None:
        """Say something in passing (the message is data: never markup)."""

    def ask(self, question: str, *, yes: str, no: str) -> Awaitable[bool]:
        """A yes/no question; True only on an explicit yes."""

    def open(self, dialog: Dialog[T]) -> Awaitable[T | None]:
        """Show ``dialog``; its result, or None when the user cancelled."""


# -- what a flow leaves to the app ------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A change that is on disk, and what follows from it in the app."""

    #: What to tell the user.
    message: str
    #: How long to show it (seconds; None: the app's default).
    timeout: float | None = None
    #: How to take it back with ``u`` (a delete).
    undo: Undo | None = None
    #: A meeting to select once the list holds it; ``reveal``: with its panes focused.
    select: str | None = None
    reveal: bool = False
    #: A meeting deleted: the list's cursor moves on to the first of ``neighbours`` left.
    deleted: str | None = None
    neighbours: tuple[str, ...] = ()


@dataclass(frozen=True)
class Write:
    """A change still to be written: the app runs ``run`` in its worker, then reports the
    Change it returns, or ``failure`` followed by the store's sentence."""

    run: Callable[[Store], Change]
    failure: str = ""


Outcome = Change | Write | None


# -- labels ---------------------------------------------------------------------------


def target_label(meeting: Meeting, target: str) -> str:
    """What a note is attached to, as a phrase: ``agenda item: Syria, Afghanistan``."""
    from dossier.store import edit  # with pydantic: on first use, not at start-up

    kind = target.partition(":")[0]
    noun = "meeting" if target == "meeting" else edit.ITEM_NOUN.get(kind, kind)
    return f"{noun}: {meeting.targets().get(target, target)}"


# -- checks every flow makes ------------------------------------------------------------


def writable(ui: UI, store: Store | None) -> Store | None:
    """``store`` if it can take a change now; otherwise say why and return None."""
    if store is None:
        ui.notify("The store is still opening.")
        return None
    if store.read_only:
        ui.notify("The store is read-only: nothing can be changed.", severity="warning")
        return None
    return store


def _shown_meeting(ui: UI, selection: Selection) -> Meeting | None:
    if selection.meeting is None:
        ui.notify("Select a meeting first.")
    return selection.meeting


# -- n: notes ---------------------------------------------------------------------------


async def new_note(ui: UI, store: Store | None, selection: Selection) -> Change | None:
    """A note on the focused item (the meeting when the list or header has focus)."""
    writing = writable(ui, store)
    meeting = selection.meeting
    if meeting is None:
        ui.notify("Select a meeting first.")
        return None
    if writing is None:
        return None
    meeting_id, on = meeting.id, selection.target
    added: list[Note] = []

    def save(text: str) -> Note:
        note = writing.add_note(meeting_id, text, on)
        added.append(note)
        return note

    saved = await ui.open(NoteDialog(target_label(meeting, on), save))
    if saved is None or not added:
        return None
    return Change("Note saved.", timeout=3, undo=note_added_undo(added[-1]))


async def _edit_note(ui: UI, store: Store | None, meeting: Meeting | None,
                     note: Note) -> Change | None:
    writing = writable(ui, store)
    if writing is None or meeting is None:
        return None

    edited: list[Note] = []

    def save(text: str) -> Note:
        changed = writing.edit_note(note.id, text)
        edited.append(changed)
        return changed

    saved = await ui.open(NoteDialog(target_label(meeting, note.target), save, note.text,
                                     title="Edit note"))
    if saved is None or not edited:
        return None
    return Change("Note saved.", timeout=3, undo=note_edited_undo(note, edited[-1]))


async def _delete_note(ui: UI, store: Store | None, note: Note) -> Write | None:
    if writable(ui, store) is None:
        return None
    if not await ui.ask(f"Delete the note “{first_line(note.text)}”?", yes="Delete",
                        no="Keep"):
        return None

    def run(store: Store) -> Change:
        store.delete_note(note.id)
        return Change("Note deleted. Press u to undo.", timeout=4,
                      undo=note_deleted_undo(note))

    return Write(run)


# -- e, d: the highlighted thing --------------------------------------------------------


async def edit(ui: UI, store: Store | None, selection: Selection) -> Change | None:
    """``e``: the highlighted note, item, or (from the list) the meeting itself."""
    if selection.notes_in_view:
        if selection.note is None:
            ui.notify("No note here to edit.")
            return None
        return await _edit_note(ui, store, selection.meeting, selection.note)
    meeting = _shown_meeting(ui, selection)
    if meeting is None:
        return None
    writing = writable(ui, store)
    if writing is None:
        return None
    if selection.region == "source":
        picked = await _pick_item(ui, meeting, "Edit which part of the meeting?",
                                  with_meeting=True)
        if picked is None:
            return None
        if picked == "meeting":
            return await _edit_meeting(ui, writing, meeting)
        return await _edit_item(ui, writing, meeting, picked)
    if selection.region in PANE_KINDS and selection.target != "meeting":
        return await _edit_item(ui, writing, meeting, selection.target)
    return await _edit_meeting(ui, writing, meeting)


async def delete(ui: UI, store: Store | None, selection: Selection) -> Write | None:
    """``d``: the highlighted note or item, or from the list the meeting shown (with its
    notes), after a y/n question. The Notes pane on show keeps ``d`` for its note, as it
    does ``e``."""
    if selection.notes_in_view:
        if selection.note is None:
            ui.notify("No note here to delete.")
            return None
        return await _delete_note(ui, store, selection.note)
    meeting = _shown_meeting(ui, selection)
    if meeting is None:
        return None
    writing = writable(ui, store)
    if writing is None:
        return None
    if selection.region == "source":
        picked = await _pick_item(ui, meeting, "Delete which item?")
        return None if picked is None else await _delete_item(ui, meeting, picked)
    if selection.region in PANE_KINDS and selection.target != "meeting":
        return await _delete_item(ui, meeting, selection.target)
    if selection.region == "list":
        return await _delete_meeting(ui, selection, meeting)
    ui.notify("Highlight a note or an item in a pane, or a meeting in the list, to delete "
              "it.")
    return None


async def _pick_item(ui: UI, meeting: Meeting, title: str, *,
                     with_meeting: bool = False) -> str | None:
    """From the Source pane, which shows no items: choose a reference or an outcome."""
    options = [("meeting", "Meeting details (title, date, place…)")] if with_meeting else []
    options += [(f"reference:{r.id}", f"Reference: {r.title}") for r in meeting.references]
    options += [(f"outcome:{o.id}", f"Outcome: {o.description}") for o in meeting.outcomes]
    if not options:
        ui.notify("This meeting has no references or outcomes.")
        return None
    return await ui.open(Choice(title, options))


# -- a: adding ----------------------------------------------------------------------------


async def add(ui: UI, store: Store | None, selection: Selection) -> Change | None:
    """``a``: a new meeting from the list; a new item (or note) from a pane."""
    writing = writable(ui, store)
    if writing is None:
        return None
    meeting = selection.meeting
    if selection.region == "list" or meeting is None:
        return await _add_meeting(ui, writing)
    target = selection.target
    options = [("agenda", "Agenda item"), ("participant", "Participant"),
               ("priority", "Cooperation priority")]
    parent = _agenda_parent(meeting, target)
    if parent is not None:
        title = meeting.targets().get(f"agenda:{parent}", parent)
        options.append(("position", f"Position on “{title}”"))
    options += [("reference", "Reference to an earlier agreement"),
                ("outcome", "Outcome"), ("note", "Note on the highlighted item")]
    initial = ("position" if target.startswith("position:") else
               "outcome" if target.startswith("outcome:") else
               "note" if selection.region == "notes" else
               PANE_KINDS.get(selection.region, "agenda"))
    kind = await ui.open(Choice("Add to this meeting", options, initial))
    if kind == "note":
        return await new_note(ui, store, selection)
    if kind is None:
        return None
    return await _add_item(ui, writing, meeting, kind, parent if kind == "position" else None)


# -- meetings and items -------------------------------------------------------------------


async def _add_meeting(ui: UI, store: Store) -> Change | None:
    from dossier.store import edit  # with pydantic: on first use, not at start-up

    def save(meeting: Meeting) -> Meeting:
        # The id is made unique here, in the dialog's worker, against the store as it is.
        fresh = edit.unique_id(meeting.id, store.has_meeting)
        return store.add_meeting(meeting.model_copy(update={"id": fresh}))

    added = await ui.open(MeetingDialog(save))
    if added is None:
        return None
    # Selected (with its panes) once the app's list holds it.
    return Change(f"Meeting {added.id} added.", select=added.id, reveal=True,
                  undo=new_meeting_undo(added))


async def _edit_meeting(ui: UI, store: Store, meeting: Meeting) -> Change | None:
    from dossier.store import edit  # with pydantic: on first use, not at start-up

    befores: list[Meeting] = []

    def save(changed: Meeting) -> Meeting:
        fields = {name: getattr(changed, name) for name in
                  ("title", "body", "level", "date", "date_inferred", "location", "tags")}

        def change(current: Meeting) -> Meeting:
            befores.append(current)
            return edit.with_fields(current, fields)

        return edit.apply_edit(store, meeting.id, change)

    saved = await ui.open(MeetingDialog(save, meeting))
    if saved is None:
        return None
    undo = snapshot_undo("meeting edit", befores[-1], saved) if befores else None
    return Change("Meeting saved.", timeout=3, undo=undo)


def _agenda_parent(meeting: Meeting, target: str) -> str | None:
    """The agenda item ``target`` is (or whose position it is), if any."""
    from dossier.store import edit  # with pydantic: on first use, not at start-up

    kind, _, item_id = target.partition(":")
    if kind == "agenda":
        return item_id
    if kind == "position":
        try:
            return edit.parent_of_position(meeting, item_id)
        except StoreError:
            return None
    return None


async def _add_item(ui: UI, store: Store, meeting: Meeting, kind: str,
                    parent: str | None) -> Change | None:
    from dossier.store import edit  # with pydantic: on first use, not at start-up

    befores: list[Meeting] = []
    afters: list[Meeting] = []

    def save(item: BaseModel) -> Meeting:
        def change(current: Meeting) -> Meeting:
            befores.append(current)
            return edit.put_item(current, kind, edit.with_fresh_id(current, kind, item),
                                 parent=parent)

        afters.append(edit.apply_edit(store, meeting.id, change))
        return afters[-1]

    added = await ui.open(ItemDialog(kind, meeting, save))
    if added is None:
        return None
    noun = edit.ITEM_NOUN[kind]
    undo = snapshot_undo(f"new {noun}", befores[-1], afters[-1]) if afters else None
    return Change(f"{noun.capitalize()} added.", timeout=3, undo=undo)


async def _edit_item(ui: UI, store: Store, meeting: Meeting, target: str) -> Change | None:
    from dossier.store import edit  # with pydantic: on first use, not at start-up

    kind, _, item_id = target.partition(":")
    try:
        item = edit.find_item(meeting, kind, item_id)
    except StoreError as exc:
        ui.notify(str(exc), severity="error")
        return None
    parent = _agenda_parent(meeting, target) if kind == "position" else None

    befores: list[Meeting] = []
    afters: list[Meeting] = []

    def save(changed: BaseModel) -> Meeting:
        def change(current: Meeting) -> Meeting:
            befores.append(current)
            return edit.put_item(current, kind, changed, parent=parent, replace=item_id)

        afters.append(edit.apply_edit(store, meeting.id, change))
        return afters[-1]

    saved = await ui.open(ItemDialog(kind, meeting, save, item))
    if saved is None:
        return None
    noun = edit.ITEM_NOUN[kind]
    undo = snapshot_undo(f"{noun} edit", befores[-1], afters[-1]) if afters else None
    return Change(f"{noun.capitalize()} saved.", timeout=3, undo=undo)


async def _delete_item(ui: UI, meeting: Meeting, target: str) -> Write | None:
    from dossier.store import edit  # with pydantic: on first use, not at start-up

    kind, _, item_id = target.partition(":")
    label = meeting.targets().get(target, item_id)
    try:
        item = edit.find_item(meeting, kind, item_id)
        index = edit.item_index(meeting, kind, item_id)
    except StoreError as exc:
        ui.notify(str(exc), severity="error")
        return None
    parent = _agenda_parent(meeting, target) if kind == "position" else None
    noun = edit.ITEM_NOUN[kind]
    if not await ui.ask(f"Delete {noun} “{first_line(label)}”? Notes on it are kept.",
                        yes="Delete", no="Keep"):
        return None

    def run(store: Store) -> Change:
        edit.apply_edit(store, meeting.id,
                        lambda current: edit.remove_item(current, kind, item_id))
        return Change(f"{noun.capitalize()} deleted. Press u to undo.", timeout=4,
                      undo=item_deleted_undo(meeting.id, kind, item, parent, index,
                                             label))

    return Write(run)


async def _delete_meeting(ui: UI, selection: Selection, meeting: Meeting) -> Write | None:
    count = len(selection.notes)  # the shown meeting's notes, on every item of it
    notes = ("It has no notes." if count == 0 else
             "Its note is deleted with it." if count == 1 else
             f"Its {count} notes are deleted with it.")
    # The title is data: the question is shown literally (never markup).
    if not await ui.ask(f"Delete the meeting {meeting_label(meeting)}? {notes}",
                        yes="Delete", no="Keep"):
        return None
    neighbours = selection.neighbours

    def run(store: Store) -> Change:
        # What the undo puts back is what was deleted, as the store had it.
        deleted, gone = store.delete_meeting(meeting.id)
        return Change(
            f"Meeting {meeting_label(deleted)} deleted{with_notes(len(gone))}. u undoes.",
            timeout=6, undo=meeting_deleted_undo(deleted, gone),
            deleted=deleted.id, neighbours=neighbours)

    return Write(run, failure="Could not delete the meeting: ")


# -- u: undo, U: redo ----------------------------------------------------------------------


async def undo(ui: UI, store: Store | None, last: Undo | None) -> Write | None:
    """``u``: take back ``last``, the latest change made in this session (the app keeps
    the stack and takes it off when this returns a Write)."""
    if writable(ui, store) is None:
        return None
    if last is None:
        ui.notify("Nothing to undo.")
        return None

    def run(store: Store) -> Change:
        last.restore(store)
        return Change(last.message or f"Restored the deleted {last.what}.", timeout=4,
                      select=last.select, deleted=last.deletes)

    return Write(run, failure=f"Could not undo the {last.what}: ")


async def redo(ui: UI, store: Store | None, last: Undo | None) -> Write | None:
    """``U`` / ``ctrl+r``: make again the latest change undone (the app keeps the stack)."""
    if writable(ui, store) is None:
        return None
    if last is None:
        ui.notify("Nothing to redo.")
        return None
    again = last.redo
    if again is None:
        ui.notify(f"The {last.what} cannot be redone.")
        return None

    def run(store: Store) -> Change:
        again(store)
        return Change(last.redo_message or f"Redid: {last.what}.", timeout=4,
                      select=last.redo_select, deleted=last.redo_deletes)

    return Write(run, failure=f"Could not redo the {last.what}: ")

