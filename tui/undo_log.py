"""The undo history of a store, kept between runs of the app.

The records of the undo and redo stacks (tui/undo.py) are written, whole, to one file per
store in the app's state directory, after every change to the stacks, and read back when
the app opens that store again. It is the app's state, not the store's data: the store's
check, repair, backup and watch never see it, and losing it loses no record, only the way
back. It is safe to keep because no undo trusts it: each checks the store before writing.

The file is replaced atomically (a temporary file renamed over it), so a crash leaves the
old history or the new one, and two apps on one store never interleave their bytes; the
last one to change its stacks is what the next start finds (each keeps its own in memory
meanwhile).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

from dossier.store.storage import atomic_write_bytes

#: Changes kept to undo (and undone, to redo) between runs; older ones are dropped first.
MAX_ENTRIES = 100
#: A history larger than this drops its oldest entries: a deleted meeting carries its notes,
#: and the file is rewritten after every change.
MAX_BYTES = 8 * 1024 * 1024
FORMAT = 1


def log_path(state_dir: Path, store_root: Path) -> Path:
    """The history file of the store at ``store_root``: one per store, named for its path."""
    resolved = str(store_root.expanduser().resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return state_dir / "undo" / f"{digest}.json"


class UndoLog:
    """The saved undo and redo stacks of one store (records, oldest first)."""

    def __init__(self, path: Path, store_root: Path) -> None:
        self.path = path
        self.store = str(store_root.expanduser().resolve())
        self._lock = threading.Lock()
        self._written = 0  # the generation last written: an older one is never written over it

    def load(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The stacks as last saved; empty when there is no file, or one that is damaged or
        of another store (it is only a convenience: the next save replaces it)."""
        try:
            data = orjson.loads(self.path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return [], []
        if (not isinstance(data, dict) or data.get("format") != FORMAT
                or data.get("store") != self.store):
            return [], []
        undo, redo = data.get("undo"), data.get("redo")
        return ([r for r in undo if isinstance(r, dict)] if isinstance(undo, list) else [],
                [r for r in redo if isinstance(r, dict)] if isinstance(redo, list) else [])

    def save(self, undo: Sequence[dict[str, Any]], redo: Sequence[dict[str, Any]],
             generation: int) -> bool:
        """Write the stacks (oldest first), trimmed to MAX_ENTRIES and MAX_BYTES from the
        oldest end; False when a newer generation was written already. Raises OSError."""
        with self._lock:
            if generation <= self._written:
                return False
            body = _encoded(self.store, list(undo)[-MAX_ENTRIES:], list(redo)[-MAX_ENTRIES:])
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic_write_bytes(self.path, body)
            self._written = generation
            return True


def _encoded(store: str, undo: list[dict[str, Any]], redo: list[dict[str, Any]]) -> bytes:
    """The file's bytes, the oldest entries dropped (redo first: it is the less likely to be
    wanted) until it fits MAX_BYTES."""
    sizes_undo = [len(orjson.dumps(r)) for r in undo]
    sizes_redo = [len(orjson.dumps(r)) for r in redo]
    while undo or redo:
        if sum(sizes_undo) + sum(sizes_redo) <= MAX_BYTES:
            break
        if redo:
            redo.pop(0)
            sizes_redo.pop(0)
        else:
            undo.pop(0)
            sizes_undo.pop(0)
    return orjson.dumps({"format": FORMAT, "store": store, "undo": undo, "redo": redo})
