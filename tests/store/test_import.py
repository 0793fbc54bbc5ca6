"""Records and statements into a real store: validation, conflicts, dry runs, limits."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from dossier.store.errors import Conflict
from dossier.store.importer import ImportRefused, import_path, iter_records
from dossier.store.store import Store
from tests.conftest import SEED_ID

ROOT = Path(__file__).resolve().parents[2]
SEED_RECORD = json.loads((ROOT / "data" / "sample" / f"{SEED_ID}.json").read_text())
STATEMENTS = ROOT / "tests" / "fixtures" / "statements"


def record(meeting_id: str, **changes: object) -> dict:
    data = json.loads(json.dumps(SEED_RECORD))
    data["id"] = meeting_id
    data.update(changes)
    return data


def snapshot(store: Store) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in store.data_files()}


def write_ndjson(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_ndjson_records_are_added(empty_store: Store, tmp_path: Path) -> None:
    path = write_ndjson(tmp_path / "m.ndjson", [record(f"m-{i}") for i in range(5)])
    report = import_path(empty_store, path)
    assert sorted(report.put.added) == [f"m-{i}" for i in range(5)]
    assert empty_store.get_meeting("m-3").title == SEED_RECORD["title"]


def test_json_array_and_single_object(empty_store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps([record("a-1"), record("a-2")]))
    (tmp_path / "b.json").write_text(json.dumps(record("b-1")))
    assert len(import_path(empty_store, tmp_path / "a.json").put.added) == 2
    assert import_path(empty_store, tmp_path / "b.json").put.added == ("b-1",)


def test_a_bad_record_names_its_line_and_changes_nothing(seeded_store: Store,
                                                         tmp_path: Path) -> None:
    bad = record("bad-one")
    bad["agenda"][0]["title"] = ""
    records = [record(f"ok-{i}") for i in range(36)] + [bad] + [record("ok-late")]
    path = write_ndjson(tmp_path / "m.ndjson", records)
    before = snapshot(seeded_store)
    with pytest.raises(ImportRefused) as caught:
        import_path(seeded_store, path)
    assert str(caught.value) == "line 37: meeting bad-one: agenda[0].title: must not be empty"
    assert snapshot(seeded_store) == before
    assert not seeded_store.has_meeting("ok-0")


def test_a_bad_record_in_a_json_array_names_its_line(empty_store: Store,
                                                     tmp_path: Path) -> None:
    bad = record("bad-two", date="someday")
    path = tmp_path / "m.json"
    path.write_text(json.dumps([record("fine"), bad], indent=2))
    with pytest.raises(ImportRefused) as caught:
        import_path(empty_store, path)
    line = path.read_text().splitlines().index('    "id": "bad-two",') + 1
    assert str(caught.value).startswith(f"line {line}: meeting bad-two: date:")


def test_conflicts_fail_by_default_and_skip_or_replace_on_request(seeded_store: Store,
                                                                  tmp_path: Path) -> None:
    path = write_ndjson(tmp_path / "m.ndjson",
                        [record(SEED_ID, title="Changed"), record("new-one")])
    with pytest.raises(Conflict, match="already exists; use --on-conflict skip or replace"):
        import_path(seeded_store, path)
    assert not seeded_store.has_meeting("new-one")
    skipped = import_path(seeded_store, path, on_conflict="skip")
    assert (skipped.put.added, skipped.put.skipped) == (("new-one",), (SEED_ID,))
    assert seeded_store.get_meeting(SEED_ID).title != "Changed"
    replaced = import_path(seeded_store, path, on_conflict="replace")
    assert sorted(replaced.put.replaced) == sorted([SEED_ID, "new-one"])
    assert seeded_store.get_meeting(SEED_ID).title == "Changed"


def test_dry_run_reports_and_changes_nothing(seeded_store: Store, tmp_path: Path) -> None:
    path = write_ndjson(tmp_path / "m.ndjson", [record(SEED_ID), record("fresh")])
    before = snapshot(seeded_store)
    report = import_path(seeded_store, path, on_conflict="replace", dry_run=True)
    assert (report.put.added, report.put.replaced) == (("fresh",), (SEED_ID,))
    assert snapshot(seeded_store) == before


def test_files_over_the_limit_are_refused(empty_store: Store, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_MAX_IMPORT_MB", "0.001")
    path = write_ndjson(tmp_path / "m.ndjson", [record("big")])
    with pytest.raises(ImportRefused, match=r"more than the 0 MB allowed for a records file"):
        import_path(empty_store, path)
    monkeypatch.setenv("DOSSIER_MAX_STATEMENT_MB", "0.0001")
    with pytest.raises(ImportRefused, match="allowed for a statement"):
        import_path(empty_store, STATEMENTS / "00-nrc-seed.txt")


def test_deep_nesting_gets_a_clear_message(empty_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 5000 + "]" * 5000)
    with pytest.raises(ImportRefused, match="more than 1,024 levels deep"):
        import_path(empty_store, path)


def test_broken_json_line_is_named(empty_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "m.ndjson"
    path.write_text(json.dumps(record("x")) + "\n{not json\n")
    with pytest.raises(ImportRefused, match=r"^line 2: it is not valid JSON"):
        import_path(empty_store, path)


def test_unknown_extension_and_missing_file(empty_store: Store, tmp_path: Path) -> None:
    (tmp_path / "m.xml").write_text("<x/>")
    with pytest.raises(ImportRefused, match="cannot tell what this is"):
        import_path(empty_store, tmp_path / "m.xml")
    with pytest.raises(ImportRefused, match="does not exist"):
        import_path(empty_store, tmp_path / "nope.json")


def test_ndjson_is_read_a_line_at_a_time(tmp_path: Path) -> None:
    path = write_ndjson(tmp_path / "m.ndjson", [record(f"m-{i}") for i in range(600)])
    seen: list[tuple[int, int]] = []
    meetings = iter_records(path, progress=lambda done, total: seen.append((done, total)))
    first = next(meetings)
    assert first.id == "m-0"
    assert seen == []  # nothing beyond the first line has been read and reported yet
    rest = list(meetings)
    assert len(rest) == 599
    assert seen[-1] == (path.stat().st_size, path.stat().st_size)
    assert len(seen) >= 3


def test_statement_becomes_a_draft(seeded_store: Store, tmp_path: Path) -> None:
    # The seed meeting was made from 00-nrc-seed.txt itself, and the same statement is not
    # imported twice (issue 13): a second statement of that meeting is.
    statement = tmp_path / "seed-again.txt"
    statement.write_text((STATEMENTS / "00-nrc-seed.txt").read_text(encoding="utf-8")
                         + "\nThe ministers will also meet in the spring.\n", encoding="utf-8")
    report = import_path(seeded_store, statement)
    assert report.draft is not None
    assert report.put.added == ("nrc-2013-12-04-2",)
    stored = seeded_store.get_meeting("nrc-2013-12-04-2")
    assert stored.status == "draft"
    assert stored.sources[0].text.startswith("Comment by the Information")


def test_statement_year_option(empty_store: Store) -> None:
    report = import_path(empty_store, STATEMENTS / "00-nrc-seed.txt", year=2015, dry_run=True)
    assert report.draft is not None and report.draft.date.isoformat() == "2015-12-04"
    assert empty_store.list_meetings() == []
