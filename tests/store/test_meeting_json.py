"""Store.meeting_json: what `dossier show --json` prints, read without the record model.

From a fresh index it is the stored JSON; it must be exactly what the validated path gives
(Meeting.to_json_dict() plus the notes' to_json_dict(), newest first), and a file changed
behind the index must still be read from the file and validated (issue 16).
"""

from __future__ import annotations

import json
import os
import time

import pytest

from dossier.store.errors import DamagedFile
from dossier.store.store import Store
from tests.conftest import SEED_ID, age_data_files


def _validated(store: Store, meeting_id: str) -> dict:
    data = store.get_meeting(meeting_id).to_json_dict()
    data["notes"] = [note.to_json_dict() for note in store.list_notes(meeting_id)]
    return data


def test_meeting_json_from_the_index_is_the_validated_form(seeded_store: Store) -> None:
    for text in ("first", "second #tag", "third"):
        seeded_store.add_note(SEED_ID, text)
    age_data_files(seeded_store)
    index = seeded_store.index()
    index.ensure_fresh()
    read_before = index.files_read
    served = seeded_store.meeting_json(SEED_ID)
    assert index.files_read == read_before  # from the index: no data file re-read
    assert served == _validated(seeded_store, SEED_ID)
    assert sorted(n["text"] for n in served["notes"]) == ["first", "second #tag", "third"]


def test_a_note_just_added_is_shown(seeded_store: Store) -> None:
    seeded_store.index().ensure_fresh()
    seeded_store.add_note(SEED_ID, "just now")
    assert [n["text"] for n in seeded_store.meeting_json(SEED_ID)["notes"]] == ["just now"]


def test_a_record_damaged_behind_the_index_is_refused(seeded_store: Store) -> None:
    age_data_files(seeded_store)
    seeded_store.index().ensure_fresh()
    shard = seeded_store._shard(SEED_ID)
    data = json.loads(shard.read_text())
    for doc in data["meetings"].values():
        del doc["agenda"][0]["title"]  # a nested field only the model checks
    shard.write_text(json.dumps(data))
    then = time.time() - 3600
    os.utime(shard, (then, then))
    with pytest.raises(DamagedFile):
        Store.open(seeded_store.root).meeting_json(SEED_ID)


def test_list_records_from_the_catalog_are_those_from_the_files(seeded_store: Store,
                                                                tmp_path) -> None:
    """`dossier list --json` from the catalog's rows (no MeetingSummary) prints what the
    summaries read from the files print, notes counted, whole list and newest few."""
    from dossier.store.layout import INDEX_FILE
    from dossier.store.model import Meeting

    first = seeded_store.get_meeting(SEED_ID).to_json_dict()
    extra = [Meeting.from_json_dict({**first, "id": f"m-{n}", "date": f"201{n}-05-0{n + 1}",
                                     "tags": ["b", "a"] if n % 2 else []})
             for n in range(4)]
    seeded_store.put_meetings(extra)
    seeded_store.add_note("m-1", "one")
    seeded_store.add_note("m-1", "two")
    age_data_files(seeded_store)
    counted: dict[str, int] = {}
    for limit in (None, 2):
        without_index = Store.open(seeded_store.root)
        assert not (seeded_store.root / INDEX_FILE).exists()
        from_files = without_index.list_records(limit)
        with Store.open(seeded_store.root) as store:
            store.index().ensure_fresh()
            from_catalog = store.list_records(limit)
        assert from_catalog == from_files
        assert len(from_files) == (5 if limit is None else 2)
        counted = counted or {r["id"]: r["notes"] for r in from_files}
        (seeded_store.root / INDEX_FILE).unlink()
        for suffix in ("-wal", "-shm"):
            (seeded_store.root / f"{INDEX_FILE}{suffix}").unlink(missing_ok=True)
    assert counted["m-1"] == 2 and counted[SEED_ID] == 0
