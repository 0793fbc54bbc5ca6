"""store.layout: the names of a store directory and the fingerprint of its data files."""

from __future__ import annotations

import os
from pathlib import Path

from dossier.store.layout import (
    MEETINGS_DIR,
    NOTES_FILE,
    file_key,
    fingerprint,
    read_with_key,
    relative_name,
    shard_key,
    shard_name,
    table_of,
)
from dossier.store.store import Store
from tests.conftest import SEED_ID


def test_the_fingerprint_keys_every_data_file_by_size_mtime_and_inode(
        seeded_store: Store) -> None:
    root = seeded_store.root
    seeded_store.add_note(SEED_ID, "a note, so notes.json exists")
    prints = fingerprint(root)
    assert set(prints) == {relative_name(root, path) for path in seeded_store.data_files()}
    assert set(prints) == {shard_key(SEED_ID), NOTES_FILE}
    st = os.stat(root / NOTES_FILE)
    assert prints[NOTES_FILE] == (st.st_size, st.st_mtime_ns, st.st_ino)
    assert prints[NOTES_FILE] == file_key(root / NOTES_FILE)


def test_every_commit_changes_the_written_file_key_only(seeded_store: Store) -> None:
    root = seeded_store.root
    seeded_store.add_note(SEED_ID, "first")
    before = fingerprint(root)
    seeded_store.add_note(SEED_ID, "second")
    after = fingerprint(root)
    assert after[NOTES_FILE] != before[NOTES_FILE]  # a new file (inode) on every write
    assert after[shard_key(SEED_ID)] == before[shard_key(SEED_ID)]


def test_the_fingerprint_leaves_out_what_is_not_a_data_file(tmp_path: Path) -> None:
    root = tmp_path / "store"
    (root / MEETINGS_DIR).mkdir(parents=True)
    (root / MEETINGS_DIR / "3f.json").write_text("{}")
    (root / MEETINGS_DIR / ".3f.json.x1.tmp").write_text("{")  # a killed writer's temp file
    (root / MEETINGS_DIR / "sub.json").mkdir()  # a directory, not a file
    (root / "index.sqlite").write_bytes(b"")  # derived, not a source of records
    assert set(fingerprint(root)) == {f"{MEETINGS_DIR}/3f.json"}
    assert file_key(root / NOTES_FILE) is None
    assert fingerprint(tmp_path / "nowhere") == {}


def test_a_meeting_lives_in_the_shard_its_id_names(seeded_store: Store) -> None:
    root = seeded_store.root
    assert [p.name for p in seeded_store.meeting_files()] == [shard_name(SEED_ID)]
    assert shard_key(SEED_ID) == f"{MEETINGS_DIR}/{shard_name(SEED_ID)}"
    assert len({shard_name(f"m-{n}") for n in range(2000)}) == 256  # spread over all shards
    assert table_of(root, root / NOTES_FILE) == "notes"
    assert table_of(root, root / MEETINGS_DIR / shard_name(SEED_ID)) == "meetings"


def test_read_with_key_pairs_the_bytes_with_their_own_key(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_bytes(b'{"notes": {}}')
    key, payload = read_with_key(path)
    assert payload == b'{"notes": {}}' and key == file_key(path)
    path.write_bytes(b'{"notes": {"1": {}}}')  # a new size: the key names the old bytes
    assert key != file_key(path)
