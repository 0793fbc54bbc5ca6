"""Counts the reliability tests report, printed at the end of every run (also under xdist).

A test asks for the ``tally`` fixture and adds to it, e.g. ``tally(kills=52)``; the counts
travel to the controller in the test report's ``user_properties``, so they appear in CI
output even when the tests run in xdist workers with output captured.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest

KEY = "reliability"
_totals: Counter[str] = Counter()

Tally = Callable[..., None]


@pytest.fixture
def tally(request: pytest.FixtureRequest) -> Tally:
    def add(**counts: int) -> None:
        request.node.user_properties.append((KEY, dict(counts)))

    return add


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when != "call":
        return
    for name, counts in report.user_properties:
        if name == KEY:
            _totals.update(counts)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _totals:
        return
    line = " ".join(f"{key}={value}" for key, value in sorted(_totals.items()))
    terminalreporter.write_sep("-", "reliability counts")
    terminalreporter.write_line(f"reliability: {line}")
