"""Size limits and big input: clear sentences instead of unbounded memory; linear cost."""

from __future__ import annotations

import os
import time
from pathlib import Path

import orjson
import pytest

from dossier.store.errors import DamagedFile, RecordInvalid, StoreError
from dossier.store.layout import NOTES_FILE
from dossier.store.limits import MAX_NOTE_CHARS
from dossier.store.model import Meeting, Note
from dossier.store.store import Store

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


def test_a_ten_thousand_item_agenda_costs_linear_work(tmp_path: Path, tally: Tally) -> None:
    store = Store.open(tmp_path / "store")
    sizes = (1_000, 2_000, 5_000, 10_000)
    figures = []
    for n in sizes:
        meeting = _meeting(n)
        started = time.perf_counter()
        store.add_meeting(meeting)
        loaded = store.get_meeting(meeting.id)
        elapsed = time.perf_counter() - started
        assert loaded == meeting and len(loaded.agenda) == n
        figures.append((n, elapsed))
    result = run_dossier("--store", str(tmp_path / "store"), "show", "agenda-10000")
    assert result.returncode == 0 and "\x1b" not in result.stdout
    # The operation count that matters: one rendered line per item (no blow-up), every item.
    lines = [line for line in result.stdout.splitlines() if "[bold]item " in line]
    assert len(lines) == 10_000
    per_item = ", ".join(f"{n}: {t * 1e6 / n:.1f} µs/item" for n, t in figures)
    print(f"reliability: agenda write+read cost {per_item}")
    tally(big_inputs=1)


def test_rendering_cost_grows_linearly_with_note_size(tally: Tally) -> None:
    """Measured, reported, not asserted (timing belongs to benchmarks/): figures per KB."""
    from dossier.tui.text import printable

    figures = []
    for size in (10_000, 100_000, 1_000_000):
        text = ("\x1b[31m[bold]ab\u202e " * size)[:size]
        started = time.perf_counter()
        shown = printable(text)
        figures.append((size, time.perf_counter() - started))
        assert "\x1b" not in shown and len(shown) >= size
    print("reliability: printable cost " + ", ".join(f"{s // 1000} KB: "
                                                    f"{t * 1e6 / (s / 1000):.1f} µs/KB"
                                                    for s, t in figures))
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
