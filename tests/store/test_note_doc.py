"""A new note's JSON built without the record model is the model's, key for key (issue 16).

`dossier note add` writes the note from store.note_doc, never through pydantic; these tests
hold it against ``Note`` and ``Meeting.targets`` so the two ways cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import orjson
import pytest

from benchmarks.generate import meeting as generated_meeting
from dossier.store.errors import DamagedFile, NotFound, RecordInvalid
from dossier.store.layout import NOTES_FILE
from dossier.store.model import Meeting, Note
from dossier.store.note_doc import doc_targets, new_note_doc, stamp
from dossier.store.paths import bundled_sample_records
from dossier.store.store import Store

SEED_ID = "nrc-2013-12-04"


def _sample_docs() -> list[dict]:
    docs = [orjson.loads(path.read_bytes()) for path in bundled_sample_records()]
    return docs + [generated_meeting(7, index) for index in range(40)]


@pytest.mark.parametrize("doc", _sample_docs(), ids=lambda d: d["id"])
def test_targets_from_the_raw_meeting_are_the_models(doc: dict) -> None:
    assert doc_targets(doc) == Meeting.from_json_dict(doc).targets()


def test_a_damaged_item_offers_no_target() -> None:
    doc = orjson.loads(bundled_sample_records()[0].read_bytes())
    doc["agenda"][0]["id"] = "Not A Slug"
    doc["participants"] = "not a list"
    targets = doc_targets(doc)
    assert not any(t.startswith("participant:") for t in targets)
    assert "agenda:Not A Slug" not in targets
    assert "agenda:" + doc["agenda"][1]["id"] in targets
    now = dt.datetime.now(dt.timezone.utc)
    for target in targets:  # every target offered makes a valid note
        Note.from_json_dict(new_note_doc("n-1", SEED_ID, target, "x", now))


@pytest.mark.parametrize("text", ["", "plain", "See #Syria and #csto, not a#b; again #syria",
                                  "ünïcode #Ärger\nsecond line", "x" * 2_000_000])
@pytest.mark.parametrize("target", ["meeting", "agenda:syria-afghanistan", "position:x-1"])
def test_the_built_note_is_what_the_model_writes(text: str, target: str) -> None:
    created = dt.datetime(2026, 12, 2, 18, 42, 36, tzinfo=dt.timezone.utc)
    doc = new_note_doc("n-0123456789ab", SEED_ID, target, text, created)
    model = Note(id="n-0123456789ab", meeting_id=SEED_ID, target=target, text=text,
                 created=created, updated=created, tags=doc["tags"])
    assert doc == model.to_json_dict()
    assert list(doc) == list(model.to_json_dict())  # the same key order on disk
    assert Note.from_json_dict(doc) == model


def test_times_are_written_in_utc_with_z() -> None:
    local = dt.datetime(2026, 12, 2, 20, 42, 36, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert stamp(local) == "2026-12-02T18:42:36Z"


def test_ids_that_are_not_slugs_are_refused() -> None:
    now = dt.datetime.now(dt.timezone.utc)
    with pytest.raises(ValueError):
        new_note_doc("n-1", "Not A Slug", "meeting", "x", now)


def test_add_note_doc_stores_a_valid_note(seeded_store: Store) -> None:
    target = next(t for t in Meeting.from_json_dict(
        orjson.loads(bundled_sample_records()[0].read_bytes())).targets() if ":" in t)
    doc = seeded_store.add_note_doc(SEED_ID, "on an item #Tag", target)
    stored = seeded_store.get_note(doc["id"])  # read back and validated by the model
    assert stored.to_json_dict() == doc
    assert (stored.target, stored.tags) == (target, ["tag"])
    assert stored.created.tzinfo is not None


def test_add_note_doc_refuses_what_the_model_would(seeded_store: Store) -> None:
    before = (seeded_store.root / NOTES_FILE).read_bytes() \
        if (seeded_store.root / NOTES_FILE).exists() else b""
    with pytest.raises(NotFound, match="has no item"):
        seeded_store.add_note_doc(SEED_ID, "x", "agenda:no-such-item")
    with pytest.raises(NotFound, match="no meeting"):
        seeded_store.add_note_doc("no-such-meeting", "x")
    with pytest.raises(RecordInvalid, match="too long"):
        seeded_store.add_note_doc(SEED_ID, "x" * 2_000_001)
    after = (seeded_store.root / NOTES_FILE).read_bytes() \
        if (seeded_store.root / NOTES_FILE).exists() else b""
    assert after == before


def test_a_meeting_whose_id_is_no_slug_takes_no_note(tmp_path: Path) -> None:
    root = tmp_path / "store"
    Store.open(root).close()
    bad = {**orjson.loads(bundled_sample_records()[0].read_bytes()), "id": "Bad Id"}
    with Store.open(root) as store:
        shard = store._shard("Bad Id")
    data = orjson.loads(shard.read_bytes()) if shard.exists() else {"meetings": {}}
    data["meetings"]["999"] = bad  # a hand edit the cheap checks let through
    shard.write_bytes(orjson.dumps(data))
    notes = root / NOTES_FILE
    before = notes.read_bytes() if notes.exists() else b""
    with Store.open(root) as store, pytest.raises(DamagedFile, match="Bad Id"):
        store.add_note_doc("Bad Id", "x")
    assert (notes.read_bytes() if notes.exists() else b"") == before


def test_a_shard_damaged_behind_a_fresh_index_takes_no_note(tmp_path: Path) -> None:
    """The index vouches only for a shard exactly as it indexed it: one edited since is
    validated by the model, and a note beside a record it refuses is not written."""
    root = tmp_path / "store"
    with Store.open(root) as store:
        store.index().ensure_fresh()
        shard = store._shard(SEED_ID)
    data = orjson.loads(shard.read_bytes())
    for doc in data["meetings"].values():
        if doc["id"] == SEED_ID:
            doc["agenda"][2].pop("title")  # the cheap checks of every read let this through
    shard.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    notes = root / NOTES_FILE
    before = notes.read_bytes() if notes.exists() else b""
    with Store.open(root) as store, pytest.raises(DamagedFile, match="agenda"):
        store.add_note_doc(SEED_ID, "beside damage")
    assert (notes.read_bytes() if notes.exists() else b"") == before
