"""The contentless index (format 6): rows deleted by handing FTS5 back what was inserted.

A contentless FTS5 table cannot check a delete: given values other than those inserted, it
silently keeps stale terms, which later attribute hits to whatever owner reuses the rowid
block. These tests compare an index kept up to date through edits with one built afresh
from the same files, term by term, and pin what store.rows makes of a record so a change
to it cannot ship without a new INDEX_FORMAT.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import orjson

from dossier.store import index as index_module
from dossier.store.model import Meeting
from dossier.store.store import Store
from dossier.store.views import count_hits

from .search_records import three_meetings

#: What store.rows makes of the bundled sample meeting, hashed. When this changes, an index
#: of the old format would be given the wrong values to delete: bump INDEX_FORMAT, then
#: update this digest.
ROWS_DIGEST_FORMAT = 7
ROWS_DIGEST = "af498735ee006d17"


def _vocabulary(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Every indexed term with its row and occurrence counts, and the facet values."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, 'fts', 'row')")
        terms = conn.execute("SELECT term, doc, cnt FROM temp.vocab ORDER BY term").fetchall()
        facets = conn.execute("SELECT kind, norm, whole, count(*) FROM facet "
                              "GROUP BY kind, norm, whole ORDER BY 1, 2, 3").fetchall()
        (rows,) = conn.execute("SELECT count(*) FROM fts_docsize").fetchone()
        (owners,) = conn.execute("SELECT count(*) FROM owner").fetchone()
    finally:
        conn.close()
    return terms, [*facets, ("rows", rows, owners, 0)]


def _rebuilt_copy(store: Store, tmp_path: Path) -> Path:
    """The store's files copied without the index, indexed from nothing."""
    copy = tmp_path / "rebuilt"
    shutil.copytree(store.root, copy,
                    ignore=shutil.ignore_patterns("index.sqlite*", "backups"))
    fresh = Store.open(copy)
    fresh.index().ensure_fresh()
    fresh.close()
    return copy / "index.sqlite"


def test_edits_leave_the_index_exactly_as_a_fresh_build(store_dir: Path,
                                                         tmp_path: Path) -> None:
    store = Store.create(store_dir, seed=False)
    store.put_meetings(three_meetings())
    store.index().ensure_fresh()
    note = store.add_note("coe-2010-03-01", "Ask about #piracy insurance", target="meeting")
    other = store.add_note("wto-2012-05-10", "Tariff schedule #trade", target="meeting")
    store.index().ensure_fresh()

    # Every kind of change: a title and participants edited, a meeting moved to another
    # date (new rowid block, its notes follow), a meeting deleted, notes edited and deleted.
    doc = store.get_meeting("coe-2010-03-01").to_json_dict()
    doc["title"] = "Corsairs conference"
    doc["participants"] = []
    doc["date"] = "2011-07-02"
    store.update_meeting(Meeting.from_json_dict(doc))
    store.delete_meeting("arc-2015-09-20")
    store.edit_note(note.id, "Ask about #shipping cover")
    store.delete_note(other.id)
    store.index().ensure_fresh()

    assert store.search("corsairs")
    assert not store.search("piracy summit")
    assert not store.search("dupont")
    assert not store.search("insurance")
    assert not store.search("iqaluit")
    assert count_hits(store, "tariff") == 2  # the item and the position, not the note
    assert _vocabulary(store.root / "index.sqlite") == _vocabulary(
        _rebuilt_copy(store, tmp_path))


def test_a_reused_rowid_block_carries_no_terms_of_its_last_owner(store_dir: Path) -> None:
    """A deleted meeting's block is handed to the next meeting of that day: had its terms
    stayed, the newcomer would match them."""
    store = Store.create(store_dir, seed=False)
    first = Meeting.from_json_dict({"id": "one", "date": "2020-01-01", "title": "Walrus",
                                    "body": "Arctic Council"})
    store.add_meeting(first)
    store.index().ensure_fresh()
    store.delete_meeting("one")
    store.index().ensure_fresh()
    store.add_meeting(Meeting.from_json_dict({"id": "two", "date": "2020-01-01",
                                              "title": "Seal"}))
    assert [h.meeting_id for h in store.search("seal")] == ["two"]
    assert store.search("walrus") == []
    assert store.search("body:arctic") == []
    assert count_hits(store, "walrus") == 0


def test_hits_read_their_content_back_from_the_stored_record(seeded_store: Store) -> None:
    hits = seeded_store.search("afghanistan", limit=100)
    kinds = {hit.kind for hit in hits}
    assert {"agenda", "source"} <= kinds
    source = next(hit for hit in hits if hit.kind == "source")
    text = seeded_store.get_meeting(source.meeting_id).sources[0].text
    assert source.span is not None
    assert "afghanistan" in text[source.span[0]:source.span[1]].lower()
    assert any(source.snippet[a:b].lower() == "afghanistan" for a, b in source.highlights)


def test_the_rows_of_a_record_are_pinned_to_the_index_format() -> None:
    # Fixed records (the bundled sample may be revised without changing store.rows).
    built = [index_module._build_meeting(m.to_json_dict()) for m in three_meetings()]
    note = index_module._build_note({"id": "n1", "meeting_id": "m", "target":
                                     "meeting", "text": "A #tag here", "tags": ["tag"]})
    digest = hashlib.sha256(orjson.dumps([built, note])).hexdigest()[:16]
    assert (index_module.INDEX_FORMAT, digest) == (ROWS_DIGEST_FORMAT, ROWS_DIGEST), (
        "store.rows makes different rows of a record than this index format's: bump "
        "INDEX_FORMAT (so old indexes are rebuilt, not given wrong values to delete) and "
        f"set ROWS_DIGEST_FORMAT, ROWS_DIGEST here to {index_module.INDEX_FORMAT}, {digest!r}")


def test_a_rebuild_gives_the_old_pages_back(store_dir: Path) -> None:
    """Dropped tables leave free pages in the file: a rebuilt index must not keep the size
    of the one before it (nor must an index made before auto-vacuum was on)."""
    store = Store.create(store_dir, seed=True)
    store.put_meetings(three_meetings())
    index = store.index()
    index.ensure_fresh()
    with index.reading() as conn:
        conn.execute("PRAGMA auto_vacuum = NONE")
        conn.execute("VACUUM")  # as a format-5 file was
        assert conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 0
        conn.execute("CREATE TABLE ballast (x BLOB)")
        conn.execute("INSERT INTO ballast VALUES (zeroblob(4000000))")
        conn.execute("DROP TABLE ballast")  # 4 MB of free pages, as dropped tables leave
    index.rebuild()
    with index.reading() as conn:
        assert conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # incremental
        free, pages = (conn.execute(f"PRAGMA {name}").fetchone()[0]
                       for name in ("freelist_count", "page_count"))
    assert free < 10
    assert pages * 4096 < 2_000_000
    assert [h.meeting_id for h in store.search("piracy")]


def test_a_rebuild_of_an_auto_vacuum_file_gives_the_old_pages_back(store_dir: Path) -> None:
    """The usual case: the file already has incremental auto-vacuum (only one page came
    back when the pragma went through ``execute``)."""
    store = Store.create(store_dir, seed=True)
    store.put_meetings(three_meetings())
    index = store.index()
    index.ensure_fresh()
    with index.reading() as conn:
        assert conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2
        conn.execute("CREATE TABLE ballast (x BLOB)")
        conn.execute("INSERT INTO ballast VALUES (zeroblob(4000000))")
        conn.execute("DROP TABLE ballast")
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] > 900
    index.rebuild()
    with index.reading() as conn:
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] < 10
    assert [h.meeting_id for h in store.search("piracy")]
