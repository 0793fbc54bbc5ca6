"""The real `dossier` command, run as a subprocess on temporary stores."""

from __future__ import annotations

import json
from pathlib import Path

import dossier
from tests.conftest import SEED_ID, RunDossier


def test_version(run_dossier: RunDossier) -> None:
    result = run_dossier("--version", check=True)
    assert dossier.__version__ in result.stdout


def test_list_json_on_a_fresh_store(run_dossier: RunDossier, tmp_path: Path) -> None:
    result = run_dossier("--store", str(tmp_path / "T"), "list", "--json", check=True)
    meetings = json.loads(result.stdout)
    assert [(m["id"], m["date"], m["location"]) for m in meetings] == [
        (SEED_ID, "2013-12-04", "Brussels")]
    assert (tmp_path / "T" / "dossier.json").exists()


def test_store_from_environment(run_dossier: RunDossier, tmp_path: Path) -> None:
    result = run_dossier("list", "--json", env={"DOSSIER_STORE": str(tmp_path / "E")},
                         check=True)
    assert json.loads(result.stdout)[0]["id"] == SEED_ID
    assert (tmp_path / "E" / "dossier.json").exists()


def test_default_store_is_the_user_data_dir(run_dossier: RunDossier, tmp_path: Path) -> None:
    data_home = tmp_path / "xdg"
    run_dossier("list", env={"XDG_DATA_HOME": str(data_home)}, check=True)
    assert (data_home / "dossier" / "dossier.json").exists()


def test_list_human(run_dossier: RunDossier, tmp_path: Path) -> None:
    result = run_dossier("--store", str(tmp_path / "T"), "list", check=True)
    assert "Brussels" in result.stdout and "2013-12-04" in result.stdout


def test_show_json_holds_the_record(run_dossier: RunDossier, tmp_path: Path) -> None:
    result = run_dossier("--store", str(tmp_path / "T"), "show", SEED_ID, "--json", check=True)
    record = json.loads(result.stdout)
    assert record["date"] == "2013-12-04" and record["date_inferred"] is True
    assert any(p["name"] == "Sergey Lavrov" for p in record["participants"])
    assert record["notes"] == []
    assert record["sources"][0]["text"].startswith("Comment by the Information")


def test_show_human(run_dossier: RunDossier, tmp_path: Path) -> None:
    result = run_dossier("--store", str(tmp_path / "T"), "show", SEED_ID, check=True)
    for phrase in ("Sergey Lavrov", "Counter-piracy", "Lisbon", "CSTO"):
        assert phrase in result.stdout


def test_note_add_then_list(run_dossier: RunDossier, tmp_path: Path) -> None:
    store_arg = ("--store", str(tmp_path / "T"))
    run_dossier(*store_arg, "note", "add", SEED_ID, "text", check=True)
    run_dossier(*store_arg, "note", "add", SEED_ID, "on lavrov", "--on",
                "participant:sergey-lavrov", check=True)
    notes = json.loads(run_dossier(*store_arg, "note", "list", SEED_ID, "--json",
                                   check=True).stdout)
    assert sorted(n["text"] for n in notes) == ["on lavrov", "text"]
    note_id = next(n["id"] for n in notes if n["text"] == "text")
    run_dossier(*store_arg, "note", "edit", note_id, "edited", check=True)
    run_dossier(*store_arg, "note", "delete", next(n["id"] for n in notes
                                                    if n["text"] != "text"), check=True)
    notes = json.loads(run_dossier(*store_arg, "note", "list", "--json", check=True).stdout)
    assert [n["text"] for n in notes] == ["edited"]


def test_markup_in_a_note_is_shown_literally(run_dossier: RunDossier, tmp_path: Path) -> None:
    store_arg = ("--store", str(tmp_path / "T"))
    run_dossier(*store_arg, "note", "add", SEED_ID, "[@click=app.quit]x[/] \x1b[2J", check=True)
    shown = run_dossier(*store_arg, "show", SEED_ID, check=True).stdout
    assert "[@click=app.quit]x[/]" in shown
    assert "\x1b" not in shown
    listed = run_dossier(*store_arg, "note", "list", env={"COLUMNS": "200"}, check=True).stdout
    assert "[@click=app.quit]x[/]" in listed


def test_errors_are_one_sentence(run_dossier: RunDossier, tmp_path: Path) -> None:
    store_arg = ("--store", str(tmp_path / "T"))
    result = run_dossier(*store_arg, "show", "no-such-meeting")
    assert result.returncode == 1
    assert result.stderr.strip() == 'dossier: no meeting with id "no-such-meeting"'
    result = run_dossier(*store_arg, "note", "add", SEED_ID, "x", "--on", "agenda:nope")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    usage = run_dossier(*store_arg, "show")
    assert usage.returncode == 2


def test_check_good_and_truncated(run_dossier: RunDossier, tmp_path: Path) -> None:
    store_arg = ("--store", str(tmp_path / "T"))
    assert run_dossier(*store_arg, "check").returncode == 0
    shard = next((tmp_path / "T" / "meetings").glob("*.json"))
    content = shard.read_bytes()
    shard.write_bytes(content[: len(content) // 2])
    damaged = shard.read_bytes()
    result = run_dossier(*store_arg, "check")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "is damaged: it is not valid JSON" in lines[0]
    listing = run_dossier(*store_arg, "list")
    assert listing.returncode == 1
    assert len(listing.stderr.strip().splitlines()) == 1
    assert "Traceback" not in listing.stderr
    assert shard.read_bytes() == damaged


def test_init(run_dossier: RunDossier, tmp_path: Path) -> None:
    result = run_dossier("init", str(tmp_path / "E"), "--empty", check=True)
    assert "0 meetings" in result.stdout
    listed = run_dossier("--store", str(tmp_path / "E"), "list", "--json", check=True)
    assert json.loads(listed.stdout) == []
    # An empty store's list says how to fill it instead of drawing an empty table; on a
    # pipe it says so on stderr, and stdout holds no row.
    shown = run_dossier("--store", str(tmp_path / "E"), "list", check=True)
    assert "0 meetings" in shown.stderr and "dossier import" in shown.stderr
    assert shown.stdout == ""
    again = run_dossier("init", str(tmp_path / "E"))
    assert again.returncode == 1 and "already a dossier store" in again.stderr
