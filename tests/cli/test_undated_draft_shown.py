"""`show` and `list` print an undated draft's date as unknown, never its placeholder day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.conftest import RunDossier

UNDATED = ("The foreign ministers of Chile and Peru met in Lima.\n\n"
           "They discussed trade and fisheries.\n")


def test_an_undated_draft_is_shown_as_unknown(run_dossier: RunDossier, tmp_path: Path) -> None:
    store = str(tmp_path / "S")
    statement = tmp_path / "undated.txt"
    statement.write_text(UNDATED, encoding="utf-8")
    run_dossier("--store", store, "import", str(statement), check=True)
    rows = run_dossier("--store", store, "list", "--plain", check=True).stdout.splitlines()
    draft_row = next(row.split("\t") for row in rows if "Lima" in row)
    assert draft_row[0] == "unknown"
    shown = run_dossier("--store", store, "show", draft_row[1], check=True).stdout
    assert "unknown (to be set in review)" in shown
    placeholder = dt.date.today().isoformat()
    assert placeholder not in shown and placeholder not in "\n".join(rows)
