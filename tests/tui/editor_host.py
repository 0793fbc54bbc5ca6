"""A bare App that shows one editor screen, for testing editors apart from the dossier app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.screen import Screen

MISSING = object()


class EditorHost(App[None]):
    """Pushes ``make_screen()`` on mount and records what it dismissed with."""

    def __init__(self, make_screen: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.result: Any = MISSING
        self.editor: Screen[Any] | None = None

    def on_mount(self) -> None:
        self.editor = self.make_screen()
        self.push_screen(self.editor, self._done)

    def _done(self, result: Any) -> None:
        self.result = result


async def settle(app: App[Any], pilot: Any) -> None:
    """Let workers finish and their messages be handled."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
