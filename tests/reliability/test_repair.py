"""`dossier check --repair`: restore the newest good backup or salvage; never delete."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from dossier.store.backup import BACKUPS_DIR, backup_if_due, list_backups
from dossier.store.check import check_store, repair_store
from dossier.store.errors import StoreError
from dossier.store.layout import NOTES_FILE
from dossier.store.store import Store

from . import damage
from .conftest import Tally
from .helpers import SEED_ID, fingerprints, run_dossier, sha256


def _store(root: Path, notes: int = 5) -> list[str]:
    with Store.open(root) as store:
        return [store.add_note(SEED_ID, f"note {i}").id for i in range(notes)]


def _aside(path: Path) -> Path:
    matches = sorted(path.parent.glob(f"{path.name}.damaged-*"))
    assert len(matches) == 1, matches
    return matches[0]


def _note_ids(root: Path) -> set[str]:
    with Store.open(root) as store:
        return {n.id for n in store.list_notes()}


def test_repair_restores_the_backup_and_keeps_newer_salvageable_notes(tmp_path: Path,
                                                                      tally: Tally) -> None:
    root = tmp_path / "store"
    first = _store(root, 1)
    # A day later, the day's first write backs up the store as it is: the seed and note 0.
    tomorrow = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=25)
    assert backup_if_due(root, Store.open(root).data_files() + [root / "dossier.json"],
                         now=tomorrow) is not None
    backed_up = first + _store(root, 2)
    assert len(list_backups(root)) == 2
    damaged = damage.truncated_notes(root)  # cuts the last note short
    damaged_bytes = damaged.read_bytes()

    result = run_dossier("--store", str(root), "check", "--repair")
    assert result.returncode == 0, result.stderr
    out = result.stdout.strip().splitlines()
    assert out[0].startswith(f"Restored {NOTES_FILE} from backup "), out
    assert "kept 1 record salvaged from the damaged file" in out[0]
    assert out[0].endswith(f"the damaged file is kept as {_aside(damaged).name}.")
    assert out[1].endswith(": ok (1 meeting, 2 notes)"), out
    assert _aside(damaged).read_bytes() == damaged_bytes  # kept, byte for byte
    assert _note_ids(root) == set(backed_up[:2])  # the backup's note + one salvaged
    assert check_store(root).ok
    tally(repair_cases=1)


def test_repair_salvages_valid_records_when_there_is_no_backup(tmp_path: Path,
                                                               tally: Tally) -> None:
    root = tmp_path / "store"
    ids = _store(root, 6)
    shutil.rmtree(root / BACKUPS_DIR)
    notes = root / NOTES_FILE
    data = json.loads(notes.read_text())
    docs = data["notes"]
    bad = next(iter(docs))
    del docs[bad]["text"]  # one invalid record among good ones
    docs["77"] = dict(docs[next(k for k in docs if k != bad)])  # and a duplicate id
    notes.write_text(json.dumps(data))
    damaged_bytes = notes.read_bytes()

    result = run_dossier("--store", str(root), "check", "--repair")
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first == (f"Salvaged 5 records of {NOTES_FILE} into a new file and left out 2 "
                     f"unreadable or invalid; the damaged file is kept as "
                     f"{_aside(notes).name}."), first
    assert _aside(notes).read_bytes() == damaged_bytes
    assert len(_note_ids(root)) == 5 and _note_ids(root) <= set(ids)
    tally(repair_cases=1)


def test_salvage_reads_past_invalid_utf8_record_by_record(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _store(root, 10)
    shutil.rmtree(root / BACKUPS_DIR)
    notes = root / NOTES_FILE
    raw = notes.read_bytes()
    at = raw.index(b"note 4")
    notes.write_bytes(raw[:at] + b"\xff\xfe" + raw[at + 2:])
    report = repair_store(root)
    assert report.ok, report.after
    texts = sorted(n.text for n in Store.open(root).list_notes())
    assert texts == sorted(f"note {i}" for i in range(10) if i != 4)


def test_salvage_keeps_every_complete_record_before_a_truncation(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _store(root, 10)
    shutil.rmtree(root / BACKUPS_DIR)
    notes = root / NOTES_FILE
    raw = notes.read_bytes()
    notes.write_bytes(raw[: raw.index(b"note 7")])
    repair_store(root)
    assert sorted(n.text for n in Store.open(root).list_notes()) == [f"note {i}"
                                                                   for i in range(7)]


@pytest.mark.parametrize("case", ["truncated", "directory", "invalid-utf8", "duplicate-ids",
                                  "missing-field", "wrong-shape-array", "empty"])
def test_repair_brings_back_the_meeting_from_a_backup(case: str, tmp_path: Path,
                                                      tally: Tally) -> None:
    root = tmp_path / "store"
    _store(root, 1)
    damaged = damage.CASES[case](root)
    assert not check_store(root).ok
    report = repair_store(root)
    assert report.ok, report.after and report.after.problems
    assert len(report.actions) == 1 and "Restored meetings/" in report.actions[0]
    assert _aside(damaged).exists()
    with Store.open(root) as store:
        assert store.get_meeting(SEED_ID).title.startswith("NATO-Russia Council")
    tally(repair_cases=1)


def test_repair_skips_a_backup_that_fails_the_check(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _store(root, 1)
    good = list_backups(root)[0]
    newer = good.with_name("29990101T000000000000Z-daily")  # newest by name
    shutil.copytree(good, newer)
    damage.truncated(newer)  # the newest backup is itself damaged
    damage.truncated(root)
    report = repair_store(root)
    assert report.ok and good.name in report.actions[0], report.actions


def test_repair_refuses_a_store_from_a_newer_dossier(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _store(root, 1)
    damage.newer_record(root)
    before = fingerprints(root)
    with pytest.raises(StoreError, match="upgrade meeting-dossier instead of repairing"):
        repair_store(root)
    assert fingerprints(root) == before
    result = run_dossier("--store", str(root), "check", "--repair")
    assert result.returncode == 1 and "nothing was changed" in result.stderr
    assert fingerprints(root) == before


def test_repair_of_a_healthy_store_changes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "store"
    _store(root, 2)
    before = fingerprints(root)
    report = repair_store(root)
    assert report.ok and report.actions == [f"{root} has no damaged file; nothing was changed."]
    assert fingerprints(root) == before


def test_repair_leaves_an_unreadable_file_alone_with_advice(tmp_path: Path) -> None:
    """Root reads anything, so simulate what repair sees by asking it to repair a file
    check reported but os.access denies: the file must not be moved or rewritten."""
    root = tmp_path / "store"
    _store(root, 1)
    damage.truncated(root)
    shard = damage.shard(root)
    before = sha256(shard)
    import dossier.store.check as check_module

    real_access = check_module.os.access
    try:
        check_module.os.access = lambda p, mode: False if Path(p) == shard else real_access(p, mode)  # type: ignore[assignment]  # noqa: E501
        report = repair_store(root)
    finally:
        check_module.os.access = real_access  # type: ignore[assignment]
    assert "cannot be read, so it was left as it is" in report.actions[0]
    assert sha256(shard) == before and not report.ok


def test_repair_says_so_when_nothing_can_be_salvaged(tmp_path: Path) -> None:
    root = tmp_path / "store"
    Store.open(root).close()  # seeded, never written to: no backup yet
    damaged = damage.truncated(root)
    kept = damaged.read_bytes()
    report = repair_store(root)
    assert report.actions == [
        f"Nothing in meetings/{damaged.name} could be salvaged and no good backup has it, so "
        f"it was replaced by an empty file; the damaged file is kept as {_aside(damaged).name}."]
    assert report.ok and _aside(damaged).read_bytes() == kept
