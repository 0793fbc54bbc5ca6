"""Rotating copies of a store's TinyDB files in ``backups/``.

A backup is taken before every migration and at most once a day on write (the caller asks
``backup_if_due``). Only the newest ``keep`` backups are kept.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from .storage import DIR_MODE, fsync_directory

BACKUPS_DIR = "backups"
DEFAULT_KEEP = 7
KEEP_ENV = "DOSSIER_BACKUPS_KEEP"


def keep_count() -> int:
    try:
        return max(1, int(os.environ.get(KEEP_ENV, DEFAULT_KEEP)))
    except ValueError:
        return DEFAULT_KEEP


def list_backups(root: Path) -> list[Path]:
    """Backups of the store at ``root``, oldest first."""
    directory = root / BACKUPS_DIR
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.is_dir() and not p.name.startswith("."))


def make_backup(root: Path, files: list[Path], reason: str, keep: int | None = None) -> Path:
    """Copy ``files`` (paths inside ``root``) to a new backup folder; prune old ones."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    backups = root / BACKUPS_DIR
    backups.mkdir(mode=DIR_MODE, exist_ok=True)
    staging = backups / f".{stamp}-{reason}.partial"
    staging.mkdir(mode=DIR_MODE)
    for source in files:
        relative = source.relative_to(root)
        target = staging / relative
        target.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        shutil.copy2(source, target)
    final = backups / f"{stamp}-{reason}"
    os.replace(staging, final)
    fsync_directory(backups)
    for old in list_backups(root)[: -(keep or keep_count())]:
        shutil.rmtree(old, ignore_errors=True)
    return final


def backup_if_due(root: Path, files: list[Path], keep: int | None = None) -> Path | None:
    """Make a daily backup unless one was made in the last 24 hours."""
    existing = list_backups(root)
    if existing:
        newest = existing[-1].stat().st_mtime
        if dt.datetime.now().timestamp() - newest < 24 * 3600:
            return None
    if not files:
        return None
    return make_backup(root, files, "daily", keep)
