"""The meeting itself: body, level, place, title, and the kind and issuer of the statement."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import CITY, ORG, REGION, STATE, Gazetteer, Mention
from .spans import Document, Span, clean_phrase

_MEETING_NOUN = (r"(?:session|meeting|sitting|summit|conference|ministerial(?:\s+meeting)?"
                 r"|talks|consultations|forum|round|plenary|council\s+meeting)")
_UNKNOWN_BODY = re.compile(
    rf"\b(?P<noun>{_MEETING_NOUN})\s+of\s+the\s+(?P<body>(?:[A-Z][\w'’-]*\s+|of\s+|for\s+|and\s+"
    r"|on\s+|the\s+){0,7}(?:Council|Committee|Commission|Assembly|Forum|Group|Conference|Board"
    r"|Dialogue|Organi[sz]ation|Union|Community|Partnership|Club|Format)(?:\s+(?:of|on|for)"
    r"\s+(?:the\s+)?(?:[A-Z][\w'’-]*(?:\s+(?:of|for|and|on)(?:\s+the)?(?=\s+[A-Z]))?\s*)+)?)(?:\s+\((?P<acronym>[A-Z][A-Za-z0-9+]{1,9})\))?"
)
# "the 32nd EU-Russia Summit", "the Russia-ASEAN summit": a format named by its parties.
_COMPOUND_BODY = re.compile(
    r"(?P<body>(?P<parties>[A-Z][\w]*(?:[-–][A-Z][\w]*)+)\s+(?P<noun>[Ss]ummit|[Cc]ouncil"
    r"|[Cc]ommission|[Ff]orum|[Dd]ialogue))\b(?!\s+(?:on|in|of)\s+\d)"
)
# What follows an organisation's name to make the body: "CIS Council of Heads of State".
_BODY_EXTENSION = re.compile(
    r"(?:[ \t]+(?:[A-Z][\w'’-]*[ \t]+){0,3}?(?:Council|Commission|Committee|Summit|Forum"
    r"|Assembly|Conference|Task[ \t]+Force|Working[ \t]+Group|Dialogue)"
    r"(?:[ \t]+(?:of|on|for)[ \t]+(?:the[ \t]+)?(?:Heads[ \t]+of[ \t]+(?:State|Government)s?"
    r"(?:[ \t]+and[ \t]+Government)?|[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3}))?)(?![\w-])")
_DATELINE_AFTER = re.compile(r"\s*(?:\[[^\]\n]{1,40}\])?\s*,\s*(?:[A-Z][a-z]+\.?\s+\d|\d{1,2}\s+"
                             r"[A-Z][a-z]+)[^\n(]{0,20}\(")
_COUNCIL_OF = re.compile(
    r"(?<![\w-])(?:[A-Z][\w'’-]*\s+(?:and\s+|of\s+|for\s+)?){0,5}(?:Council|Commission"
    r"|Committee|Assembly|Board|Parliament|Secretariat)\s+of\s+(?:the\s+)?\Z")
_PARTNERS_BEFORE = re.compile(r"(?<![\w.-])(?:[A-Z][\w.]*[-–])+\Z")
# "Normandy format summit", "the Astana format meeting".
_FORMAT_BODY = re.compile(r"(?P<body>[“\"”]?[A-Z][\w]*[”\"“]?\s+format)\s+(?P<noun>summit|meeting"
                          r"|talks)\b")
_LEVEL = re.compile(
    r"\bat\s+the\s+level\s+of\s+(?P<level>(?:the\s+)?[a-z][\w' -]*?)(?=\s+(?:in|on|at|to|and"
    r"\s+will|which)\b|[,.;(])"
    r"|\b(?P<level2>(?:deputy\s+)?(?:foreign|defen[cs]e|finance|trade|economy|energy|interior"
    r"|justice|agriculture|health|transport)\s+ministers|national\s+security\s+advis[eo]rs)['’]?\s*(?:meeting|session|council"
    r"|conference|talks)?"
    r"|\b(?:meeting|session|conference|council)\s+of\s+(?:the\s+)?"
    r"(?:(?!(?:Deputy|Foreign|Defen[cs]e|Finance|Trade)\b)[A-Z][\w-]*\s+)?"
    r"(?P<level3>(?:Deputy\s+)?(?:Foreign|Defen[cs]e|Finance|Trade)\s+Ministers|Ministers\s+of"
    r"\s+Foreign\s+Affairs|Heads\s+of\s+State(?:\s+and\s+Government)?|Heads\s+of\s+Government"
    r"|Ministers|Ambassadors|Permanent\s+Representatives|Chiefs\s+of\s+(?:the\s+)?General\s+"
    r"Staff|Leaders)\b",
    re.IGNORECASE,
)
_NOT_PLACES = {"January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December", "Monday", "Tuesday",
               "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "The", "This", "Addition",
               "Particular", "Order", "Connection", "Line", "Accordance", "Support", "View"}
# A venue named where no city is: "welcome the Chancellor to the White House", "met at the
# United Nations", "talks at the Kremlin".
_VENUE = re.compile(
    r"\b(?:at|to|in)\s+the\s+(?P<venue>White\s+House|Kremlin|United\s+Nations(?:\s+Headquarters)?"
    r"|UN\s+Headquarters|(?:[A-Z][\w'’-]*\s+){1,3}(?:Palace|Castle|Residence|House|Hall))"
    r"(?![\w-]|\s+(?:of|for)\b)")
_SUMMIT = re.compile(r"\bsummit\b", re.IGNORECASE)
_ROLE_LEVELS = [
    (re.compile(r"Foreign Minister|Minister (?:of|for) (?:Foreign|External|Europe and Foreign)|"
                r"Secretary of State|Foreign Secretary|High Representative", re.I),
     "foreign ministers"),
    (re.compile(r"Defen[cs]e (?:Minister|Secretary)|Minister of Defen[cs]e", re.I),
     "defence ministers"),
    (re.compile(r"National Security Advis[eo]r", re.I), "national security advisors"),
    (re.compile(r"^(?:President|Prime Minister|Chancellor|Federal Chancellor|King|Emir|Premier)"
                r"$", re.I), "heads of state and government"),
]
_KIND = [
    (re.compile(r"\bjoint\s+(?:statement|declaration|communiqu[eé])", re.I), "joint statement"),
    (re.compile(r"\bcommuniqu[eé]\b", re.I), "communiqué"),
    (re.compile(r"\bpress\s+release\b", re.I), "press release"),
    (re.compile(r"\bcomment(?:ary)?\b", re.I), "comment"),
    (re.compile(r"\b(?:chair(?:man)?['’]?s?\s+)?statement\b", re.I), "statement"),
    (re.compile(r"\b(?:remarks|transcript|speech|address)\b", re.I), "remarks"),
    (re.compile(r"\bdeclaration\b", re.I), "declaration"),
    (re.compile(r"\b(?:briefing|answer|information)\b", re.I), "briefing"),
]
_ISSUER = re.compile(
    r"^(?:[\w'’]+\s+){1,3}?(?:by|of|from)\s+(?:the\s+)?(?P<issuer>.+?)(?:\s+(?:regarding|on|concerning|about|in"
    r"\s+connection\s+with|following|after|ahead\s+of|at|to)\s|\s*[:–—-]\s|$)",
)
_KIND_WORDS = re.compile(r"\b(?:comment|statement|declaration|communiqu[eé]|release|remarks"
                         r"|note|briefing|information|answer|address|speech)\b", re.I)
_SOURCE_LINE = re.compile(r"^(?:Source|Issued\s+by|Published\s+by)\s*:?\s*(?P<issuer>.+)$",
                          re.I | re.M)


@dataclass(frozen=True)
class Found:
    value: str
    span: Span


@dataclass(frozen=True)
class BodyFound:
    name: str
    acronym: str
    noun: str
    span: Span


def find_body(doc: Document, gaz: Gazetteer, mentions: list[Mention],
              exclude: list[Span] = ()) -> BodyFound | None:
    """The organisation or body that meets: the one a meeting noun is "of" (or names)."""
    text = doc.text
    noun = re.compile(rf"\b(?P<noun>{_MEETING_NOUN})\s+of\s+(?:the\s+)?$", re.IGNORECASE)
    # "… Council's 153rd ministerial meeting", "ASEAN foreign ministers met".
    after = re.compile(rf"^[\s'’s]*(?:\([A-Z]+\)\s*)?(?:\d+(?:st|nd|rd|th)\s+|(?:annual|regular"
                       rf"|extraordinary|special|emergency|informal)\s+)*(?:(?:foreign|defen[cs]e"
                       rf"|finance)\s+ministers['’]?\s+)?(?P<noun>{_MEETING_NOUN}|met|meet"
                       rf"|will\s+meet|convened|gathered)\b", re.IGNORECASE)
    # "will take part in the OSCE Ministerial Council": a body named as the event attended.
    attends = re.compile(r"\b(?:take|took|taking|takes)\s+part\s+in\s+(?:the\s+)?(?:a\s+)?"
                         r"(?:\w+(?:st|nd|rd|th)\s+)?(?:session\s+of\s+(?:the\s+)?|meeting\s+of"
                         r"\s+(?:the\s+)?)?$|\b(?:attend(?:s|ed|ing)?|participat(?:e|es|ed|ing)"
                         r"\s+in|join(?:s|ed)?|chair(?:s|ed)?)\s+(?:the\s+)?(?:\w+(?:st|nd|rd|th)"
                         r"\s+)?$", re.IGNORECASE)
    # Another event: the one whose margins the meeting is on, one it prepares for, one past.
    aside = re.compile(r"(?:(?:sidelines|margins|eve)\s+of|in\s+advance\s+of|ahead\s+of"
                       r"|preparations?\s+for|prepare\s+for|run-up\s+to"
                       # "the decision taken at the 10th BRICS summit": an earlier event.
                       r"|(?:taken|adopted|reached|agreed|made|announced|launched|signed)\s+at)"
                       r"\s+(?:the\s+)?"
                       r"(?:[\w-]+\s+){0,4}$|\b(?:upcoming|next|last|previous|forthcoming"
                       r"|(?:19|20)\d\d)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
    body_order = [s for s in doc.body] + ([doc.heading] if doc.heading else [])
    for sentence in body_order:
        for mention in mentions:
            if not sentence.start <= mention.start < sentence.end or mention.kind != ORG:
                continue
            if mention.entry.kind not in ("body", "organisation", "group"):
                continue
            if any(s <= mention.start < e for s, e in exclude):
                continue  # "the decisions of the BRICS summit in Fortaleza" is a reference
            before = text[max(sentence.start, mention.start - 40):mention.start]
            # The body as the text names it: "CIS Council of Heads of State", "Russia-EU
            # Summit", "U.S.-EU Task Force on Energy Security", not only the organisation.
            start, end = mention.start, mention.end
            partners = _PARTNERS_BEFORE.search(text, max(sentence.start, start - 30), start)
            if partners is not None:
                start = partners.start()
            extension = _BODY_EXTENSION.match(text, end)
            if extension is not None and extension.end() <= sentence.end:
                end = extension.end()
            hit = noun.search(before) or after.match(text[end:end + 40]) or (
                after.match(text[mention.end:mention.end + 40]))
            if not hit and mention.entry.kind == "body" and attends.search(
                    text[max(sentence.start, mention.start - 60):mention.start]):
                hit = re.match(r"(?P<noun>)", "")
            # "The Peace and Security Council of the African Union met": the council is the
            # body, not the union.
            council = _COUNCIL_OF.search(text, max(sentence.start, start - 80), start)
            if hit and council is not None:
                start = council.start()
                if text.startswith(("The ", "the "), start):
                    start += 4
            # "on the sidelines of the 69th session of the UN General Assembly": not the body.
            if hit and aside.search(text[max(sentence.start, mention.start - 90):mention.start]):
                continue
            if hit:
                acronym = mention.entry.acronym or _acronym_after(text, mention.end)
                found_noun = hit.group("noun").lower()
                if found_noun in ("met", "meet", "will meet", "convened", "gathered", ""):
                    found_noun = "meeting"
                # The text's own words ("ASEAN", not the gazetteer's full name).
                name = clean_phrase(text[start:end])
                if extension is not None and end > mention.end and \
                        re.search(r"(?i)summit$", name) and found_noun == "summit":
                    found_noun = "meeting"  # "Russia-EU Summit meeting", not "… Summit summit"
                return BodyFound(name, acronym, found_noun, (start, end))
        fmt = _FORMAT_BODY.search(sentence.text)
        if fmt is not None:
            name = clean_phrase(fmt.group("body")).replace("”", "").replace("“", "")
            return BodyFound(name, "", fmt.group("noun").lower(),
                             (sentence.start + fmt.start("body"),
                              sentence.start + fmt.end("body")))
        compound = _COMPOUND_BODY.search(sentence.text)
        if compound and all(gaz.lookup(part) is not None
                            for part in re.split(r"[-–]", compound.group("parties"))):
            name = clean_phrase(compound.group("body"))
            name = name[:1].upper() + name[1:]
            return BodyFound(name, "", compound.group("noun").lower(),
                             (sentence.start + compound.start("body"),
                              sentence.start + compound.end("body")))
        match = _UNKNOWN_BODY.search(sentence.text)
        if match and not aside.search(sentence.text[:match.start("body")]):
            name = clean_phrase(match.group("body"))
            entry = gaz.lookup(name)
            if entry is not None:
                name = entry.name
            return BodyFound(name, match.group("acronym") or (entry.acronym if entry else "")
                             or _initials(name),
                             match.group("noun").lower(),
                             (sentence.start + match.start("body"),
                              sentence.start + match.start("body") + len(name)))
    return None


def _acronym_after(text: str, position: int) -> str:
    match = re.match(r"\s*\(([A-Z][A-Za-z0-9+]{1,9})\)", text[position:position + 20])
    return match.group(1) if match else ""


def _initials(name: str) -> str:
    letters = "".join(w[0] for w in re.findall(r"[A-Z][\w'-]*", name))
    return letters if len(letters) >= 2 else ""


def find_level(doc: Document, roles: list[str], body: BodyFound | None) -> Found | None:
    for sentence in doc.sentences:
        match = _LEVEL.search(sentence.text)
        if match:
            group = next(g for g in ("level", "level2", "level3") if match.group(g))
            value = re.sub(r"^the\s+", "", clean_phrase(match.group(group)).lower())
            value = value.replace("ministers of foreign affairs", "foreign ministers")
            # (The text's own spelling stays: "defense ministers" is not rewritten.)
            return Found(value, (sentence.start + match.start(group),
                                 sentence.start + match.end(group)))
    if body is not None and body.noun == "summit":
        return Found("heads of state and government", body.span)
    named = [role for role in roles if role]
    for pattern, level in _ROLE_LEVELS:
        if named and sum(1 for role in named if pattern.search(role)) * 2 > len(named):
            return Found(level, (0, 0))
    for sentence in doc.body:
        match = _SUMMIT.search(sentence.text)
        if match:
            return Found("heads of state and government",
                         (sentence.start + match.start(), sentence.start + match.end()))
    return None


def find_location(doc: Document, mentions: list[Mention], meeting_sentence: int | None,
                  exclude: list[Span]) -> Found | None:
    """The city the meeting is in: preferably named with "in" in the meeting's sentence."""
    text = doc.text

    def ok(mention: Mention) -> bool:
        if mention.kind != CITY:
            return False
        if _DATELINE_AFTER.match(text, mention.end):
            return False  # "Moscow [Russia], November 25 (Agency):" is where it was filed
        return not any(s <= mention.start < e for s, e in exclude)

    # "April 8, 2013, The Kremlin, Moscow" under the heading: a report datelined where the
    # meeting was (an agency's "OSLO, May 14 (Agency)" is only where it was filed, below).
    for sentence in doc.body[:1]:
        line = _DATE_FIRST_DATELINE.match(sentence.text)
        if line:
            place = _dateline_place(line.group("places"), mentions, sentence.start
                                    + line.start("places"))
            if place is not None:
                return place
    ordered = list(doc.body)
    if meeting_sentence is not None:
        ordered.sort(key=lambda s: (s.index != meeting_sentence, s.index))
    for sentence in ordered[:6]:
        for mention in mentions:
            if sentence.start <= mention.start < sentence.end and ok(mention):
                before = text[max(0, mention.start - 12):mention.start]
                after = text[mention.end:mention.end + 20]
                if re.search(r"\b(?:in|at|to)\s+(?:the\s+)?$", before) or \
                        mention.start == sentence.start or \
                        re.match(r"\s+(?:will\s+)?host", after):
                    # The text's own spelling ("Sharm El Sheikh"), not the gazetteer's.
                    return Found(mention.surface, (mention.start, mention.end))
        venue = _VENUE.search(sentence.text)
        if venue and not any(s <= sentence.start + venue.start() < e for s, e in exclude):
            start = sentence.start + venue.start("venue")
            return Found(venue.group("venue"), (start, start + len(venue.group("venue"))))
    if meeting_sentence is not None:
        sentence = doc.sentences[meeting_sentence]
        for match in re.finditer(r"\bin\s+(?P<place>[A-Z][^\W\d_]+(?:[ -][A-Z][^\W\d_]+)?)"
                                 r"(?=[\s,.;]|$)",
                                 sentence.text):
            place = match.group("place")
            if place in _NOT_PLACES or any(m.surface == place or m.surface.startswith(place)
                                           for m in mentions if m.kind != CITY):
                continue
            start = sentence.start + match.start("place")
            return Found(place, (start, start + len(place)))
    # The heading's "… met in Chisinau", "Talks in Geneva".
    if doc.heading is not None:
        for mention in mentions:
            if doc.heading.start <= mention.start < doc.heading.end and ok(mention) and \
                    re.search(r"\b(?:in|at)\s+(?:the\s+)?$", text[max(0, mention.start - 8):
                                                               mention.start]):
                return Found(mention.surface, (mention.start, mention.end))
        heading_place = re.search(r"\b(?:held|met|meet|talks|summit|meeting)\s+(?:was\s+held\s+)?"
                                  r"in\s+(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s*$",
                                  doc.heading.text)
        if heading_place and heading_place.group("place") not in _NOT_PLACES and not any(
                m.surface == heading_place.group("place") and m.kind != CITY for m in mentions):
            start = doc.heading.start + heading_place.start("place")
            return Found(heading_place.group("place"),
                         (start, start + len(heading_place.group("place"))))
    # A dateline: "BRUSSELS, 4 December" or "Geneva, 3 June 2014 –".
    for sentence in doc.sentences[:3]:
        match = re.match(r"([A-Z][A-Za-z .'-]{2,30}?)\s*,\s*(?:\d|[A-Z][a-z]+\s+\d)",
                         sentence.text)
        if match:
            surface = match.group(1).title() if match.group(1).isupper() else match.group(1)
            return Found(surface, (sentence.start, sentence.start + len(match.group(1))))
    for sentence in ordered[:3]:
        match = re.search(r"\b(?:held|take\s+place|took\s+place|meet|met|convene[sd]?|gather"
                          r"(?:ed)?|hosted|visit(?:ed)?|arrive[sd]?|be)\s+in\s+(?P<place>[A-Z][a-z]"
                          r"+(?:[ -][A-Z][a-z]+)?)", sentence.text)
        if match:
            place = match.group("place")
            kinds = {m.kind for m in mentions if m.surface == place}
            if kinds & {ORG, REGION}:
                continue
            start = sentence.start + match.start("place")
            if STATE in kinds and any(ok(m) for m in mentions):
                continue
            return Found(place, (start, start + len(place)))
    return None


_DATE_FIRST_DATELINE = re.compile(
    r"^\s*(?:[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4})"
    r",\s*(?P<places>[^\n.;:]{2,80}?)\s*$")
_VENUE_PIECE = re.compile(r"^(?:The\s+)|\b(?:Palace|Castle|Residence|House|Hall|Region|Oblast"
                          r"|Province|Territory|Krai|District)$")


def _dateline_place(places: str, mentions: list[Mention], offset: int) -> Found | None:
    """The town of a date-first dateline: a known city among its pieces, else the first piece
    that is not a venue ("The Kremlin") or a region ("Moscow Region")."""
    pieces = [(m.start(), m.group().strip()) for m in re.finditer(r"[^,]+", places)]
    cities = {m.start: m for m in mentions if m.kind == CITY}
    for start, piece in pieces:
        lead = len(places[start:]) - len(places[start:].lstrip())
        mention = cities.get(offset + start + lead)
        if mention is not None and mention.surface == piece:
            return Found(piece, (offset + start + lead, offset + start + lead + len(piece)))
    for start, piece in pieces:
        lead = len(places[start:]) - len(places[start:].lstrip())
        if piece and not _VENUE_PIECE.search(piece) and not any(
                m.surface == piece and m.kind in (STATE, REGION) for m in mentions):
            return Found(piece, (offset + start + lead, offset + start + lead + len(piece)))
    return None


_CALL = re.compile(r"\b(?:(?:tele)?phone\s+(?:call|conversation|talks?)|spoke\s+(?:by|over\s+the)"
                   r"\s+(?:tele)?phone|(?:tele)?phone\s+with|call\s+with|called\s+(?:President"
                   r"|Prime|Chancellor|Minister)|by\s+telephone)\b", re.IGNORECASE)
_VIDEO = re.compile(r"\b(?:video\s*conference|videoconference|video\s+link|video\s+call"
                    r"|virtual(?:ly)?\s+(?:meeting|summit|talks|held)|held\s+virtually|via\s+video"
                    r"|by\s+video|videoconferencing)\b", re.IGNORECASE)
_ANNOUNCED = re.compile(r"\b(?:will\s+(?:also\s+)?(?:meet|visit|hold|take\s+part|attend|host"
                        r"|welcome|travel|participate|pay|chair|lead|convene|have\s+talks"
                        r"|be\s+held)"
                        r"|looks?\s+forward\s+to\s+welcoming|(?:is|are)\s+to\s+(?:meet|visit|be\s+held"
                        r"|hold|take\s+part)|to\s+be\s+held|scheduled\s+to|upcoming)\b",
                        re.IGNORECASE)


def meeting_mode(doc: Document) -> str:
    """"call", "video" or "in person" (after PLOVER's CONSULT modes), from the heading and
    the first sentences, where a readout says how the leaders met."""
    for sentence in ([doc.heading] if doc.heading else []) + list(doc.body[:3]):
        if _VIDEO.search(sentence.text):
            return "video"
        if _CALL.search(sentence.text):
            return "call"
    return "in person"


def meeting_status(doc: Document, meeting_sentence: int | None) -> str:
    """"announced" when the statement tells of a meeting to come, else "held"."""
    probe = [doc.sentences[meeting_sentence]] if meeting_sentence is not None else []
    probe += ([doc.heading] if doc.heading else []) + list(doc.body[:2])
    for sentence in probe:
        if _ANNOUNCED.search(sentence.text):
            return "announced"
    return "held"


def source_kind(heading: str, text: str) -> str:
    probe = heading or text[:300]
    for pattern, kind in _KIND:
        if pattern.search(probe):
            return kind
    return "press release"


def source_issuer(heading: str, text: str) -> str:
    line = _SOURCE_LINE.search(text)
    if line:
        return clean_phrase(line.group("issuer"))
    if heading:
        match = _ISSUER.search(heading)
        if match and _KIND_WORDS.search(heading[:match.start("issuer")]):
            issuer = clean_phrase(match.group("issuer"))
            if 1 <= len(issuer.split()) <= 14:
                return issuer
    return ""
