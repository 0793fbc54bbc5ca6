"""The meeting list: a table (date, body, title; newest first, or by body, title or place
with `s`) with a filter line.

The table (meeting_table.py) draws only the rows on screen, so it stays responsive with
very many meetings. The filter matches as you type against date, body, title, place and
tags; it is shown with `f` and hidden with `escape` (`/` is the global search). It takes the
search language's filters too (`body:brics year:2013 -tag:call`, parsed by store.query):
body, level, tag and the dates are read from the rows, participant, party and topic from
the search index (in a worker); `status:draft` and `date:unknown` are the list's own words.
While it filters, the status line says how many rows are shown ("12 of 2001").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from dossier.store.date_shown import UNSETTLED
from dossier.store.errors import StoreError
from dossier.store.query import Filter, Query, QueryError, fold, normalize, parse
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


def _haystack(summary: MeetingSummary) -> str:
    # "status:draft" is a word of a draft's row: the filter shows the drafts alone (the
    # queue after a batch import); "date:unknown" finds those whose date is to be set.
    marks = (f"status:{summary.status}",) if summary.status else ()
    if summary.date_certainty != "day":
        marks += (summary.date_label,)
        if summary.date_certainty in UNSETTLED:
            marks += ("date:unknown",)
    return fold(" ".join((summary.date.isoformat(), summary.body, summary.title,
                          summary.location, summary.level, *summary.tags, *marks)))


#: The list's own words that look like filters (``status:draft``, ``date:unknown``): kept
#: as words of the row, not given to the search language's parser, which knows no such
#: filter.
_LIST_WORD = re.compile(r"(?<!\S)-?(?:status|date):\S*", re.IGNORECASE)
#: Filters only the search index can answer (the rows do not hold these fields).
INDEX_FILTERS = ("participant", "party", "topic")


@dataclass(frozen=True, slots=True)
class ListFilter:
    """What the filter line asks for: words (and the list's own ``status:``/``date:``
    words) matched in a row's text, the search language's filters on its fields."""

    words: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    filters: tuple[Filter, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.words or self.excluded or self.filters)

    @property
    def index_query(self) -> Query | None:
        """The filters only the index can answer, as a query of their own, or None."""
        wanted = tuple(f for f in self.filters if f.name in INDEX_FILTERS)
        return Query(filters=wanted) if wanted else None


def parse_filter(text: str) -> ListFilter:
    """The filter line's text; raises QueryError (one sentence) as the search does."""
    own = [match.group(0) for match in _LIST_WORD.finditer(text)]
    query = parse(_LIST_WORD.sub(" ", text))
    words = [fold(word) for word in own if not word.startswith("-")]
    excluded = [fold(word[1:]) for word in own if word.startswith("-")]
    words += [fold(term.text) for term in query.terms]
    excluded += [fold(term.text) for term in query.excluded]
    return ListFilter(tuple(w for w in words if w), tuple(w for w in excluded if w),
                      query.filters)


def _field_matches(value: str, wanted: str) -> bool:
    """A word-prefix match of ``wanted`` in ``value``, both folded (as the index does)."""
    value, wanted = normalize(value), normalize(wanted)
    return value.startswith(wanted) or f" {wanted}" in value


def _holds(summary: MeetingSummary, rule: Filter) -> bool:
    """Whether a row-answerable filter (not a negation) holds for ``summary``."""
    if rule.name in ("year", "before", "after"):
        day = summary.date.isoformat()
        return ((rule.low is None or day >= rule.low)
                and (rule.high is None or day < rule.high))
    if rule.name == "tag":
        return any(_field_matches(tag, rule.value) for tag in summary.tags)
    return _field_matches(str(getattr(summary, rule.name)), rule.value)


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


#: What `S` cycles through: no groups, by year (newest first), by body (A to Z).
GROUPINGS: tuple[str | None, ...] = (None, "year", "body")


def _grouped(summaries: list[MeetingSummary], grouping: str | None) -> list[MeetingSummary]:
    """``summaries`` (in the sort order) with each group's rows together, the groups in
    their own order and the sort order kept within each (a stable sort)."""
    if grouping == "year":
        return sorted(summaries, key=lambda summary: -summary.date.year)
    if grouping == "body":
        return sorted(summaries, key=lambda summary: (not summary.body,
                                                      summary.body.casefold()))
    return summaries


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

    class NothingShown(Message):
        """The filter leaves no row: no meeting is selected."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The index's answer to each participant/party/topic filter asked (a meeting
        #: id set), cleared when the list is reloaded (the store changed).
        self._index_ids: dict[Query, frozenset[str]] = {}
        self.summaries: list[MeetingSummary] = []
        self.shown: list[MeetingSummary] = []
        self.loaded = False
        #: One of SORT_ORDERS; ``summaries`` stay newest first, ``_ordered`` is sorted so.
        self.sort_order = "date"
        #: One of GROUPINGS: the rows under a header line per year or body, with counts.
        self.grouping: str | None = None
        self._ordered: list[MeetingSummary] = []
        #: The filter's text of each row of ``_ordered``, built on the first keystroke.
        self._haystacks: list[str] | None = None
        #: meeting id -> number of notes, shown after the title (set by the app).
        self.note_counts: dict[str, int] = {}

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
        self._ordered = _grouped(_sorted(self.summaries, self.sort_order), self.grouping)
        self._haystacks = None  # built on the first filter keystroke
        self._index_ids = {}
        self.loaded = True
        self._fill()

    def _date(self, summary: MeetingSummary) -> Text:
        if summary.date_certainty == "day":
            return Text(summary.date.isoformat())
        return Text(summary.date_label, style="italic")  # never the placeholder's own day

    def _matching(self, wanted: ListFilter) -> list[MeetingSummary] | None:
        """The rows ``wanted`` selects, or None while the index is still asked (its
        worker refills the list when it answers)."""
        allowed: frozenset[str] | None = None
        index_query = wanted.index_query
        if index_query is not None:
            allowed = self._index_ids.get(index_query)
            if allowed is None:
                self._ask_index(index_query)
                return None
        if self._haystacks is None:
            self._haystacks = [_haystack(summary) for summary in self._ordered]
        row_filters = [f for f in wanted.filters if f.name not in INDEX_FILTERS]
        return [summary for summary, haystack in zip(self._ordered, self._haystacks,
                                                       strict=True)
                if all(word in haystack for word in wanted.words)
                and not any(word in haystack for word in wanted.excluded)
                and all(_holds(summary, rule) != rule.negated for rule in row_filters)
                and (allowed is None or summary.id in allowed)]

    @work(thread=True, exclusive=True, group="list-filter-index", exit_on_error=False)
    def _ask_index(self, query: Query) -> None:
        store = getattr(self.app, "store", None)
        if store is None:
            return
        from dossier.store.search import matching_meetings  # the index: on first use

        try:
            ids = frozenset(s.id for s in matching_meetings(store, query))
        except (StoreError, OSError) as exc:
            self.app.call_from_thread(self._index_failed, str(exc))
            return
        self.app.call_from_thread(self._index_answered, query, ids)

    def _index_answered(self, query: Query, ids: frozenset[str]) -> None:
        self._index_ids[query] = ids
        if self.filter_input.display and self.filter_input.value:
            self._fill(keep=self.current_id())

    def _index_failed(self, problem: str) -> None:
        self._show_status(f"The index could not answer: {problem}")

    def cycle_sort(self) -> None:
        """``s``: the next sort order; the selected meeting stays selected."""
        keep = self.current_id()
        order = SORT_ORDERS[(SORT_ORDERS.index(self.sort_order) + 1) % len(SORT_ORDERS)]
        self.sort_order = order
        self._ordered = _grouped(_sorted(self.summaries, order), self.grouping)
        self._haystacks = None
        self.table.sorted_by = order
        self._fill(keep=keep)

    def cycle_grouping(self) -> None:
        """``S``: group by year, then by body, then not at all; the selection stays."""
        keep = self.current_id()
        grouping = GROUPINGS[(GROUPINGS.index(self.grouping) + 1) % len(GROUPINGS)]
        self.grouping = grouping
        self._ordered = _grouped(_sorted(self.summaries, self.sort_order), grouping)
        self._haystacks = None
        self.table.group_by = grouping
        self._fill(keep=keep)

    @on(MeetingTable.GroupingCycled)
    def _grouping_cycled(self, event: MeetingTable.GroupingCycled) -> None:
        event.stop()
        self.cycle_grouping()

    @on(MeetingTable.SortCycled)
    def _sort_cycled(self, event: MeetingTable.SortCycled) -> None:
        event.stop()
        self.cycle_sort()

    def _fill(self, keep: str | None = None) -> None:
        text = self.filter_input.value if self.filter_input.display else ""
        problem: str | None = None
        try:
            wanted = parse_filter(text) if text.strip() else ListFilter()
        except QueryError as exc:
            # Half-typed (`body:`): the rows shown stay as they were, the line says why.
            problem = str(exc)
            wanted = None
        if wanted is None:
            shown: list[MeetingSummary] | None = self.shown if self.loaded else []
        elif wanted.empty:
            shown = self._ordered
        else:
            shown = self._matching(wanted)
        pending = shown is None
        self.shown = [] if shown is None else shown
        cursor = 0
        if keep is not None:
            cursor = next((i for i, s in enumerate(self.shown) if s.id == keep), 0)
        self.table.set_rows(self.shown, cursor)
        filtering = wanted is None or not wanted.empty
        if not self.summaries:
            self._show_status("No meetings yet. Import some with `dossier import`.")
        elif problem is not None:
            self._show_status(f"{len(self.shown)} of {len(self.summaries)} · {problem}")
        elif pending:
            self._show_status("Asking the search index…")
        elif not self.shown:
            self._show_status(f"0 of {len(self.summaries)} · No meeting matches the filter.")
        elif filtering:
            self._show_status(f"{len(self.shown)} of {len(self.summaries)}")
        else:
            self._show_status(None)
        if self.summaries and not self.shown and not pending:
            # Nothing under the cursor: the meeting on the right would be a stale one.
            self.post_message(self.NothingShown())

    def _show_status(self, text: str | None) -> None:
        status = self.query_one("#list-status", Static)
        if text is not None:
            status.update(Text(text, style="italic"))
        status.display = text is not None

    def _title(self, summary: MeetingSummary, shown_title: str) -> Text:
        count = self.note_counts.get(summary.id)
        title = Text()
        # The marks go first so a narrow column still shows them: a draft (an imported
        # statement not yet reviewed) is not a record like the others.
        if summary.status == "draft":
            title.append("draft", style="reverse italic")
            title.append(" ")
        if count:
            title.append(f"✎{count} ", style="italic")
        title.append(printable_line(shown_title))
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
