"""Search as you type.

``SearchScreen(store)`` is pushed by the app on ``/`` and dismissed with the chosen
:class:`~store.hits.Hit` (or None). Every keystroke starts a search in an exclusive thread
worker; each carries a generation number and a result whose generation is no longer the
latest is dropped, so a slow search never paints over a newer one and typing never waits.
Results are an ``OptionList`` (line API), each option built as Rich ``Text`` from plain
strings with the matches styled by range: nothing from the data is read as markup.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, get_args

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from dossier.store.errors import StoreError
from dossier.store.hits import Hit, HitKind
from dossier.store.query import FILTERS, parse
from dossier.store.search import SearchOrder, search
from dossier.store.store import Store
from dossier.store.views import COUNT_CAP, count_hits

from ..highlight import highlighted
from ..text import index_progress_text, printable_line

if TYPE_CHECKING:
    from dossier.store.model import Meeting

RESULT_LIMIT = 50  # a screenful several times over; each hit costs a snippet
#: The longest kind ("participant") and two columns before the date.
KIND_WIDTH = max(len(kind) for kind in get_args(HitKind)) + 2
HINT = ("words · \"phrase\" · -exclude · " + " ".join(f"{f}:" for f in FILTERS)
        + " · ↑↓ ctrl+n/p ctrl+j/k move · ctrl+o order · enter open · esc close")
#: How the store's search orders its hits (store/search.py): words rank by relevance
#: (bm25), a query of filters alone lists newest first.
ORDER_RELEVANCE = "best matches first"
ORDER_DATE = "newest first"
#: A note's hit is titled "note on TARGET" by the index (store/rows.py).
NOTE_TITLE_PREFIX = "note on "


def hit_prompt(hit: Hit) -> Text:
    """Two lines: kind, date and title; then the snippet with the matches highlighted."""
    first = Text(no_wrap=True, overflow="ellipsis")
    first.append(f"{hit.kind:<{KIND_WIDTH}}", style="dim")
    first.append(hit.date.isoformat(), style="bold")
    first.append("  ")
    first.append(printable_line(hit.title), style="bold")
    if hit.meeting_title and hit.meeting_title != hit.title:
        first.append("  ·  ")
        first.append(printable_line(hit.meeting_title), style="dim")
    second = Text(" " * KIND_WIDTH, no_wrap=True, overflow="ellipsis")
    second.append_text(highlighted(hit.snippet, hit.highlights))
    return Text("\n", no_wrap=True, overflow="ellipsis").join([first, second])


def count_text(shown: int, total: int | None, order: str) -> str:
    """"50 of 253 hits · best matches first"; "no matches"."""
    if shown == 0:
        return "no matches"
    if total is None or total <= shown:
        return f"{shown:,} hit{'' if shown == 1 else 's'} · {order}"
    more = "+" if total >= COUNT_CAP else ""
    return f"{shown:,} of {total:,}{more} hits · {order}"


def with_note_names(store: Store, hits: list[Hit]) -> list[Hit]:
    """Note hits titled by what the note is on, by name ("note on participant: Sergey
    Lavrov"), not by the index's internal target ("note on participant:sergey-lavrov")."""
    from dataclasses import replace

    from ..flows import target_label

    meetings: dict[str, Meeting | None] = {}
    named: list[Hit] = []
    for hit in hits:
        if hit.kind != "note" or not hit.title.startswith(NOTE_TITLE_PREFIX):
            named.append(hit)
            continue
        target = hit.title.removeprefix(NOTE_TITLE_PREFIX)
        if hit.meeting_id not in meetings:
            try:
                meetings[hit.meeting_id] = store.get_meeting(hit.meeting_id)
            except StoreError:
                meetings[hit.meeting_id] = None
        meeting = meetings[hit.meeting_id]
        if meeting is None:
            named.append(hit)
        elif target == "meeting":
            named.append(replace(hit, title="note on the meeting"))
        else:
            named.append(replace(hit, title=f"note on {target_label(meeting, target)}"))
    return named


class _HitList(OptionList):
    """The results: never focused, so the keys keep going to the input above."""

    can_focus = False


class SearchScreen(ModalScreen[Hit | None]):
    """Search everything; enter dismisses with the highlighted hit, escape with None."""

    CSS_PATH = "search.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close search", id="search.close"),
        Binding("down", "move(1)", "Next result", id="search.down"),
        Binding("up", "move(-1)", "Previous result", id="search.up"),
        # As in fzf and the shells; priority, or the input (ctrl+k deletes to the end)
        # and the app (ctrl+p: the palette, which yields here) would take them first.
        Binding("ctrl+n,ctrl+j", "move(1)", "Next result", show=False, priority=True,
                id="search.next"),
        Binding("ctrl+p,ctrl+k", "move(-1)", "Previous result", show=False, priority=True,
                id="search.previous"),
        Binding("pagedown", "move(10)", "Page of results down", show=False,
                id="search.page-down"),
        Binding("pageup", "move(-10)", "Page of results up", show=False, id="search.page-up"),
        # A control key: letters go into the query. ctrl+x is the input's cut.
        Binding("ctrl+s", "export", "Export results", priority=True, id="search.export"),
        # Not `s`, which the query takes as a letter; ctrl+o: "order".
        Binding("ctrl+o", "toggle_order", "Best first / newest first", priority=True,
                id="search.order", tooltip="Order the hits of words by relevance or by "
                "date; a query of filters alone always lists newest first"),
    ]

    #: ctrl+p moves in the results here, rather than opening the palette (tui/app.py).
    OWNS_CTRL_P = True

    class Results(Message):
        def __init__(self, generation: int, hits: list[Hit], total: int | None = None,
                     order: str = ORDER_RELEVANCE) -> None:
            super().__init__()
            self.generation = generation
            self.hits = hits
            self.total = total
            self.order = order

    class Failed(Message):
        def __init__(self, generation: int, message: str) -> None:
            super().__init__()
            self.generation = generation
            self.message = message

    def __init__(self, store: Store, query: str = "", highlighted: int = 0,
                 order: SearchOrder = "relevance") -> None:
        """``query``, ``highlighted`` and ``order``: where the last search was left, to
        resume."""
        super().__init__()
        self.store = store
        #: How the hits of words are ordered (ctrl+o toggles it).
        self.order: SearchOrder = order
        self.initial_query = query
        self._resume_at = highlighted
        #: Set on closing: the query and the row it was left on.
        self.query_text = query
        self.highlighted_index = highlighted
        self.hits: list[Hit] = []
        self.generation = 0
        self._waiting = False  # a search was started and its answer has not come
        self._held: str | None = None  # the query to run once the index is ready

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog"):
            yield Input(self.initial_query, placeholder="Search meetings, items, sources, "
                        "notes…", id="search-input")
            yield Static(Text(HINT, style="dim"), id="search-status")
            yield _HitList(id="search-results")
        yield Footer()  # this screen's keys, over the main screen's

    def on_mount(self) -> None:
        self.query_one("#search-input", Input).focus()
        # While the app builds the index in the background, a search waits for it: say
        # how far it is instead of seeming to hang.
        signal = getattr(self.app, "index_signal", None)
        if signal is not None:
            signal.subscribe(self, self._index_progressed)
        if self.initial_query:
            self._start(self.initial_query)

    def _index_progressed(self, progress: tuple[int, int] | None) -> None:
        if progress is None:
            held, self._held = self._held, None
            if held is not None:  # the index is ready: run the query typed meanwhile
                self.run_search(held, self.generation)
        elif self._waiting:
            self._show_waiting(progress)

    def _show_waiting(self, progress: tuple[int, int]) -> None:
        self.query_one("#search-status", Static).update(Text(
            f"preparing the search index: {index_progress_text(*progress)}; results "
            f"follow when it is done", style="italic"))

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        self._start(event.value)

    def _start(self, text: str) -> None:
        self.generation += 1
        self._held = None
        if not text.strip():
            self._waiting = False
            self._show([], Text(HINT, style="dim"))
            return
        self._waiting = True
        progress = getattr(self.app, "index_progress", None)
        if progress is not None:
            # Each search would wait for the build in a thread of its own: hold the
            # latest query instead and run it when the index is ready.
            self._held = text
            self._show_waiting(progress)
            return
        self.run_search(text, self.generation)

    def action_toggle_order(self) -> None:
        """ctrl+o: best matches first <-> newest first, the query run again; the row
        highlighted is the first of the new order."""
        text = self.query_one("#search-input", Input).value
        if text.strip():
            try:
                if not parse(text).terms:
                    self.notify("A query of filters alone lists newest first.")
                    return
            except StoreError:
                pass  # the query's own error is on screen; the order still changes
        self.order = "date" if self.order == "relevance" else "relevance"
        self.notify(f"Hits of words: {ORDER_DATE if self.order == 'date' else ORDER_RELEVANCE}.")
        self._start(text)

    def _leave(self, hit: Hit | None) -> None:
        """Close with ``hit``, noting where the search was left (the app resumes it)."""
        self.query_text = self.query_one("#search-input", Input).value
        self.highlighted_index = self.query_one("#search-results", _HitList).highlighted or 0
        self.dismiss(hit)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, text: str, generation: int) -> None:
        try:
            hits = with_note_names(self.store, search(self.store, text, limit=RESULT_LIMIT,
                                                      order=self.order))
            order = ORDER_RELEVANCE if parse(text).terms and self.order == "relevance" \
                else ORDER_DATE
        except StoreError as exc:  # QueryError included: one sentence for the user
            self.post_message(self.Failed(generation, str(exc)))
            return
        total: int | None = len(hits)
        if len(hits) >= RESULT_LIMIT:
            try:
                total = max(len(hits), count_hits(self.store, text))
            except (StoreError, sqlite3.Error):
                total = None  # the list stands; only its total is unknown
        self.post_message(self.Results(generation, hits, total, order))

    @on(Results)
    def _results(self, event: Results) -> None:
        if event.generation != self.generation:
            return  # a newer query is on its way: this one is stale
        self._waiting = False
        status = count_text(len(event.hits), event.total, event.order)
        self._show(event.hits, Text(status, style="dim"))
        resume, self._resume_at = self._resume_at, 0
        if resume and event.hits:  # reopened after a jump: back on the hit left
            self.query_one("#search-results", _HitList).highlighted = min(
                resume, len(event.hits) - 1)

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        if event.generation != self.generation:
            return
        self._waiting = False
        self._show([], Text(printable_line(event.message), style="bold red"))

    def _show(self, hits: Sequence[Hit], status: Text) -> None:
        self.hits = list(hits)
        results = self.query_one("#search-results", _HitList)
        results.clear_options()
        results.add_options([Option(hit_prompt(hit)) for hit in hits])
        if hits:
            results.highlighted = 0
        self.query_one("#search-status", Static).update(status)

    def action_move(self, delta: int) -> None:
        results = self.query_one("#search-results", _HitList)
        if not self.hits:
            return
        current = results.highlighted if results.highlighted is not None else 0
        results.highlighted = max(0, min(len(self.hits) - 1, current + delta))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        index = self.query_one("#search-results", _HitList).highlighted
        if index is not None and 0 <= index < len(self.hits):
            self._leave(self.hits[index])

    @on(OptionList.OptionSelected, "#search-results")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self.hits):
            self._leave(self.hits[event.option_index])

    def action_close(self) -> None:
        self._leave(None)

    def result_meeting_ids(self) -> list[str]:
        """The meetings of the hits shown, each once, in the hits' order."""
        return list(dict.fromkeys(hit.meeting_id for hit in self.hits))

    def action_export(self) -> None:
        """ctrl+s: export the meetings of the hits shown, through the app's export dialog
        (as x/X); the search stays open underneath."""
        ids = self.result_meeting_ids()
        if not ids:
            self.notify("No results to export.")
            return
        what = (f"the {len(ids)} meeting{'s' if len(ids) != 1 else ''} of the "
                f"{len(self.hits)} hit{'s' if len(self.hits) != 1 else ''} shown")
        export_prompt = getattr(self.app, "export_prompt", None)
        if export_prompt is not None:
            export_prompt("given", meeting_ids=ids, what=what)
