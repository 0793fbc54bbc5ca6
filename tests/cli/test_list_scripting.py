"""`dossier list` for scripts and `dossier delete` (issue 15, point 3): plain tab-separated
rows on a pipe or with --plain, --limit, a query in the search language, --json; delete
asks on a terminal and needs --yes elsewhere. The real command in a subprocess."""

from __future__ import annotations

import datetime as dt
import json
import os
import select
import subprocess
import time
from pathlib import Path

from dossier.store.model import Meeting
from dossier.store.store import Store
from tests.conftest import SEED_ID, RunDossier, dossier_command
from tests.tui.dossier_pilot import seed_doc

BODIES = ("BRICS", "Shanghai Cooperation Organisation", "NATO-Russia Council")


def varied_store(root: Path, count: int = 60) -> list[dict[str, object]]:
    """The seed plus ``count`` meetings of three bodies over three years, with long ids
    (longer than a table column on an 80-column terminal) and a title holding a tab and a
    newline; the documents written, for the tests to compute their expectations from."""
    docs = []
    for index in range(count):
        doc = seed_doc()
        body = BODIES[index % 3]
        date = dt.date(2012 + (index // 3) % 3, 1, 1) + dt.timedelta(days=index)
        doc["id"] = f"talks-{date.isoformat()}-{body.split()[0].lower()}-{index:03d}"
        doc["body"] = body
        doc["date"] = date.isoformat()
        doc["title"] = f"Session {index}\tof the {body}\nin {date.year}"
        docs.append(doc)
    store = Store.open(root)
    store.put_meetings([Meeting.from_json_dict(d) for d in docs])
    store.close()
    return [seed_doc(), *docs]


def on_a_terminal(args: list[str], answer: bytes | None = None,
                  cwd: Path | None = None) -> tuple[int, str]:
    """Run with stdin and stdout on a pseudo-terminal (80 columns); its exit status and
    what the terminal showed. ``answer`` is typed once the command has asked."""
    controller, terminal = os.openpty()
    env = dict(os.environ, COLUMNS="80", LINES="24")
    process = subprocess.Popen([*dossier_command(), *args], stdin=terminal, stdout=terminal,
                               stderr=terminal, cwd=cwd, env=env)
    os.close(terminal)
    shown = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([controller], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # the terminal closed: the process has exited
                break
            if not chunk:
                break
            shown += chunk
            if answer is not None and b"[y/N]" in shown:
                os.write(controller, answer)
                answer = None
        elif process.poll() is not None:
            break
    os.close(controller)
    return process.wait(timeout=30), shown.decode("utf-8", "replace").replace("\r\n", "\n")


def test_on_a_pipe_one_tab_separated_line_per_meeting(run_dossier: RunDossier,
                                                      tmp_path: Path) -> None:
    docs = varied_store(tmp_path / "T")
    result = run_dossier("--store", str(tmp_path / "T"), "list", check=True)
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert len(rows) == len(docs)
    assert all(len(row) == 5 for row in rows)
    expected = sorted(docs, key=lambda d: (str(d["id"])))
    expected.sort(key=lambda d: str(d["date"]), reverse=True)
    assert [row[1] for row in rows] == [d["id"] for d in expected]  # ids whole, newest first
    assert [row[0] for row in rows] == [d["date"] for d in expected]
    first = expected[0]
    assert rows[0][3] == str(first["title"]).replace("\t", " ").replace("\n", " ")
    assert "─" not in result.stdout and "┃" not in result.stdout
    # The example: grep finds a long id (the table folded it at 80 columns).
    wanted = str(docs[5]["id"])
    counted = subprocess.run(["bash", "-c", " ".join([*dossier_command(), "--store",
                              str(tmp_path / "T"), "list", "|", "grep", "-c", wanted])],
                             capture_output=True, text=True, timeout=60)
    assert counted.stdout.strip() == "1"


def test_limit_and_json(run_dossier: RunDossier, tmp_path: Path) -> None:
    docs = varied_store(tmp_path / "T", count=12)
    store = str(tmp_path / "T")
    newest = max(docs, key=lambda d: str(d["date"]))
    rows = run_dossier("--store", store, "list", "--limit", "3", check=True).stdout
    assert len(rows.splitlines()) == 3 and rows.split("\t")[1] == newest["id"]
    listed = json.loads(run_dossier("--store", store, "list", "--json", "--limit", "2",
                                    check=True).stdout)
    assert [m["id"] for m in listed][:1] == [newest["id"]] and len(listed) == 2
    assert set(listed[0]) >= {"id", "date", "body", "title", "location", "notes", "tags"}
    assert run_dossier("--store", store, "list", "--limit", "0").returncode == 2


def test_a_query_selects_meetings_with_the_search_filters(run_dossier: RunDossier,
                                                          tmp_path: Path) -> None:
    docs = varied_store(tmp_path / "T")
    store = str(tmp_path / "T")
    result = run_dossier("--store", store, "list", "body:brics year:2013", check=True)
    got = [line.split("\t")[1] for line in result.stdout.splitlines()]
    expected = [d for d in docs if d["body"] == "BRICS" and str(d["date"]).startswith("2013")]
    assert got and sorted(got) == sorted(str(d["id"]) for d in expected)
    # Options after the query, words and negation, like `dossier search`.
    negated = run_dossier("--store", store, "list", "year:2013", "-body:brics", "--json",
                          check=True)
    assert sorted(m["id"] for m in json.loads(negated.stdout)) == sorted(
        str(d["id"]) for d in docs if d["body"] != "BRICS"
        and str(d["date"]).startswith("2013"))
    words = run_dossier("--store", store, "list", "lavrov afghanistan", check=True)
    assert len(words.stdout.splitlines()) == len(docs)  # every copy of the seed has both
    assert run_dossier("--store", store, "list", "lavrov -afghanistan",
                       check=True).stdout == ""
    bad = run_dossier("--store", store, "list", "year:13")
    assert bad.returncode == 2 and bad.stderr.startswith("dossier: list: ")


def test_on_a_terminal_a_table_and_plain_on_request(tmp_path: Path) -> None:
    store = tmp_path / "T"
    Store.open(store).close()
    status, shown = on_a_terminal(["--store", str(store), "list"])
    assert status == 0 and "┃" in shown and "1 meeting" in shown
    status, shown = on_a_terminal(["--store", str(store), "list", "--plain"])
    assert status == 0 and "┃" not in shown
    assert shown.splitlines()[0].split("\t")[:2] == ["2013-12-04", SEED_ID]


def test_delete_needs_yes_off_a_terminal(run_dossier: RunDossier, tmp_path: Path) -> None:
    store = str(tmp_path / "T")
    run_dossier("--store", store, "note", "add", SEED_ID, "a note", check=True)
    refused = run_dossier("--store", store, "delete", SEED_ID)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert json.loads(run_dossier("--store", store, "list", "--json",
                                  check=True).stdout)[0]["id"] == SEED_ID
    done = run_dossier("--store", store, "delete", SEED_ID, "--yes", check=True)
    assert done.stdout.strip() == f"Deleted meeting {SEED_ID} and 1 note."
    assert json.loads(run_dossier("--store", store, "list", "--json", check=True).stdout) == []
    assert json.loads(run_dossier("--store", store, "note", "list", "--json",
                                  check=True).stdout) == []
    gone = run_dossier("--store", store, "delete", SEED_ID, "--yes")
    assert gone.returncode == 1 and SEED_ID in gone.stderr


def test_delete_asks_on_a_terminal(run_dossier: RunDossier, tmp_path: Path) -> None:
    store = tmp_path / "T"
    Store.open(store).close()
    status, shown = on_a_terminal(["--store", str(store), "delete", SEED_ID], answer=b"n\n")
    assert status == 1 and "Delete meeting nrc-2013-12-04" in shown and "[y/N]" in shown
    assert Store.open(store).has_meeting(SEED_ID)
    status, shown = on_a_terminal(["--store", str(store), "delete", SEED_ID], answer=b"y\n")
    assert status == 0 and f"Deleted meeting {SEED_ID}." in shown
    assert not Store.open(store).has_meeting(SEED_ID)
