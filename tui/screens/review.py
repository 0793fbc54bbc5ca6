"""Reviewing a draft extracted from a press statement, and importing one from the palette.

:class:`ReviewScreen` lists every extracted field; the highlighted one is shown beside the
sentence it came from, its span picked out. ``a`` accepts, ``e`` edits, ``d`` drops (or
restores) the field; ``ctrl+s`` saves the reviewed meeting as an ordinary record in a
worker and dismisses with it; ``escape`` asks before throwing the draft away. Given a queue
of stored drafts (the list's drafts after a batch import), ``ctrl+s`` and ``n`` (skip) move
on to the next draft instead, and the title counts those reviewed and remaining.
:class:`ImportStatementScreen` asks for a file, extracts the draft in a worker and dismisses
with it. The decisions and the record they produce are business logic and live in
:mod:`store.extract.review`; this module only shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from dossier.store.errors import StoreError
from dossier.store.extract.review import (
    Decision,
    ReviewField,
    apply_review,
    context,
    review_fields,
)
from dossier.store.model import Meeting
from dossier.store.store import Store

from ..dialogs.confirm import ConfirmScreen
from ..text import literal, printable, printable_line

_MARK = {"accept": "✓", "edit": "✎", "drop": "✗", None: "·"}


def readable(value: str) -> str:
    """A field's value to read: its edit form's parts ("name | role | party") joined by
    " · ", the empty ones left out (no trailing "|" for a missing place)."""
    if "|" not in value:
        return value
    return " · ".join(part.strip() for part in value.split("|") if part.strip())


class _FieldList(OptionList):
    """The draft's fields, moved through with the vim keys as every list of the app."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="review.down"),
        Binding("k", "cursor_up", "Up", show=False, id="review.up"),
        Binding("g", "first", "First field", show=False, id="review.first"),
        Binding("G", "last", "Last field", show=False, id="review.last"),
    ]


def highlighted_context(text: str, span: tuple[int, int] | None) -> Text:
    """The sentence around ``span`` with the span itself picked out (data, never markup)."""
    if span is None:
        return Text("Not tied to a sentence of the statement.", style="italic")
    start, end = context(text, span)
    s, e = max(start, span[0]), min(end, span[1])
    result = Text()
    # Each piece is made printable on its own, so the highlight stays on the span even
    # when an earlier piece had characters that printable() widens.
    result.append(printable(text[start:s]))
    result.append(printable(text[s:e]), style="reverse bold")
    result.append(printable(text[e:end]))
    return result


class ReviewScreen(ModalScreen[Meeting | None]):
    """Accept, edit or drop each field of a draft; save it as an ordinary meeting."""

    CSS_PATH = "review.tcss"
    HELP_TITLE = "Review a draft"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "decide('accept')", "Accept, next", id="review.accept"),
        Binding("e", "edit", "Edit", id="review.edit"),
        Binding("d", "decide('drop')", "Drop/restore", id="review.drop"),
        Binding("ctrl+s", "save", "Save meeting", priority=True, id="review.save"),
        Binding("n", "skip", "Skip to the next draft", id="review.skip"),
        Binding("escape", "cancel", "Cancel", id="review.cancel"),
    ]

    class Saved(Message):
        def __init__(self, meeting: Meeting) -> None:
            super().__init__()
            self.meeting = meeting

    class SaveFailed(Message):
        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem


    class NextLoaded(Message):
        def __init__(self, draft: Meeting | None, skipped: list[str]) -> None:
            super().__init__()
            self.draft = draft
            self.skipped = skipped  # ids of the queue that could not be read

    def __init__(self, store: Store, draft: Meeting, *, stored: bool = False,
                 queue: Sequence[str] = (),
                 reviewed: Callable[[Meeting, Meeting], None] | None = None) -> None:
        """``stored``: the draft is a record of the store already (``dossier import
        statement.txt``), so leaving the review keeps it; else it exists only here.

        ``queue``: ids of stored drafts to review after this one (the drafts queue after a
        batch import): saving or skipping moves on to the next, and the screen is dismissed
        (with the last meeting saved, or None) once none is left. ``reviewed(draft,
        saved)`` is called for each draft saved, as it is saved.
        """
        super().__init__(classes="review")
        self.store = store
        self.draft = draft
        self.stored = stored
        self.queue: list[str] = list(queue)
        self.reviewed_callback = reviewed
        #: How many drafts of this review were saved and skipped (the title counts them).
        self.saved_count = 0
        self.skipped_count = 0
        self.last_saved: Meeting | None = None
        self.fields: list[ReviewField] = review_fields(draft)
        self.decisions: dict[str, tuple[Decision, str]] = {}
        self._saving = False
        self._moving = False

    # -- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="review-dialog"):
            yield Label(self._title_text(), id="review-title")
            with Horizontal(id="review-body"):
                yield _FieldList(*[Option(self._label(f), id=str(i))
                                   for i, f in enumerate(self.fields)], id="review-fields")
                with VerticalScroll(id="review-side"):
                    yield Static(id="review-value")
                    yield Static(id="review-context")
            yield Input(id="review-edit", placeholder="Edit the value; enter applies it")
            yield Static(id="review-error")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one("#review-fields", OptionList)
        options.highlighted = 0
        options.focus()
        self._show(0)

    @property
    def in_queue(self) -> bool:
        """This review goes through several drafts (counted in the title)."""
        return bool(self.queue) or self.saved_count + self.skipped_count > 0

    def _title_text(self) -> Text:
        title = Text(no_wrap=True, overflow="ellipsis")  # one line: the fields stay in view
        if self.in_queue:
            # The one on screen is still to go: "1 reviewed · 3 remaining" with 3 = it + 2.
            # First, so that a long title is what gets cut, not the counts.
            counts = f"{self.saved_count} reviewed · {len(self.queue) + 1} remaining"
            if self.skipped_count:
                counts += f" · {self.skipped_count} skipped"
            title.append(f"[{counts}] ", style="italic")
        title.append(f"Review draft: {printable_line(self.draft.title)}")
        return title

    def _load(self, draft: Meeting) -> None:
        """Show the next draft of the queue in place of the one just saved or skipped."""
        self.draft = draft
        self.fields = review_fields(draft)
        self.decisions = {}
        self.query_one("#review-title", Label).update(self._title_text())
        error = self.query_one("#review-error", Static)
        error.update("")
        error.remove_class("shown")
        options = self.query_one("#review-fields", OptionList)
        options.clear_options()
        options.add_options([Option(self._label(f), id=str(i))
                             for i, f in enumerate(self.fields)])
        options.highlighted = 0
        options.focus()
        self._show(0)

    def _next(self) -> None:
        """On to the next draft of the queue, or out when there is none."""
        if not self.queue:
            self.dismiss(self.last_saved)
            return
        self._moving = True
        self._read_next(list(self.queue))

    @work(thread=True, exclusive=True, group="review-next", exit_on_error=False)
    def _read_next(self, queue: list[str]) -> None:
        skipped: list[str] = []
        for meeting_id in queue:
            try:
                meeting = self.store.get_meeting(meeting_id)
            except (StoreError, OSError):
                skipped.append(meeting_id)  # deleted meanwhile, or unreadable
                continue
            if meeting.status == "draft":
                self.post_message(self.NextLoaded(meeting, skipped))
                return
            skipped.append(meeting_id)  # reviewed elsewhere meanwhile
        self.post_message(self.NextLoaded(None, skipped))

    @on(NextLoaded)
    def _next_loaded(self, event: NextLoaded) -> None:
        self._moving = False
        passed = set(event.skipped)
        self.queue = [i for i in self.queue if i not in passed]
        if event.draft is None:
            self.queue = []
            self.dismiss(self.last_saved)
            return
        self.queue.remove(event.draft.id)
        self._load(event.draft)

    def action_skip(self) -> None:
        """Leave this draft as it is (it stays a draft) and review the next one."""
        if self._saving or self._moving:
            return
        if not self.queue:
            self.notify("No other draft to review: ctrl+s saves this one, escape leaves.",
                        markup=False)
            return
        self.skipped_count += 1
        self._next()

    def _label(self, field: ReviewField) -> Text:
        decided = self.decisions.get(field.key)
        kind = decided[0] if decided else None
        text = decided[1] if decided and kind == "edit" else field.text
        label = Text(f"{_MARK[kind]} ", style="bold")
        label.append(f"{field.label}: ", style="bold")
        label.append(printable_line(readable(text)) or "—",
                     style="strike dim" if kind == "drop" else "")
        return label

    def _current(self) -> int | None:
        return self.query_one("#review-fields", OptionList).highlighted

    def _show(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.fields):
            return
        field = self.fields[index]
        decided = self.decisions.get(field.key)
        value = Text()
        value.append(f"{field.label}\n", style="bold")
        value.append(printable(readable(decided[1] if decided and decided[0] == "edit"
                                        else field.text)) or "—")
        if field.hint:
            value.append(f"\nedit as: {field.hint}", style="dim")
        self.query_one("#review-value", Static).update(value)
        self.query_one("#review-context", Static).update(
            highlighted_context(self.draft.source_text, field.span))

    def _refresh_row(self, index: int) -> None:
        options = self.query_one("#review-fields", OptionList)
        options.replace_option_prompt_at_index(index, self._label(self.fields[index]))
        self._show(index)

    # -- events --------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#review-fields")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)

    def action_decide(self, kind: Decision) -> None:
        index = self._current()
        if index is None:
            return
        field = self.fields[index]
        current = self.decisions.get(field.key)
        if kind == "drop":
            if not field.droppable:
                self.notify(f"{field.label} is required; edit it instead.",
                            severity="warning", markup=False)
                return
            if current is not None and current[0] == "drop":
                self.decisions.pop(field.key)  # a second d restores the field
            else:
                self.decisions[field.key] = ("drop", field.text)
        else:
            self.decisions[field.key] = ("accept", field.text)
        self._refresh_row(index)
        if kind == "accept" and index + 1 < len(self.fields):
            # Accepting is the common case: on to the next field, as a reviewer reads.
            self.query_one("#review-fields", OptionList).highlighted = index + 1

    def action_edit(self) -> None:
        index = self._current()
        if index is None:
            return
        field = self.fields[index]
        editor = self.query_one("#review-edit", Input)
        decided = self.decisions.get(field.key)
        editor.value = decided[1] if decided and decided[0] == "edit" else field.text
        editor.add_class("editing")
        editor.focus()

    @on(Input.Submitted, "#review-edit")
    def _apply_edit(self, event: Input.Submitted) -> None:
        index = self._current()
        editor = event.input
        editor.remove_class("editing")
        if index is not None:
            self.decisions[self.fields[index].key] = ("edit", editor.value)
            self._refresh_row(index)
        self.query_one("#review-fields", OptionList).focus()

    def action_save(self) -> None:
        if self._saving or self._moving:
            return
        try:
            meeting = apply_review(self.draft, self.decisions)
        except StoreError as exc:
            self._error(str(exc))
            return
        self._saving = True
        self._save(meeting)

    @work(thread=True, exclusive=True, group="review-save", exit_on_error=False)
    def _save(self, meeting: Meeting) -> None:
        try:
            if self.store.has_meeting(meeting.id):
                saved = self.store.update_meeting(meeting)
            else:
                saved = self.store.add_meeting(meeting)
        except StoreError as exc:
            self.post_message(self.SaveFailed(str(exc)))
        except OSError as exc:
            self.post_message(self.SaveFailed(f"could not save: {exc.strerror or exc}"))
        else:
            self.post_message(self.Saved(saved))

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        self._saving = False
        self.notify(f"Saved meeting {printable_line(event.meeting.id)}.", markup=False)
        if self.reviewed_callback is not None:
            self.reviewed_callback(self.draft, event.meeting)
        self.saved_count += 1
        self.last_saved = event.meeting
        self._next()

    @on(SaveFailed)
    def _save_failed(self, event: SaveFailed) -> None:
        self._saving = False
        self._error(event.problem)

    def _error(self, problem: str) -> None:
        error = self.query_one("#review-error", Static)
        error.update(literal(problem))
        error.add_class("shown")

    def action_cancel(self) -> None:
        editor = self.query_one("#review-edit", Input)
        if editor.has_class("editing"):
            editor.remove_class("editing")
            self.query_one("#review-fields", OptionList).focus()
            return

        def answered(drop: bool | None) -> None:
            if drop:
                self.dismiss(None)

        question = (ConfirmScreen("Leave the review? The draft stays.", yes="Leave",
                                  no="Keep reviewing") if self.stored else
                    ConfirmScreen("Drop this draft? Nothing of it will be saved.",
                                  yes="Drop", no="Keep reviewing"))
        self.app.push_screen(question, answered)


class ImportStatementScreen(ModalScreen[Meeting | None]):
    """Ask for a statement file; dismiss with the draft extracted from it (or None)."""

    CSS_PATH = "review.tcss"
    HELP_TITLE = "Import a statement"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="import.cancel"),
    ]

    class DraftReady(Message):
        def __init__(self, meeting: Meeting, warnings: list[str]) -> None:
            super().__init__()
            self.meeting = meeting
            self.warnings = warnings

    class DraftFailed(Message):
        def __init__(self, problem: str) -> None:
            super().__init__()
            self.problem = problem


    def __init__(self, store: Store) -> None:
        super().__init__(classes="import-statement")
        self.store = store

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog"):
            yield Label("Import a press statement (.txt or .md): path to the file")
            yield Input(id="import-path", placeholder="~/statements/nrc-2013-12-04.txt")
            yield Static(id="import-error")
        yield Footer()  # this screen's keys, over the main screen's

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    @on(Input.Submitted, "#import-path")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._extract(Path(event.value.strip()).expanduser())

    @work(thread=True, exclusive=True, group="import-statement", exit_on_error=False)
    def _extract(self, path: Path) -> None:
        from dossier.store.importer import draft_from_statement, read_statement

        try:
            extraction = draft_from_statement(self.store, read_statement(path))
        except StoreError as exc:
            self.post_message(self.DraftFailed(str(exc)))
        except OSError as exc:
            self.post_message(self.DraftFailed(f"{path}: {exc.strerror or exc}"))
        else:
            self.post_message(self.DraftReady(extraction.meeting, extraction.warnings))

    @on(DraftReady)
    def _ready(self, event: DraftReady) -> None:
        for warning in event.warnings:
            self.notify(warning, severity="warning", markup=False)
        self.dismiss(event.meeting)

    @on(DraftFailed)
    def _failed(self, event: DraftFailed) -> None:
        error = self.query_one("#import-error", Static)
        error.update(literal(event.problem))
        error.add_class("shown")

    def action_cancel(self) -> None:
        self.dismiss(None)


def import_statement_flow(app: App[object], store: Store,
                          reviewed: Callable[[Meeting], None]) -> None:
    """Ask for a file, then review its draft; ``reviewed`` gets the meeting once saved."""

    def done(meeting: Meeting | None) -> None:
        if meeting is not None:
            reviewed(meeting)

    def drafted(draft: Meeting | None) -> None:
        if draft is not None:
            app.push_screen(ReviewScreen(store, draft), done)

    app.push_screen(ImportStatementScreen(store), drafted)
