"""A floor for "app start to first paint": the meeting list as a virtual (Line API) list.

Not the product: a minimal Textual app that opens the store the way the app does
(``Store.open(...).list_meetings()`` in a thread worker), and paints the list with a
``ScrollView`` whose ``render_line`` draws only the rows on screen. A ``DataTable`` builds
and measures every row up front (~0.1-0.3 ms a row here, so seconds at 10k-100k
meetings); this draws ~40 rows whatever the store's size. ``benchmarks/run.py`` times it
beside the real app, to show how much of the first paint is the list widget.

    DOSSIER_FIRST_PAINT_FILE=/tmp/stamp python benchmarks/list_probe.py STORE_DIR
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dossier.store.store import MeetingSummary, Store  # noqa: E402
from dossier.tui.text import printable_line  # noqa: E402

CURSOR = Style(reverse=True)


class VirtualMeetingList(ScrollView):
    """Rows are drawn on demand from the summaries list: O(rows on screen) per frame."""

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[MeetingSummary] = []
        self.cursor = 0

    def set_meetings(self, summaries: list[MeetingSummary]) -> None:
        self.summaries = summaries
        self.virtual_size = Size(self.size.width, len(summaries))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.size.width
        if index >= len(self.summaries):
            return Strip.blank(width)
        s = self.summaries[index]
        line = f"{s.date.isoformat()}  {printable_line(s.body)[:16]:<16}  {printable_line(s.title)}"
        line = line[:width].ljust(width)
        return Strip([Segment(line, CURSOR if index == self.cursor else None)], width)


class ProbeApp(App[None]):
    def __init__(self, store_path: Path) -> None:
        super().__init__()
        self.store_path = store_path

    def compose(self) -> ComposeResult:
        yield VirtualMeetingList()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True)
    def load(self) -> None:
        summaries = Store.open(self.store_path).list_meetings()
        self.call_from_thread(self.show, summaries)

    def show(self, summaries: list[MeetingSummary]) -> None:
        self.query_one(VirtualMeetingList).set_meetings(summaries)
        self.call_after_refresh(self.painted)

    def painted(self) -> None:
        stamp = os.environ.get("DOSSIER_FIRST_PAINT_FILE")
        if stamp:
            Path(stamp).write_text(repr(time.time()))


if __name__ == "__main__":
    ProbeApp(Path(sys.argv[1])).run()
