"""`dossier serve` in a real browser (issue 15, point 7): headless Chromium, driven over the
Chrome DevTools protocol, opens the page textual-serve serves, waits for the meeting list,
presses `2`, sees the participants, and takes a screenshot.

What the page shows is read from the websocket frames the browser itself receives
(``Network.webSocketFrameReceived``): the page draws the terminal on a canvas, so the text
is not in the DOM. Skipped where Chromium is not installed (Debian's ``chromium``; CI
installs it, see .ci/run).
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_serve import _ESCAPES, serving, stop

aiohttp = pytest.importorskip("aiohttp")
pytest.importorskip("textual_serve")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


def start_chromium(profile: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Headless Chromium with the DevTools protocol on a port it picks; (process, port)."""
    browser = subprocess.Popen(
        [str(CHROMIUM), "--headless=new", "--no-sandbox", "--disable-gpu",
         "--no-first-run", "--no-default-browser-check", "--remote-debugging-port=0",
         "--remote-allow-origins=*", f"--user-data-dir={profile}", "--window-size=1280,800",
         "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if port_file.exists() and port_file.read_text().strip():
            return browser, int(port_file.read_text().split()[0])
        if browser.poll() is not None:
            raise AssertionError("Chromium exited at start")
        time.sleep(0.1)
    browser.kill()
    raise AssertionError("Chromium did not open its DevTools port")


class DevTools:
    """The few Chrome DevTools protocol calls this test needs, over one page's websocket."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.ids = itertools.count(1)
        self.frames = b""  # what the page's websockets received, binary frames decoded

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        ident = next(self.ids)
        await self.ws.send_str(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = await self.next_message(60)
            if message.get("id") == ident:
                assert "error" not in message, message
                return message.get("result", {})

    async def next_message(self, timeout: float) -> dict[str, Any]:
        raw = await self.ws.receive(timeout=timeout)
        assert raw.type == aiohttp.WSMsgType.TEXT, raw
        message: dict[str, Any] = json.loads(raw.data)
        if message.get("method") == "Network.webSocketFrameReceived":
            response = message["params"]["response"]
            payload = response["payloadData"]
            self.frames += (base64.b64decode(payload) if response["opcode"] == 2
                            else payload.encode("utf-8"))
        return message

    def screen_text(self) -> bytes:
        return _ESCAPES.sub(b"", self.frames)

    async def wait_for_text(self, word: bytes, timeout: float = 60) -> None:
        deadline = asyncio.get_running_loop().time() + timeout
        while word not in self.screen_text():
            left = deadline - asyncio.get_running_loop().time()
            assert left > 0, f"{word!r} never shown: {self.screen_text()[-1500:]!r}"
            await self.next_message(left)

    async def press(self, key: str, code: str, key_code: int) -> None:
        for kind in ("keyDown", "keyUp"):
            await self.call("Input.dispatchKeyEvent", type=kind, key=key, code=code,
                            windowsVirtualKeyCode=key_code,
                            **({"text": key} if kind == "keyDown" else {}))


async def drive_browser(devtools_port: int, url: str, screenshot: Path) -> tuple[str, str]:
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{devtools_port}/json/list") as response:
            targets = await response.json()
        page = next(t for t in targets if t["type"] == "page")
        async with session.ws_connect(page["webSocketDebuggerUrl"],
                                      max_msg_size=0) as ws:
            tools = DevTools(ws)
            await tools.call("Network.enable")
            await tools.call("Page.enable")
            await tools.call("Page.navigate", url=url)
            await tools.wait_for_text(b"NATO-Russia Council")
            before = tools.screen_text().decode("utf-8", "replace")
            tools.frames = b""
            # Keys go to the terminal's hidden text area, where a person's typing goes.
            await tools.call("Runtime.evaluate", expression=(
                "document.querySelector('.xterm-helper-textarea')?.focus()"))
            await tools.press("2", "Digit2", 50)
            await tools.wait_for_text(b"Lavrov")
            after = tools.screen_text().decode("utf-8", "replace")
            await asyncio.sleep(0.5)  # the canvas paints the frame it received
            shot = await tools.call("Page.captureScreenshot", format="png")
            screenshot.write_bytes(base64.b64decode(shot["data"]))
            return before, after


def test_the_app_in_headless_chromium(tmp_path: Path) -> None:
    with serving(tmp_path) as (port, _page):
        profile = tmp_path / "chromium"
        profile.mkdir()
        browser, devtools_port = start_chromium(profile)
        try:
            screenshot = tmp_path / "dossier-in-chromium.png"
            before, after = asyncio.run(drive_browser(
                devtools_port, f"http://127.0.0.1:{port}/", screenshot))
        finally:
            stop(browser)
        assert "NATO-Russia Council" in before and "Lavrov" in after
        png = screenshot.read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
