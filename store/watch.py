"""Noticing other writers: which data files changed since the last look.

Another app or a script (``dossier note add``) may write the same store. Every write replaces
its file atomically, so the key of each data file (size, mtime, inode; :mod:`store.layout`)
changes with every commit, whoever made it. A :class:`ChangeWatch` keeps the fingerprint it
last saw and, on each :meth:`~ChangeWatch.check`, says which meeting shards and whether the
notes file changed since. This process's own commits are recorded as they happen
(:meth:`~ChangeWatch.record_own_write`), so they are not reported as news: whoever wrote
them already knows.

Plain Python, no threads of its own: the app calls :meth:`~ChangeWatch.check` from a worker
every few seconds, and the store's listener calls :meth:`~ChangeWatch.record_own_write` on
the writer's thread, hence the lock.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from .layout import NOTES_FILE, Fingerprint, file_key, fingerprint, shard_key


@dataclass(frozen=True)
class Changes:
    """What other writers changed since the last look."""

    #: The changed meeting shards, by fingerprint name (``meetings/3f.json``): added,
    #: rewritten or removed.
    meetings: frozenset[str] = frozenset()
    #: The notes file was written (or created, or removed).
    notes: bool = False

    def __bool__(self) -> bool:
        return bool(self.meetings) or self.notes


class ChangeWatch:
    """Compares the store's data files with how they were at the last look.

    The first :meth:`check` only takes the baseline (it reports nothing: there is no
    "before" yet), so a watch is best started as soon as the store is open.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._seen: Fingerprint | None = None

    def check(self) -> Changes:
        """What changed since the last check, not counting our own recorded writes."""
        now = fingerprint(self.root)
        with self._lock:
            before, self._seen = self._seen, now
        if before is None or before == now:
            return Changes()
        changed = {name for name in before.keys() | now.keys()
                   if before.get(name) != now.get(name)}
        return Changes(meetings=frozenset(name for name in changed if name != NOTES_FILE),
                       notes=NOTES_FILE in changed)

    def record_own_write(self, kind: str, ident: str) -> None:
        """This process committed a change (``kind`` "meeting" with its id, or "note"):
        take the written file's new state as seen, so the next check does not report it.

        Called right after the commit (a store listener). Before the first check there is
        nothing to update: the baseline, when taken, includes the write.
        """
        name = NOTES_FILE if kind == "note" else shard_key(ident)
        key = file_key(self.root / name)
        if key is None:
            return  # gone already: the next check sees that, as any other change
        with self._lock:
            if self._seen is not None:
                self._seen[name] = key
