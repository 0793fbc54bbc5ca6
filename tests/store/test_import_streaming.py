"""A big import streams: read a record at a time (NDJSON or a JSON array), held in the
spool (store.spool), merged a shard at a time: all or nothing, bounded memory.

The records are generated meetings (benchmarks/generate.py, ~6 KB each), a few thousand
of them, with the spool's buffer made small so they go through its files on disk as a
100k-meeting import does (issue 16).
"""

from __future__ import annotations

import errno
import hashlib
import os
import tracemalloc
from pathlib import Path

import orjson
import pytest

import dossier.store.importer as importer
import dossier.store.spool as spool
from benchmarks.generate import meeting as generated_meeting
from dossier.store.errors import Conflict, WriteFailed
from dossier.store.export import write_json
from dossier.store.importer import ImportRefused, import_path
from dossier.store.layout import shard_name
from dossier.store.model import Meeting
from dossier.store.spool import SPOOL_PREFIX, Spool, remove_leftover_spools
from dossier.store.store import Store

COUNT = 3000


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[bytes]:
    return [orjson.dumps(generated_meeting(5, i)) for i in range(4 * COUNT // 3 + 1)]


@pytest.fixture(autouse=True)
def _small_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spool, "BUFFER_BYTES", 256 * 1024)


def _ndjson(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def _files(root: Path) -> dict[str, str]:
    """Every file of the store (lock files and backups aside: a write takes the day's
    backup first, whether or not it then succeeds), by name, with its sha256."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.name.endswith(".lock")
            and p.relative_to(root).parts[0] != "backups"}


def _spools(root: Path) -> list[Path]:
    return sorted(root.glob(f"{SPOOL_PREFIX}*"))


def _populated(root: Path, records: list[bytes]) -> Store:
    """A store holding the first 200 records (so shards exist to be left alone)."""
    store = Store.create(root, seed=False)
    store.put_meetings(Meeting.from_json_dict(orjson.loads(r)) for r in records[:200])
    return store


def test_a_big_import_goes_through_the_spool_and_stores_every_record(
        tmp_path: Path, records: list[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    store = _populated(tmp_path / "store", records)
    made: list[Path] = []
    real_mkdtemp = spool.tempfile.mkdtemp

    def watched_mkdtemp(*args: object, **kwargs: object) -> str:
        made.append(Path(real_mkdtemp(*args, **kwargs)))  # type: ignore[arg-type]
        return str(made[-1])

    monkeypatch.setattr(spool.tempfile, "mkdtemp", watched_mkdtemp)
    path = _ndjson(tmp_path / "m.ndjson", records[100:COUNT])  # 100 already stored
    report = import_path(store, path, on_conflict="skip")
    assert made and made[0].parent == store.root, "the records never reached the spool"
    assert not made[0].exists() and _spools(store.root) == []
    assert sorted(report.put.skipped) == sorted(orjson.loads(r)["id"] for r in records[100:200])
    assert len(report.put.added) == COUNT - 200
    stored = {doc["id"]: doc for doc in store.iter_meeting_docs()}
    assert len(stored) == COUNT
    for line in (records[0], records[1500], records[COUNT - 1]):
        doc = orjson.loads(line)
        assert stored[doc["id"]] == Meeting.from_json_dict(doc).to_json_dict()


def test_a_bad_record_at_the_end_writes_nothing(tmp_path: Path, records: list[bytes]) -> None:
    store = _populated(tmp_path / "store", records)
    before = _files(store.root)
    bad = orjson.loads(records[COUNT])
    bad["agenda"] = [{"title": ""}]
    path = _ndjson(tmp_path / "m.ndjson", [*records[200:COUNT], orjson.dumps(bad)])
    with pytest.raises(ImportRefused, match=rf"^line {COUNT - 199}: "):
        import_path(store, path)
    assert _files(store.root) == before and _spools(store.root) == []
    assert len(list(store.iter_meeting_docs())) == 200


def test_a_conflict_in_the_last_record_writes_nothing(tmp_path: Path,
                                                      records: list[bytes]) -> None:
    store = _populated(tmp_path / "store", records)
    before = _files(store.root)
    clash = orjson.loads(records[7])
    clash["title"] = "Another meeting under a stored id"
    path = _ndjson(tmp_path / "m.ndjson", [*records[200:COUNT], orjson.dumps(clash)])
    with pytest.raises(Conflict, match=f"meeting {clash['id']} already exists"):
        import_path(store, path)
    assert _files(store.root) == before and _spools(store.root) == []
    # Every shard the import had staged before it met the conflict was read again as stored.
    assert len(list(store.iter_meeting_docs())) == 200


def test_a_duplicate_in_the_input_is_refused_before_anything_is_written(
        tmp_path: Path, records: list[bytes]) -> None:
    store = _populated(tmp_path / "store", records)
    before = _files(store.root)
    path = _ndjson(tmp_path / "m.ndjson", [*records[200:COUNT], records[201]])
    with pytest.raises(Conflict, match=f"meeting {orjson.loads(records[201])['id']} appears "
                                       f"twice in the input"):
        import_path(store, path)
    assert _files(store.root) == before and _spools(store.root) == []


class _DiskFillsAfter:
    """os.write that writes ``budget`` bytes in all, then fails as a full disk does."""

    def __init__(self, budget: int) -> None:
        self.real, self.budget, self.failed = os.write, budget, 0

    def __call__(self, fd: int, data: bytes | memoryview) -> int:
        if self.budget <= 0:
            self.failed += 1
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        chunk = bytes(data[: self.budget])
        self.budget -= len(chunk)
        return self.real(fd, chunk)


@pytest.mark.parametrize("where", ["reading", "staging"])
def test_a_full_disk_midway_writes_nothing(tmp_path: Path, records: list[bytes],
                                           monkeypatch: pytest.MonkeyPatch,
                                           where: str) -> None:
    """The disk fills while the records are spooled, or later while the new shards are
    staged: the store is as it was, no spool, staged or temp file is left, and the same
    import succeeds once there is room."""
    store = _populated(tmp_path / "store", records)
    before = _files(store.root)
    lines = records[200:COUNT]
    path = _ndjson(tmp_path / "m.ndjson", lines)
    spooled = sum(len(line) + 1 for line in lines)
    # Spooling writes about the input's size; staging writes the shards, indented, after.
    full = _DiskFillsAfter(spooled // 2 if where == "reading" else spooled * 2)
    monkeypatch.setattr(os, "write", full)
    with pytest.raises(WriteFailed) as caught:
        import_path(store, path)
    monkeypatch.undo()
    assert full.failed, "the disk never filled"
    message = str(caught.value)
    assert "No space left on device" in message
    if where == "reading":
        assert "nothing was changed" in message
    else:
        assert message.endswith(f"none of the {len(lines):,} meetings was written, the store "
                                f"is as it was")
    assert _files(store.root) == before and _spools(store.root) == []
    assert len(list(store.iter_meeting_docs())) == 200
    report = import_path(store, path)
    assert len(report.put.added) == COUNT - 200
    assert len(list(store.iter_meeting_docs())) == COUNT


def _peak_of_import(root: Path, records: list[bytes], tmp_path: Path) -> int:
    store = Store.create(root, seed=False)
    path = _ndjson(tmp_path / f"{root.name}.ndjson", records)
    tracemalloc.start()
    try:
        import_path(store, path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(list(store.iter_meeting_docs())) == len(records)
    store.close()
    return peak


def test_import_memory_does_not_grow_with_the_number_of_records(
        tmp_path: Path, records: list[bytes]) -> None:
    """4x the records: the peak grows by a small part of the records' JSON (the ids, the
    report, shards of 4x the documents), not by the JSON itself. Holding every record, as
    before, grew it by ~4.6x the JSON added (28.7 -> 112.8 MB for 18 MB more)."""
    _peak_of_import(tmp_path / "warm", records[:50], tmp_path)  # one-time costs paid here
    small_records, big_records = records[:COUNT // 3], records[:4 * COUNT // 3]
    small = _peak_of_import(tmp_path / "small", small_records, tmp_path)
    big = _peak_of_import(tmp_path / "big", big_records, tmp_path)
    added = sum(map(len, big_records)) - sum(map(len, small_records))
    assert big - small < added / 4, (small, big, added)
    assert big < sum(map(len, big_records)) / 4, (big, sum(map(len, big_records)))


def test_reads_in_the_same_transaction_see_the_records_put(tmp_path: Path,
                                                           records: list[bytes]) -> None:
    """The storage lets go of a merged shard's documents but reads its staged file back:
    a writer that goes on in the same transaction sees what it put; a failure after it
    undoes the whole of it."""
    store = _populated(tmp_path / "store", records)
    before = _files(store.root)
    docs = [orjson.loads(r) for r in records[200:COUNT]]
    with pytest.raises(RuntimeError, match="after the put"), store.transaction() as tx:
        store.put_meetings(Meeting.from_json_dict(doc) for doc in docs)
        for doc in (docs[0], docs[-1]):
            shard = store.root / "meetings" / shard_name(doc["id"])
            assert doc["id"] in {d["id"] for d in tx.docs(shard)}
        assert store.get_meeting(docs[0]["id"]).title == docs[0]["title"]
        raise RuntimeError("after the put")
    assert _files(store.root) == before
    assert len(list(store.iter_meeting_docs())) == 200


def test_a_killed_imports_spool_is_removed_and_a_running_ones_kept(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "store", seed=False)
    running = Spool(store.root)
    running.add("00.json", "a", b"{}")
    running._flush()  # on disk, and locked while this import runs
    left = store.root / f"{SPOOL_PREFIX}killed{spool.SPOOL_SUFFIX}"
    left.mkdir()
    (left / "00.json").write_bytes(b"{}\n")
    Store.open(store.root).close()  # opening tidies up
    assert _spools(store.root) == [running._dir]
    running.close()
    assert _spools(store.root) == []
    assert remove_leftover_spools(store.root) == 0


# -- a JSON array (what `dossier export --format json` writes) -----------------------------


def _json_array(path: Path, lines: list[bytes]) -> Path:
    """The records as `dossier export --format json` writes them: indented, one after
    another in an array."""
    with path.open("wb") as out:
        write_json((Meeting.from_json_dict(orjson.loads(line)) for line in lines), out)
    return path


def test_a_json_array_read_a_chunk_at_a_time_stores_what_ndjson_does(
        tmp_path: Path, records: list[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    """Records longer than a chunk, chunk ends inside strings and multi-byte characters:
    the same meetings, in the same shard files, as the same records imported as NDJSON."""
    lines = records[:600]
    monkeypatch.setattr(importer, "JSON_CHUNK", 1000)  # records are ~6-10 KB
    from_json = Store.create(tmp_path / "a", seed=False)
    import_path(from_json, _json_array(tmp_path / "m.json", lines))
    from_ndjson = Store.create(tmp_path / "b", seed=False)
    import_path(from_ndjson, _ndjson(tmp_path / "m.ndjson", lines))
    shards = sorted(p.name for p in (from_json.root / "meetings").iterdir())
    assert len(shards) > 200
    for name in shards:
        assert (from_json.root / "meetings" / name).read_bytes() == \
            (from_ndjson.root / "meetings" / name).read_bytes(), name


def _broken_arrays(raw: bytes, last_id: str) -> dict[str, bytes]:
    at = raw.rindex(b'"id": "' + last_id.encode())
    date = raw.index(b'"date": "', at) + len(b'"date": "')
    return {
        "cut short": raw[: len(raw) // 2],
        "text after the array": raw + b" x",
        "a syntax error in the middle": raw.replace(b'"title"', b'"title" "', 40),
        "NaN": raw.replace(b'"title"', b'"n": NaN, "title"', 1),
        "a trailing comma": raw[: raw.rindex(b"]")] + b",]",
        "a bad date in the last record": raw[:date] + b"2020-13-45" + raw[date + 10:],
        "a key twice in the last record": raw[:at] + b'"body": "x",\n  ' + raw[at:],
        "notes in the last record": raw[:at] + b'"notes": [],\n  ' + raw[at:],
        "too deep": b"[" * 5000 + b"]" * 5000,
        "empty": b"[ \n ]\n",
    }


def _outcome(path: Path) -> tuple[str, str]:
    try:
        return "read", str(len(list(importer.iter_records(path))))
    except ImportRefused as exc:
        return "refused", str(exc)


def test_a_broken_json_array_is_refused_as_when_it_was_parsed_whole(
        tmp_path: Path, records: list[bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    """The message names the same problem at the same line as the whole-file parse it
    replaced (kept for what is not an array, and for anything the reader does not
    expect), with chunks of 1 MB or of 64 bytes."""
    lines = records[:150]
    raw = _json_array(tmp_path / "good.json", lines).read_bytes()
    for name, data in _broken_arrays(raw, orjson.loads(lines[-1])["id"]).items():
        path = tmp_path / "broken.json"
        path.write_bytes(data)
        try:
            whole = "read", str(len(list(importer._iter_json_whole(path, data, len(data),
                                                                    None))))
        except ImportRefused as exc:
            whole = "refused", str(exc)
        assert (whole[0] == "read") == (name == "empty"), (name, whole)
        for chunk in (1024 * 1024, 64):
            monkeypatch.setattr(importer, "JSON_CHUNK", chunk)
            assert _outcome(path) == whole, (name, chunk)


def test_json_array_memory_does_not_grow_with_the_number_of_records(
        tmp_path: Path, records: list[bytes]) -> None:
    """Reading 4x the records of an array holds about what reading 1x does (parsed whole,
    the file and its documents were held: ~4x)."""
    peaks = []
    for count in (COUNT // 3, 4 * COUNT // 3):
        path = _json_array(tmp_path / f"{count}.json", records[:count])
        tracemalloc.start()
        try:
            read = sum(1 for _ in importer.iter_records(path))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert read == count
        peaks.append(peak)
    assert peaks[1] < 2 * peaks[0], peaks


def test_writing_is_told_a_shard_at_a_time(tmp_path: Path, records: list[bytes]) -> None:
    """After the bytes read, the shards written: from 0 to all of them, in order."""
    store = Store.create(tmp_path / "store", seed=False)
    lines = records[:600]
    shards = {shard_name(orjson.loads(line)["id"]) for line in lines}
    read: list[tuple[int, int]] = []
    written: list[tuple[int, int]] = []
    import_path(store, _ndjson(tmp_path / "m.ndjson", lines),
                progress=lambda done, total: read.append((done, total)),
                writing=lambda done, total: written.append((done, total)))
    assert read[-1][0] == read[-1][1] and written[0] == (0, len(shards))
    assert written == [(done, len(shards)) for done in range(len(shards) + 1)]
