"""Rotating copies of a store's TinyDB files in ``backups/``.

A backup is taken before every migration and at most once a day on write (the store calls
``backup_if_due`` under its lock, before the day's first write). Only the newest ``keep``
backups are kept: ``$DOSSIER_BACKUPS_KEEP``, default 7.

Backups are real copies, never hard links: a link would share the inode, so damage done to
a store file in place (a tool or editor writing into it, a bad disk block) would damage the
backup with it, and the backup exists for exactly that day. Where the file system can clone
a file (btrfs, XFS: FICLONE) the copy shares blocks until either side changes, which makes
it nearly free; elsewhere the kernel copies it (sendfile).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
from pathlib import Path

from .errors import StoreError
from .layout import BACKUPS_DIR, MANIFEST
from .storage import DIR_MODE, FILE_MODE, fsync_directory, refuse_symlink

DEFAULT_KEEP = 7
KEEP_ENV = "DOSSIER_BACKUPS_KEEP"
DAY_S = 24 * 3600
_STAMP = "%Y%m%dT%H%M%S%fZ"
#: The name of a backup folder we made: the stamp, a dash, the reason. Nothing else in
#: ``backups/`` is ours to list or delete.
_BACKUP_NAME = re.compile(r"\d{8}T\d{12}Z-[a-z0-9-]+")
#: A stamp this far ahead of the clock was made while the clock was wrong.
_FUTURE_SLACK = dt.timedelta(minutes=5)


def keep_count() -> int:
    try:
        return max(1, int(os.environ.get(KEEP_ENV, DEFAULT_KEEP)))
    except ValueError:
        return DEFAULT_KEEP


def list_backups(root: Path, now: dt.datetime | None = None) -> list[Path]:
    """Backups of the store at ``root``, oldest first: only folders named as we name them.

    A backup stamped in the future (the clock was once wrong) sorts first, as the oldest, so
    it neither counts as today's backup nor holds a place among the newest forever.
    """
    directory = root / BACKUPS_DIR
    if directory.is_symlink() or not directory.is_dir():
        return []
    found = [p for p in directory.iterdir()
             if _BACKUP_NAME.fullmatch(p.name) and p.is_dir() and not p.is_symlink()]
    limit = (now or dt.datetime.now(dt.timezone.utc)) + _FUTURE_SLACK
    return sorted(found, key=lambda p: (backup_time(p) <= limit, p.name))


def _stamp_time(backup: Path) -> dt.datetime:
    return dt.datetime.strptime(backup.name.split("-", 1)[0], _STAMP).replace(
        tzinfo=dt.timezone.utc)


def backup_time(backup: Path) -> dt.datetime:
    """When a backup was taken, from its name (its mtime if the name was changed)."""
    try:
        return _stamp_time(backup)
    except ValueError:
        return dt.datetime.fromtimestamp(backup.stat().st_mtime, dt.timezone.utc)


def backups_folder(root: Path) -> Path:
    """``backups/``, created if missing; a symbolic link there is refused, since rotation
    deletes folders inside it and must never reach outside the store."""
    directory = root / BACKUPS_DIR
    refuse_symlink(directory)
    directory.mkdir(mode=DIR_MODE, exist_ok=True)
    return directory


_FICLONE = 0x40049409  # linux/fs.h: _IOW(0x94, 9, int)


def _snapshot(source: Path, target: Path) -> None:
    try:
        import fcntl

        with open(source, "rb") as src, open(target, "wb") as dst:
            fcntl.ioctl(dst.fileno(), _FICLONE, src.fileno())
    except (ImportError, OSError):
        shutil.copyfile(source, target)  # sendfile(2) on Linux: no copy through Python
    os.chmod(target, FILE_MODE)
    shutil.copystat(source, target)
    fd = os.open(target, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_partial_backups(root: Path) -> None:
    """Delete staging folders of backups a killed process did not finish."""
    directory = root / BACKUPS_DIR
    if directory.is_dir() and not directory.is_symlink():
        for partial in directory.glob(".*.partial"):
            if _BACKUP_NAME.fullmatch(partial.name[1:-len(".partial")]):
                shutil.rmtree(partial, ignore_errors=True)


def make_backup(root: Path, files: list[Path], reason: str, keep: int | None = None) -> Path:
    """Snapshot ``files`` (paths inside ``root``) into a new backup folder; prune old ones.

    Call with the store lock held. The folder appears complete or not at all: it is staged
    under a dot-name and renamed into place.
    """
    now = dt.datetime.now(dt.timezone.utc)
    stamp = now.strftime(_STAMP)
    backups = backups_folder(root)
    remove_partial_backups(root)
    staging = backups / f".{stamp}-{reason}.partial"
    staging.mkdir(mode=DIR_MODE)
    for source in files:
        if not source.is_file() or source.is_symlink():
            continue
        relative = source.relative_to(root)
        target = staging / relative
        target.parent.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        _snapshot(source, target)
    final = backups / f"{stamp}-{reason}"
    os.replace(staging, final)
    fsync_directory(backups)
    for old in list_backups(root, now)[: -(keep or keep_count())]:
        shutil.rmtree(old, ignore_errors=True)
    return final


def backup_due(root: Path, now: dt.datetime | None = None) -> bool:
    """Whether no backup was made in the last 24 hours: one directory listing."""
    now = now or dt.datetime.now(dt.timezone.utc)
    existing = list_backups(root, now)
    if not existing:
        return True
    age = now - backup_time(existing[-1])
    # A newest backup still in the future means every backup is: one is due now.
    return age < -_FUTURE_SLACK or age.total_seconds() >= DAY_S


def backup_if_due(root: Path, files: list[Path], keep: int | None = None,
                  now: dt.datetime | None = None) -> Path | None:
    """Make a daily backup unless one was made in the last 24 hours (or nothing to copy)."""
    if not backup_due(root, now):
        return None
    if not any(f.is_file() for f in files if f.name != MANIFEST):
        return None  # a brand-new store: nothing of the user's to keep yet
    from .shape import sniff

    try:
        for path in files:
            sniff(path)
    except StoreError:
        return None  # never rotate a good backup out for a copy of a damaged file
    return make_backup(root, files, "daily", keep)


def backup_file(backup: Path, root: Path, path: Path) -> Path | None:
    """The copy of store file ``path`` inside ``backup``, if it has one."""
    with contextlib.suppress(ValueError):
        candidate = backup / path.relative_to(root)
        if candidate.is_file() and not candidate.is_symlink():
            return candidate
    return None
