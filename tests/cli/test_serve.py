"""`dossier serve` (issue 15, point 7): the real command serves the app with textual-serve;
a websocket client speaking the browser page's protocol sees the meeting list, presses `2`
and sees the participants, as a browser tab would. (The headless-Chromium version of this
test needs Chromium installed by .ci/run; see the report of issue 15.)"""

from __future__ import annotations

import asyncio
import contextlib
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import dossier_command

aiohttp = pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve")

#: Escape sequences (CSI, OSC, and two-character ones) between the text the app draws.
_ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"
                      rb"|\x1b[@-Z\\-_]")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate a process we started, and kill it if it will not go."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def serving(tmp_path: Path) -> Iterator[tuple[int, str]]:
    """The real `dossier serve` on a free port of 127.0.0.1, its store in ``tmp_path / "S"``,
    stopped afterwards: (port, the page it serves)."""
    port = free_port()
    server = subprocess.Popen([*dossier_command(), "--store", str(tmp_path / "S"), "serve",
                               "--port", str(port)], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        yield port, wait_for_page(f"http://127.0.0.1:{port}/", server)
    finally:
        stop(server)
        server.stdout.close()  # type: ignore[union-attr]


def wait_for_page(url: str, server: subprocess.Popen[bytes], timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"the server exited: {server.stdout.read()!r}")  # type: ignore[union-attr]
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing served at {url}")


async def drive(url: str) -> tuple[str, str]:
    """Open the app's websocket as the page does; the screen text before and after `2`."""
    async with aiohttp.ClientSession() as session, session.ws_connect(
            f"{url}?width=120&height=36") as ws:
        screen = b""

        async def until(word: bytes, timeout: float = 60) -> None:
            nonlocal screen
            deadline = asyncio.get_running_loop().time() + timeout
            while word not in _ESCAPES.sub(b"", screen):
                left = deadline - asyncio.get_running_loop().time()
                assert left > 0, f"{word!r} never shown: {_ESCAPES.sub(b'', screen)[-2000:]!r}"
                message = await ws.receive(timeout=left)
                if message.type == aiohttp.WSMsgType.BINARY:
                    screen += message.data
                elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                    raise AssertionError("the app closed the connection")

        await until(b"NATO-Russia Council")
        before = _ESCAPES.sub(b"", screen).decode("utf-8", "replace")
        screen = b""
        await ws.send_json(["stdin", "2"])
        await until(b"Lavrov")
        after = _ESCAPES.sub(b"", screen).decode("utf-8", "replace")
        await ws.close()
        return before, after


def test_serve_shows_the_app_in_a_browser_tab(tmp_path: Path) -> None:
    with serving(tmp_path) as (port, page):
        assert f"ws://127.0.0.1:{port}/ws" in page
        before, after = asyncio.run(drive(f"ws://127.0.0.1:{port}/ws"))
        assert "NATO-Russia Council" in before
        assert "Lavrov" in after
    assert (tmp_path / "S" / "dossier.json").exists()


def test_serve_without_textual_serve_says_what_to_install(tmp_path: Path) -> None:
    # A Python that cannot import textual_serve: a module of that name that fails.
    blocker = tmp_path / "blocked"
    blocker.mkdir()
    (blocker / "textual_serve.py").write_text("raise ImportError('not installed')\n")
    import os
    import sys

    env = dict(os.environ, PYTHONPATH=str(blocker))
    result = subprocess.run([sys.executable, "-c", "from dossier.tui.cli import main; "
                             "main(prog_name='dossier')", "--store", str(tmp_path / "S"),
                             "serve"], capture_output=True, text=True, env=env, timeout=60,
                            cwd=tmp_path)
    assert result.returncode == 1
    assert "pip install 'meeting-dossier[serve]'" in result.stderr
