"""store.journal: several files replaced all or nothing, whatever step is cut short."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dossier.store import journal as journal_module
from dossier.store.errors import WriteFailed
from dossier.store.journal import StagedWrite, pending, recover
from dossier.store.layout import JOURNAL_FILE


class Cut(Exception):
    """Stands in for the process dying at that point (what remains on disk is the test)."""


def _files(root: Path, count: int = 3, new: bool = False) -> list[Path]:
    folder = root / "meetings"
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{i:02x}.json" for i in range(count)]
    if not new:
        for path in paths:
            path.write_text(f"old {path.name}")
    return paths


def _contents(paths: list[Path]) -> list[str | None]:
    return [p.read_text() if p.exists() else None for p in paths]


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob(".*") if p.is_file())


def _staged(root: Path, paths: list[Path]) -> StagedWrite:
    write = StagedWrite(root)
    for path in paths:
        write.stage(path, f"new {path.name}".encode())
    return write


def _commit_cut_after(monkeypatch: pytest.MonkeyPatch, root: Path, paths: list[Path], *,
                      renames: int) -> None:
    """Commit a staged write of ``paths`` that is cut short after ``renames`` renames."""
    real_replace = os.replace
    calls = {"n": 0}

    def replace(src: str | Path, dst: str | Path) -> None:
        if Path(dst).name != JOURNAL_FILE:  # the journal's own atomic write is not counted
            if calls["n"] == renames:
                raise Cut
            calls["n"] += 1
        real_replace(src, dst)

    monkeypatch.setattr(journal_module.os, "replace", replace)
    with pytest.raises(Cut):
        _staged(root, paths).commit()
    monkeypatch.setattr(journal_module.os, "replace", real_replace)


def test_a_commit_replaces_every_file_and_leaves_nothing_behind(tmp_path: Path) -> None:
    paths = _files(tmp_path)
    _staged(tmp_path, paths).commit()
    assert _contents(paths) == [f"new {p.name}" for p in paths]
    assert _leftovers(tmp_path) == [] and not pending(tmp_path)


def test_staged_files_are_invisible_until_the_commit_and_gone_after_an_abort(
        tmp_path: Path) -> None:
    paths = _files(tmp_path)
    write = _staged(tmp_path, paths)
    assert _contents(paths) == [f"old {p.name}" for p in paths]
    write.abort()
    assert _contents(paths) == [f"old {p.name}" for p in paths]
    assert _leftovers(tmp_path) == []


def test_staging_the_same_file_twice_commits_the_last(tmp_path: Path) -> None:
    (path,) = _files(tmp_path, 1)
    write = StagedWrite(tmp_path)
    write.stage(path, b"first")
    write.stage(path, b"second")
    write.commit()
    assert path.read_text() == "second" and _leftovers(tmp_path) == []


@pytest.mark.parametrize("renames_done", [0, 1, 2])
def test_a_cut_during_the_renames_is_rolled_forward(tmp_path: Path, renames_done: int,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [*_files(tmp_path, 2), *_files(tmp_path / "x", 1, new=True)]
    _commit_cut_after(monkeypatch, tmp_path, paths, renames=renames_done)
    assert pending(tmp_path)
    assert recover(tmp_path, [p.parent for p in paths]) == "forward"
    assert _contents(paths) == [f"new {p.name}" for p in paths]
    assert _leftovers(tmp_path) == [] and not pending(tmp_path)


def test_a_cut_after_the_last_rename_is_finished(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _files(tmp_path)

    def cut(folder: Path) -> None:
        raise Cut

    monkeypatch.setattr(journal_module, "fsync_directory", cut)
    with pytest.raises(Cut):
        _staged(tmp_path, paths).commit()
    monkeypatch.undo()
    assert pending(tmp_path)
    assert recover(tmp_path, [paths[0].parent]) == "forward"
    assert _contents(paths) == [f"new {p.name}" for p in paths]
    assert _leftovers(tmp_path) == []


def test_a_cut_before_the_journal_changes_nothing(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _files(tmp_path)

    def no_journal(path: Path, payload: bytes) -> None:
        raise WriteFailed("could not save .journal.json (No space left on device)")

    monkeypatch.setattr(journal_module, "atomic_write_bytes", no_journal)
    with pytest.raises(WriteFailed):
        _staged(tmp_path, paths).commit()
    assert _contents(paths) == [f"old {p.name}" for p in paths]
    assert _leftovers(tmp_path) == [] and not pending(tmp_path)


def test_a_full_disk_while_staging_changes_nothing(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _files(tmp_path)
    write = StagedWrite(tmp_path)
    write.stage(paths[0], b"new")
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal_module.os, "write", full)
    with pytest.raises(WriteFailed, match="No space left"):
        write.stage(paths[1], b"new")
    monkeypatch.setattr(journal_module.os, "write", real_write)
    write.abort()
    assert _contents(paths) == [f"old {p.name}" for p in paths]
    assert _leftovers(tmp_path) == []


def test_a_journal_whose_staged_file_is_lost_is_rolled_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [*_files(tmp_path, 2), *_files(tmp_path / "x", 1, new=True)]
    _commit_cut_after(monkeypatch, tmp_path, paths, renames=2)
    # The last staged file is gone (deleted by hand, a bad block): it cannot go forward.
    for leftover in (tmp_path / "x" / "meetings").glob(".*.staged*"):
        leftover.unlink()
    assert recover(tmp_path, [p.parent for p in paths]) == "back"
    assert _contents(paths) == ["old 00.json", "old 01.json", None]
    assert _leftovers(tmp_path) == [] and not pending(tmp_path)


def test_without_a_journal_recovery_only_removes_leftovers(tmp_path: Path) -> None:
    paths = _files(tmp_path)
    write = _staged(tmp_path, paths)  # staged, then the process died before the journal
    del write
    assert recover(tmp_path, [paths[0].parent]) is None
    assert _contents(paths) == [f"old {p.name}" for p in paths]
    assert _leftovers(tmp_path) == []


def test_a_journal_naming_files_outside_the_store_is_refused(tmp_path: Path) -> None:
    (tmp_path / JOURNAL_FILE).write_text(
        '{"tx": "x", "entries": [{"target": "../../etc/passwd", "staged": "a", '
        '"inode": 1, "old": null}]}')
    from dossier.store.errors import DamagedFile

    with pytest.raises(DamagedFile, match="not a journal"):
        recover(tmp_path, [])
