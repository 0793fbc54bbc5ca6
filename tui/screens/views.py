"""The cross-meeting views: a participant's profile, a topic's or a body's timeline (by
year, with counts), a party's positions over time, and two meetings of a body compared side
by side.

Each lists places to jump to, read from the store in a worker, and is dismissed with the
chosen :class:`~store.hits.Hit` (or None), as the search is: the app then shows it in
context. Rows are Rich ``Text`` built from plain strings; nothing from the data is markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from dossier.store.errors import StoreError
from dossier.store.hits import Hit
from dossier.store.store import Store
from dossier.store.views import (
    ComparedItem,
    MeetingComparison,
    body_timeline,
    compare_meetings,
    participant_profile,
    party_positions,
    previous_meeting,
    topic_timeline,
)

from ..text import printable_line


class _JumpListScreen(ModalScreen[Hit | None]):
    """A titled list of places to jump to, loaded in a worker; enter picks, escape closes."""

    CSS_PATH = "search.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="view.close"),
        # j/k as in every other list of the app (the list keeps up/down for itself).
        Binding("j", "move(1)", "Down", show=False, id="view.down"),
        Binding("k", "move(-1)", "Up", show=False, id="view.up"),
    ]

    class Loaded(Message):
        def __init__(self, heading: Text,
                     rows: list[tuple[RenderableType, Hit | None]]) -> None:
            super().__init__()
            self.heading = heading
            self.rows = rows

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.targets: list[Hit | None] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog"):
            yield Static(Text("loading…", style="dim"), id="jump-heading")
            yield OptionList(id="jump-results")
        yield Footer()  # this screen's keys, over the main screen's

    def on_mount(self) -> None:
        self.query_one("#jump-results", OptionList).focus()
        self.load()

    @work(thread=True, exclusive=True, group="jumplist", exit_on_error=False)
    def load(self) -> None:
        try:
            heading, rows = self.build()
        except StoreError as exc:
            heading, rows = Text(printable_line(exc), style="bold red"), []
        self.post_message(self.Loaded(heading, rows))

    def build(self) -> tuple[Text, list[tuple[RenderableType, Hit | None]]]:
        """The heading and the rows (text, jump target); runs in a worker thread."""
        return Text(), []

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.query_one("#jump-heading", Static).update(event.heading)
        results = self.query_one("#jump-results", OptionList)
        results.clear_options()
        self.targets = [hit for _, hit in event.rows]
        results.add_options([Option(text, disabled=hit is None) for text, hit in event.rows])
        first = next((i for i, hit in enumerate(self.targets) if hit is not None), None)
        if first is not None:
            results.highlighted = first

    @on(OptionList.OptionSelected, "#jump-results")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self.targets):
            target = self.targets[event.option_index]
            if target is not None:
                self.dismiss(target)

    def action_move(self, step: int) -> None:
        results = self.query_one("#jump-results", OptionList)
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)


def _line(*parts: tuple[str, str]) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    for value, style in parts:
        text.append(printable_line(value), style=style)
    return text


class ParticipantProfileScreen(_JumpListScreen):
    """Every meeting a person attended, with role, party and their party's positions."""

    def __init__(self, store: Store, name: str) -> None:
        super().__init__(store)
        self.person = name

    def build(self) -> tuple[Text, list[tuple[Text, Hit | None]]]:
        profile = participant_profile(self.store, self.person)
        count = len(profile.appearances)
        heading = _line((profile.name, "bold"),
                        (f"  {count} meeting{'' if count == 1 else 's'}", "dim"))
        if profile.roles:
            heading.append("\n")
            heading.append(printable_line("roles: " + "; ".join(profile.roles)), style="dim")
        rows: list[tuple[Text, Hit | None]] = []
        for appearance in profile.appearances:
            hit = appearance.hit()
            rows.append((_line((appearance.date.isoformat() + "  ", "bold"),
                               (appearance.meeting_title, ""),
                               (f"  ·  {appearance.role}" if appearance.role else "", "dim"),
                               (f"  ·  {appearance.party}" if appearance.party else "", "dim")),
                         hit))
            for position in appearance.positions:
                rows.append((_line(("    ↳ ", "dim"), (position.agenda_title + ": ", "italic"),
                                   (position.stance, "")),
                             Hit(kind="position", meeting_id=appearance.meeting_id,
                                 date=appearance.date, title=f"{position.party}: "
                                 f"{position.stance}", target=position.target,
                                 snippet=position.stance, span=position.span,
                                 meeting_title=appearance.meeting_title)))
        if not rows:
            rows.append((_line(("no meetings found for this name", "dim")), None))
        return heading, rows


def _year_header(year: int, count: int, noun: str) -> Text:
    """A year's header row: the year and how many of the rows under it there are."""
    return _line((str(year), "bold underline"),
                 (f"  {count} {noun}{'' if count == 1 else 's'}", "dim"))


class TopicTimelineScreen(_JumpListScreen):
    """Every agenda item on a topic across meetings, newest first, under year headers
    with counts."""

    def __init__(self, store: Store, topic: str) -> None:
        super().__init__(store)
        self.topic = topic

    def build(self) -> tuple[Text, list[tuple[Text, Hit | None]]]:
        timeline = topic_timeline(self.store, self.topic)
        count = len(timeline.entries)
        heading = _line(("topic: ", "dim"), (timeline.topic, "bold"),
                        (f"  {count} agenda item{'' if count == 1 else 's'}", "dim"))
        rows: list[tuple[Text, Hit | None]] = []
        for year, entries in timeline.by_year():
            rows.append((_year_header(year, len(entries), "agenda item"), None))
            rows += [(_line(("  " + entry.date.isoformat() + "  ", "bold"),
                            (entry.agenda_title, ""), ("  ·  " + entry.meeting_title, "dim")),
                      entry.hit()) for entry in entries]
        if not rows:
            rows.append((_line(("no agenda items on this topic", "dim")), None))
        return heading, rows


class BodyTimelineScreen(_JumpListScreen):
    """Every meeting of a body (a council, a summit series), newest first, under year
    headers with counts; enter opens the meeting."""

    def __init__(self, store: Store, body: str) -> None:
        super().__init__(store)
        self.body = body

    def build(self) -> tuple[Text, list[tuple[Text, Hit | None]]]:
        timeline = body_timeline(self.store, self.body)
        count = len(timeline.entries)
        heading = _line(("body: ", "dim"), (timeline.body, "bold"),
                        (f"  {count} meeting{'' if count == 1 else 's'}", "dim"))
        rows: list[tuple[Text, Hit | None]] = []
        for year, entries in timeline.by_year():
            rows.append((_year_header(year, len(entries), "meeting"), None))
            rows += [(_line(("  " + entry.date.isoformat() + "  ", "bold"), (entry.title, ""),
                            ("  ·  " + entry.location if entry.location else "", "dim")),
                      entry.hit()) for entry in entries]
        if not rows:
            rows.append((_line(("no meetings of this body", "dim")), None))
        return heading, rows


class PartyPositionsScreen(_JumpListScreen):
    """Every position a state or an organisation took, across meetings: grouped by topic
    (the topic with the newest position first), newest first within a topic, each with the
    sentence it was read from; enter jumps to the position in its meeting."""

    def __init__(self, store: Store, party: str) -> None:
        super().__init__(store)
        self.party = party

    def build(self) -> tuple[Text, list[tuple[Text, Hit | None]]]:
        found = party_positions(self.store, self.party)
        count, meetings = len(found.positions), found.meetings
        heading = _line(("positions of ", "dim"), (found.party, "bold"),
                        (f"  {count} position{'' if count == 1 else 's'} in {meetings} "
                         f"meeting{'' if meetings == 1 else 's'}", "dim"))
        rows: list[tuple[Text, Hit | None]] = []
        for topic, positions in found.by_topic():
            # A header row, not a place to jump to: the cursor skips it.
            rows.append((_line((topic, "bold underline"), (f"  {len(positions)}", "dim")),
                         None))
            for position in positions:
                text = _line(("  " + position.date.isoformat() + "  ", "bold"),
                             (position.stance, ""),
                             ("  ·  " + position.meeting_title, "dim"))
                if position.sentence and position.sentence != position.stance:
                    text.append("\n")
                    text.append_text(_line(("              “", "dim"),
                                           (position.sentence, "dim italic"), ("”", "dim")))
                rows.append((text, position.hit()))
        if not rows:
            rows.append((_line(("no positions found for this party", "dim")), None))
        return heading, rows


#: How each kind of change is marked, on the side it is on.
_CHANGE_MARKS = {"new": ("+ ", "green"), "dropped": ("− ", "red"), "kept": ("  ", "")}


class CompareMeetingsScreen(_JumpListScreen):
    """Two meetings of a body side by side, the earlier on the left: agenda, topics,
    participants and priorities, each new (+, on the right only), dropped (−, on the left
    only) or kept; enter jumps to the item in the meeting that has it (the later one when
    both do). Given one meeting, it is compared with the body's meeting before it."""

    def __init__(self, store: Store, meeting_id: str, other_id: str | None = None) -> None:
        super().__init__(store)
        self.meeting_id = meeting_id
        self.other_id = other_id

    def build(self) -> tuple[Text, list[tuple[RenderableType, Hit | None]]]:
        other = self.other_id or previous_meeting(self.store, self.meeting_id)
        if other is None:
            return (_line(("compare: ", "dim"),
                          ("no earlier meeting of this body to compare with", "bold")),
                    [(_line(("nothing to compare", "dim")), None)])
        comparison = compare_meetings(self.store, other, self.meeting_id)
        heading = _line(("compare  ", "dim"),
                        (comparison.earlier.date.isoformat() + " ", "bold"),
                        (comparison.earlier.title, ""), ("  →  ", "dim"),
                        (comparison.later.date.isoformat() + " ", "bold"),
                        (comparison.later.title, ""))
        # Which meeting each column is: the earlier on the left, as a diff reads.
        columns = _two_cells(_line((comparison.earlier.date.isoformat(), "bold"),
                                   ("  earlier", "dim")),
                             _line((comparison.later.date.isoformat(), "bold"),
                                   ("  later", "dim")))
        rows: list[tuple[RenderableType, Hit | None]] = [(columns, None)]
        for section, items in comparison.sections:
            counts = comparison.counts(section)
            rows.append((_line((section, "bold underline"),
                               (f"  {counts['new']} new · {counts['dropped']} dropped · "
                                f"{counts['kept']} kept", "dim")), None))
            rows += [(_side_by_side(item), _compared_hit(comparison, item)) for item in items]
            if not items:
                rows.append((_line(("  none in either meeting", "dim")), None))
        return heading, rows


def _side_by_side(item: ComparedItem) -> Table:
    """One compared item as two cells: the earlier meeting's and the later's."""
    mark, style = _CHANGE_MARKS[item.change]
    left = _line((mark, style), (item.label, style)) if item.earlier is not None else Text()
    right = _line((mark, style), (item.label, style)) if item.later is not None else Text()
    return _two_cells(left, right)


def _two_cells(left: Text, right: Text) -> Table:
    """Two halves of a row, each cut with an ellipsis rather than wrapped."""
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    grid.add_row(left, right)
    return grid


def _compared_hit(comparison: MeetingComparison, item: ComparedItem) -> Hit | None:
    """Where enter goes: the item in the later meeting, or in the earlier if it dropped."""
    if item.later is not None:
        meeting, target, span = comparison.later, item.later, item.later_span
    elif item.earlier is not None:
        meeting, target, span = comparison.earlier, item.earlier, item.earlier_span
    else:
        return None
    return Hit(kind=target.partition(":")[0], meeting_id=meeting.meeting_id,
               date=meeting.date, title=item.label, target=target, snippet=item.change,
               span=span, meeting_title=meeting.title)
