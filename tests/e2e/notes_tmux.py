"""Drive the real `dossier` app in a private tmux server (one socket per session)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import dossier_command

TMUX = shutil.which("tmux")
needs_tmux = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

#: Generous: this is how long to keep polling before calling it a failure, not a speed
#: target (CI machines are slow and shared).
WAIT_S = 30.0


class AppInTmux:
    """One `dossier --store STORE` running in its own tmux server."""

    def __init__(self, store: Path, tmp: Path, *, width: int = 120, height: int = 36,
                 env: dict[str, str] | None = None) -> None:
        assert TMUX is not None
        self.socket = f"dossier-notes-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.exit_file = tmp / f"exit-{self.socket}"
        self.store = store
        passed = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "NO_COLOR", "PATH", "HOME",
                  "PYENV_VERSION", "VIRTUAL_ENV")
        variables = {key: os.environ[key] for key in passed if key in os.environ}
        variables.update(env or {})
        variables["TERM"] = "xterm-256color"
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in variables.items())
        command = " ".join(shlex.quote(part) for part in
                           [*dossier_command(), "--store", str(store)])
        # The exit status is written to a file so a test can wait for a clean quit.
        script = f"env {exports} {command}; echo $? > {shlex.quote(str(self.exit_file))}"
        self._tmux("new-session", "-d", "-x", str(width), "-y", str(height), "sh", "-c",
                   script)

    def _tmux(self, *args: str) -> str:
        assert TMUX is not None
        result = subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True,
                                text=True, timeout=30)
        if result.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p")

    def keys(self, *keys: str) -> None:
        """tmux key names (``C-s``, ``Escape``) or single characters."""
        for key in keys:
            self._tmux("send-keys", key)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-l", text)

    def wait_for(self, condition: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + WAIT_S
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if condition(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"gave up waiting for {what}; the screen shows:\n{screen}")

    def wait_for_text(self, text: str) -> str:
        return self.wait_for(lambda screen: text in screen, repr(text))

    def wait_for_seed_meeting(self) -> str:
        """Until the seed meeting is open in the panes (not just listed): keys that act on
        it (n, 4…) only make sense from then on, as for a person looking at the screen."""
        return self.wait_for(lambda screen: "NATO-Russia Council" in screen
                             and "Syria, Afghanistan" in screen, "the seed meeting's agenda")

    def app_pid(self) -> int:
        """The pid of the dossier process (the child of the pane's shell)."""
        shell = int(self._tmux("display-message", "-p", "#{pane_pid}").strip())
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            children = Path(f"/proc/{shell}/task/{shell}/children")
            if children.exists():
                pids = children.read_text().split()
                if pids:
                    return int(pids[0])
            time.sleep(0.05)
        raise AssertionError("the dossier process did not start")

    def wait_for_exit(self) -> int:
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            if self.exit_file.exists() and self.exit_file.read_text().strip():
                return int(self.exit_file.read_text())
            time.sleep(0.1)
        raise AssertionError(f"the app did not exit; the screen shows:\n{self.screen()}")

    def close(self) -> None:
        assert TMUX is not None
        subprocess.run([TMUX, "-L", self.socket, "kill-server"], capture_output=True,
                       timeout=30)


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")
