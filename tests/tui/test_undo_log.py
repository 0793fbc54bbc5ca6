"""The undo history file (tui/undo_log.py): one per store, written whole and atomically,
trimmed from its oldest end, and read back as empty when it is damaged or another store's."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from dossier.tui import undo_log
from dossier.tui.undo_log import UndoLog, log_path


def record(n: int, size: int = 10) -> dict[str, object]:
    return {"version": 1, "kind": "note_added", "n": n, "pad": "x" * size}


def test_each_store_has_its_own_file(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert log_path(tmp_path / "state", one) != log_path(tmp_path / "state", two)
    assert log_path(tmp_path / "state", one) == log_path(tmp_path / "state", one / "." )


def test_saved_stacks_are_read_back(tmp_path: Path) -> None:
    store = tmp_path / "store"
    log = UndoLog(log_path(tmp_path / "state", store), store)
    assert log.load() == ([], [])  # no file yet
    assert log.save([record(1), record(2)], [record(3)], generation=1)
    assert UndoLog(log.path, store).load() == ([record(1), record(2)], [record(3)])


def test_an_older_generation_never_overwrites_a_newer_one(tmp_path: Path) -> None:
    store = tmp_path / "store"
    log = UndoLog(log_path(tmp_path / "state", store), store)
    assert log.save([record(2)], [], generation=2)
    assert not log.save([record(1)], [], generation=1)  # a slower thread, come late
    assert log.load() == ([record(2)], [])


def test_the_oldest_entries_go_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "store"
    log = UndoLog(log_path(tmp_path / "state", store), store)
    log.save([record(n) for n in range(150)], [], generation=1)
    undo, _ = log.load()
    assert len(undo) == undo_log.MAX_ENTRIES and undo[-1] == record(149)
    monkeypatch.setattr(undo_log, "MAX_BYTES", 3_000)
    log.save([record(n, size=900) for n in range(5)], [record(9, size=900)], generation=2)
    undo, redo = log.load()
    # The redo goes first, then the oldest undos, until it fits.
    assert redo == [] and [r["n"] for r in undo] == [2, 3, 4]


@pytest.mark.parametrize("content", [b"", b"{not json", b"[]", b'{"format": 99}',
                                     b'{"format": 1, "store": "/elsewhere", "undo": [{}]}',
                                     b'{"format": 1, "store": "%s", "undo": "x"}'])
def test_a_damaged_or_foreign_file_reads_as_no_history(tmp_path: Path, content: bytes) -> None:
    store = tmp_path / "store"
    path = log_path(tmp_path / "state", store)
    path.parent.mkdir(parents=True)
    path.write_bytes(content.replace(b"%s", str(store.resolve()).encode()))
    assert UndoLog(path, store).load() == ([], [])


def test_the_file_names_its_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    log = UndoLog(log_path(tmp_path / "state", store), store)
    log.save([record(1)], [], generation=1)
    data = orjson.loads(log.path.read_bytes())
    assert data["store"] == str(store.resolve()) and data["format"] == undo_log.FORMAT
    assert (log.path.parent.stat().st_mode & 0o777) == 0o700
