"""Dialogs: the note editor, confirmations, choices and record forms.

The screens are loaded on first use (PEP 562 ``__getattr__``): importing the package, as
the app does at start-up, costs nothing until a key opens an editor.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ConfirmScreen": "confirm",
    "ITEM_FORMS": "forms",
    "ItemForm": "forms",
    "MeetingForm": "forms",
    "item_form": "forms",
    "NoteEditorScreen": "note_editor",
    "PickScreen": "pick",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
