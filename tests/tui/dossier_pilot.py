"""Helpers for driving the real app under Pilot (no mocks: real stores on disk)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from dossier.store.paths import bundled_sample_records
from dossier.store.store import Store
from dossier.tui.app import DossierApp


async def settle(pilot: Pilot[Any], rounds: int = 3) -> None:
    """Let workers finish and the messages they post be handled, until all is quiet.

    One worker's message can start another worker (list loaded -> meeting loaded), so
    this waits until a few consecutive rounds find no worker at all.
    """
    quiet = 0
    for _ in range(50):
        # An exclusive worker cancelled by a newer one (the user moved on) is normal;
        # waiting on it raises WorkerCancelled, which is not a failure here.
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if any(not worker.is_finished for worker in pilot.app.workers):
            quiet = 0
        else:
            quiet += 1
            if quiet >= rounds:
                return


def on_disk(root: Path) -> Store:
    """A fresh Store object: what is really in the files, not in any cache."""
    return Store.open(root)


def seed_doc() -> dict[str, Any]:
    return json.loads(bundled_sample_records()[0].read_bytes())


def many_meetings_store(path: Path, count: int = 30) -> Store:
    """The seed plus ``count`` copies with their own ids, titles and (older) dates."""
    from dossier.store.model import Meeting

    store = Store.open(path)
    meetings = []
    for index in range(count):
        doc = seed_doc()
        doc["id"] = f"copy-{index:03d}"
        doc["title"] = f"Copy meeting {index:03d}"
        doc["date"] = (dt.date(2012, 1, 1) + dt.timedelta(days=index)).isoformat()
        meetings.append(Meeting.from_json_dict(doc))
    store.put_meetings(meetings)
    return store


def screen_text(app: DossierApp) -> str:
    """What the top screen shows, line by line, as plain text."""
    # The compositor is private, but it is exactly what reaches the terminal.
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


def record_notifications(app: DossierApp) -> list[str]:
    """Every message the app notifies from now on (toasts expire; this list does not)."""
    messages: list[str] = []
    original = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        messages.append(str(message))
        original(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return messages


async def wait_for_text(pilot: Pilot[Any], expected: str, attempts: int = 40) -> str:
    """The screen text once it shows ``expected`` (or after ``attempts`` idle rounds)."""
    text = ""
    for _ in range(attempts):
        await settle(pilot, rounds=1)
        text = screen_text(pilot.app)  # type: ignore[arg-type]
        if expected in text:
            break
    return text


async def open_review(pilot: Pilot[Any], meeting_id: str) -> Any:
    """Select a draft in the meeting list and open its review with `enter`; the
    ReviewScreen (imported here lazily, as the app loads it on first use)."""
    from dossier.tui.screens.review import ReviewScreen

    app = pilot.app
    await settle(pilot)
    app.main.meeting_list.move_to(meeting_id)  # type: ignore[attr-defined]
    await settle(pilot)
    app.main.meeting_list.table.focus()  # type: ignore[attr-defined]
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def delete_meeting_then_edit_note(pilot: Pilot[Any], app: DossierApp,
                                        meeting_id: str, note_meeting_id: str) -> None:
    """Issue 14's undo walk: delete ``meeting_id`` (d, y), then open ``note_meeting_id``'s
    notes and add " x" to the first note (e, end, space, x, ctrl+s)."""
    from dossier.tui.dialogs import ConfirmScreen, NoteEditorScreen
    from dossier.tui.widgets import NotesList

    app.main.meeting_list.move_to(meeting_id)
    await settle(pilot)
    await pilot.press("d")
    await settle(pilot)
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.press("y")
    await settle(pilot)
    app.main.meeting_list.move_to(note_meeting_id)
    await settle(pilot)
    await pilot.press("4", "tab")
    await settle(pilot)
    assert isinstance(app.focused, NotesList)
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(app.screen, NoteEditorScreen)
    await pilot.press("end", "space", "x", "ctrl+s")
    await settle(pilot)
