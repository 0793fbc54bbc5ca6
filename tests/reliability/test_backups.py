"""Rotating backups: before every migration and at most once a day on write; keep N."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from dossier.store.backup import BACKUPS_DIR, backup_if_due, list_backups, make_backup
from dossier.store.layout import MANIFEST, NOTES_FILE
from dossier.store.store import Store

from . import damage
from .conftest import Tally
from .helpers import SEED_ID, fingerprints, run_dossier, sha256


def _files(root: Path) -> list[Path]:
    return Store.open(root).data_files() + [root / MANIFEST]


def _age_backups(root: Path, days: int) -> None:
    """Rename every backup as if it had been taken ``days`` days earlier."""
    for backup in list_backups(root):
        stamp, reason = backup.name.split("-", 1)
        then = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ") - dt.timedelta(days=days)
        backup.rename(backup.with_name(f"{then.strftime('%Y%m%dT%H%M%S%fZ')}-{reason}"))


def test_first_write_of_the_day_backs_up_and_later_ones_do_not(tmp_path: Path,
                                                               tally: Tally) -> None:
    root = tmp_path / "store"
    store = Store.open(root)
    assert list_backups(root) == []  # a new store: nothing of the user's to keep yet
    before = {p.relative_to(root): sha256(p) for p in _files(root)}
    store.add_note(SEED_ID, "first")
    backups = list_backups(root)
    assert len(backups) == 1 and backups[0].name.endswith("-daily")
    copied = {p.relative_to(backups[0]): sha256(p) for p in backups[0].rglob("*.json")}
    assert copied == before  # the store as it was before the day's first write
    for i in range(5):
        store.add_note(SEED_ID, f"more {i}")
    assert list_backups(root) == backups
    _age_backups(root, 1)
    store.add_note(SEED_ID, "a day later")
    assert len(list_backups(root)) == 2
    tally(backup_cases=1)


def test_the_backup_can_be_taken_ahead_of_the_write(tmp_path: Path, tally: Tally) -> None:
    """The app takes the day's backup when the user starts a change, so the save does
    not copy the whole store; the backup still holds the store as it was before."""
    root = tmp_path / "store"
    store = Store.open(root)
    before = {p.relative_to(root): sha256(p) for p in _files(root)}
    assert store.back_up_if_due() is True
    backups = list_backups(root)
    assert len(backups) == 1
    assert {p.relative_to(backups[0]): sha256(p) for p in backups[0].rglob("*.json")} == before
    assert store.back_up_if_due() is False  # one a day
    store.add_note(SEED_ID, "the write that follows")
    assert list_backups(root) == backups
    read_only = Store(root, read_only=True)  # as when the directory cannot be written
    _age_backups(root, 1)
    assert read_only.back_up_if_due() is False
    assert len(list_backups(root)) == 1
    tally(backup_cases=1)


def test_a_backup_is_a_copy_that_later_damage_cannot_reach(tmp_path: Path) -> None:
    root = tmp_path / "store"
    store = Store.open(root)
    store.add_note(SEED_ID, "first")
    backup = list_backups(root)[0]
    snapshot = fingerprints(backup)
    damage.truncated(root)  # written in place, as a stray tool would
    store.close()
    assert fingerprints(backup) == snapshot


def test_keep_last_n_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          tally: Tally) -> None:
    root = tmp_path / "store"
    Store.open(root).add_note(SEED_ID, "first")
    for _ in range(4):
        _age_backups(root, 1)
        make_backup(root, _files(root), "daily")
    assert len(list_backups(root)) == 5
    _age_backups(root, 1)
    result = run_dossier("--store", str(root), "note", "add", SEED_ID, "rotates",
                         env={"DOSSIER_BACKUPS_KEEP": "3"})
    assert result.returncode == 0, result.stderr
    backups = list_backups(root)
    assert len(backups) == 3
    newest = backups[-1]
    assert (newest / NOTES_FILE).exists() and "rotates" not in (newest / NOTES_FILE).read_text()
    monkeypatch.setenv("DOSSIER_BACKUPS_KEEP", "not a number")
    _age_backups(root, 1)
    Store.open(root).add_note(SEED_ID, "default keep")
    assert len(list_backups(root)) == 4  # the default, 7, keeps them all
    tally(backup_cases=1)


def test_backup_before_migration(tmp_path: Path, tally: Tally) -> None:
    root = tmp_path / "store"
    Store.open(root).add_note(SEED_ID, "kept through the migration")
    files = _files(root)
    shutil.rmtree(root / BACKUPS_DIR)
    manifest = root / MANIFEST
    data = json.loads(manifest.read_text())
    data["schema_version"] = 0  # an older store: opening it migrates
    manifest.write_text(json.dumps(data))
    old = {p.name: sha256(p) for p in files}
    Store.open(root)
    newest = list_backups(root)[-1]
    assert newest.name.endswith("-before-migration-v0")
    assert {p.name: sha256(p) for p in newest.rglob("*.json")} == old
    tally(backup_cases=1)


def test_no_daily_backup_of_a_damaged_store(tmp_path: Path) -> None:
    """A damaged file is never copied into a backup, where it could rotate a good one out."""
    root = tmp_path / "store"
    store = Store.open(root)
    store.add_note(SEED_ID, "first")
    _age_backups(root, 2)
    files = _files(root)
    damage.empty_notes(root)
    assert backup_if_due(root, files) is None
    assert len(list_backups(root)) == 1


def test_a_half_made_backup_is_cleared_and_never_listed(tmp_path: Path) -> None:
    root = tmp_path / "store"
    Store.open(root).add_note(SEED_ID, "first")
    partial = root / BACKUPS_DIR / ".20000101T000000000000Z-daily.partial"
    partial.mkdir()
    (partial / "dossier.json").write_text("{")
    assert partial not in list_backups(root)
    _age_backups(root, 1)
    Store.open(root).add_note(SEED_ID, "next day")
    assert not partial.exists() and len(list_backups(root)) == 2
