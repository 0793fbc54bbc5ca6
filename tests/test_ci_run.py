"""`.ci/run` fails when a tool the tests need is missing or cannot be installed, and its skip
check fails on a skip the allow-list does not name. (A missing tool would otherwise only
make the tests that need it skip, and CI would pass by accident.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

CI_RUN = ROOT / ".ci" / "run"
BASH = shutil.which("bash") or "/bin/bash"
TOOLS = ("tmux", "strace", "setpriv", "chromium")


def bin_with(tmp_path: Path, tools: tuple[str, ...], *, apt_get: str | None = None) -> Path:
    """A folder to use as the whole PATH: a stand-in executable for each of ``tools`` only
    (the check asks whether the command exists, not what it does), and an ``apt-get`` stub
    running ``apt_get`` (shell) when given."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in tools:
        (folder / tool).write_text(f"#!{BASH}\nexit 0\n")
        (folder / tool).chmod(0o755)
    if apt_get is not None:
        stub = folder / "apt-get"
        stub.write_text(f"#!{BASH}\necho \"apt-get $*\" >> {tmp_path / 'apt.log'}\n{apt_get}\n")
        stub.chmod(0o755)
    return folder


def run_ci(mode: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([BASH, str(CI_RUN), mode], capture_output=True, text=True,
                          env={"PATH": str(path)}, timeout=30)


def test_check_passes_with_every_tool(tmp_path: Path) -> None:
    result = run_ci("--check-tools", bin_with(tmp_path, TOOLS))
    assert result.returncode == 0, result.stderr
    assert "tools present: tmux strace setpriv chromium" in result.stdout


def test_check_fails_without_tmux(tmp_path: Path) -> None:
    result = run_ci("--check-tools", bin_with(tmp_path, ("strace", "setpriv", "chromium")))
    assert result.returncode == 1
    assert "required tools missing: tmux" in result.stderr


def test_install_fails_without_apt_get(tmp_path: Path) -> None:
    result = run_ci("--tools", bin_with(tmp_path, ("strace",)))
    assert result.returncode != 0
    assert "cannot install tmux util-linux chromium: no apt-get" in result.stderr


def test_install_fails_when_apt_get_fails(tmp_path: Path) -> None:
    result = run_ci("--tools", bin_with(tmp_path, ("strace", "setpriv"), apt_get="exit 100"))
    assert result.returncode == 100
    assert "apt-get update" in (tmp_path / "apt.log").read_text()


def test_install_that_brings_nothing_still_fails(tmp_path: Path) -> None:
    """apt-get exits 0, yet tmux is still not there: the check after the install fails."""
    result = run_ci("--tools", bin_with(tmp_path, ("strace", "setpriv"), apt_get="exit 0"))
    assert result.returncode == 1
    assert "install -y -qq tmux" in (tmp_path / "apt.log").read_text()
    assert "required tools missing: tmux" in result.stderr


JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="3" skipped="2">
<testcase classname="tests.e2e.test_tmux" name="test_app_starts" time="0.1">
  <skipped type="pytest.skip" message="tmux is not installed">skip</skipped></testcase>
<testcase classname="tests.test_ci_run" name="test_param[a]" time="0.1">
  <skipped type="pytest.skip" message="some other reason">skip</skipped></testcase>
<testcase classname="tests.test_ci_run" name="test_check_fails_without_tmux" time="0.1"/>
</testsuite></testsuites>
"""


@pytest.mark.parametrize(("allow", "code"), [
    ("", 1),
    ("tests/e2e/test_tmux.py::test_app_starts\n", 1),
    ("tests/e2e/test_tmux.py::test_app_starts\ntests/test_ci_run.py::test_param\n", 0),
    ("reason: tmux is not\nreason: other reason  # why\n", 0),
])
def test_skip_check_fails_on_a_skip_not_allowed(tmp_path: Path, allow: str, code: int) -> None:
    (tmp_path / "junit.xml").write_text(JUNIT)
    (tmp_path / "allow").write_text(allow)
    result = subprocess.run([sys.executable, str(ROOT / ".ci" / "check_skips.py"),
                             str(tmp_path / "junit.xml"), str(tmp_path / "allow")],
                            capture_output=True, text=True, cwd=ROOT, timeout=30,
                            env=dict(os.environ))
    assert result.returncode == code, result.stdout + result.stderr
    assert "3 tests in the report, 2 skipped" in result.stdout
    if code:
        assert "UNEXPECTED skip: tests/e2e/test_tmux.py::test_app_starts" in result.stdout \
            or "UNEXPECTED skip: tests/test_ci_run.py::test_param[a]" in result.stdout


def test_ci_runs_readme_test_command() -> None:
    """README's test command is `install && pytest`; .ci/run runs both halves, each as a
    step of its own, so a failed install stops the run."""
    readme = (ROOT / "README.md").read_text()
    (line,) = [ln for ln in readme.splitlines() if "python3 -m pytest" in ln and "&&" in ln]
    install, test = (part.strip() for part in line.split("#", 1)[0].split("&&"))
    steps = [ln.strip() for ln in CI_RUN.read_text().splitlines()]
    assert install in steps
    assert any(step.endswith(test) for step in steps), test
    assert "set -euo pipefail" in steps
