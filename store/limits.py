"""Size limits: a clear sentence instead of unbounded memory or a confusing failure.

The limits are generous for real use (a note the length of a long report, an import of
tens of thousands of meetings) and stop only input that would exhaust memory or time.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import RecordInvalid

#: Characters in one note; matches ``LongText`` in store.model (a test keeps them equal).
MAX_NOTE_CHARS = 2_000_000
#: Bytes in one file offered to import: parsed records cost ~3x their size in memory.
MAX_IMPORT_BYTES = 256 * 1024 * 1024
#: Nesting depth of JSON offered to import (orjson itself stops at 1,024).
MAX_JSON_DEPTH = 64

_SURROGATE = re.compile("[\ud800-\udfff]")


def _size(n: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


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


def check_import_file(path: Path) -> int:
    """The size of a file offered to import, or a one-sentence error if it is too big."""
    size = os.stat(path).st_size
    if size > MAX_IMPORT_BYTES:
        raise RecordInvalid(
            f"{path} is {_size(size)}, more than the {_size(MAX_IMPORT_BYTES)} dossier imports "
            f"at once; split it into smaller files"
        )
    return size


def json_depth(value: object, limit: int = MAX_JSON_DEPTH) -> int:
    """Nesting depth of parsed JSON, stopping early once ``limit`` is exceeded."""
    depth = 0
    level: list[object] = [value] if isinstance(value, (dict, list)) else []
    while level:
        depth += 1
        if depth > limit:
            return depth
        following: list[object] = []
        for item in level:
            if isinstance(item, dict):
                following.extend(v for v in item.values() if isinstance(v, (dict, list)))
            elif isinstance(item, list):
                following.extend(v for v in item if isinstance(v, (dict, list)))
        level = following
    return depth


def check_json_depth(value: object, where: str) -> None:
    """Refuse JSON nested deeper than any record needs (a record is about 5 levels deep)."""
    if json_depth(value) > MAX_JSON_DEPTH:
        raise RecordInvalid(
            f"{where} is nested more than {MAX_JSON_DEPTH} levels deep, deeper than any "
            f"meeting record; it is not a meeting record"
        )
