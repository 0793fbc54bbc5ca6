"""The note editor: a modal that saves durably before it closes.

The app hands in ``save(text)``; it runs in a thread worker (a save waits for the store's
lock and an fsync, which must not freeze the screen) and the modal closes only once it has
returned, so a note the user saw "saved" is on disk. When it raises, the text stays in the
editor and the error sentence is shown.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, Static, TextArea
from textual.worker import Worker, WorkerState

from dossier.store.errors import StoreError

from ..text import literal, printable_line
from .confirm import leave_unless_unsaved
from .external import ExternalEditorError, edit_text, editor_command

SAVE_GROUP = "note-save"


class NoteEditorScreen(ModalScreen[str | None]):
    """Write or edit one note; dismisses with the saved text, or None when cancelled."""

    CSS_PATH = "dialogs.tcss"
    HELP_TITLE = "Note editor"
    # priority: the TextArea would otherwise take ctrl+e (line end) and escape.
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="note.save"),
        Binding("escape", "cancel", "Cancel", priority=True, id="note.cancel"),
        Binding("ctrl+e", "external_editor", "Edit in $EDITOR", priority=True,
                id="note.external"),
    ]

    def __init__(self, target_label: str, initial_text: str = "", *,
                 save: Callable[[str], object], title: str = "New note") -> None:
        super().__init__(classes="note-editor")
        self.target_label = target_label
        self.initial_text = initial_text
        self._save = save
        self.heading = title
        self.saving = False
        #: What ``save`` returned (e.g. the stored Note), once it succeeded.
        self.saved: object = None

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog", classes="dialog"):
            yield Label(Text.assemble((f"{self.heading} on ", "bold"),
                                      literal(printable_line(self.target_label))),
                        id="note-target")
            area = TextArea(self.initial_text, soft_wrap=True, id="note-text")
            if "markdown" in area.available_languages:
                area.language = "markdown"
            yield area
            yield Static("", id="note-error", classes="error")
            yield Label("ctrl+s save · escape cancel · ctrl+e $EDITOR · #word makes a tag",
                        id="note-hint", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        area = self.query_one("#note-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one("#note-text", TextArea).text

    @property
    def changed(self) -> bool:
        return self.text != self.initial_text

    def show_error(self, sentence: str) -> None:
        error = self.query_one("#note-error", Static)
        error.update(literal(sentence))
        error.add_class("shown")

    def clear_error(self) -> None:
        error = self.query_one("#note-error", Static)
        error.update("")
        error.remove_class("shown")

    # -- saving ------------------------------------------------------------------------

    def _after_typing(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the text area has handled every key already sent to it.

        ctrl+s and escape are priority bindings, handled as soon as they arrive, while the
        keys typed just before them may still wait in the text area's queue (a fast typist,
        a paste, tmux send-keys). Queuing the callback behind them means a save saves what
        was typed and a cancel sees it, so nothing is dropped without asking.
        """
        self.query_one("#note-text", TextArea).call_later(callback)

    def action_save(self) -> None:
        self._after_typing(self._save_now)

    def _save_now(self) -> None:
        if self.saving or not self.is_current:
            return
        text = self.text
        if not text.strip():
            self.show_error("The note is empty; write something or press escape.")
            return
        self.clear_error()
        self.saving = True
        self.query_one("#note-text", TextArea).read_only = True
        self.query_one("#note-hint", Label).update("Saving…")
        self._run_save(text)

    @work(thread=True, exclusive=True, group=SAVE_GROUP, exit_on_error=False)
    def _run_save(self, text: str) -> tuple[str, object]:
        return text, self._save(text)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != SAVE_GROUP:
            return
        if event.state == WorkerState.SUCCESS:
            text, self.saved = worker.result
            self.dismiss(text)
        elif event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self.saving = False
            self.query_one("#note-text", TextArea).read_only = False
            self.query_one("#note-hint", Label).update("Not saved; your text is still here.")
            error = worker.error
            if isinstance(error, StoreError):
                self.show_error(str(error))
            else:
                self.show_error(f"The note was not saved: {error}")

    # -- leaving -----------------------------------------------------------------------

    def action_cancel(self) -> None:
        self._after_typing(self._cancel_now)

    def _cancel_now(self) -> None:
        leave_unless_unsaved(self, changed=self.changed, saving=self.saving,
                             question="Drop this unsaved note?")

    # -- $EDITOR -----------------------------------------------------------------------

    def action_external_editor(self) -> None:
        if self.saving:
            return
        area = self.query_one("#note-text", TextArea)
        try:
            argv = editor_command()
            with self.app.suspend():
                edited = edit_text(area.text, argv)
        except SuspendNotSupported:
            # In a browser (dossier serve) there is no terminal to lend $EDITOR at all.
            where = "In the browser" if self.app.is_web else "Here"
            self.show_error(f"{where} the app cannot hand the note to an external editor: "
                            "$EDITOR needs a terminal. Edit the note here.")
            return
        except ExternalEditorError as exc:
            self.show_error(str(exc))
            return
        self.clear_error()
        area.text = edited
        area.move_cursor(area.document.end)
        area.focus()
