"""`dossier search` on a store without an index: a progress bar on a terminal's stderr,
nothing extra on a pipe, and the same hits either way."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from dossier.tui.cli.search import PROGRESS_MIN_FILES
from tests.conftest import age_data_files, dossier_command, run_with_terminal_stderr
from tests.tui.dossier_pilot import many_meetings_store


def test_search_builds_a_missing_index_with_a_progress_bar_at_a_terminal(
        tmp_path: Path) -> None:
    root = tmp_path / "store"
    store = many_meetings_store(root, count=60)
    assert len(store.meeting_files()) > PROGRESS_MIN_FILES
    age_data_files(store)
    done, terminal = run_with_terminal_stderr(["--store", str(root), "search", "copy",
                                               "--json", "--limit", "100"])
    assert done.returncode == 0
    assert "Indexing the store for search" in terminal
    hits = json.loads(done.stdout)
    assert {h["meeting_id"] for h in hits} >= {f"copy-{n:03d}" for n in range(60)}
    # Now up to date: no bar the second time; on a pipe never one.
    done, terminal = run_with_terminal_stderr(["--store", str(root), "search", "copy"])
    assert done.returncode == 0
    assert "Indexing" not in terminal
    piped = subprocess.run([*dossier_command(), "--store", str(root), "search", "copy",
                            "--json"], capture_output=True, text=True, check=True)
    assert piped.stderr == ""
