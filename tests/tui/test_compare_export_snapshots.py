"""Snapshots of issue 14's last views (pytest-textual-snapshot): two meetings of a body
compared side by side, the export dialog, and the list filtered with the search language
("n of m"; "no meeting selected" when nothing matches), at 120×36 and 80×24.
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
SIZES = [(120, 36), (80, 24)]


def keys(*pressed: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press(*pressed)
        await settle(pilot)

    return run


@pytest.mark.parametrize("size", SIZES)
def test_compare_with_previous(snap_compare: SnapCompare, store_dir: Path,
                               size: tuple[int, int]) -> None:
    store_with_party_meetings(store_dir)
    # j: the 2016 NRC meeting, compared with the seed (2013); the newest is a UN one.
    assert snap_compare(DossierApp(store_dir), terminal_size=size, run_before=keys("j", "c"))


@pytest.mark.parametrize("size", SIZES)
def test_export_dialog(snap_compare: SnapCompare, store_dir: Path,
                       size: tuple[int, int]) -> None:
    store_with_party_meetings(store_dir)
    assert snap_compare(DossierApp(store_dir), terminal_size=size, run_before=keys("x"))


@pytest.mark.parametrize("size", SIZES)
def test_list_filtered_n_of_m(snap_compare: SnapCompare, store_dir: Path,
                              size: tuple[int, int]) -> None:
    store_with_party_meetings(store_dir)
    assert snap_compare(DossierApp(store_dir), terminal_size=size,
                        run_before=keys("f", *"year:2013"))


def test_list_filter_matches_nothing(snap_compare: SnapCompare, store_dir: Path) -> None:
    store_with_party_meetings(store_dir)
    assert snap_compare(DossierApp(store_dir), terminal_size=(80, 24),
                        run_before=keys("f", *"body:nowhere"))
