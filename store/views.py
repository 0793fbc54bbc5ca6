"""Cross-meeting views: a participant's profile, a topic's or a body's timeline and a
party's positions over time.

Both are answered from the index (the facet table finds the meetings, the stored JSON gives
the details), so they cost a few lookups, not a pass over the TinyDB files. Names and topics
are matched in normalised form (case, accents and punctuation ignored): "Sergey Lavrov",
"sergey lavrov" and "Sergey LAVRÓV" are the same person.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from .errors import NotFound
from .hits import Hit
from .index import Indexed, SearchIndex, index_of, owner_join, rows_at
from .query import normalize, parse


@dataclass(frozen=True, slots=True)
class AttributedPosition:
    """A position taken by the participant's party on an agenda item."""

    agenda_id: str
    agenda_title: str
    party: str
    stance: str
    target: str
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Appearance:
    """One meeting a person attended."""

    meeting_id: str
    date: dt.date
    meeting_title: str
    participant_id: str
    name: str
    role: str
    party: str
    positions: tuple[AttributedPosition, ...] = ()
    span: tuple[int, int] | None = None

    def hit(self) -> Hit:
        """Where to jump to show this appearance: the participant in that meeting."""
        return Hit(kind="participant", meeting_id=self.meeting_id, date=self.date,
                   title=self.name, target=f"participant:{self.participant_id}",
                   snippet=", ".join(x for x in (self.role, self.party) if x),
                   span=self.span, meeting_title=self.meeting_title)


@dataclass(frozen=True, slots=True)
class ParticipantProfile:
    name: str
    appearances: tuple[Appearance, ...] = field(default_factory=tuple)

    @property
    def roles(self) -> list[str]:
        return list(dict.fromkeys(a.role for a in self.appearances if a.role))

    @property
    def parties(self) -> list[str]:
        return list(dict.fromkeys(a.party for a in self.appearances if a.party))


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One agenda item on the topic."""

    meeting_id: str
    date: dt.date
    meeting_title: str
    agenda_id: str
    agenda_title: str
    summary: str
    topics: tuple[str, ...]
    span: tuple[int, int] | None = None

    def hit(self) -> Hit:
        return Hit(kind="agenda", meeting_id=self.meeting_id, date=self.date,
                   title=self.agenda_title, target=f"agenda:{self.agenda_id}",
                   snippet=self.summary, span=self.span, meeting_title=self.meeting_title)


@dataclass(frozen=True, slots=True)
class TopicTimeline:
    topic: str
    #: Newest first (within a meeting, in agenda order).
    entries: tuple[TimelineEntry, ...] = field(default_factory=tuple)

    def by_year(self) -> list[tuple[int, list[TimelineEntry]]]:
        return by_year(self.entries)


@dataclass(frozen=True, slots=True)
class BodyMeeting:
    """One meeting of a body (a council, a summit series)."""

    meeting_id: str
    date: dt.date
    title: str
    location: str

    def hit(self) -> Hit:
        return Hit(kind="meeting", meeting_id=self.meeting_id, date=self.date,
                   title=self.title, target="meeting", snippet=self.location,
                   meeting_title=self.title)


@dataclass(frozen=True, slots=True)
class BodyTimeline:
    body: str
    #: Newest first.
    entries: tuple[BodyMeeting, ...] = field(default_factory=tuple)

    def by_year(self) -> list[tuple[int, list[BodyMeeting]]]:
        return by_year(self.entries)


class _HasDate(Protocol):
    @property
    def date(self) -> dt.date: ...


Dated = TypeVar("Dated", bound=_HasDate)


def by_year(entries: Iterable[Dated]) -> list[tuple[int, list[Dated]]]:
    """(year, entries of that year) in the entries' own order (newest first): a timeline's
    year headers and what each one counts."""
    years: dict[int, list[Dated]] = {}
    for entry in entries:
        years.setdefault(entry.date.year, []).append(entry)
    return list(years.items())


def _exact(index: SearchIndex, kind: str, value: str) -> list[tuple[str, str]]:
    """(meeting_id, target) of every facet whose whole value equals ``value`` normalised."""
    norm = normalize(value)
    if not norm:
        return []
    with index.reading() as conn:
        rows = [r[0] for r in conn.execute("SELECT DISTINCT row FROM facet WHERE kind = ? "
                                           "AND norm = ? AND whole = 1", (kind, norm))]
        found = rows_at(conn, rows)
    return list(dict.fromkeys((found[r][2], found[r][5]) for r in rows if r in found))


def _span(item: dict[str, Any]) -> tuple[int, int] | None:
    span = item.get("source_span")
    return (span[0], span[1]) if isinstance(span, list) and len(span) == 2 else None


def participant_profile(source: SearchIndex | Indexed, name: str) -> ParticipantProfile:
    """Every meeting ``name`` attended, newest first, with role, party and the positions
    attributed to that party in that meeting."""
    index = index_of(source)
    wanted = normalize(name)
    appearances: list[Appearance] = []
    display = name
    for meeting_id in sorted({mid for mid, _ in _exact(index, "participant", name)}):
        doc = index.meeting_json(meeting_id)
        if doc is None:
            continue
        for person in doc.get("participants") or ():
            if normalize(str(person.get("name", ""))) != wanted:
                continue
            display = person["name"]
            party = str(person.get("party", ""))
            appearances.append(Appearance(
                meeting_id=meeting_id, date=dt.date.fromisoformat(doc["date"]),
                meeting_title=str(doc.get("title", "")), participant_id=str(person["id"]),
                name=str(person["name"]), role=str(person.get("role", "")), party=party,
                positions=tuple(_positions_of(doc, party)), span=_span(person)))
    appearances.sort(key=lambda a: (a.date, a.meeting_id), reverse=True)
    return ParticipantProfile(display, tuple(appearances))


def _positions_of(doc: dict[str, Any], party: str) -> list[AttributedPosition]:
    wanted = normalize(party)
    if not wanted:
        return []
    found = []
    for item in doc.get("agenda") or ():
        for position in item.get("positions") or ():
            if normalize(str(position.get("party", ""))) != wanted:
                continue
            target = (f"position:{position['id']}" if position.get("id")
                      else f"agenda:{item['id']}")
            found.append(AttributedPosition(
                agenda_id=str(item["id"]), agenda_title=str(item.get("title", "")),
                party=str(position["party"]), stance=str(position.get("stance", "")),
                target=target, span=_span(position)))
    return found


def topic_timeline(source: SearchIndex | Indexed, topic: str) -> TopicTimeline:
    """Every agenda item carrying ``topic`` across meetings, newest meeting first (what
    was said lately leads, as in the other views), in agenda order within a meeting."""
    index = index_of(source)
    wanted = normalize(topic)
    by_meeting: dict[str, set[str]] = {}
    for meeting_id, target in _exact(index, "topic", topic):
        by_meeting.setdefault(meeting_id, set()).add(target.partition(":")[2])
    entries: list[tuple[int, TimelineEntry]] = []
    display = topic
    for meeting_id, agenda_ids in by_meeting.items():
        doc = index.meeting_json(meeting_id)
        if doc is None:
            continue
        for order, item in enumerate(doc.get("agenda") or ()):
            if item.get("id") not in agenda_ids:
                continue
            topics = tuple(str(t) for t in item.get("topics") or ())
            display = next((t for t in topics if normalize(t) == wanted), display)
            entries.append((order, TimelineEntry(
                meeting_id=meeting_id, date=dt.date.fromisoformat(doc["date"]),
                meeting_title=str(doc.get("title", "")), agenda_id=str(item["id"]),
                agenda_title=str(item.get("title", "")), summary=str(item.get("summary", "")),
                topics=topics, span=_span(item))))
    entries.sort(key=lambda pair: (-pair[1].date.toordinal(), pair[1].meeting_id, pair[0]))
    return TopicTimeline(display, tuple(entry for _, entry in entries))


def body_timeline(source: SearchIndex | Indexed, body: str) -> BodyTimeline:
    """Every meeting of ``body`` (case and accents aside), newest first, from the index's
    catalog alone."""
    index = index_of(source)
    norm = normalize(body)
    if not norm:
        return BodyTimeline(body)
    with index.reading() as conn:
        rows = conn.execute(
            f"SELECT DISTINCT c.id, c.date, c.title, c.location, c.body FROM facet f "
            f"{owner_join('f.id')} JOIN catalog c ON c.id = o.meeting_id WHERE "
            f"f.kind = 'body' AND f.norm = ? AND f.whole = 1 ORDER BY c.date DESC, c.id",
            (norm,)).fetchall()
    display = rows[0][4] if rows else body
    return BodyTimeline(display, tuple(
        BodyMeeting(meeting_id, dt.date.fromisoformat(date), title, location)
        for meeting_id, date, title, location, _ in rows))


@dataclass(frozen=True, slots=True)
class PartyPosition:
    """One position a party took on an agenda item, with the sentence it was read from."""

    meeting_id: str
    date: dt.date
    meeting_title: str
    agenda_id: str
    agenda_title: str
    topic: str  # the agenda item's first topic, else its title: what the view groups by
    party: str
    stance: str
    sentence: str  # the source text under ``span`` ("" when the position has none)
    target: str
    span: tuple[int, int] | None = None

    def hit(self) -> Hit:
        """Where to jump to show this position: the position in its meeting."""
        return Hit(kind="position", meeting_id=self.meeting_id, date=self.date,
                   title=f"{self.party}: {self.stance}", target=self.target,
                   snippet=self.sentence or self.stance, span=self.span,
                   meeting_title=self.meeting_title)


@dataclass(frozen=True, slots=True)
class PartyPositions:
    party: str
    #: Newest first (then meeting id, then agenda order).
    positions: tuple[PartyPosition, ...] = field(default_factory=tuple)

    @property
    def meetings(self) -> int:
        return len({p.meeting_id for p in self.positions})

    def by_topic(self) -> list[tuple[str, list[PartyPosition]]]:
        """The positions grouped by topic (case and accents aside), each group newest
        first; the group with the newest position first, so what the party said lately
        leads."""
        groups: dict[str, tuple[str, list[PartyPosition]]] = {}
        for position in self.positions:  # newest first already
            groups.setdefault(normalize(position.topic), (position.topic, []))[1].append(
                position)
        return list(groups.values())


def party_positions(source: SearchIndex | Indexed, party: str) -> PartyPositions:
    """Every position ``party`` (a state or an organisation) took, across meetings, newest
    first, each with its sentence from the meeting's source."""
    index = index_of(source)
    wanted = normalize(party)
    spellings: Counter[str] = Counter()
    found: list[tuple[int, PartyPosition]] = []
    # The "party" facet also holds participants' parties: a meeting found through one
    # alone simply has no positions to give.
    for meeting_id in sorted({mid for mid, _ in _exact(index, "party", party)}):
        doc = index.meeting_json(meeting_id)
        if doc is None:
            continue
        sources = doc.get("sources") or ()
        text = str(sources[0].get("text", "")) if sources else ""
        order = 0
        for item in doc.get("agenda") or ():
            topics = [str(t) for t in item.get("topics") or ()]
            for position in item.get("positions") or ():
                order += 1
                if normalize(str(position.get("party", ""))) != wanted:
                    continue
                spelt = str(position["party"])
                spellings[spelt] += 1
                span = _span(position)
                sentence = " ".join(text[span[0]:span[1]].split()) if span else ""
                target = (f"position:{position['id']}" if position.get("id")
                          else f"agenda:{item['id']}")
                found.append((order, PartyPosition(
                    meeting_id=meeting_id, date=dt.date.fromisoformat(doc["date"]),
                    meeting_title=str(doc.get("title", "")), agenda_id=str(item["id"]),
                    agenda_title=str(item.get("title", "")),
                    topic=topics[0] if topics else str(item.get("title", "")),
                    party=spelt, stance=str(position.get("stance", "")),
                    sentence=sentence, target=target, span=span)))
    # Newest meeting first; within a meeting, the statement's own order.
    found.sort(key=lambda pair: (-pair[1].date.toordinal(), pair[1].meeting_id, pair[0]))
    # The heading names the party as most statements spell it ("Russian Federation", not
    # one release's "RUSSIAN FEDERATION"); each position keeps its own spelling.
    display = spellings.most_common(1)[0][0] if spellings else party
    return PartyPositions(display, tuple(position for _, position in found))


#: Counting stops here: "10,000+ hits" says enough, and a count never walks a whole index.
COUNT_CAP = 10_000


def count_hits(source: SearchIndex | Indexed, query: str, cap: int = COUNT_CAP) -> int:
    """How many hits ``search`` would return with no limit, counted up to ``cap``: the rows
    holding every word (less the excluded), or for a filter-only query the meetings (or,
    with ``topic:``/``tag:``, the items) that pass the filters. Raises QueryError as
    ``search`` does. Meetings that hold the words only across rows are not counted (the
    app shows at least as many as it lists)."""
    # search's own SQL for the filters, so the count and the list agree.
    from .search import FTS_MEETING, MEETINGS_MATCHING, _conditions, search

    parsed = parse(query)
    if parsed.empty:
        return 0
    index = index_of(source)
    item_filters = [f for f in parsed.filters if f.name in ("topic", "tag") and not f.negated]
    if not parsed.terms and len(item_filters) > 1:
        return len(search(index, parsed, limit=cap))  # rare: several item filters at once
    with index.reading() as conn:
        if parsed.terms:
            where, params = _conditions(parsed, FTS_MEETING, "fts.rowid", fts_rows=True)
            sql = f"SELECT 1 FROM fts WHERE fts MATCH ? AND {where}"
            params = [parsed.match_expression(), *params]
        else:
            where, params = _conditions(parsed, "c.id", "c.date")
            exclusion = parsed.exclusion_expression()
            if exclusion is not None:
                where += f" AND c.id NOT IN ({MEETINGS_MATCHING})"
                params.append(exclusion)
            topic = [f for f in item_filters if f.name == "topic"] or item_filters
            if topic:
                low = normalize(topic[0].value)
                sql = (f"SELECT 1 FROM facet f {owner_join('f.id')} JOIN catalog c "
                       f"ON c.id = o.meeting_id WHERE "
                       f"f.kind = ? AND f.norm >= ? AND f.norm < ? AND {where} "
                       f"GROUP BY f.row")
                params = [topic[0].name, low, low + "\U0010ffff", *params]
            else:
                sql = f"SELECT 1 FROM catalog c WHERE {where}"
        (count,) = conn.execute(f"SELECT count(*) FROM ({sql} LIMIT ?)",
                                [*params, cap]).fetchone()
    return int(count)


# -- comparing two meetings of a body ----------------------------------------------------

@dataclass(frozen=True, slots=True)
class ComparedItem:
    """One agenda item, topic, participant or priority, and where it is in each meeting
    (``earlier``/``later`` are its target there, or None where it is not)."""

    label: str
    earlier: str | None
    later: str | None
    earlier_span: tuple[int, int] | None = None
    later_span: tuple[int, int] | None = None

    @property
    def change(self) -> str:
        """"new" (only in the later meeting), "dropped" (only in the earlier) or "kept"."""
        if self.earlier is None:
            return "new"
        return "dropped" if self.later is None else "kept"


@dataclass(frozen=True, slots=True)
class ComparedMeeting:
    meeting_id: str
    date: dt.date
    title: str


@dataclass(frozen=True, slots=True)
class MeetingComparison:
    """Two meetings of one body side by side: per section, what is new, what dropped."""

    earlier: ComparedMeeting
    later: ComparedMeeting
    #: (section name, its items: the new ones, the dropped, then the kept).
    sections: tuple[tuple[str, tuple[ComparedItem, ...]], ...] = ()

    def counts(self, section: str) -> Counter[str]:
        items = dict(self.sections).get(section, ())
        return Counter(item.change for item in items)


#: The sections compared, and how each item is named and keyed in a meeting's JSON.
COMPARED_SECTIONS = ("Agenda", "Topics", "Participants", "Priorities")


def previous_meeting(source: SearchIndex | Indexed, meeting_id: str) -> str | None:
    """The meeting of the same body just before ``meeting_id`` (by date), or None."""
    index = index_of(source)
    doc = index.meeting_json(meeting_id)
    body = str(doc.get("body") or "") if doc is not None else ""
    if not body:
        return None
    ids = [entry.meeting_id for entry in body_timeline(index, body).entries]  # newest first
    if meeting_id not in ids:
        return None
    position = ids.index(meeting_id)
    return ids[position + 1] if position + 1 < len(ids) else None


def _section_items(doc: dict[str, Any], section: str
                   ) -> list[tuple[str, str, str, tuple[int, int] | None]]:
    """(key, label, target, span) of each item of ``section`` in a meeting's JSON; the key
    is the label normalised, so case, accents and punctuation do not make a change."""
    found: list[tuple[str, str, str, tuple[int, int] | None]] = []
    if section == "Agenda":
        for item in doc.get("agenda") or ():
            label = str(item.get("title", ""))
            found.append((normalize(label), label, f"agenda:{item.get('id')}", _span(item)))
    elif section == "Topics":
        for item in doc.get("agenda") or ():
            for topic in item.get("topics") or ():
                found.append((normalize(str(topic)), str(topic), f"agenda:{item.get('id')}",
                              _span(item)))
    elif section == "Participants":
        for person in doc.get("participants") or ():
            label = str(person.get("name", ""))
            found.append((normalize(label), label, f"participant:{person.get('id')}",
                          _span(person)))
    elif section == "Priorities":
        for priority in doc.get("priorities") or ():
            label = str(priority.get("area", ""))
            found.append((normalize(label), label, f"priority:{priority.get('id')}",
                          _span(priority)))
    return [entry for entry in found if entry[0]]


def _compare_section(earlier: dict[str, Any], later: dict[str, Any],
                     section: str) -> tuple[ComparedItem, ...]:
    before: dict[str, tuple[str, str, tuple[int, int] | None]] = {}
    for key, label, target, span in _section_items(earlier, section):
        before.setdefault(key, (label, target, span))
    items: list[ComparedItem] = []
    seen: set[str] = set()
    for key, label, target, span in _section_items(later, section):
        if key in seen:
            continue  # a topic on two agenda items is one topic
        seen.add(key)
        old = before.get(key)
        items.append(ComparedItem(label, old[1] if old else None, target,
                                  old[2] if old else None, span))
    items += [ComparedItem(label, target, None, span, None)
              for key, (label, target, span) in before.items() if key not in seen]
    # The changes lead (what is new, then what dropped), the items kept follow; each
    # group in its meeting's order (sorted is stable).
    rank = {"new": 0, "dropped": 1, "kept": 2}
    return tuple(sorted(items, key=lambda item: rank[item.change]))


def compare_meetings(source: SearchIndex | Indexed, earlier_id: str,
                     later_id: str) -> MeetingComparison:
    """``earlier_id`` and ``later_id`` side by side: agenda items (by title), topics,
    participants (by name) and priorities (by area), each new, dropped or kept. The two
    are put in date order whichever way they are given."""
    index = index_of(source)
    docs = []
    for meeting_id in (earlier_id, later_id):
        doc = index.meeting_json(meeting_id)
        if doc is None:
            raise NotFound(f"no meeting {meeting_id}")
        docs.append(doc)
    docs.sort(key=lambda doc: (str(doc["date"]), str(doc["id"])))
    earlier, later = docs

    def summary(doc: dict[str, Any]) -> ComparedMeeting:
        return ComparedMeeting(str(doc["id"]), dt.date.fromisoformat(doc["date"]),
                               str(doc.get("title", "")))

    return MeetingComparison(summary(earlier), summary(later), tuple(
        (section, _compare_section(earlier, later, section)) for section in COMPARED_SECTIONS))
