"""Ways to damage a store file, each a function of the store root returning the file hit."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from dossier.store.layout import MANIFEST, MEETINGS_DIR, NOTES_FILE, shard_name

from .helpers import SEED_ID

Damage = Callable[[Path], Path]


def shard(root: Path) -> Path:
    return root / MEETINGS_DIR / shard_name(SEED_ID)


def _edit_seed(root: Path, change: Callable[[dict], None]) -> Path:
    path = shard(root)
    data = json.loads(path.read_text())
    change(data["meetings"])
    path.write_text(json.dumps(data, indent=2))
    return path


def _first(docs: dict) -> dict:
    return next(iter(docs.values()))


def truncated(root: Path) -> Path:
    path = shard(root)
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    return path


def truncated_notes(root: Path) -> Path:
    path = root / NOTES_FILE
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) - 40])
    return path


def truncated_manifest(root: Path) -> Path:
    path = root / MANIFEST
    path.write_bytes(path.read_bytes()[:20])
    return path


def invalid_utf8(root: Path) -> Path:
    path = shard(root)
    raw = path.read_bytes()
    at = raw.index(b"Brussels")
    path.write_bytes(raw[:at] + b"\xff\xfe" + raw[at + 2:])
    return path


def wrong_shape_array(root: Path) -> Path:
    path = shard(root)
    path.write_text('[{"id": "nrc-2013-12-04"}]')
    return path


def wrong_shape_table(root: Path) -> Path:
    path = shard(root)
    path.write_text('{"meetings": ["nrc-2013-12-04"]}')
    return path


def missing_field(root: Path) -> Path:
    return _edit_seed(root, lambda docs: _first(docs).pop("title"))


def missing_nested_field(root: Path) -> Path:
    return _edit_seed(root, lambda docs: _first(docs)["agenda"][2].pop("title"))


def wrong_type(root: Path) -> Path:
    return _edit_seed(root, lambda docs: _first(docs).__setitem__("date", 20131204))


def wrong_nested_type(root: Path) -> Path:
    return _edit_seed(root, lambda docs: _first(docs)["participants"][0].__setitem__(
        "group", {"not": "a boolean"}))


def duplicate_ids(root: Path) -> Path:
    return _edit_seed(root, lambda docs: docs.__setitem__("99", dict(_first(docs))))


def newer_record(root: Path) -> Path:
    return _edit_seed(root, lambda docs: _first(docs).__setitem__("schema_version", 99))


def newer_manifest(root: Path) -> Path:
    path = root / MANIFEST
    data = json.loads(path.read_text())
    data["schema_version"] = 99
    path.write_text(json.dumps(data))
    return path


def empty(root: Path) -> Path:
    path = shard(root)
    path.write_bytes(b"")
    return path


def empty_notes(root: Path) -> Path:
    path = root / NOTES_FILE
    path.write_bytes(b"")
    return path


def directory(root: Path) -> Path:
    path = shard(root)
    path.unlink()
    path.mkdir(mode=0o700)
    (path / "stray.txt").write_text("not a store file")
    return path


def unreadable(root: Path) -> Path:
    path = shard(root)
    os.chmod(path, 0)
    return path


def symlinked(root: Path) -> Path:
    path = shard(root)
    target = root.parent / "elsewhere.json"
    path.rename(target)
    path.symlink_to(target)
    return path


CASES: dict[str, Damage] = {
    "truncated": truncated,
    "truncated-notes": truncated_notes,
    "truncated-manifest": truncated_manifest,
    "invalid-utf8": invalid_utf8,
    "wrong-shape-array": wrong_shape_array,
    "wrong-shape-table": wrong_shape_table,
    "missing-field": missing_field,
    "missing-nested-field": missing_nested_field,
    "wrong-type": wrong_type,
    "wrong-nested-type": wrong_nested_type,
    "duplicate-ids": duplicate_ids,
    "newer-record": newer_record,
    "newer-manifest": newer_manifest,
    "empty": empty,
    "empty-notes": empty_notes,
    "directory": directory,
    "symlink": symlinked,
}
"""Damage that every user (root included) sees; ``unreadable`` needs a non-root user."""

#: What the error must tell the user to do, by case.
ADVICE = {
    "newer-record": "upgrade meeting-dossier",
    "newer-manifest": "upgrade meeting-dossier",
    "symlink": "replace the link",
    "directory": "move the directory away",
    "unreadable": "chmod 600",
}
