"""The index reads any RecordSource: it needs a directory, a file's documents and notice of
changes, nothing else of the store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dossier.store.index import SearchIndex
from dossier.store.search import search
from dossier.store.source import ChangeListener, RecordSource
from dossier.store.store import Store
from dossier.store.views import participant_profile
from tests.conftest import SEED_ID


class FilesOfAStore:
    """A record source that is not a Store (it reads a store's files through one)."""

    def __init__(self, store: Store) -> None:
        self.root = store.root
        self.read_only = False
        self.listeners: list[ChangeListener] = []
        self._store = store

    def read_docs(self, path: Path) -> list[dict[str, Any]]:
        return self._store.read_docs(path)

    def add_listener(self, listener: ChangeListener) -> None:
        self.listeners.append(listener)


def test_the_index_builds_from_a_source_that_is_not_a_store(seeded_store: Store) -> None:
    source: RecordSource = FilesOfAStore(seeded_store)
    index = SearchIndex(source)
    try:
        assert [s.id for s in index.list_meetings()] == [SEED_ID]
        assert {hit.meeting_id for hit in search(index, "council")} == {SEED_ID}
        assert participant_profile(index, "Sergey Lavrov").appearances
    finally:
        index.close()


def test_the_index_follows_the_changes_its_source_reports(seeded_store: Store) -> None:
    source = FilesOfAStore(seeded_store)
    index = SearchIndex(source)
    try:
        assert len(source.listeners) == 1
        assert index.note_counts() == {}
        seeded_store.add_note(SEED_ID, "kept in the notes file #marker")
        source.listeners[0]("note", "any")  # what a store says after it commits
        assert index.note_counts() == {SEED_ID: 1}
        assert {hit.kind for hit in search(index, "tag:marker")} == {"note"}
    finally:
        index.close()


def test_a_store_is_a_record_source(seeded_store: Store) -> None:
    # Structurally: Store has what the protocol names without inheriting from it.
    assert isinstance(seeded_store, RecordSource)
    assert RecordSource not in Store.__mro__
