"""Export: meetings out as JSON, NDJSON, a Markdown briefing, CSV, iCalendar, Atom, SQLite or
Popolo (docs/export.md).

Every format is written to a binary stream one meeting at a time, in the store's list order
(newest first, then by id), so the same store always exports the same bytes and a JSON
export imported into an empty store exports identically.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, BinaryIO, Literal

import orjson

from .errors import StoreError
from .model import Meeting, Note
from .store import Store

Format = Literal["json", "ndjson", "md", "csv", "ics", "atom", "sqlite", "popolo"]
FORMATS: tuple[str, ...] = ("json", "ndjson", "md", "csv", "ics", "atom", "sqlite", "popolo")
#: One table for every kind of row. The first ten are those of earlier versions, in their
#: places; a column a kind does not use is empty. ``title`` is the row's own name (the
#: meeting's title, an item's title, a person's name, a priority's area, an outcome);
#: ``summary`` its text (an item's summary, a position's stance, a priority's description,
#: a reference's note); ``date`` and ``meeting_title`` are the meeting's, on every row.
CSV_COLUMNS = ("meeting_id", "kind", "id", "order", "title", "role", "party", "group",
               "summary", "topics", "date", "meeting_title", "body", "place", "level",
               "status", "tags", "participants", "end_date", "parent_id", "item_date",
               "expected", "url")


class ExportRefused(StoreError):
    """The export cannot be made (an unknown format)."""


def meetings_to_export(store: Store, meeting_id: str | None = None,
                       meeting_ids: Sequence[str] | None = None) -> Iterator[Meeting]:
    if meeting_id is not None:
        yield store.get_meeting(meeting_id)
        return
    if meeting_ids is not None:  # the app's filtered list, in the order it shows them
        for listed in meeting_ids:
            yield store.get_meeting(listed)
        return
    for summary in store.list_meetings():
        yield store.get_meeting(summary.id)


def export(store: Store, fmt: str, out: BinaryIO, *, meeting_id: str | None = None,
           with_notes: bool = False, meeting_ids: Sequence[str] | None = None) -> int:
    """Write the export to ``out``; return how many meetings it holds. ``meeting_ids``
    (the meetings the app's filter shows) exports those alone."""
    meetings = meetings_to_export(store, meeting_id, meeting_ids)
    notes: dict[str, list[Note]] = {}
    if with_notes and fmt == "md":
        for note in store.list_notes(meeting_id):
            notes.setdefault(note.meeting_id, []).append(note)
    if fmt == "sqlite":
        notes_list = store.list_notes(meeting_id) if with_notes else []
        return write_sqlite(meetings, out, notes_list)
    writer = {"json": write_json, "ndjson": write_ndjson, "csv": write_csv, "ics": write_ics,
              "atom": write_atom, "popolo": write_popolo}.get(fmt)
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


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar: a JSON string is one, once every control character is
    escaped (orjson escapes them; YAML reads ``\\uXXXX``), so no value can end the front
    matter or start a YAML construct."""
    return orjson.dumps(re.sub(r"[\x7f-\x9f]", " ", value)).decode("utf-8")


def front_matter(title: str, date: dt.date | None) -> str:
    """The YAML metadata block pandoc reads for a titled document."""
    dated = f"date: {date.isoformat()}\n" if date else ""
    return f"---\ntitle: {yaml_string(title)}\n{dated}---\n\n"


def write_markdown(meetings: Iterable[Meeting], out: BinaryIO,
                   notes: dict[str, list[Note]] | None = None) -> int:
    """A briefing document: YAML front matter (title and date, for pandoc), then each
    meeting, newest first, separated by a rule. One meeting titles the document; several
    make a "Meetings briefing" dated by the newest."""
    pending = iter(meetings)
    first = next(pending, None)
    second = next(pending, None)
    if first is None:
        out.write(front_matter("Meetings briefing", None).encode("utf-8")
                  + b"_No meetings._\n")
        return 0
    title = first.title if second is None else "Meetings briefing"
    out.write(front_matter(title, first.date).encode("utf-8"))
    count = 0
    for meeting in (m for m in (first, second, *pending) if m is not None):
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
        # Title, summary, topics and positions as blocks of their own inside the list item
        # (a blank line and the item's indent between them): without the blank lines
        # Markdown runs them into one paragraph.
        lines += [f"{item.order}. **{md(item.title)}**", ""]
        if item.summary:
            lines += [f"   {md(item.summary)}", ""]
        if item.topics:
            lines += [f"   _Topics:_ {md(', '.join(item.topics))}", ""]
        for position in item.positions:
            lines.append(f"   - _{md(position.party)}:_ {md(position.stance)}")
        if item.positions:
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
                f" — on {md(labels.get(note.target, note.target))}"
            # A note is the user's own Markdown: kept as written, under a heading of its
            # own, so its emphasis, lists and links render (only its control characters go).
            text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", " ", note.text.strip())
            lines += [f"### {note.updated.strftime('%Y-%m-%d %H:%M')}{on}", "", text, ""]
        if notes:
            lines.pop()
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


def _joined(values: Iterable[str]) -> str:
    return "; ".join(values)


def csv_rows(meeting: Meeting) -> Iterator[tuple[object, ...]]:
    """The rows of one meeting, in CSV_COLUMNS order: the meeting itself, then its items."""
    first_url = next((s.url for s in meeting.sources if s.url), "")
    # Every row carries the meeting's id, date and title, so a filtered or sorted sheet
    # still says which meeting a row belongs to.
    key = {"meeting_id": meeting.id, "date": meeting.date.isoformat(),
           "meeting_title": meeting.title}

    def row(kind: str, **cells: object) -> tuple[object, ...]:
        values = {**key, "kind": kind, **cells}
        return tuple(values.get(column, "") for column in CSV_COLUMNS)

    yield row("meeting", id=meeting.id, title=meeting.title, body=meeting.body,
              place=meeting.location, level=meeting.level, status=meeting.status or "",
              tags=_joined(meeting.tags), end_date=meeting.end_date.isoformat()
              if meeting.end_date else "",
              participants=_joined(p.name for p in meeting.participants), url=first_url)
    for item in sorted(meeting.agenda, key=lambda i: i.order):
        yield row("agenda", id=item.id, order=item.order, title=item.title,
                  summary=item.summary, topics=_joined(item.topics))
        for number, position in enumerate(item.positions, start=1):
            yield row("position", id=position.id or "", parent_id=item.id, order=number,
                      title=item.title, party=position.party, summary=position.stance)
    for person in meeting.participants:
        yield row("participant", id=person.id, title=person.name, role=person.role,
                  party=person.party, group="yes" if person.group else "no")
    for number, priority in enumerate(meeting.priorities, start=1):
        yield row("priority", id=priority.id, order=number, title=priority.area,
                  summary=priority.description)
    for number, ref in enumerate(meeting.references, start=1):
        yield row("reference", id=ref.id, order=number, title=ref.title,
                  item_date=ref.date.isoformat() if ref.date else "",
                  place=ref.location or "", summary=ref.note)
    for number, outcome in enumerate(meeting.outcomes, start=1):
        yield row("outcome", id=outcome.id, order=number, title=outcome.description,
                  expected="yes" if outcome.expected else "no")


def write_csv(meetings: Iterable[Meeting], out: BinaryIO) -> int:
    """One table, a row per meeting and per item (agenda item, position, participant,
    priority, reference, outcome), told apart by ``kind``; every row has every column."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for meeting in meetings:
        writer.writerows([_cell(v) for v in values] for values in csv_rows(meeting))
        count += 1
    text.detach()
    return count


# -- iCalendar ---------------------------------------------------------------------------------


#: The calendar's name (RFC 7986 NAME, and X-WR-CALNAME, which more clients read).
CALENDAR_NAME = "Meetings (meeting-dossier)"


def record_stamp(meeting: Meeting) -> dt.datetime:
    """When the record says the meeting was documented: its source's date, else the
    meeting's own (midnight UTC). Never the clock, so an export is the same bytes each time
    (DTSTAMP in iCalendar, <updated> in Atom)."""
    day = next((s.date for s in meeting.sources if s.date), None) or meeting.date
    return dt.datetime.combine(day, dt.time(0), tzinfo=dt.timezone.utc)


def write_ics(meetings: Iterable[Meeting], out: BinaryIO) -> int:
    """A calendar with one all-day VEVENT per meeting; the same store gives the same bytes."""
    from icalendar import Calendar, Event

    from .. import __version__

    calendar = Calendar()
    calendar.add("prodid", f"-//meeting-dossier//dossier {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", CALENDAR_NAME)
    calendar.add("x-wr-calname", CALENDAR_NAME)
    count = 0
    for meeting in meetings:
        event = Event()
        event.add("uid", f"{meeting.id}@meeting-dossier")
        event.add("dtstamp", record_stamp(meeting))
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
        url = next((link for link in (safe_link(s.url) for s in meeting.sources if s.url)
                    if link), None)
        if url:
            event.add("url", url)
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


# -- SQLite ----------------------------------------------------------------------------------

#: The database `--format sqlite` writes: a table per kind of record, each keyed by the
#: meeting (a foreign key), and full-text tables over meetings and agenda items in the form
#: Datasette and sqlite-utils recognise (``<table>_fts``, external content).
SQLITE_SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE meetings (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, date TEXT NOT NULL, end_date TEXT,
    date_inferred INTEGER NOT NULL, body TEXT, level TEXT, location TEXT, status TEXT,
    tags TEXT, source_url TEXT, source_text TEXT);
CREATE INDEX meetings_date ON meetings(date);
CREATE TABLE participants (
    meeting_id TEXT NOT NULL REFERENCES meetings(id), id TEXT NOT NULL, name TEXT NOT NULL,
    role TEXT, party TEXT, is_group INTEGER NOT NULL, PRIMARY KEY (meeting_id, id));
CREATE TABLE agenda_items (
    meeting_id TEXT NOT NULL REFERENCES meetings(id), id TEXT NOT NULL,
    "order" INTEGER NOT NULL, title TEXT NOT NULL, summary TEXT, topics TEXT,
    PRIMARY KEY (meeting_id, id));
CREATE TABLE positions (
    meeting_id TEXT NOT NULL REFERENCES meetings(id), agenda_item_id TEXT NOT NULL,
    number INTEGER NOT NULL, id TEXT, party TEXT NOT NULL, stance TEXT NOT NULL,
    PRIMARY KEY (meeting_id, agenda_item_id, number),
    FOREIGN KEY (meeting_id, agenda_item_id) REFERENCES agenda_items(meeting_id, id));
CREATE TABLE priorities (
    meeting_id TEXT NOT NULL REFERENCES meetings(id), id TEXT NOT NULL,
    number INTEGER NOT NULL, area TEXT NOT NULL, description TEXT,
    PRIMARY KEY (meeting_id, id));
CREATE TABLE "references" (
    meeting_id TEXT NOT NULL REFERENCES meetings(id), id TEXT NOT NULL, title TEXT NOT NULL,
    date TEXT, location TEXT, note TEXT, PRIMARY KEY (meeting_id, id));
CREATE TABLE outcomes (
    meeting_id TEXT NOT NULL REFERENCES meetings(id), id TEXT NOT NULL,
    description TEXT NOT NULL, expected INTEGER NOT NULL, PRIMARY KEY (meeting_id, id));
CREATE TABLE sources (
    meeting_id TEXT NOT NULL REFERENCES meetings(id), id TEXT NOT NULL, issuer TEXT,
    kind TEXT, title TEXT, date TEXT, url TEXT, language TEXT, text TEXT,
    PRIMARY KEY (meeting_id, id));
CREATE TABLE notes (
    id TEXT PRIMARY KEY, meeting_id TEXT NOT NULL REFERENCES meetings(id),
    target TEXT NOT NULL, text TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL,
    tags TEXT);
CREATE VIRTUAL TABLE meetings_fts USING fts5(
    title, body, location, source_text, content='meetings', content_rowid='rowid');
CREATE VIRTUAL TABLE agenda_items_fts USING fts5(
    title, summary, topics, content='agenda_items', content_rowid='rowid');
"""


def _json_list(values: Iterable[str]) -> str:
    return orjson.dumps(list(values)).decode("utf-8")


def write_sqlite(meetings: Iterable[Meeting], out: BinaryIO,
                 notes: Iterable[Note] = ()) -> int:
    """A SQLite database of the meetings (and the notes given), written to ``out``.

    SQLite needs a file it can seek in, so the database is built in a private temporary
    folder and then copied to ``out`` (a file, or stdout redirected to one). Lists (tags,
    topics) are JSON arrays, which Datasette shows as such; dates are ISO text.
    """
    import shutil
    import sqlite3
    import tempfile

    with tempfile.TemporaryDirectory(prefix="dossier-export-") as folder:
        path = f"{folder}/export.sqlite"
        conn = sqlite3.connect(path)
        try:
            count = _fill_sqlite(conn, meetings, notes)
            conn.commit()
            conn.execute("VACUUM")
        finally:
            conn.close()
        with open(path, "rb") as database:
            shutil.copyfileobj(database, out)
    return count


def _fill_sqlite(conn: Any, meetings: Iterable[Meeting], notes: Iterable[Note]) -> int:
    conn.executescript(SQLITE_SCHEMA)
    count = 0
    for m in meetings:
        source = m.sources[0] if m.sources else None
        conn.execute(
            "INSERT INTO meetings VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (m.id, m.title, m.date.isoformat(), m.end_date.isoformat() if m.end_date else None,
             int(m.date_inferred), m.body, m.level, m.location, m.status, _json_list(m.tags),
             next((s.url for s in m.sources if s.url), None),
             source.text if source else None))
        conn.executemany("INSERT INTO participants VALUES (?,?,?,?,?,?)", [
            (m.id, p.id, p.name, p.role, p.party, int(p.group)) for p in m.participants])
        conn.executemany("INSERT INTO agenda_items VALUES (?,?,?,?,?,?)", [
            (m.id, i.id, i.order, i.title, i.summary, _json_list(i.topics))
            for i in m.agenda])
        conn.executemany("INSERT INTO positions VALUES (?,?,?,?,?,?)", [
            (m.id, i.id, n, pos.id, pos.party, pos.stance)
            for i in m.agenda for n, pos in enumerate(i.positions, start=1)])
        conn.executemany("INSERT INTO priorities VALUES (?,?,?,?,?)", [
            (m.id, p.id, n, p.area, p.description)
            for n, p in enumerate(m.priorities, start=1)])
        conn.executemany('INSERT INTO "references" VALUES (?,?,?,?,?,?)', [
            (m.id, r.id, r.title, r.date.isoformat() if r.date else None, r.location, r.note)
            for r in m.references])
        conn.executemany("INSERT INTO outcomes VALUES (?,?,?,?)", [
            (m.id, o.id, o.description, int(o.expected)) for o in m.outcomes])
        conn.executemany("INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?)", [
            (m.id, s.id, s.issuer, s.kind, s.title, s.date.isoformat() if s.date else None,
             s.url, s.language, s.text) for s in m.sources])
        count += 1
    conn.executemany("INSERT INTO notes VALUES (?,?,?,?,?,?,?)", [
        (n.id, n.meeting_id, n.target, n.text, n.created.isoformat(), n.updated.isoformat(),
         _json_list(n.tags)) for n in notes])
    for table in ("meetings_fts", "agenda_items_fts"):
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
    return count


# -- Atom ------------------------------------------------------------------------------------

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_ID = "urn:meeting-dossier:meetings"
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: str) -> str:
    """Text XML 1.0 can hold: the characters it forbids (most C0 controls) become spaces."""
    return _XML_UNSAFE.sub(" ", value)


def write_atom(meetings: Iterable[Meeting], out: BinaryIO) -> int:
    """An Atom 1.0 feed (RFC 4287) of the meetings, newest first: one entry per meeting with
    its source link, its description as the summary, and its tags and topics as
    categories. Dates come from the records (see record_stamp), so the feed is the same
    bytes for the same store."""
    from xml.etree import ElementTree as ET

    def sub(parent: ET.Element, tag: str, text: str | None = None,
            **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, tag, {k: _xml_text(v) for k, v in attributes.items()})
        if text is not None:
            element.text = _xml_text(text)
        return element

    feed = ET.Element("feed", {"xmlns": ATOM_NS})
    sub(feed, "id", FEED_ID)
    sub(feed, "title", CALENDAR_NAME)
    sub(sub(feed, "author"), "name", "meeting-dossier")
    sub(feed, "generator", "meeting-dossier")
    feed_updated = sub(feed, "updated")
    newest: dt.datetime | None = None
    count = 0
    for meeting in meetings:
        stamp = record_stamp(meeting)
        newest = stamp if newest is None else max(newest, stamp)
        entry = sub(feed, "entry")
        sub(entry, "id", f"urn:meeting-dossier:meeting:{meeting.id}")
        sub(entry, "title", meeting.title)
        sub(entry, "published", dt.datetime.combine(meeting.date, dt.time(0),
                                                    tzinfo=dt.timezone.utc).isoformat())
        sub(entry, "updated", stamp.isoformat())
        issuer = next((s.issuer for s in meeting.sources if s.issuer), "")
        if issuer or meeting.body:
            sub(sub(entry, "author"), "name", issuer or meeting.body)
        for source in meeting.sources:
            link = safe_link(source.url) if source.url else None
            if link:
                sub(entry, "link", rel="alternate", href=link,
                    **({"title": source.title} if source.title else {}))
        where = ", ".join(x for x in (meeting.location, meeting.date.isoformat()) if x)
        sub(entry, "summary", f"{where}\n{_description(meeting)}".strip(), type="text")
        for term in dict.fromkeys([*meeting.tags, *(t for i in meeting.agenda
                                                    for t in i.topics)]):
            sub(entry, "category", term=term)
        count += 1
    feed_updated.text = (newest or dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)).isoformat()
    ET.indent(feed)
    out.write(b'<?xml version="1.0" encoding="utf-8"?>\n')
    out.write(ET.tostring(feed, encoding="utf-8", xml_declaration=False) + b"\n")
    return count


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
    from .extract.spans import person_key, slugify, surname_only_matches

    events: list[dict[str, Any]] = []
    persons: dict[str, dict[str, Any]] = {}
    person_ids: dict[str, str] = {}  # person_key -> the person's id
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
            # One person, one id however the statements spell them ("Sergei"/"Sergey
            # Lavrov", "Сергей Лавров"): the first spelling met names the id.
            person_id = person_ids.setdefault(person_key(person.name),
                                              f"person/{slugify(person.name)}")
            persons.setdefault(person_id, {"id": person_id, "name": person.name})
            attendees.append({"id": person_id, "name": person.name})
            if person.party:
                key = f"membership/{person_id.removeprefix('person/')}--{slugify(person.party)}--" \
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
    # "Putin" alone is "Vladimir Putin" when the export has exactly one such person.
    same = surname_only_matches({ident: p["name"] for ident, p in persons.items()})
    for event in events:
        for attendee in event.get("attendees", ()):
            attendee["id"] = same.get(attendee["id"], attendee["id"])
    for membership in memberships.values():
        membership["person_id"] = same.get(membership["person_id"], membership["person_id"])
    document = {"events": events,
                "persons": [p for ident, p in persons.items() if ident not in same],
                "organizations": list(organizations.values()),
                "memberships": list(memberships.values())}
    return document, count


def write_popolo(meetings: Iterable[Meeting], out: BinaryIO) -> int:
    document, count = popolo(meetings)
    out.write(orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n")
    return count
