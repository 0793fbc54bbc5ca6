"""End to end: the real `dossier` in a real terminal (tmux), read back as screen text.

Each test uses its own tmux server (-L) so parallel runs never meet. Waits poll the screen
for the expected text with a deadline; nothing sleeps for a fixed time.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import dossier_command

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
DEADLINE_S = 30.0


class Terminal:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        assert TMUX is not None
        result = subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True,
                                text=True, timeout=30)
        return result.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "app")

    def press(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "app", *keys)

    def wait_for(self, *texts: str, gone: bool = False) -> str:
        """Poll the screen until every text shows (or, with ``gone``, none does)."""
        deadline = time.monotonic() + DEADLINE_S
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            present = [text in screen for text in texts]
            if (not any(present)) if gone else all(present):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"waited {DEADLINE_S}s for {texts} (gone={gone}); "
                             f"screen:\n{screen}")


@pytest.fixture
def terminal_factory(tmp_path: Path) -> Iterator[object]:
    started: list[Terminal] = []

    def start(width: int, height: int) -> tuple[Terminal, Path]:
        socket = f"dossier-test-{uuid.uuid4().hex[:10]}"
        terminal = Terminal(socket)
        status = tmp_path / f"status-{width}x{height}"
        store = tmp_path / f"store-{width}x{height}"
        command = " ".join(shlex.quote(part) for part in
                           [*dossier_command(), "--store", str(store)])
        env = {key: os.environ[key] for key in
               ("PATH", "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "NO_COLOR")
               if key in os.environ}
        shell = (f"{command}; echo $? > {shlex.quote(str(status))}; "
                 f"sleep 600")  # keep the pane so the screen can be read after exit
        terminal.tmux("-f", "/dev/null", "new-session", "-d", "-s", "app", "-x", str(width),
                      "-y", str(height), *[arg for key, value in env.items()
                                           for arg in ("-e", f"{key}={value}")],
                      "TERM=xterm-256color " + shell)
        started.append(terminal)
        return terminal, status

    yield start
    for terminal in started:
        terminal.tmux("kill-server")


def wait_for_file(path: Path) -> str:
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().strip():
            return path.read_text().strip()
        time.sleep(0.05)
    raise AssertionError(f"{path} was not written")


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_browse_the_seed_in_a_real_terminal(terminal_factory, size: tuple[int, int]) -> None:
    terminal, status = terminal_factory(*size)
    # The list shows the seed meeting; the Agenda shows Syria and Afghanistan.
    terminal.wait_for("2013-12-04", "NATO-Russia", "Syria", "Afghanistan")
    terminal.press("2")
    terminal.wait_for("Sergey Lavrov", "(collective)")
    terminal.press("3")
    terminal.wait_for("Counter-piracy")
    terminal.press("5")
    terminal.wait_for("Comment by the Information", "On the 4 December")
    terminal.press("?")
    help_screen = terminal.wait_for("Keys", "escape closes help")
    lines = help_screen.splitlines()
    for key, description in (("/", "Search"), ("n", "New note"), ("q", "Quit")):
        assert any(f" {key} {description}" in line for line in lines), (key, help_screen)
    terminal.press("Escape")
    terminal.wait_for("escape closes help", gone=True)
    assert "Traceback" not in terminal.screen()
    terminal.press("q")
    assert wait_for_file(status) == "0"
    assert "Traceback" not in terminal.screen()
