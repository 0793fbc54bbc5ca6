"""A save that fails part-way (file size limit, injected ENOSPC/EIO) leaves the old file."""

from __future__ import annotations

import errno
import os
import resource
import signal
import subprocess
from pathlib import Path

import pytest

from dossier.store.errors import WriteFailed
from dossier.store.layout import NOTES_FILE
from dossier.store.storage import TEMP_SUFFIX
from dossier.store.store import Store

from .conftest import Tally
from .helpers import SEED_ID, python, run_dossier, sha256


def _store_with_notes(root: Path, count: int = 20) -> Store:
    store = Store.open(root)
    for i in range(count):
        store.add_note(SEED_ID, f"note {i} " + "x" * 200)
    return store


def _temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob(f"*{TEMP_SUFFIX}")]


def _limit_file_size(limit: int) -> None:
    # Ignore SIGXFSZ so that going over the limit makes write() fail with EFBIG, as a full
    # disk makes it fail with ENOSPC, instead of killing the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


IN_SUBPROCESS = """
import resource, signal, sys
from dossier.store.errors import WriteFailed
from dossier.store.store import Store
store = Store.open(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    store.add_note("@SEED@", "y" * 100_000)
except WriteFailed as exc:
    print(str(exc))
    sys.exit(3)
print("saved")
""".replace("@SEED@", SEED_ID)


def test_file_size_limit_in_a_subprocess_leaves_the_old_file(tmp_path: Path,
                                                             tally: Tally) -> None:
    root = tmp_path / "store"
    _store_with_notes(root).close()
    notes = root / NOTES_FILE
    before = sha256(notes)
    limit = notes.stat().st_size + 1_000  # the new file would be ~100 KB bigger
    proc = python(IN_SUBPROCESS, str(root), str(limit), stdout=subprocess.PIPE,
                  stderr=subprocess.PIPE)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 3, (out, err)
    message = out.strip()
    assert message == ("could not save notes.json (File too large); the previous version is "
                       "intact"), message
    assert "\n" not in message and "Traceback" not in err
    assert sha256(notes) == before
    assert _temp_files(root) == []
    with Store.open(root) as store:
        assert len(store.list_notes()) == 20
    tally(full_disk_cases=1)


def test_file_size_limit_on_the_real_command_line(tmp_path: Path, tally: Tally) -> None:
    root = tmp_path / "store"
    _store_with_notes(root).close()
    notes = root / NOTES_FILE
    before = sha256(notes)
    limit = notes.stat().st_size + 1_000
    result = run_dossier("--store", str(root), "note", "add", SEED_ID, "z" * 100_000,
                         preexec_fn=lambda: _limit_file_size(limit))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == ["dossier: could not save notes.json (File too large); the previous "
                     "version is intact"], result.stderr
    assert sha256(notes) == before and _temp_files(root) == []
    assert run_dossier("--store", str(root), "check").returncode == 0
    tally(full_disk_cases=1)


class _FailAfter:
    """os.write that writes ``budget`` bytes, then fails the way a full disk does."""

    def __init__(self, real: object, budget: int, code: int) -> None:
        self.real, self.budget, self.code, self.calls = real, budget, code, 0

    def __call__(self, fd: int, data: bytes | memoryview) -> int:
        self.calls += 1
        if self.budget <= 0:
            raise OSError(self.code, os.strerror(self.code))
        chunk = bytes(data[: self.budget])
        self.budget -= len(chunk)
        return self.real(fd, chunk)  # type: ignore[operator]


@pytest.mark.parametrize(("code", "reason"), [(errno.ENOSPC, "No space left on device"),
                                              (errno.EIO, "Input/output error")])
def test_injected_write_error_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  code: int, reason: str,
                                                  tally: Tally) -> None:
    store = _store_with_notes(tmp_path / "store")
    notes = store.root / NOTES_FILE
    before = sha256(notes)
    faulty = _FailAfter(os.write, budget=4096, code=code)
    monkeypatch.setattr(os, "write", faulty)
    with pytest.raises(WriteFailed) as caught:
        store.add_note(SEED_ID, "lost to a full disk " + "w" * 50_000)
    monkeypatch.undo()
    assert faulty.calls >= 2, "the fault must strike part-way through the write"
    assert str(caught.value) == f"could not save notes.json ({reason}); the previous version " \
                                f"is intact"
    assert sha256(notes) == before and _temp_files(store.root) == []
    # The store forgot its in-memory copy: the failed note is not there, the next one is.
    assert len(store.list_notes()) == 20
    saved = store.add_note(SEED_ID, "after the disk was freed")
    assert saved.id in {n.id for n in store.list_notes()} and len(store.list_notes()) == 21
    tally(full_disk_cases=1)


def test_injected_fsync_error_leaves_the_old_file(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  tally: Tally) -> None:
    store = _store_with_notes(tmp_path / "store")
    notes = store.root / NOTES_FILE
    before = sha256(notes)

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(WriteFailed, match="previous version is intact"):
        store.add_note(SEED_ID, "never durable")
    monkeypatch.undo()
    assert sha256(notes) == before and _temp_files(store.root) == []
    assert len(store.list_notes()) == 20
    tally(full_disk_cases=1)
