"""`dossier keys`, `dossier paths` and `dossier config`: what a person needs to write
config.toml, and where everything lives (as ``posting locate`` or ``gh config`` do)."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path

import click

from ..config import (
    CONFIG_FILE,
    config_path,
    legacy_config_path,
    load_legacy_config,
    state_path,
    to_toml,
    write_config_file,
)
from .context import fail, handles_errors, print_json, state


@dataclass(frozen=True)
class KeyRow:
    id: str
    keys: str
    description: str
    where: str
    default_keys: str


def collect_bindings() -> list[tuple[str, object]]:
    """(section, Binding) for every Binding with an id on a class of the app, its screens,
    dialogs and widgets, read from the classes themselves (screens load lazily in the app,
    so walking what is loaded would miss them)."""
    from textual.app import App
    from textual.binding import Binding
    from textual.dom import DOMNode

    import dossier.tui

    found: list[tuple[str, object]] = []
    for module_info in pkgutil.walk_packages(dossier.tui.__path__, "dossier.tui."):
        if module_info.name.startswith("dossier.tui.cli"):
            continue  # the command line has no keys (and its __main__ would run it)
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if not (isinstance(value, type) and issubclass(value, DOMNode)
                    and value.__module__ == module.__name__):
                continue
            # The section names the help screen (tui/screens/help.py) gives the same keys.
            where = ("Anywhere" if issubclass(value, App)
                     else getattr(value, "HELP_TITLE", None) or value.__name__)
            found += [(where, binding) for binding in value.__dict__.get("BINDINGS", ())
                      if isinstance(binding, Binding) and binding.id]
    return found


def key_rows(keymap: dict[str, str]) -> list[KeyRow]:
    rows = []
    for where, binding in collect_bindings():
        default = binding.key  # type: ignore[attr-defined]
        rows.append(KeyRow(id=binding.id, keys=keymap.get(binding.id, default),  # type: ignore[attr-defined]
                           description=binding.description,  # type: ignore[attr-defined]
                           where=where, default_keys=default))
    return sorted(rows, key=lambda row: row.id)


@click.command("keys")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handles_errors
def keys_command(as_json: bool) -> None:
    """List every key binding: its id (for [keymap] in config.toml), keys and what it does.

    Keys are written as config.toml takes them (several separated by commas); a key
    remapped in your config.toml is shown as remapped.
    """
    keymap = state().config.keymap
    rows = key_rows(keymap)
    if as_json:
        print_json([{"id": r.id, "keys": r.keys.split(","), "description": r.description,
                     "where": r.where, "remapped": r.keys != r.default_keys} for r in rows])
        return
    id_width = max(len(r.id) for r in rows)
    key_width = max(len(r.keys) for r in rows)
    out = click.get_text_stream("stdout")
    for r in rows:
        mark = " (remapped)" if r.keys != r.default_keys else ""
        out.write(f"{r.id:<{id_width}}  {r.keys:<{key_width}}  {r.description}{mark}"
                  f"  [{r.where}]\n")
    out.flush()


@click.command("paths")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handles_errors
def paths_command(as_json: bool) -> None:
    """Print where the config, the app's state, the data and the store live."""
    import platformdirs

    from dossier.store.layout import BACKUPS_DIR, INDEX_FILE
    from dossier.store.paths import APP_NAME

    cli_state = state()
    store, why = cli_state.store_and_origin()
    entries = {
        "config": (config_path(), "yours to write; the app never writes it"),
        "state": (state_path(), "the app's last theme; safe to delete"),
        "data": (Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
                 "where the default store lives"),
        "store": (store, why),
        "index": (store / INDEX_FILE, "derived search index; rebuilt when missing"),
        "backups": (store / BACKUPS_DIR, "rotating copies of the store"),
    }
    legacy = legacy_config_path()
    if legacy.exists():
        entries["legacy-config"] = (legacy, "an earlier version's settings; see "
                                            "`dossier config --migrate`")
    if as_json:
        print_json({name: {"path": str(path), "exists": path.exists(), "note": note}
                    for name, (path, note) in entries.items()})
        return
    width = max(len(name) for name in entries)
    out = click.get_text_stream("stdout")
    for name, (path, note) in entries.items():
        missing = "" if path.exists() else ", not there yet"
        out.write(f"{name:<{width}}  {path}  ({note}{missing})\n")
    out.flush()


@click.command("config")
@click.option("--migrate", is_flag=True,
              help=f"Write {CONFIG_FILE} from an earlier version's config.json.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handles_errors
def config_command(migrate: bool, as_json: bool) -> None:
    """Show the settings in effect and the file they come from (docs/config.md)."""
    cli_state = state()
    if migrate:
        legacy = legacy_config_path()
        target = config_path()
        if target.exists():
            fail(f"{target} exists already; edit it by hand (dossier never rewrites it).")
        if not legacy.exists():
            fail(f"there is no {legacy} to migrate.")
        old = load_legacy_config(legacy)
        if old.source is None:  # unreadable: the problem says why
            fail(old.problem or f"cannot read {legacy}.")
        write_config_file(to_toml(old), target)
        click.echo(f"Wrote {target} from {legacy} (theme and keymap); {legacy.name} is left "
                   f"as it was and no longer read.")
        return
    config = cli_state.config
    store, why = cli_state.store_and_origin()
    values = {
        "file": str(config.source) if config.source else None,
        "default_store": str(config.default_store) if config.default_store else None,
        "theme": config.theme,
        "backups_keep": config.backups_keep,
        "keymap": config.keymap,
        "store": str(store),
        "problem": config.problem,
    }
    if as_json:
        print_json(values)
        return
    out = click.get_text_stream("stdout")
    out.write(f"# settings from {config.source or f'{config_path()} (not there: defaults)'}\n")
    out.write(f"# store in use: {store} ({why})\n")
    # The settings as config.toml would hold them, so they can be copied into it.
    out.write(to_toml(config).split("\n", 2)[2])
    out.flush()
