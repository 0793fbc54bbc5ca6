"""A note's text as Markdown on a terminal, safely.

Rich's Markdown never reads console markup (``[b]`` stays as typed), drops raw HTML, and
with ``hyperlinks=False`` shows a link as "text (url)" instead of a clickable escape
sequence; control characters are neutralised first, like every string from the store.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.markdown import Markdown

from ..text import printable


def note_body(text: str) -> RenderableType:
    return Markdown(printable(text), hyperlinks=False, justify="left")
