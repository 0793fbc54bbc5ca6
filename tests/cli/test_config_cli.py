"""config.toml is the user's and is never written; the app's state lives apart; `dossier
keys`, `dossier paths` and `dossier config` tell a person what to write and where (issue 15,
point 1). The real command in a subprocess, the real app under Pilot."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dossier.tui.app import DossierApp
from dossier.tui.config import config_path, legacy_config_path, load_config, state_path
from tests.conftest import SEED_ID, RunDossier
from tests.tui.dossier_pilot import settle
from tests.tui.test_bindings import all_bindings

TOML = """# my settings
theme = "nord"   # a comment the app must keep

[keymap]
"app.quit" = "ctrl+q"
"item.delete" = "x"
"""


def write_config(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_keys_lists_every_binding_with_its_id_keys_and_description(
        run_dossier: RunDossier) -> None:
    rows = json.loads(run_dossier("keys", "--json", check=True).stdout)
    expected = {binding.id: binding for _, binding in all_bindings()}
    assert {row["id"] for row in rows} == set(expected)
    for row in rows:
        binding = expected[row["id"]]
        assert row["keys"] == binding.key.split(",") and row["description"]
        assert row["description"] == binding.description and not row["remapped"]
    text = run_dossier("keys", check=True).stdout.splitlines()
    assert len(text) == len(rows)
    quit_line = next(line for line in text if line.startswith("app.quit "))
    assert quit_line.split()[:3] == ["app.quit", "q", "Quit"]


def test_keys_shows_the_keymap_of_config_toml(run_dossier: RunDossier) -> None:
    write_config(TOML)
    rows = {row["id"]: row for row in json.loads(run_dossier("keys", "--json",
                                                             check=True).stdout)}
    assert rows["app.quit"]["keys"] == ["ctrl+q"] and rows["app.quit"]["remapped"]
    assert rows["item.delete"]["keys"] == ["x"]
    assert rows["app.help"]["keys"] == ["question_mark"] and not rows["app.help"]["remapped"]


def test_paths_names_config_state_data_and_store(run_dossier: RunDossier,
                                                 tmp_path: Path) -> None:
    store = tmp_path / "S"
    paths = json.loads(run_dossier("--store", str(store), "paths", "--json",
                                   check=True).stdout)
    assert paths["config"]["path"] == str(config_path())
    assert paths["state"]["path"] == str(state_path())
    assert paths["data"]["path"] == os.path.join(os.environ["XDG_DATA_HOME"], "dossier")
    assert paths["store"] == {"path": str(store), "exists": False, "note": "--store"}
    from_env = json.loads(run_dossier("paths", "--json", env={"DOSSIER_STORE": str(store)},
                                      check=True).stdout)
    assert from_env["store"]["note"] == "$DOSSIER_STORE"
    text = run_dossier("--store", str(store), "paths", check=True).stdout
    assert [line.split()[0] for line in text.splitlines()] == [
        "config", "state", "data", "store", "index", "backups"]


def test_default_store_from_config_and_its_precedence(run_dossier: RunDossier,
                                                      tmp_path: Path) -> None:
    write_config(f'default_store = "{tmp_path / "from-config"}"\n')
    run_dossier("list", check=True)
    assert (tmp_path / "from-config" / "dossier.json").exists()
    # $DOSSIER_STORE and --store still win over the config file.
    run_dossier("list", env={"DOSSIER_STORE": str(tmp_path / "env")}, check=True)
    run_dossier("--store", str(tmp_path / "flag"), "list", check=True)
    assert (tmp_path / "env" / "dossier.json").exists()
    assert (tmp_path / "flag" / "dossier.json").exists()


def test_backups_keep_from_config_reaches_the_store(run_dossier: RunDossier) -> None:
    write_config("backups_keep = 3\n")
    shown = json.loads(run_dossier("config", "--json", check=True).stdout)
    assert shown["backups_keep"] == 3 and shown["problem"] is None
    from dossier.tui.config import apply_to_environment

    # The store reads $DOSSIER_BACKUPS_KEEP; the config fills it in, an explicit one wins.
    env: dict[str, str] = {}
    saved = dict(os.environ)
    try:
        os.environ.pop("DOSSIER_BACKUPS_KEEP", None)
        apply_to_environment(load_config())
        env["set"] = os.environ["DOSSIER_BACKUPS_KEEP"]
        os.environ["DOSSIER_BACKUPS_KEEP"] = "9"
        apply_to_environment(load_config())
        env["explicit"] = os.environ["DOSSIER_BACKUPS_KEEP"]
    finally:
        os.environ.clear()
        os.environ.update(saved)
    assert env == {"set": "3", "explicit": "9"}


@pytest.mark.parametrize(("text", "where"), [
    ('theme = "nord",\n', "line 1, column 15"),
    ('theme = "nord"\n[keymap]\n"app.quit" = \n', "line 3, column 14"),
    ('theme = "nord"\ntheme = "dark"\n', "line 2"),
])
def test_a_bad_config_is_one_line_naming_line_and_column_and_is_left_alone(
        run_dossier: RunDossier, tmp_path: Path, text: str, where: str) -> None:
    path = write_config(text)
    before = path.read_bytes()
    result = run_dossier("--store", str(tmp_path / "T"), "list", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)[0]["id"] == SEED_ID  # ran on the defaults
    (line,) = result.stderr.splitlines()
    assert line.startswith("dossier: warning: ") and str(path) in line and where in line
    assert "default settings" in line
    assert path.read_bytes() == before


def test_unknown_settings_are_named(run_dossier: RunDossier) -> None:
    write_config('them = "nord"\nbackups_keep = 0\n')
    result = run_dossier("config", "--json", check=True)
    assert "unknown setting 'them'" in result.stderr and "backups_keep" in result.stderr


async def test_switching_theme_never_writes_config_toml(store_dir: Path) -> None:
    """The bug of issue 15: a theme switch rewrote the user's file without its keymap."""
    path = write_config(TOML)
    before = path.read_bytes()
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        app.theme = "gruvbox"
        await settle(pilot)
        await app.workers.wait_for_complete()
    assert path.read_bytes() == before
    assert json.loads(state_path().read_text()) == {"theme": "gruvbox"}
    # The theme config.toml names wins at the next start; without one, the last pick does.
    assert load_config().theme == "nord" and load_config().keymap["item.delete"] == "x"


async def test_a_bad_config_leaves_the_app_on_defaults_and_the_file_untouched(
        store_dir: Path) -> None:
    path = write_config('theme = "nord"\n[keymap\n')
    before = path.read_bytes()
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        app.theme = "gruvbox"
        await settle(pilot)
        await app.workers.wait_for_complete()
        messages = [n.message for n in app._notifications]
    assert any("line 2, column" in m for m in messages), messages
    assert path.read_bytes() == before


def test_a_legacy_config_json_keymap_is_read_and_migrated(run_dossier: RunDossier) -> None:
    legacy = legacy_config_path()
    legacy.parent.mkdir(parents=True, exist_ok=True)
    legacy.write_text('{"theme": "nord", "keymap": {"app.quit": "ctrl+q"}}')
    result = run_dossier("keys", "--json", check=True)
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    assert rows["app.quit"]["keys"] == ["ctrl+q"]  # not lost
    assert "dossier config --migrate" in result.stderr
    migrated = run_dossier("config", "--migrate", check=True)
    assert str(config_path()) in migrated.stdout
    assert load_config().keymap == {"app.quit": "ctrl+q"} and load_config().theme == "nord"
    assert load_config().source == config_path() and load_config().problem is None
    assert legacy.read_text() == '{"theme": "nord", "keymap": {"app.quit": "ctrl+q"}}'
    # Never twice: config.toml is the user's from now on.
    again = run_dossier("config", "--migrate")
    assert again.returncode == 1 and "exists already" in again.stderr
    assert run_dossier("keys", check=True).stderr == ""
