"""A note the app saved is on disk: SIGKILL the app right after, reopen, it is there.

(The app and other writers together: tests/tui/test_notes_flow.py and, with a thousand
notes from two processes, tests/reliability/test_app.py.)
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

from dossier.store.store import Store
from tests.conftest import SEED_ID, RunDossier
from tests.e2e.notes_tmux import AppInTmux, needs_tmux, wait_until


def texts(store_dir: Path) -> list[str]:
    return sorted(n.text for n in Store.open(store_dir).list_notes())


@needs_tmux
def test_sigkill_right_after_saving_loses_nothing(tmp_path: Path,
                                                   run_dossier: RunDossier) -> None:
    store = tmp_path / "T"
    run_dossier("init", str(store), check=True)
    # 1: killed the moment the note is in the notes file.
    app = AppInTmux(store, tmp_path)
    try:
        app.wait_for_seed_meeting()
        pid = app.app_pid()
        app.keys("n")
        app.wait_for_text("New note on")
        app.type("first, killed as soon as it is in the file")
        app.keys("C-s")
        wait_until(lambda: texts(store) != [], "the note to reach the file")
        os.kill(pid, signal.SIGKILL)
    finally:
        app.close()
    assert texts(store) == ["first, killed as soon as it is in the file"]
    # 2: killed the moment the app says "Note saved.".
    app = AppInTmux(store, tmp_path)
    try:
        app.wait_for_seed_meeting()
        pid = app.app_pid()
        app.keys("n")
        app.wait_for_text("New note on")
        app.type("second, killed at the notification")
        app.keys("C-s")
        app.wait_for_text("Note saved.")
        os.kill(pid, signal.SIGKILL)
    finally:
        app.close()
    notes = Store.open(store).list_notes(SEED_ID)
    assert sorted((n.text, n.target) for n in notes) == [
        ("first, killed as soon as it is in the file", "meeting"),
        ("second, killed at the notification", "meeting")]
    # The files are whole: the store checks clean and the CLI reads them.
    run_dossier("--store", str(store), "check", check=True)
