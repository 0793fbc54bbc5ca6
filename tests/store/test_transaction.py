"""Store.transaction: the one way to write, holding the lock other processes wait on."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from filelock import FileLock, Timeout

from dossier.store import edit
from dossier.store import store as store_module
from dossier.store.backup import list_backups
from dossier.store.check import check_store, repair_store
from dossier.store.errors import ReadOnlyStore, StoreError, StoreLocked
from dossier.store.journal import StagedWrite
from dossier.store.layout import LOCK_FILE, MEETINGS_DIR, NOTES_FILE, shard_name
from dossier.store.model import Meeting
from dossier.store.store import Store
from tests.conftest import SEED_ID

# Holds the store's lock from another process until a line arrives on its stdin.
HOLDER = """
import sys
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
sys.stdin.readline()
lock.release()
print("released", flush=True)
"""


@pytest.fixture
def other_process_holds_the_lock(seeded_store: Store) -> Iterator[subprocess.Popen[str]]:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(seeded_store.root / LOCK_FILE)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    yield holder
    holder.kill()
    holder.wait()


def release(holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None and holder.stdout is not None
    holder.stdin.write("go\n")
    holder.stdin.flush()
    assert holder.stdout.readline().strip() == "released"


def lock_is_free(root: Path) -> bool:
    """Whether another process could take the store's lock right now."""
    try:
        with FileLock(str(root / LOCK_FILE), timeout=0):
            return True
    except Timeout:
        return False


def shard_of(store: Store, meeting_id: str) -> Path:
    return store.root / MEETINGS_DIR / shard_name(meeting_id)


def on_disk(path: Path, table: str) -> dict[str, Any]:
    return orjson.loads(path.read_bytes())[table]


def retitled(title: str) -> Callable[[Meeting], Meeting]:
    return lambda meeting: meeting.model_copy(update={"title": title})


# -- what a transaction is --------------------------------------------------------------------


def test_a_transaction_holds_the_lock_other_processes_wait_on(seeded_store: Store) -> None:
    assert lock_is_free(seeded_store.root)
    with seeded_store.transaction():
        assert not lock_is_free(seeded_store.root)
    assert lock_is_free(seeded_store.root)


def test_a_rewrite_writes_the_file_once_with_what_the_change_made(
        seeded_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    notes = seeded_store.root / NOTES_FILE
    writes: list[Path] = []
    stage = StagedWrite.stage
    monkeypatch.setattr(StagedWrite, "stage", lambda self, path, payload: (
        writes.append(path), stage(self, path, payload)))
    with seeded_store.transaction() as tx:
        assert tx.docs(notes) == []  # no notes file yet: no documents

        def add_two(docs: dict[int, dict[str, Any]]) -> None:
            docs[1] = {"id": "n-1", "meeting_id": SEED_ID, "target": "meeting", "text": "a",
                       "created": "2024-01-01T00:00:00Z", "updated": "2024-01-01T00:00:00Z"}
            docs[2] = {**docs[1], "id": "n-2", "text": "b"}

        tx.rewrite(notes, add_two)
        assert [d["id"] for d in tx.docs(notes)] == ["n-1", "n-2"]
    assert writes == [notes]
    assert {key: doc["text"] for key, doc in on_disk(notes, "notes").items()} == \
        {"1": "a", "2": "b"}
    assert [n.id for n in seeded_store.list_notes()] == ["n-2", "n-1"]


def test_a_transaction_cannot_be_written_through_once_it_is_over(seeded_store: Store) -> None:
    shard = shard_of(seeded_store, SEED_ID)
    before = shard.read_bytes()
    with seeded_store.transaction() as tx:
        pass
    with pytest.raises(StoreError, match="transaction is over"):
        tx.rewrite(shard, lambda docs: docs.clear())
    with pytest.raises(StoreError, match="transaction is over"):
        tx.write_manifest()
    assert shard.read_bytes() == before


def test_the_storage_refuses_a_write_made_without_the_lock(seeded_store: Store) -> None:
    # The last line of defence behind the transaction: a TinyDB write that bypassed it.
    shard = shard_of(seeded_store, SEED_ID)
    before = shard.read_bytes()
    with pytest.raises(RuntimeError, match="without holding the store lock"):
        seeded_store._table(shard)._update_table(lambda docs: docs.clear())
    assert shard.read_bytes() == before


def test_a_read_only_store_opens_no_transaction(seeded_store: Store) -> None:
    read_only = Store(seeded_store.root, read_only=True)
    with pytest.raises(ReadOnlyStore), read_only.transaction():
        pass


def test_a_transaction_takes_the_daily_backup_unless_told_not_to(seeded_store: Store) -> None:
    assert list_backups(seeded_store.root) == []  # the seeded store has none yet
    with seeded_store.transaction(backup=False):
        pass
    assert list_backups(seeded_store.root) == []
    with seeded_store.transaction():
        pass
    assert len(list_backups(seeded_store.root)) == 1


def test_a_nested_transaction_joins_and_listeners_hear_after_the_lock_is_let_go(
        seeded_store: Store) -> None:
    heard: list[tuple[str, str, bool]] = []
    seeded_store.add_listener(
        lambda kind, ident: heard.append((kind, ident, lock_is_free(seeded_store.root))))
    with seeded_store.transaction() as outer:
        with seeded_store.transaction() as inner:
            assert inner is outer
            seeded_store.add_note(SEED_ID, "inside")
        assert heard == []  # not while the outer transaction holds the lock
        assert not lock_is_free(seeded_store.root)  # the inner one did not let go of it
    assert [(kind, free) for kind, _, free in heard] == [("note", True)]


def test_put_meetings_writes_each_touched_shard_once(
        empty_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    base = {"title": "t", "date": "2020-01-01", "body": "B"}
    meetings = [Meeting.from_json_dict({**base, "id": f"m-{n}"}) for n in range(40)]
    writes: list[Path] = []
    stage = StagedWrite.stage
    monkeypatch.setattr(StagedWrite, "stage", lambda self, path, payload: (
        writes.append(path), stage(self, path, payload)))
    report = empty_store.put_meetings(meetings)
    assert len(report.added) == 40
    shards = {shard_of(empty_store, m.id) for m in meetings}
    assert sorted(writes) == sorted(shards)  # one write per shard, however many meetings


# -- writers that must hold the lock -----------------------------------------------------------


def test_apply_edit_waits_for_another_process_and_then_saves(
        seeded_store: Store, other_process_holds_the_lock: subprocess.Popen[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_S", 0.3)
    store = Store.open(seeded_store.root)
    shard = shard_of(store, SEED_ID)
    before = shard.read_bytes()
    with pytest.raises(StoreLocked):
        edit.apply_edit(store, SEED_ID, retitled("while locked"))
    assert shard.read_bytes() == before
    release(other_process_holds_the_lock)
    edit.apply_edit(store, SEED_ID, retitled("after the holder let go"))
    assert Store.open(store.root).get_meeting(SEED_ID).title == "after the holder let go"


def test_apply_edit_holds_the_lock_while_it_reads_edits_and_saves(seeded_store: Store) -> None:
    seen: list[bool] = []

    def edit_checking_the_lock(meeting: Meeting) -> Meeting:
        seen.append(lock_is_free(seeded_store.root))
        return meeting.model_copy(update={"title": "edited"})

    edit.apply_edit(seeded_store, SEED_ID, edit_checking_the_lock)
    assert seen == [False]
    assert lock_is_free(seeded_store.root)


def test_repair_waits_for_another_process_and_then_repairs(
        seeded_store: Store, other_process_holds_the_lock: subprocess.Popen[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    root = seeded_store.root
    shard = shard_of(seeded_store, SEED_ID)
    shard.write_bytes(shard.read_bytes()[:100])  # cut short
    damaged = shard.read_bytes()
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT_S", 0.3)
    with pytest.raises(StoreLocked):
        repair_store(root)
    assert shard.read_bytes() == damaged
    assert list(shard.parent.glob("*.damaged-*")) == []  # nothing was moved aside either
    release(other_process_holds_the_lock)
    assert repair_store(root).ok
    assert check_store(root).ok
    assert list_backups(root) == []  # a repair never snapshots the damaged files


# -- reading ---------------------------------------------------------------------------------


def test_read_docs_reads_a_data_file_and_nothing_for_a_missing_one(seeded_store: Store) -> None:
    docs = seeded_store.read_docs(shard_of(seeded_store, SEED_ID))
    assert [doc["id"] for doc in docs] == [SEED_ID]
    assert seeded_store.read_docs(seeded_store.root / NOTES_FILE) == []
