"""What a transaction leaves behind, seen from the same Store: nothing of one that raised,
and, of one that committed, its tables as the cache (not parsed again). Written for the
mutants of Store.transaction that survived the transaction tests (docs/testing.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.store import storage
from dossier.store.journal import STAGED_SUFFIX
from dossier.store.layout import NOTES_FILE
from dossier.store.store import Store
from tests.conftest import SEED_ID


def staged_files(root: Path) -> list[Path]:
    return [*root.glob(f".*{STAGED_SUFFIX}"), *root.glob(f"*/.*{STAGED_SUFFIX}")]


def test_a_transaction_that_raises_leaves_nothing(seeded_store: Store) -> None:
    seeded_store.add_note(SEED_ID, "the one note")
    notes = seeded_store.root / NOTES_FILE
    before, docs_before = notes.read_bytes(), seeded_store.read_docs(notes)
    with pytest.raises(RuntimeError, match="changed its mind"), \
            seeded_store.transaction() as tx:
        tx.rewrite(notes, lambda docs: docs.clear())
        assert seeded_store.read_docs(notes) == []  # inside, the change is seen
        raise RuntimeError("the caller changed its mind")
    assert staged_files(seeded_store.root) == []  # the staged file is gone at once
    assert notes.read_bytes() == before
    assert seeded_store.read_docs(notes) == docs_before  # this Store forgot the change too


def test_a_committed_transaction_keeps_its_tables_as_the_cache(
        seeded_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    seeded_store.add_note(SEED_ID, "first")
    parsed: list[Path] = []
    real_decode = storage.decode_json_file

    def counting_decode(path: Path) -> object:
        parsed.append(path)
        return real_decode(path)

    monkeypatch.setattr(storage, "decode_json_file", counting_decode)
    seeded_store.add_note(SEED_ID, "second")
    parsed.clear()
    assert sorted(n.text for n in seeded_store.list_notes(SEED_ID)) == ["first", "second"]
    assert seeded_store.root / NOTES_FILE not in parsed  # what it wrote, it did not re-read
    assert staged_files(seeded_store.root) == []
