"""store.lockfile: the store's write lock, a flock taken without importing filelock, must
exclude and be excluded by filelock's own lock on the same file (another process, or an
older dossier, uses that), be re-entrant, time out, and be dropped when its holder dies."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

from dossier.store.lockfile import FlockLock, LockTimeout, file_lock

HOLD = """
import sys, time
from filelock import FileLock
lock = FileLock(sys.argv[1]); lock.acquire(); print("held", flush=True); time.sleep(60)
"""


def test_it_and_filelock_exclude_each_other_in_one_process(tmp_path: Path) -> None:
    path = tmp_path / ".lock"
    ours = file_lock(path, timeout=1)
    assert isinstance(ours, FlockLock)
    with ours.acquire(timeout=0):
        assert ours.is_locked
        with pytest.raises(Timeout):
            FileLock(str(path)).acquire(timeout=0)
    assert not ours.is_locked
    theirs = FileLock(str(path))
    with theirs.acquire(timeout=0):
        with pytest.raises(LockTimeout):
            ours.acquire(timeout=0.2)  # a wait that runs out
        assert not ours.is_locked
    with ours.acquire(timeout=0):
        pass


def test_a_killed_holder_leaves_the_lock_free_and_the_file_in_place(tmp_path: Path) -> None:
    path = tmp_path / ".lock"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(LockTimeout):
            FlockLock(path, timeout=0).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    lock = FlockLock(path, timeout=0)
    with lock.acquire():
        assert path.exists()


def test_it_is_reentrant_and_released_by_the_last_release(tmp_path: Path) -> None:
    path = tmp_path / ".lock"
    lock, other = FlockLock(path, timeout=0), FlockLock(path, timeout=0)
    lock.acquire()
    with lock:  # a second acquire of the same lock
        assert lock.is_locked
    assert lock.is_locked
    with pytest.raises(LockTimeout):
        other.acquire()
    lock.release()
    assert not lock.is_locked
    with other.acquire():
        assert other.is_locked
    lock.release()  # one release too many does nothing


def test_the_lock_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / ".lock"
    with FlockLock(path, timeout=0).acquire():
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_the_filelock_fallback_has_the_same_face(tmp_path: Path) -> None:
    # Where there is no fcntl (Windows) the store locks through filelock behind the same
    # methods; it runs here too, against the flock taken by this module.
    from dossier.store.lockfile import _FileLock

    path = tmp_path / ".lock"
    fallback = _FileLock(path, timeout=0)
    with fallback.acquire():
        assert fallback.is_locked
        with pytest.raises(LockTimeout):
            FlockLock(path, timeout=0).acquire()
    assert not fallback.is_locked
    with FlockLock(path, timeout=0).acquire(), pytest.raises(LockTimeout):
        fallback.acquire(timeout=0)
    with fallback:
        assert fallback.is_locked
