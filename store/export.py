"""Export: meetings out as JSON, NDJSON, a Markdown briefing, CSV, iCalendar or Popolo.

Every format is written to a binary stream one meeting at a time, in the store's list order
(newest first, then by id), so the same store always exports the same bytes and a JSON
export imported into an empty store exports identically.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO, Literal

import orjson

from .errors import StoreError
from .model import Meeting, Note
from .store import Store

Format = Literal["json", "ndjson", "md", "csv", "ics", "popolo"]
FORMATS: tuple[str, ...] = ("json", "ndjson", "md", "csv", "ics", "popolo")
CSV_COLUMNS = ("meeting_id", "kind", "id", "order", "title", "role", "party", "group",
               "summary", "topics")


class ExportRefused(StoreError):
    """The export cannot be made (an unknown format)."""


def meetings_to_export(store: Store, meeting_id: str | None = None) -> Iterator[Meeting]:
    if meeting_id is not None:
        yield store.get_meeting(meeting_id)
        return
    for summary in store.list_meetings():
        yield store.get_meeting(summary.id)


def export(store: Store, fmt: str, out: BinaryIO, *, meeting_id: str | None = None,
           with_notes: bool = False) -> int:
    """Write the export to ``out``; return how many meetings it holds."""
    meetings = meetings_to_export(store, meeting_id)
    notes: dict[str, list[Note]] = {}
    if with_notes and fmt == "md":
        for note in store.list_notes(meeting_id):
            notes.setdefault(note.meeting_id, []).append(note)
    writer = {"json": write_json, "ndjson": write_ndjson, "csv": write_csv, "ics": write_ics,
              "popolo": write_popolo}.get(fmt)
    if fmt == "md":
        return write_markdown(meetings, out, notes if with_notes else None)
    if writer is None:
        raise ExportRefused(f'unknown export format "{fmt}"; use one of {", ".join(FORMATS)}.')
    return writer(meetings, out)


# -- JSON and NDJSON ---------------------------------------------------------------------------


def write_json(meetings: Iterable[Meeting], out: BinaryIO) -> int:
    """A JSON array of interchange records, one indented record after another."""
    count = 0
    out.write(b"[")
    for meeting in meetings:
        out.write(b",\n" if count else b"\n")
        out.write(orjson.dumps(meeting.to_json_dict(), option=orjson.OPT_INDENT_2))
        count += 1
    out.write(b"\n]\n" if count else b"]\n")
    return count


def write_ndjson(meetings: Iterable[Meeting], out: BinaryIO) -> int:
    count = 0
    for meeting in meetings:
        out.write(orjson.dumps(meeting.to_json_dict()) + b"\n")
        count += 1
    return count


# -- Markdown ----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])", re.MULTILINE)


def md(value: object) -> str:
    """Text safe inside a Markdown paragraph: no markup, links, HTML or line breaks."""
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", " ", str(value)).replace("\n", " ")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f<>\"`\\]")


def safe_link(url: str) -> str | None:
    """``url`` as a Markdown autolink target, or None when it must be shown as plain text.

    Only ``http`` and ``https`` with a host make a link (no ``javascript:``, ``data:`` or
    ``file:``), and nothing in it can end the link or start HTML: spaces, control
    characters, quotes, backslashes and angle brackets are percent-encoded.
    """
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()),
                           url.strip())


def write_markdown(meetings: Iterable[Meeting], out: BinaryIO,
                   notes: dict[str, list[Note]] | None = None) -> int:
    count = 0
    for meeting in meetings:
        if count:
            out.write(b"\n---\n\n")
        out.write(briefing(meeting, notes.get(meeting.id, []) if notes is not None else None)
                  .encode("utf-8"))
        count += 1
    return count


def briefing(meeting: Meeting, notes: list[Note] | None = None) -> str:
    """One meeting as a Markdown briefing: a header, then a section per pane."""
    lines = [f"# {md(meeting.title)}", ""]
    when = meeting.date.isoformat() + (" (year inferred)" if meeting.date_inferred else "")
    if meeting.end_date:
        when += f" to {meeting.end_date.isoformat()}"
    facts = [("Date", when), ("Place", meeting.location), ("Body", meeting.body),
             ("Level", meeting.level), ("Status", meeting.status or ""),
             ("Tags", ", ".join(meeting.tags)), ("Record", meeting.id)]
    lines += [f"- **{label}:** {md(value)}" for label, value in facts if value]
    lines += ["", "## Agenda", ""]
    if not meeting.agenda:
        lines.append("_None recorded._")
    for item in sorted(meeting.agenda, key=lambda i: i.order):
        lines.append(f"{item.order}. **{md(item.title)}**")
        if item.summary:
            lines.append(f"   {md(item.summary)}")
        if item.topics:
            lines.append(f"   _Topics:_ {md(', '.join(item.topics))}")
        for position in item.positions:
            lines.append(f"   - _{md(position.party)}:_ {md(position.stance)}")
        lines.append("")
    lines += ["## Participants", ""]
    if not meeting.participants:
        lines.append("_None recorded._")
    for person in meeting.participants:
        detail = ", ".join(x for x in (person.role, person.party) if x)
        lines.append(f"- **{md(person.name)}**" + (f" — {md(detail)}" if detail else "")
                     + (" (group)" if person.group else ""))
    lines += ["", "## Cooperation priorities", ""]
    if not meeting.priorities:
        lines.append("_None recorded._")
    for priority in meeting.priorities:
        lines.append(f"- **{md(priority.area)}**"
                     + (f": {md(priority.description)}" if priority.description else ""))
    if meeting.references:
        lines += ["", "## References", ""]
        for ref in meeting.references:
            where = ", ".join(x for x in (ref.date.isoformat() if ref.date else "",
                                          ref.location or "") if x)
            lines.append(f"- **{md(ref.title)}**" + (f" ({md(where)})" if where else "")
                         + (f": {md(ref.note)}" if ref.note else ""))
    if meeting.outcomes:
        lines += ["", "## Outcomes", ""]
        for outcome in meeting.outcomes:
            state = "expected" if outcome.expected else "reached"
            lines.append(f"- {md(outcome.description)} _({state})_")
    if notes is not None:
        lines += ["", "## Notes", ""]
        if not notes:
            lines.append("_No notes._")
        labels = meeting.targets()
        for note in notes:
            on = "" if note.target == "meeting" else \
                f" on {md(labels.get(note.target, note.target))}"
            lines.append(f"- {note.updated.strftime('%Y-%m-%d %H:%M')}{on}: {md(note.text)}")
    for source in meeting.sources[:1]:
        lines += ["", "## Source", ""]
        about = ", ".join(x for x in (source.kind, source.issuer) if x)
        if source.title:
            lines.append(f"**{md(source.title)}**" + (f" ({md(about)})" if about else ""))
        elif about:
            lines.append(md(about))
        if source.url:
            link = safe_link(source.url)
            lines.append(f"<{link}>" if link else md(source.url))
        lines.append("")
        for paragraph in re.split(r"\n\s*\n", source.text.strip()):
            if paragraph.strip():
                lines.append("> " + md(paragraph.strip()))
                lines.append(">")
        if lines[-1] == ">":
            lines.pop()
    return "\n".join(lines).rstrip() + "\n"


# -- CSV ---------------------------------------------------------------------------------------


#: A cell starting with one of these is run as a formula by Excel, LibreOffice or Google
#: Sheets (OWASP, "CSV Injection"): ``-2+3+cmd|' /C calc'!A0`` as much as ``=1+1``.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula: text that starts like one
    gets a leading apostrophe, which spreadsheets show as text and do not evaluate. Numbers
    we write ourselves (an item's order) are never negative, so none is harmed."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return str(value)
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def write_csv(meetings: Iterable[Meeting], out: BinaryIO) -> int:
    """A row per agenda item, participant and priority, each with its meeting and kind."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for meeting in meetings:
        for item in meeting.agenda:
            writer.writerow([_cell(v) for v in (meeting.id, "agenda", item.id, item.order,
                                                item.title, "", "", "", item.summary,
                                                "; ".join(item.topics))])
        for person in meeting.participants:
            writer.writerow([_cell(v) for v in (meeting.id, "participant", person.id, "",
                                                person.name, person.role, person.party,
                                                "yes" if person.group else "no", "", "")])
        for order, priority in enumerate(meeting.priorities, start=1):
            writer.writerow([_cell(v) for v in (meeting.id, "priority", priority.id, order,
                                                priority.area, "", "", "",
                                                priority.description, "")])
        count += 1
    text.detach()
    return count


# -- iCalendar ---------------------------------------------------------------------------------


def write_ics(meetings: Iterable[Meeting], out: BinaryIO) -> int:
    """A calendar with one all-day VEVENT per meeting."""
    from icalendar import Calendar, Event

    from .. import __version__

    calendar = Calendar()
    calendar.add("prodid", f"-//meeting-dossier//dossier {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    count = 0
    for meeting in meetings:
        event = Event()
        event.add("uid", f"{meeting.id}@meeting-dossier")
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.date)
        if meeting.end_date is not None:
            if meeting.end_date < dt.date.max:
                # DTEND of an all-day event is exclusive: the day after the last day.
                event.add("dtend", meeting.end_date + dt.timedelta(days=1))
            else:  # no day after 9999-12-31: the same span as a duration
                event.add("duration", meeting.end_date - meeting.date + dt.timedelta(days=1))
        event.add("summary", ics_text(meeting.title))
        if meeting.location:
            event.add("location", ics_text(meeting.location))
        event.add("description", ics_text(_description(meeting)))
        categories = list(dict.fromkeys([ics_text(t) for t in (
            *meeting.tags, *(t for i in meeting.agenda for t in i.topics))]))
        if categories:
            event.add("categories", categories)
        if meeting.status == "draft":
            event.add("status", "TENTATIVE")
        calendar.add_component(event)
        count += 1
    out.write(calendar.to_ical())
    return count


_ICS_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def ics_text(value: str) -> str:
    """A TEXT value RFC 5545 allows: no control characters but the line break (which the
    library writes as ``\\n``); a carriage return is dropped, others become a space."""
    return _ICS_CONTROL.sub(lambda m: "" if m.group() == "\r" else " ", value)


def _description(meeting: Meeting) -> str:
    parts = [x for x in (meeting.body, meeting.level) if x]
    lines = [" — ".join(parts)] if parts else []
    if meeting.participants:
        lines.append("Participants: " + "; ".join(
            p.name + (f" ({p.role}, {p.party})" if p.role and p.party else "")
            for p in meeting.participants))
    for item in sorted(meeting.agenda, key=lambda i: i.order):
        lines.append(f"{item.order}. {item.title}")
    if meeting.priorities:
        lines.append("Priorities: " + "; ".join(p.area for p in meeting.priorities))
    return "\n".join(lines)


# -- Popolo ------------------------------------------------------------------------------------


def _org_id(name: str) -> str:
    from .extract.spans import slugify

    return f"organization/{slugify(name)}"


def popolo(meetings: Iterable[Meeting]) -> tuple[dict[str, Any], int]:
    """Popolo events, persons, organizations and memberships for these meetings.

    People are one per name across meetings; each (person, party, role) is a membership of
    the party's organization. Collective participants ("NATO foreign ministers") are not
    persons, so they appear only as their organization.
    """
    from .extract.spans import slugify

    events: list[dict[str, Any]] = []
    persons: dict[str, dict[str, Any]] = {}
    organizations: dict[str, dict[str, Any]] = {}
    memberships: dict[str, dict[str, Any]] = {}

    def organization(name: str, classification: str) -> str:
        ident = _org_id(name)
        organizations.setdefault(ident, {"id": ident, "name": name,
                                         "classification": classification})
        return ident

    count = 0
    for meeting in meetings:
        event: dict[str, Any] = {
            "id": f"event/{meeting.id}", "name": meeting.title,
            "description": _description(meeting) or None,
            "start_date": meeting.date.isoformat(),
            "end_date": meeting.end_date.isoformat() if meeting.end_date else None,
            "location": meeting.location or None, "status": meeting.status or "final",
            "classification": "meeting",
            "identifiers": [{"identifier": meeting.id, "scheme": "meeting-dossier"}],
        }
        if meeting.body:
            event["organization_id"] = organization(meeting.body, "body")
        attendees = []
        for person in meeting.participants:
            if person.party:
                party_id = organization(person.party, "party")
            if person.group:
                continue
            person_id = f"person/{slugify(person.name)}"
            persons.setdefault(person_id, {"id": person_id, "name": person.name})
            attendees.append({"id": person_id, "name": person.name})
            if person.party:
                key = f"membership/{slugify(person.name)}--{slugify(person.party)}--" \
                      f"{slugify(person.role or 'member')}"
                memberships.setdefault(key, {
                    "id": key, "person_id": person_id, "organization_id": party_id,
                    "role": person.role or None,
                    "label": ", ".join(x for x in (person.role, person.party) if x)})
        if attendees:
            event["attendees"] = attendees
        links = [{"url": s.url, "note": s.title or s.kind} for s in meeting.sources if s.url]
        if links:
            event["sources"] = links
        events.append(event)
        count += 1
    document = {"events": events, "persons": list(persons.values()),
                "organizations": list(organizations.values()),
                "memberships": list(memberships.values())}
    return document, count


def write_popolo(meetings: Iterable[Meeting], out: BinaryIO) -> int:
    document, count = popolo(meetings)
    out.write(orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n")
    return count
