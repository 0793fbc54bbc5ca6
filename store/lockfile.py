"""The store's cross-process locks: an exclusive flock(2) on a lock file.

The project's locking library is filelock, and it still locks where ``fcntl`` is missing
(Windows). Where it is present, this module takes the same lock itself: importing
filelock 4 costs 35-55 ms on a quiet machine (inspect, logging, secrets, urllib.parse,
…), a quarter of the 0.15 s a write such as `dossier note add` may take from start to
exit (issue 16), and the POSIX lock it takes is one system call in a polling loop.

It is filelock's own Unix protocol: an exclusive, non-blocking ``flock`` on a file opened
for this acquire, polled until the timeout, which the kernel drops when the holder dies
(the file stays). So a ``filelock.FileLock`` on the same file, in another process or in
this one, excludes this lock and is excluded by it (tests/store/test_lockfile.py).
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from abc import ABC, abstractmethod
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: filelock takes the lock
    fcntl = None  # type: ignore[assignment]

#: How often a waiting acquire tries again (filelock's default).
POLL_INTERVAL_S = 0.05
# Some file systems report contention as EACCES.
_CONTENTION = frozenset({errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES})


class LockTimeout(TimeoutError):
    """The lock was not had within the timeout."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"the lock {path} is held by another process")
        self.path = path


class Lock(Protocol):
    """What the store asks of a lock (both kinds below)."""

    @property
    def is_locked(self) -> bool: ...

    def acquire(self, timeout: float | None = None) -> _Held: ...

    def release(self) -> None: ...


class _Held:
    """What ``acquire`` returns: ``with lock.acquire(timeout=0):`` releases at the end."""

    def __init__(self, lock: Lock) -> None:
        self._lock = lock

    def __enter__(self) -> Lock:
        return self._lock

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._lock.release()


class _Acquired(ABC):
    """``with lock:`` acquires with the lock's own timeout and releases at the end."""

    @abstractmethod
    def acquire(self, timeout: float | None = None) -> _Held: ...

    @abstractmethod
    def release(self) -> None: ...

    def __enter__(self) -> _Acquired:
        self.acquire()
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.release()


class FlockLock(_Acquired):
    """An exclusive flock on ``path``, re-entrant (each acquire wants a release), shared by
    every thread of the process; callers serialize their own acquires and releases (the
    store holds its mutex around them)."""

    def __init__(self, path: Path, timeout: float, mode: int = 0o600) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self.mode = mode
        self._fd: int | None = None
        self._depth = 0

    @property
    def is_locked(self) -> bool:
        return self._fd is not None

    def acquire(self, timeout: float | None = None) -> _Held:
        """Take the lock within ``timeout`` seconds (default: the lock's; 0: one try), or
        raise :class:`LockTimeout`. PermissionError when the lock file cannot be opened
        for writing (a read-only store)."""
        if self._fd is not None:
            self._depth += 1
            return _Held(self)
        wait = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + wait
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, self.mode)
            with contextlib.suppress(PermissionError):  # a lock file of another owner
                os.fchmod(fd, self.mode)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                os.close(fd)
                if exc.errno not in _CONTENTION:
                    raise
                if time.monotonic() >= deadline:
                    raise LockTimeout(self.path) from None
                time.sleep(POLL_INTERVAL_S)
                continue
            self._fd, self._depth = fd, 1
            return _Held(self)

    def release(self) -> None:
        """Let go of one acquire; the lock itself when the last one is released."""
        if self._fd is None:
            return
        self._depth -= 1
        if self._depth > 0:
            return
        fd, self._fd = self._fd, None
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


class _FileLock(_Acquired):
    """filelock's lock behind the same face, where there is no ``fcntl``."""

    def __init__(self, path: Path, timeout: float, mode: int = 0o600) -> None:
        from filelock import FileLock

        self.path = Path(path)
        self._lock: Any = FileLock(str(path), timeout=timeout, thread_local=False, mode=mode)

    @property
    def is_locked(self) -> bool:
        return bool(self._lock.is_locked)

    def acquire(self, timeout: float | None = None) -> _Held:
        from filelock import Timeout

        try:
            self._lock.acquire(timeout=timeout)
        except Timeout:
            raise LockTimeout(self.path) from None
        return _Held(self)

    def release(self) -> None:
        self._lock.release()


def file_lock(path: Path, timeout: float, mode: int = 0o600) -> FlockLock | _FileLock:
    """The lock on ``path``: a flock taken here where ``fcntl`` is, filelock's elsewhere."""
    if fcntl is not None:
        return FlockLock(path, timeout, mode)
    return _FileLock(path, timeout, mode)  # pragma: no cover - Windows
