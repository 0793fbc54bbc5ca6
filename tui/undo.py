"""What ``u`` takes back and ``U`` makes again: one :class:`Undo` per change made in the app.

Every undo is made by one of the functions below from plain data (notes, meetings, an item,
as the store had them), and keeps that data as its ``record``, a JSON-able dict:
:func:`from_record` makes the same undo again from it, which is how the undo history
outlives the app (tui/undo_log.py). That is safe because no undo trusts where it came from:
each checks, in the store, that what it would take back is still exactly as the change left
it (else :class:`~store.errors.Conflict`, and nothing is written), whether the change since
was made here, in another process or before a restart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from dossier.store.errors import Conflict, StoreError

from .text import printable_line

# The record model (pydantic) and store.edit load with the first edit, not at start-up.
if TYPE_CHECKING:
    from pydantic import BaseModel

    from dossier.store.model import Meeting, Note
    from dossier.store.store import Store

#: The version of a record's layout; a record of another version is dropped on loading.
RECORD_VERSION = 1


@dataclass(frozen=True)
class Undo:
    """How to take back one change made in the app (``restore``), and to make it again
    (``redo``). Each refuses, with a sentence, when what it would undo has changed since
    (here or in another process): nothing is ever overwritten by an undo."""

    what: str
    restore: Callable[[Store], object]
    #: What to say once it is undone (default: "Restored the deleted <what>.").
    message: str = ""
    #: A meeting to select once it is back in the list (the undo of a meeting delete).
    select: str | None = None
    #: Makes the change again (None: it cannot be redone).
    redo: Callable[[Store], object] | None = None
    #: What to say once it is redone (default: "Redid: <what>.").
    redo_message: str = ""
    redo_select: str | None = None
    #: A meeting the undo (or the redo) deletes: the list's cursor moves off it.
    deletes: str | None = None
    redo_deletes: str | None = None
    #: The data it was made from, for :func:`from_record` (None: it lives in memory only).
    record: dict[str, Any] | None = None


# -- words ----------------------------------------------------------------------------------

def meeting_label(meeting: Meeting) -> str:
    """A meeting named for a question or a message: “Title” (2013-12-04)."""
    return f"“{printable_line(meeting.title)}” ({meeting.date.isoformat()})"


def first_line(text: str, limit: int = 60) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def with_notes(count: int) -> str:
    return ("" if count == 0 else " with its note" if count == 1
            else f" with its {count} notes")


# -- the checks an undo makes ----------------------------------------------------------------

def _check_note(store: Store, note: Note, *, text_only: bool = False) -> None:
    """A Conflict unless the stored note still reads as ``note``: an undo must not undo
    what someone wrote since."""
    current = store.get_note(note.id)
    if current.text != note.text or (not text_only and current.updated != note.updated):
        raise Conflict("the note was changed since")


def _delete_unchanged_note(store: Store, note: Note) -> Note:
    _check_note(store, note)
    return store.delete_note(note.id)


def _rewrite_unchanged_note(store: Store, now: Note, text: str, *,
                            text_only: bool = False) -> Note:
    _check_note(store, now, text_only=text_only)
    return store.edit_note(now.id, text)


def _delete_unchanged_meeting(store: Store, meeting: Meeting) -> object:
    if store.get_meeting(meeting.id) != meeting:
        raise Conflict("the meeting was changed since")
    return store.delete_meeting(meeting.id)


def _swap(meeting_id: str, expected: Meeting, replacement: Meeting,
          ) -> Callable[[Store], Meeting]:
    """Put ``replacement`` in place of the stored meeting if it is still ``expected``
    (under the lock: apply_edit), else refuse: an edit made since is not overwritten."""
    from dossier.store import edit  # with pydantic: on first use, not at start-up

    def check(current: Meeting) -> Meeting:
        if current != expected:
            raise Conflict("the meeting was changed since")
        return replacement

    return lambda store: edit.apply_edit(store, meeting_id, check)


# -- one function per kind of change -----------------------------------------------------------

def _record(kind: str, **data: Any) -> dict[str, Any]:
    return {"version": RECORD_VERSION, "kind": kind, **data}


def note_added_undo(note: Note) -> Undo:
    """Undo (delete) a note added here while it is as written; redo puts it back."""
    quoted = f"“{first_line(note.text)}”"
    return Undo("new note", partial(_delete_unchanged_note, note=note),
                message=f"Undid the new note {quoted}.",
                redo=lambda store: store.restore_note(note),
                redo_message=f"Redid the new note {quoted}.",
                record=_record("note_added", note=note.to_json_dict()))


def note_edited_undo(before: Note, after: Note) -> Undo:
    """Undo (the old text back) a note edit while the note reads as edited. Text only: a
    redo writes the text again, under a new "updated" time."""
    quoted = f"“{first_line(before.text)}”"
    return Undo("note edit", partial(_rewrite_unchanged_note, now=after, text=before.text,
                                     text_only=True),
                message=f"Undid the edit of the note {quoted}.",
                redo=partial(_rewrite_unchanged_note, now=before, text=after.text,
                             text_only=True),
                redo_message=f"Redid the edit of the note {quoted}.",
                record=_record("note_edited", before=before.to_json_dict(),
                               after=after.to_json_dict()))


def note_deleted_undo(note: Note) -> Undo:
    """Undo (put back) a deleted note; redo deletes it again while it is unchanged."""
    return Undo("note", lambda store: store.restore_note(note),
                redo=partial(_delete_unchanged_note, note=note),
                redo_message=f"Deleted the note “{first_line(note.text)}” again.",
                record=_record("note_deleted", note=note.to_json_dict()))


def new_meeting_undo(added: Meeting, what: str = "new meeting") -> Undo:
    """Undo (delete) and redo (put back) a meeting this session added, while it is as added
    and has no notes."""
    label = meeting_label(added)

    def take_back(store: Store) -> object:
        if store.get_meeting(added.id) != added or store.meeting_notes(added.id, 1).total:
            raise Conflict("the meeting was changed since, or has notes now")
        return store.delete_meeting(added.id)

    return Undo(what, take_back, message=f"Undid the {what} {label}.", deletes=added.id,
                redo=lambda store: store.restore_meeting(added),
                redo_message=f"Redid the {what} {label}.", redo_select=added.id,
                record=_record("meeting_added", what=what, meeting=added.to_json_dict()))


def snapshot_undo(what: str, before: Meeting, after: Meeting) -> Undo:
    """Undo and redo of a change to one meeting, as its whole record before and after."""
    label = meeting_label(after)
    return Undo(what, _swap(after.id, after, before), message=f"Undid the {what} in {label}.",
                redo=_swap(after.id, before, after),
                redo_message=f"Redid the {what} in {label}.",
                record=_record("meeting_changed", what=what, before=before.to_json_dict(),
                               after=after.to_json_dict()))


def item_deleted_undo(meeting_id: str, kind: str, item: BaseModel, parent: str | None,
                      index: int, label: str) -> Undo:
    """Undo (put back in its place) an item deleted from a meeting; redo deletes it again
    while it is unchanged."""
    from dossier.store import edit  # with pydantic: on first use, not at start-up

    noun = edit.ITEM_NOUN[kind]
    item_id = str(getattr(item, "id", ""))

    def restore(store: Store) -> Meeting:
        # Back in its place, under a fresh id if another was given its old one meanwhile.
        return edit.apply_edit(store, meeting_id, lambda current: edit.put_item(
            current, kind, edit.with_fresh_id(current, kind, item), parent=parent,
            index=index))

    def delete_again(store: Store) -> Meeting:
        def change(current: Meeting) -> Meeting:
            if edit.find_item(current, kind, item_id) != item:
                raise Conflict(f"the {noun} was changed since")
            return edit.remove_item(current, kind, item_id)

        return edit.apply_edit(store, meeting_id, change)

    return Undo(noun, restore, redo=delete_again,
                redo_message=f"Deleted the {noun} “{first_line(label)}” again.",
                record=_record("item_deleted", meeting_id=meeting_id, item_kind=kind,
                               item=item.model_dump(mode="json"), parent=parent,
                               index=index, label=label))


def meeting_deleted_undo(deleted: Meeting, notes: list[Note]) -> Undo:
    """Undo (put back, with its notes) a deleted meeting; redo deletes it again while it is
    unchanged."""
    label, notes_phrase = meeting_label(deleted), with_notes(len(notes))
    return Undo("meeting", lambda store: store.restore_meeting(deleted, notes),
                message=f"Meeting {label} restored{notes_phrase}.", select=deleted.id,
                redo=lambda store: _delete_unchanged_meeting(store, deleted),
                redo_message=f"Deleted the meeting {label} again{notes_phrase}.",
                redo_deletes=deleted.id,
                record=_record("meeting_deleted", meeting=deleted.to_json_dict(),
                               notes=[note.to_json_dict() for note in notes]))


# -- the way back from a record -------------------------------------------------------------------

def from_record(record: object) -> Undo | None:
    """The undo ``record`` was made from; None for a record this version cannot read (of
    another version, or damaged): it is dropped, never half-run."""
    from pydantic import ValidationError

    from dossier.store import edit
    from dossier.store.model import Meeting, Note

    if not isinstance(record, dict) or record.get("version") != RECORD_VERSION:
        return None
    kind = record.get("kind")
    try:
        if kind == "note_added":
            return note_added_undo(Note.model_validate(record["note"]))
        if kind == "note_edited":
            return note_edited_undo(Note.model_validate(record["before"]),
                                    Note.model_validate(record["after"]))
        if kind == "note_deleted":
            return note_deleted_undo(Note.model_validate(record["note"]))
        if kind == "meeting_added":
            return new_meeting_undo(Meeting.from_json_dict(record["meeting"]),
                                    str(record["what"]))
        if kind == "meeting_changed":
            return snapshot_undo(str(record["what"]), Meeting.from_json_dict(record["before"]),
                                 Meeting.from_json_dict(record["after"]))
        if kind == "item_deleted":
            item_kind = str(record["item_kind"])
            item = edit.ITEM_MODEL[item_kind].model_validate(record["item"])
            parent = record["parent"]
            return item_deleted_undo(str(record["meeting_id"]), item_kind, item,
                                     None if parent is None else str(parent),
                                     int(record["index"]), str(record["label"]))
        if kind == "meeting_deleted":
            return meeting_deleted_undo(Meeting.from_json_dict(record["meeting"]),
                                        [Note.model_validate(n) for n in record["notes"]])
    except (KeyError, TypeError, ValueError, ValidationError, StoreError):
        return None
    return None
