"""Settings a person writes, and state the app writes: two files, never one.

``config.toml`` (the platform config directory, e.g. ``~/.config/dossier/config.toml``) is
the user's: the app reads it and never writes it, so a comment, an ordering or a typo in it
survives every theme switch. A file that does not parse is reported in one line naming its
line and column, and the app runs on the defaults without touching it.

``state.json`` (the platform state directory, e.g. ``~/.local/state/dossier/state.json``) is
the app's: the last theme picked with the palette. It may be deleted at any time.

The settings (docs/config.md)::

    default_store = "~/dossiers/main"   # the store when neither --store nor $DOSSIER_STORE
    theme = "nord"                      # start in this theme (else the last one picked)
    backups_keep = 14                   # copies kept in backups/ (else $DOSSIER_BACKUPS_KEEP, 7)

    [keymap]                            # binding id -> keys, see `dossier keys`
    "app.quit" = "ctrl+q"
    "item.delete" = "x"

A ``config.json`` from an earlier version (theme and keymap in one JSON file) is still read
when there is no ``config.toml``, with a notice naming ``dossier config --migrate``, which
writes the TOML file from it; the JSON file is then left alone.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from dossier.store.paths import APP_NAME, config_dir
from dossier.store.storage import atomic_write_bytes

CONFIG_FILE = "config.toml"
LEGACY_CONFIG_FILE = "config.json"
STATE_FILE = "state.json"
#: The settings config.toml may hold; anything else is named in a notice (a typo).
KNOWN_SETTINGS = ("default_store", "theme", "keymap", "backups_keep")


@dataclass
class Config:
    """What the user wrote in config.toml (each field None or empty when not set)."""

    theme: str | None = None
    #: Binding id -> keys, applied with ``App.set_keymap`` (e.g. {"app.quit": "ctrl+q"}).
    keymap: dict[str, str] = field(default_factory=dict)
    default_store: Path | None = None
    backups_keep: int | None = None
    #: One line saying why the file could not be used, or which parts were ignored.
    problem: str | None = None
    #: The file the settings came from (config.toml, or a legacy config.json), if any.
    source: Path | None = None


@dataclass
class AppState:
    """What the app remembers between runs; the user never needs to edit it."""

    theme: str | None = None


def config_path() -> Path:
    return config_dir() / CONFIG_FILE


def legacy_config_path() -> Path:
    return config_dir() / LEGACY_CONFIG_FILE


def state_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def state_path() -> Path:
    return state_dir() / STATE_FILE


def load_config(path: Path | None = None) -> Config:
    """The user's settings; defaults (with a one-line ``problem``) when the file is bad.

    Without an explicit path, a legacy config.json is read when config.toml is missing,
    so a keymap written for an earlier version is not lost.
    """
    if path is None:
        path = config_path()
        if not path.exists() and legacy_config_path().exists():
            return load_legacy_config(legacy_config_path())
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        return Config(problem=f"cannot read {path}: {exc.strerror or exc}; using the "
                              f"default settings")
    # Imported only when there is a file to parse: most starts have none.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Config(problem=f"{path} is not UTF-8 text; using the default settings")
    except tomllib.TOMLDecodeError as exc:
        # The message ends "(at line L, column C)", which is what the user needs.
        return Config(problem=f"{path}: {exc}; using the default settings")
    return _from_table(data, path)


def _from_table(data: dict[str, Any], path: Path) -> Config:
    config = Config(source=path)
    ignored: list[str] = []
    theme = data.get("theme")
    if isinstance(theme, str) and theme:
        config.theme = theme
    elif theme is not None:
        ignored.append("theme (not a string)")
    keymap = data.get("keymap")
    if isinstance(keymap, dict):
        config.keymap = {str(k): v for k, v in keymap.items() if isinstance(v, str)}
        if len(config.keymap) != len(keymap):
            ignored.append("keymap entries that are not strings")
    elif keymap is not None:
        ignored.append("keymap (not a table)")
    store = data.get("default_store")
    if isinstance(store, str) and store:
        config.default_store = Path(store).expanduser()
    elif store is not None:
        ignored.append("default_store (not a path)")
    keep = data.get("backups_keep")
    if isinstance(keep, int) and not isinstance(keep, bool) and keep >= 1:
        config.backups_keep = keep
    elif keep is not None:
        ignored.append("backups_keep (not a whole number of at least 1)")
    ignored += [f"unknown setting {name!r}" for name in data if name not in KNOWN_SETTINGS]
    if ignored:
        config.problem = f"{path}: ignored {', '.join(ignored)}"
    return config


def load_legacy_config(path: Path) -> Config:
    """Theme and keymap from an earlier version's config.json."""
    hint = f"run `dossier config --migrate` to move them to {CONFIG_FILE}"
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        return Config(problem=f"{path} (an earlier version's settings) cannot be read "
                              f"({exc}); using the default settings")
    if not isinstance(data, dict):
        return Config(problem=f"{path} does not hold a JSON object; using the default "
                              f"settings")
    config = _from_table({k: v for k, v in data.items() if k in ("theme", "keymap")}, path)
    config.problem = f"settings read from {path}, an earlier version's file; {hint}"
    return config


def to_toml(config: Config) -> str:
    """config.toml text for these settings (what ``dossier config --migrate`` writes)."""
    lines = ["# dossier settings: docs/config.md. The app reads this file and never "
             "writes it.", ""]
    if config.default_store is not None:
        lines.append(f"default_store = {_toml_string(str(config.default_store))}")
    if config.theme is not None:
        lines.append(f"theme = {_toml_string(config.theme)}")
    if config.backups_keep is not None:
        lines.append(f"backups_keep = {config.backups_keep}")
    if config.keymap:
        lines += ["", "[keymap]"]
        lines += [f"{_toml_string(k)} = {_toml_string(v)}" for k, v in config.keymap.items()]
    return "\n".join(lines) + "\n"


def _toml_string(value: str) -> str:
    # A JSON string is a valid TOML basic string once non-ASCII controls are escaped,
    # which orjson does; TOML has no \/ escape and orjson never writes one.
    return orjson.dumps(value).decode("utf-8")


def apply_to_environment(config: Config) -> None:
    """Settings the store reads from the environment; a variable already set wins."""
    if config.backups_keep is not None:
        from dossier.store.backup import KEEP_ENV

        os.environ.setdefault(KEEP_ENV, str(config.backups_keep))


def load_state(path: Path | None = None) -> AppState:
    """What the app remembered; empty when the file is missing or unreadable (it is only a
    convenience, and the next save replaces it)."""
    path = path or state_path()
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return AppState()
    theme = data.get("theme") if isinstance(data, dict) else None
    return AppState(theme=theme if isinstance(theme, str) else None)


def save_state(app_state: AppState, path: Path | None = None) -> None:
    """Write the state atomically (a crash leaves the old file or the new one)."""
    path = path or state_path()
    _private_directory(path.parent)
    atomic_write_bytes(path, orjson.dumps({"theme": app_state.theme},
                                          option=orjson.OPT_INDENT_2))


def start_theme(config: Config, app_state: AppState) -> str | None:
    """The theme to start in: the one config.toml names, else the last one picked."""
    return config.theme or app_state.theme


def write_config_file(text: str, path: Path | None = None) -> Path:
    """Create config.toml (``dossier config --migrate``); never replaces an existing one."""
    path = path or config_path()
    _private_directory(path.parent)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(path, 0o600)
    return path


def _private_directory(directory: Path) -> None:
    if not directory.exists():
        # 0700 whatever the umask: the settings name the user's store and habits.
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(directory, 0o700)
