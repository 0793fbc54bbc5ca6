"""Undo survives a restart (issue 14, bug 3): the real app, quit and started again on the
same store, undoes and redoes what the first run did, in order, and refuses what was
changed in between by another writer."""

from __future__ import annotations

from pathlib import Path

from dossier.store.store import Store
from dossier.tui.app import DossierApp
from tests.conftest import SEED_ID
from tests.tui.dossier_pilot import (
    delete_meeting_then_edit_note,
    many_meetings_store,
    on_disk,
    record_notifications,
    settle,
)


async def delete_copy_and_edit_note(store_dir: Path, note_id: str) -> None:
    """The first run: delete a meeting, then edit a note; then quit."""
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await delete_meeting_then_edit_note(pilot, app, "copy-001", SEED_ID)
        await app.workers.wait_for_complete()  # the history is written in a worker
    assert on_disk(store_dir).get_note(note_id).text == "draft thought x"
    assert not on_disk(store_dir).has_meeting("copy-001")


async def test_a_restarted_app_undoes_the_last_run_in_order_and_redoes(
        store_dir: Path) -> None:
    store = many_meetings_store(store_dir, count=3)
    note = store.add_note(SEED_ID, "draft thought")
    await delete_copy_and_edit_note(store_dir, note.id)

    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        said = record_notifications(app)
        await pilot.press("u")
        await settle(pilot)
        assert said[-1] == "Undid the edit of the note “draft thought”."
        assert on_disk(store_dir).get_note(note.id).text == "draft thought"
        await pilot.press("u")
        await settle(pilot)
        assert said[-1].startswith("Meeting “Copy meeting 001” (2012-01-02) restored")
        assert on_disk(store_dir).has_meeting("copy-001")
        await pilot.press("u")
        await settle(pilot)
        assert said[-1] == "Nothing to undo."
        await pilot.press("U")
        await settle(pilot)
        assert not on_disk(store_dir).has_meeting("copy-001")
        await app.workers.wait_for_complete()

    # A third run: the meeting delete was redone last, so it is the one to undo.
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        said = record_notifications(app)
        await pilot.press("ctrl+r")  # the note edit, undone in the second run
        await settle(pilot)
        assert said[-1] == "Redid the edit of the note “draft thought”."
        assert on_disk(store_dir).get_note(note.id).text == "draft thought x"


async def test_after_a_restart_a_change_made_since_is_never_undone(store_dir: Path) -> None:
    store = many_meetings_store(store_dir, count=3)
    note = store.add_note(SEED_ID, "draft thought")
    await delete_copy_and_edit_note(store_dir, note.id)
    # Between the runs, another writer (a script, a second app) changes the note.
    Store.open(store_dir).edit_note(note.id, "rewritten by a script")

    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        said = record_notifications(app)
        await pilot.press("u")
        await settle(pilot)
        assert "changed since" in said[-1], said
        assert on_disk(store_dir).get_note(note.id).text == "rewritten by a script"
        await pilot.press("u")  # the refused undo is gone; the meeting delete is next
        await settle(pilot)
        assert on_disk(store_dir).has_meeting("copy-001")


async def test_a_damaged_history_file_starts_with_nothing_to_undo(store_dir: Path) -> None:
    from dossier.tui.config import state_dir
    from dossier.tui.undo_log import log_path

    path = log_path(state_dir(), store_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b'{"format": 1, "undo": [{"version"')
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        said = record_notifications(app)
        await pilot.press("u")
        await settle(pilot)
        assert said[-1] == "Nothing to undo."
