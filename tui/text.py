"""Text from data, made safe to put on a terminal.

Data is never markup and never terminal codes: every string that comes from the store or an
import passes through :func:`printable` before it is shown, and is put on screen as a Rich
``Text`` (never parsed as markup).
"""

from __future__ import annotations

import re

from rich.text import Text

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding/override/
# isolate characters that can reorder what a terminal shows (Trojan Source).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture", e.g. ␛ for ESC
    if code == 0x7F:
        return "\u2421"
    return f"\\u{code:04x}"


def printable(value: object) -> str:
    """``value`` as a string with every control sequence neutralised (shown, not obeyed)."""
    return _UNSAFE.sub(_visible, str(value))


def printable_line(value: object) -> str:
    """Like :func:`printable`, on one line: newlines and tabs become spaces."""
    return printable(value).replace("\r", " ").replace("\n", " ").replace("\t", " ")


def literal(value: object, style: str = "") -> Text:
    """A Rich ``Text`` that shows ``value`` exactly, brackets and all."""
    return Text(printable(value), style=style)
