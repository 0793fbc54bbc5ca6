"""A keyboard list of a meeting's items: the base of the Agenda, Participants, Priorities
and Notes panes.

An OptionList (rendered line by line, multi-line prompts) whose every option carries the
note target and source span of the item it shows, so the app can attach notes to it and
highlight its sentence in the Source pane.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

# The record model loads with the first meeting shown, not before the first paint.
if TYPE_CHECKING:
    from dossier.store.model import Meeting
    from dossier.store.store import MeetingNotes



@dataclass(frozen=True, slots=True)
class PaneItem:
    """What one row stands for: a note target ("agenda:ID", …) and where it came from."""

    target: str
    span: tuple[int, int] | None = None
    note_id: str | None = None
    #: A line that only tells (how many more notes there are): the cursor skips it.
    disabled: bool = False


class ItemList(OptionList):
    """Base class: fill with :meth:`show`; subclasses build the rows in :meth:`rows`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="items.down"),
        Binding("k", "cursor_up", "Up", show=False, id="items.up"),
        Binding("g", "first", "First item", show=False, id="items.first"),
        Binding("G", "last", "Last item", show=False, id="items.last"),
        Binding("ctrl+d", "half_page(1)", "Half a page down", show=False,
                id="items.half-page-down"),
        Binding("ctrl+u", "half_page(-1)", "Half a page up", show=False,
                id="items.half-page-up"),
        # What enter opens depends on the row (MainScreen._item_selected).
        Binding("enter", "select", "Open: profile, topic timeline or source", show=False,
                id="items.open"),
    ]
    #: The heading of this widget's keys in the help screen.
    HELP_TITLE = "List"

    class _ItemMessage(Message):
        def __init__(self, item_list: ItemList, item: PaneItem) -> None:
            super().__init__()
            self.item_list = item_list
            self.item = item

        @property
        def control(self) -> ItemList:
            return self.item_list

    class ItemHighlighted(_ItemMessage):
        """The cursor moved onto an item (its sentence should be highlighted)."""

    class ItemSelected(_ItemMessage):
        """``enter`` on an item."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.items: list[PaneItem] = []
        self.meeting_id: str | None = None

    def rows(self, meeting: Meeting, notes: MeetingNotes,
             ) -> list[tuple[RenderableType, PaneItem]]:
        """The rows for ``meeting``: each pane overrides this."""
        return []

    def show(self, meeting: Meeting, notes: MeetingNotes) -> None:
        """Replace the rows with ``meeting``'s, keeping the cursor when it is the same one."""
        keep = self.highlighted if meeting.id == self.meeting_id else None
        rows = self.rows(meeting, notes)
        self.meeting_id = meeting.id
        self.items = [item for _, item in rows]
        self.clear_options()
        self.add_options([Option(prompt, id=str(index), disabled=item.disabled)
                          for index, (prompt, item) in enumerate(rows)])
        if self.items:
            self.highlighted = min(keep or 0, len(self.items) - 1)

    def action_half_page(self, direction: int) -> None:
        """ctrl+d / ctrl+u: half the visible lines on, to the option there (rows are
        several lines high, so counting rows would not do)."""
        if not self.items:
            return
        current = self.highlighted or 0
        # Where each option starts, in lines: OptionList keeps it (privately) for its own
        # page keys, which this mirrors at half the height.
        starts = self._index_to_line
        line = starts.get(current, 0)
        step = max(1, self.scrollable_content_region.height // 2)
        wanted = line + direction * step
        candidates = range(current + direction, len(self.items) if direction > 0 else -1,
                           direction)
        target = current
        for index in candidates:
            if self.items[index].disabled:
                continue
            target = index
            option_line = starts.get(index, 0)
            if (option_line >= wanted) if direction > 0 else (option_line <= wanted):
                break
        self.highlighted = target

    def index_of(self, target: str) -> int | None:
        for index, item in enumerate(self.items):
            if item.target == target or (item.note_id and target == f"note:{item.note_id}"):
                return index
        return None

    def highlight_target(self, target: str) -> bool:
        index = self.index_of(target)
        if index is None:
            return False
        self.highlighted = index
        return True

    @property
    def current(self) -> PaneItem | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.items):
            return None
        return self.items[self.highlighted]

    def _on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        item = self.current
        if item is not None:
            self.post_message(self.ItemHighlighted(self, item))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self.current
        if item is not None:
            self.post_message(self.ItemSelected(self, item))
