"""The selected meeting's header: title, date (marked when inferred), place, level, tags."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from ..text import printable_line

# The record model loads with the first meeting shown, not before the first paint.
if TYPE_CHECKING:
    from dossier.store.model import Meeting


class MeetingHeader(Static):
    """Built from Text, never markup, so a title such as "[bold]" shows as written."""

    def show(self, meeting: Meeting | None) -> None:
        self.update(header_text(meeting))


def header_text(meeting: Meeting | None) -> Text:
    if meeting is None:
        return Text("No meeting selected.", style="italic")
    text = Text()
    text.append(printable_line(meeting.title), style="bold")
    text.append("\n")
    # An unknown or imprecise date as such ("unknown", "2024-05-??"), never its placeholder.
    date = meeting.date_label
    if meeting.end_date is not None and meeting.end_date != meeting.date:
        date += f" – {meeting.end_date.isoformat()}"
    text.append(date)
    if meeting.date_unsettled:
        text.append(" (to be set in review)", style="italic")
    elif meeting.date_inferred:
        text.append(" (inferred)", style="italic")
    for value in (meeting.location, meeting.body, meeting.level):
        if value:
            text.append(" · ", style="dim")
            text.append(printable_line(value))
    if meeting.status:
        text.append(" · ", style="dim")
        text.append(printable_line(meeting.status), style="italic")
    if meeting.tags:
        text.append("\n")
        text.append(printable_line(" ".join(f"#{tag}" for tag in meeting.tags)), style="dim")
    return text
