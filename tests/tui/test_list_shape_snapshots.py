"""Snapshots of the list as a table you can shape (issue 14): grouped by year and by body
with counts (`S`), the body column whole and titles without their body's repeat, at
120×36 and 80×24. Deterministic: the seed and five made meetings on a fresh store."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from dossier.tui.app import DossierApp
from tests.tui.dossier_pilot import settle
from tests.tui.test_list_grouping import store_of_two_bodies

SnapCompare = Callable[..., bool]
SIZES = [(120, 36), (80, 24)]


def keys(*pressed: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press(*pressed)
        await settle(pilot)

    return run


@pytest.mark.parametrize("size", SIZES)
def test_list_grouped_by_year(snap_compare: SnapCompare, store_dir: Path,
                              size: tuple[int, int]) -> None:
    store_of_two_bodies(store_dir)
    assert snap_compare(DossierApp(store_dir), terminal_size=size, run_before=keys("S"))


@pytest.mark.parametrize("size", SIZES)
def test_list_grouped_by_body(snap_compare: SnapCompare, store_dir: Path,
                              size: tuple[int, int]) -> None:
    store_of_two_bodies(store_dir)
    assert snap_compare(DossierApp(store_dir), terminal_size=size,
                        run_before=keys("S", "S", "j"))
