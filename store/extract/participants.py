"""Participants: who took part, in what role, for which state or organisation.

Three phrasings cover most statements:

* party, role, name — "the Russian Foreign Minister Sergey Lavrov", "US Secretary of State
  John Kerry", "NATO Secretary General Anders Fogh Rasmussen", "Minister of Foreign Affairs
  of the Russian Federation Sergey Lavrov";
* name, role — "Sergey Lavrov, Minister of Foreign Affairs of Russia";
* collective — "the NATO foreign ministers", "the foreign ministers of the BRICS countries".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .gazetteer import CITY, REGION, Gazetteer, Mention, trie_regex
from .spans import Span, capitalise, clean_phrase, person_key

_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĖĘĚĜĞĠĢĤĦĨĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_LOW = "a-zß-öø-ÿāăąćĉċčďđēėęěĝğġģĥħĩīįıķĺļľłńņňōőœŕŗřśŝşšţťŧũūŭůűųŵŷźżž'’"
_NAME_WORD = rf"(?:[{_UP}][{_LOW}]+(?:-[{_UP}]?[{_LOW}]+){{0,3}}|[{_UP}]\.)"
_PARTICLE = r"(?:von|van|der|den|de|da|del|della|di|du|la|le|bin|ibn|al|el|ben|dos|das|Al|El)"
NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+|{_PARTICLE}-)*{_NAME_WORD}){{1,4}}"

_ROLE_MODIFIER = (r"(?:First|Deputy|Vice|Acting|Assistant|Under|Special|High|Permanent|Federal"
                  r"|Prime|Foreign|Defen[cs]e|Chief|Executive|Senior|State|Presidential"
                  r"|Interior|Finance|Trade|Economy|Energy|Justice|Crown|Supreme|Former"
                  r"|Secretary|Lord|National|Security|Cabinet|External|Affairs)")
_ROLE_HEAD = (r"(?:Minister|Secretary[- ]General|Secretary|President|Vice-President|Chancellor"
              r"|Ambassador|Representative|Envoy|Commissioner|Chairman|Chairwoman|Chairperson"
              r"|Chair|Director[- ]General|Director|Head|Premier|King|Queen|Emir|Prince|Sultan"
              r"|Spokesperson|Spokesman|Spokeswoman|Adviser|Advisor|Leader|Commander|Governor"
              r"|Mayor|Counsellor|Coordinator|Chief of (?:the )?General Staff|Speaker"
              r"|Lady|Gentleman|counterpart|colleague)")
# "of Foreign Affairs", "for Europe and Foreign Affairs", "of Defence" — a ministry's remit.
_REMIT = (r"(?:\s+(?:of|for|on)\s+(?:the\s+)?(?:Foreign Affairs|Foreign and Commonwealth Affairs"
          r"|Foreign Affairs and [A-Z][a-z]+(?: [A-Z][a-z]+)?|Europe and Foreign Affairs"
          r"|International Affairs|External Affairs|Defen[cs]e|State|Finance|Economy"
          r"|Economic Development|Trade|Foreign Trade|Industry and Trade|Energy|Justice"
          r"|Internal Affairs|the Interior|Interior|Emergency Situations|Armed Forces"
          r"|the Armed Forces|Foreign Policy|Security Policy|Foreign Affairs and Security Policy"
          r"|Political Affairs|Political Affairs and Security Policy|Security))?")
ROLE = (rf"(?:{_ROLE_MODIFIER}[ -])*{_ROLE_HEAD}"
        rf"(?:\s+and\s+(?:{_ROLE_MODIFIER}[ -])*{_ROLE_HEAD})?{_REMIT}")

_LEVEL_PLURAL = (r"(?:(?:foreign|defen[cs]e|finance|trade|economy|energy|interior|justice"
                 r"|deputy foreign|agriculture|health|transport)\s+ministers|ministers of foreign"
                 r" affairs|ministers of defen[cs]e|ministers|heads of state(?: and government)?"
                 r"|heads of government|leaders|ambassadors|permanent representatives"
                 r"|chiefs of (?:the )?general staff|chiefs of defen[cs]e|delegations|envoys"
                 r"|national security advisers|senior officials)")

_NOT_NAME_WORDS = {
    "Council", "Ministry", "Federation", "Affairs", "Union", "Organization", "Organisation",
    "Session", "Meeting", "Summit", "Republic", "Kingdom", "State", "States", "Nations",
    "Treaty", "Agreement", "Declaration", "Committee", "Commission", "Department", "Office",
    "Government", "Parliament", "Assembly", "Forum", "Group", "Programme", "Program",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "The", "On",
    "In", "During", "At", "Mission", "Force", "Alliance", "Partnership", "Conference",
    "Security", "Foreign", "Minister", "Secretary", "President", "General", "Defence",
    "Defense", "Talks", "Press", "Information", "January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November", "December",
    "Armed", "Forces", "Staff", "Cooperation", "Co-operation", "Centre", "Center", "Agency",
    "Bank", "Fund", "Service", "Services", "Administration", "Embassy", "Army", "Navy",
    "Visit", "Remarks", "Statement", "Comment", "Spokesperson", "Trip", "Tour",
    "Island", "Square", "Street", "Avenue", "Bridge", "Cathedral", "Church", "Monastery",
    "Museum", "Park", "Boulevard", "Airport", "Palace", "Hall", "Memorial", "Monument",
}


# "Advisor Dr. Liz Kerr": a courtesy title between the office and the name.
_HONORIFIC = r"(?:(?:Dr|Mr|Ms|Mrs|Prof|Sir|Dame|Shri|H\.\s?E)\.?\s+)?"
# A long title and then the name: "Secretary of the Northern Fisheries Council Ana Lind",
# "Deputy Secretary of State for Ports and Harbours Li Wen", "Ambassador to Norway Ole Dahl".
# The regex takes the whole run of capitalised words that starts with an office; the name is
# then what follows the run's last office, institution or place word (see _split_title).
_TITLE_START = (r"(?:First|Deputy|Vice|Acting|Assistant|Under|Special|High|Permanent|Principal"
                r"|Chief|Senior|Executive|Minister|Secretary|President|Director|Ambassador"
                r"|Advis[eo]r|Head|Chair(?:man|woman|person)?|Commissioner|Envoy|Member"
                r"|Representative|Governor|Mayor|Attorney|Coordinator|Spokesperson|Politburo)")
_LONG_TITLE = re.compile(
    rf"(?<![\w-]){_TITLE_START}(?:\s+(?:(?:of|for|to|and|on)\s+(?:the\s+)?)?"
    rf"(?:[{_UP}][\w.'’-]*|{_PARTICLE})){{1,16}}")
_INSTITUTION_WORDS = {
    "Member", "Director", "Secretary", "Council", "Commission", "Committee", "Advisor",
    "Adviser", "Minister", "President", "Chair", "Chairman", "Chairwoman", "Chairperson",
    "Ambassador", "Representative", "Envoy", "Affairs", "Security", "Office",
    "Secretary-General", "Commissioner", "Governor", "Mayor", "Head", "Chief", "Politburo",
    "Bureau", "General", "Attorney", "Coordinator", "Spokesperson", "Administrator",
    "Resources", "Policy", "Development", "Cooperation", "Relations", "Trade", "Defense",
    "Defence", "Finance", "Management", "Service", "Services", "Department", "Ministry",
    "Agency", "Party", "Forces", "Staff", "State", "Government", "Assembly", "Parliament",
    "Congress", "Senate", "Court", "Bank", "Fund", "Programme", "Program", "Institute",
    "Authority", "Board", "Administration", "Command", "Justice", "Interior", "Energy",
    "Health", "Education", "Labor", "Labour", "Transport", "Agriculture", "Environment",
    "Commerce", "Industry", "Economy", "Treasury", "Homeland", "Control", "Lady",
}
_HONORIFIC_WORDS = {"Dr.", "Dr", "Mr.", "Mr", "Ms.", "Ms", "Mrs.", "Mrs", "Prof.", "Sir",
                    "Dame", "Shri"}

# "President Kerr met …", "met with Prime Minister Lind of Norway", "the meeting included:
# Prime Minister Lind of Norway, …": an office and a surname alone, read only where the
# sentence shows the person taking part.
_TITLE_SURNAME = re.compile(
    rf"(?<![\w-])(?P<role>(?:(?:Vice|Prime|Deputy|Foreign|Crown|First|National\s+Security)\s+)?"
    rf"(?:President|Minister|Prime\s+Minister|Chancellor|Secretary|Premier|King|Emir|Prince"
    rf"|Advis[eo]r|Secretary-General|Ambassador|Governor|Mayor|(?:Special\s+)?Envoy)"
    rf"|Mr\.?|Ms\.?|Mrs\.?|Dr\.?)"
    rf"\s+(?P<name>[{_UP}][{_LOW}]+(?:-[{_UP}]?[{_LOW}]+)*(?:\s+(?:II|III|IV|V|VI|VII|VIII))?)"
    rf"(?![\w'’-]|\s+[{_UP}]|['’]s|\s+(?:bin|ibn|al|el|de|van|von|da|di)\s)")
_TAKES_PART_BEFORE = re.compile(
    r"(?:^|^(?:Today|Yesterday|On\s+[\w ,]+),\s*|\b(?:met|meet|meets|meeting|talks"
    r"|welcom(?:e|ed|ing)|spoke|call(?:ed)?|received?|host(?:ed|s)?|joined)\s+(?:today\s+)?"
    r"(?:with\s+)?(?:today\s+)?(?:the\s+)?"
    r"|(?:included|including|joined\s+by|accompanied\s+by|participants\s+were|attended\s+by)"
    r"\s*:?\s*(?:[^.;]*?(?:,|\band)\s+)?|,\s+(?:and\s+)?|\s+and\s+)$")
_TAKES_PART_AFTER = re.compile(
    r"^(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:of\s+)?[A-Z][\w-]*)*)?(?:,)?\s+(?:and\s+[^.;]{0,80}?\s+)?"
    r"(?:met|will\s+meet|meets|welcomed|will\s+welcome|looks?\s+forward|hosted|will\s+host"
    r"|held|will\s+hold|spoke|convened|attended|participated|joined|travell?ed|co-hosted"
    r"|led|had|received)\b")
# "met with Ana Lind, the head of …": a person met, named without an office first.
_MET_WITH = re.compile(rf"\b(?:met|meets|meet|talks|spoke|speaks)\s+(?:today\s+)?with\s+"
                       rf"{_HONORIFIC}(?P<name>{NAME})(?=\s*[,.;]|\s+(?:and|to|on|in|at|today)\b)")
# "Ana Lind met with …", "Ana Lind and Ole Dahl held talks", "Ana Lind, Prime Minister of
# Norway Ole Dahl … attended": a name with no title as the subject of a meeting verb.
_NAME_ON_A_LINE = NAME.replace(r"\s+", r"[ \t]+")  # a name never runs on past a line's end
_NAME_SUBJECT = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”’]\s)|(?<=,\s)|(?<=\bwhich\s)|(?<=\bwhom\s))"
    rf"(?P<name>{_NAME_ON_A_LINE})(?:\s+and\s+(?P<name2>{_NAME_ON_A_LINE}))?"
    rf"(?:(?:,|\s+and)[^.;\n]{{0,400}}?\s+|\s+(?:has\s+|have\s+|had\s+|will\s+|would\s+)?"
    rf"(?:also\s+)?)"
    rf"(?:met|meet|held|hold|attended|attend|visited|visit|took\s+part|take\s+part|participated"
    rf"|participate|had\s+(?:a\s+)?(?:meeting|talks|conversation)|arrived|signed|received"
    rf"|welcomed|hosted|chaired|co-chaired|joined|travell?ed|gave|discussed|spoke)\b",
    re.MULTILINE)
# "the first meeting between Ana Lind and Ole Dahl", "bilateral meetings with Ana Lind, Ole
# Dahl and Eva Berg", "a visit at the invitation of Ana Lind": the people the meeting is
# between, named with no title.
_BETWEEN = re.compile(
    rf"\b(?:meetings?|talks|conversations?|negotiations|consultations)\s+(?:between|with)\s+"
    rf"(?P<names>{_NAME_ON_A_LINE}(?:,\s+{_NAME_ON_A_LINE}){{0,8}}(?:,?\s+and\s+"
    rf"{_NAME_ON_A_LINE})?)(?=\s*[,.;]|\s+(?:in|on|at|to|today|will|was|were)\b)"
    rf"|\bat\s+the\s+invitation\s+of\s+(?P<host>{_NAME_ON_A_LINE})(?=\s*[,.;]|\s*$)")
_LIST_CONTEXT = re.compile(r"\b(?:included|including|joined\s+by|accompanied\s+by"
                           r"|participants\s+were|attended\s+by)\b", re.IGNORECASE)

_PLACE_AFTER = re.compile(r"\s+(?:Island|Square|Street|Avenue|Bridge|Cathedral|Church|Monastery"
                          r"|Museum|Park|Boulevard|Airport|Palace|Hall|Memorial|Monument"
                          r"|University|Prize|Medal|Station|Stadium)\b")

# Titles that only one state uses, when the text does not say whose they are.
_ROLE_PARTY = {"Secretary of State": "United States", "Federal Chancellor": "Germany",
               "Federal Foreign Minister": "Germany",
               "Foreign Secretary": "United Kingdom", "Taoiseach": "Ireland"}


def _compile(gaz: Gazetteer) -> tuple[re.Pattern[str], ...]:
    """The participant patterns; the party alternation is a trie of every gazetteer name."""
    parties = sorted((s for s, (kind, entry) in gaz.surfaces.items()
                      if kind not in (CITY, REGION) and entry.kind != "city"),
                     key=len, reverse=True)
    party = trie_regex(parties)
    party_first = re.compile(
        rf"(?:\b[Tt]he\s+)?(?<![\w-])(?P<party>{party})(?:'s|’s)?\s+(?P<role>{ROLE})"
        rf"(?:,)?\s+{_HONORIFIC}(?P<name>{NAME})"
    )
    role_first = re.compile(
        rf"(?<![\w-])(?P<role>{ROLE})(?:\s+of\s+(?:the\s+)?(?P<party>{party}))?"
        rf"(?:,)?\s+{_HONORIFIC}(?P<name>{NAME})(?:\s+of\s+(?:the\s+)?(?P<party_after>{party})\b)?"
    )
    name_first = re.compile(
        rf"(?P<name>{NAME}),\s+(?:the\s+|a\s+)?(?P<role>(?:(?:{party})(?:'s)?\s+)?{ROLE}"
        rf"(?:\s+(?:of|to)\s+(?:the\s+)?(?:{party}))?)(?=[,.;)]|\s+(?:and|who|will|has"
        rf"|had|was|is|said|stressed|noted|held|met|took|visited|\())"
    )
    collective = re.compile(
        rf"(?:\b[Tt]he\s+)?(?<![\w-])(?P<party>{party})\s+(?P<role>(?i:{_LEVEL_PLURAL}))\b"
        rf"|\b[Tt]he\s+(?P<role2>{_LEVEL_PLURAL})\s+of\s+(?:the\s+)?(?:member\s+states\s+of"
        rf"\s+(?:the\s+)?)?(?P<party2>{party})(?:\s+(?:countries|states|member states"
        rf"|nations))?\b"
    )
    # "Foreign ministers of Kazakhstan Ana Lind, of Norway Ole Dahl and of Iceland Eva Berg".
    list_item = rf"of\s+(?:the\s+)?(?P<party>{party})\s+{_HONORIFIC}(?P<name>{NAME})"
    role_list = re.compile(
        rf"(?P<role>(?i:(?:foreign|defen[cs]e|finance|trade|economy|energy|interior|justice"
        rf"|deputy\s+foreign)\s+ministers))\s+(?P<items>{list_item.replace('?P<', '?P<_')}"
        rf"(?:,?\s+(?:and\s+)?{list_item.replace('?P<', '?P<__')}){{0,20}})")
    return (party_first, role_first, name_first, collective, _LONG_TITLE, _TITLE_SURNAME,
            role_list, re.compile(list_item))


@dataclass(frozen=True)
class FoundParticipant:
    name: str
    role: str
    party: str
    group: bool
    span: Span


class ParticipantFinder:
    def __init__(self, gaz: Gazetteer, default_party: str = "") -> None:
        self.gaz = gaz
        self.default_party = default_party
        patterns = gaz.cache.get("participants")
        if patterns is None:
            patterns = gaz.cache["participants"] = _compile(gaz)
        (self._party_first, self._role_first, self._name_first, self._collective,
         self._long_title, self._title_surname, self._role_list,
         self._role_list_item) = patterns

    # -- helpers ---------------------------------------------------------------------

    def _party(self, surface: str | None) -> str:
        return self.gaz.party(surface) if surface else ""

    @staticmethod
    def _good_name(name: str) -> bool:
        words = re.split(r"[\s]+", name)
        if len(words) < 2:
            return False
        return not any(w.strip(".,") in _NOT_NAME_WORDS for w in words)

    def _trim_name(self, name: str) -> str:
        """Cut a name before a gazetteer word or a non-name word ("Sergey Lavrov Russia")."""
        words = name.split()
        kept: list[str] = []
        for word in words:
            if word in _NOT_NAME_WORDS or (self.gaz.lookup(word) is not None and (
                    len(kept) >= 2 or word is words[0])):
                break
            if word.endswith(("'s", "’s")):  # "Sergey Lavrov's visit": the name ends here
                kept.append(word[:-2])
                break
            kept.append(word)
        return " ".join(kept)

    # -- finding ---------------------------------------------------------------------

    def find(self, text: str, mentions: list[Mention]) -> list[FoundParticipant]:
        found: list[FoundParticipant] = []
        taken: list[Span] = []

        def add(name: str, role: str, party: str, group: bool, span: Span) -> None:
            if any(s < span[1] and span[0] < e for s, e in taken):
                return
            if not group and text.startswith(name, span[1] - len(name)) \
                    and _PLACE_AFTER.match(text, span[1]):
                return  # "Alexander Nevsky Square" is a place, not a person
            key = name.casefold()
            for existing in found:
                # "Faisal Mekdad" and, further on, "Faisal Mikdad": one person.
                if existing.name.casefold() == key or not group and not existing.group \
                        and person_key(existing.name) == person_key(name):
                    return
                # A later "Lavrov" or "Mr Lavrov" is the same person.
                if not group and not existing.group and existing.name.split()[-1] == \
                        name.split()[-1]:
                    return
            taken.append(span)
            found.append(FoundParticipant(name, role, party, group, span))

        candidates = [(match.start(), order, pattern, match)
                      for order, pattern in enumerate((self._party_first, self._name_first,
                                                       self._role_first))
                      for match in pattern.finditer(text)]
        candidates.sort(key=lambda c: (c[0], c[1]))
        issuer_used = False
        for _, _, pattern, match in candidates:
            name = self._trim_name(match.group("name"))
            if not self._good_name(name):
                continue
            role_text = match.group("role")
            party_text = match.groupdict().get("party")
            role, party = self._role_and_party(role_text, party_text)
            if role.lower() in ("counterpart", "colleague"):
                # The counterpart holds the same office, minus one state's styling of it.
                role = re.sub(r"^Federal\s+", "", found[-1].role) if found else ""
            after = match.groupdict().get("party_after")
            if not party and after:
                party = self._party(after)
            if not party:
                party = self._party_near(text, match.start()) or _ROLE_PARTY.get(role, "")
            if not party and not issuer_used:
                # The first person named without a country is, in a ministry's statement,
                # nearly always its own principal; later ones may be anyone's.
                party = self.default_party
                issuer_used = True
            start = match.start("party") if party_text and pattern is not \
                self._name_first and match.start("party") < match.start("role") \
                else match.start()
            end = match.start("name") + len(name) if pattern is not self._name_first \
                and not after else match.end()
            add(name, role, party, False, (start, end))
        for match in _NAME_SUBJECT.finditer(text):
            for group in ("name", "name2"):
                if not match.group(group):
                    continue
                name = self._trim_name(match.group(group))
                if self._good_name(name) and not self.gaz.mentions(name) \
                        and not re.match(rf"(?:{ROLE}|{_TITLE_START})\b", name):
                    add(name, "", "", False,
                        (match.start(group), match.start(group) + len(name)))
        for match in _BETWEEN.finditer(text):
            group = "names" if match.group("names") else "host"
            for name_match in re.finditer(_NAME_ON_A_LINE, match.group(group)):
                name = self._trim_name(name_match.group())
                if self._good_name(name) and not self.gaz.mentions(name) \
                        and not re.match(rf"(?:{ROLE}|{_TITLE_START})\b", name):
                    start = match.start(group) + name_match.start()
                    add(name, "", "", False, (start, start + len(name)))
        for match in self._role_list.finditer(text):
            role = " ".join(w.capitalize() for w in re.sub(
                r"(?i)ministers$", "minister", match.group("role")).split())
            for item in self._role_list_item.finditer(text, match.start("items"),
                                                      match.end("items")):
                name = self._trim_name(item.group("name"))
                if self._good_name(name):
                    add(name, role, self._party(item.group("party")), False,
                        (item.start(), item.start("name") + len(name)))
        for match in _MET_WITH.finditer(text):
            name = self._trim_name(match.group("name"))
            if self._good_name(name) and not self.gaz.mentions(name) \
                    and not re.match(rf"(?:{ROLE}|{_TITLE_START})\b", name):
                add(name, "", self._party_near(text, match.start()), False,
                    (match.start("name"), match.start("name") + len(name)))
        for match in self._long_title.finditer(text):
            split = self._split_title(match.group())
            if split is None:
                continue
            role_text, name = split
            role, party = self._role_and_party(role_text, None)
            party = party or self._party_near(text, match.start())
            name_start = match.start() + match.group().rindex(name)
            add(name, role, party, False, (match.start(), name_start + len(name)))
        for match in self._title_surname.finditer(text):
            name = match.group("name")
            if name in _NOT_NAME_WORDS or self.gaz.lookup(name) is not None:
                continue
            # Looking back 300 characters at most keeps this linear on any input.
            window = max(0, match.start() - 300)
            sentence_start = max(text.rfind(". ", window, match.start()) + 2,
                                 text.rfind("\n", window, match.start()) + 1, window)
            before = text[sentence_start:match.start()]
            after = text[match.end():match.end() + 160]
            listed = _LIST_CONTEXT.search(before) and re.search(r"(?:[:,]|\band)\s*$", before)
            if not (listed or _TAKES_PART_BEFORE.search(before)
                    and (_TAKES_PART_AFTER.match(after) or not before.strip()
                         or re.search(r"\b(?:with|welcom\w*|host\w*|received?)\s+(?:today\s+)?"
                                      r"(?:the\s+)?$", before))):
                continue
            role = match.group("role").rstrip(".")
            party_after = re.match(rf"\s+of\s+(?:the\s+)?(?P<p>[{_UP}][\w-]*(?:\s+(?:of\s+)?"
                                   rf"[{_UP}][\w-]*)*)", after)
            party = self._party(party_after.group("p")) if party_after else ""
            party = party or self._party_near(text, match.start())
            add(name, "" if role in ("Mr", "Ms", "Mrs", "Dr") else role, party, False,
                (match.start(), match.end()))
        for match in self._collective.finditer(text):
            party_text = match.group("party") or match.group("party2")
            role_text = re.sub(r"ministers of foreign affairs", "foreign ministers",
                               (match.group("role") or match.group("role2")).lower())
            role_text = re.sub(r"\s+", " ", role_text)  # "defense" keeps its spelling
            party = self._party(party_text)
            entry = self.gaz.lookup(party_text)
            # "the leaders of Kyrgyzstan, Tajikistan and Uzbekistan" are not one collective.
            if not party or (match.group("party2") and entry is not None
                             and entry.kind == "state"):
                continue
            label = self._short(party_text, party)
            add(f"{label} {role_text}", capitalise(role_text), party, True,
                (match.start(), match.end()))
        found.sort(key=lambda p: p.span[0])
        return found

    def _split_title(self, run: str) -> tuple[str, str] | None:
        """("Secretary of the Fisheries Council", "Ana Lind") from the whole run, or None.

        A run may hold two people ("… Council Ana Lind and US Envoy Ole Dahl"): the part
        before each "and" is tried first, shortest first."""
        words = run.split()
        for index, word in enumerate(words):
            # Split only where a second title begins ("… and US Envoy …"), not inside one
            # ("… for East Asian and Pacific Affairs …").
            if word == "and" and index + 1 < len(words) and (
                    re.match(_TITLE_START, words[index + 1])
                    or self.gaz.lookup(words[index + 1].rstrip("’'s")) is not None):
                found = self._split_words(words[:index])
                if found is not None:
                    return found
        return self._split_words(words)

    def _split_words(self, words: list[str]) -> tuple[str, str] | None:
        for index, word in enumerate(words):
            # A possessive or a full stop ends the run: "Kerr’s Visit", "… Norway. They".
            if word.endswith(("’s", "'s", "’", "'", ",")) or (
                    word.endswith(".") and word not in _HONORIFIC_WORDS
                    and not re.fullmatch(r"[A-Z]\.", word)):
                words = words[:index + 1] if word.endswith(",") else words[:index]
                words[-1:] = [words[-1].rstrip(",")] if words else []
                break
        cut = None
        for index, word in enumerate(words):
            if word in _INSTITUTION_WORDS or word in _HONORIFIC_WORDS or word in (
                    "of", "for", "to", "and", "on", "the") or (
                    index < len(words) - 2 and self.gaz.lookup(word) is not None):
                cut = index
        if cut is None:
            return None
        name_words = words[cut + 1:cut + 5]
        if words[cut] in _HONORIFIC_WORDS:
            role_words = [w for w in words[:cut] if w not in _HONORIFIC_WORDS]
        else:
            role_words = words[:cut + 1]
        name = " ".join(name_words)
        if not role_words or len(name_words) < 2 or not self._good_name(name) \
                or self.gaz.mentions(name) and self.gaz.lookup(name_words[-1]) is None \
                or self.gaz.lookup(name) is not None or any(
                re.fullmatch(_PARTICLE, w) for w in (name_words[0], name_words[-1])):
            return None
        return " ".join(role_words), name

    def _short(self, surface: str, party: str) -> str:
        entry = self.gaz.lookup(surface)
        if entry is not None and entry.acronym:
            return entry.acronym
        return surface if surface[:1].isupper() else party

    def _role_and_party(self, role_text: str, party_text: str | None) -> tuple[str, str]:
        """Separate "Russian Foreign Minister" into role and party, wherever the party sits."""
        party = self._party(party_text)
        role = role_text
        parent = self.gaz.lookup(party_text) if party_text else None
        if parent is not None and parent.parent:
            # "President of the European Council": the role names the body, the party is
            # the organisation the body belongs to.
            return clean_phrase(f"{role_text} of the {parent.name}"
                                if parent.name not in role_text else role_text), parent.parent
        for mention in self.gaz.mentions(role_text):
            if mention.kind not in (CITY, REGION) and mention.entry.parent:
                return clean_phrase(role_text), party or mention.entry.parent
            if not party and mention.kind not in (CITY, REGION):
                party = mention.name
            role = role.replace(mention.surface, " ")
        role = re.sub(r"\s+(?:of|to)(?:\s+the)?\s*$", "", re.sub(r"\s+", " ", role).strip())
        role = re.sub(r"^(?:the|a)\s+|(?:'s|’s)\s*", "", role.strip())
        return clean_phrase(role), party

    def _party_near(self, text: str, position: int) -> str:
        """A demonym or state right before the phrase ("his Japanese counterpart")."""
        sentence = re.split(r"[.;!?]\s", text[max(0, position - 120):position])[-1]
        represented = re.search(r"(?:represented|led|headed)\s+by\s+(?:the\s+)?$", sentence)
        window = sentence if represented else sentence[-25:]
        hits = [m for m in self.gaz.mentions(window) if m.kind not in (CITY, REGION)]
        return hits[-1].name if hits else ""
