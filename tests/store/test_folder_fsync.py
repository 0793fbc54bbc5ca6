"""After every rename into a folder, that folder is fsynced: without it the rename itself can
be lost in a power cut, and the store comes back with the old file, or none. Recorded by
wrapping os.replace and os.fsync (the real ones still run) and asking the kernel what each
fsynced descriptor is."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.store.journal import STAGED_SUFFIX, pending
from dossier.store.layout import JOURNAL_FILE, NOTES_FILE
from dossier.store.storage import atomic_write_bytes
from dossier.store.store import Store
from tests.conftest import SEED_ID

FileId = tuple[int, int]  # (st_dev, st_ino)


def file_id(path: str | os.PathLike[str]) -> FileId:
    info = os.stat(path)
    return info.st_dev, info.st_ino


class Recorder:
    """Every os.replace (the folder it renamed into), the journal's removal (which ends a
    multi-file write, so it must be as durable as the renames) and every fsync of a folder."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.events: list[tuple[str, FileId]] = []
        real_replace, real_fsync, real_unlink = os.replace, os.fsync, os.unlink
        self.fail_replace: Callable[[str], bool] = lambda src: False

        def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str], **kw) -> None:
            if self.fail_replace(os.fspath(src)):
                raise OSError(5, "Input/output error (injected)")
            real_replace(src, dst, **kw)
            self.events.append(("replace", file_id(Path(dst).parent)))

        def unlink(path: str | os.PathLike[str], **kw) -> None:
            real_unlink(path, **kw)
            if Path(path).name == JOURNAL_FILE:
                self.events.append(("replace", file_id(Path(path).parent)))

        def fsync(fd: int) -> None:
            real_fsync(fd)
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                self.events.append(("fsync folder", (info.st_dev, info.st_ino)))

        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "unlink", unlink)

    def folders_left_unsynced(self) -> list[int]:
        """The index of each rename (or the journal's removal) that no fsync of its folder
        follows."""
        return [i for i, (kind, folder) in enumerate(self.events) if kind == "replace"
                and ("fsync folder", folder) not in self.events[i + 1:]]

    def renames(self) -> int:
        """The renames and the journal's removal."""
        return sum(kind == "replace" for kind, _ in self.events)


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    return Recorder(monkeypatch)


def test_atomic_write_fsyncs_the_folder_after_the_rename(tmp_path: Path,
                                                         recorder: Recorder) -> None:
    atomic_write_bytes(tmp_path / "file.json", b"{}")
    assert recorder.renames() == 1
    assert recorder.folders_left_unsynced() == []
    assert ("fsync folder", file_id(tmp_path)) in recorder.events


def test_a_one_file_transaction_fsyncs_its_folder(seeded_store: Store,
                                                  recorder: Recorder) -> None:
    seeded_store.add_note(SEED_ID, "one file changes: notes.json")
    assert recorder.renames() >= 1
    assert recorder.folders_left_unsynced() == []


def test_a_two_file_transaction_fsyncs_both_folders_and_the_root(seeded_store: Store,
                                                                 recorder: Recorder) -> None:
    seeded_store.add_note(SEED_ID, "so that deleting the meeting changes two files")
    recorder.events.clear()
    seeded_store.delete_meeting(SEED_ID)  # its shard in meetings/ and notes.json in the root
    assert recorder.renames() >= 3  # the journal, then the two files
    assert recorder.folders_left_unsynced() == []
    shard_folder = file_id(next(iter(seeded_store.meeting_files())).parent)
    for folder in (file_id(seeded_store.root), shard_folder):
        assert ("fsync folder", folder) in recorder.events


def test_recovery_fsyncs_the_folders_it_renamed_into(seeded_store: Store,
                                                     recorder: Recorder) -> None:
    seeded_store.add_note(SEED_ID, "so that deleting the meeting changes two files")
    # The journal is written, then the first staged file's rename fails: recovery's work.
    recorder.fail_replace = lambda src: src.endswith(STAGED_SUFFIX)
    with pytest.raises(OSError):
        seeded_store.delete_meeting(SEED_ID)
    recorder.fail_replace = lambda src: False
    assert pending(seeded_store.root)
    recorder.events.clear()
    reopened = Store.open(seeded_store.root)
    assert not pending(seeded_store.root)
    assert not reopened.has_meeting(SEED_ID) and (seeded_store.root / NOTES_FILE).exists()
    assert recorder.renames() >= 2
    assert recorder.folders_left_unsynced() == []
