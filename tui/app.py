"""Minimal app until the terminal-app issue lands: the list of meetings."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

from store.store import MeetingSummary, Store

from .text import printable_line


class DossierApp(App[int]):
    TITLE = "meeting-dossier"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, store_path: Path | None = None) -> None:
        super().__init__()
        self.store_path = store_path

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="meetings", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("date", "body", "title")
        self.load_meetings()

    @work(thread=True, exclusive=True)
    def load_meetings(self) -> None:
        summaries = Store.open(self.store_path).list_meetings()
        self.call_from_thread(self.show_meetings, summaries)

    def show_meetings(self, summaries: list[MeetingSummary]) -> None:
        table = self.query_one(DataTable)
        table.add_rows([(s.date.isoformat(), printable_line(s.body), printable_line(s.title))
                        for s in summaries])


def run_app(store_path: Path | None) -> int:
    result = DossierApp(store_path).run()
    return result or 0
