"""Dates in a statement: single days, ranges, and the years that give a bare day its year.

Press statements write "On 4 December", "3-4 December 2013", "from 3 to 5 June",
"December 3-4, 2013" or "30 November – 2 December". A regular grammar covers these exactly
and keeps the span of each; ``dateparser`` would parse them too but without spans, and it
costs ~80 ms to import, so it is not needed here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
          r"|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?"
          r"|Nov\.?|Dec\.?)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_MM = r"[01]?\d"
_DD = r"[0-3]?\d"
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_TO = rf",?\s*(?:-|–|—|to|until|till|through|and)\s*{_WEEKDAY}"


def _g(name: str, pattern: str) -> str:
    return f"(?P<{name}>{pattern})"


_PATTERNS = [
    # 30 November - 2 December 2013
    rf"(?:from\s+)?(?:the\s+)?{_g('d1', _DAY)}\s+(?:of\s+)?{_g('m1', _MONTH)}"
    rf"(?:,?\s+{_g('y1', _YEAR)})?{_TO}"
    rf"(?:the\s+)?{_g('d2', _DAY)}\s+(?:of\s+)?{_g('m2', _MONTH)}(?:,?\s+{_g('y2', _YEAR)})?",
    # November 30 - December 2, 2013
    rf"(?:from\s+)?{_g('m1', _MONTH)}\s+{_g('d1', _DAY)}(?:,?\s+{_g('y1', _YEAR)})?{_TO}"
    rf"{_g('m2', _MONTH)}\s+{_g('d2', _DAY)}(?:,?\s+{_g('y2', _YEAR)})?",
    # 3-4 December 2013, from 3 to 5 June
    rf"(?:from\s+)?(?:the\s+)?{_g('d1', _DAY)}{_TO}(?:the\s+)?{_g('d2', _DAY)}\s+(?:of\s+)?"
    rf"{_g('m2', _MONTH)}(?:,?\s+{_g('y2', _YEAR)})?",
    # December 3-4, 2013
    rf"(?:from\s+)?{_g('m2', _MONTH)}\s+{_g('d1', _DAY)}{_TO}{_g('d2', _DAY)}"
    rf"(?:,?\s+{_g('y2', _YEAR)})?",
    # 4 December 2013, the 4th of December
    rf"(?:the\s+)?{_g('d1', _DAY)}\s+(?:of\s+)?{_g('m1', _MONTH)}(?:,?\s+{_g('y1', _YEAR)})?",
    # December 4, 2013
    rf"{_g('m1', _MONTH)}\s+{_g('d1', _DAY)}(?![\d:])(?:,?\s+{_g('y1', _YEAR)})?",
    # 2013-12-04
    _g("iy", _YEAR) + "-" + _g("im", _MM) + "-" + _g("id", _DD),
    # 04.12.2013 (day first, as in European and Russian usage)
    _g("ed", _DD) + r"\." + _g("em", _MM) + r"\." + _g("ey", _YEAR),
    # November 2010 (month precision: references only)
    rf"{_g('mm', _MONTH)}\s+{_g('my', _YEAR)}",
]
# Names repeat across alternatives; Python needs them unique, so number them per branch.
_DATE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(
        "(?:" + re.sub(r"[(][?]P<(\w+)>", lambda m, i=i: f"(?P<{m.group(1)}_{i}>", p) + ")"
        for i, p in enumerate(_PATTERNS)
    )
    + r")(?![\w])"
)
# A year on its own, or the first year of a span ("for 2015-2020").
_STANDALONE_YEAR = re.compile(r"(?<![\w.-])(19[4-9]\d|20\d\d)(?:[-–](?:19|20)?\d\d)?(?![\w-])")
_NOT_A_YEAR = re.compile(r"(?:resolution|No\.|number|Nos\.|document|Res\.)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    day: int | None  # None: a month-precision mention ("November 2010")
    month: int
    year: int | None
    end_day: int | None = None
    end_month: int | None = None
    end_year: int | None = None

    @property
    def explicit_year(self) -> int | None:
        return self.year or self.end_year

    @property
    def is_range(self) -> bool:
        return self.end_day is not None

    def resolve(self, year: int) -> tuple[dt.date | None, dt.date | None]:
        """The start and end dates with ``year`` filling what the text left out."""
        start_year = self.year or (self.end_year if self.end_year else year)
        try:
            start = dt.date(start_year, self.month, self.day or 1)
        except ValueError:
            return None, None
        end = None
        if self.end_day is not None and self.end_month is not None:
            end_year = self.end_year or start_year
            if self.end_month < self.month and not self.end_year:
                end_year += 1
            try:
                end = dt.date(end_year, self.end_month, self.end_day)
            except ValueError:
                end = None
            if end is not None and end <= start:
                end = None
        return start, end


def _month(value: str) -> int:
    return MONTHS[value.lower().rstrip(".")]


def _day(value: str) -> int:
    return int(re.sub(r"\D", "", value))


def find_dates(text: str) -> list[DateMention]:
    """Every date or date range in ``text``, in order."""
    found: list[DateMention] = []
    for match in _DATE.finditer(text):
        groups = {key.rsplit("_", 1)[0]: value for key, value in match.groupdict().items()
                  if value is not None}
        try:
            mention = _mention(match, groups)
        except (KeyError, ValueError):
            continue
        if mention is not None:
            found.append(mention)
    return found


def _mention(match: re.Match[str], g: dict[str, str]) -> DateMention | None:
    start, end, text = match.start(), match.end(), match.group()
    if "iy" in g:
        return DateMention(start, end, text, int(g["id"]), int(g["im"]), int(g["iy"]))
    if "ey" in g:
        month = int(g["em"])
        if not 1 <= month <= 12:
            return None
        return DateMention(start, end, text, int(g["ed"]), month, int(g["ey"]))
    if "mm" in g:
        return DateMention(start, end, text, None, _month(g["mm"]), int(g["my"]))
    if "d2" in g:  # a range
        end_month = _month(g["m2"])
        month = _month(g["m1"]) if "m1" in g else end_month
        end_year = int(g["y2"]) if "y2" in g else None
        year = int(g["y1"]) if "y1" in g else None
        return DateMention(start, end, text, _day(g["d1"]), month, year, _day(g["d2"]),
                           end_month, end_year)
    year = int(g["y1"]) if "y1" in g else None
    return DateMention(start, end, text, _day(g["d1"]), _month(g["m1"]), year)


@dataclass(frozen=True)
class YearMention:
    start: int
    end: int
    year: int
    before: str  # the word just before it ("in", "for" …), lower-case
    past: bool = False  # told in the past tense ("trade fell by 8 per cent in 2013")


def standalone_years(text: str, dates: Iterable[DateMention]) -> list[YearMention]:
    """Years written on their own ("activities in 2013"), outside any full date."""
    taken = [(d.start, d.end) for d in dates]
    years: list[YearMention] = []
    for match in _STANDALONE_YEAR.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        prefix = text[max(0, match.start() - 40):match.start()]
        if _NOT_A_YEAR.search(prefix):
            continue
        words = re.findall(r"[\w-]+", prefix.lower())
        before = re.split(r"[.;!?]\s", text[max(0, match.start() - 120):match.start()])[-1]
        after = re.split(r"[.;!?](?:\s|$)", text[match.end():match.end() + 120])[0]
        clause = f"{before} {after}"
        years.append(YearMention(match.start(), match.start() + 4, int(match.group(1)),
                                 words[-1] if words else "", bool(_PAST_TENSE.search(clause))))
    return years


_FORWARD = {"for", "until", "till", "by", "before", "through", "beyond", "after", "to"}
_PAST_TENSE = re.compile(r"\b(?:was|were|fell|grew|rose|increased|decreased|amounted|reached"
                         r"|totall?ed|declined|dropped|had|exceeded)\b", re.IGNORECASE)


def infer_year(month: int, years: list[YearMention]) -> YearMention | None:
    """The year a day-and-month most likely falls in, judged from the years the text names.

    A year named as a horizon ("the programme for 2014", "until 2020") usually lies ahead of
    a meeting held late in the year, so it votes for the year before when the meeting is in
    the autumn; a year told in the past tense ("trade fell in 2013") is usually the year
    before a meeting held in its first months; every other year votes for itself. The
    best-supported year wins, the earlier one on a tie; the mention returned is the one to
    cite as evidence.
    """
    if not years:
        return None
    votes: Counter[int] = Counter()
    evidence: dict[int, YearMention] = {}
    for mention in years:
        year = mention.year
        if mention.before in _FORWARD and month >= 9:
            year -= 1
        elif mention.past and month <= 4:
            year += 1
        votes[year] += 1
        if mention.year == year:
            evidence.setdefault(year, mention)
    best = max(votes.items(), key=lambda item: (item[1], -item[0]))[0]
    if best in evidence:
        return evidence[best]
    sample = next(m for m in years if abs(m.year - best) == 1)
    return YearMention(sample.start, sample.end, best, sample.before, sample.past)


def closest_year(month: int, day: int, anchor: dt.date) -> int:
    """The year that puts day/month closest to ``anchor`` (a dateline's date)."""
    best = anchor.year
    best_distance: int | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            distance = abs((dt.date(year, month, day) - anchor).days)
        except ValueError:
            continue
        if best_distance is None or distance < best_distance:
            best, best_distance = year, distance
    return best


# -- relative dates ---------------------------------------------------------------------------

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
_RELATIVE = re.compile(
    r"(?<![\w-])(?:(?P<earlier>earlier\s+)?(?P<today>today|this\s+(?:morning|afternoon|evening))"
    r"|(?P<yesterday>yesterday|last\s+night)|(?P<tomorrow>tomorrow)"
    r"|(?:(?P<last>last|this|next)\s+|on\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday)(?!,?\s+(?:\d|(?:the\s+)?\d|" + _MONTH + r")))(?![\w-])",
    re.IGNORECASE)
_FUTURE = re.compile(r"\b(?:will|shall|to\s+be\s+held|is\s+to|are\s+to|scheduled|expected"
                     r"|plans?\s+to|is\s+set\s+to|upcoming|next)\b", re.IGNORECASE)


@dataclass(frozen=True)
class RelativeMention:
    """"today", "yesterday", "on Wednesday": a day told against the page's own date."""

    start: int
    end: int
    text: str
    offset: int | None  # days from the publication date (today 0, yesterday -1), or None
    weekday: int | None  # 0 Monday … 6 Sunday, or None
    qualifier: str = ""  # "last", "this", "next" or "" before a weekday
    secondary: bool = False  # "earlier today": another event of the same day

    def resolve(self, published: dt.date, sentence: str = "") -> dt.date:
        """The day meant, counted from ``published``; a bare weekday lies in the past unless
        the sentence speaks of the future ("will meet on Friday")."""
        if self.offset is not None:
            return published + dt.timedelta(days=self.offset)
        assert self.weekday is not None
        back = (published.weekday() - self.weekday) % 7
        if self.qualifier == "next" or (self.qualifier != "last" and _FUTURE.search(sentence)):
            ahead = (self.weekday - published.weekday()) % 7
            return published + dt.timedelta(days=ahead or (7 if self.qualifier == "next" else 0))
        if self.qualifier == "last" and back == 0:
            back = 7
        return published - dt.timedelta(days=back)


def find_relative_dates(text: str) -> list[RelativeMention]:
    """Every "today", "yesterday", "tomorrow" and weekday in ``text``, in order."""
    found = []
    for match in _RELATIVE.finditer(text):
        if match.group("weekday"):
            found.append(RelativeMention(match.start(), match.end(), match.group(), None,
                                         WEEKDAYS[match.group("weekday").lower()],
                                         (match.group("last") or "").lower()))
            continue
        offset = 0 if match.group("today") else -1 if match.group("yesterday") else 1
        found.append(RelativeMention(match.start(), match.end(), match.group(), offset, None,
                                     secondary=bool(match.group("earlier"))))
    return found
