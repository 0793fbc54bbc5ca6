"""Command palette providers: jump to a meeting, a participant or a topic.

Theme switching comes from Textual's own system commands ("Theme"). What a provider lists
is read from the store in a thread (``startup``), once per palette opening, so opening the
palette never blocks keys. A chosen entry is a request to the app (tui/messages.py): the
palette knows the app only as a message pump with a ``store``. Data strings become
``Content`` objects, never markup: Textual's ``Matcher.highlight`` parses its argument as
markup, so highlighting is done here instead.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from dossier.store.store import Store

from .messages import ImportRequested, JumpRequested, ViewRequested
from .text import printable_line


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing the palette can jump to."""

    label: str  # what is matched and shown (already printable)
    meeting_id: str
    target: str


def highlight(matcher: Matcher, candidate: str) -> Content:
    """Like ``Matcher.highlight`` but treating ``candidate`` as plain text."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if score:
        for offset in offsets:
            if not candidate[offset].isspace():
                content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def meeting_entries(docs: list[dict[str, Any]]) -> list[Entry]:
    entries = []
    for doc in docs:
        place = f" · {doc['location']}" if doc.get("location") else ""
        label = printable_line(f"{doc['date']} {doc['title']}{place}")
        entries.append(Entry(label, doc["id"], "meeting"))
    entries.sort(key=lambda e: e.label, reverse=True)
    return entries


def participant_entries(docs: list[dict[str, Any]]) -> list[Entry]:
    entries = []
    for doc in docs:
        for participant in doc.get("participants", ()):
            party = f" ({participant['party']})" if participant.get("party") else ""
            label = printable_line(f"{participant['name']}{party} — {doc['date']} "
                                   f"{doc['title']}")
            entries.append(Entry(label, doc["id"], f"participant:{participant['id']}"))
    return entries


def topic_entries(docs: list[dict[str, Any]]) -> list[Entry]:
    entries = []
    for doc in docs:
        for item in doc.get("agenda", ()):
            for topic in item.get("topics", ()):
                label = printable_line(f"{topic} — {item['title']} ({doc['date']})")
                entries.append(Entry(label, doc["id"], f"agenda:{item['id']}"))
    return entries


def _store(provider: Provider) -> Store | None:
    """The app's store, once it is open."""
    store = getattr(provider.app, "store", None)
    return store if isinstance(store, Store) else None


class _EntryProvider(Provider):
    KIND = ""

    def build(self, docs: list[dict[str, Any]]) -> list[Entry]:
        return []

    async def startup(self) -> None:
        self.entries: list[Entry] = []
        store = _store(self)
        if store is None:
            return
        docs = await asyncio.to_thread(lambda: list(store.iter_meeting_docs()))
        self.entries = await asyncio.to_thread(self.build, docs)

    def _jump(self, entry: Entry) -> None:
        self.app.post_message(JumpRequested(entry.meeting_id, entry.target))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for index, entry in enumerate(self.entries):
            if index % 512 == 511:
                # Matching runs on the event loop: let keys through on big stores (the
                # palette cancels this search when the query changes).
                await asyncio.sleep(0)
            candidate = f"{self.KIND}: {entry.label}"
            score = matcher.match(candidate)
            if score > 0:
                yield Hit(score, highlight(matcher, candidate), partial(self._jump, entry),
                          text=candidate)

    async def discover(self) -> Hits:
        for entry in self.entries[:20]:
            yield DiscoveryHit(Content(f"{self.KIND}: {entry.label}"),
                               partial(self._jump, entry), text=entry.label)


class MeetingsProvider(_EntryProvider):
    """Meetings by title, date and place; and "Import a statement…" to add one."""

    KIND = "Meeting"
    IMPORT = "Import a statement…"
    IMPORT_HELP = "Extract a draft meeting from a press statement file and review it"

    def build(self, docs: list[dict[str, Any]]) -> list[Entry]:
        return meeting_entries(docs)

    async def search(self, query: str) -> Hits:
        async for hit in super().search(query):
            yield hit
        matcher = self.matcher(query)
        score = matcher.match(self.IMPORT)
        if score > 0:
            yield Hit(score, highlight(matcher, self.IMPORT), self._import_statement,
                      text=self.IMPORT, help=self.IMPORT_HELP)

    async def discover(self) -> Hits:
        yield DiscoveryHit(self.IMPORT, self._import_statement, text=self.IMPORT,
                           help=self.IMPORT_HELP)
        async for hit in super().discover():
            yield hit

    def _import_statement(self) -> None:
        self.app.post_message(ImportRequested())


class _ViewProvider(_EntryProvider):
    """Also offers a cross-meeting view (tui/screens/views.py) per distinct name or topic."""

    VIEW = ""
    views: list[str]

    def names(self, docs: list[dict[str, Any]]) -> list[str]:
        return []

    def build_with_views(self, docs: list[dict[str, Any]]) -> list[Entry]:
        from dossier.store.query import normalize

        distinct: dict[str, str] = {}
        for name in self.names(docs):
            distinct.setdefault(normalize(name), name)
        self.views = sorted(distinct.values(), key=str.casefold)
        return self.build(docs)

    async def startup(self) -> None:
        self.views = []
        self.entries = []
        store = _store(self)
        if store is None:
            return
        docs = await asyncio.to_thread(lambda: list(store.iter_meeting_docs()))
        self.entries = await asyncio.to_thread(self.build_with_views, docs)

    async def search(self, query: str) -> Hits:
        async for hit in super().search(query):
            yield hit
        matcher = self.matcher(query)
        for index, name in enumerate(self.views):
            if index % 512 == 511:
                await asyncio.sleep(0)  # as above: keys keep flowing on big stores
            candidate = f"{self.VIEW}: {printable_line(name)}"
            score = matcher.match(candidate)
            if score > 0:
                yield Hit(score, highlight(matcher, candidate), partial(self._view, name),
                          text=candidate)

    def _view(self, name: str) -> None:
        self.app.post_message(ViewRequested(self.KIND.lower(), name))


class ParticipantsProvider(_ViewProvider):
    KIND = "Participant"
    VIEW = "Participant profile"

    def build(self, docs: list[dict[str, Any]]) -> list[Entry]:
        return participant_entries(docs)

    def names(self, docs: list[dict[str, Any]]) -> list[str]:
        return [p["name"] for doc in docs for p in doc.get("participants", ())]


class TopicsProvider(_ViewProvider):
    KIND = "Topic"
    VIEW = "Topic timeline"

    def build(self, docs: list[dict[str, Any]]) -> list[Entry]:
        return topic_entries(docs)

    def names(self, docs: list[dict[str, Any]]) -> list[str]:
        return [t for doc in docs for item in doc.get("agenda", ()) for t in item.get("topics",
                                                                                      ())]
