"""A note added with an index on disk is indexed on its own, not by a diff of every note
(issue 16: 50,000 notes cost ~0.45 s to re-read and re-hash at the next search).

Store.add_note_doc tells the index of the one note it wrote (SearchIndex.note_written) when
the index holds exactly the notes file it appended to; the index keeps the digest of the
notes file it indexed, so the "racy" re-check of a just-written file is a read and a hash.
Whatever path a note takes, the index must end as a full rebuild makes it.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

import orjson
import pytest

from dossier.store import storage
from dossier.store.errors import DamagedFile
from dossier.store.index import RACY_WINDOW_NS
from dossier.store.layout import NOTES_FILE
from dossier.store.store import Store

SEED_ID = "nrc-2013-12-04"


def _index_state(store: Store) -> dict[str, Any]:
    """What the index holds of the notes: rows, the catalog's counts, and each note found
    by its own word and its tag."""
    conn = store.index().connection()
    notes = sorted(conn.execute("SELECT id, meeting_id, hash, json FROM notes"))
    counts = sorted(conn.execute("SELECT id, note_count FROM catalog WHERE note_count > 0"))
    found = {}
    for note in store.list_notes():
        word = note.text.split()[0]
        found[note.id] = sorted(h.target for h in store.search(word, limit=500)
                                if h.kind == "note")
    tags = sorted(h.target for h in store.search("tag:incremental", limit=500)
                  if h.kind == "note")
    return {"notes": notes, "counts": counts, "found": found, "tags": tags}


def _rebuilt_state(root: Path, tmp_path: Path) -> dict[str, Any]:
    copy = tmp_path / "rebuilt"
    shutil.copytree(root, copy)
    with Store.open(copy) as store:
        store.index().rebuild()
        return _index_state(store)


def _targets(store: Store) -> list[str]:
    return sorted(store.get_meeting(SEED_ID).targets())


def test_notes_added_one_process_each_are_indexed_without_a_diff(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        store.index().ensure_fresh()
        targets = _targets(store)
    added = []
    for number in range(12):
        # A fresh Store each time, as `dossier note add` runs: the index is told of the note
        # by the process that wrote it, a moment after the last one (the "racy" case).
        with Store.open(root) as store:
            target = targets[number % len(targets)]
            doc = store.add_note_doc(SEED_ID, f"word{number}x note #incremental", target)
            added.append(doc["id"])
        with Store.open(root) as store:
            # Nothing left to re-index: the index already holds the note, and the notes
            # file, changed since its key was recorded, is found unchanged by its digest.
            assert store.index().ensure_fresh() == 0, number
    with Store.open(root) as store:
        state = _index_state(store)
    assert {note_id for note_id, *_ in state["notes"]} == set(added)
    for note_id in added:
        assert state["found"][note_id] == [f"note:{note_id}"]
    assert state["tags"] == sorted(f"note:{note_id}" for note_id in added)
    assert state == _rebuilt_state(root, tmp_path)


def test_notes_added_in_one_process_with_the_index_open(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        index = store.index()
        index.ensure_fresh()
        read_before = index.files_read
        for number in range(8):
            store.add_note(SEED_ID, f"inproc{number}y #incremental")
        # The app's listener found the notes file as the incremental insert left it.
        assert index.files_read == read_before
        assert index.ensure_fresh() == 0
        state = _index_state(store)
    assert len(state["notes"]) == 8
    assert state == _rebuilt_state(root, tmp_path)


def test_a_notes_file_changed_behind_the_index_is_diffed_not_trusted(tmp_path: Path) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        first = store.add_note_doc(SEED_ID, "original #incremental")
        store.index().ensure_fresh()
    # A hand edit the index has not seen: the next add must not record the file as indexed.
    path = root / NOTES_FILE
    data = orjson.loads(path.read_bytes())
    (doc,) = data["notes"].values()
    doc["text"] = "handedited #incremental"
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    with Store.open(root) as store:
        second = store.add_note_doc(SEED_ID, "secondnote #incremental")
    with Store.open(root) as store:
        assert store.index().ensure_fresh() >= 1  # the hand edit, found by the diff
        state = _index_state(store)
        assert [h.target for h in store.search("handedited") if h.kind == "note"] == \
            [f"note:{first['id']}"]
        assert not [h for h in store.search("original") if h.kind == "note"]
        assert state["found"][second["id"]] == [f"note:{second['id']}"]
    assert state == _rebuilt_state(root, tmp_path)


def test_two_stores_adding_notes_in_turn_both_stay_indexed(tmp_path: Path) -> None:
    root = tmp_path / "store"
    Store.open(root).close()
    one, two = Store.open(root), Store.open(root)
    try:
        one.index().ensure_fresh()
        two.index().ensure_fresh()
        ids = []
        for number in range(6):
            writer = one if number % 2 == 0 else two
            ids.append(writer.add_note_doc(SEED_ID, f"turn{number}z #incremental")["id"])
        for store in (one, two):
            store.index().ensure_fresh()
            state = _index_state(store)
            assert {note_id for note_id, *_ in state["notes"]} == set(ids)
            for note_id in ids:
                assert state["found"][note_id] == [f"note:{note_id}"]
    finally:
        one.close()
        two.close()
    assert state == _rebuilt_state(root, tmp_path)


def test_a_store_without_an_index_makes_none(tmp_path: Path) -> None:
    root = tmp_path / "store"
    Store.open(root).close()
    with Store.open(root) as store:
        store.add_note_doc(SEED_ID, "no index #incremental")
    assert not [p for p in os.listdir(root) if p.startswith("index.sqlite")]


def test_a_note_added_to_an_indexed_file_is_spliced_in_unparsed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # At 50,000 notes, parsing and checking the 14 MB notes file was half of `note add`:
    # with the index holding the file exactly, the note is added to its bytes. (The file
    # was just written, so the index is trusted by the digest it keeps of the file.)
    root = tmp_path / "store"
    with Store.open(root) as store:
        for number in range(5):
            store.add_note_doc(SEED_ID, f"early{number} #incremental")
        store.index().ensure_fresh()
    decoded: list[Path] = []
    real_decode = storage.decode_json_file

    def decode_counted(path: Path) -> Any:
        decoded.append(Path(path))
        return real_decode(path)

    monkeypatch.setattr(storage, "decode_json_file", decode_counted)
    with Store.open(root) as store:
        added = store.add_note_doc(SEED_ID, "spliced #incremental")
    assert root / NOTES_FILE not in decoded
    monkeypatch.undo()
    payload = (root / NOTES_FILE).read_bytes()
    data = orjson.loads(payload)
    assert payload == orjson.dumps(data, option=orjson.OPT_INDENT_2)  # as the storage writes
    assert list(data["notes"]) == ["1", "2", "3", "4", "5", "6"]
    assert data["notes"]["6"] == added
    with Store.open(root) as store:
        assert store.index().ensure_fresh() == 0
        assert added["id"] in {note.id for note in store.list_notes()}
        state = _index_state(store)
    assert state == _rebuilt_state(root, tmp_path)


@pytest.mark.parametrize("written", ["with another table", "compact"])
def test_a_notes_file_not_as_the_store_writes_it_is_rewritten(tmp_path: Path,
                                                             written: str) -> None:
    root = tmp_path / "store"
    with Store.open(root) as store:
        first = store.add_note_doc(SEED_ID, "first #incremental")
    path = root / NOTES_FILE
    data = orjson.loads(path.read_bytes())
    if written == "with another table":
        data["9"] = {"1": {"kept": "as it was"}}
        path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    else:
        path.write_bytes(orjson.dumps(data))
    with Store.open(root) as store:
        store.index().ensure_fresh()  # the index holds the file as it is now
    with Store.open(root) as store:
        second = store.add_note_doc(SEED_ID, "second #incremental")
    after = orjson.loads(path.read_bytes())
    assert after["notes"] == {"1": first, "2": second}
    if written == "with another table":
        assert after["9"] == {"1": {"kept": "as it was"}}
    with Store.open(root) as store:
        assert store.index().ensure_fresh() == 0
        state = _index_state(store)
    assert state == _rebuilt_state(root, tmp_path)


def test_a_notes_file_the_store_would_refuse_is_refused_though_indexed(tmp_path: Path) -> None:
    # The index reads notes it can use from a file the store refuses (a note's text not
    # text): its word that it holds the file must not let a note add write beside it.
    root = tmp_path / "store"
    with Store.open(root) as store:
        store.add_note_doc(SEED_ID, "first #incremental")
    path = root / NOTES_FILE
    data = orjson.loads(path.read_bytes())
    data["notes"]["1"]["text"] = 42
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    damaged = path.read_bytes()
    with Store.open(root) as store:
        store.index().ensure_fresh()
    with Store.open(root) as store, pytest.raises(DamagedFile):
        store.add_note_doc(SEED_ID, "second #incremental")
    assert path.read_bytes() == damaged


def test_a_note_added_after_the_racy_window_is_still_indexed_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every note add leaves notes.json just written, so the index keeps its key as "racy".
    # An add seconds later (a user's pace, not a loop's) still finds that the index holds
    # the file, by the digest of its bytes: nothing to diff at the next search.
    root = tmp_path / "store"
    with Store.open(root) as store:
        store.index().ensure_fresh()
        store.add_note_doc(SEED_ID, "before #incremental")
    time.sleep(RACY_WINDOW_NS / 1e9 + 0.2)
    decoded: list[Path] = []
    real_decode = storage.decode_json_file
    monkeypatch.setattr(storage, "decode_json_file",
                        lambda path: decoded.append(Path(path)) or real_decode(path))
    with Store.open(root) as store:
        store.add_note_doc(SEED_ID, "after #incremental")
    assert root / NOTES_FILE not in decoded  # spliced in
    monkeypatch.undo()
    with Store.open(root) as store:
        assert store.index().ensure_fresh() == 0
        state = _index_state(store)
    assert state == _rebuilt_state(root, tmp_path)
