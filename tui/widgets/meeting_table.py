"""The meeting list's table: a line-API view that renders only the rows on screen.

Textual's DataTable measures every cell of every row it is given, which takes seconds for
10k meetings and blocks the event loop; this view keeps the rows as a plain list and draws
the visible ones on demand (like Toolong's log view), so filling, filtering and jumping are
instant at any size.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from dossier.store.summary import MeetingSummary

from ..text import printable_line

DATE_WIDTH = 10
#: Below this width the body column is left out (the header shows it).
COMPACT_WIDTH = 44
#: The body column is as wide as the longest body, up to this (and never so wide that the
#: title keeps less than TITLE_SHARE of the row, nor fewer than TITLE_MIN characters).
BODY_MAX = 28
BODY_MIN = 6  # "body ▲"
TITLE_SHARE = 0.4
TITLE_MIN = 12
#: What may sit between a body repeated at a title's start and the rest of the title.
_AFTER_BODY = " :,;-–—·|"


def title_after_body(title: str, body: str) -> str:
    """``title`` without a leading repeat of ``body`` ("UN Security Council session at
    the level of ambassadors" -> "session at the level of ambassadors"), so the title
    column carries words the body column does not; the whole title when it does not start
    with the body as whole words, or is nothing more than the body."""
    if not body or title[: len(body)].casefold() != body.casefold():
        return title
    rest = title[len(body):]
    if rest and rest[0].isalnum():
        return title  # "NATO-Russia Councils…": the body is not a whole word there
    rest = rest.lstrip(_AFTER_BODY)
    return rest or title


class MeetingTable(ScrollView, can_focus=True):
    """Rows of (date, body, title); a header line stays on top."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Cursor down", show=False, id="meetings.down"),
        Binding("up,k", "cursor_up", "Cursor up", show=False, id="meetings.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="meetings.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="meetings.page-up"),
        Binding("ctrl+d", "half_page(1)", "Half a page down", show=False,
                id="meetings.half-page-down"),
        Binding("ctrl+u", "half_page(-1)", "Half a page up", show=False,
                id="meetings.half-page-up"),
        Binding("g,home", "first", "First meeting", show=False, id="meetings.first"),
        Binding("G,end", "last", "Last meeting", show=False, id="meetings.last"),
        Binding("enter", "select_cursor", "Open", id="meetings.open"),
        Binding("s", "cycle_sort", "Sort", show=False, id="meetings.sort"),
        Binding("S", "cycle_grouping", "Group by year / body", show=False,
                id="meetings.group"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "meeting-table--header", "meeting-table--cursor", "meeting-table--row",
        "meeting-table--group",
    }
    HELP_TITLE = "Meeting list"

    cursor_row: reactive[int] = reactive(0, always_update=False, init=False)

    class _RowMessage(Message):
        def __init__(self, table: MeetingTable, row: int) -> None:
            super().__init__()
            self.table = table
            self.cursor_row = row

        @property
        def control(self) -> MeetingTable:
            return self.table

    class RowHighlighted(_RowMessage):
        """The cursor moved onto a row."""

    class RowSelected(_RowMessage):
        """``enter`` (or a click) on a row."""

    class SortCycled(Message):
        """``s``: sort the list by the next of date / body / title / place."""

    class GroupingCycled(Message):
        """``S``: group the list by year, then by body, then not at all."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[MeetingSummary] = []
        #: How a row's title cell is made from the title to show (the list adds note
        #: counts); the title comes without its body's repeat when the body is shown.
        self.title_of: Callable[[MeetingSummary, str], Text] = (
            lambda summary, title: Text(printable_line(title)))
        #: How a row's date cell is made (the list shows an unknown date as unknown).
        self.date_of: Callable[[MeetingSummary], Text] = (
            lambda summary: Text(summary.date.isoformat()))
        #: What the rows are sorted by ("date": newest first; "body", "title", "place": A
        #: to Z), marked in the header.
        self.sorted_by = "date"
        #: The longest body among the rows (capped at BODY_MAX): the body column's want.
        self._longest_body = 0
        #: What consecutive rows are grouped by under a header line ("year", "body"), or
        #: None. The rows come ordered so each group's rows are together (the list does).
        self.group_by: str | None = None
        #: The drawn lines below the header: a row's index, or a group's header text.
        #: The cursor counts rows only, so j/k and the selection never land on a header.
        self._lines: list[int | Text] = []
        #: Row index -> its line in ``_lines``.
        self._line_of: list[int] = []

    # -- data --------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def set_rows(self, rows: Sequence[MeetingSummary], cursor: int = 0) -> None:
        self.rows = list(rows)
        self._build_lines()
        # Measured once per fill (over the distinct bodies: a few, even among 100k rows),
        # not per drawn line; capped, so one odd body does not take the title's room.
        self._longest_body = min(BODY_MAX, max(
            (len(printable_line(body)) for body in {summary.body for summary in self.rows}),
            default=0))
        self.virtual_size = Size(self.size.width, len(self._lines) + 1)
        row = max(0, min(cursor, len(self.rows) - 1))
        if self.rows:
            # Always announce the row: the list under the cursor has changed.
            self.set_reactive(MeetingTable.cursor_row, row)
            self.post_message(self.RowHighlighted(self, row))
            self.call_after_refresh(self._scroll_cursor_into_view)
        else:
            self.set_reactive(MeetingTable.cursor_row, 0)
        self.refresh()

    def group_key(self, summary: MeetingSummary) -> str:
        """The group a row belongs to under ``group_by``."""
        if self.group_by == "year":
            return str(summary.date.year)
        return printable_line(summary.body) or "no body"

    def _build_lines(self) -> None:
        if self.group_by is None:
            self._lines = list(range(len(self.rows)))
            self._line_of = list(range(len(self.rows)))
            return
        lines: list[int | Text] = []
        line_of: list[int] = []
        start = 0
        # Grouped on the raw field (cheap at 100k rows); the label is made once a group.
        field = ((lambda summary: summary.date.year) if self.group_by == "year"
                 else (lambda summary: summary.body))
        keys = [field(summary) for summary in self.rows]
        while start < len(keys):
            end = start
            while end < len(keys) and keys[end] == keys[start]:
                end += 1
            count = end - start
            label = self.group_key(self.rows[start])
            lines.append(Text(f"{label} · {count:,} meeting{'' if count == 1 else 's'}",
                              style="bold"))
            for row in range(start, end):
                line_of.append(len(lines))
                lines.append(row)
            start = end
        self._lines, self._line_of = lines, line_of

    def move_cursor(self, *, row: int) -> None:
        if self.rows:
            self.cursor_row = max(0, min(row, len(self.rows) - 1))

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self._scroll_cursor_into_view()
        if self.rows:
            self.post_message(self.RowHighlighted(self, new))

    def _refresh_row(self, row: int) -> None:
        if not 0 <= row < len(self._line_of):
            return
        y = self._line_of[row] + 1 - self.scroll_offset.y
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def _scroll_cursor_into_view(self) -> None:
        # Row r is drawn at virtual line (its line) + 1, below the header; keep it in the
        # body, with its group's header line when it is the group's first row.
        if not 0 <= self.cursor_row < len(self._line_of):
            return
        line = self._line_of[self.cursor_row]
        first = line - 1 if line and isinstance(self._lines[line - 1], Text) else line
        top = self.scroll_offset.y
        body = max(1, self.size.height - 1)
        if first < top:
            self.scroll_to(y=first, animate=False)
        elif line >= top + body:
            self.scroll_to(y=line - body + 1, animate=False)

    # -- keys and mouse ----------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + max(1, self.size.height - 2))

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - max(1, self.size.height - 2))

    def action_half_page(self, direction: int) -> None:
        """ctrl+d / ctrl+u, as in vim and less."""
        self.move_cursor(row=self.cursor_row + direction * max(1, (self.size.height - 2) // 2))

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=len(self.rows) - 1)

    def action_select_cursor(self) -> None:
        if self.rows:
            self.post_message(self.RowSelected(self, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        line = event.y + self.scroll_offset.y - 1
        if event.y < 1 or not 0 <= line < len(self._lines):
            return
        row = self._lines[line]
        if isinstance(row, Text):
            return  # a group's header: nothing to select
        if row == self.cursor_row or event.chain > 1:
            self.action_select_cursor()
        else:
            self.cursor_row = row

    def action_cycle_sort(self) -> None:
        self.post_message(self.SortCycled())

    def action_cycle_grouping(self) -> None:
        self.post_message(self.GroupingCycled())

    # -- drawing -----------------------------------------------------------------------

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self._lines) + 1)
        self._scroll_cursor_into_view()

    def columns(self) -> list[tuple[str, int]]:
        """(name, width) of each column for the current width (one space between)."""
        width = self.scrollable_content_region.width
        rest = width - 1 - DATE_WIDTH - 2  # a leading space, the date, a gap
        if width < COMPACT_WIDTH:
            return [("date", DATE_WIDTH), ("title", max(4, rest))]
        # As wide as the bodies need, within a fair share: the title keeps the rest.
        # Sorted by place (no column of its own), the title's header says so: keep it whole.
        title_min = max(TITLE_MIN, len(self._title_header()) if self.sorted_by == "place"
                        else 0)
        share = rest - 2 - max(title_min, int((rest - 2) * TITLE_SHARE))
        body = max(BODY_MIN, min(self._longest_body, share))
        return [("date", DATE_WIDTH), ("body", body), ("title", max(4, rest - body - 2))]

    def _title_header(self) -> str:
        """The title's header when the order has no column of its own (place)."""
        return f"title · by {self.sorted_by} ▲"

    @property
    def shows_body(self) -> bool:
        return any(name == "body" for name, _ in self.columns())

    def _cells(self, summary: MeetingSummary) -> dict[str, Text]:
        # Beside its body, a title that starts with that body shows only what follows.
        title = (title_after_body(summary.title, summary.body) if self.shows_body
                 else summary.title)
        return {"date": self.date_of(summary),
                "body": Text(printable_line(summary.body)),
                "title": self.title_of(summary, title)}

    def _line(self, cells: dict[str, Text], style: Style) -> Strip:
        width = self.scrollable_content_region.width
        line = Text(" ", end="")
        for index, (name, column_width) in enumerate(self.columns()):
            if index:
                line.append("  ")
            cell = cells[name].copy()
            cell.truncate(column_width, overflow="ellipsis", pad=True)
            line.append_text(cell)
        line.truncate(width, pad=True)
        segments = [Segment(segment.text, style + segment.style if segment.style else style)
                    for segment in line.render(self.app.console)]
        return Strip(segments, width).crop(0, width)

    def render_line(self, y: int) -> Strip:
        if y == 0:
            header = {name: Text(name) for name in ("date", "body", "title")}
            # A column the list is sorted by says so (not the usual newest first); place,
            # which has no column, or body when a narrow list hides it, the title's says.
            shown = [name for name, _ in self.columns()]
            if self.sorted_by in shown and self.sorted_by != "date":
                header[self.sorted_by].append(" ▲")
            elif self.sorted_by != "date":
                header["title"] = Text(self._title_header())
            return self._line(header, self.get_component_rich_style("meeting-table--header"))
        line = y - 1 + self.scroll_offset.y
        if not 0 <= line < len(self._lines):
            return Strip.blank(self.scrollable_content_region.width,
                               self.rich_style)
        row = self._lines[line]
        if isinstance(row, Text):
            return self._group_line(row)
        cursor = row == self.cursor_row
        style = self.get_component_rich_style(
            "meeting-table--cursor" if cursor else "meeting-table--row")
        return self._line(self._cells(self.rows[row]), style)

    def _group_line(self, label: Text) -> Strip:
        width = self.scrollable_content_region.width
        line = Text(" ", end="")
        line.append_text(label)
        line.truncate(width, overflow="ellipsis", pad=True)
        style = self.get_component_rich_style("meeting-table--group")
        segments = [Segment(segment.text, style + segment.style if segment.style else style)
                    for segment in line.render(self.app.console)]
        return Strip(segments, width).crop(0, width)

    def on_focus(self) -> None:
        self._refresh_row(self.cursor_row)

    def on_blur(self) -> None:
        self._refresh_row(self.cursor_row)
