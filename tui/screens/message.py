"""A modal that shows one message, e.g. why the store could not be opened."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ..text import printable


class MessageScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "dismiss", "Close", id="message.close"),
        Binding("q", "app.quit", "Quit", id="message.quit"),
    ]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="message-box"):
            yield Static(Text(self.title_text, style="bold"), id="message-title")
            # The message may quote a path or a record; it is shown literally.
            yield Static(Text(printable(self.message)), id="message-body")
            yield Static(Text("escape closes this message · q quits", style="dim"),
                         id="message-hint")
        yield Footer()  # this screen's keys, over the main screen's
