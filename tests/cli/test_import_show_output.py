"""`show --json` output is not an import record: the refusal says which form round-trips."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SEED_ID, RunDossier


def test_show_json_is_refused_with_the_round_trip_form_named(run_dossier: RunDossier,
                                                             tmp_path: Path) -> None:
    store = str(tmp_path / "T")
    shown = run_dossier("--store", store, "show", SEED_ID, "--json", check=True).stdout
    (tmp_path / "shown.json").write_text(shown)
    result = run_dossier("--store", str(tmp_path / "U"), "import", str(tmp_path / "shown.json"))
    assert result.returncode == 1
    assert "dossier export --format json" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    exported = run_dossier("--store", store, "export", "--format", "json", check=True).stdout
    (tmp_path / "all.json").write_text(exported)
    run_dossier("--store", str(tmp_path / "U"), "import", str(tmp_path / "all.json"),
                "--on-conflict", "replace", check=True)
