"""Store reads served by the index catalog: fast when fresh, never wrong when not.

With an index on disk, ``list_meetings`` and ``get_meeting`` read the catalog instead of
parsing the TinyDB files (docs/performance.md). The files stay the source of truth: a file
changed behind the index is read again, and a damaged one is refused exactly as without
an index.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.store.errors import DamagedFile
from dossier.store.layout import MEETINGS_DIR, shard_name
from dossier.store.store import Store
from tests.conftest import age_data_files

from .search_records import three_meetings


def indexed_store(root: Path) -> Store:
    with Store.create(root, seed=True) as store:
        store.put_meetings(three_meetings())
        age_data_files(store)  # out of the index's re-check window
        store.index().ensure_fresh()
    return Store.open(root)


def test_list_and_open_come_from_the_catalog_without_parsing_files(store_dir: Path) -> None:
    store = indexed_store(store_dir)
    listed = store.list_meetings()
    meeting = store.get_meeting("arc-2015-09-20")
    assert store._dbs == {}, "a TinyDB file was parsed although the index was fresh"
    assert meeting.participants[0].name == "José Müller"
    # the same answer as reading the files
    (store_dir / "index.sqlite").unlink()
    from_files = Store.open(store_dir)
    assert from_files.list_meetings() == listed
    assert from_files.get_meeting("arc-2015-09-20") == meeting


def test_a_file_edited_behind_the_index_is_read_again(store_dir: Path) -> None:
    store = indexed_store(store_dir)
    store.list_meetings()
    path = store_dir / MEETINGS_DIR / shard_name("wto-2012-05-10")
    data = json.loads(path.read_text())
    for doc in data["meetings"].values():
        if doc["id"] == "wto-2012-05-10":
            doc["title"] = "Trade talks, edited by hand"
    path.write_text(json.dumps(data, indent=2))
    titles = {s.id: s.title for s in Store.open(store_dir).list_meetings()}
    assert titles["wto-2012-05-10"] == "Trade talks, edited by hand"
    assert Store.open(store_dir).get_meeting("wto-2012-05-10").title == \
        "Trade talks, edited by hand"


def test_a_damaged_file_is_refused_even_with_a_fresh_index(store_dir: Path) -> None:
    indexed_store(store_dir)
    path = store_dir / MEETINGS_DIR / shard_name("coe-2010-03-01")
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(DamagedFile) as refused:
        Store.open(store_dir).list_meetings()
    assert str(path) in str(refused.value)
    with pytest.raises(DamagedFile):
        Store.open(store_dir).get_meeting("coe-2010-03-01")


def test_an_unusable_index_falls_back_to_the_files(store_dir: Path) -> None:
    indexed_store(store_dir).close()
    (store_dir / "index.sqlite").write_bytes(b"not a database at all" * 100)
    for suffix in ("-wal", "-shm"):
        (store_dir / f"index.sqlite{suffix}").unlink(missing_ok=True)
    ids = {s.id for s in Store.open(store_dir).list_meetings()}
    assert {"coe-2010-03-01", "wto-2012-05-10", "arc-2015-09-20"} <= ids


def test_a_damaged_file_stays_refused_after_a_search_indexed_around_it(store_dir: Path) -> None:
    indexed_store(store_dir).close()
    path = store_dir / MEETINGS_DIR / shard_name("coe-2010-03-01")
    data = json.loads(path.read_text())
    for doc in data["meetings"].values():
        if doc["id"] == "coe-2010-03-01":
            del doc["title"]
    path.write_text(json.dumps(data, indent=2))
    store = Store.open(store_dir)
    assert all(hit.meeting_id != "coe-2010-03-01" for hit in store.search("piracy"))
    with pytest.raises(DamagedFile) as refused:
        Store.open(store_dir).list_meetings()
    assert str(path) in str(refused.value)


def test_newest_meetings_reads_the_files_once_when_there_is_no_catalog(store_dir: Path) -> None:
    """The app paints the newest meetings first: from the catalog a page (the rest comes
    later); without one, every file must be read, so all come back at once."""
    store = indexed_store(store_dir)
    page, complete = store.newest_meetings(2)
    assert [s.id for s in page] == [s.id for s in store.list_meetings()][:2]
    assert not complete
    assert store.newest_meetings(100)[1]  # fewer than asked for: that is all of them
    (store_dir / "index.sqlite").unlink()
    from_files = Store.open(store_dir)
    everything, complete = from_files.newest_meetings(2)
    assert complete and everything == from_files.list_meetings()
    assert len(everything) == 4 and from_files.list_meetings(limit=2) == everything[:2]
