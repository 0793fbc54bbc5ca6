"""The Source pane: the statement a record was built from, with the sentence behind the
focused item highlighted (provenance)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.widgets import Static

from ..text import printable

# The record model loads with the first meeting shown, not before the first paint.
if TYPE_CHECKING:
    from dossier.store.model import Meeting

HIGHLIGHT_STYLE = "reverse bold"


class SourceView(VerticalScroll):
    """Scrollable source text; :meth:`highlight` marks a [start, end) range and scrolls to it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="source.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="source.up"),
        Binding("g", "scroll_home", "Top", show=False, id="source.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="source.bottom"),
        Binding("ctrl+d", "half_page(1)", "Half a page down", show=False,
                id="source.half-page-down"),
        Binding("ctrl+u", "half_page(-1)", "Half a page up", show=False,
                id="source.half-page-up"),
    ]
    HELP_TITLE = "Source"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source_text = ""
        self.heading = ""
        self.span: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="source-heading")
        yield Static(id="source-text")

    def show(self, meeting: Meeting, span: tuple[int, int] | None = None) -> None:
        """Show ``meeting``'s first source; works before the pane is mounted (lazy panes)."""
        if meeting.sources:
            source = meeting.sources[0]
            parts = [part for part in (source.issuer, source.kind,
                                       source.date.isoformat() if source.date else "",
                                       source.url or "") if part]
            self.heading = " · ".join(parts)
            self.source_text = source.text
        else:
            self.heading = ""
            self.source_text = ""
        self.highlight(span)

    def action_half_page(self, direction: int) -> None:
        """ctrl+d / ctrl+u, as in vim and less."""
        self.scroll_relative(y=direction * max(1, self.size.height // 2), animate=False)

    def highlight(self, span: tuple[int, int] | None) -> None:
        self.span = span
        if self.is_mounted:
            self._paint()

    def on_mount(self) -> None:
        self._paint()

    def _paint(self) -> None:
        self.query_one("#source-heading", Static).update(
            Text(printable(self.heading), style="italic"))
        if self.source_text:
            text = _display_text(self.source_text, self.span)
        else:
            text = Text("This meeting has no source text.", style="italic")
        self.query_one("#source-text", Static).update(text)
        if self.span is not None:
            # After the new text is laid out (a refresh), and once more after a freshly
            # mounted pane got its final size.
            self.call_after_refresh(self._scroll_to_span)
            self.call_after_refresh(self.call_after_refresh, self._scroll_to_span)

    def on_resize(self) -> None:
        # The wrapped lines move when the width changes; keep the sentence in view.
        if self.span is not None:
            self.call_after_refresh(self._scroll_to_span)

    def _scroll_to_span(self) -> None:
        """Scroll as little as needed to bring the highlighted lines into view."""
        if self.span is None:
            return
        width = max(10, self.query_one("#source-text", Static).content_region.width)
        start, end = self.span
        # Wrapped the way Textual wraps the Static's content, to find the lines.
        first = len(Content(printable(self.source_text[:start])).wrap(width))
        last = len(Content(printable(self.source_text[:end])).wrap(width))
        top = self.query_one("#source-text", Static).virtual_region.y
        # A line of margin each side: a prefix can wrap a little differently from the
        # whole text, and the sentence reads better with a line of context.
        region = Region(0, top + max(0, first - 2), 1, max(1, last - first + 3))
        self.scroll_to_region(region, animate=False, immediate=True)


def _display_text(raw: str, span: tuple[int, int] | None) -> Text:
    """``raw`` made printable, with ``span`` (indices into ``raw``) styled as highlighted."""
    if span is None:
        return Text(printable(raw))
    start, end = (max(0, min(len(raw), value)) for value in span)
    text = Text(printable(raw[:start]))
    text.append(printable(raw[start:end]), style=HIGHLIGHT_STYLE)
    text.append(printable(raw[end:]))
    return text
