"""Backup rotation deletes only our own backups, inside the store, and a clock that was once
wrong does not stop the daily backup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dossier.store.backup import BACKUPS_DIR, backup_due, list_backups, make_backup
from dossier.store.errors import StoreError
from dossier.store.store import Store

from .conftest import Tally
from .helpers import SEED_ID

STAMP = "%Y%m%dT%H%M%S%fZ"


def _files(store: Store) -> list[Path]:
    return store.data_files()


def _fake_backup(root: Path, when: dt.datetime, reason: str = "daily") -> Path:
    folder = root / BACKUPS_DIR / f"{when.strftime(STAMP)}-{reason}"
    folder.mkdir(parents=True)
    (folder / "notes.json").write_text("{}")
    return folder


def test_rotation_never_deletes_what_it_did_not_make(tmp_path: Path, tally: Tally,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "store"
    store = Store.open(root)
    backups = root / BACKUPS_DIR
    backups.mkdir()
    theirs = [backups / name for name in ("2019-photos", "2020-taxes", "2021-thesis",
                                          "notes", "20190101-old")]
    for folder in theirs:
        folder.mkdir()
        (folder / "keep.txt").write_text("mine")
    monkeypatch.setenv("DOSSIER_BACKUPS_KEEP", "1")
    for _ in range(3):
        make_backup(root, _files(store), "daily")
    assert all((folder / "keep.txt").read_text() == "mine" for folder in theirs)
    assert len(list_backups(root)) == 1
    tally(backup_cases=1)


def test_a_symlinked_backups_folder_is_refused_and_its_target_untouched(
        tmp_path: Path, tally: Tally, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "store"
    store = Store.open(root)
    elsewhere = tmp_path / "my-documents"
    for name in ("2019-photos", "2020-taxes", "2021-thesis"):
        (elsewhere / name).mkdir(parents=True)
        (elsewhere / name / "keep.txt").write_text("mine")
    (root / BACKUPS_DIR).symlink_to(elsewhere, target_is_directory=True)
    monkeypatch.setenv("DOSSIER_BACKUPS_KEEP", "3")
    assert list_backups(root) == []
    with pytest.raises(StoreError, match="symbolic link"):
        make_backup(root, _files(store), "daily")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["2019-photos", "2020-taxes",
                                                           "2021-thesis"]
    tally(backup_cases=1)


def test_a_backup_stamped_in_the_future_does_not_stop_daily_backups(tmp_path: Path,
                                                                    tally: Tally) -> None:
    root = tmp_path / "store"
    store = Store.open(root)
    now = dt.datetime.now(dt.timezone.utc)
    future = _fake_backup(root, dt.datetime(2100, 1, 1, tzinfo=dt.timezone.utc))
    assert backup_due(root, now)
    store.add_note(SEED_ID, "a write on a day the clock is right")
    made = list_backups(root)
    assert made[0] == future and len(made) == 2  # the future one sorts as the oldest
    assert made[-1].name.endswith("-daily") and made[-1] != future
    assert not backup_due(root, now + dt.timedelta(hours=1))
    assert backup_due(root, now + dt.timedelta(days=1, minutes=1))
    tally(backup_cases=1)


def test_keep_counts_the_real_backups_and_drops_a_future_one_first(
        tmp_path: Path, tally: Tally, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "store"
    store = Store.open(root)
    future = _fake_backup(root, dt.datetime(2100, 1, 1, tzinfo=dt.timezone.utc))
    monkeypatch.setenv("DOSSIER_BACKUPS_KEEP", "2")
    for _ in range(2):
        make_backup(root, _files(store), "daily")
    kept = list_backups(root)
    assert future not in kept and len(kept) == 2
    tally(backup_cases=1)
