"""The gazetteer: states, regions, places and organisations named in a statement.

The lists are data (``data/gazetteer/*.json``, shipped as ``dossier.data``) so analysts can
extend them without touching code. One compiled, case-sensitive alternation finds every
mention; alternatives are tried longest first, so "NATO-Russia Council" wins over "NATO"
and "Latin America" over "America".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson

from ..paths import bundled_data

#: Kinds of mention: a state's name, a demonym ("Russian"), an organisation's name or
#: acronym, an organisation's adjective ("NATO foreign ministers"), a region, a city.
STATE, DEMONYM, ORG, ORG_ADJ, REGION, CITY = "state", "demonym", "org", "org_adj", "region", "city"


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str  # state | organisation | body | group | mission | region | city
    acronym: str = ""
    state: str = ""  # for a city: the state it lies in
    parent: str = ""  # for a body: the organisation it belongs to


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    surface: str
    kind: str
    entry: Entry

    @property
    def name(self) -> str:
        return self.entry.name


@dataclass(frozen=True)
class Area:
    id: str
    area: str
    cooperation: bool
    pattern: re.Pattern[str]


@dataclass
class Gazetteer:
    surfaces: dict[str, tuple[str, Entry]] = field(default_factory=dict)
    areas: list[Area] = field(default_factory=list)
    pattern: re.Pattern[str] = re.compile(r"(?!x)x")
    #: Compiled patterns built from the gazetteer by other modules, made once per process.
    cache: dict[str, Any] = field(default_factory=dict)

    def add(self, surface: str, kind: str, entry: Entry) -> None:
        # The first registration of a surface wins: states before cities, names before
        # acronyms, so "Djibouti" is the state and "Luxembourg" the state too.
        if surface and surface not in self.surfaces:
            self.surfaces[surface] = (kind, entry)
            if "'" in surface:  # "People’s Republic of China" as published pages print it
                self.add(surface.replace("'", "’"), kind, entry)

    def compile(self) -> None:
        body = trie_regex(self.surfaces)
        self.pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w])|(?<=-)(?:{body})(?![\w])")

    def mentions(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        for match in self.pattern.finditer(text):
            surface = match.group()
            kind, entry = self.surfaces[surface]
            found.append(Mention(match.start(), match.end(), surface, kind, entry))
        return found

    def lookup(self, surface: str) -> Entry | None:
        """The entry a phrase names (exact surface, or without a leading "the")."""
        surface = re.sub(r"\s+", " ", surface.strip())
        for candidate in (surface, re.sub(r"^(?:the|The) ", "", surface)):
            if candidate in self.surfaces:
                return self.surfaces[candidate][1]
        return None

    def party(self, surface: str) -> str:
        """The canonical state or organisation a phrase stands for, or ``""``."""
        entry = self.lookup(surface)
        if entry is None or entry.kind in ("region",):
            return ""
        return entry.state if entry.kind == "city" else entry.name

    def area_matches(self, text: str) -> list[tuple[Area, re.Match[str]]]:
        hits: list[tuple[Area, re.Match[str]]] = []
        for area in self.areas:
            match = area.pattern.search(text)
            if match:
                hits.append((area, match))
        hits.sort(key=lambda hit: hit[1].start())
        return hits


def trie_regex(words: Iterable[str]) -> str:
    """One regular expression for many literal words, shaped as a trie.

    Python's ``re`` tries the branches of ``a|b|c…`` one by one at every position, which
    with a thousand names made the gazetteer the slowest part of extraction; a trie shares
    prefixes, so each position costs one pass down the tree. Longer words are preferred:
    every "stop here" is an optional tail, tried after the longer continuations.
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items())
                    if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie) or "(?!x)x"


def _load(name: str) -> dict[str, Any]:
    return orjson.loads((bundled_data() / "gazetteer" / name).read_bytes())


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process."""
    gaz = Gazetteer()
    states = _load("states.json")["states"]
    organisations = _load("organisations.json")["organisations"]
    for item in states:
        entry = Entry(item["name"], "state")
        for surface in (item["name"], *item["aliases"]):
            gaz.add(surface, STATE, entry)
    for item in organisations:
        entry = Entry(item["name"], item["kind"], acronym=(item["acronyms"] or [""])[0],
                      parent=item.get("parent", ""))
        for surface in (item["name"], *item["aliases"], *item["acronyms"]):
            gaz.add(surface, ORG, entry)
    for item in _load("regions.json")["regions"]:
        entry = Entry(item["name"], "region")
        for surface in (item["name"], *item["aliases"]):
            gaz.add(surface, REGION, entry)
    for item in states:
        entry = Entry(item["name"], "state")
        for surface in item["demonyms"]:
            gaz.add(surface, DEMONYM, entry)
    for item in organisations:
        entry = Entry(item["name"], item["kind"], acronym=(item["acronyms"] or [""])[0])
        for surface in item["adjectives"]:
            gaz.add(surface, ORG_ADJ, entry)
    for item in states:
        for capital in item["capitals"]:
            gaz.add(capital, CITY, Entry(capital, "city", state=item["name"]))
    for item in _load("places.json")["places"]:
        entry = Entry(item["name"], "city", state=item["state"])
        for surface in (item["name"], *item["aliases"]):
            gaz.add(surface, CITY, entry)
    for item in _load("areas.json")["areas"]:
        pattern = re.compile(r"\b(?:" + "|".join(item["patterns"]) + r")", re.IGNORECASE)
        gaz.areas.append(Area(item["id"], item["area"], item.get("cooperation", True), pattern))
    gaz.compile()
    return gaz
