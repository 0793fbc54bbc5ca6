"""The one way our growth checks time an operation: the best of a few runs, in this
thread's CPU time, with the garbage collector off.

Wall time counts other processes' slices (a loaded CI machine once made linear work look
57x for 10x the size); the process's CPU time also counts threads left by earlier tests;
and a full collection walks the whole test process's heap, which the bigger run triggers
more often (52x in CI, where the same work measured here gives 10x). Only ratios between
two sizes are asserted, never an absolute time.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def best_cpu_seconds(operation: Callable[[], object], repeats: int = 3) -> float:
    gc.collect()
    gc.disable()
    try:
        best = float("inf")
        for _ in range(repeats):
            started = time.thread_time()
            operation()
            best = min(best, time.thread_time() - started)
        return best
    finally:
        gc.enable()
