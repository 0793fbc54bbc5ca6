"""What the command palette looks up, read from the index (no TinyDB file is parsed).

Two parts, so the palette stays small at any archive size (issue 14: at 100k meetings the
palette held one line per participant and topic of every meeting, 1.76M lines built from
every parsed record, 8.8 GB):

* :func:`palette_names`, read once: every meeting's list fields (the catalog table) and the
  distinct names of people, topics, bodies and parties, one display spelling each;
* :func:`appearances`, per key: the newest meetings where one name appears (a participant
  in a meeting, a topic on an agenda item), one facet range read newest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .index import Indexed, SearchIndex, index_of, rows_at
from .query import normalize
from .rows import TOPIC_SEPARATOR

#: Facet kinds the palette names, and the field of a row that spells the name.
NAME_KINDS = ("participant", "topic", "party")


@dataclass(frozen=True, slots=True)
class MeetingLine:
    """A meeting as the palette lists it."""

    meeting_id: str
    date: str
    title: str
    location: str
    body: str


@dataclass(frozen=True, slots=True)
class PaletteNames:
    """Meetings newest first (then by id), and the distinct names of each kind, sorted
    case-insensitively."""

    meetings: tuple[MeetingLine, ...]
    people: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Appearance:
    """Where a name appears: ``target`` in meeting ``meeting_id``. ``name`` is its spelling
    there, ``detail`` the participant's party or the agenda item's title."""

    meeting_id: str
    date: dt.date
    meeting_title: str
    target: str
    name: str
    detail: str


def _spelling(kind: str, norm: str, label: str, people: str, topics: str) -> str:
    """The name as written in the row a facet value came from."""
    if kind == "participant":
        candidates = [label]
    elif kind == "topic":
        candidates = topics.split(TOPIC_SEPARATOR)
    else:  # party: a position's row holds it alone, a participant's after the name
        candidates = people.split(TOPIC_SEPARATOR)
    return next((c for c in candidates if normalize(c) == norm), norm)


def palette_names(source: SearchIndex | Indexed) -> PaletteNames:
    """Everything the palette lists before a key is typed (~0.3 s at 100k meetings)."""
    index = index_of(source)
    with index.reading() as conn:
        meetings = tuple(MeetingLine(*row) for row in conn.execute(
            "SELECT id, date, title, location, body FROM catalog ORDER BY date DESC, id"))
        names: dict[str, tuple[str, ...]] = {}
        for kind in NAME_KINDS:
            first = conn.execute("SELECT norm, min(row) FROM facet WHERE kind = ? AND "
                                 "whole = 1 GROUP BY norm", (kind,)).fetchall()
            rows = rows_at(conn, [row for _, row in first])
            spelled = [_spelling(kind, norm, rows[row][4], rows[row][9], rows[row][10])
                       for norm, row in first if row in rows]
            names[kind] = tuple(sorted(spelled, key=str.casefold))
    bodies: dict[str, str] = {}
    for meeting in meetings:
        if meeting.body:
            bodies.setdefault(normalize(meeting.body), meeting.body)
    return PaletteNames(meetings, names["participant"], names["topic"],
                        tuple(sorted(bodies.values(), key=str.casefold)), names["party"])


def appearances(source: SearchIndex | Indexed, kind: str, name: str, limit: int = 50,
                wait: float | None = None) -> list[Appearance]:
    """The newest ``limit`` places ``name`` (a participant or a topic, case and accents
    aside) appears, newest first: one range of the facet's key, read backwards.

    With ``wait`` (seconds), the index is read as it is, without a freshness check, and
    nothing is returned if it is busy for longer (the palette, per key: a build or a
    re-read of files just written must not hold a key up)."""
    norm = normalize(name)
    if kind not in ("participant", "topic") or not norm:
        return []
    index = index_of(source)
    reading = (index.reading() if wait is None else index.reading_as_is(wait))
    with reading as conn:
        if conn is None:
            return []
        found = [r[0] for r in conn.execute(
            "SELECT row FROM facet WHERE kind = ? AND norm = ? AND whole = 1 "
            "ORDER BY id DESC LIMIT ?", (kind, norm, limit))]
        rows = rows_at(conn, found)
        titles = index.meeting_titles(rows[r][2] for r in found if r in rows)
    out: list[Appearance] = []
    for rowid in found:
        row = rows.get(rowid)
        if row is None:
            continue
        _, _, meeting_id, date, label, target, _, _, title, people, topics, _ = row
        if kind == "participant":
            spelled, _, party = people.partition(TOPIC_SEPARATOR)
            out.append(Appearance(meeting_id, dt.date.fromisoformat(date),
                                  titles.get(meeting_id, ""), target, label or spelled,
                                  party))
        else:
            out.append(Appearance(meeting_id, dt.date.fromisoformat(date),
                                  titles.get(meeting_id, ""), target,
                                  _spelling("topic", norm, label, people, topics), title))
    return out
