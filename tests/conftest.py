"""Fixtures shared by every test: real stores on disk and the real `dossier` command."""

from __future__ import annotations

import functools
import inspect
import os
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dossier.store.store import Store

SEED_ID = "nrc-2013-12-04"
ROOT = Path(__file__).resolve().parents[1]


#: What the wheel is built from.
BUILD_INPUTS = ("pyproject.toml", "README.md", "dossier", "store", "tui", "data")


def tracked_files(*paths: str) -> list[str]:
    """The repository's files under ``paths`` as git tracks them (a clean clone's files);
    every file on disk when this is not a git checkout."""
    listed = subprocess.run(["git", "ls-files", "-z", *paths], cwd=ROOT, capture_output=True,
                            text=True)
    if listed.returncode != 0:
        found = [ROOT / p for p in paths if (ROOT / p).is_file()]
        found += [f for p in paths if (ROOT / p).is_dir() for f in (ROOT / p).rglob("*")]
        return [str(f.relative_to(ROOT)) for f in found if f.is_file()]
    return [name for name in listed.stdout.split("\0") if name]


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built by pip from a copy of the tracked files (as from a clean
    clone, and leaving no build/ folder in the work tree)."""
    source = tmp_path_factory.mktemp("source")
    for name in tracked_files(*BUILD_INPUTS):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    # No build isolation: the test extras bring setuptools, so this needs no network.
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(source)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    (wheel,) = out.glob("meeting_dossier-*.whl")
    return wheel


@pytest.fixture(scope="session")
def unpacked_wheel(built_wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel unpacked as site-packages would hold it."""
    site = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(built_wheel) as archive:
        archive.extractall(site)
    return site


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's store or config."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))  # the app's last theme
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
    """The installed `dossier` script, or the module when the script is not on PATH.

    ``python -m`` puts the working directory first on ``sys.path``, and the command runs in
    a test's temporary folder, which often holds a folder named ``store`` (or anything
    else): ``-P`` (3.11+) leaves the working directory out, so only the installed
    ``dossier`` is imported. Python 3.10 has no ``-P``; ``-I`` leaves it out there too
    (and also ignores PYTHON* variables and the user's site-packages)."""
    script = shutil.which("dossier")
    if script:
        return [script]
    no_cwd_on_path = "-P" if sys.version_info >= (3, 11) else "-I"
    return [sys.executable, no_cwd_on_path, "-m", "dossier"]


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


def age_data_files(store: Store, seconds: float = 3600) -> None:
    """Make the store's data files look ``seconds`` old. The index re-reads a file written
    in the last moments on every check (store.index.RACY_WINDOW_NS: a same-tick edit
    could hide behind an equal fingerprint), which tests of "nothing re-read" must avoid.
    """
    then = time.time() - seconds
    for path in store.data_files():
        os.utime(path, (then, then))


def run_with_terminal_stderr(args: list[str], *, cwd: Path | None = None,
                             timeout: float = 120) -> tuple[subprocess.CompletedProcess[bytes],
                                                            str]:
    """Run the real ``dossier`` with stderr on a pseudo-terminal (where progress bars
    appear) and stdout on a pipe; the finished process and what the terminal received.
    The terminal is drained in a thread, so neither stream can fill up and block."""
    controller, terminal = os.openpty()
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(controller, 65536)
            except OSError:  # the child closed the terminal
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100")
    env.pop("NO_COLOR", None)
    try:
        done = subprocess.run([*dossier_command(), *args], stdout=subprocess.PIPE,
                              stderr=terminal, stdin=subprocess.DEVNULL, cwd=cwd, env=env,
                              timeout=timeout)
    finally:
        os.close(terminal)
        reader.join(timeout=10)
        os.close(controller)
    return done, b"".join(chunks).decode(errors="replace")


#: Set in the environment of a test that ``without_root_override`` runs again.
UNPRIVILEGED_RUN = "DOSSIER_TEST_UNPRIVILEGED_RUN"
#: Root without the capabilities that let it read and write past permission bits.
SETPRIV_NO_DAC_OVERRIDE = ("--bounding-set", "-dac_override,-dac_read_search")


def without_root_override(test: Callable[..., Any]) -> Callable[..., Any]:
    """Run ``test`` where permission bits hold: as is for a user, and as root (CI runs as
    root) in a pytest of its own under ``setpriv``, with the capabilities that override them
    dropped, so a read-only store is read-only there too. Fails (does not skip) when root has
    no setpriv: .ci/run installs it."""

    @functools.wraps(test)
    def run(*args: Any, request: pytest.FixtureRequest, **kwargs: Any) -> None:
        if wants_request:
            kwargs["request"] = request
        if os.geteuid() != 0 or os.environ.get(UNPRIVILEGED_RUN):
            test(*args, **kwargs)
            return
        setpriv = shutil.which("setpriv")
        assert setpriv, "as root this test needs setpriv (util-linux) to drop DAC override"
        env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}  # no CI report
        env[UNPRIVILEGED_RUN] = "1"
        inner = subprocess.run(
            [setpriv, *SETPRIV_NO_DAC_OVERRIDE, sys.executable, "-m", "pytest", "-q",
             "-p", "no:cacheprovider", request.node.nodeid],
            cwd=request.config.rootpath, env=env, capture_output=True, text=True, timeout=300)
        passed = inner.returncode == 0 and "1 passed" in inner.stdout.splitlines()[-1]
        assert passed, inner.stdout + inner.stderr

    # pytest reads the fixtures from the signature: the test's own, plus `request`.
    parameters = list(inspect.signature(test).parameters.values())
    wants_request = "request" in {p.name for p in parameters}
    if not wants_request:
        parameters.append(inspect.Parameter("request", inspect.Parameter.KEYWORD_ONLY))
    run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    return run
