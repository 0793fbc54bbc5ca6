"""End to end, in a real terminal (tmux): the command palette on a 2,000-meeting store
(issue 14's walk): `ctrl+p` then `brics` key by key lists BRICS results, "positions of
russ" offers the positions of the Russian Federation, and `enter` opens that view.

The screen is read back as text; waits poll it with a deadline, nothing asserts a time.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import dossier_command
from tests.e2e.test_tmux import TMUX, Terminal

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
REPO = Path(__file__).resolve().parents[2]
MEETINGS = 2000


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 generated meetings (benchmarks/generate.py, seed 1), imported and indexed."""
    folder = tmp_path_factory.mktemp("palette-tmux")
    records, store = folder / "records.ndjson", folder / "store"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), "--meetings",
                    str(MEETINGS), "-o", str(records), "--seed", "1", "--workers", "1"],
                   check=True, capture_output=True)
    for args in (["init", str(store), "--empty"],
                 ["--store", str(store), "import", str(records)],
                 ["--store", str(store), "search", "brics"]):  # builds the index
        subprocess.run([*dossier_command(), *args], check=True, capture_output=True)
    return store


@pytest.fixture
def terminal(big_store: Path) -> Iterator[Terminal]:
    socket = f"dossier-palette-{uuid.uuid4().hex[:10]}"
    term = Terminal(socket)
    command = " ".join(shlex.quote(part) for part in
                       [*dossier_command(), "--store", str(big_store)])
    env = {key: os.environ[key] for key in
           ("PATH", "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME") if key in os.environ}
    term.tmux("-f", "/dev/null", "new-session", "-d", "-s", "app", "-x", "120", "-y", "36",
              *[arg for key, value in env.items() for arg in ("-e", f"{key}={value}")],
              f"TERM=xterm-256color {command}; sleep 600")
    try:
        yield term
    finally:
        term.tmux("kill-server")


def type_slowly(term: Terminal, text: str) -> None:
    """One key at a time, each after the palette has taken the one before (a person
    typing: the screen shows what was typed so far)."""
    for end in range(1, len(text) + 1):
        term.press("-l", text[end - 1])
        term.wait_for(text[:end].rstrip())  # the screen keeps no trailing space


def test_palette_lists_brics_and_opens_the_positions_of_russia(terminal: Terminal) -> None:
    terminal.wait_for("meetings")
    terminal.press("C-p")
    terminal.wait_for("Search for commands")
    type_slowly(terminal, "brics")
    screen = terminal.wait_for("Body timeline: BRICS")
    assert "BRICS" in screen.split("Body timeline: BRICS", 1)[1], screen  # its meetings too
    # a new query: the whole input cleared, then the view's name
    terminal.press("C-u")
    terminal.wait_for("Body timeline: BRICS", gone=True)
    type_slowly(terminal, "positions of russ")
    terminal.wait_for("Positions of: Russian Federation")
    terminal.press("Enter")
    screen = terminal.wait_for("Russian Federation", "position")
    assert "Search for commands" not in screen, screen
