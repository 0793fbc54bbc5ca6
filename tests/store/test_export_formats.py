"""Exports people open (issue 15, point 5), each read back with the tool that owns the
format: CSV with the csv module, SQLite with sqlite3, iCalendar with icalendar, Atom with
feedparser, the briefing's front matter with PyYAML. The real `dossier export` runs in a
subprocess on a store with every kind of item."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import feedparser
import icalendar
import yaml

from dossier.store.export import CSV_COLUMNS, export
from dossier.store.model import Meeting
from dossier.store.store import Store
from tests.conftest import SEED_ID, RunDossier, dossier_command
from tests.tui.dossier_pilot import seed_doc

URL = "https://example.org/press/2015-07-10"


def full_store(root: Path) -> Store:
    """The seed, plus a two-day meeting with a position, references, outcomes, a source
    link, two notes in Markdown, and text that looks like CSV, XML and YAML syntax."""
    store = Store.open(root)
    doc = seed_doc()
    doc.update(id="summit-2015-07-09", title='Summit: "Ufa" <declaration> & co, part 1',
               date="2015-07-09", end_date="2015-07-10", body="BRICS", level="summit",
               location="Ufa, Russia", status="final", tags=["brics", "=SUM(A1)"])
    doc["agenda"][0]["positions"] = [{"party": "Russian Federation", "stance": "Supports it",
                                      "id": "pos-1"}]
    doc["references"] = [{"id": "ref-1", "title": "Fortaleza Declaration",
                          "date": "2014-07-15", "location": "Fortaleza",
                          "note": "reaffirmed"}]
    doc["outcomes"] = [{"id": "out-1", "description": "A joint declaration",
                        "expected": False},
                       {"id": "out-2", "description": "A bank", "expected": True}]
    doc["sources"][0]["url"] = URL
    doc["sources"][0]["date"] = "2015-07-11"
    store.put_meetings([Meeting.from_json_dict(doc)])
    store.add_note(SEED_ID, "Watch the **CSTO** point\n\n- first\n- second", "meeting")
    store.add_note("summit-2015-07-09", "See [the text](https://example.org/t)", "meeting")
    return store


def exported(store: Store, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    export(store, fmt, out, **options)  # type: ignore[arg-type]
    return out.getvalue()


# -- CSV -------------------------------------------------------------------------------------


def test_csv_has_a_row_per_meeting_and_per_item_and_every_row_every_column(
        tmp_path: Path) -> None:
    store = full_store(tmp_path / "s")
    raw = exported(store, "csv")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    assert tuple(header) == CSV_COLUMNS
    assert {len(row) for row in body} == {len(header)}  # a spreadsheet's columns line up
    records = [dict(zip(header, row, strict=True)) for row in body]
    for meeting in (store.get_meeting(SEED_ID), store.get_meeting("summit-2015-07-09")):
        mine = [r for r in records if r["meeting_id"] == meeting.id]
        assert {r["date"] for r in mine} == {meeting.date.isoformat()}
        assert {r["meeting_title"] for r in mine} == {meeting.title}
        kinds = [r["kind"] for r in mine]
        assert kinds.count("meeting") == 1
        assert kinds.count("agenda") == len(meeting.agenda)
        assert kinds.count("position") == sum(len(i.positions) for i in meeting.agenda)
        assert kinds.count("participant") == len(meeting.participants)
        assert kinds.count("priority") == len(meeting.priorities)
        assert kinds.count("reference") == len(meeting.references)
        assert kinds.count("outcome") == len(meeting.outcomes)
        row = next(r for r in mine if r["kind"] == "meeting")
        assert (row["title"], row["body"], row["place"], row["level"]) == (
            meeting.title, meeting.body, meeting.location, meeting.level)
        assert row["participants"] == "; ".join(p.name for p in meeting.participants)
    summit = [r for r in records if r["meeting_id"] == "summit-2015-07-09"]
    meeting_row = next(r for r in summit if r["kind"] == "meeting")
    assert meeting_row["tags"] == "brics; =SUM(A1)"  # a formula only at a cell's start
    assert (meeting_row["end_date"], meeting_row["url"], meeting_row["status"]) == (
        "2015-07-10", URL, "final")
    position = next(r for r in summit if r["kind"] == "position")
    assert (position["party"], position["summary"], position["parent_id"]) == (
        "Russian Federation", "Supports it", store.get_meeting(
            "summit-2015-07-09").agenda[0].id)
    reference = next(r for r in summit if r["kind"] == "reference")
    assert (reference["title"], reference["item_date"], reference["place"],
            reference["summary"]) == ("Fortaleza Declaration", "2014-07-15", "Fortaleza",
                                      "reaffirmed")
    assert [(r["title"], r["expected"]) for r in summit if r["kind"] == "outcome"] == [
        ("A joint declaration", "no"), ("A bank", "yes")]


# -- SQLite ----------------------------------------------------------------------------------


def test_sqlite_has_real_tables_with_foreign_keys_and_full_text(run_dossier: RunDossier,
                                                                tmp_path: Path) -> None:
    full_store(tmp_path / "s").close()
    database = tmp_path / "out.sqlite"
    result = run_dossier("--store", str(tmp_path / "s"), "export", "--format", "sqlite",
                         "-o", str(database), "--with-notes", check=True)
    assert "Exported 2 meetings" in result.stderr
    store = Store.open(tmp_path / "s")
    conn = sqlite3.connect(database)
    tables = {name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"meetings", "participants", "agenda_items", "positions", "priorities",
            "references", "outcomes", "notes", "sources", "meetings_fts",
            "agenda_items_fts"} <= tables
    for table in ("participants", "agenda_items", "positions", "priorities", "references",
                  "outcomes", "notes", "sources"):
        parents = {row[2] for row in conn.execute(f'PRAGMA foreign_key_list("{table}")')}
        assert "meetings" in parents or "agenda_items" in parents, table
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    meetings = list(store.iter_meetings())
    counts = dict(conn.execute(
        "SELECT m.id, count(p.id) FROM meetings m LEFT JOIN participants p "
        "ON p.meeting_id = m.id GROUP BY m.id"))
    assert counts == {m.id: len(m.participants) for m in meetings}
    assert conn.execute("SELECT count(*) FROM agenda_items").fetchone()[0] == sum(
        len(m.agenda) for m in meetings)
    assert conn.execute('SELECT title, date FROM "references" WHERE meeting_id = '
                        "'summit-2015-07-09'").fetchall() == [
        ("Fortaleza Declaration", "2014-07-15")]
    assert conn.execute('SELECT count(*) FROM "references"').fetchone()[0] == sum(
        len(m.references) for m in meetings)
    assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 2
    # Full text, the way Datasette and sqlite-utils query it.
    found = conn.execute("SELECT m.id FROM meetings_fts JOIN meetings m ON m.rowid = "
                         "meetings_fts.rowid WHERE meetings_fts MATCH 'ufa'").fetchall()
    assert found == [("summit-2015-07-09",)]
    topics = conn.execute("SELECT count(*) FROM agenda_items_fts WHERE agenda_items_fts "
                          "MATCH 'afghanistan'").fetchone()[0]
    assert topics == 2 * sum("Afghanistan" in " ".join(i.topics) for i in meetings[0].agenda)
    # Lists are JSON arrays.
    (tags,) = conn.execute("SELECT tags FROM meetings WHERE id = 'summit-2015-07-09'")
    assert json.loads(tags[0]) == ["brics", "=SUM(A1)"]
    # And the sqlite3 command line reads it too.
    if shutil.which("sqlite3"):
        shown = subprocess.run(["sqlite3", str(database), "SELECT count(*) FROM meetings"],
                               capture_output=True, text=True, check=True)
        assert shown.stdout.strip() == "2"


def test_sqlite_without_notes_and_never_onto_a_terminal(run_dossier: RunDossier,
                                                        tmp_path: Path) -> None:
    full_store(tmp_path / "s").close()
    database = tmp_path / "out.sqlite"
    run_dossier("--store", str(tmp_path / "s"), "export", "--format", "sqlite", "-o",
                str(database), check=True)
    conn = sqlite3.connect(database)
    assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
    piped = subprocess.run([*dossier_command(), "--store", str(tmp_path / "s"), "export",
                            "--format", "sqlite"], capture_output=True, check=True,
                           timeout=60)  # stdout is a pipe here: allowed
    assert piped.stdout.startswith(b"SQLite format 3\0")
    (tmp_path / "piped.sqlite").write_bytes(piped.stdout)
    assert sqlite3.connect(tmp_path / "piped.sqlite").execute(
        "SELECT count(*) FROM meetings").fetchone()[0] == 2


# -- iCalendar -------------------------------------------------------------------------------


def test_icalendar_is_byte_identical_and_dated_from_the_record(run_dossier: RunDossier,
                                                               tmp_path: Path) -> None:
    full_store(tmp_path / "s").close()
    args = ("--store", str(tmp_path / "s"), "export", "--format", "ics")
    first = run_dossier(*args, check=True).stdout
    second = run_dossier(*args, check=True).stdout
    assert first == second
    calendar = icalendar.Calendar.from_ical(first)
    assert str(calendar["X-WR-CALNAME"]) == str(calendar["NAME"]) != ""
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    summit = events["summit-2015-07-09@meeting-dossier"]
    # DTSTAMP: the source's date (2015-07-11), not today.
    assert summit.decoded("DTSTAMP") == dt.datetime(2015, 7, 11, tzinfo=dt.timezone.utc)
    assert str(summit["URL"]) == URL
    # Two days, 9 and 10 July: DTEND is exclusive, the day after the last.
    assert summit.decoded("DTSTART") == dt.date(2015, 7, 9)
    assert summit.decoded("DTEND") == dt.date(2015, 7, 11)
    seed = events[f"{SEED_ID}@meeting-dossier"]
    assert seed.decoded("DTSTAMP").date() <= dt.date(2013, 12, 31)
    assert "URL" not in seed and "DTEND" not in seed


# -- Atom ------------------------------------------------------------------------------------


def test_atom_feed_is_valid_newest_first_with_source_links(run_dossier: RunDossier,
                                                           tmp_path: Path) -> None:
    store = full_store(tmp_path / "s")
    store.close()
    raw = run_dossier("--store", str(tmp_path / "s"), "export", "--format", "atom",
                      check=True).stdout
    feed = feedparser.parse(raw)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [e.id for e in feed.entries] == [
        "urn:meeting-dossier:meeting:summit-2015-07-09",
        f"urn:meeting-dossier:meeting:{SEED_ID}"]
    summit = feed.entries[0]
    assert summit.title == 'Summit: "Ufa" <declaration> & co, part 1'
    assert summit.link == URL
    assert summit.updated_parsed[:3] == (2015, 7, 11)
    assert "brics" in [t.term for t in summit.tags]
    assert "Ufa, Russia" in summit.summary
    assert feed.feed.updated_parsed[:3] == (2015, 7, 11)  # the newest record, not the clock
    again = run_dossier("--store", str(tmp_path / "s"), "export", "--format", "atom",
                        check=True).stdout
    assert again == raw


# -- Markdown --------------------------------------------------------------------------------


def _front_matter(text: str) -> tuple[dict[str, object], str]:
    match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    assert match, text[:200]
    return yaml.safe_load(match.group(1)), text[match.end():]


def test_markdown_has_front_matter_separate_blocks_and_the_notes_own_markdown(
        tmp_path: Path) -> None:
    store = full_store(tmp_path / "s")
    one = exported(store, "md", meeting_id="summit-2015-07-09").decode()
    meta, body = _front_matter(one)
    assert meta == {"title": 'Summit: "Ufa" <declaration> & co, part 1',
                    "date": dt.date(2015, 7, 9)}
    every = exported(store, "md", with_notes=True).decode()
    meta, body = _front_matter(every)
    assert meta == {"title": "Meetings briefing", "date": dt.date(2015, 7, 9)}
    seed = store.get_meeting(SEED_ID)
    item = next(i for i in seed.agenda if i.summary and i.topics)
    # The title, the summary and the topics are separate paragraphs of the list item.
    start = body.index(f"{item.order}. **")
    block = body[start:body.index("\n\n", body.index("_Topics:_", start))]
    paragraphs = block.split("\n\n")
    assert len(paragraphs) >= 3
    assert paragraphs[1].strip().startswith(item.summary.split()[0])
    assert paragraphs[2].strip().startswith("_Topics:_")
    # The notes' Markdown is kept, not escaped.
    assert "Watch the **CSTO** point\n\n- first\n- second" in body
    assert "See [the text](https://example.org/t)" in body
    assert r"\*\*CSTO" not in body


def test_markdown_front_matter_cannot_be_broken_by_a_title() -> None:
    from dossier.store.export import front_matter

    hostile = 'x"\n---\nevil: true\n\x07'
    meta = yaml.safe_load(front_matter(hostile, dt.date(2013, 1, 1)).split("---\n")[1])
    assert meta == {"title": hostile, "date": dt.date(2013, 1, 1)}
