"""store.journal piece by piece, on real files: the one-file commit takes no journal, a
failed one-file rename says why and leaves nothing staged, the journal records an old link
for every file that existed, and a rollback removes a file the write created. Written for
the mutants that survived the journal tests (docs/testing.md)."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from dossier.store.errors import WriteFailed
from dossier.store.journal import STAGED_SUFFIX, StagedWrite, recover
from dossier.store.layout import JOURNAL_FILE


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith("."))


def test_a_one_file_commit_renames_once_and_writes_no_journal(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "notes.json"
    target.write_bytes(b"old")
    renamed: list[str] = []
    real_replace = os.replace
    monkeypatch.setattr(os, "replace",
                        lambda src, dst: renamed.append(Path(dst).name) or real_replace(src, dst))
    staged = StagedWrite(tmp_path)
    staged.stage(target, b"new")
    assert staged.targets == [target] and staged
    staged.commit()
    assert renamed == ["notes.json"]  # no journal written and renamed first
    assert target.read_bytes() == b"new" and leftovers(tmp_path) == []


def test_a_failed_one_file_rename_says_why_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "notes.json"
    target.mkdir()
    (target / "occupied").write_text("a directory stands where the file goes")
    staged = StagedWrite(tmp_path)
    staged.stage(target, b"new")
    with pytest.raises(WriteFailed) as caught:
        staged.commit()
    assert str(caught.value) == ("could not save notes.json (Is a directory); the previous "
                                 "version is intact")
    assert leftovers(tmp_path) == []


def _cut_after_the_journal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first rename of a staged file fails: the journal is on disk, nothing renamed."""
    real_replace = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if os.fspath(src).endswith(STAGED_SUFFIX):
            raise OSError(5, "Input/output error (injected)")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)


def test_the_journal_links_every_file_that_existed(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    new, existing = tmp_path / "a-new.json", tmp_path / "b-existing.json"
    existing.write_bytes(b"old b")
    staged = StagedWrite(tmp_path)
    staged.stage(new, b"new a")  # first, so a loop that stops at it misses the next one
    staged.stage(existing, b"new b")
    _cut_after_the_journal(monkeypatch)
    with pytest.raises(OSError, match="injected"):
        staged.commit()
    journal = orjson.loads((tmp_path / JOURNAL_FILE).read_bytes())
    olds = {e["target"]: e["old"] for e in journal["entries"]}
    assert olds["a-new.json"] is None
    assert olds["b-existing.json"] is not None
    assert (tmp_path / olds["b-existing.json"]).read_bytes() == b"old b"


def test_rolling_back_removes_a_file_the_write_created(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    new, existing = tmp_path / "a-new.json", tmp_path / "b-existing.json"
    existing.write_bytes(b"old b")
    staged = StagedWrite(tmp_path)
    staged.stage(new, b"new a")
    staged.stage(existing, b"new b")
    real_replace = os.replace
    renames = 0

    def second_rename_fails(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        nonlocal renames
        if os.fspath(src).endswith(STAGED_SUFFIX):
            renames += 1
            if renames == 2:
                raise OSError(5, "Input/output error (injected)")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", second_rename_fails)
    with pytest.raises(OSError, match="injected"):
        staged.commit()
    monkeypatch.undo()
    # The new file is in place; b's staged file is lost (say, a disk that dropped it): the
    # write cannot go forward, so recovery puts everything back as it was.
    assert new.read_bytes() == b"new a"
    for lost in tmp_path.glob(f".b-existing.json.*{STAGED_SUFFIX}"):
        lost.unlink()
    assert recover(tmp_path, [tmp_path]) == "back"
    assert not new.exists()
    assert existing.read_bytes() == b"old b"
    assert leftovers(tmp_path) == []


def test_a_file_that_cannot_be_staged_says_why(tmp_path: Path) -> None:
    staged = StagedWrite(tmp_path)
    with pytest.raises(WriteFailed) as caught:
        staged.stage(tmp_path / "no-such-folder" / "notes.json", b"new")
    assert str(caught.value) == ("could not save notes.json (No such file or directory); "
                                 "the previous version is intact")
    assert not staged
