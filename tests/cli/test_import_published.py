"""`dossier import --published`: the page's date reaches the draft, and its origin is told."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import RunDossier


def test_published_dates_a_statement_that_says_today(run_dossier: RunDossier,
                                                     tmp_path: Path) -> None:
    statement = tmp_path / "note.txt"
    statement.write_text("Minister Anna Berg met today with Minister Tomas Lind in Oslo.\n")
    result = run_dossier("--store", str(tmp_path / "S"), "import", str(statement), "--dry-run",
                         "--json", "--published", "2031-05-14", check=True)
    report = json.loads(result.stdout)
    assert report["draft"]["date"] == "2031-05-14"
    assert report["draft"]["sources"][0]["date"] == "2031-05-14"
    assert (report["date_origin"], report["date_precision"]) == ("published", "day")


def test_a_published_date_that_is_not_a_date_is_refused(run_dossier: RunDossier,
                                                        tmp_path: Path) -> None:
    statement = tmp_path / "note.txt"
    statement.write_text("The ministers met in Oslo.\n")
    result = run_dossier("--store", str(tmp_path / "S"), "import", str(statement),
                         "--published", "14/05/2031")
    assert result.returncode == 2
    assert "--published" in result.stderr


PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "harbour-readout.html"


def test_dossier_import_page_html_then_again(run_dossier: RunDossier, tmp_path: Path) -> None:
    store = str(tmp_path / "S")
    first = run_dossier("--store", store, "import", str(PAGE), "--json", check=True)
    report = json.loads(first.stdout)
    assert report["draft"]["sources"][0]["url"].startswith("https://harbours.example.org/")
    again = run_dossier("--store", store, "import", str(PAGE), check=True)
    assert "already imported as " + report["added"][0] in again.stderr
    assert "skipped 1" in again.stdout
