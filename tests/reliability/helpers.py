"""Shared tools of the reliability tests: real subprocesses, damage, fingerprints."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import dossier_command

REPO = Path(__file__).resolve().parents[2]
SEED_ID = "nrc-2013-12-04"


def sha256(path: Path) -> str:
    if path.is_dir():
        return "dir:" + ",".join(sorted(p.name for p in path.iterdir()))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprints(root: Path) -> dict[str, str]:
    """sha256 of every file under ``root`` (the lock file excluded: its content is moot)."""
    out: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.name != ".lock":
            out[str(path.relative_to(root))] = sha256(path)
    return out


def run_dossier(*args: str, env: dict[str, str] | None = None, timeout: float = 60,
                prefix: tuple[str, ...] = (),
                **kwargs: object) -> subprocess.CompletedProcess[str]:
    """The real `dossier` in a subprocess; ``prefix`` wraps it (e.g. setpriv)."""
    full_env = dict(os.environ)
    full_env.update({"COLUMNS": "200", "NO_COLOR": "1"})
    full_env.update(env or {})
    return subprocess.run([*prefix, *dossier_command(), *args], capture_output=True, text=True,
                          env=full_env, timeout=timeout, cwd=REPO, **kwargs)  # type: ignore[call-overload]


def python(code: str, *args: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=REPO, text=True,
                            **kwargs)  # type: ignore[call-overload]
