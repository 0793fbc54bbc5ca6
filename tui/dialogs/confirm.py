"""A yes/no question in a modal: ``y`` answers yes, ``n`` or ``escape`` answers no."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label

from ..text import literal


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True only on an explicit yes; anything else keeps the data."""

    CSS_PATH = "dialogs.tcss"
    HELP_TITLE = "Question"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n", "answer(False)", "No", id="confirm.no"),
        Binding("escape", "answer(False)", "No", show=False, id="confirm.cancel"),
    ]

    def __init__(self, question: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__(classes="confirm")
        self.question = question
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog"):
            # The question often quotes data (a note, an item title): shown literally.
            yield Label(literal(self.question), id="confirm-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes_label} (y)", id="confirm-yes", variant="error")
                # Focus starts on "No" so a stray enter never deletes anything.
                yield Button(f"{self.no_label} (n)", id="confirm-no", variant="primary")
        yield Footer()  # this dialog's keys, over the main screen's

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)


def leave_unless_unsaved(screen: ModalScreen[Any], *, changed: bool, saving: bool,
                         question: str) -> None:
    """Close an editor ``screen`` with None, asking ``question`` first when it holds
    unsaved changes; never while a save is running (its outcome decides)."""
    if saving or not screen.is_current:
        return
    if not changed:
        screen.dismiss(None)
        return

    def answered(drop: bool | None) -> None:
        if drop:
            screen.dismiss(None)

    screen.app.push_screen(ConfirmScreen(question, yes="Drop", no="Keep editing"), answered)
