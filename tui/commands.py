"""Command palette: jump to a meeting, a participant or a topic, open a participant's
profile, a party's positions or a topic's or a body's timeline, import a statement.

Theme switching comes from Textual's own system commands ("Theme"). Everything else comes
from one :class:`PaletteCatalog` of names, built once from the index in a thread
(store.lookup.palette_names: the catalog table and the facets' distinct values; the app
builds it after start-up and again after meetings change, :class:`CatalogCache`), so no
key waits on the disk or walks every record. Each key looks its candidates up in the
catalog's indexes, per group (meetings, profiles, timelines, …): the lines whose text
starts with the query (exact first, then prefix: a bisect in a sorted list), then the
lines in which every word of the query starts a word (the rarest word's postings, newest
first, checked for the others); at most :data:`TOP`, ranked, and the best :data:`SHOWN`
listed. Where the people and topics the query names appear is not held (1.76M lines at
100k meetings): it is looked up per key in the index (:func:`appearance_choices`).
Textual's fuzzy ``Matcher`` is not run on them: on 300 long lines it took up to 340 ms a
key ("participant p", 2,000 meetings), against about 1 ms for this lookup
(benchmarks/palette_probe.py).

A chosen entry is a request to the app (tui/messages.py): the palette knows the app only as
a message pump with a ``store`` and a ``palette_catalog``. Data strings become ``Content``
objects, never markup.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import sqlite3
import threading
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial

from textual.command import CommandInput, CommandPalette, DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.css.query import NoMatches
from textual.style import Style
from textual.widgets import Input

from dossier.store.errors import StoreError
from dossier.store.lookup import Appearance, MeetingLine, PaletteNames, appearances, palette_names
from dossier.store.store import Store

from .messages import ImportRequested, JumpRequested, ViewRequested
from .text import printable_line

#: Candidates looked up per key, ranked, and the best of them listed.
TOP = 300
SHOWN = 100
#: Meetings the palette lists before anything is typed.
DISCOVER = 20
#: Per key, the places each of at most APPEARANCE_NAMES people and topics the query names
#: appear (newest first), looked up in the index: the palette holds names, not appearances.
APPEARANCE_NAMES = 3
APPEARANCES = 30
APPEARANCE_MIN_LETTERS = 2
#: How long a key's appearance lookup waits for a busy index before going without.
APPEARANCE_WAIT_S = 0.05


@dataclass(frozen=True, slots=True)
class Choice:
    """One line of the palette: its text, and what choosing it does — a jump
    (``meeting_id``, ``target``) or a cross-meeting view (``view`` "participant", "party",
    "body" or "topic" of ``name``, or "compare" of the meeting ``name``)."""

    text: str
    meeting_id: str = ""
    target: str = ""
    view: str = ""
    name: str = ""


def highlight(matcher: Matcher, candidate: str) -> Content:
    """Like ``Matcher.highlight`` but treating ``candidate`` as plain text."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if score:
        for offset in offsets:
            if not candidate[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


# -- what the palette lists --------------------------------------------------------------


def meeting_label(meeting: MeetingLine) -> str:
    place = f" · {meeting.location}" if meeting.location else ""
    return printable_line(f"{meeting.date} {meeting.title}{place}")


def catalog_choices(names: PaletteNames) -> list[Choice]:
    """Every line the palette holds, in the order ties are broken: meetings (newest first),
    then the views (one per distinct person, topic, body and party, and a comparison for
    each meeting with an earlier one of its body). Where a person or a topic appears is
    not held: :func:`appearance_choices` looks that up per key."""
    choices = [Choice(f"Meeting: {meeting_label(m)}", m.meeting_id, "meeting")
               for m in names.meetings]
    choices += [Choice(f"Participant profile: {printable_line(name)}", view="participant",
                       name=name) for name in names.people]
    choices += [Choice(f"Topic timeline: {printable_line(name)}", view="topic", name=name)
                for name in names.topics]
    choices += [Choice(f"Body timeline: {printable_line(name)}", view="body", name=name)
                for name in names.bodies]
    # A meeting with an earlier one of its body compares with it (meetings: newest first).
    from dossier.store.query import normalize

    with_earlier: set[str] = set()
    seen_bodies: set[str] = set()
    for meeting in reversed(names.meetings):  # oldest first: a body's first has no previous
        body = normalize(meeting.body)
        if body in seen_bodies:
            with_earlier.add(meeting.meeting_id)
        elif body:
            seen_bodies.add(body)
    choices += [Choice(f"Compare with previous: {meeting_label(m)}", view="compare",
                       name=m.meeting_id)
                for m in names.meetings if m.meeting_id in with_earlier]
    # "Positions of: …" so that typing "positions of russian" finds it whole.
    choices += [Choice(f"Positions of: {printable_line(name)}", view="party", name=name)
                for name in names.parties]
    return choices


def appearance_choice(kind: str, seen: Appearance) -> Choice:
    """A jump to one place a person or a topic appears."""
    if kind == "participant":
        party = f" ({seen.detail})" if seen.detail else ""
        text = f"Participant: {seen.name}{party} — {seen.date} {seen.meeting_title}"
    else:
        text = f"Topic: {seen.name} — {seen.detail} ({seen.date})"
    return Choice(printable_line(text), seen.meeting_id, seen.target)


def appearance_names(catalog: PaletteCatalog, query: str,
                     found: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """(kind, name) of the people and topics whose appearances a key looks up: those whose
    profile or timeline matched, or the first word's ("lavrov 2013": Lavrov's appearances,
    those in 2013); at most APPEARANCE_NAMES of each kind. In memory, no I/O."""
    words = _words(query).split()
    if len("".join(words)) < APPEARANCE_MIN_LETTERS:
        return []  # one letter names thousands of people: their profiles are listed
    named: dict[tuple[str, str], None] = {}
    for lines in (found, catalog.find(words[0]) if len(words) > 1 else []):
        for _tier, line in lines:
            choice = catalog.choices[line]
            if choice.view in ("participant", "topic"):
                named.setdefault((choice.view, choice.name), None)
    per_kind: dict[str, int] = {}
    chosen: list[tuple[str, str]] = []
    for kind, name in named:
        per_kind[kind] = per_kind.get(kind, 0) + 1
        if per_kind[kind] <= APPEARANCE_NAMES:
            chosen.append((kind, name))
    return chosen


def lookup_appearances(source: Store, names: list[tuple[str, str]],
                       query: str) -> list[Choice]:
    """Where ``names`` appear, newest first, the lines holding every word of the query
    (blocking: the provider calls it in a thread)."""
    words = _words(query).split()
    choices: list[Choice] = []
    for kind, name in names:
        for seen in appearances(source, kind, name, APPEARANCES, wait=APPEARANCE_WAIT_S):
            choice = appearance_choice(kind, seen)
            padded = " " + fold(choice.text)
            if all(" " + word in padded for word in words):
                choices.append(choice)
    return choices


def appearance_choices(source: Store, catalog: PaletteCatalog, query: str,
                       found: list[tuple[int, int]]) -> list[Choice]:
    """Where the people and topics the query names appear (appearance_names, then
    lookup_appearances)."""
    return lookup_appearances(source, appearance_names(catalog, query, found), query)


# -- the catalog and its indexes ---------------------------------------------------------


class _FoldTable(dict[int, str]):
    """For ``str.translate``: each character to one lower-case, unaccented letter or
    digit, or a space. One character for one, so offsets in the folded text are offsets
    in the original."""

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        if char.isalnum():
            base = unicodedata.normalize("NFKD", char)[0].lower()[0]
            folded = base if base.isalnum() else char.lower()[0]
        else:
            folded = " "
        self[codepoint] = folded
        return folded


_FOLD = _FoldTable()
#: The same for ASCII text, as bytes (translated in C: most lines are ASCII).
_ASCII_FOLD = bytes(ord(_FOLD[code]) for code in range(128)) + bytes(range(128, 256))


def fold(text: str) -> str:
    """``text`` as the palette's indexes compare it: "Sergéy-Lavrov" -> "sergey lavrov"."""
    # The palette's own separators are the usual non-ASCII characters of a line: a space
    # each (one for one), so the line takes the fast path.
    plain = text.replace("—", " ").replace("·", " ")
    if plain.isascii():
        return plain.encode("ascii").translate(_ASCII_FOLD).decode("ascii")
    return text.translate(_FOLD)


def _words(text: str) -> str:
    """Folded, with single spaces: the form of a query and of an index key."""
    return " ".join(fold(text).split())


class _Index:
    """One group of lines (meetings, people, …) with two indexes: a sorted list of whole
    texts (with and without the "Kind: " prefix) for exact and prefix matches, and a
    sorted vocabulary of words with each word's postings (line numbers, ascending: newest
    meeting first)."""

    def __init__(self, lines: list[int], padded: list[str], texts: list[str]) -> None:
        self.lines = lines
        keyed: list[tuple[str, int]] = []
        vocabulary: dict[str, list[int]] = {}
        for position, (line, text) in enumerate(zip(lines, texts, strict=True)):
            words = padded[line].split()
            keyed.append((" ".join(words), position))
            # The text after "Kind: " (its words after the kind's own, folded already).
            kind_words = len(text.partition(": ")[0].split())
            if len(words) > kind_words:
                keyed.append((" ".join(words[kind_words:]), position))
            for word in set(words):
                vocabulary.setdefault(word, []).append(position)
        keyed.sort()
        self._keys = [key for key, _ in keyed]
        self._key_positions = [position for _, position in keyed]
        self._vocabulary = sorted(vocabulary)
        self._postings = [vocabulary[word] for word in self._vocabulary]
        # _sizes[i]: postings of the first i words, so a prefix's size is one subtraction.
        self._sizes = [0]
        for postings in self._postings:
            self._sizes.append(self._sizes[-1] + len(postings))

    def find(self, wanted: str, padded: list[str], limit: int) -> dict[int, int]:
        """line -> tier of at most about ``limit`` lines matching ``wanted`` (folded)."""
        tiers: dict[int, int] = {}
        low, high = _prefix_range(self._keys, wanted)
        # Exact keys sort first among those with the prefix: the first ``limit`` will do.
        for index in range(low, min(high, low + limit)):
            line = self.lines[self._key_positions[index]]
            tier = 0 if self._keys[index] == wanted else 1
            if tiers.get(line, 3) > tier:
                tiers[line] = tier
        for position in self._word_matches(wanted.split(), padded, limit):
            tiers.setdefault(self.lines[position], 2)
        return tiers

    def _word_matches(self, words: list[str], padded: list[str], limit: int
                      ) -> Iterator[int]:
        ranges = [_prefix_range(self._vocabulary, word) for word in words]
        if any(low == high for low, high in ranges):
            return
        # The rarest word gives the candidates; the others are checked in each line.
        order = sorted(range(len(words)),
                       key=lambda k: self._sizes[ranges[k][1]] - self._sizes[ranges[k][0]])
        low, high = ranges[order[0]]
        others = [" " + words[k] for k in order[1:]]
        found = 0
        previous = -1
        for position in heapq.merge(*self._postings[low:high]):
            if position == previous:
                continue  # in the postings of two words of the prefix
            previous = position
            text = padded[self.lines[position]]
            if all(word in text for word in others):
                yield position
                found += 1
                if found >= limit:
                    return


def _prefix_range(keys: list[str], prefix: str) -> tuple[int, int]:
    return bisect_left(keys, prefix), bisect_left(keys, prefix + "\U0010ffff")


class PaletteCatalog:
    """The palette's lines, indexed by group (meetings, people, topics, profiles,
    timelines), so every group gets its share of a key's candidates."""

    def __init__(self, choices: list[Choice]) -> None:
        self.choices = choices
        #: " " + folded text: " w" in it means a word starting with w.
        self.padded = [" " + fold(choice.text) for choice in choices]
        groups: dict[str, list[int]] = {}
        for line, choice in enumerate(choices):
            groups.setdefault(choice.text.partition(":")[0], []).append(line)
        self._groups = [_Index(lines, self.padded, [choices[i].text for i in lines])
                        for lines in groups.values()]

    def __len__(self) -> int:
        return len(self.choices)

    def find(self, query: str, limit: int = TOP) -> list[tuple[int, int]]:
        """(tier, line) of at most ``limit`` lines matching ``query``, best first.

        Tier 0: the whole text, or the text after "Kind: ", is the query; 1: it starts with
        the query; 2: every word of the query starts a word of it, in any order. Within a
        tier, lines whose first match comes earlier in the text go first, then catalog
        order (newest meeting first)."""
        wanted = _words(query)
        if not wanted:
            return []
        share = max(1, limit // max(1, len(self._groups)))
        tiers: dict[int, int] = {}
        for group in self._groups:
            tiers.update(group.find(wanted, self.padded, share))
        first = " " + wanted.split()[0]

        def rank(line: int) -> tuple[int, int, int]:
            text = self.padded[line]
            label_start = text.find(":") + 1
            return tiers[line], max(0, text.find(first, label_start) - label_start), line

        return [(tiers[line], line) for line in sorted(tiers, key=rank)[:limit]]

    def highlight(self, line: int, query: str, style: Style | str) -> Content:
        """The line's text with the start of every word the query's words begin styled."""
        return highlight_words(self.choices[line].text, query, style, self.padded[line])


def highlight_words(text: str, query: str, style: Style | str,
                    padded: str | None = None) -> Content:
    """``text`` with the start of every word the query's words begin styled (``padded``:
    " " + fold(text), if known)."""
    if padded is None:
        padded = " " + fold(text)
    content = Content(text)
    for word in dict.fromkeys(_words(query).split()):
        needle = " " + word
        at = padded.find(needle)
        while at >= 0:
            # padded[at + 1:] lines up with text[at:] (the leading space).
            content = content.stylize(style, at, at + len(word))
            at = padded.find(needle, at + 1)
    return content


class CatalogCache:
    """The app's palette catalog: built in a thread on first need, kept until meetings
    change (:meth:`invalidate`), shared by every palette opening."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._catalog: PaletteCatalog | None = None
        self._version = 0
        self._built_version = -1
        #: Set once the app has opened its store or found it cannot: a key typed during
        #: "Loading meetings…" waits for it rather than finding nothing.
        self.settled = asyncio.Event()

    def store_settled(self) -> None:
        """The app's store is open, or will not be."""
        self.settled.set()

    def invalidate(self) -> None:
        self._version += 1

    @property
    def fresh(self) -> bool:
        return self._catalog is not None and self._built_version == self._version

    def ready(self) -> PaletteCatalog | None:
        """The catalog if it is built and fresh, else None (never waits)."""
        return self._catalog if self.fresh else None

    def get(self, store: Store) -> PaletteCatalog:
        """The catalog, built now if it is missing or stale (call in a thread)."""
        with self._lock:
            if self._catalog is None or self._built_version != self._version:
                version = self._version
                self._catalog = PaletteCatalog(catalog_choices(palette_names(store)))
                self._built_version = version
            return self._catalog


def text_tier(text: str, query: str) -> int:
    """PaletteCatalog.find's tier of one line: 0 the text (or the text after "Kind: ") is
    the query, 1 it starts with it, 2 otherwise."""
    wanted = _words(query)
    whole, label = _words(text), _words(text.partition(": ")[2])
    if wanted in (whole, label):
        return 0
    return 1 if whole.startswith(wanted) or label.startswith(wanted) else 2


def _score(tier: int, group: int, rank: int) -> float:
    """A hit's score: a band per tier and, inside it, per group (0 meetings, 1 where a
    person or topic appears, 2 views: jumps before views, as the catalog listed them when
    it held every appearance), falling with the rank inside that."""
    return 1.0 - ((tier * 3 + group) * SHOWN + rank) / (10 * SHOWN)


def _store(provider: Provider) -> Store | None:
    """The app's store, once it is open."""
    store = getattr(provider.app, "store", None)
    return store if isinstance(store, Store) else None


class DossierCommands(Provider):
    """Meetings, participants, topics, their views, and "Import a statement…"."""

    IMPORT = "Import a statement…"
    IMPORT_HELP = "Extract a draft meeting from a press statement file and review it"
    #: (palette line, what is exported, help): the same as the keys x and X.
    EXPORTS = (("Export this meeting…", "meeting",
                "The meeting shown, in a format you choose, to a file (x)"),
               ("Export the listed meetings…", "listed",
                "The meetings the list shows (filtered or not), to a file (X)"))

    async def startup(self) -> None:
        self.catalog: PaletteCatalog | None = None
        self._loading: asyncio.Task[PaletteCatalog] | None = None
        self._waiting: asyncio.Task[None] | None = None
        self._start_loading()

    def _start_loading(self) -> None:
        """Load the catalog in a thread, once the app's store is open (ctrl+p may come
        before it is: then the first key after it starts the load)."""
        store = _store(self)
        cache = getattr(self.app, "palette_catalog", None)
        if store is None or not isinstance(cache, CatalogCache):
            return
        # Ready already unless meetings changed a moment ago (the app rebuilds it then):
        # taken at once, so the first key has it (no thread hop, no "Reading…" frame).
        self.catalog = cache.ready()
        if self.catalog is not None:
            return
        # Otherwise not awaited here: Textual awaits start-up inside each key's search and cancels
        # that search at the next key, and a cancelled start-up left the palette without
        # its catalog for good ("No matches found" for "brics" when ctrl+p came right
        # after the list painted, found in tmux). Each search waits for the one load,
        # shielded, so a key's cancellation never cancels the load.
        self._loading = asyncio.create_task(asyncio.to_thread(cache.get, store))

    async def _catalog(self) -> PaletteCatalog | None:
        if self.catalog is None and self._loading is None:
            self._start_loading()
            # ctrl+p and a word during "Loading meetings…": the key's search waits for
            # the store (the next key cancels it), or the last key would find no store,
            # list nothing and say "No matches found" for good (found in tmux).
            cache = getattr(self.app, "palette_catalog", None)
            if (self.catalog is None and self._loading is None
                    and isinstance(cache, CatalogCache)):
                await cache.settled.wait()
                self._start_loading()
        if self.catalog is None and self._loading is not None:
            try:
                self.catalog = await asyncio.shield(self._loading)
            except (StoreError, OSError):
                self._loading = None  # unreadable now: the next key tries again
        return self.catalog

    LOADING = "Reading the meetings, people and topics… (the list fills in when ready)"

    def _loaded_catalog(self) -> PaletteCatalog | None:
        """The catalog if it is ready now, without waiting for it."""
        loading = self._loading
        if (self.catalog is None and loading is not None and loading.done()
                and not loading.cancelled() and loading.exception() is None):
            self.catalog = loading.result()
        return self.catalog

    def _search_again_when_loaded(self) -> None:
        """Once the catalog is loaded, search the palette's text again: a key typed
        while it loads (~8 s after start at 100k meetings) is answered then, and the
        palette says it is reading meanwhile instead of staying blank."""
        if self._waiting is None or self._waiting.done():
            self._waiting = asyncio.create_task(self._search_again())

    async def _search_again(self) -> None:
        if await self._catalog() is None:
            return
        palette = self.app.screen
        if isinstance(palette, CommandPalette):
            with contextlib.suppress(NoMatches):  # the palette is closing
                box = palette.query_one(CommandInput)
                palette.post_message(Input.Changed(box, box.value))

    def _can_load(self) -> bool:
        """Whether a catalog is on its way: the store is open, or still opening (a store
        that failed to open has none, and the palette lists its commands alone)."""
        cache = getattr(self.app, "palette_catalog", None)
        pending = isinstance(cache, CatalogCache) and not cache.settled.is_set()
        return pending or _store(self) is not None

    def _still_loading(self) -> None:
        self.app.notify("The palette is still reading the meetings; try again in a moment.")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        catalog = self._loaded_catalog()
        if catalog is None and self._can_load():
            # Not awaited: the palette would stay blank (Textual's busy line does not
            # show) until the catalog is built. One line says so; the search runs again.
            yield Hit(1.0, Content.styled(self.LOADING, "italic"), self._still_loading,
                      text=self.LOADING)
            self._search_again_when_loaded()
        elif catalog is not None:
            found = catalog.find(query)
            # Scores by tier (exact, prefix, words anywhere), each a band of its own (see
            # _score), so appearances (looked up after the catalog's lines are listed) take their
            # place among them: "Topic: ISAF" puts the topic's places first.
            for rank, (tier, line) in enumerate(found[:SHOWN]):
                choice = catalog.choices[line]
                yield Hit(_score(tier, 2 if choice.view else 0, rank),
                          catalog.highlight(line, query, matcher.match_style),
                          partial(self._choose, choice), text=choice.text)
            store = _store(self)
            names = appearance_names(catalog, query, found)
            extra: list[Choice] = []
            # Only a key that names someone waits for a thread: "brics" is listed whole
            # at once (a thread hop under load let the palette show a first batch alone).
            if store is not None and names:
                with contextlib.suppress(StoreError, OSError, sqlite3.Error):
                    extra = await asyncio.to_thread(lookup_appearances, store, names, query)
            shown = len(found[:SHOWN])
            for rank, choice in enumerate(extra[:SHOWN], start=shown):
                yield Hit(_score(text_tier(choice.text, query), 1, rank),
                          highlight_words(choice.text, query, matcher.match_style),
                          partial(self._choose, choice), text=choice.text)
        score = matcher.match(self.IMPORT)
        if score > 0:
            yield Hit(score, highlight(matcher, self.IMPORT), self._import_statement,
                      text=self.IMPORT, help=self.IMPORT_HELP)
        for text, scope, help_text in self.EXPORTS:
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, highlight(matcher, text), partial(self._export, scope),
                          text=text, help=help_text)

    async def discover(self) -> Hits:
        yield DiscoveryHit(self.IMPORT, self._import_statement, text=self.IMPORT,
                           help=self.IMPORT_HELP)
        catalog = self._loaded_catalog()
        if catalog is None:
            if self._can_load():
                yield DiscoveryHit(Content.styled(self.LOADING, "italic"),
                                   self._still_loading, text=self.LOADING)
                self._search_again_when_loaded()
            return
        meetings = (choice for choice in catalog.choices if choice.target == "meeting")
        for _, choice in zip(range(DISCOVER), meetings, strict=False):
            yield DiscoveryHit(Content(choice.text), partial(self._choose, choice),
                               text=choice.text)

    def _choose(self, choice: Choice) -> None:
        if choice.view:
            self.app.post_message(ViewRequested(choice.view, choice.name))
        else:
            self.app.post_message(JumpRequested(choice.meeting_id, choice.target))

    def _export(self, scope: str) -> None:
        prompt = getattr(self.app, "export_prompt", None)
        if prompt is not None:
            prompt(scope)

    def _import_statement(self) -> None:
        self.app.post_message(ImportRequested())
