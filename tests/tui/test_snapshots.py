"""Snapshots of the app (pytest-textual-snapshot): the main screen at two sizes, each pane,
help and the palette. Deterministic: a fresh seeded store, no notes, the default theme,
NO_COLOR (set for every test), no cursor blink."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandInput
from textual.pilot import Pilot
from textual.widgets import Input

from dossier.tui.app import DossierApp
from tests.tui.dossier_pilot import settle

SnapCompare = Callable[..., bool]


def before(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await settle(pilot)

    return run


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_main_screen(snap_compare: SnapCompare, store_dir: Path, size: tuple[int, int]) -> None:
    assert snap_compare(DossierApp(store_dir), terminal_size=size, run_before=before())


@pytest.mark.parametrize("key", ["2", "3", "4", "5", "6"])
def test_each_pane(snap_compare: SnapCompare, store_dir: Path, key: str) -> None:
    assert snap_compare(DossierApp(store_dir), terminal_size=(120, 36), run_before=before(key))


def test_references_and_outcomes_pane_small(snap_compare: SnapCompare,
                                            store_dir: Path) -> None:
    """The sixth pane at 80×24, focused (its first reference's sentence traced)."""
    assert snap_compare(DossierApp(store_dir), terminal_size=(80, 24),
                        run_before=before("6", "tab"))


def test_help(snap_compare: SnapCompare, store_dir: Path) -> None:
    assert snap_compare(DossierApp(store_dir), terminal_size=(120, 36),
                        run_before=before("question_mark"))


def test_palette(snap_compare: SnapCompare, store_dir: Path) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await before("ctrl+p")(pilot)
        pilot.app.screen.query_one(CommandInput).cursor_blink = False
        await pilot.press(*"Lavrov")
        await settle(pilot, rounds=6)

    assert snap_compare(DossierApp(store_dir), terminal_size=(120, 36), run_before=run)


def test_too_small(snap_compare: SnapCompare, store_dir: Path) -> None:
    assert snap_compare(DossierApp(store_dir), terminal_size=(40, 12), run_before=before())
