"""A repair cut short by a full disk or a kill never leaves a data file missing, and the
notes it salvages are never tidied away: the replacement is staged, the damaged bytes get
a second name, and only the commit swaps them."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.store.check import check_store, repair_store
from dossier.store.errors import WriteFailed
from dossier.store.layout import NOTES_FILE
from dossier.store.store import Store

from . import damage
from .conftest import Tally
from .helpers import REPO, SEED_ID

STRACE = shutil.which("strace")
REPAIR = ("import sys\nfrom dossier.tui.cli import main\n"
          "main(['--store', sys.argv[1], 'check', '--repair'], prog_name='dossier')")
KILL_SELF = """
import os, signal, sys
n = int(os.environ["KILL_AT"]); count = [0]; real = os.replace
def replace(*args, **kwargs):
    count[0] += 1
    if count[0] == n:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
os.replace = replace
"""


def _damaged_notes_store(root: Path, notes: int = 6) -> set[str]:
    """A store whose notes.json is cut short in its last note; the ids a repair salvages."""
    with Store.open(root) as store:
        ids = [store.add_note(SEED_ID, f"note {i}").id for i in range(notes)]
    damage.truncated_notes(root)
    return set(ids[:-1])


def _notes(root: Path) -> set[str]:
    with Store.open(root) as store:
        return {n.id for n in store.list_notes()}


def test_a_full_disk_during_repair_leaves_the_damaged_file_in_place(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tally: Tally) -> None:
    root = tmp_path / "store"
    salvageable = _damaged_notes_store(root)
    damaged_bytes = (root / NOTES_FILE).read_bytes()
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".staged.tmp"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(WriteFailed, match="No space left"):
        repair_store(root)
    monkeypatch.undo()
    # Not "ok (1 meeting, 0 notes)": the file is still there, still damaged.
    assert (root / NOTES_FILE).read_bytes() == damaged_bytes
    report = check_store(root)
    assert not report.ok and root / NOTES_FILE in report.damaged
    # Space is back: the same repair salvages every complete note.
    assert repair_store(root).after.ok
    assert _notes(root) == salvageable
    tally(repair_cases=1, full_disk_cases=1)


def test_a_damaged_copy_with_no_live_file_fails_check_and_repair_brings_it_back(
        tmp_path: Path, tally: Tally) -> None:
    root = tmp_path / "store"
    salvageable = _damaged_notes_store(root)
    os.rename(root / NOTES_FILE, root / f"{NOTES_FILE}.damaged-20260101T000000Z")
    report = check_store(root)
    assert not report.ok, "check said ok while the notes lived only in a damaged copy"
    assert any("only its damaged copy" in problem for problem in report.problems)
    assert repair_store(root).after.ok
    assert _notes(root) == salvageable
    tally(repair_cases=1)


def _repair_killed_at(root: Path, n: int) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    command = [sys.executable, "-c", REPAIR, str(root)]
    if STRACE:
        command = [STRACE, "-f", "-o", os.devnull, "-e",
                   f"inject=rename,renameat,renameat2:signal=KILL:when={n}", *command]
    else:
        env["KILL_AT"] = str(n)
        command[2] = KILL_SELF + REPAIR
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env,
                          timeout=120)


def test_a_repair_killed_at_any_rename_loses_no_note(tmp_path: Path, tally: Tally) -> None:
    base = tmp_path / "base"
    salvageable = _damaged_notes_store(base)
    kills = 0
    n = 0
    while True:
        n += 1
        root = tmp_path / f"kill-{n}"
        shutil.copytree(base, root, symlinks=True)
        result = _repair_killed_at(root, n)
        if result.returncode not in (-signal.SIGKILL, 128 + signal.SIGKILL):
            assert result.returncode == 0, result.stderr
            break
        kills += 1
        assert (root / NOTES_FILE).exists(), f"killed at rename #{n}: notes.json is missing"
        # The next command (any) tidies up; the repair, run again, finds every note.
        report = check_store(root)
        if report.ok:
            assert _notes(root) == salvageable, f"killed at rename #{n}"
        else:
            assert repair_store(root).after.ok, f"killed at rename #{n}"
            assert _notes(root) == salvageable, f"killed at rename #{n}"
        shutil.rmtree(root)
    assert kills >= 1
    print(f"repair faults: {kills} kills")
    tally(repair_cases=1, kills=kills)
