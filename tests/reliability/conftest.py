"""The ``tally`` fixture: reliability tests add counts, printed at the end of the run.

A test asks for ``tally`` and adds to it, e.g. ``tally(kills=52)``; see counts.py for how
the counts reach the summary (the hooks are registered by tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .counts import KEY

Tally = Callable[..., None]


@pytest.fixture
def tally(request: pytest.FixtureRequest) -> Tally:
    def add(**counts: int) -> None:
        request.node.user_properties.append((KEY, dict(counts)))

    return add
