"""The meeting list: a DataTable (date, body, title; newest first) with a filter line.

DataTable renders by line, so it stays responsive with very many rows. The filter matches
as you type against date, body, title, place and tags; it is shown with `f` and hidden with
`escape` (`/` is the global search).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable, Input, Static
from textual.widgets.data_table import ColumnKey

from store.store import MeetingSummary

from ..text import printable_line

#: Below this list width the body column is left out.
COMPACT_WIDTH = 44


class MeetingTable(DataTable[Text]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Cursor down", show=False, id="meetings.down"),
        Binding("k", "cursor_up", "Cursor up", show=False, id="meetings.up"),
        Binding("g,home", "scroll_top", "First meeting", show=False, id="meetings.first"),
        Binding("G,end", "scroll_bottom", "Last meeting", show=False, id="meetings.last"),
        Binding("enter", "select_cursor", "Open", show=True, id="meetings.open"),
    ]
    HELP_TITLE = "Meeting list"

    def fit_columns(self, width: int) -> None:
        """Share ``width`` between body and title (the date keeps its width), so the
        list uses its space at any terminal size."""
        padding = 2 * self.cell_padding
        rest = width - (10 + padding) - 1  # date column, and a cell for the scrollbar
        body_width = max(6, min(16, rest // 3 - padding))
        if ColumnKey("body") not in self.columns:
            body_width = -padding
        title_width = max(6, rest - (body_width + padding) - padding)
        changed = False
        for key, new_width in (("body", body_width), ("title", title_width)):
            column = self.columns.get(ColumnKey(key))
            if column is not None and (column.width != new_width or column.auto_width):
                column.auto_width = False
                column.width = new_width
                changed = True
        if changed:
            # DataTable has no public "resize a column"; this is what add_column triggers.
            self._require_update_dimensions = True
            self._clear_caches()
            self.refresh()


class FilterInput(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close filter", id="filter.close"),
        Binding("down,enter", "to_table", "To the list", show=False, id="filter.to-list"),
    ]
    HELP_TITLE = "Filter"

    class Closed(Message):
        pass

    def action_close(self) -> None:
        self.post_message(self.Closed())

    def action_to_table(self) -> None:
        if self.parent is not None:
            self.parent.query_one(MeetingTable).focus()


def _matches(summary: MeetingSummary, words: list[str]) -> bool:
    haystack = " ".join((summary.date.isoformat(), summary.body, summary.title,
                         summary.location, summary.level, *summary.tags)).casefold()
    return all(word in haystack for word in words)


class MeetingList(Vertical):
    """Posts :class:`Highlighted` as the cursor moves and :class:`Selected` on ``enter``."""

    class Highlighted(Message):
        def __init__(self, meeting_id: str) -> None:
            super().__init__()
            self.meeting_id = meeting_id

    class Selected(Message):
        def __init__(self, meeting_id: str) -> None:
            super().__init__()
            self.meeting_id = meeting_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.summaries: list[MeetingSummary] = []
        self.shown: list[MeetingSummary] = []
        self.loaded = False
        #: Too narrow for three columns: the body is left out (it is in the header).
        self.compact = False
        #: meeting id -> number of notes, shown after the title (set by the app).
        self.note_counts: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield FilterInput(placeholder="filter meetings…", id="filter")
        yield Static(Text("Loading meetings…", style="italic"), id="list-status")
        table = MeetingTable(id="meetings", cursor_type="row", zebra_stripes=False)
        self._add_columns(table)
        yield table

    def _add_columns(self, table: MeetingTable) -> None:
        table.add_column("date", key="date", width=10)
        if not self.compact:
            table.add_column("body", key="body", width=12)
        table.add_column("title", key="title", width=20)

    def on_resize(self) -> None:
        if not self.query(MeetingTable):
            return  # resized before its children were composed
        width = self.content_region.width
        compact = width < COMPACT_WIDTH
        if compact != self.compact:
            self.compact = compact
            keep = self.current_id()
            self.table.clear(columns=True)
            self._add_columns(self.table)
            self._fill(keep)
        self.table.fit_columns(width)

    @property
    def table(self) -> MeetingTable:
        return self.query_one(MeetingTable)

    @property
    def filter_input(self) -> FilterInput:
        return self.query_one(FilterInput)

    def set_meetings(self, summaries: Sequence[MeetingSummary]) -> None:
        self.summaries = list(summaries)
        self.loaded = True
        self._fill()

    def _fill(self, keep: str | None = None) -> None:
        words = self.filter_input.value.casefold().split() if self.filter_input.display else []
        self.shown = [s for s in self.summaries if _matches(s, words)] if words else self.summaries
        table = self.table
        table.clear()
        if self.compact:
            table.add_rows((Text(s.date.isoformat()), self._title(s)) for s in self.shown)
        else:
            table.add_rows((Text(s.date.isoformat()), Text(printable_line(s.body)),
                            self._title(s)) for s in self.shown)
        status = self.query_one("#list-status", Static)
        if not self.summaries:
            status.update(Text("No meetings yet. Import some with `dossier import`.",
                               style="italic"))
        elif not self.shown:
            status.update(Text("No meeting matches the filter.", style="italic"))
        status.display = not self.shown
        if keep is not None:
            self.move_to(keep)

    def _title(self, summary: MeetingSummary) -> Text:
        count = self.note_counts.get(summary.id)
        if not count:
            return Text(printable_line(summary.title))
        # The count goes first so a narrow column still shows it.
        return Text.assemble((f"✎{count} ", "italic"), printable_line(summary.title))

    def set_note_counts(self, counts: dict[str, int]) -> None:
        """Show how many notes each meeting has; only the changed title cells are
        redrawn, so the cursor stays put and a big list is not rebuilt."""
        changed = {key for key in counts.keys() | self.note_counts.keys()
                   if counts.get(key) != self.note_counts.get(key)}
        self.note_counts = dict(counts)
        if not changed or not self.loaded:
            return
        table = self.table
        for row, summary in enumerate(self.shown):
            if summary.id in changed:
                table.update_cell_at(Coordinate(row, 1 if self.compact else 2),
                                     self._title(summary))

    def meeting_at(self, row: int) -> str | None:
        return self.shown[row].id if 0 <= row < len(self.shown) else None

    def current_id(self) -> str | None:
        return self.meeting_at(self.table.cursor_row) if self.shown else None

    def move_to(self, meeting_id: str) -> bool:
        """Put the cursor on ``meeting_id``; clears the filter when it hides that meeting."""
        for index, summary in enumerate(self.shown):
            if summary.id == meeting_id:
                self.table.move_cursor(row=index)
                return True
        if self.filter_input.value and any(s.id == meeting_id for s in self.summaries):
            self.filter_input.value = ""
            self._fill()
            return self.move_to(meeting_id)
        return False

    def toggle_filter(self) -> None:
        filter_input = self.filter_input
        if filter_input.display and filter_input.has_focus:
            self.close_filter()
        else:
            filter_input.display = True
            # Focus now, not after a refresh: keys typed right after `f` belong to it.
            self.screen.set_focus(filter_input)

    def close_filter(self) -> None:
        keep = self.current_id()
        filter_input = self.filter_input
        filter_input.display = False
        if filter_input.value:
            filter_input.value = ""
            self._fill(keep)
        self.table.focus()

    @on(FilterInput.Changed)
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill()

    @on(FilterInput.Closed)
    def _filter_closed(self, event: FilterInput.Closed) -> None:
        event.stop()
        self.close_filter()

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        meeting_id = self.meeting_at(event.cursor_row)
        if meeting_id is not None:
            self.post_message(self.Highlighted(meeting_id))

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        meeting_id = self.meeting_at(event.cursor_row)
        if meeting_id is not None:
            self.post_message(self.Selected(meeting_id))
