"""The issue's "must show", end to end: the real `dossier` in tmux, then the real CLI.

n, type a note, ctrl+s, q; `dossier note list ID --json` has it; start again, 4 shows it;
d, y removes it; u brings it back.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SEED_ID, RunDossier
from tests.e2e.notes_tmux import AppInTmux, needs_tmux, wait_until

NOTE = "Follow up with the #nrc secretariat [b]literally[/b]"


def cli_notes(run_dossier: RunDossier, store: Path) -> list[dict[str, object]]:
    result = run_dossier("--store", str(store), "note", "list", SEED_ID, "--json",
                         check=True)
    return json.loads(result.stdout)


@needs_tmux
def test_add_a_note_then_delete_and_undo_it_in_the_real_app(
        tmp_path: Path, run_dossier: RunDossier) -> None:
    store = tmp_path / "T"
    run_dossier("init", str(store), check=True)

    app = AppInTmux(store, tmp_path)
    try:
        app.wait_for_seed_meeting()
        app.keys("n")
        app.wait_for_text("New note on meeting: NATO-Russia Council")
        app.type(NOTE)
        app.wait_for_text("#nrc secretariat")
        app.keys("C-s")
        app.wait_for_text("Note saved.")
        app.keys("q")
        assert app.wait_for_exit() == 0
    finally:
        app.close()

    notes = cli_notes(run_dossier, store)
    assert [(n["text"], n["target"], n["tags"]) for n in notes] == [(NOTE, "meeting", ["nrc"])]

    app = AppInTmux(store, tmp_path)
    try:
        app.wait_for_seed_meeting()
        app.keys("4")
        screen = app.wait_for_text("#nrc secretariat")
        assert "[b]literally[/b]" in screen  # shown as typed, never as markup
        app.keys("d")
        app.wait_for_text("Delete the note")
        app.keys("y")
        app.wait_for(lambda s: "#nrc secretariat" not in s, "the note to disappear")
        wait_until(lambda: cli_notes(run_dossier, store) == [], "the note to be deleted")
        app.keys("u")
        app.wait_for_text("#nrc secretariat")
        wait_until(lambda: cli_notes(run_dossier, store) == notes, "the note to come back")
        app.keys("q")
        assert app.wait_for_exit() == 0
    finally:
        app.close()


@needs_tmux
def test_ctrl_e_hands_the_note_to_editor_and_back(tmp_path: Path,
                                                  run_dossier: RunDossier) -> None:
    store = tmp_path / "T"
    run_dossier("init", str(store), check=True)
    editor = tmp_path / "editor.sh"
    # A stand-in for vi: records the file's mode, appends a line, exits 0.
    editor.write_text('#!/bin/sh\nstat -c %a "$1" > "$1.mode"\n'
                      'printf "\\nfrom the editor #ext\\n" >> "$1"\n')
    editor.chmod(0o755)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    app = AppInTmux(store, tmp_path, env={"EDITOR": str(editor), "VISUAL": "",
                                          "TMPDIR": str(scratch)})
    try:
        app.wait_for_seed_meeting()
        app.keys("n")
        app.wait_for_text("New note on")
        app.type("typed in the app")
        app.wait_for_text("typed in the app")
        app.keys("C-e")  # the app suspends, the "editor" runs, the app comes back
        app.wait_for_text("from the editor #ext")
        app.keys("C-s")
        app.wait_for_text("Note saved.")
        app.keys("q")
        assert app.wait_for_exit() == 0
    finally:
        app.close()
    notes = cli_notes(run_dossier, store)
    assert [(n["text"], n["tags"]) for n in notes] == [
        ("typed in the app\nfrom the editor #ext", ["ext"])]
    # The note went through a private temp file, removed afterwards.
    assert [m.read_text().strip() for m in scratch.glob("dossier-note-*.md.mode")] == ["600"]
    assert list(scratch.glob("dossier-note-*.md")) == []
