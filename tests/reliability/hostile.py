"""Hostile strings and the check that a rendering shows them without obeying them."""

from __future__ import annotations

import re

HOSTILE: dict[str, str] = {
    "markup-bold": "[bold]loud[/bold] and [/] and [red on black]x",
    "markup-link": "[link=https://evil.example]click me[/link]",
    "markup-click": "[@click=app.quit]x[/]",
    "markup-escaped": "\\[not markup] \\\\[x] [/not-a-tag]",
    "emoji-code": ":smile: :warning:",
    "ansi-colour": "\x1b[31mred\x1b[0m",
    "ansi-cursor": "line\x1b[2A\x1b[2K\x1b[10;10Hmoved\x1b[2J\x1b[?1049h",
    "osc52-clipboard": "\x1b]52;c;ZXZpbCBwYXlsb2Fk\x07 clipboard",
    "osc8-link": "\x1b]8;;https://evil.example\x1b\\innocent\x1b]8;;\x1b\\",
    "osc-title": "\x1b]0;pwned title\x07",
    "c1-controls": "\x9b31mred\x9b0m \x9d52;c;eA==\x9c \x85nel",
    "c0-controls": "bell\x07 back\x08 nul\x00 cr\rover del\x7f vt\x0b ff\x0c",
    "bidi": "\u202eexe.evil\u202c \u2066iso\u2069 \u200fmark\u061c \u200e",
    "zero-width": "a\u200bb\u200cc\u200dd\u2060e\ufeff",
    "separators": "one\u2028two\u2029three",
    "emoji": "\U0001f469\u200d\U0001f469\u200d\U0001f467 \U0001f1fa\U0001f1f3 \U0001f91d\U0001f3fd",
    "combining": "Z" + "\u0336\u0335\u0334" * 50,
    "scripts": ("\u0645\u0631\u062d\u0628\u0627 \u4f1a\u8bae "
                "\u0412\u0441\u0442\u0440\u0435\u0447\u0430"),
    "tabs-newlines": "a\tb\nc\n\n\nd",
}

# What must never reach a terminal from data: C0 controls but tab and newline, DEL, C1,
# bidi controls and marks, line/paragraph separators.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                    "\u202a-\u202e\u2066-\u2069]")
_SGR = re.compile("\x1b\\[[0-9;]*m")


def unsafe_in(output: str, styled: bool = False) -> list[str]:
    """Control characters in ``output``; with ``styled``, Rich's own SGR colour codes are
    allowed (data cannot forge them: its ESC is shown as ␛), nothing else."""
    if styled:
        output = _SGR.sub("", output)
    return sorted({f"U+{ord(c):04X}" for c in UNSAFE.findall(output)})


def one_line_fragments(value: str) -> list[str]:
    """Parts of a hostile value that a literal rendering must show as they are."""
    from dossier.tui.text import printable

    shown = printable(value)
    return [part for part in re.split(r"[\n\t]", shown) if part.strip()]
