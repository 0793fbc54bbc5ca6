"""Positions: what one party says or will say ("the Russian party will draw attention to …",
"Russia stressed …", "Lavrov noted …")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import CITY, REGION, Gazetteer, trie_regex
from .spans import Document, Span, capitalise, clean_phrase

_STANCE_VERB = (
    r"(?:stress|emphasi[sz]|underline|underscor|reaffirm|reiterat|point(?:ed)?\s+out|point"
    r"|draw(?:n)?\s+attention\s+to|drew\s+attention\s+to|insist|advocat|propos|call(?:ed)?\s+"
    r"(?:for|on|upon)|call|urg|express|rais|confirm|highlight|not|warn|welcom|condemn"
    r"|support|oppos|reject|argu|make\s+clear|made\s+clear|recall|favou?r|believ|suggest"
    r"|put\s+forward|outlin|explain|stated|declar|voic|remind|regret|denounc|present"
    r"|say|said|tell|told|inform|assur|demand|object|protest|deplor|acknowledg"
    # Readouts tell what each side did more than what it said.
    # (What the sides discuss or agree together is an agenda item or an outcome, not one
    # side's position.)
    r"|thank|commend|congratulat|reinforc|brief|updat|provid|celebrat|affirm|pledg|commit"
    r"|announc|convey|applaud|recogni[sz]|share|offer|encourag|extend|lauded|prais"
    r"|look(?:ed)?\s+forward|hail|deliver|describ|indicat)"
)
# A sentence that goes on about the one just named: "He raised …", "They reaffirmed …".
_PRONOUN = re.compile(r"^(?:He|She)\b")
_GROUP_SUBJECT = (r"the\s+two\s+(?:leaders|sides|ministers|presidents|officials|men|women)"
                  r"|both\s+(?:leaders|sides|ministers|presidents|officials)|the\s+two"
                  r"|they|the\s+partners|the\s+delegations|the\s+heads\s+of\s+state")
# "They" goes on for the collective named just before ("The Council … They recalled …").
_VERB_FORM = (rf"(?:(?:will|would|also|has|have|had|again|once\s+again|strongly|firmly"
              rf"|is\s+expected\s+to|are\s+expected\s+to|intends?\s+to|plans?\s+to"
              rf"|is\s+going\s+to|\s)+)?{_STANCE_VERB}\w*")
_COLLECTIVE = {"the sides": "Both sides", "both sides": "Both sides",
               "the parties": "Both sides", "the participants": "All participants",
               "the ministers": "All participants", "the leaders": "All participants"}
_TITLES = (r"Mr|Ms|Mrs|Dr|Secretary|Minister|President|Vice\s+President|Chancellor"
           r"|Prime\s+Minister|Foreign\s+Minister|Ambassador|National\s+Security\s+Advis[eo]r"
           r"|NSA|Deputy\s+National\s+Security\s+Advis[eo]r|Secretary\s+of\s+State|King"
           r"|Emir|Crown\s+Prince|Premier|General")


@dataclass(frozen=True)
class FoundPosition:
    party: str
    stance: str
    span: Span


class PositionFinder:
    def __init__(self, gaz: Gazetteer, people: dict[str, str], body: str = "") -> None:
        """``people`` maps a participant's name and surname to the party they represent;
        ``body`` is who "the Council" or "the members of the Council" speak for."""
        self.gaz = gaz
        self.people = people
        self.body = body
        parties = sorted((s for s, (kind, entry) in gaz.surfaces.items()
                          if kind not in (CITY, REGION) and entry.kind != "city"),
                         key=len, reverse=True)
        names = sorted(people, key=len, reverse=True)
        subject = trie_regex([*names, *parties])
        self._pattern = re.compile(
            rf"(?:^|(?<=[,;:]\s)|(?<=\bthat\s)|(?<=\bwhile\s))(?:(?:The|the)\s+)?(?:(?:{_TITLES}|[A-Z][a-z]+)"
            rf"\.?\s+){{0,4}}(?P<subject>{subject})(?:\s+(?:party|side|delegation|government"
            rf"|leadership|representatives?|minister))?\s+(?P<verb>{_VERB_FORM})\b"
            rf"|(?:^|(?<=[,;:]\s))(?P<collective>(?i:the\s+sides|both\s+sides|the\s+parties|the\s+participants"
            rf"|the\s+ministers|the\s+leaders|{_GROUP_SUBJECT}|(?:the\s+)?members\s+of\s+the\s+(?:\w+\s+)?"
            rf"(?:Council|Commission|Committee|Assembly)|the\s+(?:\w+\s+)?(?:Council|Commission"
            rf"|Committee|Assembly)))\s+(?P<verb2>{_VERB_FORM})\b"
        )

    def find(self, doc: Document) -> list[FoundPosition]:
        found: list[FoundPosition] = []
        last_party = ""
        last_collective = ""
        for sentence in doc.body:
            match = self._pattern.search(sentence.text)
            if match is None:
                pronoun = _PRONOUN.match(sentence.text)
                verb = re.match(rf"\s+(?P<verb>{_VERB_FORM})\b", sentence.text[pronoun.end():]) \
                    if pronoun and last_party else None
                if verb is not None and pronoun is not None:
                    stance = clean_phrase(sentence.text[pronoun.end() + verb.start("verb"):])
                    if len(stance.split()) >= 3:
                        found.append(FoundPosition(last_party, capitalise(stance) + ".",
                                                   sentence.span))
                continue
            if match.group("collective"):
                said_by = re.sub(r"\s+", " ", match.group("collective").lower())
                party = _COLLECTIVE.get(said_by, "Both sides" if re.match(
                    _GROUP_SUBJECT, said_by) else self.body)
                if said_by == "they" and last_collective:
                    party = last_collective
                verb_start = match.start("verb2")
            else:
                subject = match.group("subject")
                party = self.people.get(subject) or self.gaz.party(subject)
                verb_start = match.start("verb")
            if not party:
                continue
            last_party = party
            entry = self.gaz.lookup(party)
            last_collective = party if match.group("collective") or (
                entry is not None and entry.kind in ("organisation", "body", "group")) else ""
            stance = clean_phrase(sentence.text[verb_start:])
            stance = re.sub(r"^(?:also|again)\s+", "", stance)
            if len(stance.split()) < 3:
                continue
            found.append(FoundPosition(party, capitalise(stance) + ".",
                                       (sentence.start + match.start(), sentence.end)))
        return found
