"""Reading a statement costs time linear in its length, whatever it is made of.

A 64 KB statement of "Mr. " once took 40 s (each sentence cut re-read everything since
the last cut). Each shape is read at two sizes, four times apart: linear work takes about
4× as long, quadratic about 16×. The bound (8×) only separates the two; no absolute time is
asserted. Each size is timed by ``tests/cpu_time.py`` (this thread's CPU, collector off, best of
three): wall time on a loaded machine failed this test at load 6 on 2 cores while the
work was linear.
"""

from __future__ import annotations

import random

import pytest

from dossier.store.extract import extract
from dossier.store.extract.spans import split

from ..cpu_time import best_cpu_seconds

SMALL = 12 * 1024
GROWTH = 4
BOUND = 8.0


def _words(seed: int) -> str:
    rng = random.Random(seed)
    vocabulary = ["Minister", "Mr.", "and", "the", "talks", "Lavrov", "U.S.", "e.g.", "A.",
                  "will", "discuss", "Council", "\n", "\n\n", ";", "Dr.", "No.", "x"]
    return " ".join(rng.choice(vocabulary) for _ in range(400))


SHAPES = {
    "minister-spaces": "Minister  ",
    "mr-dot": "Mr. ",
    "initials": "A. B. ",
    "short-lines": "a line\nB ",
    "and-clauses": "the ministers and the envoys will discuss and ",
    "random-words": _words(7),
}


def _best_of_three(function, text: str) -> float:  # noqa: ANN001 - any reader of text
    return best_cpu_seconds(lambda: function(text))


def _sized(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("reader", [split, extract], ids=["split", "extract"])
def test_four_times_the_text_costs_about_four_times_the_time(shape: str, reader) -> None:  # noqa: ANN001
    unit = SHAPES[shape]
    reader(_sized(unit, 1024))  # warm up: compiled patterns, the gazetteer
    small = _best_of_three(reader, _sized(unit, SMALL))
    large = _best_of_three(reader, _sized(unit, SMALL * GROWTH))
    ratio = large / max(small, 1e-4)
    print(f"linear: {reader.__name__} {shape} {small * 1000:.1f} ms -> "
          f"{large * 1000:.1f} ms ({ratio:.1f}x for {GROWTH}x the text)")
    assert ratio <= BOUND, f"{shape}: {GROWTH}x the text took {ratio:.1f}x the time"
