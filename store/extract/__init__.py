"""From a press statement to a draft meeting record, every field tied to its sentence.

The pipeline is rules over a gazetteer, no trained model: cut the text into sentences
(:mod:`.spans`), find dates (:mod:`.dates`), states, places and organisations
(:mod:`.gazetteer`), then the meeting's body, level and place (:mod:`.meeting`), its
participants, agenda, priorities, references, outcomes and positions. Everything found
carries the ``[start, end)`` span of the text it was read from, and the statement itself
becomes the record's first source, so a reviewer can check each field against its sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import (
    AgendaItem,
    Meeting,
    Outcome,
    Participant,
    Position,
    Priority,
    Reference,
    Source,
)
from .agenda import FoundItem, TopicFinder, find_items
from .dates import (
    DateMention,
    RelativeMention,
    closest_year,
    find_dates,
    find_relative_dates,
    infer_year,
    standalone_years,
)
from .gazetteer import CITY, REGION, gazetteer
from .meeting import (
    find_body,
    find_level,
    find_location,
    meeting_mode,
    meeting_status,
    source_issuer,
    source_kind,
)
from .outcomes import find_outcomes
from .participants import ParticipantFinder
from .positions import PositionFinder
from .priorities import find_priorities
from .references import find_references
from .spans import Document, Span, clean_phrase, slugify, split, unique_slug

__all__ = ["Extraction", "extract", "extract_meeting"]

_MEETING_WORDS = re.compile(
    r"\b(?:session|meeting|summit|talks|conference|visit|consultations|forum|ministerial"
    r"|negotiations|held|hold|take\s+place|took\s+place|meet|met|participate[sd]?|attend"
    r"|convene|led|delegation|trip|travell?ed|welcom|host)", re.IGNORECASE)
# Agency datelines: "OSLO, May 14 (Agency) –", "Oslo [Norway], May 14 (Agency/Other):".
_AGENCY_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'-]*(?:\s*\[[^\]\n]{1,40}\])?,\s*[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?"
    r"\s*\([^)\n]{1,40}\)\s*[:–—-]")
_DATE_LINE = re.compile(r"^\s*(?:date|dated|published)\s*:?\s+(?P<date>\d{4}-\d\d-\d\d|\d{1,2}\s+"
                        r"[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\s+\d{1,2},?\s+\d{4})\s*$",
                        re.IGNORECASE | re.MULTILINE)
_HEADING_AUTHOR = re.compile(
    r"#*\s*(?:Joint\s+)?(?:Statement|Remarks|Comments?|Readout|Press\s+Release|Briefing|Note)"
    r"\s+(?:by|from)\s+[^\n]*?(?=\s+(?:on|regarding|about|concerning|ahead\s+of|after)\s)",
    re.IGNORECASE)
_NOT_MEETING_DATE = re.compile(
    r"\b(?:since|until|till|by|before|of|dated|from|after)\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass
class Extraction:
    """A draft meeting and what the extractor could not establish."""

    meeting: Meeting
    warnings: list[str] = field(default_factory=list)
    #: Where the meeting's date came from: "text" (a full date in the statement),
    #: "published" (the page's date, given or resolving "today"/a weekday/a missing year),
    #: "dateline" (the statement's own dateline) or "assumed" (nothing: a placeholder).
    date_origin: str = "text"
    #: How precise the date is: "day", "month", "year" or "unknown" (ACLED-style).
    date_precision: str = "day"
    #: How the parties met: "in person", "call" or "video".
    mode: str = "in person"
    #: "announced" (a meeting to come) or "held" (a report).
    status: str = "held"


def extract_meeting(text: str, **options: object) -> Meeting:
    return extract(text, **options).meeting  # type: ignore[arg-type]


def extract(text: str, *, year: int | None = None, published: dt.date | None = None,
            taken_ids: Iterable[str] = (), today: dt.date | None = None) -> Extraction:
    """Build a draft :class:`Meeting` (``status="draft"``) from a statement's text.

    ``published`` is the page's date: "today", weekdays and dates without a year are read
    against it, and it dates a report that names no day. ``year`` only fills a missing year.
    """
    if published is not None and year is None:
        year = published.year
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    warnings: list[str] = []
    gaz = gazetteer()
    doc = split(text)
    # A Markdown statement's "# Title" is a heading like any other.
    heading = re.sub(r"^#+\s*", "", doc.heading.text) if doc.heading else ""
    mentions = gaz.mentions(text)
    dates = find_dates(text)

    issuer = source_issuer(heading, text)
    kind = source_kind(heading, text)
    issuer_party = next((m.name for m in gaz.mentions(issuer) if m.kind not in (CITY, REGION)),
                        "")

    outcomes = find_outcomes(doc)
    references = find_references(doc, gaz, dates, [o.span for o in outcomes if o.expected])
    reference_spans = [r.span for r in references if r.date is not None or r.location]

    # -- date ---------------------------------------------------------------------------
    relative = find_relative_dates(text)
    date_mention, dateline = _meeting_date(doc, dates, reference_spans)
    source_spans: dict[str, Span] = {}
    # The page's own date: what the user tells us, else a dateline's full date. It is when
    # the text was published, which is the meeting's day only when nothing else says so.
    page_date = published or _dateline_date(dateline, year)
    date_origin = "text"
    precision = "day"
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    year_guessed = False  # the year comes from other years the text names
    relative_choice = _relative_meeting_date(doc, relative, reference_spans, date_mention,
                                             dateline) if page_date else None
    if relative_choice is not None:
        assert page_date is not None
        sentence = doc.sentence_at(relative_choice.start)
        start_date = relative_choice.resolve(page_date, sentence.text if sentence else "")
        source_spans["date"] = (relative_choice.start, relative_choice.end)
        date_origin = "published" if published else "dateline"
    elif date_mention is not None and date_mention is not dateline:
        source_spans["date"] = (date_mention.start, date_mention.end)
        chosen_year = date_mention.explicit_year
        if chosen_year is None:
            if page_date is not None:
                sentence = doc.sentence_at(date_mention.start)
                chosen_year = _year_against_page(date_mention, page_date,
                                                 sentence.text if sentence else "")
                date_origin = "published" if published else "dateline"
                if dateline is not None and not published:
                    source_spans["date_inferred"] = (dateline.start, dateline.end)
            elif year is not None:
                chosen_year = year
                date_origin = "published"
            else:
                evidence = infer_year(date_mention.month, standalone_years(text, dates))
                if evidence is not None:
                    chosen_year = evidence.year
                    source_spans["date_inferred"] = (evidence.start, evidence.end)
                    year_guessed = True
                elif (dated := _latest_dated(dates)) is not None:
                    # Only dates of other events give a year: take the latest of them.
                    chosen_year = dated.explicit_year
                    source_spans["date_inferred"] = (dated.start, dated.end)
                    year_guessed = True
                else:
                    chosen_year = (today or dt.date.today()).year
                    date_origin = "assumed"
                    warnings.append(f"the year of the meeting is not in the text; "
                                    f"assumed {chosen_year} (use --published or --year to "
                                    f"set it)")
        start_date, end_date = date_mention.resolve(chosen_year)
        if start_date is not None and date_mention.day is None:
            precision = "month"  # "in May 2024": the day is not known
    if start_date is None and page_date is not None:
        start_date = page_date
        stated = next((r for r in references if r.date == page_date), None)
        if stated is not None:
            # "The 32nd Summit took place in Brussels on 28 January 2014" under a dateline
            # of that day: the text states the date (read as the meeting itself below).
            source_spans["date"] = stated.span
        else:
            # Nothing in the text dates the meeting: a report is dated by its page.
            date_origin = "published" if published else "dateline"
            if dateline is not None and not published:
                source_spans["date"] = (dateline.start, dateline.end)
            warnings.append(f"no date of the meeting is in the text; it uses the "
                            f"{'publication date' if published else 'dateline'} "
                            f"{page_date.isoformat()}")
    if start_date is None:
        start_date = today or dt.date.today()
        date_origin = "assumed"
        precision = "unknown"
        warnings.append("no date of the meeting was found; the draft's date is a placeholder "
                        "(today) to be set in review (use --published to give the page's "
                        "date)")
    date_inferred = date_origin != "text" or year_guessed
    if start_date is not None:
        # A dated "reference" on the meeting's own day is the meeting itself.
        references = [r for r in references if r.date is None or r.date != start_date]

    # -- who, what, where ---------------------------------------------------------------
    body = find_body(doc, gaz, mentions, reference_spans)
    # An event the heading names, or the body found, is the meeting, not a reference.
    heading_folded = heading.casefold()
    references = [r for r in references
                  if not (r.date is None and r.location is None
                          and (r.title.casefold() in heading_folded
                               or (body is not None and body.span[0] < r.span[1]
                                   and r.span[0] < body.span[1])))]
    finder = ParticipantFinder(gaz, default_party=issuer_party)
    # People are read from the body; the heading only adds those the body never names.
    # Blanking keeps every offset where it was.
    if doc.heading is not None:
        h_start, h_end = doc.heading.start, doc.heading.end
        body_text = text[:h_start] + " " * (h_end - h_start) + text[h_end:]
        heading_text = " " * h_start + text[h_start:h_end] + " " * (len(text) - h_end)
        found_people = finder.find(body_text, mentions)
        known = {p.name for p in found_people}
        known_surnames = {p.name.split()[-1] for p in found_people
                          if not p.group and len(p.name.split()) > 1}
        # "Statement by Press Secretary Ana Lind on the Visit of …": the author, not a party.
        author = _HEADING_AUTHOR.match(text, h_start)
        # The heading's people join unless the body already has them (by name or surname):
        # the body may name them with no title ("Ana Lind said …"), which finds no one.
        found_people += [p for p in finder.find(heading_text, mentions)
                         if p.name not in known and p.name.split()[-1] not in known_surnames
                         and not (author and p.span[0] < author.end())]
        found_people.sort(key=lambda p: p.span[0])
    else:
        found_people = finder.find(text, mentions)
    # "the visit of President Putin to China in May 2014" names no participant.
    found_people = [p for p in found_people
                    if not any(s <= p.span[0] < e for s, e in reference_spans)]
    # "President Kerr" is "Ana Kerr" when the text names her in full anywhere.
    full_surnames = {p.name.split()[-1] for p in found_people
                     if not p.group and len(p.name.split()) > 1}
    found_people = [p for p in found_people
                    if p.group or len(p.name.split()) > 1 or p.name not in full_surnames]
    # "The King received them the day before / on Tuesday": a person only in a sentence
    # dated another day took part in something else.
    found_people = [p for p in found_people if p.group or not _on_another_day(
        doc, p.span[0], start_date, end_date, dates, relative, page_date, date_mention)]
    participants = _participants(found_people)
    level = find_level(doc, [p.role for p in participants if not p.group], body)
    meeting_sentence = doc.sentence_at(date_mention.start) if date_mention else None
    location = find_location(doc, mentions, meeting_sentence.index if meeting_sentence else None,
                             reference_spans)

    # The body meeting is not a topic of its own meeting; the states taking part may well be
    # ("the crisis in eastern Ukraine" with a Ukrainian minister present).
    exclude_topics: set[str] = set()
    if body is not None:
        exclude_topics.add(body.name)
        exclude_topics.update(m.name for m in gaz.mentions(body.name))
        for part in re.split(r"[-–\s]+", body.name):  # "NATO-Russia Council": NATO, Russia
            entry = gaz.lookup(part)
            if entry is not None:
                exclude_topics.add(entry.name)
    topics = TopicFinder(gaz, exclude_topics, {p.party for p in participants if p.party},
                         [p.source_span for p in participants if p.source_span])
    items = find_items(doc, topics)
    _add_outcome_items(doc, items, outcomes, topics)
    people_parties: dict[str, str] = {}
    roles = [p.role for p in participants if not p.group]
    for p in participants:
        if not p.group:
            # Someone whose state the text never gives speaks for themselves.
            speaks_for = p.party or p.name
            people_parties.setdefault(p.name, speaks_for)
            people_parties.setdefault(p.name.split()[-1], speaks_for)
            # "The Secretary General stressed …"; a title several hold ("The President")
            # is, in a statement, its own principal's: the one named first.
            if p.role and (roles.count(p.role) == 1 or p.role not in people_parties):
                people_parties.setdefault(p.role, speaks_for)
    positions = PositionFinder(gaz, people_parties, body.name if body else "").find(doc)
    agenda = _agenda(doc, items, positions, topics)
    priorities = [Priority(id=p.id, area=p.area, description=p.description,
                           source_span=p.span) for p in find_priorities(doc, gaz)]

    # -- the record ---------------------------------------------------------------------
    title, title_span = _title(body, level, participants, heading, doc)
    if title_span:
        source_spans["title"] = title_span
    if body is not None:
        source_spans["body"] = body.span
    if level is not None and level.span != (0, 0):
        source_spans["level"] = level.span
    if location is not None:
        source_spans["location"] = location.span
    mode = meeting_mode(doc)
    status = meeting_status(doc, meeting_sentence.index if meeting_sentence else None)
    if page_date is not None and start_date > page_date:
        status = "announced"  # dated after its own page: it has not happened yet
    acronym = _body_acronym(body, gaz)
    # An unknown date's placeholder is not put in the id either: "talks-undated", not
    # today's "talks-2026-12-02" (which said a date no one gave, and collided daily).
    base = f"{slugify(acronym or ('talks' if participants else 'meeting'), 20)}-" \
           f"{'undated' if precision == 'unknown' else start_date.isoformat()}"
    meeting_id = unique_slug(base, set(taken_ids))
    ref_ids: set[str] = set()
    out_ids: set[str] = set()
    meeting = Meeting(
        id=meeting_id,
        title=title,
        body=body.name if body else "",
        level=level.value if level else "",
        date=start_date,
        date_inferred=date_inferred,
        # Told in the record, so the list and the review show an unknown date as unknown.
        date_origin=date_origin,  # type: ignore[arg-type]
        date_precision=precision,  # type: ignore[arg-type]
        end_date=end_date,
        location=location.value if location else "",
        mode=mode,  # type: ignore[arg-type]
        occurrence=status,  # type: ignore[arg-type]
        status="draft",
        # How and whether it happened, as tags a list can filter on ("call", "announced").
        tags=([slugify(acronym)] if acronym else []) + ([mode] if mode != "in person" else [])
        + (["announced"] if status == "announced" else []),
        participants=participants,
        agenda=agenda,
        priorities=priorities,
        references=[Reference(id=unique_slug(slugify(r.title, 50), ref_ids), title=r.title,
                              date=r.date, location=r.location, note=r.note,
                              source_span=r.span) for r in references],
        outcomes=[Outcome(id=unique_slug(slugify(o.description, 50), out_ids),
                          description=o.description, expected=o.expected, source_span=o.span)
                  for o in outcomes],
        sources=[Source(id=slugify(kind), issuer=issuer, kind=kind, title=heading,
                        date=page_date, language="en", text=text)],
        source_spans=source_spans,
    )
    return Extraction(meeting, warnings, date_origin, precision, mode, status)


def _in_body(name: str, doc: Document) -> bool:
    return any(name in s.text for s in doc.body)


def _meeting_date(doc: Document, dates: list[DateMention],
                  reference_spans: list[Span]) -> tuple[DateMention | None, DateMention | None]:
    """The date of the meeting, and a dateline (the heading's full date) when there is one."""
    dateline = None
    if doc.heading is not None:
        dateline = next((d for d in dates if doc.heading.start <= d.start < doc.heading.end
                         and d.explicit_year and d.day), None)
    if dateline is None and doc.body:
        first = doc.body[0]
        dateline = next((d for d in dates if first.start <= d.start < first.start + 60
                         and d.day and (d.explicit_year or _AGENCY_DATELINE.match(first.text))
                         and re.match(r"^[A-Z][A-Za-z .'\[\]-]*,\s*", first.text)), None)
        # "April 8, 2013, Amsterdam" on a line of its own, under the heading.
        dateline = dateline or next(
            (d for d in dates if d.start == first.start and d.day and d.explicit_year
             and len(first.text) <= 100 and "\n" not in first.text.strip()
             and re.fullmatch(r"[^.;:]*", first.text[d.end - first.start:])), None)
    if dateline is None:
        # "date 2031-05-14" or "Date: 14 May 2031" on a line near the top.
        line = _DATE_LINE.search(doc.text[:600])
        if line:
            dateline = next((d for d in dates if d.start == line.start("date")), None)
    candidates = []
    for mention in dates:
        if mention.day is None or any(s <= mention.start < e for s, e in reference_spans):
            continue
        if mention is dateline:
            continue  # a dateline dates the page, never the meeting
        if doc.heading is not None and doc.heading.start <= mention.start < doc.heading.end:
            continue
        if _NOT_MEETING_DATE.search(doc.text[max(0, mention.start - 12):mention.start]):
            continue
        candidates.append(mention)
    for mention in candidates:
        sentence = doc.sentence_at(mention.start)
        if sentence is not None and _MEETING_WORDS.search(sentence.text):
            return mention, dateline
    if candidates:
        return candidates[0], dateline
    return dateline, dateline


def _latest_dated(dates: list[DateMention]) -> DateMention | None:
    dated = [d for d in dates if d.explicit_year]
    return max(dated, key=lambda d: (d.explicit_year, d.month)) if dated else None


def _dateline_date(dateline: DateMention | None, year: int | None = None) -> dt.date | None:
    if dateline is None or not (dateline.explicit_year or year):
        return None
    return dateline.resolve(dateline.explicit_year or year)[0]  # type: ignore[arg-type]


_PAST_REPORT = re.compile(r"\b(?:met|held|took\s+place|was|were|had|attended|visited|hosted"
                          r"|discussed|signed|took\s+part|participated|convened)\b",
                          re.IGNORECASE)
_FUTURE_WORDS = re.compile(r"\b(?:will|shall|to\s+be\s+held|is\s+to|are\s+to|scheduled"
                           r"|upcoming|next|planned|expected)\b", re.IGNORECASE)


_DAY_BEFORE = re.compile(r"\b(?:the\s+day\s+before|the\s+previous\s+day|the\s+day\s+after"
                         r"|the\s+following\s+day|(?:a|one|two|three)\s+(?:days?|weeks?)\s+"
                         r"(?:ago|earlier|later|before))\b", re.IGNORECASE)


def _on_another_day(doc: Document, offset: int, start: dt.date, end: dt.date | None,
                    dates: list[DateMention], relative: list[RelativeMention],
                    page: dt.date | None, chosen: DateMention | None) -> bool:
    """Whether the sentence at ``offset`` is about a day other than the meeting's."""
    sentence = doc.sentence_at(offset)
    if sentence is None or sentence is doc.heading or (
            chosen is not None and sentence.start <= chosen.start < sentence.end):
        return False
    last = end or start
    if _DAY_BEFORE.search(sentence.text):
        return True
    days = []
    for mention in dates:
        if sentence.start <= mention.start < sentence.end and mention.day:
            days.append(mention.resolve(mention.explicit_year or start.year)[0])
    for mention in relative:
        if page is not None and not mention.secondary and \
                sentence.start <= mention.start < sentence.end:
            days.append(mention.resolve(page, sentence.text))
    days = [d for d in days if d is not None]
    return bool(days) and all(not start <= d <= last for d in days)


def _year_against_page(mention: DateMention, page: dt.date, sentence: str) -> int:
    """The year of a day and month told without one: a report in the past tense lies on or
    before its page ("met on 12 March" on a November page is the March gone, not the next),
    an announcement on or after it; otherwise the year that puts it closest."""
    day = mention.day or 1
    past = bool(_PAST_REPORT.search(sentence)) and not _FUTURE_WORDS.search(sentence)
    future = bool(_FUTURE_WORDS.search(sentence)) and not _PAST_REPORT.search(sentence)
    for year in ((page.year, page.year - 1) if past else
                 (page.year, page.year + 1) if future else ()):
        try:
            candidate = dt.date(year, mention.month, day)
        except ValueError:
            continue
        # Two days' slack: a readout is often posted the day after, or dated ahead.
        if past and candidate <= page + dt.timedelta(days=2):
            return year
        if future and candidate >= page - dt.timedelta(days=2):
            return year
    return closest_year(mention.month, day, page)


def _relative_meeting_date(doc: Document, relative: list[RelativeMention],
                           reference_spans: list[Span], dated: DateMention | None,
                           dateline: DateMention | None) -> RelativeMention | None:
    """"met today", "on Wednesday": the meeting's day told against the page's date, when it
    comes before any full date of the meeting in the text."""
    for mention in relative:
        if mention.secondary or any(s <= mention.start < e for s, e in reference_spans):
            continue
        if dated is not None and dated is not dateline and dated.start < mention.start:
            return None
        sentence = doc.sentence_at(mention.start)
        if sentence is None or sentence is doc.heading:
            continue
        if _MEETING_WORDS.search(sentence.text):
            return mention
    return None


def _participants(found: list) -> list[Participant]:
    ids: set[str] = set()
    return [Participant(id=unique_slug(slugify(p.name), ids), name=p.name, role=p.role,
                        party=p.party, group=p.group, source_span=p.span) for p in found]


def _add_outcome_items(doc: Document, items: list[FoundItem], outcomes: list,
                       topics: TopicFinder) -> None:
    """An outcome is also an item of the agenda ("Approval of …") when none covers it."""
    for outcome in outcomes:
        if any(i.span[0] <= outcome.span[0] < i.span[1] for i in items):
            continue
        sentence = doc.sentence_at(outcome.span[0])
        items.append(FoundItem(outcome.description, clean_phrase(doc.text[outcome.span[0]:
                                                                            outcome.span[1]]) + ".",
                               topics.topics(doc.text[outcome.span[0]:outcome.span[1]],
                                             outcome.span[0]),
                               outcome.span, sentence.paragraph if sentence else 0))
    items.sort(key=lambda i: i.span[0])


def _agenda(doc: Document, items: list[FoundItem], positions: list,
            topics: TopicFinder) -> list[AgendaItem]:
    """Items in order; each position joins the last item before it in its paragraph."""
    for position in positions:
        sentence = doc.sentence_at(position.span[0])
        before = [i for i in items if i.span[0] <= position.span[0]
                  and (sentence is None or i.paragraph == sentence.paragraph)]
        if not before:
            before = [i for i in items if i.span[0] <= position.span[0]] or items[:1]
        if not before:
            items.append(FoundItem("Positions of the parties", "", [], position.span,
                                   sentence.paragraph if sentence else 0))
            before = items[-1:]
        before[-1].positions.append(position)
        for topic in topics.topics(doc.text[position.span[0]:position.span[1]],
                                   position.span[0]):
            if topic not in before[-1].topics:
                before[-1].topics.append(topic)
    ids: set[str] = set()
    position_ids: set[str] = set()
    agenda = []
    for order, item in enumerate(items, start=1):
        agenda.append(AgendaItem(
            id=unique_slug(slugify(item.title, 40), ids), order=order, title=item.title,
            summary=item.summary[:10_000], topics=item.topics,
            positions=[Position(id=unique_slug(slugify(f"{p.party}-{p.stance}", 40),
                                               position_ids),
                                party=p.party, stance=p.stance, source_span=p.span)
                       for p in item.positions],
            source_span=item.span))
    return agenda


def _body_acronym(body, gaz) -> str:  # noqa: ANN001 - internal helper
    """The body's acronym; else the acronym of the organisation it belongs to; else initials."""
    if body is None:
        return ""
    entry = gaz.lookup(body.name)
    if entry is not None and entry.acronym:
        return entry.acronym
    inner = [m.entry.acronym for m in gaz.mentions(body.name) if m.entry.acronym]
    if inner:
        return inner[0]
    return body.acronym or _initials(body.name)


def _initials(name: str) -> str:
    letters = "".join(w[0] for w in re.findall(r"[A-Z][\w'-]*", name))
    return letters if len(letters) >= 2 else slugify(name, 20)


def _title(body, level, participants: list[Participant], heading: str,
           doc: Document) -> tuple[str, Span | None]:
    if body is not None:
        noun = body.noun
        name = body.name
        # The text's words first; the gazetteer's full name beside an acronym.
        entry = gazetteer().lookup(body.name)
        if entry is not None and entry.name.casefold() not in name.casefold():
            name = f"{name} ({entry.name})"
        # "Russia-EU Summit", not "Russia-EU Summit summit".
        title = name if name.casefold().endswith(noun.casefold()) else f"{name} {noun}"
        if level is not None and level.span != (0, 0) and noun != "summit" \
                and level.value not in body.name.lower():
            title += f" at the level of {level.value}"
        return title, body.span
    parties = []
    for participant in participants:
        if participant.party and participant.party not in parties and not participant.group:
            parties.append(participant.party)
    if len(parties) == 2:
        return f"{parties[0]}–{parties[1]} talks", None
    if len(parties) > 2:
        return f"Meeting of {', '.join(parties[:-1])} and {parties[-1]}", None
    if heading:
        return clean_phrase(heading)[:200], (doc.heading.start, doc.heading.end) \
            if doc.heading else None
    first = doc.body[0].text if doc.body else "Meeting"
    return clean_phrase(first)[:120] or "Meeting", None
