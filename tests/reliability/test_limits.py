"""Size limits and big input: clear sentences instead of unbounded memory; linear cost."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import orjson
import pytest

from dossier.store.errors import DamagedFile, RecordInvalid, StoreError
from dossier.store.layout import NOTES_FILE
from dossier.store.limits import MAX_NOTE_CHARS
from dossier.store.model import Meeting, Note
from dossier.store.store import Store

from ..cpu_time import best_cpu_seconds
from . import damage
from .conftest import Tally
from .helpers import SEED_ID, fingerprints, run_dossier, sha256

MB = 1 << 20


def test_the_note_limit_matches_the_model() -> None:
    field = Note.model_fields["text"]
    lengths = [m.max_length for m in field.metadata if hasattr(m, "max_length")]
    assert lengths == [MAX_NOTE_CHARS]


def test_a_one_megabyte_note_is_stored_and_shown_exactly(tmp_path: Path, tally: Tally) -> None:
    root = tmp_path / "store"
    text = ("[@click=app.quit]x[/] \x1b[31m" + "é" * 100 + "\n") * (MB // 130)
    with Store.open(root) as store:
        note_id = store.add_note(SEED_ID, text).id
    with Store.open(root) as store:
        assert store.get_note(note_id).text == text
    result = run_dossier("--store", str(root), "note", "list", SEED_ID, "--json")
    assert result.returncode == 0 and orjson.loads(result.stdout)[0]["text"] == text
    shown = run_dossier("--store", str(root), "show", SEED_ID)
    assert shown.returncode == 0 and "\x1b" not in shown.stdout
    assert shown.stdout.count("[@click=app.quit]x[/]") == MB // 130
    tally(big_inputs=1)


def test_a_note_over_the_limit_is_refused_in_one_sentence(tmp_path: Path,
                                                          tally: Tally) -> None:
    store = Store.open(tmp_path / "store")
    store.add_note(SEED_ID, "before")
    notes = store.root / NOTES_FILE
    before = sha256(notes)
    with pytest.raises(RecordInvalid) as caught:
        store.add_note(SEED_ID, "x" * (MAX_NOTE_CHARS + 1))
    assert str(caught.value) == ("note: text is too long (2,000,001 characters, at most "
                                 "2,000,000); split it into several notes")
    with pytest.raises(RecordInvalid, match="unpaired surrogate U\\+D800 at character 3"):
        store.add_note(SEED_ID, "abc\ud800")
    note = store.list_notes()[0]
    with pytest.raises(RecordInvalid, match="too long"):
        store.edit_note(note.id, "y" * (MAX_NOTE_CHARS + 1))
    assert sha256(notes) == before
    tally(limit_cases=3)


def _meeting(items: int) -> Meeting:
    return Meeting.from_json_dict({
        "id": f"agenda-{items}", "title": "Big agenda", "date": "2024-01-01",
        "agenda": [{"id": f"item-{i}", "order": i, "title": f"[bold]item {i}[/] \x1b[2J",
                    "summary": "s" * 40} for i in range(items)],
    })


class Work(NamedTuple):
    """What one run of an operation cost: Python function calls made (counted by a profile
    hook: the same on a busy machine as on an idle one), bytes written to files, seconds
    (the best of a few runs, the least disturbed by other processes)."""

    calls: int
    written: int
    seconds: float


def measure(operation: Callable[[], object], monkeypatch: pytest.MonkeyPatch,
            repeats: int = 3) -> Work:
    written = 0
    real_write = os.write

    def counting_write(fd: int, data: bytes | memoryview) -> int:
        nonlocal written
        count = real_write(fd, data)
        written += count
        return count

    calls = 0

    def count_calls(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    with monkeypatch.context() as patch:
        patch.setattr(os, "write", counting_write)
        sys.setprofile(count_calls)
        try:
            operation()
        finally:
            sys.setprofile(None)
    counted = Work(calls, written, 0.0)
    return counted._replace(seconds=best_cpu_seconds(operation, repeats))


def assert_linear(small: tuple[int, Work], big: tuple[int, Work], *, what: str) -> None:
    """Growth from the small size to the big one, as a ratio, against the ratio of the
    sizes: calls and bytes within 2x of it (they are exact counts), seconds within 5x (a
    generous bound: a quadratic cost grows by the size ratio squared, 10x here, and fails
    either way)."""
    (n_small, w_small), (n_big, w_big) = small, big
    size_ratio = n_big / n_small
    growth = {"calls": w_big.calls / max(1, w_small.calls),
              "bytes": w_big.written / max(1, w_small.written),
              "seconds": w_big.seconds / max(1e-9, w_small.seconds)}
    print(f"reliability: {what}: {size_ratio:.0f}x the size costs "
          + ", ".join(f"{v:.1f}x the {k}" for k, v in growth.items()))
    assert growth["calls"] <= 2 * size_ratio, growth
    if w_small.written:
        assert growth["bytes"] <= 2 * size_ratio, growth
    assert growth["seconds"] <= 5 * size_ratio, growth


def test_the_linear_check_refuses_quadratic_growth(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    """assert_linear itself can fail: on a cost that grows with the square of the size, in
    calls, in bytes written or in seconds alone."""
    def calls(n: int) -> Callable[[], object]:
        return lambda: [abs(i) for i in range(n * n // 1000)]

    def writes(n: int) -> Callable[[], object]:
        def write() -> None:  # through os.write, as store.storage writes
            fd = os.open(tmp_path / "f", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            try:
                os.write(fd, b"x" * (n * n // 1000))
            finally:
                os.close(fd)
        return write

    def seconds(n: int) -> Callable[[], object]:
        return lambda: sum(range(n * n // 10))  # one C call, quadratic time

    for quadratic in (calls, writes, seconds):
        small, big = (measure(quadratic(n), monkeypatch) for n in (1_000, 10_000))
        with pytest.raises(AssertionError):
            assert_linear((1_000, small), (10_000, big), what=quadratic.__name__)


def test_a_ten_thousand_item_agenda_costs_linear_work(tmp_path: Path, tally: Tally,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    figures: dict[int, Work] = {}
    for n in (1_000, 10_000):
        meeting = _meeting(n)
        store = Store.open(tmp_path / f"store-{n}")  # each size in a store of its own

        def write_and_read(store: Store = store, meeting: Meeting = meeting) -> None:
            store.put_meetings([meeting], on_conflict="replace")
            loaded = store.get_meeting(meeting.id)
            assert loaded == meeting and len(loaded.agenda) == len(meeting.agenda)

        figures[n] = measure(write_and_read, monkeypatch)
    assert_linear((1_000, figures[1_000]), (10_000, figures[10_000]),
                  what="agenda write+read")
    result = run_dossier("--store", str(tmp_path / "store-10000"), "show", "agenda-10000")
    assert result.returncode == 0 and "\x1b" not in result.stdout
    # The operation count that matters: one rendered line per item (no blow-up), every item.
    lines = [line for line in result.stdout.splitlines() if "[bold]item " in line]
    assert len(lines) == 10_000
    tally(big_inputs=1)


def test_rendering_cost_grows_linearly_with_note_size(tally: Tally,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from dossier.tui.text import printable

    figures = {}
    for size in (100_000, 1_000_000):
        text = ("\x1b[31m[bold]ab\u202e " * size)[:size]
        shown = printable(text)
        assert "\x1b" not in shown and len(shown) >= size
        figures[size] = measure(lambda text=text: printable(text), monkeypatch)
    assert_linear((100_000, figures[100_000]), (1_000_000, figures[1_000_000]),
                  what="printable")
    tally(big_inputs=1)


def test_a_one_gigabyte_file_offered_to_import_is_refused_unread(tmp_path: Path,
                                                                 tally: Tally) -> None:
    root = tmp_path / "store"
    Store.create(root, seed=False)
    big = tmp_path / "huge.json"
    with open(big, "wb") as handle:
        handle.truncate(1 << 30)  # sparse: no gigabyte is written to disk
    assert os.stat(big).st_blocks * 512 < MB
    before = fingerprints(root)
    result = run_dossier("--store", str(root), "import", str(big))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"dossier: {big} is 1,024.0 MB, more than the 512 MB allowed for a records file; "
        f"split it into smaller files."]
    assert fingerprints(root) == before
    tally(big_inputs=1, limit_cases=1)


def test_a_one_gigabyte_store_file_is_refused_not_parsed(tmp_path: Path,
                                                         tally: Tally) -> None:
    """A store file that is all NULs (a sparse gigabyte) fails the glance at open."""
    root = tmp_path / "store"
    Store.open(root).close()
    shard = damage.shard(root)
    with open(shard, "r+b") as handle:
        handle.truncate(1 << 30)
    result = run_dossier("--store", str(root), "list")
    assert result.returncode == 1 and "it is not a complete JSON object" in result.stderr
    tally(big_inputs=1)


def test_deeply_nested_json(tmp_path: Path, tally: Tally) -> None:
    root = _seeded(tmp_path)
    before = fingerprints(root)
    # Offered to import: 100,000 brackets deep, and a record with a 500-deep field.
    deep = tmp_path / "deep.json"
    deep.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    record = tmp_path / "deep-record.json"
    record.write_bytes(b'{"id": "deep", "title": "t", "date": "2024-01-01", "tags": '
                       + b"[" * 500 + b"]" * 500 + b"}")
    for path, problem in ((deep, "more than 1,024 levels deep"),
                          (record, "meeting deep: tags[0]")):
        result = run_dossier("--store", str(root), "import", str(path))
        assert result.returncode == 1, result.stdout
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and problem in lines[0] and "Traceback" not in lines[0]
    assert fingerprints(root) == before
    # In a record read by the store: a validation sentence, never a RecursionError.
    nested: object = "x"
    for _ in range(500):
        nested = [nested]
    with pytest.raises(RecordInvalid, match="meeting deep: tags"):
        Meeting.from_json_dict({"id": "deep", "title": "t", "date": "2024-01-01",
                                "tags": nested})
    # In a store file: refused with a sentence naming the file, left as it is.
    shard = damage.shard(root)
    shard.write_bytes(b'{"meetings": {"1": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}")
    before = sha256(shard)
    with pytest.raises(DamagedFile, match="is not valid JSON"):
        Store.open(root).list_meetings()
    result = run_dossier("--store", str(root), "list")
    assert result.returncode == 1 and "is not valid JSON" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and sha256(shard) == before
    tally(big_inputs=1, limit_cases=3)


def _seeded(tmp_path: Path) -> Path:
    root = tmp_path / "seeded"
    if not root.exists():
        Store.open(root).close()
    return root


def test_a_symlinked_store_file_is_never_written_through(tmp_path: Path,
                                                         tally: Tally) -> None:
    root = tmp_path / "store"
    Store.open(root).add_note(SEED_ID, "before")
    target = tmp_path / "outside.json"
    notes = root / NOTES_FILE
    notes.rename(target)
    notes.symlink_to(target)
    before = sha256(target)
    with pytest.raises(StoreError, match="symbolic link"):
        Store.open(root)
    assert sha256(target) == before and notes.is_symlink()
    tally(limit_cases=1)
