"""Precision and recall of the extractor, per field, over a folder of statements.

Each ``NAME.txt`` (or ``.md``) statement sits beside ``NAME.expected.json``: either a full
meeting record (as ``dossier export --format json`` writes one) or the compact form below,
which names only what a reader would extract::

    {"date": "2014-12-04", "date_inferred": true, "end_date": null, "location": "Basel",
     "body": "...", "level": "foreign ministers",
     "participants": [{"name": "...", "role": "...", "party": "..."}],
     "topics": ["..."], "priorities": ["area", ...],
     "references": [{"title": "...", "date": null, "location": null}],
     "outcomes": [{"description": "...", "expected": true}], "positions": [{"party": "..."}]}

Run ``python -m dossier.store.extract.score DIR`` for a table (``--json`` for data).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from ..model import Meeting
from . import extract
from .gazetteer import gazetteer

FIELDS = ("date", "date_inferred", "end_date", "location", "body", "level", "participants",
          "participant.role", "participant.party", "topics", "priorities", "references",
          "outcomes", "outcome.expected", "positions")
_STOP = {"the", "of", "a", "an", "on", "in", "for", "and", "to", "with", "at", "by"}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


def compact(record: dict[str, Any]) -> dict[str, Any]:
    """The compact expected form of a full meeting record."""
    if "schema_version" not in record:
        return record
    return {
        "date": record["date"], "date_inferred": record.get("date_inferred", False),
        "end_date": record.get("end_date"), "location": record.get("location", ""),
        "body": record.get("body", ""), "level": record.get("level", ""),
        "participants": [{k: p.get(k, "") for k in ("name", "role", "party")}
                         for p in record.get("participants", [])],
        "topics": list(dict.fromkeys(t for item in record.get("agenda", [])
                                     for t in item.get("topics", []))),
        "priorities": [p["area"] for p in record.get("priorities", [])],
        "references": [{k: r.get(k) for k in ("title", "date", "location")}
                       for r in record.get("references", [])],
        "outcomes": [{k: o.get(k) for k in ("description", "expected")}
                     for o in record.get("outcomes", [])],
        "positions": [{"party": p["party"]} for item in record.get("agenda", [])
                      for p in item.get("positions", [])],
    }


def _canonical(value: str | None) -> str:
    if not value:
        return ""
    entry = gazetteer().lookup(value)
    name = entry.name if entry is not None else value
    return re.sub(r"\s+", " ", name).strip().casefold()


def _words(value: str | None) -> set[str]:
    return {w for w in re.findall(r"[\w-]+", (value or "").casefold()) if w not in _STOP}


def _similar(a: str | None, b: str | None, threshold: float = 0.4) -> bool:
    x, y = _words(a), _words(b)
    return bool(x and y) and len(x & y) / len(x | y) >= threshold


def _scalar(expected: Any, got: Any, same: bool) -> Tally:
    tally = Tally()
    if expected in (None, "") and got in (None, ""):
        return tally
    if same:
        tally.tp = 1
    else:
        tally.fp = int(got not in (None, ""))
        tally.fn = int(expected not in (None, ""))
    return tally


def _match(expected: list[Any], got: list[Any], same: Any) -> tuple[Tally, list[tuple[Any, Any]]]:
    remaining = list(got)
    pairs = []
    for item in expected:
        for candidate in remaining:
            if same(item, candidate):
                pairs.append((item, candidate))
                remaining.remove(candidate)
                break
    return Tally(len(pairs), len(remaining), len(expected) - len(pairs)), pairs


def _body_same(a: str, b: str) -> bool:
    """The same body, or one a body of the other ("OSCE Ministerial Council" and the OSCE)."""
    if not a or not b:
        return False
    if _canonical(a) == _canonical(b):
        return True
    for x, y in ((a, b), (b, a)):
        entry = gazetteer().lookup(x)
        names = {x} if entry is None else {x, entry.name, entry.acronym} - {""}
        if any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", y) for n in names):
            return True
    return False


def _level_same(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    return bool(a and b) and (a == b or a.startswith(b) or b.startswith(a))


def _reference_same(e: dict[str, Any], g: dict[str, Any]) -> bool:
    if e.get("date") and e.get("date") == g.get("date"):
        return True
    if e.get("location") and _canonical(e.get("location")) == _canonical(g.get("location")) \
            and _similar(e.get("title"), g.get("title"), 0.2):
        return True
    return _similar(e.get("title"), g.get("title"), 0.5)


def compare(expected: dict[str, Any], got: dict[str, Any]) -> dict[str, Tally]:
    expected, got = compact(expected), compact(got)
    result: dict[str, Tally] = {}
    for name in ("date", "end_date"):
        result[name] = _scalar(expected.get(name), got.get(name),
                               expected.get(name) == got.get(name))
    result["date_inferred"] = _scalar(bool(expected.get("date_inferred")),
                                      bool(got.get("date_inferred")),
                                      bool(expected.get("date_inferred"))
                                      == bool(got.get("date_inferred")))
    result["location"] = _scalar(expected.get("location"), got.get("location"),
                                 _canonical(expected.get("location"))
                                 == _canonical(got.get("location")))
    result["body"] = _scalar(expected.get("body"), got.get("body"),
                             _body_same(expected.get("body") or "", got.get("body") or ""))
    result["level"] = _scalar(expected.get("level"), got.get("level"),
                              _level_same(expected.get("level") or "", got.get("level") or ""))
    tally, pairs = _match(expected["participants"], got["participants"],
                          lambda e, g: e["name"].casefold() == g["name"].casefold())
    result["participants"] = tally
    result["participant.role"] = Tally()
    result["participant.party"] = Tally()
    for e, g in pairs:
        role_same = _similar(e.get("role"), g.get("role"), 0.6) or (
            e.get("role", "").casefold() == g.get("role", "").casefold())
        result["participant.role"].add(_scalar(e.get("role"), g.get("role"), role_same))
        result["participant.party"].add(_scalar(e.get("party"), g.get("party"),
                                                _canonical(e.get("party"))
                                                == _canonical(g.get("party"))))
    result["topics"] = _match([_canonical(t) for t in expected["topics"]],
                              [_canonical(t) for t in got["topics"]], str.__eq__)[0]
    result["priorities"] = _match([p.casefold() for p in expected["priorities"]],
                                  [p.casefold() for p in got["priorities"]], str.__eq__)[0]
    result["references"] = _match(expected["references"], got["references"],
                                  _reference_same)[0]
    tally, pairs = _match(expected["outcomes"], got["outcomes"],
                          lambda e, g: _similar(e["description"], g["description"]))
    result["outcomes"] = tally
    result["outcome.expected"] = Tally()
    for e, g in pairs:
        result["outcome.expected"].add(_scalar(e["expected"], g["expected"],
                                               e["expected"] == g["expected"]))
    result["positions"] = _match([_canonical(p["party"]) for p in expected["positions"]],
                                 [_canonical(p["party"]) for p in got["positions"]],
                                 str.__eq__)[0]
    return result


def statements(folder: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for path in sorted(folder.iterdir()):
        if path.suffix in (".txt", ".md"):
            expected = path.with_name(path.stem + ".expected.json")
            if expected.exists():
                pairs.append((path, expected))
    return pairs


def score(folder: Path) -> dict[str, Tally]:
    totals = {name: Tally() for name in FIELDS}
    for statement, expected_path in statements(folder):
        meeting: Meeting = extract(statement.read_text(encoding="utf-8")).meeting
        expected = orjson.loads(expected_path.read_bytes())
        for name, tally in compare(expected, meeting.to_json_dict()).items():
            totals[name].add(tally)
    return totals


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m dossier.store.extract.score",
        description="Precision and recall of statement extraction against hand-made "
                    "expected records (NAME.txt beside NAME.expected.json).")
    parser.add_argument("folder", nargs="?", type=Path,
                        default=Path("tests/fixtures/statements"))
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if not args.folder.is_dir():
        parser.error(f"{args.folder} is not a folder of statements")
    totals = score(args.folder)
    if args.json:
        sys.stdout.write(orjson.dumps({k: {"precision": round(v.precision, 3),
                                           "recall": round(v.recall, 3), "tp": v.tp,
                                           "fp": v.fp, "fn": v.fn}
                                       for k, v in totals.items()},
                                      option=orjson.OPT_INDENT_2).decode() + "\n")
        return 0
    print(f"{'field':<20}{'precision':>10}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}")
    for name, tally in totals.items():
        print(f"{name:<20}{tally.precision:>10.2f}{tally.recall:>8.2f}{tally.tp:>5}"
              f"{tally.fp:>5}{tally.fn:>5}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
