"""Choose one of a few things (what to add, which reference to edit) from the keyboard."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from ..text import literal, printable_line


class PickScreen(ModalScreen[str | None]):
    """Dismisses with the key of the chosen option, or None on escape."""

    CSS_PATH = "dialogs.tcss"
    HELP_TITLE = "Choose"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="pick.cancel"),
        Binding("j", "move(1)", "Down", show=False, id="pick.down"),
        Binding("k", "move(-1)", "Up", show=False, id="pick.up"),
    ]

    def __init__(self, title: str, options: list[tuple[str, str]],
                 initial: str | None = None) -> None:
        super().__init__(classes="pick")
        self.heading = title
        self.options = options
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-dialog", classes="dialog"):
            yield Label(literal(self.heading, "bold"), id="pick-title")
            # Labels quote record data (titles, names): literal, one line each.
            yield OptionList(*(Option(literal(printable_line(label)), id=key)
                               for key, label in self.options), id="pick-options")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        keys = [key for key, _ in self.options]
        options.highlighted = keys.index(self.initial) if self.initial in keys else 0
        options.focus()

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
