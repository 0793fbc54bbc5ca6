"""Sentences and spans: the statement cut into sentences that keep their character offsets.

Every extracted item points back into the statement with a half-open ``[start, end)`` span,
so the splitter never rewrites text: it only finds boundaries.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

Span = tuple[int, int]

# A full stop that does not end a sentence: titles, initials, common abbreviations.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "gen", "lt", "col", "maj", "capt",
    "sen", "rep", "gov", "amb", "h.e", "e.g", "i.e", "etc", "vs", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "art",
    "para", "approx", "inc", "ltd", "co", "jr", "sr", "fig", "vol", "pp", "d.c",
}
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+|$)")
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    index: int

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass(frozen=True)
class Document:
    """The statement with its heading (first paragraph when it reads like a title)."""

    text: str
    sentences: tuple[Sentence, ...]
    heading: Sentence | None

    @property
    def body(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s is not self.heading)

    def sentence_at(self, offset: int) -> Sentence | None:
        index = bisect.bisect_right([s.start for s in self.sentences], offset) - 1
        if index >= 0 and offset < self.sentences[index].end:
            return self.sentences[index]
        return None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = 0
    for match in _PARAGRAPH.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return [trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _lines(text: str, start: int, end: int) -> list[Span]:
    """Cut a paragraph after short lines that end without punctuation (titles, datelines).

    Wrapped prose keeps its line breaks inside sentences: only a line under 100 characters
    that ends in neither a stop nor a comma and is followed by a capital starts a new piece.
    """
    pieces: list[Span] = []
    position = start
    for match in re.finditer(r"\n", text[start:end]):
        cut = start + match.start()
        line = text[position:cut].rstrip()
        following = text[cut + 1:end].lstrip()
        if (line and len(line.strip()) < 100 and not line.endswith((".", ",", ";", ":", "!", "?"))
                and following[:1].isupper()):
            pieces.append(trim(text, position, cut))
            position = cut + 1
    pieces.append(trim(text, position, end))
    return [p for p in pieces if p[1] > p[0]]


def trim(text: str, start: int, end: int) -> Span:
    """Shrink ``[start, end)`` so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_paragraph(text: str, start: int, end: int) -> list[Span]:
    pieces: list[Span] = []
    position = start
    for match in _BOUNDARY.finditer(text, start, end):
        stop = match.end()
        before = text[position:match.start()].split()
        word = before[-1].lower().rstrip(".") if before else ""
        if match.group().startswith(".") and (
            word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
        ):
            continue
        following = text[stop:end].lstrip()
        if following and not (following[0].isupper() or following[0].isdigit()
                              or following[0] in "\"'“‘(«"):
            continue
        pieces.append(trim(text, position, stop))
        position = stop
    if text[position:end].strip():
        pieces.append(trim(text, position, end))
    return [p for p in pieces if p[1] > p[0]]


def split(text: str) -> Document:
    """Sentences in reading order; a first paragraph without a final stop is the heading."""
    sentences: list[Sentence] = []
    heading: Sentence | None = None
    for number, (p_start, p_end) in enumerate(_paragraphs(text)):
        for l_start, l_end in _lines(text, p_start, p_end):
            for s, e in _split_paragraph(text, l_start, l_end):
                sentences.append(Sentence(s, e, text[s:e], number, len(sentences)))
    if sentences:
        first = sentences[0]
        if (len(sentences) > 1 and not first.text.rstrip().endswith((".", "!", "?"))
                and len(first.text) < 400):
            heading = first
    return Document(text, tuple(sentences), heading)


def slugify(value: str, max_length: int = 60) -> str:
    """A lower-case ASCII slug (``Sergey Lavrov`` -> ``sergey-lavrov``); never empty."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-") or "item"


def unique_slug(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is not in ``taken`` (which it joins)."""
    candidate = base
    number = 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    taken.add(candidate)
    return candidate


def clean_phrase(value: str) -> str:
    """Collapse whitespace and strip punctuation at the ends of an extracted phrase."""
    value = re.sub(r"\s+", " ", value).strip()
    return value.strip(" ,;:-–—").rstrip(".").strip()


def capitalise(value: str) -> str:
    return value[:1].upper() + value[1:] if value else value
