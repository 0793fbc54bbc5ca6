"""The command in a pipeline (issue 15, point 2): `export -o -` writes stdout, `note add ID -`
reads stdin, and a reader that stops early (`| head -1`) ends the command quietly with
status 0. The real `dossier` in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SEED_ID, RunDossier, dossier_command
from tests.tui.dossier_pilot import many_meetings_store


def run_into_closed_pipe(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run with stdout on a pipe whose reading end is already closed: the first write
    fails with EPIPE, as it does when `head` has exited (without depending on the pipe's
    buffer size or on timing)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run([*dossier_command(), *args], stdout=write_end,
                              stderr=subprocess.PIPE, cwd=cwd, timeout=120)
    finally:
        os.close(write_end)


@pytest.mark.parametrize("command", [
    ["list"],
    ["list", "--json"],
    ["export", "--format", "json"],
    ["export", "--format", "ndjson", "-o", "-"],
    ["export", "--format", "csv"],
    ["export", "--format", "md"],
    ["show", SEED_ID],
    ["search", "lavrov"],
    ["keys"],
])
def test_a_closed_pipe_ends_the_command_quietly_with_status_0(tmp_path: Path,
                                                              command: list[str]) -> None:
    store = tmp_path / "T"
    subprocess.run([*dossier_command(), "--store", str(store), "list"], check=True,
                   capture_output=True, cwd=tmp_path)
    result = run_into_closed_pipe(["--store", str(store), *command], tmp_path)
    assert result.stderr == b""
    assert result.returncode == 0


def test_head_of_a_long_export_through_a_real_shell_pipe(tmp_path: Path) -> None:
    many_meetings_store(tmp_path / "T", count=400).close()
    command = " ".join([*dossier_command(), "--store", str(tmp_path / "T"),
                        "export", "--format", "ndjson"])
    result = subprocess.run(["bash", "-o", "pipefail", "-c", f"{command} | head -1"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1 and json.loads(result.stdout)["id"]


def test_export_to_dash_writes_stdout_and_no_file(run_dossier: RunDossier,
                                                  tmp_path: Path) -> None:
    result = run_dossier("--store", str(tmp_path / "T"), "export", "--format", "json",
                         "-o", "-", check=True)
    assert json.loads(result.stdout)[0]["id"] == SEED_ID
    assert not (tmp_path / "-").exists()
    assert result.stderr == ""


def test_note_add_dash_reads_the_text_from_stdin(run_dossier: RunDossier,
                                                 tmp_path: Path) -> None:
    store = str(tmp_path / "T")
    text = "Watch the **CSTO** point\n\nsecond paragraph #afghanistan\n"
    created = json.loads(run_dossier("--store", store, "note", "add", SEED_ID, "-", "--json",
                                     input=text, check=True).stdout)
    assert created["text"] == text[:-1]  # the final newline echo adds is not part of it
    listed = json.loads(run_dossier("--store", store, "note", "list", "--json",
                                    check=True).stdout)
    assert [n["text"] for n in listed] == [text[:-1]]
    run_dossier("--store", store, "note", "edit", created["id"], "-", input="new text\n",
                check=True)
    listed = json.loads(run_dossier("--store", store, "note", "list", "--json",
                                    check=True).stdout)
    assert [n["text"] for n in listed] == ["new text"]


def test_note_add_dash_with_nothing_on_stdin_is_refused(run_dossier: RunDossier,
                                                        tmp_path: Path) -> None:
    store = str(tmp_path / "T")
    result = run_dossier("--store", store, "note", "add", SEED_ID, "-", input="")
    assert result.returncode == 1
    assert result.stderr.strip() == "dossier: no note text on standard input."
    listed = json.loads(run_dossier("--store", store, "note", "list", "--json",
                                    check=True).stdout)
    assert listed == []


def test_a_database_is_not_written_onto_a_terminal(tmp_path: Path) -> None:
    from tests.cli.test_list_scripting import on_a_terminal

    status, shown = on_a_terminal(["--store", str(tmp_path / "T"), "export", "--format",
                                   "sqlite"])
    assert status == 2 and "give -o FILE" in shown and "SQLite format" not in shown
