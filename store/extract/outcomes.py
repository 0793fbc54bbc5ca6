"""Outcomes: what the meeting is to decide ("will approve …") or decided ("approved …").

Future and modal forms ("will adopt", "are expected to sign", "plan to launch") are expected
outcomes; finite past forms ("the ministers approved the programme", "a declaration was
signed") are outcomes reached (``expected`` False). A past participle that only describes a
noun ("the agreements reached at the summit") is not an outcome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .spans import Document, Span, capitalise, clean_phrase

_VERBS = {
    "approv": "Approval of", "adopt": "Adoption of", "sign": "Signing of",
    "endors": "Endorsement of", "issu": "Issuing of", "launch": "Launch of",
    "conclud": "Conclusion of", "agre": "Agreement on", "finali": "Finalisation of",
    "ratif": "Ratification of", "establish": "Establishment of", "creat": "Creation of",
    "set up": "Setting up of", "releas": "Release of", "publish": "Publication of",
}
_STEM = r"(?P<verb>approv|adopt|sign|endors|issu|launch|conclud|agre|finali[sz]|ratif|establish" \
        r"|creat|set\s+up|releas|publish)"
_FUTURE = re.compile(
    rf"\b(?:will|shall|are\s+(?:expected|scheduled|due|going|set|planned|to)|is\s+(?:expected"
    rf"|scheduled|due|going|set|planned|to)|plans?\s+to|intends?\s+to|intend\s+to|would"
    rf"|are\s+to|is\s+to|expect\s+to|hope\s+to|aim\s+to)\s+(?:to\s+)?(?:also\s+)?"
    rf"(?P<passive>be\s+)?{_STEM}(?:e|ed|y|ied|e?s)?\b",
    re.IGNORECASE,
)
_PAST = re.compile(rf"\b(?:(?:has|have|had)\s+(?:also\s+)?)?{_STEM}(?:ed|d|ied)\b",
                   re.IGNORECASE)
_PAST_PASSIVE = re.compile(
    rf"\b(?P<passive>was|were|(?:has|have)\s+been)\s+(?:also\s+)?{_STEM}(?:ed|d|ied)\b",
    re.IGNORECASE,
)
# After a finite past verb comes its object; after a participle, a preposition.
_PARTICIPLE_NEXT = re.compile(r"\s+(?:at|in|by|during|with|under|for|from|within|between|last"
                              r"|earlier|previously|recently|jointly\s+by)\b", re.IGNORECASE)
_CUT = re.compile(r",\s+(?:which|who|where|and\s+(?:the|they|will))|;|\.\s|\.$|\s+in\s+order\s+to\s"
                  r"|\s+(?:and|while|whereas)\s+(?=(?:the|they|it)\s+\w+\s)"
                  r"|\s+and\s+(?=(?:also\s+)?(?:agreed|approved|adopted|signed|decided|endorsed"
                  r"|launched|issued|welcomed|discussed|reviewed|called)\b)")
# "The documents signed include …", "Among the documents signed were …".
_DOCUMENTS_INCLUDE = re.compile(
    r"\b(?:documents|agreements|accords|papers)\s+(?:that\s+were\s+)?(?:signed|adopted)"
    r"\s+(?:also\s+)?(?:include[sd]?|were|are|comprise[sd]?)\b\s*:?", re.IGNORECASE)
# "approve a statement … and a plan …": two outcomes.
_SECOND_OBJECT = re.compile(r"\s+and\s+(?=(?:a|an)\s)")


@dataclass(frozen=True)
class FoundOutcome:
    description: str
    expected: bool
    span: Span


def _object_after(text: str) -> str:
    return _CUT.split(text, maxsplit=1)[0]


def _passive_subject(before: str) -> str:
    """The subject of "… was signed": "Following the talks, a package of documents on trade,
    particularly in energy, was signed" gives "a package of documents on trade"."""
    before = re.sub(r"^(?:(?:Following|After|During|At|In|On|Later|Also|Besides|Then)\b[^,]*,"
                    r"\s*)+", "", before.strip())
    pieces = [p for p in re.split(r"[,;:]\s", before) if p.strip()]
    if not pieces:
        return ""
    # "a package …, particularly in …, healthcare and finance,": the head is the first piece.
    return pieces[0] if len(pieces) > 1 and re.match(r"(?:an?|the)\s", pieces[0], re.I) \
        else pieces[-1]


def _listed(doc: Document, sentence_start: int, text: str) -> list[FoundOutcome]:
    """"The documents signed include an agreement on …; a protocol on …": one each."""
    found = []
    for match in _DOCUMENTS_INCLUDE.finditer(text):
        rest = re.split(r"\.\s|\.$", text[match.end():], maxsplit=1)[0]
        for piece in re.split(r";\s*(?:and\s+)?|,\s+as\s+well\s+as\s+", rest):
            piece = clean_phrase(re.sub(r"^(?:also\s+|and\s+)+", "", piece.strip()))
            if len(piece.split()) >= 2:
                found.append(FoundOutcome(f"Signing of {piece}", False,
                                          (sentence_start, sentence_start + len(text))))
    return found


# "oversaw the signing of …", "resulted in the adoption of …", "took the decision to …",
# "made a joint statement", "X was appointed …": outcomes told as nouns or appointments.
_NOMINAL = re.compile(
    r"\b(?:oversaw|witnessed|attended|resulted\s+in|led\s+to|ended\s+with|saw|followed\s+by"
    r"|concluded\s+with)\s+(?:the\s+)?(?P<noun>signing|adoption|approval|establishment"
    r"|conclusion|launch|creation)\s+of\s+(?P<thing>[^.;]+)"
    r"|\b(?:took|made|adopted|reached)\s+(?:the|a)\s+decision\s+(?P<decision>to\s+[^.;]+)"
    r"|\b(?:made|issued|released)\s+(?P<statement>(?:a|the)\s+joint\s+(?:statement|declaration"
    r"|communiqu[eé]))"
    r"|(?P<appointee>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){1,3})\s+(?:was|were)\s+(?P<role_verb>appointed"
    r"|elected|named)\s+(?P<role>[^.;,]+)")


def _nominal(sentence_start: int, text: str) -> list[FoundOutcome]:
    found = []
    for match in _NOMINAL.finditer(text):
        span = (sentence_start, sentence_start + len(text))
        if match.group("noun"):
            thing = clean_phrase(_object_after(match.group("thing")))
            description = f"{capitalise(match.group('noun'))} of {thing}"
        elif match.group("decision"):
            description = f"Decision {clean_phrase(_object_after(match.group('decision')))}"
        elif match.group("statement"):
            description = capitalise(re.sub(r"^(?:a|the)\s+", "",
                                            clean_phrase(match.group("statement"))))
        else:
            noun = {"appointed": "Appointment", "elected": "Election",
                    "named": "Appointment"}[match.group("role_verb")]
            description = f"{noun} of {match.group('appointee')} " \
                          f"{clean_phrase(match.group('role'))}"
        if len(description.split()) >= 2:
            found.append(FoundOutcome(description, False, span))
    return found


def find_outcomes(doc: Document) -> list[FoundOutcome]:
    found: list[FoundOutcome] = []
    # The heading may tell the outcome ("A joint statement was adopted following talks …").
    heading = [doc.heading] if doc.heading is not None else []
    for sentence in [*heading, *doc.body]:
        text = sentence.text
        listed = _listed(doc, sentence.start, text)
        if sentence not in heading:
            listed += _nominal(sentence.start, text)
        found.extend(f for f in listed if all(f.description != g.description for g in found))
        patterns = ((_PAST_PASSIVE, False),) if sentence in heading else (
            (_FUTURE, True), (_PAST_PASSIVE, False), (_PAST, False))
        for pattern, expected in patterns:
            for match in pattern.finditer(text):
                extras: list[str] = []
                stem = re.sub(r"\s+", " ", match.group("verb").lower())
                stem = "finali" if stem.startswith("finali") else stem
                noun = _VERBS.get(stem, "")
                if match.groupdict().get("passive"):
                    thing = clean_phrase(_passive_subject(text[:match.start()]))
                else:
                    rest = text[match.end():]
                    if not expected and (_PARTICIPLE_NEXT.match(rest) or not rest.strip()):
                        continue
                    if not expected and not _finite_subject(text[:match.start()]):
                        continue
                    things = [clean_phrase(t) for t in _SECOND_OBJECT.split(_object_after(rest))]
                    thing = re.sub(r"^(?:also\s+)?", "", things[0])
                    for extra in things[1:]:
                        if len(extra.split()) >= 2:
                            extras.append(extra)
                if len(thing.split()) < 2 or (stem == "agre" and thing.startswith("to ")):
                    if stem == "agre" and thing.startswith("to "):
                        noun, thing = "Agreement", thing
                    else:
                        continue
                if stem == "agre" and re.match(r"(?:on|that|to)\s", thing):
                    description = capitalise(f"Agreement {thing}")
                else:
                    thing = re.sub(r"^(?:on|that)\s+", "", thing)
                    description = f"{noun} {thing}" if noun else capitalise(thing)
                span = (sentence.start, sentence.end)
                if any(f.description == description or f.span == span and
                       f.expected == expected for f in found):
                    continue
                found.append(FoundOutcome(description, expected, span))
                for extra in extras:
                    found.append(FoundOutcome(f"{noun} {extra}" if noun else capitalise(extra),
                                              expected, span))
    return found


def _finite_subject(before: str) -> bool:
    """A past form is a finite verb when a plausible subject ends just before it."""
    words = re.findall(r"[\w'-]+", before)
    if not words:
        return False
    if words[-1][:1].isupper() and words[-1] not in ("The", "A", "An"):
        return True
    last = words[-1].lower()
    return last in {"ministers", "sides", "parties", "leaders", "participants", "they", "we",
                    "state", "government", "heads", "delegates",
                    "council", "states", "presidents", "delegations", "countries", "members",
                    "meeting", "summit", "session", "commission", "committee", "also",
                    "jointly", "unanimously", "formally", "successfully", "have", "has",
                    "had", "and"}
