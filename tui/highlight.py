"""Search snippets on screen: plain text with the matched ranges styled, never markup."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from .text import printable_line

HIGHLIGHT_STYLE = "bold reverse"


def highlighted(snippet: str, highlights: Sequence[tuple[int, int]],
                style: str = HIGHLIGHT_STYLE) -> Text:
    """``snippet`` as a Rich Text with each [start, end) range styled.

    Each piece goes through :func:`printable_line` on its own and the style is applied with
    ``Text.stylize`` on the resulting offsets, so a control character that ``printable``
    widens cannot shift a highlight, and nothing in the data is read as markup.
    """
    text = Text()
    position = 0
    for start, end in sorted(highlights):
        start, end = max(start, position), min(end, len(snippet))
        if start >= end:
            continue
        text.append(printable_line(snippet[position:start]))
        begin = len(text)
        text.append(printable_line(snippet[start:end]))
        text.stylize(style, begin, len(text))
        position = end
    text.append(printable_line(snippet[position:]))
    return text
