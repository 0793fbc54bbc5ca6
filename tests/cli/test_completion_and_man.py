"""Shell completion of commands, meeting ids and note ids, and a man page for every command,
the lazily loaded ones too (issue 15, point 4). The real `dossier` in a subprocess."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import click
import pytest

from dossier.store.store import Store
from dossier.tui.cli.main import main
from tests.conftest import SEED_ID, RunDossier
from tests.tui.dossier_pilot import many_meetings_store


def complete(run_dossier: RunDossier, words: str, shell: str = "bash") -> list[str]:
    """What the shell would offer after ``words`` (the last word being completed)."""
    parts = words.split(" ")
    result = run_dossier(env={"_DOSSIER_COMPLETE": f"{shell}_complete",
                              "COMP_WORDS": words, "COMP_CWORD": str(len(parts) - 1)},
                         check=True)
    # bash_complete prints "type,value" lines (and an empty line for no completion).
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if line]


def every_command_path() -> list[str]:
    """Every command and subcommand, lazy ones loaded, as `dossier note add`."""
    paths = []

    def walk(command: click.Command, ctx: click.Context) -> None:
        paths.append(ctx.command_path)
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None, name
                walk(sub, click.Context(sub, info_name=name, parent=ctx))

    walk(main, click.Context(main, info_name="dossier"))
    return paths


def test_meeting_ids_complete_from_the_catalog(run_dossier: RunDossier,
                                               tmp_path: Path) -> None:
    many_meetings_store(tmp_path / "T", count=12).close()
    store = str(tmp_path / "T")
    offered = complete(run_dossier, f"dossier --store {store} show copy-00")
    assert sorted(offered) == [f"copy-{i:03d}" for i in range(10)]
    for words in (f"dossier --store {store} delete n",
                  f"dossier --store {store} note add n",
                  f"dossier --store {store} note list n",
                  f"dossier --store {store} export --format json --meeting n"):
        assert complete(run_dossier, words) == [SEED_ID], words
    # From $DOSSIER_STORE as well.
    result = run_dossier(env={"_DOSSIER_COMPLETE": "bash_complete", "DOSSIER_STORE": store,
                              "COMP_WORDS": "dossier show copy-011", "COMP_CWORD": "2"},
                         check=True)
    assert result.stdout.splitlines() == ["plain,copy-011"]


def test_note_ids_complete(run_dossier: RunDossier, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "T")
    created = store.add_note(SEED_ID, "first line\nsecond")
    store.close()
    for verb in ("edit", "delete"):
        assert complete(run_dossier, f"dossier --store {tmp_path / 'T'} note {verb} ") == [
            created.id]
    zsh = run_dossier(env={"_DOSSIER_COMPLETE": "zsh_complete", "COMP_WORDS":
                           f"dossier --store {tmp_path / 'T'} note edit ", "COMP_CWORD": "5"},
                      check=True).stdout.splitlines()
    assert zsh[:3] == ["plain", created.id, f"{SEED_ID}: first line"]  # with its help


def test_completion_never_creates_a_store_or_prints_an_error(run_dossier: RunDossier,
                                                             tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert complete(run_dossier, f"dossier --store {missing} show ") == []
    assert not missing.exists()
    commands = complete(run_dossier, "dossier ")
    assert {"list", "show", "note", "export", "import", "search", "keys"} <= set(commands)


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_documented_completion_scripts_exist(run_dossier: RunDossier, shell: str) -> None:
    script = run_dossier(env={"_DOSSIER_COMPLETE": f"{shell}_source"}, check=True).stdout
    assert "_DOSSIER_COMPLETE" in script
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"_DOSSIER_COMPLETE={shell}_source dossier" in readme


def test_a_man_page_for_every_command_the_lazy_ones_too(run_dossier: RunDossier,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "man1"
    listed = run_dossier("man-pages", str(out), "--date", "2026-01-01", check=True)
    expected = {p.replace(" ", "-") + ".1" for p in every_command_path()}
    assert {"dossier-note-add.1", "dossier-search.1", "dossier-import.1",
            "dossier-export.1", "dossier-list.1"} <= expected
    assert {p.name for p in out.iterdir()} == expected
    assert len(listed.stdout.splitlines()) == len(expected)
    page = (out / "dossier-export.1").read_text()
    assert page.startswith('.TH "DOSSIER-EXPORT" "1" "2026-01-01"')
    assert "\\-\\-format" in page and "SEE ALSO" in page
    if shutil.which("man"):
        shown = subprocess.run(["man", "-l", str(out / "dossier-note-add.1")],
                               capture_output=True, text=True, timeout=60,
                               env={"MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "80",
                                    "PATH": "/usr/bin:/bin"})
        assert shown.returncode == 0, shown.stderr
        assert "dossier note add [OPTIONS] MEETING_ID TEXT" in shown.stdout
        assert "--on TEXT" in shown.stdout
