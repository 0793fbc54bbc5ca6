"""The rows a record becomes in the search index, as plain data: no SQLite here.

A meeting's JSON becomes one :class:`Row` per searchable thing (the meeting itself, each
participant, agenda item, position, priority, reference, outcome, and each paragraph of its
source text, so a hit on the source carries its span); a note becomes one row. The facets
are the values filters match (participant, party, topic, body, level, tag), each with the
target whose row it belongs to. store.index lays these out in its tables; store.search
ranks the rows' columns with :data:`WEIGHTS`.

Records are read as raw JSON dicts, not validated models: indexing 100k meetings must not
pay for pydantic, and a field of the wrong type is skipped rather than fatal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

import orjson

#: bm25 column weights, in column order: title, people, topics, text.
WEIGHTS = (10.0, 8.0, 6.0, 1.0)
TOPIC_SEPARATOR = " · "
MAX_SOURCE_ROW = 1200  # characters; longer paragraphs are split at sentence ends

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

Facet = tuple[str, Any, str, int]
"""(kind, value, target, offset of the target's row among its record's rows); a value
that is not a string is skipped by the index."""


class Row(NamedTuple):
    """One FTS row before insertion (a NamedTuple: millions are built in a rebuild)."""

    kind: str
    target: str
    label: str
    title: str = ""
    people: str = ""
    topics: str = ""
    text: str = ""
    span: tuple[int, int] | None = None


def _s(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _span(item: dict[str, Any]) -> tuple[int, int] | None:
    span = item.get("source_span")
    if (isinstance(span, (list, tuple)) and len(span) == 2
            and all(isinstance(x, int) for x in span)):
        return (span[0], span[1])
    return None


def _items(doc: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = doc.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def catalog_fields(doc: dict[str, Any]) -> tuple[Any, ...]:
    """What the catalog keeps of a meeting for the list, in its column order: date,
    date_inferred, body, title, level, location, status, tags (a JSON array)."""
    tags = [t for t in doc.get("tags") or () if isinstance(t, str)]
    return (doc["date"], int(bool(doc.get("date_inferred"))), _s(doc.get("body")),
            _s(doc.get("title")), _s(doc.get("level")), _s(doc.get("location")),
            doc.get("status"), orjson.dumps(tags).decode())


def meeting_row(title: str, tags: list[str], body: str, level: str, location: str) -> Row:
    """A meeting's own row (the first of its rows), from what the catalog also keeps."""
    return Row("meeting", "meeting", title, title=title, topics=TOPIC_SEPARATOR.join(tags),
               text=TOPIC_SEPARATOR.join(x for x in (body, level, location) if x), span=None)


def meeting_rows(doc: dict[str, Any]) -> Iterator[Row]:
    """The FTS rows of one meeting's JSON."""
    tags = [t for t in doc.get("tags") or () if isinstance(t, str)]
    yield meeting_row(_s(doc.get("title")), tags, _s(doc.get("body")), _s(doc.get("level")),
                      _s(doc.get("location")))
    for p in _items(doc, "participants"):
        yield Row("participant", f"participant:{_s(p.get('id'))}", _s(p.get("name")),
                  people=f"{_s(p.get('name'))}{TOPIC_SEPARATOR}{_s(p.get('party'))}",
                  text=_s(p.get("role")), span=_span(p))
    for item in _items(doc, "agenda"):
        agenda_target = f"agenda:{_s(item.get('id'))}"
        topics = [t for t in item.get("topics") or () if isinstance(t, str)]
        yield Row("agenda", agenda_target, _s(item.get("title")), title=_s(item.get("title")),
                  topics=TOPIC_SEPARATOR.join(topics), text=_s(item.get("summary")),
                  span=_span(item))
        for position in _items(item, "positions"):
            party, stance = _s(position.get("party")), _s(position.get("stance"))
            target = (f"position:{position['id']}" if isinstance(position.get("id"), str)
                      else agenda_target)
            yield Row("position", target, f"{party}: {stance}", people=party, text=stance,
                      span=_span(position))
    for p in _items(doc, "priorities"):
        yield Row("priority", f"priority:{_s(p.get('id'))}", _s(p.get("area")),
                  title=_s(p.get("area")), text=_s(p.get("description")), span=_span(p))
    for r in _items(doc, "references"):
        extra = TOPIC_SEPARATOR.join(x for x in (_s(r.get("location")), _s(r.get("date")))
                                     if x)
        text = _s(r.get("note")) + (f" ({extra})" if extra else "")
        yield Row("reference", f"reference:{_s(r.get('id'))}", _s(r.get("title")),
                  title=_s(r.get("title")), text=text, span=_span(r))
    for o in _items(doc, "outcomes"):
        yield Row("outcome", f"outcome:{_s(o.get('id'))}", _s(o.get("description")),
                  title=_s(o.get("description")), span=_span(o))
    for number, source in enumerate(_items(doc, "sources")):
        label = _s(source.get("title")) or _s(doc.get("title"))
        for start, end in source_chunks(_s(source.get("text"))):
            # Spans index the first source only (Meeting.source_span's convention).
            yield Row("source", "source", label, text=_s(source.get("text"))[start:end],
                      span=(start, end) if number == 0 else None)


def source_chunks(text: str) -> Iterator[tuple[int, int]]:
    """[start, end) of each paragraph of ``text``; long paragraphs split at sentence ends."""
    position = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match is not None else len(text)
        yield from _split_long(text, position, end)
        if match is not None:
            position = match.end()


def _split_long(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    if end - start <= MAX_SOURCE_ROW:
        yield start, end
        return
    chunk_start = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if match.start() - chunk_start >= MAX_SOURCE_ROW // 2:
            yield chunk_start, match.start()
            chunk_start = match.end()
    if chunk_start < end:
        yield chunk_start, end


def meeting_facets(doc: dict[str, Any], offsets: dict[str, int]) -> Iterator[Facet]:
    """(kind, value, target, offset of the target's FTS row) for every filterable value."""
    yield "body", doc.get("body"), "meeting", 0
    yield "level", doc.get("level"), "meeting", 0
    for tag in doc.get("tags") or ():
        yield "tag", tag, "meeting", 0
    for p in _items(doc, "participants"):
        target = f"participant:{_s(p.get('id'))}"
        yield "participant", p.get("name"), target, offsets.get(target, 0)
        yield "party", p.get("party"), target, offsets.get(target, 0)
    for item in _items(doc, "agenda"):
        target = f"agenda:{_s(item.get('id'))}"
        for topic in item.get("topics") or ():
            yield "topic", topic, target, offsets.get(target, 0)
        for position in _items(item, "positions"):
            position_target = (f"position:{position['id']}"
                               if isinstance(position.get("id"), str) else target)
            yield "party", position.get("party"), position_target, offsets.get(
                position_target, 0)


def note_row(doc: dict[str, Any]) -> Row:
    """The one FTS row of a note's JSON: its tags as topics, its text as text."""
    tags = [t for t in doc.get("tags") or () if isinstance(t, str)]
    target = _s(doc.get("target")) or "meeting"
    return Row("note", f"note:{doc['id']}", f"note on {target}",
               topics=TOPIC_SEPARATOR.join(f"#{t}" for t in tags), text=_s(doc.get("text")))


def note_facets(doc: dict[str, Any]) -> list[Facet]:
    """A note's filterable values: its tags (``tag:`` finds notes as well as meetings)."""
    tags = [t for t in doc.get("tags") or () if isinstance(t, str)]
    return [("tag", tag, f"note:{doc['id']}", 0) for tag in tags]
