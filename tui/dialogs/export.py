"""Choose the format to export the current meeting, or the meetings the list shows, in."""

from __future__ import annotations

from dossier.store.export import FORMATS

from ..text import printable_line
from .pick import PickScreen

#: What each format is, in the dialog (the keys are store.export's FORMATS).
FORMAT_NOTES: dict[str, str] = {
    "json": "JSON, the records as stored",
    "ndjson": "NDJSON, one record a line",
    "md": "Markdown briefing",
    "csv": "CSV, a row per item (spreadsheets)",
    "ics": "iCalendar (calendars)",
    "atom": "Atom feed",
    "sqlite": "SQLite database",
    "popolo": "Popolo JSON (events, people, organisations)",
}

#: The file name's ending for each format.
SUFFIXES: dict[str, str] = {"json": ".json", "ndjson": ".ndjson", "md": ".md",
                            "csv": ".csv", "ics": ".ics", "atom": ".atom.xml",
                            "sqlite": ".sqlite", "popolo": ".popolo.json"}


class ExportScreen(PickScreen):
    """The pick dialog, offering every export format; dismisses with the format's key
    (store.export's FORMATS) or None on escape. What is exported the caller knows."""

    HELP_TITLE = "Export"

    def __init__(self, what: str, initial: str = "md") -> None:
        # ``what`` quotes a title from the data: one line, shown literally by PickScreen.
        super().__init__(f"Export {printable_line(what)} as…",
                         [(fmt, f"{fmt:<7} {FORMAT_NOTES.get(fmt, fmt)}") for fmt in FORMATS],
                         initial)
