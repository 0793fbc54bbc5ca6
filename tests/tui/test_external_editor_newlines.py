"""Text handed to $EDITOR comes back with the user's line endings: \\r\\n stays \\r\\n."""

from __future__ import annotations

from dossier.tui.dialogs.external import edit_text

APPEND = ["sh", "-c", 'printf "three" >> "$0"']
UNIX_END = ["sh", "-c", 'printf "\\n" >> "$0"']
DOS_END = ["sh", "-c", 'printf "\\r\\n" >> "$0"']


def test_crlf_lines_the_editor_did_not_touch_stay_crlf() -> None:
    assert edit_text("one\r\ntwo\r\n", APPEND) == "one\r\ntwo\r\nthree"


def test_the_final_newline_an_editor_adds_is_not_a_change() -> None:
    assert edit_text("one\r\ntwo", UNIX_END) == "one\r\ntwo"
    assert edit_text("one\r\ntwo", DOS_END) == "one\r\ntwo"
    assert edit_text("one\ntwo\n", UNIX_END) == "one\ntwo\n\n"
