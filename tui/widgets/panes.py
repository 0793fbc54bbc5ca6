"""The list panes: Agenda, Participants, Cooperation priorities, Notes, and References and
outcomes.

Every string from the record goes through ``literal``/``printable`` and into a Rich ``Text``,
so nothing in the data is read as markup or as terminal codes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ..text import printable_line
from .item_list import ItemList, PaneItem
from .markdown import note_body

# The record model loads with the first meeting shown, not before the first paint.
if TYPE_CHECKING:
    from dossier.store.model import Meeting
    from dossier.store.store import MeetingNotes

Rows = list[tuple[RenderableType, PaneItem]]


def _line(*parts: tuple[str, str]) -> Text:
    """A Text from (data, style) pairs; the data is made printable first."""
    text = Text()
    for value, style in parts:
        text.append(printable_line(value), style=style)
    return text


def hanging(marker: str, lines: list[Text] | list[RenderableType], indent: int = 3) -> Table:
    """``marker`` in a narrow column and ``lines`` beside it, so wrapped lines stay
    indented under their first line (a hanging indent). Lines may be any renderable
    (a note's Markdown body)."""
    grid = Table.grid(padding=0, expand=True)
    grid.add_column(width=indent, no_wrap=True)
    grid.add_column(ratio=1)
    texts = [line for line in lines if isinstance(line, Text)]
    body: RenderableType = (Text("\n").join(texts) if len(texts) == len(lines)
                            else Group(*lines))
    grid.add_row(Text(marker), body)
    return grid


class EmptyPane(Static, can_focus=True):
    """What a pane with nothing to list says instead of its list. It takes focus, so the
    keyboard stays in the pane when its last row goes (and ``2``, ``n`` act from there)
    rather than falling to nothing, or to a hidden filter."""

    HELP_TITLE = "Pane"


class AgendaList(ItemList):
    """Agenda items in order, each with its topics, then each party's positions."""

    HELP_TITLE = "Agenda"

    def rows(self, meeting: Meeting, notes: MeetingNotes) -> Rows:
        counts = notes.counts
        rows: Rows = []
        for number, item in enumerate(sorted(meeting.agenda, key=lambda a: a.order), 1):
            target = f"agenda:{item.id}"
            title = _line((item.title, "bold"))
            if counts.get(target):
                title.append(f"  ✎{counts[target]}", style="italic")
            lines = [title]
            if item.topics:
                lines.append(_line(("topics: ", "dim"), (" · ".join(item.topics), "italic")))
            if item.summary:
                lines.append(_line((item.summary, "")))
            rows.append((hanging(f"{number}.", lines, indent=4), PaneItem(target,
                                                                           item.source_span)))
            for position in item.positions:
                position_target = (f"position:{position.id}" if position.id is not None
                                   else target)
                line = _line((position.party, "bold"), (": ", ""), (position.stance, ""))
                if position.id is not None:
                    _append_count(line, counts.get(position_target))
                rows.append((hanging("    ▸", [line], indent=6),
                             PaneItem(position_target, position.source_span)))
        return rows


class ParticipantsList(ItemList):
    """Name, role and party; collective entries ("the NATO foreign ministers") marked."""

    HELP_TITLE = "Participants"

    def rows(self, meeting: Meeting, notes: MeetingNotes) -> Rows:
        counts = notes.counts
        rows: Rows = []
        for participant in meeting.participants:
            name = _line((participant.name, "bold"))
            if participant.group:
                name.append("  (collective)", style="italic")
            _append_count(name, counts.get(f"participant:{participant.id}"))
            lines = [name]
            details = " · ".join(part for part in (participant.role, participant.party) if part)
            if details:
                lines.append(_line((details, "")))
            marker = "◎" if participant.group else "●"
            rows.append((hanging(marker, lines),
                         PaneItem(f"participant:{participant.id}", participant.source_span)))
        return rows


class PrioritiesList(ItemList):
    """The areas of cooperation named, with their descriptions."""

    HELP_TITLE = "Cooperation priorities"

    def rows(self, meeting: Meeting, notes: MeetingNotes) -> Rows:
        counts = notes.counts
        rows: Rows = []
        for priority in meeting.priorities:
            lines = [_append_count(_line((priority.area, "bold")),
                                   counts.get(f"priority:{priority.id}"))]
            if priority.description:
                lines.append(_line((priority.description, "")))
            rows.append((hanging("•", lines),
                         PaneItem(f"priority:{priority.id}", priority.source_span)))
        return rows


class OutcomesList(ItemList):
    """The earlier agreements and documents the meeting referred to, then what it was to
    produce (expected) or produced; each row traced to its sentence like the other panes."""

    HELP_TITLE = "References and outcomes"
    #: What the pane says when the record has neither.
    EMPTY = "No references or outcomes recorded for this meeting. Press a to add one."

    def rows(self, meeting: Meeting, notes: MeetingNotes) -> Rows:
        counts = notes.counts
        rows: Rows = []
        for index, reference in enumerate(meeting.references):
            target = f"reference:{reference.id}"
            lines: list[Text] = []
            if index == 0:
                lines.append(_section("Referenced agreements and documents"))
            lines.append(_append_count(_line((reference.title, "bold")), counts.get(target)))
            when_where = " · ".join(part for part in (
                reference.date.isoformat() if reference.date else "",
                reference.location or "") if part)
            if when_where:
                lines.append(_line((when_where, "dim")))
            if reference.note:
                lines.append(_line((reference.note, "")))
            rows.append((_sectioned("§", lines, index == 0), PaneItem(target,
                                                                       reference.source_span)))
        for index, outcome in enumerate(meeting.outcomes):
            target = f"outcome:{outcome.id}"
            lines = [_section("Outcomes")] if index == 0 else []
            line = _line(("expected: " if outcome.expected else "reached: ", "italic"),
                         (outcome.description, "bold"))
            lines.append(_append_count(line, counts.get(target)))
            marker = "○" if outcome.expected else "✓"
            rows.append((_sectioned(marker, lines, index == 0),
                         PaneItem(target, outcome.source_span)))
        if not rows:
            rows.append((Text(self.EMPTY, style="italic"),
                         PaneItem("meeting", None, disabled=True)))
        return rows


def _section(title: str) -> Text:
    return Text(title, style="bold underline")


def _sectioned(marker: str, lines: list[Text], first: bool) -> RenderableType:
    """A row whose first line may be its section's heading, set flush left above it."""
    if not first:
        return hanging(marker, lines)
    return Group(lines[0], hanging(marker, lines[1:]))


class NotesList(ItemList):
    """The meeting's and its items' notes, newest first, with target and local time."""

    HELP_TITLE = "Notes"

    def rows(self, meeting: Meeting, notes: MeetingNotes) -> Rows:
        labels = meeting.targets()
        rows: Rows = []
        for note in notes.newest:
            label = labels.get(note.target, note.target)
            where = "meeting" if note.target == "meeting" else label
            head = _line((local_time(note.created), "dim"), ("  on ", "dim"), (where, "bold"))
            if note.updated != note.created:
                head.append_text(_line(("  (edited ", "dim"),
                                       (local_time(note.updated), "dim"), (")", "dim")))
            # The text is rendered as Markdown, safely (tui/widgets/markdown.py).
            rows.append((hanging("✎", [head, note_body(note.text)]),
                         PaneItem(note.target, None, note_id=note.id)))
        older = notes.total - len(notes.newest)
        if older > 0:
            rows.append((Text(f"… and {older:,} older notes: / searches them all, and "
                              f"`dossier note list {meeting.id}` lists them.", style="dim"),
                         PaneItem("meeting", None, disabled=True)))
        return rows


def local_time(moment: dt.datetime) -> str:
    """A stored UTC time in the user's local time zone, to the minute."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _append_count(line: Text, count: int | None) -> Text:
    """``✎N`` after an item that has notes."""
    if count:
        line.append(f"  ✎{count}", style="italic")
    return line

