"""A note the app saved is on disk: SIGKILL the app right after, reopen, it is there.

And the app never loses another process's notes: a second process keeps adding notes
while the app saves its own; afterwards every note of both is in the store.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from store.store import Store
from tests.conftest import SEED_ID, RunDossier
from tests.e2e.notes_tmux import AppInTmux, needs_tmux, wait_until
from tests.tui.test_notes_flow import settle, write_note
from tui.app import DossierApp


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


WRITER = textwrap.dedent("""
    import sys
    from store.store import Store
    store = Store.open(sys.argv[1])
    for i in range(int(sys.argv[2])):
        store.add_note(sys.argv[3], f"script note {i:02d}")
""")


async def test_app_and_another_process_both_keep_their_notes(store_dir: Path) -> None:
    Store.open(store_dir)
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(store_dir), "30", SEED_ID],
                              cwd=Path(__file__).resolve().parents[2])
    try:
        app = DossierApp(store_dir)
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            for i in range(3):
                await pilot.press("n")
                await pilot.pause()
                await write_note(pilot, f"app{i}")
            assert writer.wait(timeout=120) == 0
            app.check_for_changes()
            await settle(pilot)
            assert "✎33" in "\n".join(
                strip.text for strip in app.screen._compositor.render_strips())
    finally:
        if writer.poll() is None:
            writer.kill()
    assert texts(store_dir) == sorted([f"app{i}" for i in range(3)] +
                                      [f"script note {i:02d}" for i in range(30)])
