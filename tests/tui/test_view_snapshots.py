"""Snapshots of the analyst's views and the high-contrast theme (pytest-textual-snapshot):
a party's positions over time and a topic's timeline by year at 120×36 and 80×24, a body's
timeline by year, the main screen in high contrast (greyscale here: NO_COLOR).
Deterministic: the seed and two later meetings on a fresh store, no cursor blink."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from dossier.tui.app import DossierApp
from tests.store.party_records import store_with_party_meetings
from tests.tui.dossier_pilot import settle

SnapCompare = Callable[..., bool]


def view(kind: str, name: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.open_view(kind, name)  # type: ignore[attr-defined]
        await settle(pilot)

    return run


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_positions_of_a_party(snap_compare: SnapCompare, store_dir: Path,
                              size: tuple[int, int]) -> None:
    store_with_party_meetings(store_dir)
    assert snap_compare(DossierApp(store_dir), terminal_size=size,
                        run_before=view("party", "Russian Federation"))


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_topic_timeline_by_year(snap_compare: SnapCompare, store_dir: Path,
                                size: tuple[int, int]) -> None:
    store_with_party_meetings(store_dir)
    assert snap_compare(DossierApp(store_dir), terminal_size=size,
                        run_before=view("topic", "Euro-Atlantic security"))


def test_body_timeline_by_year(snap_compare: SnapCompare, store_dir: Path) -> None:
    store_with_party_meetings(store_dir)
    assert snap_compare(DossierApp(store_dir), terminal_size=(120, 36),
                        run_before=view("body", "NATO-Russia Council"))


def test_high_contrast_main_screen(snap_compare: SnapCompare, store_dir: Path) -> None:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.theme = "dossier-high-contrast"
        await settle(pilot)

    assert snap_compare(DossierApp(store_dir), terminal_size=(80, 24), run_before=run)
