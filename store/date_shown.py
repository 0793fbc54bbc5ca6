"""How sure a meeting's date is, and how the list and the review show it.

A draft records where its date came from (``date_origin``: text, published, dateline,
assumed, or set by the reviewer) and how precise it is (``date_precision``: day, month,
year or unknown, in the spirit of ACLED's time precision). A date the importer could not
establish still needs a value in the record (the field is required and sorts the list), so
it holds a placeholder; these helpers make sure that placeholder is never shown as if it
were known, and that a draft cannot become a record until it is set.

Plain functions on plain values, below the model and the summary: the list builds one
label per row and must not load pydantic to do it.
"""

from __future__ import annotations

import datetime as dt

#: What the list can say of a date, from most to least known. "no-year": the day and month
#: are the text's, the year was assumed (nothing in the text or the page gave it).
CERTAINTIES = ("day", "month", "year", "no-year", "unknown")
#: The certainties of a placeholder date (or a guessed year): review must set it.
UNSETTLED = ("no-year", "unknown")


def certainty(origin: str | None, precision: str | None) -> str:
    """One of CERTAINTIES for a record's ``date_origin`` and ``date_precision`` (None for
    both: an older or hand-written record, whose date is taken as stated)."""
    if precision == "unknown":
        return "unknown"
    if origin == "assumed":
        return "no-year" if precision in (None, "day") else "unknown"
    if precision in ("month", "year"):
        return precision
    return "day"


def unsettled(origin: str | None, precision: str | None) -> bool:
    """True while the date is a placeholder (or its year a guess): a reviewer must set it
    before the draft becomes a record."""
    return certainty(origin, precision) in UNSETTLED


def date_label(date: dt.date, level: str) -> str:
    """The date as the list and the review show it: ``2024-05-14``, ``2024-05-??``,
    ``2024-??-??``, ``????-05-14`` or ``unknown`` (never the placeholder's own day)."""
    iso = date.isoformat()
    if level == "month":
        return f"{iso[:7]}-??"
    if level == "year":
        return f"{iso[:4]}-??-??"
    if level == "no-year":
        return f"????{iso[4:]}"
    if level == "unknown":
        return "unknown"
    return iso
