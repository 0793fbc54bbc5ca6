"""The app's editing keys (n, a, e, d, u) and its watch on other writers.

:class:`EditingMixin` is mixed into ``DossierApp``; it holds no business logic: every write
is one call into ``store`` (``add_note``, ``edit_note``, ``delete_note``, ``restore_note``,
``delete_meeting``, ``restore_meeting``, ``store.edit.apply_edit``) made in a thread —
inside the editor modals (which close only once the write is durable) or in a worker here.
After a write the store's listener makes the app reload what it shows, so nothing here
redraws panes by hand (only the "no meetings" state, which no reload paints).

Other writers are noticed by :mod:`tui.editors.watch`. Nothing is ever overwritten: notes
are written under the store lock on the file as it is now, and meeting edits re-read the
meeting under the lock (``apply_edit``) before changing one item.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message

from dossier.store.errors import StoreError
from dossier.store.store import MeetingSummary, Store

from ..screens.main import PANES
from ..text import printable_line
from .watch import WatchMixin

if TYPE_CHECKING:
    from pydantic import BaseModel

    from dossier.store.model import Meeting, Note

    from ..app import MeetingsListed
    from ..screens.main import MainScreen

#: The header's words when the store holds no meeting (as at start-up on an empty store).
NO_MEETINGS = ("No meetings in this store. Press a to add one, or ctrl+p and "
               "\"Import a statement…\".")

#: pane -> the kind of item `a` adds there by default
PANE_KINDS = {"agenda": "agenda", "participants": "participant", "priorities": "priority"}

def target_label(meeting: Meeting, target: str) -> str:
    """What a note is attached to, as a phrase: ``agenda item: Syria, Afghanistan``."""
    from dossier.store import edit  # with pydantic: on first use, not at start-up
    kind = target.partition(":")[0]
    noun = "meeting" if target == "meeting" else edit.ITEM_NOUN.get(kind, kind)
    return f"{noun}: {meeting.targets().get(target, target)}"


def _first_line(text: str, limit: int = 60) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def meeting_label(meeting: Meeting) -> str:
    """A meeting named for a question or a message: “Title” (2013-12-04)."""
    return f"“{printable_line(meeting.title)}” ({meeting.date.isoformat()})"


def _with_notes(count: int) -> str:
    return ("" if count == 0 else " with its note" if count == 1
            else f" with its {count} notes")


@dataclass(frozen=True)
class Undo:
    """How to put back one deleted thing."""

    what: str
    restore: Callable[[Store], object]
    #: What to say once it is back (default: "Restored the deleted <what>.").
    message: str = ""
    #: A meeting to select once it is back in the list (the undo of a meeting delete).
    select: str | None = None


class EditDone(Message):
    """A delete or undo worker finished."""

    def __init__(self, message: str, undo: Undo | None = None,
                 undone: bool = False, select: str | None = None) -> None:
        super().__init__()
        self.message = message
        self.undo = undo
        self.undone = undone
        self.select = select


class MeetingDeleted(Message):
    """The delete worker removed ``meeting`` and ``notes`` (kept here for undo)."""

    def __init__(self, meeting: Meeting, notes: list[Note],
                 neighbours: tuple[str, ...]) -> None:
        super().__init__()
        self.meeting = meeting
        self.notes = notes
        self.neighbours = neighbours


class MeetingGone(Message):
    """A meeting the app went to load no longer exists (deleted here or elsewhere)."""

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id


class EditFailed(Message):
    def __init__(self, sentence: str) -> None:
        super().__init__()
        self.sentence = sentence


class EditingMixin(WatchMixin):
    """Editing actions for ``DossierApp`` (and, inherited, the watch on other writers)."""

    if TYPE_CHECKING:  # provided by DossierApp / App
        store: Store | None
        main: MainScreen
        notify: Any
        push_screen: Any
        post_message: Any
        set_interval: Any
        jump_to: Any
        open_meeting: Any
        screen: Any
        screen_stack: list[Any]
        workers: Any
        _wanted: str | None

        def focused_target(self) -> tuple[str, str] | None: ...
        def focused_note_id(self) -> str | None: ...

    # -- setting up ----------------------------------------------------------------------

    def on_mount(self) -> None:
        # Called after DossierApp.on_mount (Textual calls each class's handler in the MRO).
        self._undo_stack: list[Undo] = []
        #: (meeting id, open its panes) to select once the list holds it.
        self._select_when_listed: tuple[str, bool] | None = None

    def on_meetings_listed(self, event: MeetingsListed) -> None:
        # After DossierApp's own handler refilled the list: select a meeting just added or
        # put back; show the "no meetings" state when the last one went.
        if not self.screen_stack:
            return  # shutting down
        if not event.summaries:
            self._show_no_meeting()
            return
        self._select_if_listed(event.summaries)

    def _select_if_listed(self, listed: Sequence[MeetingSummary] | None = None) -> None:
        """Select the meeting waiting in ``_select_when_listed`` if the list holds it.

        Called both when a write's worker reports back and on every reload of the list
        (``listed``), since the store listener's reload may come before or after the
        report. A reload started before the write can arrive after it without the meeting:
        the wish then stays until a reload that has it.
        """
        pending = self._select_when_listed
        if pending is None or not self.screen_stack:
            return
        meeting_id, reveal = pending
        summaries = self.main.meeting_list.summaries if listed is None else listed
        if not any(s.id == meeting_id for s in summaries):
            return
        if listed is not None or not self._relisting():
            self._select_when_listed = None
        if reveal:
            self.jump_to(meeting_id, "meeting")
        else:
            self._select_meeting(meeting_id)

    def _relisting(self) -> bool:
        """A reload of the list is under way (its result is still to come)."""
        # "store": the start-up worker posts the first full list too.
        return any(worker.group in ("list", "store") and not worker.is_finished
                   for worker in self.workers)

    def _select_meeting(self, meeting_id: str) -> None:
        """Put the list's cursor on ``meeting_id`` and show it; focus stays where it is."""
        self.main.meeting_list.move_to(meeting_id)
        if self._wanted != meeting_id:
            self.open_meeting(meeting_id)

    def _show_no_meeting(self) -> None:
        """The store holds no meeting: nothing is wanted, and the screen says so."""
        self._wanted = None
        self.main.show_no_meeting(NO_MEETINGS)

    # -- where the keyboard is -----------------------------------------------------------

    def _region(self) -> str:
        """"list", a pane id, or "" for anything else."""
        main = self.main
        focused = main.focused
        if focused is None or main.meeting_list in focused.ancestors_with_self:
            return "list"
        for pane_id in PANES:
            if any(node.id == pane_id for node in focused.ancestors_with_self):
                return pane_id
        return ""

    def _writable(self) -> Store | None:
        store = self.store
        if store is None:
            self.notify("The store is still opening.")
            return None
        if store.read_only:
            self.notify("The store is read-only: nothing can be changed.", severity="warning")
            return None
        # A change is coming: take the day's backup now, while the user types or answers,
        # rather than inside the save (a whole-store copy: seconds on a big archive).
        self._back_up_if_due(store)
        return store

    @work(thread=True, exclusive=True, group="backup", exit_on_error=False)
    def _back_up_if_due(self, store: Store) -> None:
        store.back_up_if_due()

    def _shown_meeting(self) -> Meeting | None:
        meeting = self.main.meeting
        if meeting is None:
            self.notify("Select a meeting first.")
        return meeting

    # -- notes ---------------------------------------------------------------------------

    def action_new_note(self) -> None:
        target = self.focused_target()
        store = self._writable()
        meeting = self.main.meeting
        if target is None or meeting is None:
            self.notify("Select a meeting first.")
            return
        if store is None:
            return
        meeting_id, on = target

        def save(text: str) -> Note:
            return store.add_note(meeting_id, text, on)

        from ..dialogs.note_editor import NoteEditorScreen  # modal screens load on first use

        self.push_screen(NoteEditorScreen(target_label(meeting, on), save=save),
                         self._note_saved)

    def _note_saved(self, text: str | None) -> None:
        if text is not None:
            self.notify("Note saved.", timeout=3)

    def _notes_in_view(self) -> bool:
        """The Notes pane is what e/d act on: it has focus, or it is the pane on show
        while the list has focus (`4` from the list keeps focus in the list)."""
        region = self._region()
        return region == "notes" or (region == "list" and self.main.active_pane == "notes")

    def _focused_note(self) -> Note | None:
        notes_list = self.main.pane_widget("notes")
        item = getattr(notes_list, "current", None)
        note_id = getattr(item, "note_id", None)
        return next((n for n in self.main.notes if n.id == note_id), None)

    def _edit_note(self, note: Note) -> None:
        store = self._writable()
        meeting = self.main.meeting
        if store is None or meeting is None:
            return

        def save(text: str) -> Note:
            return store.edit_note(note.id, text)

        from ..dialogs.note_editor import NoteEditorScreen  # modal screens load on first use

        self.push_screen(NoteEditorScreen(target_label(meeting, note.target), note.text,
                                          save=save, title="Edit note"), self._note_saved)

    def _delete_note(self, note: Note) -> None:
        store = self._writable()
        if store is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._run_delete(lambda: store.delete_note(note.id), Undo(
                    "note", lambda s: s.restore_note(note)), "Note deleted.")

        from ..dialogs.confirm import ConfirmScreen  # modal screens load on first use

        self.push_screen(ConfirmScreen(f"Delete the note “{_first_line(note.text)}”?",
                                       yes="Delete", no="Keep"), answered)

    # -- the generic keys ----------------------------------------------------------------

    def action_edit(self) -> None:
        """``e``: the highlighted note, item, or (in the list) the meeting itself."""
        region = self._region()
        if self._notes_in_view():
            note = self._focused_note()
            if note is not None:
                self._edit_note(note)
            else:
                self.notify("No note here to edit.")
            return
        meeting = self._shown_meeting()
        if meeting is None or self._writable() is None:
            return
        if region == "source":
            self._pick_item(meeting, "Edit which part of the meeting?", self._edit_picked,
                            with_meeting=True)
            return
        target = (self.focused_target() or ("", "meeting"))[1]
        if region in PANE_KINDS and target != "meeting":
            self._edit_target(meeting, target)
        else:
            self._edit_meeting(meeting)

    def action_delete(self) -> None:
        """``d``: delete the highlighted note or item, or from the list the meeting shown
        (with its notes), after a y/n question. The Notes pane on show keeps ``d`` for
        its note, as it does ``e``."""
        region = self._region()
        if self._notes_in_view():
            note = self._focused_note()
            if note is not None:
                self._delete_note(note)
            else:
                self.notify("No note here to delete.")
            return
        meeting = self._shown_meeting()
        if meeting is None or self._writable() is None:
            return
        if region == "source":
            self._pick_item(meeting, "Delete which item?", self._delete_picked)
            return
        target = (self.focused_target() or ("", "meeting"))[1]
        if region in PANE_KINDS and target != "meeting":
            self._delete_target(meeting, target)
        elif region == "list":
            self._delete_meeting(meeting)
        else:
            self.notify("Highlight a note or an item in a pane, or a meeting in the list, "
                        "to delete it.")

    def action_undo(self) -> None:
        """``u``: put back the last thing deleted in this session."""
        store = self._writable()
        if store is None:
            return
        if not self._undo_stack:
            self.notify("Nothing to undo.")
            return
        undo = self._undo_stack.pop()
        self._run_undo(store, undo)

    def action_add(self) -> None:
        """``a``: a new meeting from the list; a new item (or note) from a pane."""
        store = self._writable()
        if store is None:
            return
        region = self._region()
        meeting = self.main.meeting
        if region == "list" or meeting is None:
            self._add_meeting(store)
            return
        target = (self.focused_target() or ("", "meeting"))[1]
        options = [("agenda", "Agenda item"), ("participant", "Participant"),
                   ("priority", "Cooperation priority")]
        parent = self._agenda_parent(meeting, target)
        if parent is not None:
            title = meeting.targets().get(f"agenda:{parent}", parent)
            options.append(("position", f"Position on “{title}”"))
        options += [("reference", "Reference to an earlier agreement"),
                    ("outcome", "Outcome"), ("note", "Note on the highlighted item")]
        initial = ("position" if target.startswith("position:") else
                   "note" if region == "notes" else PANE_KINDS.get(region, "agenda"))

        def picked(kind: str | None) -> None:
            if kind == "note":
                self.action_new_note()
            elif kind is not None:
                self._add_item(meeting, kind, parent if kind == "position" else None)

        from ..dialogs.pick import PickScreen  # modal screens load on first use

        self.push_screen(PickScreen("Add to this meeting", options, initial), picked)

    # -- meetings and items --------------------------------------------------------------

    def _add_meeting(self, store: Store) -> None:
        from dossier.store import edit  # with pydantic: on first use, not at start-up
        def save(meeting: Meeting) -> Meeting:
            # The id is made unique here, in the worker, against the store as it is now.
            fresh = edit.unique_id(meeting.id, store.has_meeting)
            return store.add_meeting(meeting.model_copy(update={"id": fresh}))

        def added(meeting: Meeting | None) -> None:
            if meeting is not None:
                self.notify(f"Meeting {meeting.id} added.", markup=False)
                # Jump once the app's list holds it. The store listener may already have
                # reloaded the list before this callback ran, so look now as well as on
                # the next MeetingsListed.
                self._select_when_listed = (meeting.id, True)
                self._select_if_listed()

        from ..dialogs.forms import MeetingForm  # modal screens load on first use

        self.push_screen(MeetingForm(save=save), added)

    def _edit_meeting(self, meeting: Meeting) -> None:
        from dossier.store import edit  # with pydantic: on first use, not at start-up
        store = self.store
        assert store is not None

        def save(changed: Meeting) -> Meeting:
            fields = {name: getattr(changed, name) for name in
                      ("title", "body", "level", "date", "date_inferred", "location", "tags")}
            return edit.apply_edit(store, meeting.id,
                                   lambda current: edit.with_fields(current, fields))

        from ..dialogs.forms import MeetingForm  # modal screens load on first use

        self.push_screen(MeetingForm(meeting, save=save), self._saved("Meeting saved."))

    def _agenda_parent(self, meeting: Meeting, target: str) -> str | None:
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

    def _add_item(self, meeting: Meeting, kind: str, parent: str | None) -> None:
        from dossier.store import edit  # with pydantic: on first use, not at start-up
        store = self.store
        assert store is not None

        def save(item: BaseModel) -> Meeting:
            return edit.apply_edit(store, meeting.id, lambda current: edit.put_item(
                current, kind, edit.with_fresh_id(current, kind, item), parent=parent))

        from ..dialogs.forms import item_form  # modal screens load on first use

        self.push_screen(item_form(kind, meeting, save=save),
                         self._saved(f"{edit.ITEM_NOUN[kind].capitalize()} added."))

    def _edit_target(self, meeting: Meeting, target: str) -> None:
        from dossier.store import edit  # with pydantic: on first use, not at start-up
        store = self.store
        assert store is not None
        kind, _, item_id = target.partition(":")
        try:
            item = edit.find_item(meeting, kind, item_id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        parent = self._agenda_parent(meeting, target) if kind == "position" else None

        def save(changed: BaseModel) -> Meeting:
            return edit.apply_edit(store, meeting.id, lambda current: edit.put_item(
                current, kind, changed, parent=parent, replace=item_id))

        from ..dialogs.forms import item_form  # modal screens load on first use

        self.push_screen(item_form(kind, meeting, item, save=save),
                         self._saved(f"{edit.ITEM_NOUN[kind].capitalize()} saved."))

    def _delete_target(self, meeting: Meeting, target: str) -> None:
        from dossier.store import edit  # with pydantic: on first use, not at start-up
        store = self.store
        assert store is not None
        kind, _, item_id = target.partition(":")
        label = meeting.targets().get(target, item_id)
        try:
            item = edit.find_item(meeting, kind, item_id)
            index = edit.item_index(meeting, kind, item_id)
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        parent = self._agenda_parent(meeting, target) if kind == "position" else None
        noun = edit.ITEM_NOUN[kind]

        def restore(s: Store) -> Meeting:
            return edit.apply_edit(s, meeting.id, lambda current: edit.put_item(
                current, kind, edit.with_fresh_id(current, kind, item), parent=parent,
                index=index))

        def answered(yes: bool | None) -> None:
            if yes:
                self._run_delete(
                    lambda: edit.apply_edit(store, meeting.id, lambda current:
                                            edit.remove_item(current, kind, item_id)),
                    Undo(noun, restore), f"{noun.capitalize()} deleted.")

        from ..dialogs.confirm import ConfirmScreen  # modal screens load on first use

        self.push_screen(ConfirmScreen(f"Delete {noun} “{_first_line(label)}”? Notes on it "
                                       f"are kept.", yes="Delete", no="Keep"), answered)

    def _delete_meeting(self, meeting: Meeting) -> None:
        store = self.store
        assert store is not None
        count = len(self.main.notes)  # the shown meeting's notes, on every item of it
        notes = ("It has no notes." if count == 0 else
                 "Its note is deleted with it." if count == 1 else
                 f"Its {count} notes are deleted with it.")

        def answered(yes: bool | None) -> None:
            if yes:
                self._run_delete_meeting(store, meeting.id, self._neighbours(meeting.id))

        from ..dialogs.confirm import ConfirmScreen  # modal screens load on first use

        # The title is data: ConfirmScreen shows the question literally (never markup).
        self.push_screen(ConfirmScreen(f"Delete the meeting {meeting_label(meeting)}? "
                                       f"{notes}", yes="Delete", no="Keep"), answered)

    def _neighbours(self, meeting_id: str) -> tuple[str, ...]:
        """Where the cursor goes once ``meeting_id`` is deleted, best first: the row below
        it in the list as shown (filtered or not), the row above, then the same in the
        whole list."""
        meeting_list = self.main.meeting_list
        found: list[str] = []
        for rows in (meeting_list.shown, meeting_list.summaries):
            ids = [summary.id for summary in rows]
            if meeting_id in ids:
                index = ids.index(meeting_id)
                found += ids[index + 1:index + 2] + ids[max(index - 1, 0):index]
        return tuple(dict.fromkeys(found))

    def _pick_item(self, meeting: Meeting, title: str, then: Callable[[str | None], None],
                   *, with_meeting: bool = False) -> None:
        """References and outcomes have no pane of their own: choose them from a list."""
        options = [("meeting", "Meeting details (title, date, place…)")] if with_meeting else []
        options += [(f"reference:{r.id}", f"Reference: {r.title}") for r in meeting.references]
        options += [(f"outcome:{o.id}", f"Outcome: {o.description}") for o in meeting.outcomes]
        if not options:
            self.notify("This meeting has no references or outcomes.")
            return
        from ..dialogs.pick import PickScreen  # modal screens load on first use

        self.push_screen(PickScreen(title, options), then)

    def _edit_picked(self, target: str | None) -> None:
        meeting = self.main.meeting
        if target is None or meeting is None:
            return
        if target == "meeting":
            self._edit_meeting(meeting)
        else:
            self._edit_target(meeting, target)

    def _delete_picked(self, target: str | None) -> None:
        meeting = self.main.meeting
        if target is not None and meeting is not None:
            self._delete_target(meeting, target)

    def _saved(self, message: str) -> Callable[[Any], None]:
        def done(result: Any) -> None:
            if result is not None:
                self.notify(message, timeout=3)
        return done

    # -- delete and undo workers ---------------------------------------------------------

    @work(thread=True, exclusive=False, group="edit", exit_on_error=False)
    def _run_delete(self, delete: Callable[[], object], undo: Undo, message: str) -> None:
        try:
            delete()
        except StoreError as exc:
            self.post_message(EditFailed(str(exc)))
            return
        self.post_message(EditDone(f"{message} Press u to undo.", undo))

    @work(thread=True, exclusive=False, group="edit", exit_on_error=False)
    def _run_delete_meeting(self, store: Store, meeting_id: str,
                            neighbours: tuple[str, ...]) -> None:
        try:
            meeting, notes = store.delete_meeting(meeting_id)
        except StoreError as exc:
            self.post_message(EditFailed(f"Could not delete the meeting: {exc}"))
            return
        self.post_message(MeetingDeleted(meeting, notes, neighbours))

    @work(thread=True, exclusive=False, group="edit", exit_on_error=False)
    def _run_undo(self, store: Store, undo: Undo) -> None:
        try:
            undo.restore(store)
        except StoreError as exc:
            self.post_message(EditFailed(f"Could not restore the {undo.what}: {exc}"))
            return
        self.post_message(EditDone(undo.message or f"Restored the deleted {undo.what}.",
                                   undone=True, select=undo.select))

    def on_edit_done(self, event: EditDone) -> None:
        if event.undo is not None:
            self._undo_stack.append(event.undo)
        self.notify(event.message, timeout=4, markup=False)
        if event.select is not None:
            # The store listener's reload of the list may have come already or not yet.
            self._select_when_listed = (event.select, False)
            self._select_if_listed()

    def on_meeting_deleted(self, event: MeetingDeleted) -> None:
        meeting, notes = event.meeting, event.notes
        self._undo_stack.append(Undo(
            "meeting", lambda s: s.restore_meeting(meeting, notes),
            message=f"Meeting {meeting_label(meeting)} restored{_with_notes(len(notes))}.",
            select=meeting.id))
        self.notify(f"Meeting {meeting_label(meeting)} deleted{_with_notes(len(notes))}. "
                    f"u undoes.", timeout=6, markup=False)
        if not self.screen_stack:
            return  # shutting down
        if self._select_when_listed is not None \
                and self._select_when_listed[0] == meeting.id:
            self._select_when_listed = None
        meeting_list = self.main.meeting_list
        listed = [summary.id for summary in meeting_list.summaries]
        # The cursor is still on it, or the store listener's reload has already dropped it
        # (and reset the cursor): move to its neighbour. Otherwise the user moved on.
        if meeting_list.current_id() != meeting.id and meeting.id in listed:
            return
        others = [meeting_id for meeting_id in listed if meeting_id != meeting.id]
        current = meeting_list.current_id()
        candidates = [*event.neighbours, *([current] if current else []), *others[:1]]
        neighbour = next((c for c in candidates if c in others), None)
        if neighbour is None:
            self._show_no_meeting()
        else:
            self._select_meeting(neighbour)

    def on_meeting_gone(self, event: MeetingGone) -> None:
        """The meeting being loaded was deleted (by this app or another process): show the
        meeting under the cursor instead, or the "no meetings" state."""
        if not self.screen_stack or event.meeting_id != self._wanted:
            return  # shutting down, or the selection has already moved on
        meeting_list = self.main.meeting_list
        current = meeting_list.current_id()
        if current is not None and current != event.meeting_id:
            self.open_meeting(current)
        elif not any(s.id != event.meeting_id for s in meeting_list.summaries):
            self._show_no_meeting()
        # Otherwise the list still holds it: its reload, under way, moves the cursor.

    def on_edit_failed(self, event: EditFailed) -> None:
        self.notify(event.sentence, severity="error", markup=False)

