"""Choose the format to export the current meeting, or the meetings the list shows, in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from dossier.store.export import FORMATS

from ..text import literal, printable_line

#: What each format is, in the dialog (the keys are store.export's FORMATS).
FORMAT_NOTES: dict[str, str] = {
    "json": "JSON, the records as stored",
    "ndjson": "NDJSON, one record a line",
    "md": "Markdown briefing",
    "csv": "CSV, a row per item (spreadsheets)",
    "ics": "iCalendar (calendars)",
    "atom": "Atom feed",
    "sqlite": "SQLite database",
    "popolo": "Popolo JSON (events, people, organisations)",
}

#: The file name's ending for each format.
SUFFIXES: dict[str, str] = {"json": ".json", "ndjson": ".ndjson", "md": ".md",
                            "csv": ".csv", "ics": ".ics", "atom": ".atom.xml",
                            "sqlite": ".sqlite", "popolo": ".popolo.json"}

Scope = Literal["meeting", "listed"]


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to export (the shown meeting, or the rows the list shows) and how."""

    fmt: str
    scope: Scope


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Dismisses with the chosen :class:`ExportRequest`, or None on escape."""

    CSS_PATH = "dialogs.tcss"
    HELP_TITLE = "Export"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("j", "move(1)", "Down", show=False, id="export.down"),
        Binding("k", "move(-1)", "Up", show=False, id="export.up"),
    ]

    def __init__(self, scope: Scope, what: str, initial: str = "md") -> None:
        super().__init__(classes="pick")
        self.scope: Scope = scope
        self.what = what
        self.initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-dialog", classes="dialog"):
            # ``what`` quotes a title from the data: literal, one line.
            yield Label(literal(f"Export {printable_line(self.what)} as…", "bold"),
                        id="pick-title")
            yield OptionList(*(Option(literal(f"{fmt:<7} {FORMAT_NOTES.get(fmt, fmt)}"),
                                      id=fmt) for fmt in FORMATS), id="pick-options")
        yield Footer()

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = FORMATS.index(self.initial) if self.initial in FORMATS else 0
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
        if event.option.id is not None:
            self.dismiss(ExportRequest(event.option.id, self.scope))
