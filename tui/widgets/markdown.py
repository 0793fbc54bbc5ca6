"""A note's text as Markdown on a terminal, safely.

Rich's Markdown never reads console markup (``[b]`` stays as typed), drops raw HTML, and
with ``hyperlinks=False`` shows a link as "text (url)" instead of a clickable escape
sequence; control characters are neutralised first, like every string from the store.
"""

from __future__ import annotations

from rich.console import RenderableType

from ..text import printable


def note_body(text: str) -> RenderableType:
    # rich.markdown (with markdown-it) costs ~45 ms to import: pay it when a note is first
    # shown, not at every start-up.
    from rich.markdown import Markdown

    return Markdown(printable(text), hyperlinks=False, justify="left")
