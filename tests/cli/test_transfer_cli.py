"""`dossier import` and `dossier export`, run as real subprocesses."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar

from dossier.store.export import export
from dossier.store.store import Store
from tests.conftest import SEED_ID, RunDossier

ROOT = Path(__file__).resolve().parents[2]
SEED_STATEMENT = ROOT / "tests" / "fixtures" / "statements" / "00-nrc-seed.txt"
RANGE_STATEMENT = ROOT / "tests" / "fixtures" / "statements" / "05-sco-summit-range.txt"


def test_statement_dry_run_prints_the_draft(run_dossier: RunDossier, tmp_path: Path) -> None:
    store = str(tmp_path / "T")
    # The seed meeting was made from this statement, and one statement is not imported
    # twice: a second statement of that meeting is.
    statement = tmp_path / "seed-again.txt"
    statement.write_text(SEED_STATEMENT.read_text(encoding="utf-8")
                         + "\nThe ministers will also meet in the spring.\n", encoding="utf-8")
    result = run_dossier("--store", store, "import", str(statement), "--dry-run",
                         "--json", check=True)
    report = json.loads(result.stdout)
    draft = report["draft"]
    assert report["dry_run"] is True and report["added"] == ["nrc-2013-12-04-2"]
    assert (draft["date"], draft["date_inferred"], draft["location"]) == (
        "2013-12-04", True, "Brussels")
    assert (draft["body"], draft["level"], draft["status"]) == (
        "NATO-Russia Council", "foreign ministers", "draft")
    assert draft["participants"][0]["name"] == "Sergey Lavrov"
    listed = json.loads(run_dossier("--store", store, "list", "--json", check=True).stdout)
    assert [m["id"] for m in listed] == [SEED_ID]  # nothing was saved


def test_statement_import_saves_a_draft(run_dossier: RunDossier, tmp_path: Path) -> None:
    store = str(tmp_path / "T")
    result = run_dossier("--store", store, "import", str(RANGE_STATEMENT), check=True)
    assert "Saved draft sco-2015-07-09" in result.stdout
    saved = Store.open(tmp_path / "T").get_meeting("sco-2015-07-09")
    assert (saved.status, saved.end_date.isoformat()) == ("draft", "2015-07-10")


def test_records_round_trip_through_the_command_line(run_dossier: RunDossier,
                                                     tmp_path: Path) -> None:
    source, target = str(tmp_path / "A"), str(tmp_path / "B")
    run_dossier("--store", source, "import", str(RANGE_STATEMENT), check=True)
    out = tmp_path / "all.json"
    done = run_dossier("--store", source, "export", "--format", "json", "-o", str(out),
                       check=True)
    assert "Exported 2 meetings" in done.stderr
    Store.create(Path(target), seed=False)
    result = run_dossier("--store", target, "import", str(out), check=True)
    assert "added 2" in result.stdout
    again = run_dossier("--store", target, "export", "--format", "json", check=True)
    assert again.stdout.encode() == out.read_bytes()


def test_dry_run_and_conflict_policy(run_dossier: RunDossier, tmp_path: Path) -> None:
    store = str(tmp_path / "T")
    records = tmp_path / "seed.ndjson"
    with records.open("wb") as out:
        export(Store.open(Path(store)), "ndjson", out)
    same = run_dossier("--store", store, "import", str(records), check=True)
    assert "added 0, replaced 0, skipped 1" in same.stdout  # the record we hold: no clash
    changed = json.loads(records.read_text(encoding="utf-8"))
    changed["title"] = "Another title"
    records.write_text(json.dumps(changed) + "\n", encoding="utf-8")
    clash = run_dossier("--store", store, "import", str(records))
    assert clash.returncode == 1
    assert clash.stderr.strip() == (f"dossier: meeting {SEED_ID} already exists; use "
                                    f"--on-conflict skip or replace")
    dry = run_dossier("--store", store, "import", str(records), "--dry-run", "--on-conflict",
                      "replace", check=True)
    assert "would add 0, replace 1, skip 0" in dry.stdout
    skip = run_dossier("--store", store, "import", str(records), "--on-conflict", "skip",
                       "--json", check=True)
    assert json.loads(skip.stdout)["skipped"] == [SEED_ID]


def test_bad_record_is_one_sentence_without_traceback(run_dossier: RunDossier,
                                                      tmp_path: Path) -> None:
    store = str(tmp_path / "T")
    path = tmp_path / "bad.ndjson"
    path.write_text('{"id": "x"}\n')
    result = run_dossier("--store", store, "import", str(path))
    assert result.returncode == 1
    assert result.stderr.startswith("dossier: line 1: meeting x: ")
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_export_refuses_to_overwrite_without_force(run_dossier: RunDossier,
                                                   tmp_path: Path) -> None:
    store = str(tmp_path / "T")
    out = tmp_path / "brief.md"
    out.write_text("keep me")
    refused = run_dossier("--store", store, "export", "--format", "md", "-o", str(out))
    assert refused.returncode == 1
    assert "exists; use --force" in refused.stderr
    assert out.read_text() == "keep me"
    run_dossier("--store", store, "export", "--format", "md", "-o", str(out), "--force",
                check=True)
    assert "\n---\n\n# NATO-Russia Council" in out.read_text()  # after the front matter


def test_export_formats_to_stdout(run_dossier: RunDossier, tmp_path: Path) -> None:
    store = str(tmp_path / "T")
    Store.open(Path(store)).add_note(SEED_ID, "Ask about the CSTO")
    md = run_dossier("--store", store, "export", "--format", "md", "--meeting", SEED_ID,
                     "--with-notes", check=True).stdout
    assert "## Notes" in md and "Ask about the CSTO" in md
    ics = run_dossier("--store", store, "export", "--format", "ics", check=True).stdout
    assert len(icalendar.Calendar.from_ical(ics).walk("VEVENT")) == 1
    missing = run_dossier("--store", store, "export", "--format", "json", "--meeting", "nope")
    assert missing.returncode == 1 and "nope" in missing.stderr


def _big_ndjson(path: Path) -> Path:
    record = json.loads((ROOT / "data" / "sample" / f"{SEED_ID}.json").read_text())
    with path.open("w") as out:
        for number in range(200):  # ~1.8 MB, over the progress bar's threshold
            record["id"] = f"bulk-{number}"
            out.write(json.dumps(record) + "\n")
    return path


def test_progress_bar_only_on_a_terminal(run_dossier: RunDossier, tmp_path: Path) -> None:
    from tests.conftest import run_with_terminal_stderr

    records = _big_ndjson(tmp_path / "big.ndjson")
    piped = run_dossier("--store", str(tmp_path / "P"), "import", str(records), "--dry-run",
                        check=True)
    assert "Reading" not in piped.stderr
    done, terminal = run_with_terminal_stderr(["--store", str(tmp_path / "T"), "import",
                                               str(records), "--dry-run"], cwd=tmp_path)
    assert done.returncode == 0
    assert b"would add 200" in done.stdout
    assert "Reading" in terminal
