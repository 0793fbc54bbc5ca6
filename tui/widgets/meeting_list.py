"""The meeting list: a table (date, body, title; newest first, or by body, title or place
with `s`) with a filter line.

The table (meeting_table.py) draws only the rows on screen, so it stays responsive with
very many meetings. The filter matches as you type against date, body, title, place and
tags; it is shown with `f` and hidden with `escape` (`/` is the global search).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from dossier.store.errors import StoreError
from dossier.store.summary import MeetingSummary

from ..text import printable_line
from .meeting_table import MeetingTable


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
            self.screen.set_focus(self.parent.query_one(MeetingTable))


def _haystack(summary: MeetingSummary, date_label: str | None) -> str:
    # "status:draft" is a word of a draft's row: the filter shows the drafts alone (the
    # queue after a batch import); "date:unknown" finds those whose date is to be set.
    marks = (f"status:{summary.status}",) if summary.status else ()
    if date_label is not None:
        marks += (date_label,)
        if date_label == "unknown" or date_label.startswith("????"):
            marks += ("date:unknown",)
    return " ".join((summary.date.isoformat(), summary.body, summary.title,
                     summary.location, summary.level, *summary.tags, *marks)).casefold()


#: What `s` cycles through, in order; "date" is newest first, the others A to Z with the
#: newest first among equals (and empty values last).
SORT_ORDERS = ("date", "body", "title", "place")


def _sorted(summaries: list[MeetingSummary], order: str) -> list[MeetingSummary]:
    """``summaries`` (newest first, as the store lists them) in ``order``."""
    if order == "date":
        return summaries
    field = {"body": "body", "title": "title", "place": "location"}[order]

    def key(summary: MeetingSummary) -> tuple[bool, str]:
        value = str(getattr(summary, field))
        return not value, value.casefold()

    return sorted(summaries, key=key)  # stable: the newest first among equals


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
        #: One of SORT_ORDERS; ``summaries`` stay newest first, ``_ordered`` is sorted so.
        self.sort_order = "date"
        self._ordered: list[MeetingSummary] = []
        #: The filter's text of each row of ``_ordered``, built on the first keystroke.
        self._haystacks: list[str] | None = None
        #: meeting id -> number of notes, shown after the title (set by the app).
        self.note_counts: dict[str, int] = {}
        #: draft id -> its date as shown when it is not known to the day ("unknown",
        #: "2024-05-??"). The catalog's rows do not carry a date's precision, so the list
        #: reads each draft (few, and only drafts can hold a placeholder) in a worker.
        self.date_labels: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield FilterInput(placeholder="filter meetings…", id="filter")
        yield Static(Text("Loading meetings…", style="italic"), id="list-status")
        table = MeetingTable(id="meetings")
        table.title_of = self._title
        table.date_of = self._date
        yield table

    @property
    def table(self) -> MeetingTable:
        return self.query_one(MeetingTable)

    @property
    def filter_input(self) -> FilterInput:
        return self.query_one(FilterInput)

    def set_meetings(self, summaries: Sequence[MeetingSummary]) -> None:
        self.summaries = list(summaries)
        self._ordered = _sorted(self.summaries, self.sort_order)
        self._haystacks = None  # built on the first filter keystroke
        self.loaded = True
        self._fill()
        drafts = [s.id for s in self.summaries if s.status == "draft"]
        if drafts:
            self._read_draft_dates(drafts)

    @work(thread=True, exclusive=True, group="list-draft-dates", exit_on_error=False)
    def _read_draft_dates(self, draft_ids: list[str]) -> None:
        store = getattr(self.app, "store", None)
        if store is None:
            return
        labels: dict[str, str] = {}
        for meeting_id in draft_ids:
            try:
                meeting = store.get_meeting(meeting_id)
            except (StoreError, OSError):
                continue  # gone meanwhile, or unreadable: its row keeps the stored date
            if meeting.date_certainty != "day":
                labels[meeting_id] = meeting.date_label
        self.app.call_from_thread(self._set_date_labels, labels)

    def _set_date_labels(self, labels: dict[str, str]) -> None:
        if labels == self.date_labels:
            return
        self.date_labels = labels
        self._haystacks = None
        if self.filter_input.display and self.filter_input.value:
            self._fill(keep=self.current_id())
        self.table.refresh()

    def _date(self, summary: MeetingSummary) -> Text:
        label = self.date_labels.get(summary.id)
        if label is None:
            return Text(summary.date.isoformat())
        return Text(label, style="italic")  # never the placeholder's own day

    def _matching(self, words: list[str]) -> list[MeetingSummary]:
        if self._haystacks is None:
            self._haystacks = [_haystack(summary, self.date_labels.get(summary.id))
                               for summary in self._ordered]
        haystacks = self._haystacks
        return [summary for summary, haystack in zip(self._ordered, haystacks, strict=True)
                if all(word in haystack for word in words)]

    def cycle_sort(self) -> None:
        """``s``: the next sort order; the selected meeting stays selected."""
        keep = self.current_id()
        order = SORT_ORDERS[(SORT_ORDERS.index(self.sort_order) + 1) % len(SORT_ORDERS)]
        self.sort_order = order
        self._ordered = _sorted(self.summaries, order)
        self._haystacks = None
        self.table.sorted_by = order
        self._fill(keep=keep)

    @on(MeetingTable.SortCycled)
    def _sort_cycled(self, event: MeetingTable.SortCycled) -> None:
        event.stop()
        self.cycle_sort()

    def _fill(self, keep: str | None = None) -> None:
        words = self.filter_input.value.casefold().split() if self.filter_input.display else []
        self.shown = self._matching(words) if words else self._ordered
        cursor = 0
        if keep is not None:
            cursor = next((i for i, s in enumerate(self.shown) if s.id == keep), 0)
        self.table.set_rows(self.shown, cursor)
        status = self.query_one("#list-status", Static)
        if not self.summaries:
            status.update(Text("No meetings yet. Import some with `dossier import`.",
                               style="italic"))
        elif not self.shown:
            status.update(Text("No meeting matches the filter.", style="italic"))
        status.display = not self.shown

    def _title(self, summary: MeetingSummary) -> Text:
        count = self.note_counts.get(summary.id)
        title = Text()
        # The marks go first so a narrow column still shows them: a draft (an imported
        # statement not yet reviewed) is not a record like the others.
        if summary.status == "draft":
            title.append("draft", style="reverse italic")
            title.append(" ")
        if count:
            title.append(f"✎{count} ", style="italic")
        title.append(printable_line(summary.title))
        return title

    def set_note_counts(self, counts: dict[str, int]) -> None:
        """Show how many notes each meeting has; the table draws titles on demand, so a
        redraw is all it takes (the cursor stays put, nothing is rebuilt)."""
        changed = {key for key in counts.keys() | self.note_counts.keys()
                   if counts.get(key) != self.note_counts.get(key)}
        self.note_counts = dict(counts)
        if not changed or not self.loaded:
            return
        self.table.refresh()

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
        self.screen.set_focus(self.table)

    @on(FilterInput.Changed)
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        # The selected meeting stays selected while it still matches (widening or
        # clearing the filter never jumps back to the newest meeting).
        self._fill(keep=self.current_id())

    @on(FilterInput.Closed)
    def _filter_closed(self, event: FilterInput.Closed) -> None:
        event.stop()
        self.close_filter()

    @on(MeetingTable.RowHighlighted)
    def _row_highlighted(self, event: MeetingTable.RowHighlighted) -> None:
        event.stop()
        meeting_id = self.meeting_at(event.cursor_row)
        if meeting_id is not None:
            self.post_message(self.Highlighted(meeting_id))

    @on(MeetingTable.RowSelected)
    def _row_selected(self, event: MeetingTable.RowSelected) -> None:
        event.stop()
        meeting_id = self.meeting_at(event.cursor_row)
        if meeting_id is not None:
            self.post_message(self.Selected(meeting_id))
