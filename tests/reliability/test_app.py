"""The real app (DossierApp under run_test/Pilot) facing damaged files, a full disk, hostile
text and other writers: it shows what went wrong, keeps the user's text, writes nothing."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from dossier.store.check import check_store
from dossier.store.layout import NOTES_FILE
from dossier.store.storage import TEMP_SUFFIX
from dossier.store.store import Store
from dossier.tui.app import DossierApp
from dossier.tui.dialogs import NoteEditorScreen
from dossier.tui.screens import MessageScreen
from tests.tui.dossier_pilot import screen_text, settle

from . import damage
from .conftest import Tally
from .helpers import SEED_ID, fingerprints, python, sha256

SIZE = (140, 40)

WRITER = """
import sys
from dossier.store.store import Store
store = Store.open(sys.argv[1])
for i in range(int(sys.argv[2])):
    store.add_note("@SEED@", f"{sys.argv[3]} {i}")
print("done", flush=True)
""".replace("@SEED@", SEED_ID)
PER_WRITER = 500


async def wait_for(pilot: Pilot[Any], condition: Any, timeout: float = 15.0) -> None:
    """Poll the running app until ``condition()`` holds (cheaper than a full settle)."""
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never got there")


async def type_text(pilot: Pilot[Any], text: str) -> None:
    area = pilot.app.screen.query_one("#note-text", TextArea)
    area.insert(text)  # insert, not key presses: the text holds brackets and such
    await pilot.pause()


def _store(root: Path) -> Path:
    with Store.open(root) as store:
        store.add_note(SEED_ID, "an earlier note")
    return root


APP_CASES = ["truncated", "invalid-utf8", "wrong-shape-array", "missing-field",
             "missing-nested-field", "wrong-type", "duplicate-ids", "newer-record",
             "newer-manifest", "empty", "empty-notes", "truncated-notes", "directory",
             "symlink"]


@pytest.mark.parametrize("case", APP_CASES)
async def test_the_app_shows_a_damaged_file_and_writes_nothing(case: str, tmp_path: Path,
                                                               tally: Tally) -> None:
    root = _store(tmp_path / "store")
    damaged = damage.CASES[case](root)
    before = fingerprints(tmp_path)
    app = DossierApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, MessageScreen)
                       and "could not be opened" in screen_text(app))
        assert isinstance(app.screen, MessageScreen), f"{case}: no message shown"
        assert str(damaged) in app.screen.message, app.screen.message
        assert "\n" not in app.screen.message
        shown = screen_text(app)
        assert "could not be opened" in shown
        # Keys that would write must not: close the message, try a note and an undo.
        await pilot.press("escape", "n", "u", "d")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if isinstance(app.screen, NoteEditorScreen):
            await type_text(pilot, "should not be saved")
            await pilot.press("ctrl+s")
            await settle(pilot)
        assert app.is_running
    assert fingerprints(tmp_path) == before, f"{case}: the app changed a file"
    tally(app_damaged_cases=1)


class _FullDisk:
    """os.write failing with ENOSPC for the store's temp files only (not the terminal)."""

    def __init__(self) -> None:
        self.real = os.write
        self.failures = 0

    def __call__(self, fd: int, data: Any) -> int:
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            target = ""
        if target.endswith(TEMP_SUFFIX):
            self.failures += 1
            half = bytes(data[: max(1, len(data) // 2)])
            if self.failures == 1:
                return self.real(fd, half)  # part-way: some bytes do reach the temp file
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self.real(fd, data)


async def test_full_disk_keeps_the_unsaved_note_in_the_editor(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              tally: Tally) -> None:
    root = _store(tmp_path / "store")
    notes = root / NOTES_FILE
    before = sha256(notes)
    text = "My unsaved thoughts [@click=app.quit]x[/] #important"
    app = DossierApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorScreen)
        await type_text(pilot, text)
        full_disk = _FullDisk()
        monkeypatch.setattr(os, "write", full_disk)
        await pilot.press("ctrl+s")
        await settle(pilot)
        monkeypatch.undo()
        assert full_disk.failures >= 2
        editor = app.screen
        assert isinstance(editor, NoteEditorScreen), "the editor closed on a failed save"
        assert editor.text == text
        shown = screen_text(app)
        assert "could not save notes.json (No space left on device); the previous version" \
               in shown
        assert sha256(notes) == before
        assert not list(root.rglob(f"*{TEMP_SUFFIX}"))
        # Space is back: the same text saves.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, NoteEditorScreen)
        assert app.is_running
    texts = [n.text for n in Store.open(root).list_notes(SEED_ID)]
    assert texts.count(text) == 1
    tally(full_disk_cases=1)


async def test_markup_in_data_is_shown_literally_and_clicking_it_does_not_quit(
        tmp_path: Path, tally: Tally) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        store.add_note(SEED_ID, "[@click=app.quit]x[/] \x1b]52;c;ZXZpbA==\x07 \u202eevil")
    app = DossierApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        shown = screen_text(app)
        assert "[@click=app.quit]x[/]" in shown
        assert "\x1b" not in shown and "\u202e" not in shown and "␛]52;c;ZXZpbA==␇" in shown
        row = next(i for i, line in enumerate(shown.splitlines()) if "[@click=app.quit]" in line)
        col = shown.splitlines()[row].index("[@click=app.quit]")
        for dx in (0, 1, 17, 18):  # on the brackets, the action text and the "x"
            await pilot.click(offset=(col + dx, row))
            await settle(pilot)
            assert app.is_running, "clicking data ran an action"
        assert app.return_code is None
    tally(hostile_app_checks=1)


async def test_the_app_saves_its_note_while_two_processes_write(tmp_path: Path,
                                                                tally: Tally) -> None:
    root = tmp_path / "store"
    Store.open(root).close()
    writers = [python(WRITER, str(root), str(PER_WRITER), label, stdout=subprocess.PIPE)
               for label in ("alpha", "beta")]
    app = DossierApp(root)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.main.meeting is not None)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, NoteEditorScreen))
        await type_text(pilot, "saved by the app")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not isinstance(app.screen, NoteEditorScreen))
        still_writing = [w.poll() is None for w in writers]
    for writer in writers:
        assert writer.communicate(timeout=120)[0].strip() == "done"
    notes = Store.open(root).list_notes(SEED_ID)
    ids = [n.id for n in notes]
    assert len(notes) == 2 * PER_WRITER + 1 and len(set(ids)) == len(ids)
    assert [n.text for n in notes].count("saved by the app") == 1
    for label in ("alpha", "beta"):
        numbers = sorted(int(n.text.split()[1]) for n in notes if n.text.startswith(label))
        assert numbers == list(range(PER_WRITER)), f"{label}: notes lost or doubled"
    assert check_store(root).ok
    print(f"reliability: app saved while writers were running: {still_writing}")
    tally(app_concurrent_notes=len(notes))
