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
from .spans import Document, Span, capitalise, clean_phrase

_EVENT_NOUN = (r"(?i:summit|meeting|session|conference|talks|ministerial|negotiations|forum"
               r"|consultations|visit|round|sitting|council|engagement)")
_EVENT = re.compile(
    rf"\b(?:the\s+|its\s+|their\s+|a\s+)?(?P<title>(?:(?:[A-Z][\w'’.-]*|of|and)\s+){{0,5}}"
    rf"{_EVENT_NOUN}(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s*){{1,5}})?)"
    rf"(?P<tail>(?:\s*,?\s+(?:which\s+)?(?:was\s+|were\s+)?(?:held\s+|that\s+took\s+place\s+"
    rf"|took\s+place\s+)?(?:on|of|in|at|to|between|with)\s+(?:the\s+)?[^.;]{{0,60}}?)+)"
    rf"(?=[,.;)]|\s+(?:and|which|where|to|on|as|that|is|are|was|were)\b|$)",
)
_DOCUMENT_NOUN = (r"(?:Treaty|Agreement|Agreements|Declaration|Charter|Act|Memorandum|Convention"
                  r"|Protocol|Accords?|Plan\s+of\s+Action|Road\s?[Mm]ap|Communiqu[eé]|Concept"
                  r"|Strategy|Document|Initiative|Joint\s+Statement|Final\s+Act|Package"
                  r"|Framework|Understanding|Consensus|Strategic\s+Partnership|Dialogue|Outlook"
                  r"|Regime"
                  r"|Order|Resolutions|Formula|Ruling|Mechanism|Compact|Agenda|Pact|Pledge|Plan)")
_DOCUMENT = re.compile(
    rf"(?:\b[Tt]he\s+)?(?P<title>(?:[A-Z][\w'’.+-]*\s+){{1,6}}{_DOCUMENT_NOUN}\b"
    rf"(?:\s+(?:on|of|for|between)\s+(?:the\s+)?(?:(?:[A-Z][\w'’-]*|and|of|the),?\s+){{0,8}}"
    rf"[A-Z][\w'’-]*)?)"
    rf"|(?P<resolution>(?:UN\s+|United\s+Nations\s+)?Security\s+Council\s+[Rr]esolution"
    rf"\s+(?:No\.\s*)?\d{{3,4}}(?:\s*\(\d{{4}}\))?)"
    # "the Declaration on Allied Cooperation", "the Partnership for Global Infrastructure".
    # "the Indo-Pacific Partnership for Maritime Safety", "the Oil and Gas Partnership 2.0"
    # (a bare "the Eastern Partnership" discussed is a subject; see _named_partnership).
    rf"|(?P<partnership>(?:[A-Z][\w'’.+-]*\s+(?:and\s+)?){{1,6}}Partnership(?:\s+\d+(?:\.\d+)?)?"
    rf"(?:\s+(?:for|on|of)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:and\s+)?[A-Z][\w'’-]*){{0,5}})?)"
    rf"|(?:\b[Tt]he\s+|(?<=\bunder\sthe\s))(?P<named_after>(?:Declaration|Treaty|Agreement"
    rf"|Charter|Convention|(?:(?<=\bunder\sthe\s)|(?<=implementation\sof\sthe\s)"
    rf"|(?<=implementing\sthe\s))Partnership"
    rf"|Commitment|Initiative|Framework|Programme|Program|Compact|Pact|Memorandum|Accord"
    rf"|Strategy|Roadmap|Plan)\s+(?:for|on|of|to|between)\s+(?:the\s+)?[A-Z][\w'’-]*"
    rf"(?:,?\s+(?:and\s+|of\s+|the\s+|on\s+)*[A-Z][\w'’-]*){{0,6}})"
    # "the Common Economic Space", "the latest draft agreements", "the peace formula",
    # "Norway's accession to NATO": frameworks, drafts and steps named in lower case.
    rf"|(?P<framework>Common\s+(?:[A-Z][\w-]*\s+)?(?:Space|Area|Market))"
    rf"|(?P<draft>(?i:draft\s+(?:peace\s+)?(?:agreements?|treat(?:y|ies)|declarations?"
    rf"|resolutions?|framework|plan|documents?)|peace\s+(?:formula|plan)))"
    rf"|(?P<accession>(?i:accession)\s+to\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){{0,3}})"
    # "the five-point consensus", "a 12-point peace plan": a document named by its count.
    rf"|(?P<counted>(?i:(?:[\w]+-point|[\w]+-step)\s+(?:peace\s+)?(?:consensus|plan|roadmap"
    rf"|road\s+map|formula|proposal|initiative)))"
    # "NATO's Article 5", "Article 51 of the UN Charter".
    rf"|(?P<article>(?:[A-Z][\w.-]*['’]s\s+)?Article\s+\d+(?:\s+of\s+the\s+(?:[A-Z][\w'’-]*"
    rf"\s*){{1,4}})?)"
    # "the 2016 arbitral tribunal ruling": a dated document in lower case.
    rf"|\b[Tt]he\s+(?P<dated>(?:19|20)\d\d\s+(?:[\w.-]+\s+){{0,4}}?(?:ruling|agreement"
    rf"|declaration|accords?|resolution|decision|treaty|communiqu[eé]|statement|consensus))\b"
)
# An event named with capitals ("the NATO Summit in Washington", "the Summit for Democracy",
# "the historic Camp David Summit"): a reference even without a date, unless it is the
# meeting itself (the extractor drops the body's own name afterwards).
_NAMED_EVENT = re.compile(
    r"(?P<title>(?:(?:[A-Z][\w'’.-]*|of|and|for)\s+){0,5}(?:[A-Z][\w'’.-]*\s+)"
    r"(?:Summit|Conference|Forum|Dialogue|Leaders['’]?\s+Meeting|Ministerial|Debate)"
    r"(?:\s+(?:for|on|of)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})?)"
    r"|(?P<title2>Summit\s+(?:for|on|of)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"
    # "cooperation under the Norway-EU Energy Council": a standing body worked under.
    r"|(?<=\bunder\s\bthe\s)(?P<title3>(?:[A-Z][\w'’.-]*\s+){1,4}(?:Council|Committee|Commission"
    r"|Mechanism|Framework|Format|Partnership))"
)
# "the agreement reached in Vienna on 14 July 2015", "the Minsk agreements".
_AGREEMENT = re.compile(
    r"\b(?:the\s+)?(?P<title>(?:[A-Z][\w'’-]*\s+){0,2}(?:agreements?|accords?|arrangements?"
    r"|understandings?|decisions|documents))\s+(?:reached|signed|concluded|achieved|adopted|agreed)"
    r"(?P<tail>(?:\s+(?:on|in|at)\s+(?:the\s+)?[^.;,]{0,50}?)+)(?=[,.;)]|\s+(?:and|which|to|as)\b|$)"
    r"|\b(?:the\s+)?(?P<named>[A-Z][\w'’-]+\s+(?:agreements|accords|arrangements|format|process))\b"
)
# A document the meeting is to act on is an outcome or agenda item, not a reference.
_ACTED_ON = re.compile(r"\b(?:consider|adopt|approv|sign|endors|draft|prepar|finali[sz])\w*\s+"
                       r"(?:the\s+|a\s+|an\s+)?(?:draft\s+)?$", re.IGNORECASE)
_SUMMARY_LIMIT = 300


@dataclass(frozen=True)
class FoundReference:
    title: str
    date: dt.date | None
    location: str | None
    note: str
    span: Span


def _place(gaz: Gazetteer, tail: str) -> str | None:
    places = [m for m in gaz.mentions(tail) if m.kind in (CITY, STATE)]
    if places:
        return places[0].name
    unknown = re.search(r"\bin\s+([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b", tail)
    if unknown and unknown.group(1) not in _MONTHS and gaz.lookup(unknown.group(1)) is None:
        return unknown.group(1)
    return None


_MONTHS = {"January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"}


def find_references(doc: Document, gaz: Gazetteer, dates: list[DateMention],
                    exclude: list[Span]) -> list[FoundReference]:
    """References in the body; ``exclude`` holds spans known to be something else (outcomes)."""
    found: list[FoundReference] = []
    org_spans = [(m.start, m.end) for m in gaz.mentions(doc.text) if m.kind == "org"]
    for sentence in doc.body:
        for match in _AGREEMENT.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if match.group("named"):
                title = clean_phrase(match.group("named"))
                lead = gaz.lookup(title.split()[0])
                if lead is None or lead.kind != "city":
                    continue
                found.append(FoundReference(title, None, None, _note(sentence.text),
                                            (start, end)))
                continue
            inside = [d for d in dates if start <= d.start < end and d.explicit_year and d.day]
            location = _place(gaz, match.group("tail"))
            if not inside and not location:
                continue
            date = inside[0].resolve(inside[0].explicit_year or 1)[0] if inside else None
            title = clean_phrase(match.group("title"))
            title = capitalise(f"{title} reached in {location}" if location else title)
            found.append(FoundReference(title, date, location, _note(sentence.text),
                                        (start, end)))
        for match in _EVENT.finditer(sentence.text):
            start, end = sentence.start + match.start("title"), sentence.start + match.end()
            if any(r.span[0] <= start < r.span[1] or start <= r.span[0] < end for r in found):
                continue
            inside = [d for d in dates if start <= d.start < end and d.explicit_year]
            place = _place(gaz, match.group("tail"))
            lead = re.match(r"\w+", match.group("title"))
            named_by_place = lead is not None and gaz.lookup(lead.group()) is not None and \
                gaz.lookup(lead.group()).kind == "city"
            if not inside and not named_by_place:
                continue
            date = inside[0].resolve(inside[0].explicit_year or 1)[0] if inside and \
                inside[0].day else None
            location = place or (lead.group() if named_by_place and lead else None)
            title = clean_phrase(match.group("title"))
            if location and location not in title:
                title = f"{title} in {location}"
            found.append(FoundReference(title, date, location, _note(sentence.text),
                                        (start, end)))
        for match in _DOCUMENT.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            if any(s <= start < e or start <= s < end for s, e in exclude):
                continue
            title_start = sentence.start + match.start(match.lastgroup or 0)
            if any(s <= title_start and end <= e + 14 and e > end - 3 for s, e in org_spans):
                continue  # "Collective Security Treaty" inside "… Treaty Organization"
            if _ACTED_ON.search(sentence.text[:match.start()]):
                continue
            if any(r.span[0] <= start < r.span[1] for r in found):
                continue
            if match.group("partnership") and not _named_partnership(match.group("partnership")):
                continue
            title = clean_phrase(match.group("title") or match.group("resolution")
                                 or match.group("partnership")
                                 or match.group("counted") or match.group("article")
                                 or match.group("dated") or match.group("named_after")
                                 or match.group("framework") or match.group("draft")
                                 or match.group("accession"))
            title = re.sub(r"^(?:The|On|In|At|During|Under|Our|Its|Their|This|That|These"
                           r"|Both|All|A|An|And|While|As|With)\s+", "", title)
            if len(title.split()) < 2:
                continue
            tail = sentence.text[match.end():match.end() + 60]
            date_here = [d for d in dates if end <= d.start < end + 40 and d.explicit_year
                         and d.day]
            date = date_here[0].resolve(1)[0] if date_here and re.match(
                r"\s*(?:,\s*)?(?:signed|adopted|concluded|of|dated)?\s*(?:on|of)?\s*(?:the\s+)?"
                r"\d", tail) else None
            found.append(FoundReference(title, date, None, _note(sentence.text), (start, end)))
        for match in _NAMED_EVENT.finditer(sentence.text):
            group = next(g for g in ("title", "title2", "title3") if match.group(g))
            start, end = sentence.start + match.start(group), sentence.start + match.end(group)
            if any(r.span[0] < end and start < r.span[1] for r in found):
                continue
            title = re.sub(r"^(?:The|On|In|At|During|Under|Our|Its|Their|This|That|These"
                           r"|Both|All|A|An|And|While|As|With|Today|Tomorrow|Yesterday)\s+", "",
                           clean_phrase(match.group(group)))
            if len(title.split()) < 2:
                continue
            found.append(FoundReference(title, None, None, _note(sentence.text), (start, end)))
    found.sort(key=lambda r: r.span[0])
    return found


def _named_partnership(title: str) -> bool:
    """A partnership is a named programme when it has a remit ("… for Maritime Safety"), a
    version, two or more words of name, or is a strategic partnership."""
    words = title.split()
    return bool(re.search(r"\sPartnership\s+(?:for|on|of|\d)", title)) or len(words) >= 3 \
        or bool(re.search(r"(?:Strategic|Comprehensive)\s+Partnership", title))


def _note(sentence: str) -> str:
    note = re.sub(r"\s+", " ", sentence).strip()
    return note if len(note) <= _SUMMARY_LIMIT else note[:_SUMMARY_LIMIT].rsplit(" ", 1)[0] + "…"
