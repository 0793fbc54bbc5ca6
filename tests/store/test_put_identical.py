"""An import of a record the store holds exactly skips it; a changed one still conflicts."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from dossier.store.errors import Conflict
from dossier.store.importer import import_path
from dossier.store.store import Store
from tests.conftest import SEED_ID


def test_the_same_record_is_skipped_and_a_changed_one_conflicts(seeded_store: Store,
                                                               tmp_path: Path) -> None:
    stored = seeded_store.get_meeting(SEED_ID)
    same = tmp_path / "same.json"
    same.write_bytes(orjson.dumps([stored.to_json_dict()]))
    report = import_path(seeded_store, same)
    assert report.put.skipped == (SEED_ID,) and not report.put.added
    changed = tmp_path / "changed.json"
    changed.write_bytes(orjson.dumps([{**stored.to_json_dict(), "title": "Another title"}]))
    with pytest.raises(Conflict):
        import_path(seeded_store, changed)
    assert seeded_store.get_meeting(SEED_ID).title == stored.title
    assert import_path(seeded_store, changed, on_conflict="replace").put.replaced == (SEED_ID,)


def test_adding_a_meeting_that_exists_is_still_a_conflict(seeded_store: Store) -> None:
    # Outside an import (the app's "add meeting") an id in use is refused even if equal.
    with pytest.raises(Conflict):
        seeded_store.add_meeting(seeded_store.get_meeting(SEED_ID))
