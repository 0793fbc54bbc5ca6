"""The index's side of the second process that reads meeting shards for big builds.

Reading a shard and building its rows is pure Python, ~26 s of a 100k-meeting build. In a
thread it only took turns with the inserts for the GIL: the build used one core. Here it
runs in a child process (``python -m dossier.store.index_worker``, which imports the index:
this module must not, nor be imported by that one) that answers, on its stdout, one
pickled ``store.index._Shard`` per request read from its stdin, in order;
the index asks up to a batch of shards ahead of the one it inserts, so the child reads the
next batch while the index writes this one's rows and commits.

Anything that goes wrong with the child (it cannot start, dies, sends what does not
unpickle) raises :class:`WorkerGone`; the index then prepares the shards itself, as
before, so a build never depends on the second process. The pipe carries only our own
pickles between two processes of the same user.
"""

from __future__ import annotations

import contextlib
import pickle
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .layout import FileKey

#: Python 3.11's -P: the working directory is not put first on the child's sys.path, so a
#: folder named "dossier" there (a user's own) cannot stand in for this package.
SAFE_PATH = ["-P"] if sys.version_info >= (3, 11) else []
#: Seconds to wait for the child to finish after its stdin closes, before killing it.
CLOSE_TIMEOUT_S = 5.0


class WorkerGone(Exception):
    """The child process is not there to answer (the caller prepares shards itself)."""


@dataclass(frozen=True)
class _Gone:
    reason: str


class ShardWorker:
    """The child process, and a thread that unpickles its answers in order."""

    def __init__(self, root: Path) -> None:
        self.root = root
        try:
            self._proc: subprocess.Popen[bytes] | None = subprocess.Popen(
                [sys.executable, *SAFE_PATH, "-m", "dossier.store.index_worker", str(root)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError as exc:
            raise WorkerGone(str(exc)) from None
        # Answers are unpickled as they come, so the child is never blocked on a full pipe
        # while the index is busy writing a batch; the index bounds how many it asks ahead.
        self._answers: queue.SimpleQueue[Any] = queue.SimpleQueue()
        assert self._proc.stdout is not None
        self._reader = threading.Thread(target=self._read_answers, name="index-worker",
                                        args=(self._proc.stdout,), daemon=True)
        self._reader.start()

    def submit(self, name: str, key: FileKey | None, known: dict[str, str]) -> None:
        """Ask for one shard, prepared against ``known`` (id -> digest already indexed)."""
        proc = self._running()
        try:
            assert proc.stdin is not None
            pickle.dump((name, key, known), proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            proc.stdin.flush()
        except (OSError, ValueError) as exc:
            self.close()
            raise WorkerGone(str(exc)) from None

    def result(self) -> Any:
        """The oldest request's shard, a ``store.index._Shard`` (blocks until the child
        has sent it), or None when the child could not prepare that one: preparing it
        in process then raises the same error, or (a fault of the child's own, such as
        memory) succeeds."""
        self._running()
        answer = self._answers.get()
        if isinstance(answer, _Gone):
            self.close()
            raise WorkerGone(answer.reason)
        return answer

    def _read_answers(self, stdout: IO[bytes]) -> None:
        while True:
            try:
                self._answers.put(pickle.load(stdout))
            except Exception as exc:  # EOF, a truncated or foreign pickle: all mean "gone"
                self._answers.put(_Gone(f"{type(exc).__name__}: {exc}"))
                return

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        with contextlib.suppress(OSError, ValueError):
            assert proc.stdin is not None
            proc.stdin.close()
        try:
            proc.wait(CLOSE_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        self._reader.join(CLOSE_TIMEOUT_S)  # it ends at the pipe's EOF
        if proc.stdout is not None:
            proc.stdout.close()

    def _running(self) -> subprocess.Popen[bytes]:
        if self._proc is None:
            raise WorkerGone("the worker was closed")
        return self._proc

    def __enter__(self) -> ShardWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
