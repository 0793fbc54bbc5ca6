"""Where things live: the default store, the user's config, the bundled sample."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.abc import Traversable

APP_NAME = "dossier"
STORE_ENV = "DOSSIER_STORE"


def default_store_dir() -> Path:
    """``$DOSSIER_STORE`` if set, else the platform's user data directory for dossier."""
    from_env = os.environ.get(STORE_ENV)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs  # here: 4.5 ms of a command given --store

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def bundled_data() -> Traversable:
    """The package's read-only ``data/`` (installed as ``dossier.data``)."""
    # Imported here: importlib.resources costs every command ~6 ms, and only the sample
    # store and the bundled seed read the package's data.
    from importlib import resources

    from .. import data

    return resources.files(data)


def bundled_sample_records() -> list[Traversable]:
    """The meeting records of the bundled sample store, in a stable order."""
    sample = bundled_data() / "sample"
    return sorted(
        (entry for entry in sample.iterdir() if entry.name.endswith(".json")),
        key=lambda entry: entry.name,
    )
