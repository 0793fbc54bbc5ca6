"""The terminal app: browse meetings from the keyboard.

The app owns the store, the undo stack and every store worker; the main screen owns what is
shown and says what the user asked for (tui/messages.py); the editing flows (tui/flows.py)
decide what a request means. Every store call runs in a thread worker that posts a message,
handled here on the app's thread, so the list paints first and no key waits on the disk.
Other writers are noticed by a :class:`~store.watch.ChangeWatch`, polled every few seconds
and when the terminal regains focus.

Keys are listed in :class:`tui.screens.main.MainScreen` and here; each has an id
(remappable through the config's ``keymap``) and a description (the help screen and the
Footer are generated from them).
"""

from __future__ import annotations

import contextlib
import io
import os
import sqlite3
import time
from collections.abc import Coroutine, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar

from textual import events, on, work
from textual.actions import SkipAction
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import Theme
from textual.worker import get_current_worker

from dossier.store.errors import NotFound, StoreError
from dossier.store.hits import Hit
from dossier.store.store import Store
from dossier.store.summary import MeetingSummary
from dossier.store.watch import ChangeWatch

from . import flows
from .commands import CatalogCache, DossierCommands
from .config import (
    AppState,
    Config,
    load_config,
    load_state,
    save_state,
    start_theme,
    state_dir,
)
from .messages import (
    AddRequested,
    DeleteRequested,
    EditDone,
    EditFailed,
    EditRequested,
    ImportRequested,
    IndexProgress,
    IndexReady,
    JumpRequested,
    MeetingGone,
    MeetingLoaded,
    MeetingsListed,
    NewNoteRequested,
    NoteCounts,
    RedoRequested,
    StoreChanged,
    StoreFailed,
    StoreOpened,
    UndoHistoryLoaded,
    UndoRequested,
    ViewRequested,
)
from .screens import HelpScreen, MainScreen, MessageScreen, help_sections
from .screens.main import NO_MEETINGS
from .text import index_progress_text
from .themes import THEMES
from .ui import DialogUI, run_flow
from .undo import Undo
from .undo_log import UndoLog, log_path
from .widgets import MeetingList

# The record model loads with the first meeting shown, not before the first paint.
if TYPE_CHECKING:
    from dossier.store.model import Meeting
    from dossier.store.search import SearchOrder

#: Notes the Notes pane shows, newest first: 50,000 took 48 s to draw; the rest are
#: counted, searchable with /, and listed by `dossier note list`.
PANE_NOTES = 300

#: Meetings painted before the rest of a big archive is read (a few screens' worth).
FIRST_PAGE = 300

#: An index update that takes longer than this shows its progress (seconds).
INDEX_PROGRESS_AFTER_S = 0.3
#: At most this often (seconds).
INDEX_PROGRESS_EVERY_S = 0.2

#: How often the store files are checked for other writers' changes (seconds).
WATCH_INTERVAL_S = 3.0

#: Set by benchmarks/run.py: a file to receive the time the list first painted.
FIRST_PAINT_ENV = "DOSSIER_FIRST_PAINT_FILE"


class _IndexCancelled(Exception):
    """Raised from the index build's progress callback when the app is closing."""


class DossierApp(App[int]):
    TITLE = "meeting-dossier"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {DossierCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("slash", "search", "Search", id="app.search"),
    ]

    def __init__(self, store_path: Path | None = None) -> None:
        super().__init__()
        # Before on_mount restores the saved theme, which may be one of ours.
        for theme in THEMES:
            self.register_theme(theme)
        self.store_path = store_path
        self.store: Store | None = None
        self.config: Config = load_config()
        #: What the app remembers itself (the last theme), apart from the user's config.
        self.saved_state: AppState = load_state()
        #: How the editing flows ask the user things.
        self.ui = DialogUI(self)
        #: The meeting the panes should show (its load may be on its way).
        self._wanted: str | None = None
        self._review_wanted: str | None = None  # a draft opened with enter: review it
        self._pending_jump: tuple[str, str, tuple[int, int] | None] | None = None
        #: (meeting id, open its panes) to select once the list holds it.
        self._select_when_listed: tuple[str, bool] | None = None
        #: How to take back each change made here, latest last; and the changes undone,
        #: to make again (a new change clears them). Saved after each change to them
        #: (tui/undo_log.py) and read back at the next start: every undo checks the store
        #: before it writes (tui/undo.py), so one from an earlier run is as safe.
        self._undo_stack: list[Undo] = []
        self._redo_stack: list[Undo] = []
        self._undo_log: UndoLog | None = None
        self._undo_generation = 0
        self._undo_log_loading = False
        self._watch: ChangeWatch | None = None
        self._index_started = False
        self._store_failed = False
        #: (done, total) while the search index is being built in the background.
        self.index_progress: tuple[int, int] | None = None
        #: Published with index_progress on each step and with None when it is done.
        self.index_signal: Signal[tuple[int, int] | None] = Signal(self, "index")
        #: What the command palette lists, built once in a worker (tui/commands.py).
        self.palette_catalog = CatalogCache()
        #: The last search's query, the row it was left on and its order (`/` resumes it).
        self._last_search: tuple[str, int, SearchOrder] = ("", 0, "relevance")

    # -- start-up ------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        return MainScreen()

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    @property
    def _presenting(self) -> bool:
        """False once shutting down. Textual stops the app's pump before it removes the
        screens' widgets, and a worker's message handled in between found the main
        screen's header gone (seen in CI); so handlers test this, not the screen stack."""
        return self.is_running and bool(self.screen_stack)

    def on_mount(self) -> None:
        self._restore_settings()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.set_interval(WATCH_INTERVAL_S, self.check_for_changes)

    @on(MainScreen.Ready)
    def _main_ready(self) -> None:
        # Opened only now, so the list exists when the summaries arrive; the screen
        # has painted "Loading…" by then.
        self._open_store()

    def _restore_settings(self) -> None:
        if self.config.problem:
            self.notify(self.config.problem, title="Settings", severity="warning",
                        markup=False)
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        theme = start_theme(self.config, self.saved_state)
        if theme:
            if theme in self.available_themes:
                self.theme = theme
            else:
                # markup=False: the name comes from the user's file and may hold "[".
                self.notify(f'Unknown theme "{theme}"; using {self.theme}.',
                            title="Settings", severity="warning", markup=False)

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self.saved_state.theme:
            self.saved_state.theme = theme.name
            self._save_settings()

    @work(thread=True, exclusive=True, group="config", exit_on_error=False)
    def _save_settings(self) -> None:
        try:
            save_state(self.saved_state)
        except OSError as exc:
            self.call_from_thread(self.notify, f"Could not save the settings: {exc}",
                                  severity="warning", markup=False)

    @work(thread=True, exclusive=True, group="store", exit_on_error=False)
    def _open_store(self) -> None:
        try:
            store = Store.open(self.store_path)
            # The newest meetings paint first; the whole list (0.1 s at 10k meetings,
            # 0.5 s at 100k) follows without holding up the first screen.
            summaries, complete = store.newest_meetings(FIRST_PAGE)
            self.post_message(StoreOpened(store, summaries[:FIRST_PAGE]))
            if not complete:
                summaries = store.list_meetings()
            if len(summaries) > FIRST_PAGE:
                self.post_message(MeetingsListed(summaries))
        except StoreError as exc:
            self.post_message(StoreFailed(str(exc)))
        except OSError as exc:
            self.post_message(StoreFailed(f"The store could not be opened: {exc}."))

    @on(StoreOpened)
    def _store_opened(self, event: StoreOpened) -> None:
        store = self.store = event.store
        self.palette_catalog.store_settled()
        self.main.meeting_list.set_meetings(event.summaries)
        stamp_file = os.environ.get(FIRST_PAINT_ENV)
        if stamp_file:
            self.call_after_refresh(_write_first_paint, stamp_file)
        self.call_after_refresh(self.main.finish_layout)
        if not event.summaries:
            self._show_no_meeting()  # as after deleting the last one: hint, no panes
            self._start_index_update()
        if store.read_only:
            self.notify("The store is read-only: browsing only.", severity="warning")
        # Watch for other writers from now on (the first look is the baseline), and count
        # the notes for the list at once rather than at the first tick.
        self._watch = ChangeWatch(store.root)
        store.add_listener(self._committed)
        self._count_notes()
        self.check_for_changes()
        self._undo_log = UndoLog(log_path(state_dir(), store.root), store.root)
        self._undo_log_loading = True
        self._load_undo_log(self._undo_log)

    # -- the undo history between runs ---------------------------------------------------

    @work(thread=True, exclusive=True, group="undo-log", exit_on_error=False)
    def _load_undo_log(self, log: UndoLog) -> None:
        undo: list[Undo] = []
        redo: list[Undo] = []
        try:
            undo_records, redo_records = log.load()
            if undo_records or redo_records:
                # With pydantic, which nothing else needs before the first edit.
                from .undo import from_record

                undo = [u for u in map(from_record, undo_records) if u is not None]
                redo = [u for u in map(from_record, redo_records) if u is not None]
        finally:  # always: u waits for this message
            self.post_message(UndoHistoryLoaded(undo, redo))

    @on(UndoHistoryLoaded)
    def _undo_history_loaded(self, event: UndoHistoryLoaded) -> None:
        # Changes made since the start stay the latest; what was undone before the restart
        # can be redone only while nothing new was done.
        self._undo_log_loading = False
        self._undo_stack[:0] = event.undo
        if not self._redo_stack and len(self._undo_stack) == len(event.undo):
            self._redo_stack = list(event.redo)

    def _save_undo_log(self) -> None:
        """After every change to the stacks: the records, oldest first, to the log."""
        if self._undo_log is None:
            return
        self._undo_generation += 1
        self._write_undo_log(self._undo_log, self._undo_generation,
                             [u.record for u in self._undo_stack if u.record is not None],
                             [u.record for u in self._redo_stack if u.record is not None])

    @work(thread=True, exclusive=False, group="undo-log-save", exit_on_error=False)
    def _write_undo_log(self, log: UndoLog, generation: int, undo: list[dict[str, Any]],
                        redo: list[dict[str, Any]]) -> None:
        try:
            log.save(undo, redo, generation)
        except OSError as exc:  # the changes are on disk; only their undo is not kept
            self.call_from_thread(self.notify, f"Could not keep the undo history: {exc}",
                                  severity="warning", markup=False)

    @on(StoreFailed)
    def _show_store_failure(self, event: StoreFailed) -> None:
        self._store_failed = True
        self.palette_catalog.store_settled()
        self.main.finish_layout()
        self.main.query_one("#header").update("The store could not be opened.")
        self.push_screen(MessageScreen("The store could not be opened", event.message))

    # -- the search index ----------------------------------------------------------------

    def _start_index_update(self) -> None:
        """Once: after the first meeting opened without trouble (or the store turned out
        empty), so a store found damaged gets no index written beside it."""
        if self._index_started or self._store_failed or self.store is None:
            return
        self._index_started = True
        self._update_index(self.store)
        self._build_palette_catalog(self.store)  # so the first ctrl+p has it at hand

    @work(thread=True, exclusive=True, group="palette", exit_on_error=False)
    def _build_palette_catalog(self, store: Store) -> None:
        """The command palette's catalog, read from every meeting (0.4 s at 2,000): here,
        before ctrl+p, and again after meetings change, rather than on a key."""
        with contextlib.suppress(StoreError, OSError):
            self.palette_catalog.get(store)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _update_index(self, store: Store) -> None:
        """Bring the search index up to date now, so the first search is instant.

        A store imported from the command line has none yet (a build: ~25 s at 10k
        meetings, minutes at 100k), so a long update shows its progress. The list,
        opening meetings and saving notes carry on meanwhile: they do not wait for the
        index (store.index.SearchIndex.try_lock).
        """
        started = last = time.monotonic()
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            nonlocal last
            if worker.is_cancelled:
                # The app is closing: stop between two files (the build rolls back and
                # starts again next time) rather than hold up the exit.
                raise _IndexCancelled
            now = time.monotonic()
            if now - started >= INDEX_PROGRESS_AFTER_S and (
                    now - last >= INDEX_PROGRESS_EVERY_S or done == total):
                last = now
                self.post_message(IndexProgress(done, total))

        try:
            store.index().ensure_fresh(progress=progress)
        except _IndexCancelled:
            return
        except StoreError as exc:
            self.post_message(IndexReady(str(exc)))
            return
        except (OSError, sqlite3.Error) as exc:
            self.post_message(IndexReady(f"the search index could not be prepared: {exc}"))
            return
        self.post_message(IndexReady())

    @on(IndexProgress)
    def _index_progress(self, event: IndexProgress) -> None:
        self.index_progress = (event.done, event.total)
        if self._presenting:
            done = index_progress_text(event.done, event.total)
            self.main.show_status(f"Preparing search: {done}; browsing works meanwhile.")
        self.index_signal.publish(self.index_progress)

    @on(IndexReady)
    def _index_ready(self, event: IndexReady) -> None:
        self.index_progress = None
        if not self._presenting:
            return
        self.main.show_status(None)
        if event.problem:
            self.notify(f"Search is unavailable: {event.problem}", severity="warning",
                        markup=False)
        self.index_signal.publish(None)

    # -- loading a meeting ---------------------------------------------------------------

    def open_meeting(self, meeting_id: str) -> None:
        self._wanted = meeting_id
        self._load_meeting(meeting_id)

    @work(thread=True, exclusive=True, group="meeting", exit_on_error=False)
    def _load_meeting(self, meeting_id: str) -> None:
        store = self.store
        if store is None:
            return
        try:
            meeting = store.get_meeting(meeting_id)
            notes = store.meeting_notes(meeting_id, PANE_NOTES)
        except NotFound:
            # Deleted since it was chosen (here or by another process): the store is fine;
            # the selection moves on (MeetingGone).
            self.post_message(MeetingGone(meeting_id))
            return
        except StoreError as exc:
            self.post_message(StoreFailed(str(exc)))
            return
        self.post_message(MeetingLoaded(meeting, notes))

    @on(MeetingLoaded)
    def _meeting_loaded(self, event: MeetingLoaded) -> None:
        if not self._presenting:
            return  # shutting down: a reload finished after the screens closed
        if event.meeting.id != self._wanted:
            return  # a newer selection is on its way
        self.main.show_meeting(event.meeting, event.notes)
        self._start_index_update()
        # A wish to review holds for the load it was made for, never for a later one.
        review, self._review_wanted = self._review_wanted, None
        if review == event.meeting.id:
            self.review_draft(event.meeting)
        pending, self._pending_jump = self._pending_jump, None
        if pending is not None and pending[0] == event.meeting.id:
            self.main.reveal(pending[1], pending[2])

    @on(MeetingGone)
    def _meeting_gone(self, event: MeetingGone) -> None:
        """The meeting being loaded was deleted (by this app or another process): show the
        meeting under the cursor instead, or the "no meetings" state."""
        if not self._presenting or event.meeting_id != self._wanted:
            return  # shutting down, or the selection has already moved on
        meeting_list = self.main.meeting_list
        current = meeting_list.current_id()
        if current is not None and current != event.meeting_id:
            self.open_meeting(current)
        elif not any(s.id != event.meeting_id for s in meeting_list.summaries):
            self._show_no_meeting()
        # Otherwise the list still holds it: its reload, under way, moves the cursor.

    @on(MeetingList.Highlighted)
    def _meeting_highlighted(self, event: MeetingList.Highlighted) -> None:
        if event.meeting_id != self._wanted:
            self.open_meeting(event.meeting_id)

    @on(MeetingList.NothingShown)
    def _nothing_shown(self, event: MeetingList.NothingShown) -> None:
        # The filter matches nothing: the right side must not go on showing the last
        # meeting as if it were selected. Widening the filter highlights a row again.
        self._wanted = None
        self.main.show_no_meeting("No meeting selected: none matches the filter.")

    @on(MeetingList.Selected)
    def _meeting_selected(self, event: MeetingList.Selected) -> None:
        shown = self.main.meeting
        if shown is not None and shown.id == event.meeting_id == self._wanted:
            self.review_draft(shown)  # only drafts open the review
        else:
            self._review_wanted = event.meeting_id
            if event.meeting_id != self._wanted:  # else its load is already on the way
                self.open_meeting(event.meeting_id)
        self.main.focus_panes()

    def review_draft(self, meeting: Meeting) -> None:
        """A draft (an imported statement) opens in the review screen, field by field;
        saving or skipping it moves on to the next draft the list shows (the queue after a
        batch import), each saved one undoable on its own."""
        if meeting.status != "draft" or self.store is None:
            return
        from .screens.review import ReviewScreen  # imported on first use

        drafts = [s.id for s in self.main.meeting_list.shown if s.status == "draft"]
        after = drafts.index(meeting.id) + 1 if meeting.id in drafts else 0
        queue = [i for i in drafts[after:] + drafts[:after] if i != meeting.id]
        self.push_screen(ReviewScreen(
            self.store, meeting, stored=True, queue=queue,
            reviewed=lambda draft, saved: self._reviewed(saved, draft=draft)))

    def _reviewed(self, meeting: Meeting | None, draft: Meeting | None = None) -> None:
        """A review was saved (over the stored ``draft``, or as a new meeting): ``u`` can
        take it back, and the list selects the meeting (once its reload holds it)."""
        if meeting is None:
            return
        if draft is not None:
            self.push_undo(flows.snapshot_undo("review", draft, meeting))
        else:
            self.push_undo(flows.new_meeting_undo(meeting, "reviewed meeting"))
        if self._presenting:
            self._select_when_listed = (meeting.id, False)
            self._select_if_listed()

    # -- the list ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="list", exit_on_error=False)
    def _relist(self) -> None:
        if self.store is not None:
            self.post_message(MeetingsListed(self.store.list_meetings()))

    @on(MeetingsListed)
    def _meetings_listed(self, event: MeetingsListed) -> None:
        if not self._presenting:
            return  # shutting down
        meeting_list = self.main.meeting_list
        keep = meeting_list.current_id()
        meeting_list.set_meetings(event.summaries)
        if keep is not None:
            meeting_list.move_to(keep)
        if not event.summaries:
            self._show_no_meeting()  # the last one went
            return
        self._select_if_listed(event.summaries)  # one just added or put back

    def _select_if_listed(self, listed: Sequence[MeetingSummary] | None = None) -> None:
        """Select the meeting waiting in ``_select_when_listed`` if the list holds it.

        Called both when a change is reported and on every reload of the list
        (``listed``), since the store listener's reload may come before or after the
        report. A reload started before the write can arrive after it without the meeting:
        the wish then stays until a reload that has it.
        """
        pending = self._select_when_listed
        if pending is None or not self._presenting:
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

    def _move_off(self, deleted: str, neighbours: Sequence[str]) -> None:
        """``deleted`` is gone: if the cursor was on it, move to its neighbour."""
        if self._select_when_listed is not None and self._select_when_listed[0] == deleted:
            self._select_when_listed = None
        meeting_list = self.main.meeting_list
        listed = [summary.id for summary in meeting_list.summaries]
        # The cursor is still on it, or the store listener's reload has already dropped it
        # (and reset the cursor): move to its neighbour. Otherwise the user moved on.
        if meeting_list.current_id() != deleted and deleted in listed:
            return
        others = [meeting_id for meeting_id in listed if meeting_id != deleted]
        current = meeting_list.current_id()
        candidates = [*neighbours, *([current] if current else []), *others[:1]]
        neighbour = next((c for c in candidates if c in others), None)
        if neighbour is None:
            self._show_no_meeting()
        else:
            self._select_meeting(neighbour)

    # -- changes: ours and other writers' ------------------------------------------------

    def _committed(self, kind: str, ident: str) -> None:
        """Store listener, on the writer's thread: this process committed a change."""
        watch = self._watch
        if watch is not None:
            watch.record_own_write(kind, ident)  # not news when the watch next looks
        self.post_message(StoreChanged(meetings=kind == "meeting", notes=kind == "note"))

    def check_for_changes(self) -> None:
        """Look for other writers' changes now (in a worker): the timer and the terminal
        regaining focus call this."""
        if self._watch is not None:
            self._look_for_changes(self._watch)

    @on(events.AppFocus)
    def _app_focused(self) -> None:
        self.check_for_changes()

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _look_for_changes(self, watch: ChangeWatch) -> None:
        changes = watch.check()
        if changes:
            self.post_message(StoreChanged(meetings=bool(changes.meetings),
                                           notes=changes.notes))

    @on(StoreChanged)
    def _store_changed(self, event: StoreChanged) -> None:
        if event.meetings:
            self._relist()
            self.palette_catalog.invalidate()
            if self.store is not None and self._index_started:
                self._build_palette_catalog(self.store)
        if event.notes:
            self._count_notes()
        if self._wanted is not None:
            self._load_meeting(self._wanted)

    @work(thread=True, exclusive=True, group="note-counts", exit_on_error=False)
    def _count_notes(self) -> None:
        if self.store is not None:
            self.post_message(NoteCounts(self.store.note_counts()))

    @on(NoteCounts)
    def _note_counts(self, event: NoteCounts) -> None:
        if self._presenting:  # else shutting down
            self.main.meeting_list.set_note_counts(event.counts)

    # -- editing: the main screen's requests run a flow ----------------------------------

    def _editing(self) -> Store | None:
        """The store, for a flow that may change it. A change is coming: the day's backup
        starts now, while the user types or answers, rather than inside the save (a
        whole-store copy: seconds on a big archive)."""
        store = self.store
        if store is not None and not store.read_only:
            self._back_up_if_due(store)
        return store

    @work(thread=True, exclusive=True, group="backup", exit_on_error=False)
    def _back_up_if_due(self, store: Store) -> None:
        store.back_up_if_due()

    def _run_flow(self, flow: Coroutine[Any, Any, flows.Outcome]) -> None:
        run_flow(self, flow, self._flow_ended)

    def _flow_ended(self, outcome: flows.Outcome) -> None:
        if isinstance(outcome, flows.Write):
            assert self.store is not None  # the flow checked it could write
            self._write(self.store, outcome)
        elif outcome is not None:
            self.post_message(EditDone(outcome))

    @on(NewNoteRequested)
    def _new_note_requested(self, event: NewNoteRequested) -> None:
        self._run_flow(flows.new_note(self.ui, self._editing(), event.selection))

    @on(AddRequested)
    def _add_requested(self, event: AddRequested) -> None:
        self._run_flow(flows.add(self.ui, self._editing(), event.selection))

    @on(EditRequested)
    def _edit_requested(self, event: EditRequested) -> None:
        self._run_flow(flows.edit(self.ui, self._editing(), event.selection))

    @on(DeleteRequested)
    def _delete_requested(self, event: DeleteRequested) -> None:
        self._run_flow(flows.delete(self.ui, self._editing(), event.selection))

    @on(UndoRequested)
    def _undo_requested(self) -> None:
        last = self._undo_stack[-1] if self._undo_stack else None
        if last is None and self._undo_log_loading:
            self.notify("Still reading what the last run left to undo; try again.")
            return

        def ended(outcome: flows.Outcome) -> None:
            if outcome is not None:
                # Taken off now: a failed restore is reported, not retried by the next u.
                self._undo_stack.pop()
                if last is not None and last.redo is not None:
                    self._redo_stack.append(last)
                self._save_undo_log()
            self._flow_ended(outcome)

        run_flow(self, flows.undo(self.ui, self._editing(), last), ended)

    @on(RedoRequested)
    def _redo_requested(self) -> None:
        last = self._redo_stack[-1] if self._redo_stack else None

        def ended(outcome: flows.Outcome) -> None:
            if outcome is not None and last is not None:
                self._redo_stack.pop()
                self._undo_stack.append(last)  # undone again by the next u
                self._save_undo_log()
            self._flow_ended(outcome)

        run_flow(self, flows.redo(self.ui, self._editing(), last), ended)

    def push_undo(self, undo: Undo) -> None:
        """A new change: it is the next to undo, and nothing undone can be redone now."""
        self._undo_stack.append(undo)
        self._redo_stack.clear()
        self._save_undo_log()

    @work(thread=True, exclusive=False, group="edit", exit_on_error=False)
    def _write(self, store: Store, write: flows.Write) -> None:
        try:
            change = write.run(store)
        except StoreError as exc:
            self.post_message(EditFailed(f"{write.failure}{exc}"))
            return
        self.post_message(EditDone(change))

    @on(EditDone)
    def _edit_done(self, event: EditDone) -> None:
        change = event.change
        if change.undo is not None:
            self.push_undo(change.undo)
        self.notify(change.message, timeout=change.timeout, markup=False)
        if not self._presenting:
            return  # shutting down
        if change.deleted is not None:
            self._move_off(change.deleted, change.neighbours)
        if change.select is not None:
            # The store listener's reload of the list may have come already or not yet.
            self._select_when_listed = (change.select, change.reveal)
            self._select_if_listed()

    @on(EditFailed)
    def _edit_failed(self, event: EditFailed) -> None:
        self.notify(event.sentence, severity="error", markup=False)

    @on(ImportRequested)
    def _import_requested(self) -> None:
        if self.store is None:
            self.notify("The store is not open yet.", severity="warning")
            return
        from .screens.review import import_statement_flow  # imported on first use

        import_statement_flow(self, self.store, reviewed=self._reviewed)

    # -- views, search and jumps ---------------------------------------------------------

    @on(ViewRequested)
    def _view_requested(self, event: ViewRequested) -> None:
        self.open_view(event.kind, event.name)

    def open_view(self, kind: str, name: str) -> None:
        """Open the cross-meeting view of a participant ("participant"), a party's
        positions ("party"), a body's timeline ("body"), a topic's ("topic") or a meeting
        compared with its body's previous one ("compare", ``name`` its id); choosing a
        row there jumps to it in context."""
        store = self.store
        if store is None:
            return
        from .screens.views import (
            BodyTimelineScreen,
            CompareMeetingsScreen,
            ParticipantProfileScreen,
            PartyPositionsScreen,
            TopicTimelineScreen,
        )

        if kind == "participant":
            self.push_screen(ParticipantProfileScreen(store, name), self._jump_to_hit)
        elif kind == "party":
            self.push_screen(PartyPositionsScreen(store, name), self._jump_to_hit)
        elif kind == "body":
            self.push_screen(BodyTimelineScreen(store, name), self._jump_to_hit)
        elif kind == "compare":  # ``name`` is a meeting's id: compared with its previous
            self.push_screen(CompareMeetingsScreen(store, name), self._jump_to_hit)
        else:
            self.push_screen(TopicTimelineScreen(store, name), self._jump_to_hit)

    @on(JumpRequested)
    def _jump_requested(self, event: JumpRequested) -> None:
        self.jump_to(event.meeting_id, event.target)

    def _jump_to_hit(self, hit: Hit | None) -> None:
        """Where a search result or a view row was chosen: go there (None: stay)."""
        if hit is not None:
            self.jump_to(hit.meeting_id, hit.target, hit.span)

    def jump_to(self, meeting_id: str, target: str,
                span: tuple[int, int] | None = None) -> None:
        """Select ``meeting_id``, show the pane for ``target`` with it focused, and
        highlight ``span`` (or the target's own span) in the Source pane."""
        main = self.main
        if main.meeting is not None and main.meeting.id == meeting_id \
                and self._wanted == meeting_id:
            main.meeting_list.move_to(meeting_id)
            main.reveal(target, span)
            return
        self._pending_jump = (meeting_id, target, span)
        self._wanted = meeting_id
        main.meeting_list.move_to(meeting_id)
        self._load_meeting(meeting_id)

    async def action_quit(self) -> None:
        """``q`` and ``ctrl+q``: quit, but ask first while an editor holds text that is not
        saved yet (escape asks too; quitting must not be the way to lose a note)."""
        unsaved = any(getattr(screen, "changed", False) is True
                      and not getattr(screen, "saving", False) for screen in self.screen_stack)
        if not unsaved:
            self.exit()
            return
        from .dialogs import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen):
            return  # a question is open already: it is answered first

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        self.push_screen(ConfirmScreen("Quit and drop the text you have not saved?",
                                       yes="Quit", no="Keep editing"), answered)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(help_sections(self.screen.active_bindings, self)))

    def action_search(self) -> None:
        if self.store is None:
            self.notify("The store is still opening.")
            return
        from .screens.search import SearchScreen  # imported on first use: start-up stays lean

        screen = SearchScreen(self.store, *self._last_search)

        def closed(hit: Hit | None) -> None:
            self._last_search = (screen.query_text, screen.highlighted_index, screen.order)
            self._jump_to_hit(hit)

        self.push_screen(screen, closed)

    # -- export --------------------------------------------------------------------------

    def export_prompt(self, scope: str = "meeting", meeting_ids: Sequence[str] = (),
                      what: str = "") -> None:
        """``x`` (the shown meeting) or ``X`` (the meetings the list shows, filtered or
        not), and the palette's "Export …": ask the format, then export in a worker.
        ``scope="given"``: the ``meeting_ids`` another screen chose (the search's hits),
        described as ``what``."""
        from .dialogs.export import ExportScreen  # on first use

        if self.store is None or not self._presenting:
            self.notify("The store is still opening.")
            return
        main = self.main
        if scope == "meeting":
            meeting = main.meeting
            if meeting is None:
                self.notify("No meeting is selected to export.")
                return
            what, ids = f"“{meeting.title}”", [meeting.id]
        elif scope == "given":
            ids = list(meeting_ids)
            if not ids:
                self.notify("No meeting to export.")
                return
        else:
            ids = [summary.id for summary in main.meeting_list.shown]
            if not ids:
                self.notify("The list shows no meeting to export.")
                return
            what = f"the {len(ids)} listed meeting{'s' if len(ids) != 1 else ''}"

        def chosen(fmt: str | None) -> None:
            if fmt is not None and self.store is not None:
                self._export(self.store, fmt, ids, "meeting" if scope == "meeting" else "listed")

        self.push_screen(ExportScreen(what), chosen)

    @work(thread=True, group="export", exit_on_error=False)
    def _export(self, store: Store, fmt: str, ids: list[str], scope: str) -> None:
        """Write the export into memory off the event loop, then hand it to Textual's
        delivery: a file in the downloads folder in a terminal, a download in a browser."""
        from dossier.store.export import export

        from .dialogs.export import SUFFIXES

        out = io.BytesIO()
        try:
            if scope == "meeting":
                count = export(store, fmt, out, meeting_id=ids[0])
            else:
                count = export(store, fmt, out, meeting_ids=ids)
        except (StoreError, OSError) as exc:
            self.call_from_thread(self.notify, f"Export failed: {exc}", severity="error",
                                  markup=False)
            return
        stem = ids[0] if scope == "meeting" else f"meetings-{len(ids)}"
        filename = f"{stem}{SUFFIXES.get(fmt, '.' + fmt)}"
        if fmt == "sqlite" and not self.is_web:
            # Textual 8's terminal driver opens a binary delivery with an encoding, which
            # Python refuses ("binary mode doesn't take an encoding argument"), and a
            # BytesIO it writes as text: in a terminal the app saves the file itself, where
            # the delivery would have (the downloads folder).
            self._save_export(out.getvalue(), filename, count)
        elif fmt == "sqlite":  # a browser: the web driver sends the bytes as they are
            self.call_from_thread(self.deliver_binary, _BinaryBuffer(out.getvalue()),
                                  save_filename=filename, name=f"export:{count}")
        else:  # every other format is UTF-8 text
            text = io.StringIO(out.getvalue().decode("utf-8"))
            try:
                folder = None if self.is_web else self._export_folder()
            except OSError as exc:
                self.call_from_thread(self.notify, f"Export failed: {exc}",
                                      severity="error", markup=False)
                return
            self.call_from_thread(self.deliver_text, text, save_directory=folder,
                                  save_filename=filename, name=f"export:{count}")

    def _export_folder(self) -> Path:
        """Where a terminal's export goes, made if missing: a fresh account often has no
        downloads folder yet, and the delivery would fail on it."""
        from platformdirs import user_downloads_path

        folder = Path(self.export_directory or user_downloads_path())
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def _save_export(self, payload: bytes, filename: str, count: int) -> None:
        partial_path: Path | None = None
        try:
            path = self._export_folder() / filename
            partial_path = path.with_name(f".{path.name}.part")
            partial_path.write_bytes(payload)
            partial_path.replace(path)  # never a half-written file under the real name
        except OSError as exc:
            if partial_path is not None:
                partial_path.unlink(missing_ok=True)
            self.call_from_thread(self.notify, f"Export failed: {exc}", severity="error",
                                  markup=False)
            return
        self.call_from_thread(self._export_delivered,
                              events.DeliveryComplete("", path, f"export:{count}"))

    #: Where a terminal's exports are saved; None is the user's downloads folder (tests
    #: and `dossier serve` may set it; a browser downloads the file instead).
    export_directory: Path | None = None

    @on(events.DeliveryComplete)
    def _export_delivered(self, event: events.DeliveryComplete) -> None:
        if event.name is None or not event.name.startswith("export:"):
            return
        count = int(event.name.partition(":")[2])
        where = f" to {event.path}" if event.path is not None else " (downloaded)"
        self.notify(f"Exported {count} meeting{'s' if count != 1 else ''}{where}",
                    markup=False)

    @on(events.DeliveryFailed)
    def _export_failed(self, event: events.DeliveryFailed) -> None:
        if event.name is not None and event.name.startswith("export:"):
            self.notify(f"Export failed: {event.exception}", severity="error", markup=False)

    def action_command_palette(self) -> None:
        """ctrl+p opens the palette, except where a screen moves with it (search)."""
        if getattr(self.screen, "OWNS_CTRL_P", False):
            raise SkipAction
        super().action_command_palette()


class _BinaryBuffer(io.BytesIO, BinaryIO):
    """Bytes that Textual's delivery recognises as binary (see DossierApp._export)."""


def _write_first_paint(path: str) -> None:
    """For benchmarks/run.py: when the list first reached the screen (epoch seconds)."""
    with contextlib.suppress(OSError), open(path, "w", encoding="utf-8") as stamp:
        stamp.write(f"{time.time():.6f}\n")


def run_app(store_path: Path | None) -> int:
    result = DossierApp(store_path).run()
    return result or 0
