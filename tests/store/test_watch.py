"""ChangeWatch: what other writers changed in a store, on real files.

"Another writer" is a second Store object on the same directory (as a script or a second
app would be); "our own" writes go through a Store whose listener records them, as the app
wires it.
"""

from __future__ import annotations

import os
from pathlib import Path

from dossier.store.layout import NOTES_FILE, shard_key
from dossier.store.store import Store
from dossier.store.watch import Changes, ChangeWatch
from tests.conftest import SEED_ID


def watched(root: Path) -> tuple[Store, ChangeWatch]:
    """Our own store, with its commits recorded in the watch, and the baseline taken."""
    ours = Store.open(root)
    watch = ChangeWatch(root)
    ours.add_listener(watch.record_own_write)
    assert not watch.check()  # the first look only takes the baseline
    return ours, watch


def another_meeting(store: Store, meeting_id: str) -> None:
    meeting = store.get_meeting(SEED_ID).model_copy(update={"id": meeting_id,
                                                            "title": "Copied meeting"})
    store.add_meeting(meeting)


def test_the_first_check_takes_the_baseline_and_reports_nothing(seeded_store: Store) -> None:
    watch = ChangeWatch(seeded_store.root)
    assert watch.check() == Changes()
    assert watch.check() == Changes()  # nothing written since


def test_a_note_by_another_writer_is_reported_once(seeded_store: Store) -> None:
    _, watch = watched(seeded_store.root)
    Store.open(seeded_store.root).add_note(SEED_ID, "from a script")
    changes = watch.check()
    assert changes.notes and changes.meetings == frozenset()
    assert not watch.check()  # seen now


def test_a_meeting_by_another_writer_names_its_shard(seeded_store: Store) -> None:
    _, watch = watched(seeded_store.root)
    another_meeting(Store.open(seeded_store.root), "nrc-copy-2014")
    changes = watch.check()
    assert changes.meetings == {shard_key("nrc-copy-2014")}
    assert not changes.notes


def test_every_commit_is_seen_even_two_in_a_row(seeded_store: Store) -> None:
    _, watch = watched(seeded_store.root)
    other = Store.open(seeded_store.root)
    for text in ("one", "two", "three"):
        other.add_note(SEED_ID, text)
        assert watch.check().notes, text  # within the same second too: a new inode


def test_our_own_writes_are_not_news(seeded_store: Store) -> None:
    ours, watch = watched(seeded_store.root)
    ours.add_note(SEED_ID, "ours")
    another_meeting(ours, "nrc-copy-2014")
    ours.delete_meeting("nrc-copy-2014")
    assert watch.check() == Changes()


def test_another_writer_after_our_own_write_is_still_seen(seeded_store: Store) -> None:
    ours, watch = watched(seeded_store.root)
    ours.add_note(SEED_ID, "ours")
    Store.open(seeded_store.root).add_note(SEED_ID, "theirs")
    assert watch.check().notes


def test_a_write_recorded_before_the_baseline_is_in_it(seeded_store: Store) -> None:
    watch = ChangeWatch(seeded_store.root)
    ours = Store.open(seeded_store.root)
    ours.add_listener(watch.record_own_write)
    ours.add_note(SEED_ID, "before any look")  # recorded into nothing: no baseline yet
    assert not watch.check()  # the baseline
    assert not watch.check()


def test_a_created_or_removed_file_counts_as_a_change(seeded_store: Store) -> None:
    root = seeded_store.root
    assert not (root / NOTES_FILE).exists()  # a fresh store has no notes file yet
    _, watch = watched(root)
    Store.open(root).add_note(SEED_ID, "the first note creates the file")
    assert watch.check().notes
    os.remove(root / shard_key(SEED_ID))
    assert watch.check().meetings == {shard_key(SEED_ID)}


def test_changes_are_true_only_when_something_changed() -> None:
    assert not Changes()
    assert Changes(notes=True)
    assert Changes(meetings=frozenset({"meetings/00.json"}))
