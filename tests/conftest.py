"""Fixtures shared by every test: real stores on disk and the real `dossier` command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from store.store import Store

SEED_ID = "nrc-2013-12-04"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's store or config."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("DOSSIER_STORE", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    """A path where no store exists yet."""
    return tmp_path / "store"


@pytest.fixture
def seeded_store(store_dir: Path) -> Store:
    return Store.open(store_dir)


@pytest.fixture
def empty_store(store_dir: Path) -> Store:
    return Store.create(store_dir, seed=False)


def dossier_command() -> list[str]:
    """The installed `dossier` script, or the module when run from a bare checkout."""
    script = shutil.which("dossier")
    if script:
        return [script]
    return [sys.executable, "-m", "tui.cli"]


RunDossier = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_dossier(tmp_path: Path) -> RunDossier:
    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None,
            check: bool = False, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        full_env = dict(os.environ)
        full_env.update(env or {})
        result = subprocess.run(
            [*dossier_command(), *args], capture_output=True, text=True, input=input,
            env=full_env, cwd=tmp_path, timeout=timeout,
        )
        if check:
            assert result.returncode == 0, result.stderr
        return result

    return run


# The reliability counts (kills, notes, damaged files, hostile strings) in the run's summary;
# registered here because this conftest is loaded by the xdist controller too.
from tests.reliability.counts import (  # noqa: E402, F401
    pytest_runtest_logreport,
    pytest_terminal_summary,
)
