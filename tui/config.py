"""The user's app settings: a small JSON file in the platform config directory.

Only presentation lives here (the theme, key overrides); records live in the store. A
missing or unreadable file means defaults, never a crash: the settings are a convenience,
and a bad one is reported once and then overwritten by the next save.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from dossier.store.paths import config_dir
from dossier.store.storage import atomic_write_bytes

CONFIG_FILE = "config.json"


@dataclass
class Config:
    theme: str | None = None
    #: Binding id -> keys, applied with ``App.set_keymap`` (e.g. {"app.quit": "ctrl+q"}).
    keymap: dict[str, str] = field(default_factory=dict)
    #: A sentence describing why the file could not be read, if it could not.
    problem: str | None = None


def config_path() -> Path:
    return config_dir() / CONFIG_FILE


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        return Config(problem=f"cannot read {path}: {exc.strerror or exc}")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return Config(problem=f"{path} is not valid JSON; using the default settings")
    if not isinstance(data, dict):
        return Config(problem=f"{path} does not hold a JSON object; using the default settings")
    theme = data.get("theme")
    keymap = data.get("keymap")
    return Config(
        theme=theme if isinstance(theme, str) else None,
        keymap={str(k): str(v) for k, v in keymap.items()} if isinstance(keymap, dict) else {},
    )


def save_config(config: Config, path: Path | None = None) -> None:
    """Write the settings atomically (a crash leaves the old file or the new one)."""
    path = path or config_path()
    if not path.parent.exists():
        # 0700 whatever the umask: the settings name the user's store and habits.
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)
    payload: dict[str, object] = {"theme": config.theme}
    if config.keymap:
        payload["keymap"] = config.keymap
    atomic_write_bytes(path, orjson.dumps(payload, option=orjson.OPT_INDENT_2))
