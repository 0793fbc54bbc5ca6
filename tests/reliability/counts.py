"""The reliability counts, printed at the end of every run (also under xdist).

Tests add to them through the ``tally`` fixture (tests/reliability/conftest.py). The counts
travel to the controller in each test report's ``user_properties``, so they appear in CI
output even when xdist workers run the tests with output captured. These hooks are imported
by tests/conftest.py, which the controller always loads.
"""

from __future__ import annotations

from collections import Counter

import pytest

KEY = "reliability"
_totals: Counter[str] = Counter()


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
