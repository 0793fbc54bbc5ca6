"""Cooperation priorities: the areas an enumeration names, one priority per area.

"… priorities of further practical cooperation in the military sphere, in the fight against
piracy, the counteraction of terrorist and drug threats, …" yields military cooperation,
counter-piracy, counter-terrorism, counter-narcotics … Each element of the list is matched
against the area vocabulary; an element the vocabulary does not know becomes an area of its
own, named by its words, so new kinds of cooperation are not lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import Gazetteer
from .spans import Document, Span, capitalise, clean_phrase, slugify, trim

_TRIGGER = re.compile(
    r"\b(?:(?:practical\s+|further\s+|bilateral\s+|multilateral\s+|mutually\s+beneficial\s+"
    r"|joint\s+|closer\s+|expanding\s+|strengthening\s+)*(?:cooperation|co-operation|interaction"
    r"|partnership|collaboration|ties|contacts|work|efforts|activit(?:y|ies)|joint\s+projects?)"
    r"(?:\s+(?:between|with|of)\s+[^,.;]+?)?\s+(?:in|on|across|(?:focusing|focused|concentrating"
    r"|centred|centered)\s+on)\s+(?:the\s+)?(?:(?:fields?|areas?|spheres?"
    r"|domains?|sectors?)\s+(?:of|such\s+as|like|including)\s+)?"
    r"|\bpriorit(?:y|ies)\s+(?:areas?\s+)?(?:of\s+(?:further\s+)?(?:practical\s+)?"
    r"(?:cooperation|interaction)\s+)?(?:in|include|including|are|such\s+as|:)\s+"
    r"|\b(?:areas|fields|spheres|sectors)\s+(?:such\s+as|like|including|as)\s+"
    r"|\bprojects?\s+(?:on|in)\s+(?:the\s+)?)",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and|as\s+well\s+as|or)\s+|;\s*(?:and\s+)?|,\s*"
                        r"|\s+as\s+well\s+as\s+|\s+and\s+(?=in\s|on\s|the\s|also\s))",
                        re.IGNORECASE)
# What follows these words qualifies an area rather than naming another one.
_QUALIFIER = re.compile(r"\s+(?:using|with\s+the\s+use\s+of|through|by\s+means\s+of|based\s+on"
                        r"|taking\s+into\s+account|in\s+order\s+to|aimed\s+at|within)\s",
                        re.IGNORECASE)
_NOUNS = {"cooperation", "co-operation", "interaction", "partnership", "collaboration", "ties",
          "contacts", "work", "efforts", "activities", "projects", "project"}
_END = re.compile(r"\.\s|\.$|\s+(?:will|would|was|were|is|are)\s+|:\s", re.IGNORECASE)
_LEAD = re.compile(r"^(?:the\s+|in\s+|on\s+|of\s+|also\s+)+", re.IGNORECASE)


@dataclass(frozen=True)
class FoundPriority:
    id: str
    area: str
    description: str
    span: Span


def find_priorities(doc: Document, gaz: Gazetteer) -> list[FoundPriority]:
    found: list[FoundPriority] = []
    seen: set[str] = set()
    for sentence in doc.body:
        for trigger in _TRIGGER.finditer(sentence.text):
            start = sentence.start + trigger.end()
            tail = doc.text[start:sentence.end]
            end_match = _END.search(tail)
            stop = start + (end_match.start() if end_match else len(tail))
            words = trigger.group().lower().split()
            lead = next((w for w in words if w in _NOUNS), "cooperation")
            preposition = next((w for w in reversed(words) if w in ("in", "on", "across")), "in")
            if "focus" in trigger.group().lower() or "cent" in trigger.group().lower():
                preposition = "in"  # "cooperation focusing on trade": cooperation in trade
            if re.match(r"\s*(?:19|20)\d\d\b", doc.text[start:stop]):
                continue  # "cooperation in 2014"
            for number, (e_start, e_end) in enumerate(_elements(doc.text, start, stop)):
                element = doc.text[e_start:e_end]
                if number == 0 and not re.match(r"(?:in|on)\s", element, re.IGNORECASE):
                    the = "the " if trigger.group().lower().rstrip().endswith(" the") else ""
                    element_lead = f"{lead} {preposition} {the}"
                else:
                    element_lead = f"{lead} "
                for item in _areas(element, gaz, element_lead):
                    key = item[0]
                    if key in seen:
                        continue
                    seen.add(key)
                    found.append(FoundPriority(key, item[1], item[2], (e_start, e_end)))
    return found


def _elements(text: str, start: int, stop: int) -> list[Span]:
    pieces: list[Span] = []
    position = start
    for match in _SEPARATOR.finditer(text, start, stop):
        pieces.append(trim(text, position, match.start()))
        position = match.end()
    pieces.append(trim(text, position, stop))
    return [p for p in pieces if p[1] > p[0]]


def _areas(element: str, gaz: Gazetteer, lead: str) -> list[tuple[str, str, str]]:
    phrase = clean_phrase(element)
    description = capitalise(phrase)
    if re.match(r"(?:in|on)\s", phrase, re.IGNORECASE) or lead.rstrip().endswith(
            (" in", " on", " across", " the")):
        description = capitalise(f"{lead}{phrase}")
    head = _QUALIFIER.split(phrase, maxsplit=1)[0]
    hits = [(area.id, area.area, description) for area, _ in gaz.area_matches(head)
            if area.cooperation]
    if hits:
        return hits
    words = _LEAD.sub("", phrase).split()
    if not 1 <= len(words) <= 6 or not words[0][:1].isalpha():
        return []
    if re.match(r"(?i)the\s", phrase) and all(
            w[:1].isupper() for w in words if w.lower() not in ("and", "of", "the")):
        return []  # "… and the World", "the Ministry": a name, not an area of cooperation
    if gaz.lookup(" ".join(words)) is not None or re.match(r"\d", words[0]):
        return []  # "cooperation in the Arctic Council": a forum, not an area
    label = capitalise(" ".join(words))
    return [(slugify(label), label, description)]
