"""Text from data, made safe to put on a terminal.

Data is never markup and never terminal codes: every string that comes from the store or an
import passes through :func:`printable` before it is shown, and is put on screen as a Rich
``Text`` (never parsed as markup).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

# C0 controls except tab and newline, DEL, C1 controls (0x9b is CSI, 0x9d OSC and 0x9c ST
# on terminals that take 8-bit controls), the bidi embedding/override/isolate characters and
# the invisible direction marks that can reorder what a terminal shows (Trojan Source), the
# Unicode line and paragraph separators (str.splitlines() and some terminals break lines on
# them), the deprecated format controls and the interlinear annotation characters.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u206f\ufff9-\ufffb]"
)


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
    # Imported here: the command line uses printable() on paths that print no Rich text
    # (`--version`, `--json`), and Rich costs ~30 ms to import (issue 16).
    from rich.text import Text

    return Text(printable(value), style=style)


def index_progress_text(done: int, total: int) -> str:
    """How far an index build is, e.g. "42% indexed (108 of 256 files)"."""
    if done >= total:
        return f"all {total:,} files read, finishing the index"
    return f"{100 * done // total}% indexed ({done:,} of {total:,} files)"
