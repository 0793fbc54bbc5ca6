"""Sentences and spans: the statement cut into sentences that keep their character offsets.

Every extracted item points back into the statement with a half-open ``[start, end)`` span,
so the splitter never rewrites text: it only finds boundaries.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

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
_VISIBLE = re.compile(r"\S")
#: Words longer than this are never abbreviations, so no more is read back from a stop.
_LONGEST_WORD = 64


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

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> Sentence | None:
        index = bisect.bisect_right(self._starts, offset) - 1
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
    first_visible = _first_visible(text, start, end)
    for match in re.finditer(r"\n", text[start:end]):
        cut = start + match.start()
        # Every look is bounded by this line's own spaces, never the rest of the paragraph:
        # a long paragraph of short lines must cost linear time, not quadratic.
        last = cut
        while last > position and text[last - 1].isspace():
            last -= 1
        visible = last - first_visible if first_visible < last else 0
        after = _first_visible(text, cut + 1, end)
        if (last > position and visible < 100
                and not text.endswith((".", ",", ";", ":", "!", "?"), position, last)
                and after < end and text[after].isupper()):
            pieces.append(trim(text, position, cut))
            position = cut + 1
            first_visible = after
    pieces.append(trim(text, position, end))
    return [p for p in pieces if p[1] > p[0]]


def _first_visible(text: str, start: int, end: int) -> int:
    """The offset of the first non-space character in ``text[start:end]``, else ``end``."""
    found = _VISIBLE.search(text, start, end)
    return found.start() if found else end


def _word_before(text: str, start: int, stop: int) -> str:
    """The last word of ``text[start:stop]``, lower-cased, without final stops; read back
    at most :data:`_LONGEST_WORD` characters past its trailing spaces."""
    end = stop
    while end > start and text[end - 1].isspace():
        end -= 1
    begin = end
    limit = max(start, end - _LONGEST_WORD)
    while begin > limit and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:end].lower().rstrip(".")


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
        # Only the word before the stop and the character after it are looked at, never
        # everything since the last cut: "Mr. Mr. Mr. …" must cost linear time.
        word = _word_before(text, position, match.start())
        if match.group().startswith(".") and (
            word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
        ):
            continue
        after = _first_visible(text, stop, end)
        if after < end and not (text[after].isupper() or text[after].isdigit()
                                or text[after] in "\"'“‘(«"):
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


def transliterate(value: str) -> str:
    """ASCII for any script: "Сергей Лавров" -> "Sergey Lavrov", "王毅" -> "Wang Yi".

    anyascii transliterates every script (dropping nothing, unlike an NFKD fold, which left
    a Cyrillic or Chinese name empty and so every such person the same id); a CJK or Hangul
    character is one syllable, so each is kept a word of its own."""
    from anyascii import anyascii

    if value.isascii():
        return value
    pieces = []
    for char in value:
        if char.isascii():
            pieces.append(char)
        elif _SYLLABIC.match(char):
            pieces.append(f" {anyascii(char)} ")
        else:
            pieces.append(anyascii(char))
    return "".join(pieces)


# CJK ideographs, Hangul syllables, kana: one character is one syllable.
_SYLLABIC = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def slugify(value: str, max_length: int = 60) -> str:
    """A lower-case ASCII slug (``Sergey Lavrov`` -> ``sergey-lavrov``, ``Сергей Лавров`` ->
    ``sergey-lavrov``, ``王毅`` -> ``wang-yi``); never empty."""
    ascii_text = transliterate(value)
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-") or "item"


_HONORIFICS = {"mr", "mrs", "ms", "dr", "prof", "sir", "dame", "h", "e", "he", "shri"}
_VOWELS = re.compile(r"[aeiouy]+")


def person_key(name: str) -> str:
    """One key for one person however the name is spelt across statements and scripts:
    "Sergei Lavrov", "Sergey Lavrov" and "Сергей Лавров" share it, as do "Faisal Mekdad" and
    "Faisal Mikdad". Each word keeps its first letter and its consonants, doubled ones once,
    and whether it ends in a vowel, so "Petrov" and "Petrova", "Joe" and "Jill" stay apart;
    names that differ only in their inner vowels ("Anna"/"Anne") do meet."""
    words = re.findall(r"[a-z0-9]+", transliterate(name).lower())
    keyed = []
    for word in words:
        if word in _HONORIFICS:
            continue
        rest = _VOWELS.sub("", word[1:])
        rest = re.sub(r"(.)\1+", r"\1", rest)
        keyed.append(word[0] + rest + ("~" if word[-1] in "aeiouy" and len(word) > 1 else ""))
    return "-".join(keyed) or slugify(name)


def surname_only_matches(names: dict[str, str]) -> dict[str, str]:
    """For ids of people named by surname alone ("Putin"), the id of the one person with a
    full name ending in it ("Vladimir Putin"), where there is exactly one such person."""
    by_surname: dict[str, set[str]] = {}
    for ident, name in names.items():
        words = name.split()
        if len(words) > 1:
            by_surname.setdefault(person_key(words[-1]), set()).add(ident)
    matches = {}
    for ident, name in names.items():
        if len(name.split()) == 1:
            full = by_surname.get(person_key(name), set())
            if len(full) == 1:
                matches[ident] = next(iter(full))
    return matches


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
