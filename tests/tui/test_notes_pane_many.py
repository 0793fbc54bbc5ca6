"""A meeting with more notes than the Notes pane shows: the newest, a trailer, full counts."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from dossier.store.model import Note
from dossier.store.store import Store
from dossier.tui.app import PANE_NOTES, DossierApp
from dossier.tui.widgets import AgendaList, NotesList
from tests.conftest import SEED_ID
from tests.tui.dossier_pilot import screen_text, settle

AGENDA_TARGET = "agenda:lisbon-agreements"


def _store_with_notes(store_dir: Path, on_agenda: int, on_meeting: int) -> list[Note]:
    """A seeded store holding ``on_agenda + on_meeting`` notes, one second apart, written
    in one transaction through the store's own API (restore_note joins it)."""
    store = Store.open(store_dir)
    first = store.add_note(SEED_ID, "note 0", target=AGENDA_TARGET)
    notes = [first]
    with store.transaction():
        for number in range(1, on_agenda + on_meeting):
            stamp = first.created + timedelta(seconds=number)
            target = AGENDA_TARGET if number < on_agenda else "meeting"
            note = first.model_copy(update={"id": f"n-{number:012x}", "text": f"note {number}",
                                            "target": target, "created": stamp,
                                            "updated": stamp})
            notes.append(store.restore_note(note))
    return notes


async def test_notes_pane_shows_the_newest_and_says_how_many_more(store_dir: Path) -> None:
    notes = _store_with_notes(store_dir, on_agenda=PANE_NOTES + 50, on_meeting=50)
    total = len(notes)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("4", "enter")  # the Notes pane, and into it
        await settle(pilot)
        pane = app.query_one(NotesList)
        assert app.focused is pane
        # The newest PANE_NOTES as rows, then one trailer row that cannot be chosen.
        assert pane.option_count == PANE_NOTES + 1
        assert pane.get_option_at_index(PANE_NOTES).disabled
        assert not pane.get_option_at_index(PANE_NOTES - 1).disabled
        assert app.main.focused_note_id() == notes[-1].id  # the newest first
        await pilot.press("G")  # the end lands on the oldest note shown, not the trailer
        await settle(pilot)
        assert app.main.focused_note_id() == notes[total - PANE_NOTES].id
        pane.scroll_end(animate=False)
        await settle(pilot)
        text = screen_text(app)
        assert f"… and {total - PANE_NOTES:,} older notes" in text
        trailer = str(pane.get_option_at_index(PANE_NOTES).prompt)
        assert f"dossier note list {SEED_ID}" in trailer
        # The ✎ count on the agenda item counts every note, not only those shown.
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.focused, AgendaList)
        assert f"✎{PANE_NOTES + 50}" in screen_text(app)


async def test_a_few_notes_get_no_trailer(store_dir: Path) -> None:
    _store_with_notes(store_dir, on_agenda=3, on_meeting=2)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        pane = app.query_one(NotesList)
        assert pane.option_count == 5
        assert "older notes" not in screen_text(app)
