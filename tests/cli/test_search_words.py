"""A query may start with a dash: `dossier search '-syria'` excludes, as `-- -syria` does."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import RunDossier


def _hits(run_dossier: RunDossier, store: str, *query: str) -> list[dict[str, object]]:
    result = run_dossier("--store", store, "search", "--json", *query)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_leading_dash_word_is_part_of_the_query(run_dossier: RunDossier,
                                                  tmp_path: Path) -> None:
    store = str(tmp_path / "T")
    everything = _hits(run_dossier, store, "nato")
    without = _hits(run_dossier, store, "nato -afghanistan")
    assert everything and len(without) < len(everything)
    assert _hits(run_dossier, store, "nato", "-afghanistan") == without
    assert _hits(run_dossier, store, "--", "nato", "-afghanistan") == without
    dash_only = run_dossier("--store", store, "search", "-afghanistan")
    assert dash_only.returncode == 0, dash_only.stderr


def test_a_mistyped_long_option_is_still_a_usage_error(run_dossier: RunDossier,
                                                       tmp_path: Path) -> None:
    result = run_dossier("--store", str(tmp_path / "T"), "search", "nato", "--jsn")
    assert result.returncode == 2
    assert "No such option" in result.stderr
