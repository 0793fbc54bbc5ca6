"""Size limits on what a user writes: a clear sentence instead of a confusing failure.

The limits are generous for real use (a note the length of a long report) and stop only
input that would exhaust memory or could not be stored as given. Files offered to
``dossier import`` have their own limits in store.importer (size checked by ``stat`` before
reading; nesting bounded by orjson), tested in tests/reliability/test_limits.py.
"""

from __future__ import annotations

import re

from .errors import RecordInvalid

#: Characters in one note; matches ``LongText`` in store.model (a test keeps them equal).
MAX_NOTE_CHARS = 2_000_000

_SURROGATE = re.compile("[\ud800-\udfff]")


def check_note_text(text: str) -> None:
    """Refuse a note the store cannot keep exactly as given, in one sentence."""
    if not isinstance(text, str):
        raise RecordInvalid(f"note: text must be text, not {type(text).__name__}")
    if len(text) > MAX_NOTE_CHARS:
        raise RecordInvalid(
            f"note: text is too long ({len(text):,} characters, at most {MAX_NOTE_CHARS:,}); "
            f"split it into several notes"
        )
    bad = _SURROGATE.search(text)
    if bad is not None:
        # Unpaired surrogates cannot be written as UTF-8, so the note could not be saved.
        raise RecordInvalid(
            f"note: text has an unpaired surrogate U+{ord(bad.group()):04X} at character "
            f"{bad.start():,}, which cannot be stored; remove it"
        )
