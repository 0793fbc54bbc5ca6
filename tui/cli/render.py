"""Human-readable rendering of a meeting for `dossier show` (Rich, data never markup)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from dossier.store.model import Meeting, Note

from ..text import literal, printable


def _heading(label: str) -> Text:
    return Text(label, style="bold underline")


#: How many notes `show` prints (newest first); `note list` prints them all.
SHOWN_NOTES = 20


def render_meeting(meeting: Meeting, notes: list[Note]) -> RenderableType:
    parts: list[RenderableType] = []
    header = Text()
    header.append(printable(meeting.title), style="bold")
    header.append("\n")
    # The date as far as it is known (2024-05-??, unknown), never a draft's placeholder day.
    date = meeting.date_label
    if meeting.end_date and not meeting.date_unsettled:
        date += f" – {meeting.end_date.isoformat()}"
    header.append(date)
    if meeting.date_unsettled:
        header.append(" (to be set in review)", style="italic")
    elif meeting.date_inferred:
        header.append(" (year inferred)", style="italic")
    for value in (meeting.location, meeting.body, meeting.level):
        if value:
            header.append(" · ")
            header.append(printable(value))
    if meeting.status:
        header.append(f" · {meeting.status}", style="yellow")
    parts.append(header)

    if meeting.agenda:
        parts.append(_heading("\nAgenda"))
        for item in sorted(meeting.agenda, key=lambda i: i.order):
            line = Text(f"{item.order}. ", style="bold")
            line.append(printable(item.title), style="bold")
            if item.topics:
                line.append("  [")
                line.append(printable(", ".join(item.topics)), style="cyan")
                line.append("]")
            parts.append(line)
            if item.summary:
                parts.append(Text("   " + printable(item.summary)))
            for position in item.positions:
                text = Text("   ▸ ")
                text.append(printable(position.party), style="magenta")
                text.append(": " + printable(position.stance))
                parts.append(text)
    if meeting.participants:
        parts.append(_heading("\nParticipants"))
        table = Table(box=None, show_header=True, pad_edge=False)
        for column in ("name", "role", "party", ""):
            table.add_column(column, overflow="fold")
        for p in meeting.participants:
            table.add_row(literal(p.name), literal(p.role), literal(p.party),
                          "collective" if p.group else "")
        parts.append(table)
    if meeting.priorities:
        parts.append(_heading("\nCooperation priorities"))
        for priority in meeting.priorities:
            line = Text("• ")
            line.append(printable(priority.area), style="bold")
            if priority.description:
                line.append(" — " + printable(priority.description))
            parts.append(line)
    if meeting.references:
        parts.append(_heading("\nReferences"))
        for ref in meeting.references:
            line = Text("• ")
            line.append(printable(ref.title), style="bold")
            where = ", ".join(x for x in (ref.date.isoformat() if ref.date else "",
                                          ref.location or "") if x)
            if where:
                line.append(f" ({printable(where)})")
            if ref.note:
                line.append(" — " + printable(ref.note))
            parts.append(line)
    if meeting.outcomes:
        parts.append(_heading("\nOutcomes"))
        for outcome in meeting.outcomes:
            line = Text("• ")
            line.append(printable(outcome.description))
            line.append(" (expected)" if outcome.expected else " (reached)", style="dim")
            parts.append(line)
    if notes:
        parts.append(_heading(f"\nNotes ({len(notes):,})"))
        # The newest few: 50,000 notes drawn by Rich took 18 s and no one reads them here.
        for note in notes[:SHOWN_NOTES]:
            line = Text(f"{note.id} ", style="dim")
            line.append(f"[{printable(note.target)}] ", style="dim")
            line.append(note.updated.astimezone().strftime("%Y-%m-%d %H:%M"), style="dim")
            parts.append(line)
            parts.append(Text("  " + printable(note.text)))
        if len(notes) > SHOWN_NOTES:
            parts.append(Text(f"… and {len(notes) - SHOWN_NOTES:,} older notes: "
                              f"`dossier note list {meeting.id}` lists them all.", style="dim"))
    for source in meeting.sources:
        title = Text(printable(source.title or source.kind or "Source"))
        subtitle = Text(printable(", ".join(x for x in (source.issuer, source.kind) if x)))
        parts.append(Text(""))
        parts.append(Panel(literal(source.text.strip()), title=title, subtitle=subtitle,
                           title_align="left", subtitle_align="left"))
    return Group(*parts)
