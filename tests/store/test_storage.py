from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from dossier.store.errors import DamagedFile, WriteFailed
from dossier.store.storage import AtomicJSONStorage, atomic_write_bytes


def open_db(path: Path) -> TinyDB:
    return TinyDB(storage=lambda: AtomicJSONStorage(path))


def test_round_trip_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    db = open_db(path)
    db.table("t", cache_size=0).insert({"a": "é"})
    assert orjson.loads(path.read_bytes()) == {"t": {"1": {"a": "é"}}}
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_sees_a_file_replaced_by_another_writer(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    db = open_db(path)
    table = db.table("t", cache_size=0)
    table.insert({"n": 1})
    assert len(table.all()) == 1
    atomic_write_bytes(path, orjson.dumps({"t": {"1": {"n": 1}, "2": {"n": 2}}}))
    assert len(table.all()) == 2


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'{"t": {"1": {"a": 1}', "not valid JSON"),
        (b"\xff\xfe{}", "not valid UTF-8"),
        (b"", "the file is empty"),
        (b"[1, 2]", "expected a JSON object of tables, found a JSON array"),
        (b'{"t": [1]}', 'table "t" is a JSON array'),
        (b'{"t": {"1": 5}}', 'document 1 of table "t" is a number'),
    ],
)
def test_damaged_files_raise_one_sentence(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "t.json"
    path.write_bytes(content)
    with pytest.raises(DamagedFile) as info:
        AtomicJSONStorage(path).read()
    assert problem in str(info.value)
    assert str(path) in str(info.value)
    assert path.read_bytes() == content


def test_directory_where_file_should_be(tmp_path: Path) -> None:
    (tmp_path / "t.json").mkdir()
    with pytest.raises(DamagedFile, match="is a directory"):
        AtomicJSONStorage(tmp_path / "t.json").read()


def test_failed_write_keeps_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "t.json"
    storage = AtomicJSONStorage(path)
    storage.write({"t": {"1": {"v": "old"}}})
    before = path.read_bytes()

    def disk_full(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", disk_full)
    with pytest.raises(WriteFailed, match="No space left on device.*previous version is intact"):
        storage.write({"t": {"1": {"v": "new"}}})
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert storage.read() == {"t": {"1": {"v": "old"}}}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_write_requires_lock_when_told(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "t.json", lock_held=lambda: False)
    with pytest.raises(RuntimeError, match="without holding the store lock"):
        storage.write({})
