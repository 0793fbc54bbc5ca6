"""Store.meeting_notes: the newest notes in full, every note counted per target."""

from __future__ import annotations

from dossier.store.store import MeetingNotes, Store
from tests.conftest import SEED_ID


def test_newest_first_limited_and_counts_cover_all(seeded_store: Store) -> None:
    added = [seeded_store.add_note(SEED_ID, f"m{i}") for i in range(4)]
    added.append(seeded_store.add_note(SEED_ID, "a", target="agenda:lisbon-agreements"))
    shown = seeded_store.meeting_notes(SEED_ID, limit=2)
    assert shown.counts == {"meeting": 4, "agenda:lisbon-agreements": 1}
    assert shown.total == 5
    newest = sorted(added, key=lambda n: (n.created, n.id), reverse=True)[:2]
    assert [n.id for n in shown.newest] == [n.id for n in newest]
    # Without a limit: the same as every note of the meeting, counted.
    assert seeded_store.meeting_notes(SEED_ID) == MeetingNotes.of(
        seeded_store.list_notes(SEED_ID))


def test_other_meetings_notes_are_not_counted(seeded_store: Store) -> None:
    seeded_store.add_note(SEED_ID, "here")
    assert seeded_store.meeting_notes("no-such-meeting").total == 0
    assert seeded_store.meeting_notes(SEED_ID).total == 1
