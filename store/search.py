"""Search across every record: the query language run against the derived index.

``search(index, "piracy participant:lavrov", limit=20)`` returns :class:`~store.hits.Hit`
objects ranked by bm25 (titles, participants and topics weigh more than source text).

* Words and phrases match within one row (an agenda item, a participant, a paragraph of the
  source …); when fewer rows than ``limit`` hold every word, meetings that hold them across
  rows follow as meeting hits.
* ``-word`` drops the rows that contain it.
* Filters narrow the meetings (participant:, party:, topic:, body:, level:, tag:, year:,
  before:, after:). A query of filters alone lists meetings, newest first — except that
  ``topic:`` lists the agenda items on that topic and ``tag:`` the meetings and notes
  carrying that tag.

Snippets and their highlight ranges are computed here from plain text (never FTS5 markup),
so nothing in the data can turn into markup or escape codes on the way to a screen.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, Literal

from .hits import Hit
from .index import (
    BLOCK,
    DAY_SHIFT,
    FTS_PREFIX,
    SLOT_SHIFT,
    SUMMARY_COLUMNS,
    Indexed,
    IndexUnavailable,
    SearchIndex,
    day_rowid,
    index_of,
    owner_join,
    owner_meeting,
    rows_at,
    summary_from_row,
)
from .query import Query, Term, fold, normalize, parse
from .rows import TOPIC_SEPARATOR, WEIGHTS
from .summary import MeetingSummary

DEFAULT_LIMIT = 50
#: How hits of words are ordered: by relevance (bm25), or newest first. A query of
#: filters alone always lists newest first.
SearchOrder = Literal["relevance", "date"]
#: When more rows than this match, the newest this many are ranked (rowid order is date
#: order): bm25 has to score every candidate, and this bounds a keystroke's cost at any size.
#: 2,000 rows are ~400 meetings' worth of a common word; at 10k meetings a word in 40 % of
#: them took 11-15 ms CPU per search with 5,000 and 7-12 ms with 2,000 (issue 16).
RANK_CANDIDATES = 2000
#: Meetings examined for words spread over several rows (see _cross_row_hits).
CROSS_CANDIDATES = 200
#: A word in this many rows or more is looked up block by block where that is a seek.
COMMON_WORD_ROWS = CROSS_CANDIDATES * 20
#: The longest free word FTS5 finds through a prefix index (store.index.FTS_PREFIX).
PREFIX_INDEXED_CHARS = max(int(size) for size in FTS_PREFIX.split())
#: A filter value in at least this many facet rows is tested per meeting (_facet_test).
RARE_FACET_ROWS = 2000
#: At most this many distinct stored values are looked up one by one (_distinct_norms).
MAX_NORMS = 32
SNIPPET_WIDTH = 160
SNIPPET_LEAD = 50

_TOKEN = re.compile(r"[^\W_]+")
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")
_MAX_CHAR = "\U0010ffff"
# What make_snippet must rewrite: runs of spaces, other whitespace, control and format chars.
_NEEDS_CLEANING = re.compile(r"  |[^\S ]|[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e"
                             r"\u2060-\u206f\ufeff]")

#: The meetings holding an FTS row that matches (one parameter: the MATCH expression).
MEETINGS_MATCHING = f"SELECT o.meeting_id FROM fts {owner_join('fts.rowid')} WHERE fts MATCH ?"
#: The meeting of the FTS row being read (an FTS row keeps no columns of its own).
FTS_MEETING = owner_meeting("fts.rowid")


def search(source: SearchIndex | Indexed, query: str | Query,
           limit: int = DEFAULT_LIMIT, order: SearchOrder = "relevance") -> list[Hit]:
    """Run ``query`` (text or parsed) against the index (or the index of ``source``, say a
    store); raise :class:`~store.query.QueryError` if the query is invalid.

    ``order="date"`` lists the newest ``limit`` hits of the words, newest first, instead of
    the best ``limit`` by relevance."""
    parsed = parse(query) if isinstance(query, str) else query
    index = index_of(source)
    if parsed.empty or limit <= 0:
        return []
    try:
        with index.reading() as conn:
            if parsed.terms:
                hits = _word_hits(conn, parsed, limit, order)
                if len(hits) < limit:
                    seen = {hit.meeting_id for hit in hits}
                    hits += _cross_row_hits(conn, parsed, limit - len(hits), seen)
                    if order == "date":
                        # Every one-row hit is here (fewer than ``limit``), so merging in
                        # the cross-row ones by date keeps the newest first overall.
                        hits.sort(key=lambda hit: hit.date, reverse=True)
            else:
                hits = _filter_hits(conn, parsed, limit)
            titles = index.meeting_titles(hit.meeting_id for hit in hits)
    except sqlite3.Error as exc:
        raise IndexUnavailable(f"search failed in the index of {index.source.root} "
                               f"({str(exc).splitlines()[0]}); the records are unaffected"
                               ) from None
    return [_with_meeting_title(hit, titles.get(hit.meeting_id, "")) for hit in hits]


def matching_meetings(source: SearchIndex | Indexed, query: str | Query,
                      limit: int | None = None) -> list[MeetingSummary]:
    """The meetings a query selects, newest first (then by id): ``dossier list QUERY``.

    The same language as :func:`search`, read per meeting rather than per row: each word or
    phrase occurs somewhere in the meeting (not necessarily in one row), no excluded one
    occurs anywhere in it, and every filter holds. An empty query selects every meeting.
    """
    parsed = parse(query) if isinstance(query, str) else query
    index = index_of(source)
    if limit is not None and limit <= 0:
        return []
    where, params = _conditions(parsed, "c.id", "c.date")
    for term in parsed.terms:
        where += f" AND c.id IN ({MEETINGS_MATCHING})"
        params.append(term.fts())
    exclusion = parsed.exclusion_expression()
    if exclusion is not None:
        where += f" AND c.id NOT IN ({MEETINGS_MATCHING})"
        params.append(exclusion)
    columns = ", ".join(f"c.{name}" for name in SUMMARY_COLUMNS.split(", "))
    try:
        with index.reading() as conn:
            rows = conn.execute(f"SELECT {columns} FROM catalog c WHERE {where} "
                                f"ORDER BY c.date DESC, c.id LIMIT ?",
                                [*params, -1 if limit is None else limit]).fetchall()
    except sqlite3.Error as exc:
        raise IndexUnavailable(f"listing failed in the index of {index.source.root} "
                               f"({str(exc).splitlines()[0]}); the records are unaffected"
                               ) from None
    return [summary_from_row(row) for row in rows]


def _with_meeting_title(hit: Hit, title: str) -> Hit:
    return Hit(hit.kind, hit.meeting_id, hit.date, hit.title, hit.target, hit.snippet,
               hit.highlights, hit.span, hit.score, meeting_title=title)


# -- SQL for filters ---------------------------------------------------------------------

def _facet_range(value: str) -> tuple[str, str]:
    low = normalize(value)
    return low, low + _MAX_CHAR


def _conditions(query: Query, id_column: str, date_column: str, fts_rows: bool = False,
                conn: sqlite3.Connection | None = None,
                base_column: str | None = None) -> tuple[str, list[Any]]:
    """SQL (AND-ed) and parameters for the query's filters on a meeting id / date column.

    On FTS rows (``fts_rows``) a date filter is a rowid range, which FTS5 applies itself.
    Given ``conn`` and ``base_column`` (the SQL of the meeting's rowid block), a filter that
    many meetings pass is tested in that meeting's own facet rows (:func:`_facet_test`).
    """
    parts: list[str] = []
    params: list[Any] = []
    for f in query.filters:
        if f.low is not None or f.high is not None:
            bounds = [(">=", f.low), ("<", f.high)]
            clause = " AND ".join(f"{date_column} {op} ?" for op, value in bounds if value)
            params += [_bound(value, fts_rows) for _, value in bounds if value]
            parts.append(f"NOT ({clause})" if f.negated else f"({clause})")
            continue
        low, high = _facet_range(f.value)
        test = (_facet_test(conn, f.name, low, high, base_column)
                if conn is not None and base_column is not None else None)
        if test is not None:
            parts.append(f"{'NOT ' if f.negated else ''}{test[0]}")
            params += test[1]
        else:
            parts.append(f"{id_column} {'NOT IN' if f.negated else 'IN'} (SELECT "
                         f"o.meeting_id FROM facet f {owner_join('f.id')} WHERE f.kind = ? "
                         f"AND f.norm >= ? AND f.norm < ?)")
            params += [f.name, low, high]
    return (" AND ".join(parts) or "1"), params


def _facet_test(conn: sqlite3.Connection, kind: str, low: str, high: str,
                base_column: str) -> tuple[str, list[Any]] | None:
    """``EXISTS`` (SQL, parameters): the meeting whose rowid block starts at ``base_column``
    has a facet value in [low, high); None when the filter is better read whole.

    ``id IN (SELECT <meeting> FROM facet ...)`` reads every meeting carrying the value
    before the newest are taken: 18,000 rows (~50 ms) for party:finland at 100k meetings.
    A value in at least RARE_FACET_ROWS rows is instead tested per candidate, newest first,
    by one seek per distinct stored value into the meeting's own facet block (facet ids
    lie in their meeting's block), so a walk stops at the newest few hundred meetings.
    Tags are read whole: a note's tags lie in the note's block, not its meeting's.
    """
    if kind == "tag":
        return None
    common = conn.execute("SELECT count(*) FROM (SELECT 1 FROM facet WHERE kind = ? AND "
                          "norm >= ? AND norm < ? LIMIT ?)",
                          (kind, low, high, RARE_FACET_ROWS)).fetchone()[0]
    if common < RARE_FACET_ROWS:
        return None
    norms = _distinct_norms(conn, kind, low, high)
    if norms is None:
        return None
    marks = ",".join("?" * len(norms))
    return (f"EXISTS (SELECT 1 FROM facet WHERE kind = ? AND norm IN ({marks}) AND id "
            f"BETWEEN {base_column} AND {base_column} + {BLOCK - 1})", [kind, *norms])


def _distinct_norms(conn: sqlite3.Connection, kind: str, low: str,
                    high: str) -> list[str] | None:
    """The distinct stored values in [low, high) (one index seek each), or None if more than
    MAX_NORMS: ``party:fin`` is a few values, ``participant:a`` thousands."""
    norms: list[str] = []
    row = conn.execute("SELECT min(norm) FROM facet WHERE kind = ? AND norm >= ? AND norm < ?",
                       (kind, low, high)).fetchone()
    while row is not None and row[0] is not None:
        if len(norms) >= MAX_NORMS:
            return None
        norms.append(row[0])
        row = conn.execute("SELECT min(norm) FROM facet WHERE kind = ? AND norm > ? AND "
                           "norm < ?", (kind, row[0], high)).fetchone()
    return norms


def _bound(iso: str, fts_rows: bool) -> str | int:
    if not fts_rows:
        return iso
    try:
        return day_rowid(iso)
    except ValueError:  # "9999-12-32": after the last representable day
        return day_rowid("9999-12-31") + (1 << 40)


# -- word queries ---------------------------------------------------------------------------

def _word_hits(conn: sqlite3.Connection, query: Query, limit: int,
               order: SearchOrder = "relevance") -> list[Hit]:
    where, params = _conditions(query, FTS_MEETING, "fts.rowid", fts_rows=True)
    if order == "date":
        # Rowid order is date order (store/index.py's day_rowid): the newest rows, no bm25.
        newest = [r[0] for r in conn.execute(
            f"SELECT rowid FROM fts WHERE fts MATCH ? AND {where} ORDER BY rowid DESC "
            f"LIMIT ?", [query.match_expression(), *params, limit])]
        # Newest day first, and within a day in the order of the record (agenda, then
        # participants, … then the source's paragraphs in reading order).
        newest.sort(key=lambda rowid: (-(rowid >> DAY_SHIFT), rowid))
        rows = rows_at(conn, newest)
        return [_hit(rows[rowid], query.terms, score=0.0) for rowid in newest
                if rowid in rows]
    weights = ", ".join(str(w) for w in WEIGHTS)
    # One MATCH: bm25 of the newest RANK_CANDIDATES matching rows (highest rowids), the best
    # ``limit`` of them sorted by SQLite (ties in rowid order), then only those rows read
    # whole. A short prefix ("con") merges the doclists of every word it starts, so each
    # evaluation of it counts: a floor query then a ranked one cost 13.9 ms CPU for "con"
    # at 10k meetings, this 9.7 ms ("minister" 10.5 -> 7.7, "arctic" 3.7 -> 3.3; issue 16).
    best = conn.execute(
        f"SELECT rowid, score FROM (SELECT rowid, bm25(fts, {weights}) AS score FROM fts "
        f"WHERE fts MATCH ? AND {where} ORDER BY rowid DESC LIMIT ?) "
        f"ORDER BY score, rowid LIMIT ?",
        [query.match_expression(), *params, RANK_CANDIDATES, limit]).fetchall()
    rows = rows_at(conn, [rowid for rowid, _ in best])
    return [_hit(rows[rowid], query.terms, score=-score) for rowid, score in best
            if rowid in rows]


def _cross_row_hits(conn: sqlite3.Connection, query: Query, limit: int,
                    seen: set[str]) -> list[Hit]:
    """Meetings that hold every word, though no single row holds them all.

    Candidates come from the rarest word (newest first, at most CROSS_CANDIDATES); each
    other word must then occur inside each candidate's own rowid block. A word has its
    rowids read once (the doclist alone, no row content) and the blocks are checked in
    Python, unless it is in COMMON_WORD_ROWS rows or more and FTS5 answers "in this
    block?" with a seek (_seeks_cheaply): then it is looked up block by block. One
    statement per word instead of one per candidate and word (issue 16: 430 statements,
    53 ms at 10k meetings for two words).
    """
    if len(query.terms) < 2:
        return []
    cap = COMMON_WORD_ROWS
    counts = []
    for term in query.terms:
        rowids = [r[0] for r in conn.execute(
            "SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?",
            (term.fts(), cap if _seeks_cheaply(term) else -1))]
        if not rowids:
            return []
        counts.append((len(rowids), term, rowids))
    counts.sort(key=lambda entry: entry[0])
    rarest = counts[0][1]
    where, params = _conditions(query, FTS_MEETING, "fts.rowid", fts_rows=True)
    candidates: dict[str, None] = {}
    for (meeting_id,) in conn.execute(
            f"SELECT {FTS_MEETING} FROM fts WHERE fts MATCH ? AND {where} "
            f"ORDER BY rowid DESC",
            [rarest.fts(), *params]):
        if meeting_id not in seen and meeting_id not in candidates:
            candidates[meeting_id] = None
            if len(candidates) >= CROSS_CANDIDATES:
                break
    if not candidates:
        return []
    marks = ",".join("?" * len(candidates))
    bases = dict(conn.execute(f"SELECT id, base FROM catalog WHERE id IN ({marks})",
                              list(candidates)).fetchall())
    # Each other word as a test "does it occur in the block starting at base?".
    checks = [_block_test(conn, term.fts(),
                          rowids if count < cap or not _seeks_cheaply(term) else None)
              for count, term, rowids in counts[1:]]
    exclusion = query.exclusion_expression()
    excluded = None
    if exclusion is not None:
        seekable = all(_seeks_cheaply(term) for term in query.excluded)
        excluded = _block_test(conn, exclusion,
                               _rowids_under(conn, exclusion, cap if seekable else None))
    found: list[str] = []
    for meeting_id in candidates:
        base = bases.get(meeting_id)
        if base is None:
            continue
        if all(check(base) for check in checks) and not (
                excluded is not None and excluded(base)):
            found.append(meeting_id)
            if len(found) >= limit:
                break
    return [_hit(row, query.terms, score=0.0) for row in _meeting_rows(conn, found)]


def _rowids_under(conn: sqlite3.Connection, match: str, cap: int | None) -> list[int] | None:
    """Every rowid matching ``match`` if there are fewer than ``cap`` (no cap: all of
    them), else None."""
    rowids = [r[0] for r in conn.execute("SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?",
                                         (match, -1 if cap is None else cap))]
    return rowids if cap is None or len(rowids) < cap else None


def _seeks_cheaply(term: Term) -> bool:
    """Whether FTS5 answers "does this term occur in rowids low..high?" with a seek in one
    doclist: for a phrase, or a free word no longer than the prefix indexes (FTS_PREFIX).
    A longer free word is a prefix query, which merges the doclist of every word it
    starts in each statement. At 100k meetings, 200 block lookups of "arctic"* took
    886 ms and of "transparency"* 264 ms, against 28 and 10 ms to read all their rowids
    (79k and 25k rows); for "co"*, prefix-indexed, 18 ms against 249 ms (763k rows)."""
    return term.phrase or len(term.text) <= PREFIX_INDEXED_CHARS


def _block_test(conn: sqlite3.Connection, match: str,
                rowids: list[int] | None) -> Callable[[int], bool]:
    """``test(base)``: whether a row matching ``match`` lies in the block at ``base``;
    from ``rowids`` (all the matching rows) when given, else by one seek per block."""
    if rowids is None:
        return lambda base: _in_block(conn, match, base, base + BLOCK - 1)
    blocks = {rowid & ~(BLOCK - 1) for rowid in rowids}
    return blocks.__contains__


def _in_block(conn: sqlite3.Connection, match: str, low: int, high: int) -> bool:
    return conn.execute("SELECT 1 FROM fts WHERE fts MATCH ? AND rowid BETWEEN ? AND ? "
                        "LIMIT 1", (match, low, high)).fetchone() is not None


def _meeting_rows(conn: sqlite3.Connection, ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """The meeting row (the first of its block) of each meeting, in ``ids`` order."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    bases = dict(conn.execute(f"SELECT id, base FROM catalog WHERE id IN ({marks})",
                              list(ids)).fetchall())
    rows = rows_at(conn, bases.values())
    return [rows[bases[i]] for i in ids if i in bases and bases[i] in rows]


# -- filter-only queries ------------------------------------------------------------------

def _filter_hits(conn: sqlite3.Connection, query: Query, limit: int) -> list[Hit]:
    where, params = _conditions(query, "c.id", "c.date", conn=conn, base_column="c.base")
    exclusion = query.exclusion_expression()
    if exclusion is not None:
        where += f" AND c.id NOT IN ({MEETINGS_MATCHING})"
        params.append(exclusion)
    item_filters = ([f for f in query.filters if f.name == "topic" and not f.negated]
                    or [f for f in query.filters if f.name == "tag" and not f.negated])
    if not item_filters:
        ids = [r[0] for r in conn.execute(
            f"SELECT c.id FROM catalog c WHERE {where} ORDER BY c.date DESC, c.id LIMIT ?",
            [*params, limit])]
        return [_hit(row, (), score=0.0) for row in _meeting_rows(conn, ids)]
    # The items (agenda items for topic:, meetings and notes for tag:) that carry the value,
    # newest first: an item's FTS rowid encodes its meeting's date, so ORDER BY f.row is
    # date order, and further item filters look in the item's own rowid block.
    first, *others = item_filters
    low, high = _facet_range(first.value)
    norms = _distinct_norms(conn, first.name, low, high)
    if norms is None:
        clauses = ["f.kind = ?", "f.norm >= ?", "f.norm < ?"]
        item_params: list[Any] = [first.name, low, high]
    else:
        clauses = ["f.kind = ?", f"f.norm IN ({','.join('?' * len(norms))})"]
        item_params = [first.name, *norms]
    for extra in others:
        extra_low, extra_high = _facet_range(extra.value)
        clauses.append("EXISTS (SELECT 1 FROM facet g WHERE g.id BETWEEN "
                       f"(f.row >> {SLOT_SHIFT}) << {SLOT_SHIFT} AND f.row | {BLOCK - 1} "
                       "AND g.row = f.row AND g.kind = ? AND g.norm >= ? AND g.norm < ?)")
        item_params += [extra.name, extra_low, extra_high]
    sql = (f"SELECT f.row FROM facet f {owner_join('f.id')} JOIN catalog c "
           f"ON c.id = o.meeting_id "
           f"WHERE {' AND '.join(clauses)} AND f.id >= ? AND {where} GROUP BY f.row "
           f"ORDER BY f.row DESC LIMIT ?")
    rows = [r[0] for r in conn.execute(sql, [*item_params, -1 << 62, *params, limit])] \
        if norms is None else _newest_windows(conn, sql, [*item_params], [*params, limit],
                                               limit)
    found = rows_at(conn, rows)
    return [_hit(found[rowid], (), score=0.0) for rowid in rows if rowid in found]


def _newest_windows(conn: sqlite3.Connection, sql: str, before: list[Any], after: list[Any],
                    limit: int) -> list[Any]:
    """Run ``sql`` (its ``rowid >= ?`` bound between the ``before`` and ``after``
    parameters) over ever wider windows of the newest rows until it returns ``limit`` rows
    or the window holds every row.

    A window starts at a meeting's block, so every row at or above it is seen and the newest
    ``limit`` in it are the newest overall. The first holds the newest ``limit`` x 8
    meetings, then x16 each time: topic:afghanistan at 100k meetings read all 11,800 facet
    rows of the topic and sorted them (~100 ms) for its newest 50 items.
    """
    meetings = limit * 8
    while True:
        row = conn.execute("SELECT base FROM catalog ORDER BY base DESC LIMIT 1 OFFSET ?",
                           (meetings,)).fetchone()
        low = row[0] if row is not None else -1 << 62
        rows = [r[0] for r in conn.execute(sql, [*before, low, *after])]
        if len(rows) >= limit or row is None:
            return rows
        meetings <<= 4


# -- hits, snippets, highlights -------------------------------------------------------------

def _hit(row: tuple[Any, ...], terms: Sequence[Term], score: float) -> Hit:
    (_rowid, kind, meeting_id, date, label, target, span_start, span_end,
     title, people, topics, text) = row[:12]
    candidates = [text, label, topics.replace(TOPIC_SEPARATOR, ", "),
                  people.replace(TOPIC_SEPARATOR, ", ")]
    field, ranges = text, []
    for candidate in candidates:
        found = match_ranges(candidate, terms)
        if found:
            field, ranges = candidate, found
            break
    if not field:
        field = label
    snippet, highlights = make_snippet(field, ranges)
    span: tuple[int, int] | None = None
    if span_start is not None and span_end is not None:
        span = (span_start, span_end)
        if kind == "source" and ranges and field is text:
            local = sentence_around(text, ranges[0][0])
            span = (span_start + local[0], span_start + local[1])
    return Hit(kind=kind, meeting_id=meeting_id, date=dt.date.fromisoformat(date),
               title=label or title, target=target, snippet=snippet,
               highlights=tuple(highlights), span=span, score=round(score, 6))


def _fold_token(token: str) -> str:
    decomposed = unicodedata.normalize("NFKD", token)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def match_ranges(text: str, terms: Sequence[Term]) -> list[tuple[int, int]]:
    """[start, end) of every place in ``text`` a term matches, as the index matches it."""
    if not text or not terms:
        return []
    tokens = [(m.start(), m.end(), _fold_token(m.group())) for m in _TOKEN.finditer(text)]
    ranges: set[tuple[int, int]] = set()
    for term in terms:
        wanted = [fold(w) for w in term.tokens]
        if not wanted:
            continue
        last = len(wanted) - 1
        for i in range(len(tokens) - last):
            if all(tokens[i + j][2].startswith(word) if j == last and not term.phrase
                   else tokens[i + j][2] == word for j, word in enumerate(wanted)):
                ranges.add((tokens[i][0], tokens[i + last][1]))
    return _merge(sorted(ranges))


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def make_snippet(text: str, ranges: Sequence[tuple[int, int]],
                 width: int = SNIPPET_WIDTH) -> tuple[str, list[tuple[int, int]]]:
    """A one-line excerpt of ``text`` around the first match, and the matches' ranges in it.

    Whitespace runs become one space and control characters become spaces, so the snippet
    is plain single-line text whose ranges stay exact.
    """
    if not text:
        return "", []
    first = ranges[0][0] if ranges else 0
    start = max(0, first - SNIPPET_LEAD) if len(text) > width else 0
    if start > 0:
        space = text.rfind(" ", 0, start + 1)
        start = space + 1 if space >= 0 and first - space < width // 2 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start + width // 2, end)
        end = space if space > 0 else end
    window = text[start:end]
    if not _NEEDS_CLEANING.search(window):
        # The common case: plain one-line text, so offsets just shift.
        lead = "…" if start > 0 else ""
        body = window.rstrip(" ")
        shift = len(lead) - start
        kept = [(a + shift, min(b + shift, len(lead) + len(body)))
                for a, b in ranges if a >= start and b <= end]
        return (lead + body + ("…" if end < len(text) else ""),
                [(a, b) for a, b in kept if b > a])
    out: list[str] = []
    mapping: dict[int, int] = {}
    if start > 0:
        out.append("…")
    previous_space = True
    for i in range(start, end):
        char = text[i]
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            mapping[i] = len(out)
            if not previous_space:
                out.append(" ")
                previous_space = True
            continue
        mapping[i] = len(out)
        out.append(char)
        previous_space = False
    mapping[end] = len(out)
    while out and out[-1] == " ":
        out.pop()
    if end < len(text):
        out.append("…")
    snippet = "".join(out)
    highlights = []
    for a, b in ranges:
        if a >= start and b <= end:
            lo, hi = mapping[a], min(mapping[b], len(snippet))
            if hi > lo:
                highlights.append((lo, hi))
    return snippet, highlights


def sentence_around(text: str, position: int) -> tuple[int, int]:
    """[start, end) of the sentence of ``text`` containing ``position``."""
    for match in _SENTENCE.finditer(text):
        if match.start() <= position < max(match.end(), match.start() + 1):
            start, end = match.start(), match.end()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            return start, end
    return 0, len(text)
