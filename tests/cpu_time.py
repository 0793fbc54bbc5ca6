"""The one way our growth checks time an operation: the best of a few runs, in this
thread's CPU time, with the garbage collector off.

Wall time counts other processes' slices (a loaded CI machine once made linear work look
57x for 10x the size); the process's CPU time also counts threads left by earlier tests;
and a full collection walks the whole test process's heap, which the bigger run triggers
more often (52x in CI, where the same work measured here gives 10x). Only ratios between
two sizes are asserted, never an absolute time.

An operation shorter than BATCH_SECONDS is timed in a batch of calls that lasts about that
long: one 0.3 ms call measured alone made a linear reader look 8.2x for 4x the text once in
CI (a ratio of two tiny figures, either of them disturbed by one preemption).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

BATCH_SECONDS = 0.02


def best_cpu_seconds(operation: Callable[[], object], repeats: int = 3) -> float:
    """The best of ``repeats`` timings of one call, in seconds of this thread's CPU."""
    gc.collect()
    gc.disable()
    try:
        started = time.thread_time()
        operation()
        once = time.thread_time() - started
        calls = max(1, min(1000, int(BATCH_SECONDS / max(once, 1e-6))))
        best = once if calls == 1 else float("inf")
        for _ in range(repeats):
            started = time.thread_time()
            for _ in range(calls):
                operation()
            best = min(best, (time.thread_time() - started) / calls)
        return best
    finally:
        gc.enable()
