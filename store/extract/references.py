"""References to earlier meetings and agreements, with their dates and places.

Two shapes: an event ("the NRC summit on 20 November 2010 in Lisbon", "the Lisbon summit of
2010", "the talks held in Geneva in November 2013") and a named document ("the Founding Act",
"the Rome Declaration", "UN Security Council resolution 2118"). A date only counts when it
names its year: a bare "4 December" is the meeting itself, not something it refers back to.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import DateMention
from .gazetteer import CITY, STATE, Gazetteer
from .spans import Document, Span, clean_phrase

_EVENT_NOUN = (r"(?:summit|meeting|session|conference|talks|ministerial|negotiations|forum"
               r"|consultations|visit|round|sitting|council)")
_EVENT = re.compile(
    rf"\b(?:the\s+|its\s+|their\s+|a\s+)?(?P<title>(?:(?:[A-Z][\w'’.-]*|of|and)\s+){{0,5}}"
    rf"{_EVENT_NOUN}(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s*){{1,5}})?)"
    rf"(?P<tail>(?:\s*,?\s+(?:which\s+)?(?:was\s+|were\s+)?(?:held\s+|that\s+took\s+place\s+"
    rf"|took\s+place\s+)?(?:on|of|in|at)\s+(?:the\s+)?[^.;]{{0,60}}?)+)"
    rf"(?=[,.;)]|\s+(?:and|which|where|to|on|as|that|is|are|was|were)\b|$)",
)
_DOCUMENT_NOUN = (r"(?:Treaty|Agreement|Agreements|Declaration|Charter|Act|Memorandum|Convention"
                  r"|Protocol|Accords?|Plan\s+of\s+Action|Road\s?[Mm]ap|Communiqu[eé]|Concept"
                  r"|Strategy|Document|Initiative|Joint\s+Statement|Final\s+Act|Package"
                  r"|Framework|Understanding)")
_DOCUMENT = re.compile(
    rf"(?:\b[Tt]he\s+)?(?P<title>(?:[A-Z][\w'’.-]*\s+){{1,6}}{_DOCUMENT_NOUN}"
    rf"(?:\s+(?:on|of|for|between)\s+(?:the\s+)?(?:(?:[A-Z][\w'’-]*|and|of|the),?\s+){{0,8}}"
    rf"[A-Z][\w'’-]*)?)"
    rf"|(?P<resolution>(?:UN\s+|United\s+Nations\s+)?Security\s+Council\s+[Rr]esolution"
    rf"\s+(?:No\.\s*)?\d{{3,4}}(?:\s*\(\d{{4}}\))?)"
)
_SUMMARY_LIMIT = 300


@dataclass(frozen=True)
class FoundReference:
    title: str
    date: dt.date | None
    location: str | None
    note: str
    span: Span


def find_references(doc: Document, gaz: Gazetteer, dates: list[DateMention],
                    exclude: list[Span]) -> list[FoundReference]:
    """References in the body; ``exclude`` holds spans known to be something else (outcomes)."""
    found: list[FoundReference] = []
    for sentence in doc.body:
        for match in _EVENT.finditer(sentence.text):
            start, end = sentence.start + match.start("title"), sentence.start + match.end()
            inside = [d for d in dates if start <= d.start < end and d.explicit_year]
            places = [m for m in gaz.mentions(match.group("tail"))
                      if m.kind in (CITY, STATE)]
            lead = re.match(r"\w+", match.group("title"))
            named_by_place = lead is not None and gaz.lookup(lead.group()) is not None and \
                gaz.lookup(lead.group()).kind == "city"
            if not inside and not named_by_place:
                continue
            if inside and not _is_past(sentence.text, match.start(), inside[0]):
                continue
            date = inside[0].resolve(inside[0].explicit_year or 1)[0] if inside and \
                inside[0].day else None
            location = places[0].name if places else (lead.group() if named_by_place and lead
                                                      else None)
            title = clean_phrase(match.group("title"))
            if location and location not in title:
                title = f"{title} in {location}"
            found.append(FoundReference(title, date, location, _note(sentence.text),
                                        (start, end)))
        for match in _DOCUMENT.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if any(s <= start < e or start <= s < end for s, e in exclude):
                continue
            if any(r.span[0] <= start < r.span[1] for r in found):
                continue
            title = clean_phrase(match.group("title") or match.group("resolution"))
            title = re.sub(r"^(?:The|On|In|At|During|Under)\s+", "", title)
            if len(title.split()) < 2:
                continue
            tail = sentence.text[match.end():match.end() + 60]
            date_here = [d for d in dates if end <= d.start < end + 40 and d.explicit_year
                         and d.day]
            date = date_here[0].resolve(1)[0] if date_here and re.match(
                r"\s*(?:,\s*)?(?:signed|adopted|concluded|of|dated)?\s*(?:on|of)?\s*(?:the\s+)?"
                r"\d", tail) else None
            found.append(FoundReference(title, date, None, _note(sentence.text), (start, end)))
    return found


def _is_past(sentence: str, position: int, date: DateMention) -> bool:
    """A dated event is an earlier one unless the sentence announces it ("will be held")."""
    return not re.search(r"\b(?:will|shall|is\s+scheduled|are\s+scheduled|to\s+be\s+held"
                         r"|upcoming|forthcoming|next)\b", sentence[max(0, position - 60):
                                                                 position + 80])


def _note(sentence: str) -> str:
    note = re.sub(r"\s+", " ", sentence).strip()
    return note if len(note) <= _SUMMARY_LIMIT else note[:_SUMMARY_LIMIT].rsplit(" ", 1)[0] + "…"
