"""`dossier search` on a store without an index: a progress bar on a terminal's stderr,
nothing extra on a pipe, and the same hits either way."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import time
from pathlib import Path

from store.index import BUILD_BATCH
from tests.conftest import dossier_command
from tests.tui.dossier_pilot import many_meetings_store


def run_with_terminal_stderr(args: list[str]) -> tuple[str, str]:
    """Run ``dossier`` with stderr on a pseudo-terminal; (stdout, what the terminal got)."""
    controller, terminal = pty.openpty()
    env = dict(os.environ, COLUMNS="100", TERM="xterm-256color")
    proc = subprocess.Popen([*dossier_command(), *args], stdout=subprocess.PIPE,
                            stderr=terminal, stdin=subprocess.DEVNULL, env=env)
    os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    out = proc.stdout.read() if proc.stdout else b""
    assert proc.wait(timeout=120) == 0
    os.close(controller)
    return out.decode(), seen.decode(errors="replace")


def test_search_builds_a_missing_index_with_a_progress_bar_at_a_terminal(
        tmp_path: Path) -> None:
    root = tmp_path / "store"
    store = many_meetings_store(root, count=60)
    assert len(store.meeting_files()) > BUILD_BATCH
    hour_ago = time.time() - 3600  # out of the index's "just written, re-check" window
    for path in store.data_files():
        os.utime(path, (hour_ago, hour_ago))
    out, terminal = run_with_terminal_stderr(["--store", str(root), "search", "copy",
                                              "--json", "--limit", "100"])
    assert "Indexing the store for search" in terminal
    hits = json.loads(out)
    assert {h["meeting_id"] for h in hits} >= {f"copy-{n:03d}" for n in range(60)}
    # Now up to date: no bar the second time; on a pipe never one.
    _, terminal = run_with_terminal_stderr(["--store", str(root), "search", "copy"])
    assert "Indexing" not in terminal
    piped = subprocess.run([*dossier_command(), "--store", str(root), "search", "copy",
                            "--json"], capture_output=True, text=True, check=True)
    assert piped.stderr == ""
