"""The search query language: a tokenizer and parser, and its safe translation for FTS5.

Syntax (also in README.md, "Search", and `dossier search --help`)::

    piracy                 a word; matches words that start with it, ignoring case and accents
    "exact phrase"         the words in this order
    -word  -"a phrase"     rows containing it are left out
    participant:lavrov     a filter; the value may be quoted: participant:"Sergey Lavrov"
    -party:nato            a filter can be negated too

Filters: participant: party: topic: body: level: tag: (word-prefix match on that field),
year:YYYY, before:/after: YYYY, YYYY-MM or YYYY-MM-DD (strict: ``before:2014`` is before 1 Jan
2014, ``after:2013`` is after 31 Dec 2013). Several filters must all hold.

User text never reaches FTS5 or SQL as syntax: every word is emitted as a double-quoted FTS5
string (inner quotes doubled), so operators like ``OR``, ``NEAR``, ``*`` or ``col:`` in a query
are just words; filter values become bound SQL parameters.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field

from .errors import StoreError

TEXT_FILTERS = ("participant", "party", "topic", "body", "level", "tag")
DATE_FILTERS = ("year", "before", "after")
FILTERS = TEXT_FILTERS + DATE_FILTERS

_FILTER_NAME = re.compile(r"([A-Za-z]+):")
# unicode61 splits on everything that is not a letter, number or private-use character;
# ``[^\W_]`` is Python's closest equivalent (``\w`` without the underscore).
_WORD = re.compile(r"[^\W_]+")
_YEAR = re.compile(r"\d{4}")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")


#: Different words, phrases and filters in one query, at most.
MAX_QUERY_PARTS = 64


class QueryError(StoreError):
    """A query that cannot be understood; str() is one sentence for the user."""


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text`` (what the FTS5 tokenizer also does)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    """The folded words of ``text``, split where the FTS5 tokenizer splits."""
    return _WORD.findall(fold(text))


@functools.lru_cache(maxsize=65_536)
def normalize(text: str) -> str:
    """Folded words joined by single spaces: the form filters and names are compared in.

    Cached: names, parties and topics repeat across thousands of meetings in a rebuild.
    """
    return " ".join(words(text))


@dataclass(frozen=True, slots=True)
class Term:
    """A free word (prefix match on its last word) or a quoted phrase (exact words)."""

    text: str
    phrase: bool = False

    @property
    def tokens(self) -> list[str]:
        return words(self.text)

    def fts(self) -> str:
        """This term as a safe FTS5 string: always quoted, ``*`` only after a free word."""
        quoted = '"' + self.text.replace('"', '""') + '"'
        return quoted if self.phrase else quoted + "*"


@dataclass(frozen=True, slots=True)
class Filter:
    name: str
    value: str
    negated: bool = False
    #: For date filters: the half-open ISO date range [low, high) the filter selects.
    low: str | None = None
    high: str | None = None


@dataclass(frozen=True, slots=True)
class Query:
    terms: tuple[Term, ...] = ()
    excluded: tuple[Term, ...] = ()
    filters: tuple[Filter, ...] = field(default_factory=tuple)

    @property
    def empty(self) -> bool:
        return not (self.terms or self.excluded or self.filters)

    def match_expression(self) -> str | None:
        """The FTS5 MATCH string for the words and phrases, or None if there are none."""
        if not self.terms:
            return None
        expression = " AND ".join(term.fts() for term in self.terms)
        for term in self.excluded:
            expression = f"({expression}) NOT {term.fts()}"
        return expression

    def exclusion_expression(self) -> str | None:
        """FTS5 MATCH for rows holding any excluded term (for filter-only queries)."""
        if not self.excluded:
            return None
        return " OR ".join(term.fts() for term in self.excluded)

    def filters_named(self, *names: str) -> list[Filter]:
        return [f for f in self.filters if f.name in names]


# -- tokenizer -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Token:
    negated: bool
    name: str | None  # filter name, or None for a word/phrase
    value: str
    quoted: bool
    position: int


def _read_quoted(text: str, start: int) -> tuple[str, int]:
    """The phrase opening at ``text[start] == '"'``; returns (content, index after it)."""
    end = text.find('"', start + 1)
    if end < 0:
        fragment = text[start:start + 20]
        raise QueryError(f'unbalanced quote: the phrase starting at {fragment} has no '
                         f'closing "')
    return text[start + 1:end], end + 1


def _read_bare(text: str, start: int) -> tuple[str, int]:
    """A bare word: up to whitespace or a quote."""
    end = start
    while end < len(text) and not text[end].isspace() and text[end] != '"':
        end += 1
    return text[start:end], end


def tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        position = i
        negated = False
        if text[i] == "-":
            negated = True
            i += 1
            if i >= len(text) or text[i].isspace():
                continue  # a lone "-" (often half-typed): nothing to exclude yet
        name: str | None = None
        match = _FILTER_NAME.match(text, i)
        if match is not None:
            name = match.group(1).lower()
            i = match.end()
        if i < len(text) and text[i] == '"':
            value, i = _read_quoted(text, i)
            quoted = True
        else:
            value, i = _read_bare(text, i)
            quoted = False
        tokens.append(_Token(negated, name, value, quoted, position))
    return tokens


# -- parser ----------------------------------------------------------------------------

def parse(text: str) -> Query:
    """Parse a query; raise :class:`QueryError` with one sentence if it is not valid."""
    terms: list[Term] = []
    excluded: list[Term] = []
    filters: list[Filter] = []
    for token in tokenize(text):
        if token.name is None:
            if not words(token.value):
                continue  # punctuation only: nothing the index could match
            term = Term(token.value, phrase=token.quoted)
            (excluded if token.negated else terms).append(term)
            continue
        filters.append(_parse_filter(token))
    # A word given twice means what it means once; dropping the repeats keeps the work
    # bounded by the distinct parts (800 copies of one word once took 39 s), and the cap
    # keeps FTS5's parser inside its stack.
    unique = (tuple(dict.fromkeys(terms)), tuple(dict.fromkeys(excluded)),
              tuple(dict.fromkeys(filters)))
    count = sum(len(part) for part in unique)
    if count > MAX_QUERY_PARTS:
        raise QueryError(f"a query holds at most {MAX_QUERY_PARTS} different words, phrases "
                         f"and filters; this one has {count}")
    return Query(*unique)


def _parse_filter(token: _Token) -> Filter:
    name, value = token.name, token.value.strip()
    assert name is not None
    if name not in FILTERS:
        known = ", ".join(f"{f}:" for f in FILTERS)
        raise QueryError(f"unknown filter {name}:; known filters are {known}")
    if not value:
        example = {"year": "2013", "before": "2014-01", "after": "2013-06-30"}.get(
            name, "lavrov" if name == "participant" else "nato")
        raise QueryError(f"{name}: needs a value, e.g. {name}:{example}")
    if name in TEXT_FILTERS:
        if not words(value):
            raise QueryError(f'{name}: expects words to look for, got "{value}"')
        return Filter(name, value, token.negated)
    low, high = _date_range(name, value)
    return Filter(name, value, token.negated, low, high)


def _date_range(name: str, value: str) -> tuple[str | None, str | None]:
    if name == "year":
        if not _YEAR.fullmatch(value):
            raise QueryError(f'year: expects a four-digit year, got "{value}"')
        year = int(value)
        return f"{year:04d}-01-01", f"{year + 1:04d}-01-01"
    first, after_last = _period(name, value)
    if name == "before":
        return None, first.isoformat()
    return (after_last.isoformat() if after_last is not None else "9999-12-32"), None


def _period(name: str, value: str) -> tuple[dt.date, dt.date | None]:
    """The first day of the period ``value`` names and the day after its last day."""
    problem = (f'{name}: expects a date as YYYY, YYYY-MM or YYYY-MM-DD, got "{value}"')
    try:
        if _YEAR.fullmatch(value):
            year = int(value)
            return dt.date(year, 1, 1), _safe_date(year + 1, 1, 1)
        match = _YEAR_MONTH.fullmatch(value)
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            first = dt.date(year, month, 1)
            return first, _safe_date(year + month // 12, month % 12 + 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = dt.date.fromisoformat(value)
            return day, day + dt.timedelta(days=1) if day < dt.date.max else None
    except ValueError:
        raise QueryError(f'{name}: "{value}" is not a real date') from None
    raise QueryError(problem)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
