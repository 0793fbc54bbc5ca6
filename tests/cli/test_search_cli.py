"""`dossier search` end to end: the real command in a subprocess on a real store."""

from __future__ import annotations

from pathlib import Path

import orjson

from tests.conftest import SEED_ID, RunDossier


def test_piracy_json_contains_the_priority(run_dossier: RunDossier, tmp_path: Path) -> None:
    store = tmp_path / "t"
    result = run_dossier("--store", str(store), "search", "piracy", "--json", check=True)
    hits = orjson.loads(result.stdout)
    first = hits[0]
    assert (first["kind"], first["meeting_id"], first["target"]) == \
        ("priority", SEED_ID, "priority:counter-piracy")
    assert first["date"] == "2013-12-04"
    start, end = first["highlights"][0]
    assert first["snippet"][start:end] == "piracy"
    assert first["span"] == [1201, 1228]


def test_participant_filter_json_returns_the_meeting(run_dossier: RunDossier,
                                                     tmp_path: Path) -> None:
    result = run_dossier("--store", str(tmp_path / "t"), "search", "participant:lavrov",
                         "--json", check=True)
    hits = orjson.loads(result.stdout)
    assert [(h["kind"], h["meeting_id"]) for h in hits] == [("meeting", SEED_ID)]


def test_accented_query_finds_lavrov_in_the_table(run_dossier: RunDossier,
                                                 tmp_path: Path) -> None:
    result = run_dossier("--store", str(tmp_path / "t"), "search", "lavróv", check=True,
                         env={"COLUMNS": "160"})
    assert "Sergey Lavrov" in result.stdout
    assert "participant" in result.stdout


def test_limit(run_dossier: RunDossier, tmp_path: Path) -> None:
    result = run_dossier("--store", str(tmp_path / "t"), "search", "security", "--limit", "2",
                         "--json", check=True)
    assert len(orjson.loads(result.stdout)) == 2


def test_no_match_is_not_an_error(run_dossier: RunDossier, tmp_path: Path) -> None:
    result = run_dossier("--store", str(tmp_path / "t"), "search", "xylophone", check=True)
    assert "No matches." in result.stdout
    json_result = run_dossier("--store", str(tmp_path / "t"), "search", "xylophone", "--json",
                              check=True)
    assert orjson.loads(json_result.stdout) == []


def test_query_errors_are_one_sentence_with_exit_2(run_dossier: RunDossier,
                                                  tmp_path: Path) -> None:
    for query, sentence in (
        ("year:20x3", 'year: expects a four-digit year, got "20x3"'),
        ("colour:red", "unknown filter colour:;"),
        ('"open', "unbalanced quote"),
    ):
        result = run_dossier("--store", str(tmp_path / "t"), "search", query)
        assert result.returncode == 2, query
        assert result.stdout == ""
        assert result.stderr.startswith("dossier: search: ")
        assert sentence in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr


def test_data_is_printed_literally(run_dossier: RunDossier, tmp_path: Path) -> None:
    store = tmp_path / "t"
    run_dossier("--store", str(store), "note", "add", SEED_ID,
                "[bold red]okapi[/] \x1b[2J", check=True)
    result = run_dossier("--store", str(store), "search", "okapi", check=True,
                         env={"COLUMNS": "200"})
    assert "[bold red]okapi[/]" in result.stdout
    assert "\x1b" not in result.stdout


def test_order_date_lists_the_record_in_its_own_order(run_dossier: RunDossier,
                                                      tmp_path: Path) -> None:
    store = str(tmp_path / "t")
    best = orjson.loads(run_dossier("--store", store, "search", "piracy", "--json",
                                    check=True).stdout)
    newest = orjson.loads(run_dossier("--store", store, "search", "--order", "date",
                                      "piracy", "--json", check=True).stdout)
    assert best[0]["target"] == "priority:counter-piracy"
    # One meeting: its agenda comes before its priorities, and the source last.
    assert [h["target"] for h in newest] == ["agenda:practical-cooperation",
                                             "priority:counter-piracy", "source"]
    assert sorted(h["target"] for h in best) == sorted(h["target"] for h in newest)
    refused = run_dossier("--store", store, "search", "--order", "sideways", "piracy")
    assert refused.returncode == 2 and "--order" in refused.stderr
