"""Old home of the dialogs: their names, for callers not moved to :mod:`tui.dialogs` yet.

Holds no code of its own; remove it once nothing imports ``dossier.tui.editors``.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    from . import dialogs  # resolved on use, like the dialogs themselves

    return getattr(dialogs, name)
