"""The benchmark keeps working: run it end to end on 200 meetings (no timing assertions)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import orjson

from benchmarks.generate import meeting, write_ndjson
from dossier.store.model import Meeting

REPO = Path(__file__).resolve().parents[2]


def test_generated_meetings_are_valid_and_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a.ndjson", tmp_path / "b.ndjson"
    write_ndjson(first, 300, seed=7, workers=2)
    write_ndjson(second, 300, seed=7, workers=1)
    assert first.read_bytes() == second.read_bytes()
    ids = set()
    for line in first.read_bytes().splitlines():
        record = Meeting.from_json_dict(orjson.loads(line))
        ids.add(record.id)
        assert 3 <= len(record.agenda) <= 10 and 2 <= len(record.participants) <= 12
        # every span points at the sentence it came from
        assert record.source_text[slice(*record.source_spans["location"])] == record.location
        lead = record.participants[0]
        assert lead.name in record.source_text[slice(*lead.source_span)]
    assert len(ids) == 300
    assert meeting(7, 5) == meeting(7, 5) != meeting(8, 5)


def test_benchmark_runs_end_to_end(tmp_path: Path) -> None:
    output = tmp_path / "result.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--meetings", "200",
         "--repeat", "1", "--scratch", str(tmp_path / "scratch"), "--output", str(output)],
        capture_output=True, text=True, timeout=240, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(output.read_text())
    result = report["results"][0]
    assert result["meetings"] == 200
    for key in ("first_paint_s", "search_ms", "open_ms", "add_note_ms", "import_per_s",
                "index_build_s", "peak_rss_mb"):
        assert result["ours"][key]["median"] > 0, key
    for key in ("first_paint_s", "search_ms", "open_ms", "add_note_ms", "import_per_s"):
        assert result["plain"][key]["median"] > 0, key
    # the queries find something, both ways, and both sides run every query and count
    # the same meetings for each (the plain side means what ours means)
    ours, plain = result["ours"]["search_ms"]["hits"], result["plain"]["search_ms"]["hits"]
    assert ours["piracy"] > 0
    assert list(ours) == list(plain) == report["queries"]
    assert ours == plain
    assert "every count agrees" in done.stdout
    assert "no UI: read and sort the list" in done.stdout
    assert "search per query" in done.stdout and "plain TinyDB" in done.stdout
    # whole `dossier` processes beside the sqlite3 CLI, and the index's size (issue 16)
    cli = result["ours"]["cli"]["rows"]
    for label in ("dossier --version", "search arctic --json", "show ID --json", "list --json",
                  "note add ID TEXT"):
        assert cli[label]["median_s"] > 0 and cli[label]["n"] == 1, label
    assert result["ours"]["index_mb"] > 0 and result["ours"]["tinydb_mb"] > 0
    assert "whole process: search arctic --json" in done.stdout
    # issue 16's targets, with references and verdicts, from the same run
    assert "targets across sizes: 200" in done.stdout
    assert "reference: sqlite3 arctic:" in done.stdout
    assert "index size / TinyDB files" in done.stdout and "import peak RSS" in done.stdout
    assert result["ours"]["search_ms"]["p99"] >= result["ours"]["search_ms"]["median"]
    assert not any((tmp_path / "scratch").glob("run-*")), "scratch store left behind"
