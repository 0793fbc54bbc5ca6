"""tui.text: every control character a terminal could obey is shown, never sent."""

from __future__ import annotations

import pytest
from rich.text import Text

from dossier.tui.text import index_progress_text, literal, printable, printable_line


@pytest.mark.parametrize(("raw", "shown"), [
    ("\x00", "\u2400"), ("\x08", "\u2408"), ("\x1b[31m", "\u241b[31m"), ("\x1f", "\u241f"),
    ("\x0b\x0c\r", "\u240b\u240c\u240d"),
    ("\x7f", "\u2421"),
    ("\x80", "\\u0080"), ("\x9b", "\\u009b"), ("\x9f", "\\u009f"),
    ("\u061c", "\\u061c"), ("\u200e\u200f", "\\u200e\\u200f"), ("\u2028\u2029", "\\u2028\\u2029"),
    ("\u202a\u202e", "\\u202a\\u202e"), ("\u2066\u206f", "\\u2066\\u206f"),
    ("\ufff9\ufffb", "\\ufff9\\ufffb"),
])
def test_unsafe_characters_are_shown_as_pictures_or_escapes(raw: str, shown: str) -> None:
    assert printable(raw) == shown


@pytest.mark.parametrize("kept", [
    "tab\there", "two\nlines", " ~", "\xa0\xa0", "\u200d", "\u2027\u202f", "\u2065\u2070",
    "\ufff8\ufffc", "Lavróv [bold]x[/bold]",
])
def test_safe_text_is_kept_as_it_is(kept: str) -> None:
    assert printable(kept) == kept


def test_printable_takes_any_value() -> None:
    assert printable(42) == "42"
    assert printable(None) == "None"


def test_printable_line_puts_everything_on_one_line() -> None:
    assert printable_line("a\tb\nc\rd") == "a b c\u240dd"
    assert printable_line("a\r\nb") == "a\u240d b"


def test_literal_is_text_not_markup() -> None:
    shown = literal("[red]x[/red]\x1b", style="bold")
    assert isinstance(shown, Text)
    assert shown.plain == "[red]x[/red]\u241b"
    assert str(shown.style) == "bold"
    assert literal("x").style == ""


@pytest.mark.parametrize(("done", "total", "said"), [
    (0, 256, "0% indexed (0 of 256 files)"),
    (108, 256, "42% indexed (108 of 256 files)"),
    (255, 256, "99% indexed (255 of 256 files)"),
    (1234, 5000, "24% indexed (1,234 of 5,000 files)"),
    (256, 256, "all 256 files read, finishing the index"),
    (3000, 2000, "all 2,000 files read, finishing the index"),
])
def test_index_progress_text(done: int, total: int, said: str) -> None:
    assert index_progress_text(done, total) == said
