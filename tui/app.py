"""The terminal app: browse meetings from the keyboard.

The app owns the store and the workers that read it; the main screen owns what is shown.
Every store call runs in a thread worker that posts a message, so the list paints first and
no key waits on the disk. Keys are listed in :class:`tui.screens.main.MainScreen` and here;
each has an id (remappable through the config's ``keymap``) and a description (the help
screen and the Footer are generated from them).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.signal import Signal
from textual.theme import Theme
from textual.worker import get_current_worker

from dossier.store.errors import NotFound, StoreError
from dossier.store.hits import Hit
from dossier.store.store import MeetingSummary, Store

from .commands import MeetingsProvider, ParticipantsProvider, TopicsProvider
from .config import Config, load_config, save_config
from .editors.actions import EditingMixin, MeetingGone
from .screens import HelpScreen, MainScreen, MessageScreen, help_sections
from .text import index_progress_text
from .widgets import MeetingList

# The record model loads with the first meeting shown, not before the first paint.
if TYPE_CHECKING:
    from dossier.store.model import Meeting, Note

#: Meetings painted before the rest of a big archive is read (a few screens' worth).
FIRST_PAGE = 300

#: An index update that takes longer than this shows its progress (seconds).
INDEX_PROGRESS_AFTER_S = 0.3
#: At most this often (seconds).
INDEX_PROGRESS_EVERY_S = 0.2

#: Set by benchmarks/run.py: a file to receive the time the list first painted.
FIRST_PAINT_ENV = "DOSSIER_FIRST_PAINT_FILE"


class StoreOpened(Message):
    def __init__(self, store: Store, summaries: list[MeetingSummary]) -> None:
        super().__init__()
        self.store = store
        self.summaries = summaries


class StoreFailed(Message):
    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


class MeetingLoaded(Message):
    def __init__(self, meeting: Meeting, notes: list[Note]) -> None:
        super().__init__()
        self.meeting = meeting
        self.notes = notes


class MeetingsListed(Message):
    def __init__(self, summaries: list[MeetingSummary]) -> None:
        super().__init__()
        self.summaries = summaries


class IndexProgress(Message):
    """The search index is being built or brought up to date: ``done`` of ``total``
    meeting files indexed."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class _IndexCancelled(Exception):
    """Raised from the index build's progress callback when the app is closing."""


class IndexReady(Message):
    """The search index is up to date (``problem``: why search is unavailable, if so)."""

    def __init__(self, problem: str | None = None) -> None:
        super().__init__()
        self.problem = problem


class StoreChanged(Message):
    """A committed change (from any thread); kind is "meeting" or "note"."""

    def __init__(self, kind: str, ident: str) -> None:
        super().__init__()
        self.kind = kind
        self.ident = ident


# Editing keys (n, a, e, d, u) and the watch on other writers live in the mixin.
class DossierApp(EditingMixin, App[int]):
    TITLE = "meeting-dossier"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {MeetingsProvider, ParticipantsProvider, TopicsProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", id="app.help"),
        Binding("slash", "search", "Search", id="app.search"),
    ]

    def __init__(self, store_path: Path | None = None) -> None:
        super().__init__()
        self.store_path = store_path
        self.store: Store | None = None
        self.config: Config = load_config()
        self._wanted: str | None = None
        self._review_wanted: str | None = None  # a draft opened with enter: review it
        self._pending_jump: tuple[str, str, tuple[int, int] | None] | None = None
        self._index_started = False
        self._store_failed = False
        #: (done, total) while the search index is being built in the background.
        self.index_progress: tuple[int, int] | None = None
        #: Published with index_progress on each step and with None when it is done.
        self.index_signal: Signal[tuple[int, int] | None] = Signal(self, "index")

    # -- start-up ------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        return MainScreen()

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def on_mount(self) -> None:
        self._restore_settings()
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    @on(MainScreen.Ready)
    def _main_ready(self) -> None:
        # Opened only now, so the list exists when the summaries arrive; the screen
        # has painted "Loading…" by then.
        self._open_store()

    def _restore_settings(self) -> None:
        if self.config.problem:
            self.notify(self.config.problem, title="Settings", severity="warning")
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        theme = self.config.theme
        if theme:
            if theme in self.available_themes:
                self.theme = theme
            else:
                self.notify(f'Unknown theme "{theme}"; using {self.theme}.',
                            title="Settings", severity="warning")

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self.config.theme:
            self.config.theme = theme.name
            self._save_settings()

    @work(thread=True, exclusive=True, group="config", exit_on_error=False)
    def _save_settings(self) -> None:
        try:
            save_config(self.config)
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

    def _start_index_update(self) -> None:
        """Once: after the first meeting opened without trouble (or the store turned out
        empty), so a store found damaged gets no index written beside it."""
        if self._index_started or self._store_failed or self.store is None:
            return
        self._index_started = True
        self._update_index(self.store)

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

    @on(StoreOpened)
    def _store_opened(self, event: StoreOpened) -> None:
        self.store = event.store
        # Listeners run on the writer's thread; post_message is thread-safe.
        event.store.add_listener(lambda kind, ident: self.post_message(StoreChanged(kind,
                                                                                    ident)))
        self.main.meeting_list.set_meetings(event.summaries)
        stamp_file = os.environ.get(FIRST_PAINT_ENV)
        if stamp_file:
            self.call_after_refresh(_write_first_paint, stamp_file)
        self.call_after_refresh(self.main.finish_layout)
        if not event.summaries:
            self._show_no_meeting()  # as after deleting the last one: hint, no panes
            self._start_index_update()
        if event.store.read_only:
            self.notify("The store is read-only: browsing only.", severity="warning")

    @on(IndexProgress)
    def _index_progress(self, event: IndexProgress) -> None:
        self.index_progress = (event.done, event.total)
        if self.screen_stack:
            done = index_progress_text(event.done, event.total)
            self.main.show_status(f"Preparing search: {done}; browsing works meanwhile.")
        self.index_signal.publish(self.index_progress)

    @on(IndexReady)
    def _index_ready(self, event: IndexReady) -> None:
        self.index_progress = None
        if not self.screen_stack:
            return
        self.main.show_status(None)
        if event.problem:
            self.notify(f"Search is unavailable: {event.problem}", severity="warning",
                        markup=False)
        self.index_signal.publish(None)

    @on(StoreFailed)
    def _show_store_failure(self, event: StoreFailed) -> None:
        self._store_failed = True
        self.main.finish_layout()
        self.main.query_one("#header").update("The store could not be opened.")
        self.push_screen(MessageScreen("The store could not be opened", event.message))

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
            notes = store.list_notes(meeting_id)
        except NotFound:
            # Deleted since it was chosen (here or by another process): the store is fine;
            # the editing mixin moves the selection on.
            self.post_message(MeetingGone(meeting_id))
            return
        except StoreError as exc:
            self.post_message(StoreFailed(str(exc)))
            return
        self.post_message(MeetingLoaded(meeting, notes))

    @on(MeetingLoaded)
    def _meeting_loaded(self, event: MeetingLoaded) -> None:
        if not self.screen_stack:
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

    @on(MeetingList.Highlighted)
    def _meeting_highlighted(self, event: MeetingList.Highlighted) -> None:
        if event.meeting_id != self._wanted:
            self.open_meeting(event.meeting_id)

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
        """A draft (an imported statement) opens in the review screen, field by field."""
        if meeting.status != "draft" or self.store is None:
            return
        from .screens.review import ReviewScreen

        self.push_screen(ReviewScreen(self.store, meeting))

    @on(StoreChanged)
    def _store_changed(self, event: StoreChanged) -> None:
        if event.kind == "meeting":
            self._relist()
        if self._wanted is not None:
            self._load_meeting(self._wanted)

    @work(thread=True, exclusive=True, group="list", exit_on_error=False)
    def _relist(self) -> None:
        if self.store is not None:
            self.post_message(MeetingsListed(self.store.list_meetings()))

    @on(MeetingsListed)
    def _meetings_listed(self, event: MeetingsListed) -> None:
        if not self.screen_stack:
            return  # shutting down
        meeting_list = self.main.meeting_list
        keep = meeting_list.current_id()
        meeting_list.set_meetings(event.summaries)
        if keep is not None:
            meeting_list.move_to(keep)

    @on(MainScreen.ViewRequested)
    def _view_requested(self, event: MainScreen.ViewRequested) -> None:
        self.open_view(event.kind, event.name)

    # -- the interface other parts build on ----------------------------------------------

    def open_view(self, kind: str, name: str) -> None:
        """Open the cross-meeting view of a participant ("participant") or a topic
        ("topic"); choosing a row there jumps to it in context."""
        store = self.store
        if store is None:
            return
        from .screens.views import ParticipantProfileScreen, TopicTimelineScreen

        if kind == "participant":
            self.push_screen(ParticipantProfileScreen(store, name), self._jump_to_hit)
        else:
            self.push_screen(TopicTimelineScreen(store, name), self._jump_to_hit)

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

    def focused_target(self) -> tuple[str, str] | None:
        """(meeting id, note target) for the focused row of the Agenda, Participants,
        Priorities or Notes pane (a note row gives the note's own target), or "meeting"
        when the list or header has focus; None when no meeting is shown."""
        return self.main.focused_target()

    def focused_note_id(self) -> str | None:
        """The id of the note under the cursor in the Notes pane, if it has focus."""
        return self.main.focused_note_id()

    # -- actions -------------------------------------------------------------------------

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(help_sections(self.screen.active_bindings, self)))

    def action_search(self) -> None:
        if self.store is None:
            self.notify("The store is still opening.")
            return
        from .screens.search import SearchScreen  # imported on first use: start-up stays lean

        self.push_screen(SearchScreen(self.store), self._jump_to_hit)


def _write_first_paint(path: str) -> None:
    """For benchmarks/run.py: when the list first reached the screen (epoch seconds)."""
    with contextlib.suppress(OSError), open(path, "w", encoding="utf-8") as stamp:
        stamp.write(f"{time.time():.6f}\n")


def run_app(store_path: Path | None) -> int:
    result = DossierApp(store_path).run()
    return result or 0
