"""The app's editing keys and its watch on other writers (mixins of DossierApp).

The editors themselves are in :mod:`tui.dialogs`; their names are still found here for
callers that have not moved yet.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    from .. import dialogs

    return getattr(dialogs, name)
