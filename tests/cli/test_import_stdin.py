"""`dossier import -` reads standard input, told what it is by --format (issue 15, point 2)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SEED_ID, RunDossier

RECORD = {
    "id": "talks-2024-05-03", "title": "Chile-Peru foreign ministers' talks",
    "date": "2024-05-03", "body": "Chile-Peru", "level": "foreign ministers",
    "location": "Lima",
}
STATEMENT = ("On 3 May 2024 the foreign ministers of Chile and Peru met in Lima.\n\n"
             "They discussed trade and fisheries.\n")


def test_an_export_piped_into_a_new_store_round_trips(run_dossier: RunDossier,
                                                      tmp_path: Path) -> None:
    source, copy = str(tmp_path / "A"), str(tmp_path / "B")
    records = tmp_path / "records.json"
    records.write_text(json.dumps([RECORD]), encoding="utf-8")
    run_dossier("--store", source, "import", str(records), check=True)
    exported = run_dossier("--store", source, "export", "--format", "json", "-o", "-",
                           check=True).stdout
    result = run_dossier("--store", copy, "import", "-", "--format", "json", input=exported)
    assert result.returncode == 0, result.stderr
    # The new store starts with the sample meeting: the same record is skipped, not a conflict.
    assert "Imported standard input: added 1, replaced 0, skipped 1." in result.stdout
    again = run_dossier("--store", copy, "export", "--format", "json", "-o", "-",
                        check=True).stdout
    assert json.loads(again) == json.loads(exported)


def test_a_statement_on_stdin_becomes_a_draft(run_dossier: RunDossier, tmp_path: Path) -> None:
    result = run_dossier("--store", str(tmp_path / "S"), "import", "-", "--format", "txt",
                         "--dry-run", "--json", input=STATEMENT)
    assert result.returncode == 0, result.stderr
    draft = json.loads(result.stdout)["draft"]
    assert draft["date"] == "2024-05-03" and draft["location"] == "Lima"


def test_stdin_without_a_format_is_a_usage_error(run_dossier: RunDossier,
                                                 tmp_path: Path) -> None:
    result = run_dossier("--store", str(tmp_path / "S"), "import", "-", input=STATEMENT)
    assert result.returncode == 2
    assert "needs --format" in result.stderr


def test_errors_name_standard_input_not_a_temporary_file(run_dossier: RunDossier,
                                                        tmp_path: Path) -> None:
    result = run_dossier("--store", str(tmp_path / "S"), "import", "-", "--format", "json",
                         input="[{not json")
    assert result.returncode == 1
    assert result.stderr.startswith("dossier: standard input")
    assert "dossier-import-" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_changed_record_with_the_same_id_still_conflicts(run_dossier: RunDossier,
                                                          tmp_path: Path) -> None:
    store = str(tmp_path / "S")
    exported = json.loads(run_dossier("--store", store, "export", "--format", "json", "-o",
                                      "-", check=True).stdout)
    exported[0]["title"] = "Another title"
    result = run_dossier("--store", store, "import", "-", "--format", "json",
                         input=json.dumps(exported))
    assert result.returncode == 1
    assert f"meeting {SEED_ID} already exists" in result.stderr
