"""The test harness runs the installed `dossier`, whatever folder a test runs it from."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from dossier import __version__
from tests.conftest import dossier_command


def test_module_fallback_is_not_shadowed_by_folders_in_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # No `dossier` script on PATH: the harness falls back to `python -m dossier`.
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    command = dossier_command()
    assert command[-2:] == ["-m", "dossier"]
    # A test's temporary folder holding a store, and a decoy package that would win if the
    # working directory were on sys.path.
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "__init__.py").write_text("raise SystemExit('decoy store imported')\n")
    (tmp_path / "dossier").mkdir()
    (tmp_path / "dossier" / "__init__.py").write_text("")
    (tmp_path / "dossier" / "__main__.py").write_text("raise SystemExit('decoy dossier run')\n")
    result = subprocess.run([*command, "--version"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60, env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    assert __version__ in result.stdout
    assert "decoy" not in result.stdout + result.stderr
