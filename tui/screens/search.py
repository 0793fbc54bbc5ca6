"""Search as you type.

``SearchScreen(store)`` is pushed by the app on ``/`` and dismissed with the chosen
:class:`~store.hits.Hit` (or None). Every keystroke starts a search in an exclusive thread
worker; each carries a generation number and a result whose generation is no longer the
latest is dropped, so a slow search never paints over a newer one and typing never waits.
Results are an ``OptionList`` (line API), each option built as Rich ``Text`` from plain
strings with the matches styled by range: nothing from the data is read as markup.
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
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from dossier.store.errors import StoreError
from dossier.store.hits import Hit
from dossier.store.query import FILTERS
from dossier.store.search import search
from dossier.store.store import Store

from ..highlight import highlighted
from ..text import index_progress_text, printable_line

RESULT_LIMIT = 50  # a screenful several times over; each hit costs a snippet
KIND_WIDTH = 11
HINT = ("words · \"phrase\" · -exclude · " + " ".join(f"{f}:" for f in FILTERS)
        + " · ↑↓ move · enter open · esc close")


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
        Binding("pagedown", "move(10)", "Page of results down", show=False,
                id="search.page-down"),
        Binding("pageup", "move(-10)", "Page of results up", show=False, id="search.page-up"),
    ]

    class Results(Message):
        def __init__(self, generation: int, hits: list[Hit]) -> None:
            super().__init__()
            self.generation = generation
            self.hits = hits

    class Failed(Message):
        def __init__(self, generation: int, message: str) -> None:
            super().__init__()
            self.generation = generation
            self.message = message

    def __init__(self, store: Store, query: str = "") -> None:
        super().__init__()
        self.store = store
        self.initial_query = query
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

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, text: str, generation: int) -> None:
        try:
            hits = search(self.store, text, limit=RESULT_LIMIT)
        except StoreError as exc:  # QueryError included: one sentence for the user
            self.post_message(self.Failed(generation, str(exc)))
            return
        self.post_message(self.Results(generation, hits))

    @on(Results)
    def _results(self, event: Results) -> None:
        if event.generation != self.generation:
            return  # a newer query is on its way: this one is stale
        self._waiting = False
        count = len(event.hits)
        status = ("no matches" if count == 0 else
                  f"{count}{'+' if count >= RESULT_LIMIT else ''} "
                  f"hit{'' if count == 1 else 's'}")
        self._show(event.hits, Text(status, style="dim"))

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
            self.dismiss(self.hits[index])

    @on(OptionList.OptionSelected, "#search-results")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self.hits):
            self.dismiss(self.hits[event.option_index])

    def action_close(self) -> None:
        self.dismiss(None)
