"""Deleting a whole meeting from the list: d asks, y deletes (notes too), u puts it back.

Real stores on disk, the real app under Pilot. Every wait is ``settle``: the store
listener's reload of the list may land before or after the delete worker's report, and
either order must end in the same state.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from dossier.store.model import Note
from dossier.store.store import Store
from dossier.tui.app import DossierApp
from dossier.tui.dialogs import ConfirmScreen
from dossier.tui.widgets import MeetingTable
from tests.conftest import SEED_ID
from tests.tui.dossier_pilot import (
    many_meetings_store,
    on_disk,
    record_notifications,
    screen_text,
    settle,
)

SIZE = (120, 36)
#: Data, not markup: the question and the messages must show it as written.
ODD_TITLE = "Talks [bold]on[/bold] arms"
VICTIM = "copy-002"  # in the middle of the list: copy-003 above, copy-001 below


def by_id(notes: list[Note]) -> list[Note]:
    return sorted(notes, key=lambda note: note.id)


def five_meetings(store_dir: Path) -> tuple[Store, list[Note]]:
    """The seed and copy-000…copy-003; the victim has an odd title and two notes."""
    store = many_meetings_store(store_dir, count=4)
    victim = store.get_meeting(VICTIM)
    store.update_meeting(victim.model_copy(update={"title": ODD_TITLE}))
    notes = [store.add_note(VICTIM, "on the meeting [i]itself[/i]"),
             store.add_note(VICTIM, "on Lavrov", "participant:sergey-lavrov"),
             store.add_note("copy-001", "a neighbour's note stays")]
    return store, notes


async def select(pilot: Pilot[Any], meeting_id: str) -> None:
    app = pilot.app
    assert isinstance(app, DossierApp)
    assert app.main.meeting_list.move_to(meeting_id)
    await settle(pilot)
    assert app.main.meeting is not None and app.main.meeting.id == meeting_id


def selected(app: DossierApp) -> tuple[str | None, str | None]:
    """(the list's cursor, the meeting the panes show)."""
    shown = app.main.meeting
    return app.main.meeting_list.current_id(), shown.id if shown else None


def listed(app: DossierApp) -> list[str]:
    return [summary.id for summary in app.main.meeting_list.summaries]


async def test_y_deletes_the_meeting_with_its_notes_and_moves_to_its_neighbour(
        store_dir: Path) -> None:
    store, notes = five_meetings(store_dir)
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        messages = record_notifications(app)
        await select(pilot, VICTIM)
        await pilot.press("d")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert question.question == (f"Delete the meeting “{ODD_TITLE}” (2012-01-03)? "
                                     f"Its 2 notes are deleted with it.")
        assert ODD_TITLE in screen_text(app)  # shown literally, brackets and all
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert app.screen is app.main  # no error screen: the meeting's reload found it gone
        assert VICTIM not in listed(app)
        assert selected(app) == ("copy-001", "copy-001")  # the row below it
        assert isinstance(app.focused, MeetingTable)  # still in the list
        assert ODD_TITLE not in screen_text(app)
        assert "Copy meeting 001" in screen_text(app)
        assert messages[-1] == (f"Meeting “{ODD_TITLE}” (2012-01-03) deleted with its 2 "
                                f"notes. u undoes.")
    stored = on_disk(store_dir)
    assert VICTIM not in [summary.id for summary in stored.list_meetings()]
    assert len(stored.list_meetings()) == 4
    assert stored.list_notes(VICTIM) == []
    assert stored.list_notes() == [notes[2]]  # other meetings' notes are kept


async def test_deleting_the_bottom_meeting_moves_up(store_dir: Path) -> None:
    many_meetings_store(store_dir, count=3)
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("G")  # the oldest, last row
        await settle(pilot)
        assert selected(app) == ("copy-000", "copy-000")
        await pilot.press("d", "y")
        await settle(pilot)
        assert listed(app) == [SEED_ID, "copy-002", "copy-001"]
        assert selected(app) == ("copy-001", "copy-001")


async def test_n_keeps_everything(store_dir: Path) -> None:
    store, notes = five_meetings(store_dir)
    files = {path: path.read_bytes() for path in store.data_files()}
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        messages = record_notifications(app)
        await select(pilot, VICTIM)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert selected(app) == (VICTIM, VICTIM)
        assert VICTIM in listed(app)
        await pilot.press("d", "escape")  # escape answers no as well
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert messages == ["Nothing to undo."]
    assert {path: path.read_bytes() for path in store.data_files()} == files
    assert by_id(on_disk(store_dir).list_notes(VICTIM)) == by_id(notes[:2])


async def test_u_puts_back_the_meeting_and_its_notes_and_selects_it(store_dir: Path) -> None:
    store, notes = five_meetings(store_dir)
    before = store.get_meeting(VICTIM)
    notes_before = by_id(store.list_notes(VICTIM))
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        messages = record_notifications(app)
        await select(pilot, VICTIM)
        await pilot.press("d", "y")
        await settle(pilot)
        assert on_disk(store_dir).list_notes(VICTIM) == []
        await pilot.press("u")
        await settle(pilot)
        assert messages[-1] == f"Meeting “{ODD_TITLE}” (2012-01-03) restored with its 2 notes."
        assert VICTIM in listed(app)
        assert selected(app) == (VICTIM, VICTIM)
        assert isinstance(app.focused, MeetingTable)
        assert ODD_TITLE in screen_text(app)
        assert app.main.meeting_list.note_counts.get(VICTIM) == 2  # ✎2 in the list again
        await pilot.press("4")
        await settle(pilot)
        assert "on the meeting [i]itself[/i]" in screen_text(app)
        await pilot.press("u")
        await settle(pilot)
        assert messages[-1] == "Nothing to undo."
    stored = on_disk(store_dir)
    assert stored.get_meeting(VICTIM) == before
    assert by_id(stored.list_notes(VICTIM)) == notes_before  # ids, times and text
    assert len(stored.list_meetings()) == 5


async def test_deleting_the_only_meeting_leaves_an_empty_store_and_u_undoes(
        seeded_store: Store) -> None:
    note = seeded_store.add_note(SEED_ID, "the only note")
    before = seeded_store.get_meeting(SEED_ID)
    app = DossierApp(seeded_store.root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        messages = record_notifications(app)
        await pilot.press("d")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert question.question.endswith("(2013-12-04)? Its note is deleted with it.")
        await pilot.press("y")
        await settle(pilot)
        assert app.screen is app.main
        assert listed(app) == [] and selected(app) == (None, None)
        text = screen_text(app)
        assert "No meetings in this store." in text
        assert "No meetings yet." in text  # the list's own empty state
        assert "NATO-Russia Council session" not in text
        assert on_disk(seeded_store.root).list_meetings() == []
        assert on_disk(seeded_store.root).list_notes() == []
        await pilot.press("d")
        await settle(pilot)
        assert messages[-1] == "Select a meeting first."
        await pilot.press("u")
        await settle(pilot)
        assert selected(app) == (SEED_ID, SEED_ID)
        assert "NATO-Russia Council session" in screen_text(app)
        assert app.main.tabs.display
    stored = on_disk(seeded_store.root)
    assert stored.get_meeting(SEED_ID) == before
    assert stored.list_notes() == [note]


async def test_a_read_only_store_deletes_nothing(seeded_store: Store) -> None:
    app = DossierApp(seeded_store.root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # As Store.open finds a store it cannot write (root ignores permission bits, so
        # the tests set the flag the app checks rather than chmod the directory).
        assert app.store is not None
        app.store.read_only = True
        messages = record_notifications(app)
        await pilot.press("d")
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert messages == ["The store is read-only: nothing can be changed."]
        assert selected(app) == (SEED_ID, SEED_ID)
    assert [summary.id for summary in on_disk(seeded_store.root).list_meetings()] == [SEED_ID]


async def test_a_meeting_deleted_by_another_app_moves_this_one_on(store_dir: Path) -> None:
    """The shown meeting deleted elsewhere: no error, the list and panes move on."""
    many_meetings_store(store_dir, count=2)
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert selected(app) == (SEED_ID, SEED_ID)
        on_disk(store_dir).delete_meeting(SEED_ID)  # another Store: like another process
        app.check_for_changes()
        await settle(pilot)
        assert app.screen is app.main
        assert listed(app) == ["copy-001", "copy-000"]
        assert selected(app) == ("copy-001", "copy-001")
        for meeting_id in ("copy-001", "copy-000"):
            on_disk(store_dir).delete_meeting(meeting_id)
        app.check_for_changes()
        await settle(pilot)
        assert app.screen is app.main
        assert selected(app) == (None, None)
        assert "No meetings in this store." in screen_text(app)
