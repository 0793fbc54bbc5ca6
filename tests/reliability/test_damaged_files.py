"""Damaged store files: the real `dossier` refuses each with one sentence and changes nothing.

Every case is run through `list`, `show`, `check` and a write (`note add`) of the real
command in subprocesses: exit code 1, exactly one line on stderr that names the file, the
problem and what to do, and every file of the store unchanged byte for byte.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from dossier.store.store import Store

from .conftest import Tally
from .damage import ADVICE, CASES, Damage, unreadable
from .helpers import SEED_ID, fingerprints, run_dossier

READS = (("list",), ("show", SEED_ID), ("check",))
WRITE = ("note", "add", SEED_ID, "lost?")
#: A write is tried on a sample of the cases (each kind of damage: file, record, version,
#: notes, link) to keep the suite's subprocess count down; the app test tries all of them.
WRITE_CASES = {"truncated", "missing-nested-field", "duplicate-ids", "newer-record",
               "empty-notes", "symlink", "unreadable"}


def make_store(root: Path) -> Path:
    with Store.open(root) as store:
        store.add_note(SEED_ID, "an earlier note")  # notes.json and today's backup exist
    return root


#: Damage the meeting list does not read: a nested field is validated when the meeting is
#: opened (validating every record in full would cost seconds on a large store), so `list`
#: still shows the good summaries and every command that opens the record refuses it.
LIST_STILL_WORKS = {"missing-nested-field", "wrong-nested-type"}


def assert_refused(root: Path, damaged: Path, case: str, preexec: object = None,
                   prefix: tuple[str, ...] = ()) -> int:
    before = fingerprints(root.parent)
    advice = ADVICE.get(case, "dossier check --repair")

    def run(command: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
        return run_dossier("--store", str(root), *command, preexec_fn=preexec, prefix=prefix)

    commands = READS + ((WRITE,) if case in WRITE_CASES else ())
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(run, commands))
    for command, result in zip(commands, results, strict=True):
        where = f"{case}: dossier {' '.join(command[:2])}"
        if case in LIST_STILL_WORKS and command == ("list",):
            assert result.returncode == 0 and SEED_ID in result.stdout, result.stderr
            continue
        assert result.returncode == 1, f"{where}: exit {result.returncode}\n{result.stderr}"
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, f"{where}: not one line:\n{result.stderr}"
        line = lines[0]
        assert line.startswith("dossier: ") and "Traceback" not in line, f"{where}: {line}"
        assert str(damaged) in line, f"{where}: does not name {damaged}: {line}"
        assert advice in line, f"{where}: does not say what to do ({advice}): {line}"
    assert fingerprints(root.parent) == before, f"{case}: a file changed"
    return len(results)


@pytest.mark.parametrize("case", sorted(CASES))
def test_damaged_file_is_refused_and_left_unchanged(case: str, tmp_path: Path,
                                                    tally: Tally) -> None:
    root = make_store(tmp_path / "store")
    damage: Damage = CASES[case]
    damaged = damage(root)
    runs = assert_refused(root, damaged, case)
    tally(damaged_file_cases=1, damaged_file_runs=runs)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temp dir another user can reach (pytest's own is 0700 and root's)."""
    path = Path(tempfile.mkdtemp(prefix="dossier-perm-"))
    os.chmod(path, 0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _without_read_override() -> tuple[tuple[str, ...], object] | None:
    """How to run `dossier` so that file permissions bind: as nobody, or as root without
    the capabilities that let root read any file; None when neither is possible."""
    try:
        nobody = pwd.getpwnam("nobody")

        def as_nobody() -> None:
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)

        if run_dossier("--version", preexec_fn=as_nobody).returncode == 0:
            return (), as_nobody
    except (KeyError, OSError):
        pass  # no such user, or the installed command is not reachable for it
    setpriv = shutil.which("setpriv")
    if setpriv:
        prefix = (setpriv, "--bounding-set", "-dac_override,-dac_read_search")
        if run_dossier("--version", prefix=prefix).returncode == 0:
            return prefix, None
    return None


def test_unreadable_file_is_refused_and_left_unchanged(shared_tmp: Path,
                                                       tally: Tally) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to run the command as another user who cannot read the file")
    how = _without_read_override()
    if how is None:
        pytest.skip("cannot drop privileges here (no usable 'nobody' user, no setpriv)")
    prefix, preexec = how
    root = make_store(shared_tmp / "store")
    if preexec is not None:
        nobody = pwd.getpwnam("nobody")
        for path in [root, *root.rglob("*")]:
            os.chown(path, nobody.pw_uid, nobody.pw_gid, follow_symlinks=False)
    damaged = unreadable(root)
    runs = assert_refused(root, damaged, "unreadable", preexec=preexec, prefix=prefix)
    tally(damaged_file_cases=1, damaged_file_runs=runs)


def test_stale_lock_from_a_dead_process_does_not_block(tmp_path: Path, tally: Tally) -> None:
    """filelock uses flock(2): the kernel drops a dead holder's lock, the file stays."""
    root = make_store(tmp_path / "store")
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time\nfrom filelock import FileLock\n"
         "lock = FileLock(sys.argv[1]); lock.acquire(); print('held', flush=True)\n"
         "time.sleep(600)", str(root / ".lock")],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    holder.kill()  # SIGKILL: no chance to release or delete anything
    holder.wait()
    assert (root / ".lock").exists(), "the stale lock file is still there"
    result = run_dossier("--store", str(root), "note", "add", SEED_ID, "after the holder died",
                         timeout=30)
    assert result.returncode == 0, result.stderr
    notes = [n.text for n in Store.open(root).list_notes(SEED_ID)]
    assert "after the holder died" in notes
    assert run_dossier("--store", str(root), "check").returncode == 0
    tally(damaged_file_cases=1, damaged_file_runs=2)
