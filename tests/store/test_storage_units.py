"""store.storage piece by piece: written for the mutants that survived the storage tests
(docs/testing.md). Real files in a temporary folder; nothing of the store is mocked."""

from __future__ import annotations

import gc
import os
import stat
from pathlib import Path

import orjson
import pytest

from dossier.store.errors import DamagedFile, WriteFailed
from dossier.store.storage import (
    AtomicJSONStorage,
    _short,
    atomic_write_bytes,
    decode_json_file,
    gc_paused,
    remove_orphan_temp_files,
)
from dossier.store.store import Store
from tests.conftest import SEED_ID, without_root_override

TABLES = {"t": {"1": {"a": 1}}}


def test_gc_is_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


@without_root_override
def test_an_unreadable_file_is_damaged_with_a_chmod_hint(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_bytes(orjson.dumps(TABLES))
    path.chmod(0)
    with pytest.raises(DamagedFile, match=r"cannot be read \(permission denied\)"):
        decode_json_file(path)


def test_bad_utf8_and_bad_json_are_told_apart(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b'{"t": "\xff"}')
    with pytest.raises(DamagedFile, match="it is not valid UTF-8"):
        decode_json_file(path)
    path.write_bytes(b'{"t": ')
    with pytest.raises(DamagedFile, match=r"it is not valid JSON \("):
        decode_json_file(path)


def test_a_failed_rename_says_why_in_words(tmp_path: Path) -> None:
    target = tmp_path / "meetings.json"
    target.mkdir()
    (target / "occupied").write_text("a directory stands where the file goes")
    with pytest.raises(WriteFailed) as caught:
        atomic_write_bytes(target, b"{}")
    assert str(caught.value).startswith("could not save meetings.json (Is a directory); ")
    assert [p.name for p in tmp_path.iterdir()] == ["meetings.json"]  # no temp file left


def test_storage_writes_indented_json_by_default_and_compact_on_request(
        tmp_path: Path) -> None:
    AtomicJSONStorage(tmp_path / "a.json").write(TABLES)
    assert (tmp_path / "a.json").read_bytes() == orjson.dumps(TABLES,
                                                              option=orjson.OPT_INDENT_2)
    AtomicJSONStorage(tmp_path / "b.json", indent=False).write(TABLES)
    assert (tmp_path / "b.json").read_bytes() == b'{"t":{"1":{"a":1}}}'


def test_an_unchanged_file_is_read_once(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "a.json")
    storage.write(TABLES)
    first = storage.read()
    assert first == TABLES and storage.read() is first  # the cache, not a new parse


def test_what_json_cannot_hold_fails_the_write_and_keeps_the_file(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "a.json")
    storage.write(TABLES)
    with pytest.raises(WriteFailed, match="could not save a.json"):
        storage.write({"t": {"1": {"a": {1, 2}}}})
    assert storage.read() == TABLES


def test_a_staged_write_is_kept_only_when_committed(tmp_path: Path) -> None:
    staged: list[bytes] = []
    storage = AtomicJSONStorage(tmp_path / "a.json",
                                stage=lambda path, payload: staged.append(payload) or True)
    AtomicJSONStorage(tmp_path / "a.json").write(TABLES)
    changed = {"t": {"1": {"a": 2}}}
    storage.write(changed)
    assert storage.read() is changed and staged  # seen while the transaction is open
    storage.settle(committed=False)
    assert storage.read() == TABLES  # dropped: the file as it is
    storage.write(changed)
    (tmp_path / "a.json").write_bytes(staged[-1])  # what the commit does
    storage.settle(committed=True)
    assert storage.read() is changed  # kept as the file's tables, not parsed again


def test_a_long_or_many_line_error_is_cut_to_its_first_line() -> None:
    assert _short(ValueError("first line\nsecond line")) == "first line"
    assert _short(ValueError("x" * 200)) == "x" * 120


def test_orphan_temp_files_are_removed_and_counted(tmp_path: Path) -> None:
    for name in (".notes.json.abc.tmp", ".s-1.json.def.tmp", "notes.json", ".hidden"):
        (tmp_path / name).write_text("x")
    assert remove_orphan_temp_files(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [".hidden", "notes.json"]
    assert remove_orphan_temp_files(tmp_path) == 0


def test_backup_folders_are_private(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        store = Store.open(tmp_path / "store")
        store.add_note(SEED_ID, "so that the day's backup is taken")
    finally:
        os.umask(previous)
    folders = [p for p in (tmp_path / "store" / "backups").rglob("*") if p.is_dir()]
    folders.append(tmp_path / "store" / "backups")
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in folders} == {"0o700"}
