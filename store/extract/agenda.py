"""Agenda items and their topics.

A statement announces what will be (or was) discussed with a small set of verbs: "will
exchange opinions on …", "will discuss …", "… will also be reviewed", "special attention will
be devoted to …". Each clause carrying one of them becomes an agenda item whose title is the
phrase discussed and whose topics are the states, regions, organisations and cooperation
areas it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .gazetteer import CITY, DEMONYM, ORG_ADJ, Gazetteer
from .spans import Document, Sentence, Span, capitalise, clean_phrase, trim

# Verbs whose object is the item discussed ("will discuss X").
_ACTIVE = re.compile(
    r"\b(?:discuss(?:ed|es|ing)?|exchange[sd]?\s+(?:of\s+)?(?:opinions|views|assessments)\s+(?:on|"
    r"about|regarding)|exchanges?\s+of\s+(?:opinions|views)\s+(?:on|about)|review(?:ed|s|ing)?"
    r"|consider(?:ed|s|ing)?|focus(?:ed|es|sed)?\s+on|address(?:ed|es)?|examine[ds]?"
    r"|talk(?:ed|s)?\s+about|touch(?:ed|es)?\s+(?:up)?on|(?:be|was|were|is|are)\s+devoted\s+to"
    r"|(?:be|was|were|is|are)\s+dedicated\s+to|assess(?:ed|es)?|take\s+stock\s+of|took\s+stock"
    r"\s+of|compare[sd]?\s+notes\s+on|(?:attention|priority)\s+(?:will\s+be|was|is|to\s+be)"
    r"\s+(?:paid|devoted|given)\s+to|pa(?:y|id)\s+(?:special\s+|particular\s+|close\s+)?attention"
    r"\s+to|(?:the\s+)?agenda\s+(?:includes?|included|will\s+include)"
    r"|(?:discussion|consideration)\s+(?:of|on)|deliberat(?:ed|e)\s+on|debate[sd]?|analy[sz]ed?"
    r"|go\s+over|went\s+over|covered|cover"
    r"|(?:hold|held|holds|have|had|conduct|conducted)\s+(?:(?:an?\s+)?(?:[\w-]+,?\s+(?:and\s+)?)"
    r"{0,4})(?:talks|consultations|discussions|negotiations|a\s+meeting|conversation"
    r"|exchange)(?:\s+(?:in|at)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?\s+(?:on|about|covering"
    r"|over|regarding)"
    # "met with the President today to congratulate him on …": the purpose is the subject.
    r"|(?:met|meet|meets|will\s+meet|spoke|speak|convened|convene)\b(?:\s+[^\s.;]+){0,12}?"
    r"\s+to(?=\s+(?!the\b|a\b|an\b)[a-z]+\b)"
    r")\b",
    re.IGNORECASE,
)
# Predicates whose subject is the item ("X will also be reviewed").
_PASSIVE = re.compile(
    r"\b(?:will\s+(?:also\s+)?be|was|were|is|are|(?:has|have)\s+been)\s+(?:also\s+)?"
    r"(?:reviewed|discussed|considered|examined|addressed|on\s+the\s+agenda|analy[sz]ed"
    r"|assessed|debated)\b"
    r"|\b(?:will\s+(?:also\s+)?become|became|is|was|will\s+be)\s+(?:an?\s+)?(?:important|key"
    r"|central|main|major)\s+(?:component|topic|item|issue|theme|focus)\b",
    re.IGNORECASE,
)
_CLAUSE_SPLIT = re.compile(
    r";\s+|,\s+and\s+(?=(?:they|the\s+\w+|we|both|it)\s+(?:will|would|also|discuss|review"
    r"|consider|exchange|focus|address))|\s+and\s+(?=(?:will\s+|would\s+|to\s+)?(?:also\s+)?"
    r"(?:discuss|review|consider|exchange|examine|address|focus|assess)(?:ed|es|s)?\b)",
    re.IGNORECASE)
_OBJECT_END = re.compile(
    r",\s+(?:which|that|who|as\s+well\s+as|and\s+(?:they|the\s+\w+)\s)|\s+in\s+order\s+to\s"
    r"|\s+to\s+(?!the\b|a\b|an\b|its\b|their\b)[a-z]+\b|\s+with\s+a\s+view\s+to|[(:;]",
)
_LEAD = re.compile(
    r"^(?:(?:the|a|an|also|further|in\s+detail|thoroughly|together|opinions|views|issues|matters"
    r"|on|about|of|regarding|upon)\s+)+", re.IGNORECASE)
_RELATIONS = re.compile(
    r"\b(?P<a>[A-Z][\w]*)(?:[-–](?P<b>[A-Z][\w]*))+\s+relations\b|\bbilateral\s+relations\b")
_MAX_TITLE = 110
# A party followed by its verb acts in the sentence rather than being discussed.
_ACTING = re.compile(r"(?:\s+and\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?\s+(?:will|would|has"
                     r"|have|had|is|are|was|were|also|[a-z]+ed)\b")


@dataclass
class FoundItem:
    title: str
    summary: str
    topics: list[str]
    span: Span
    paragraph: int
    positions: list[object] = field(default_factory=list)


def _clauses(sentence: Sentence) -> list[Span]:
    pieces: list[Span] = []
    position = sentence.start
    for match in _CLAUSE_SPLIT.finditer(sentence.text):
        pieces.append((position, sentence.start + match.start()))
        position = sentence.start + match.end()
    pieces.append((position, sentence.end))
    return pieces


def _shorten(phrase: str) -> str:
    phrase = clean_phrase(_LEAD.sub("", phrase.strip()))
    if len(phrase) > _MAX_TITLE:
        cut = phrase[:_MAX_TITLE].rsplit(" ", 1)[0]
        phrase = cut.rstrip(",;: ") + "…"
    return capitalise(phrase)


def _object(text: str) -> str:
    """The phrase up to where a clause moves on (a relative clause, a purpose, a comma).

    A cut that would leave fewer than three words ("the need", before "to ensure …") is
    skipped, so the phrase keeps its complement.
    """
    # A comma inside a list ("peace, security and stability") does not end the phrase.
    commas = [m.start() for m in re.finditer(r",(?!\s*[\w-]+(?:\s+[\w-]+)?,?\s+and\s)", text)]
    cuts = sorted([m.start() for m in _OBJECT_END.finditer(text)] + commas)
    for cut in cuts:
        if len(text[:cut].split()) >= 3:
            return text[:cut]
    return text.split(". ")[0]


def item_title(text: str) -> str | None:
    """The phrase a clause says is discussed, or None when it discusses nothing."""
    passive = _PASSIVE.search(text)
    active = _ACTIVE.search(text)
    if passive and (not active or passive.start() <= active.start()):
        subject = text[:passive.start()]
        subject = re.sub(r"^(?:During|At|In)\s+[^,]+,\s*", "", subject)
        subject = re.sub(r"^(?:The\s+)?(?:course\s+of\s+(?:the\s+)?)?(?:preparation|discussion"
                         r"|consideration|review)\s+of\s+", "", subject, flags=re.IGNORECASE)
        subject = _object(subject)
        return _shorten(subject) if len(subject.split()) >= 2 else None
    if active:
        rest = text[active.end():]
        obj = _object(re.sub(r"^\s*(?:on|about|of|regarding|upon)\s+", " ", rest))
        return _shorten(obj) if len(obj.split()) >= 1 and obj.strip() else None
    return None


class TopicFinder:
    """States, regions, organisations and cooperation areas named in a piece of text."""

    def __init__(self, gaz: Gazetteer, exclude: set[str], parties: set[str] = frozenset(),
                 skip: list[Span] = ()) -> None:
        """``exclude``: never topics (the body). ``parties``: the participants' parties, not
        topics where they act ("Russia will underline …"). ``skip``: offsets into the
        document where mentions are not topics (a participant's own title)."""
        self.gaz = gaz
        self.exclude = exclude
        self.parties = parties
        self.skip = skip

    def topics(self, text: str, offset: int = 0) -> list[str]:
        found: list[tuple[int, str]] = []
        area_spans: list[Span] = []
        for area, match in self.gaz.area_matches(text):
            found.append((match.start(), area.area))
            area_spans.append((match.start(), match.end()))
        for match in _RELATIONS.finditer(text):
            found.append((match.start(), clean_phrase(match.group())))
            area_spans.append((match.start(), match.end()))
        for mention in self.gaz.mentions(text):
            if mention.kind in (CITY, ORG_ADJ) or mention.name in self.exclude:
                continue
            if any(s <= offset + mention.start < e for s, e in self.skip):
                continue
            if mention.name in self.parties and _ACTING.match(text, mention.end):
                continue
            if mention.kind == DEMONYM and not re.match(
                    r"\s+(?!(?:side|party|delegation|President|Minister|Foreign|Prime|leader)\b)"
                    r"[a-z]", text[mention.end:mention.end + 20]):
                continue  # "the Iranian nuclear programme" is about Iran; "Iranian side" is not
            if any(s <= mention.start < e for s, e in area_spans):
                continue
            entry = mention.entry
            # The text's own words ("Gaza", not "Gaza Strip"); a demonym ("Iranian nuclear
            # programme") names its state.
            label = entry.name if mention.kind == DEMONYM else mention.surface
            found.append((mention.start, label))
        seen: dict[str, None] = {}
        for _, topic in sorted(found):
            seen.setdefault(topic, None)
        return list(seen)


def find_items(doc: Document, topics: TopicFinder) -> list[FoundItem]:
    items: list[FoundItem] = []
    for sentence in doc.body:
        for start, end in _clauses(sentence):
            start, end = trim(doc.text, start, end)
            clause = doc.text[start:end]
            title = item_title(clause)
            if not title:
                continue
            items.append(FoundItem(title, capitalise(clean_phrase(clause)) + ".",
                                   topics.topics(clause, start),
                                   (start, end), sentence.paragraph))
    return items
