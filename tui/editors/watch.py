"""Noticing other writers: a cheap fingerprint of the store files, checked in a worker.

Another app or a script (`dossier note add`) may write the same store. Every write replaces
its file atomically, so a stat of each data file (inode, size, mtime) changes with every
commit; the app takes that fingerprint every few seconds and when the terminal regains
focus, and reloads what it shows when it changed. Our own writes are recorded as they
happen (a store listener), so they do not count as news.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from textual import events, work
from textual.message import Message

from dossier.store.store import NOTES_FILE, Store, shard_name

if TYPE_CHECKING:
    from ..screens.main import MainScreen

#: How often the store files are checked for other writers' changes.
WATCH_INTERVAL_S = 3.0

Fingerprint = dict[str, tuple[int, int, int]]


def fingerprint(store: Store) -> Fingerprint:
    """(inode, size, mtime) of every data file: changes whenever any writer commits,
    since every write replaces its file atomically (a new inode)."""
    prints: Fingerprint = {}
    for path in store.data_files():
        try:
            st = os.stat(path)
        except OSError:
            continue  # removed between listing and stat: the next check sees it
        prints[path.name if path.name == NOTES_FILE else f"meetings/{path.name}"] = (
            st.st_ino, st.st_size, st.st_mtime_ns)
    return prints


class Fingerprinted(Message):
    """A fresh fingerprint of the store files (from the watch worker)."""

    def __init__(self, store: Store, prints: Fingerprint) -> None:
        super().__init__()
        self.store = store
        self.prints = prints


class OwnWrite(Message):
    """This process committed a write; ``prints`` is the written file's state after it."""

    def __init__(self, prints: Fingerprint) -> None:
        super().__init__()
        self.prints = prints


class NoteCounts(Message):
    def __init__(self, counts: dict[str, int]) -> None:
        super().__init__()
        self.counts = counts


class WatchMixin:
    """For ``DossierApp``: reload when another process changed the store."""

    if TYPE_CHECKING:  # provided by DossierApp / App
        store: Store | None
        main: MainScreen
        post_message: Any
        set_interval: Any
        screen_stack: list[Any]

    def on_mount(self) -> None:
        # Textual calls every class's on_mount along the MRO, DossierApp's first.
        self._prints: Fingerprint | None = None
        self._watched: Store | None = None
        self.set_interval(WATCH_INTERVAL_S, self.check_for_changes)

    def on_app_focus(self, event: events.AppFocus) -> None:
        self.check_for_changes()

    def on_store_opened(self, event: Message) -> None:
        # DossierApp's own StoreOpened handler has run (it comes first in the MRO) and set
        # self.store: start watching and counting notes at once, not at the first tick.
        self.check_for_changes()

    def check_for_changes(self) -> None:
        """Look for other writers' changes now (in a worker)."""
        store = self.store
        if store is None:
            return
        if self._watched is not store:
            self._watched = store
            self._prints = None
            store.add_listener(self._own_write)
            self._count_notes()
        self._take_fingerprint(store)

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _take_fingerprint(self, store: Store) -> None:
        self.post_message(Fingerprinted(store, fingerprint(store)))

    def _own_write(self, kind: str, ident: str) -> None:
        """Store listener (runs on the writer's thread): our own write is not news."""
        assert self.store is not None
        root = self.store.root
        path = (root / NOTES_FILE if kind == "note" else root / "meetings" / shard_name(ident))
        key = NOTES_FILE if kind == "note" else f"meetings/{path.name}"
        try:
            st = os.stat(path)
        except OSError:
            return
        self.post_message(OwnWrite({key: (st.st_ino, st.st_size, st.st_mtime_ns)}))
        if kind == "note":
            self._count_notes()

    def on_own_write(self, event: OwnWrite) -> None:
        if self._prints is not None:
            self._prints.update(event.prints)

    def on_fingerprinted(self, event: Fingerprinted) -> None:
        if event.store is not self.store or not self.screen_stack:
            return  # another store, or shutting down
        before, self._prints = self._prints, event.prints
        if before is None or before == event.prints:
            return
        changed = {key for key in before.keys() | event.prints.keys()
                   if before.get(key) != event.prints.get(key)}
        from ..app import StoreChanged  # the app's own reload path; imported late (cycle)

        meetings_changed = any(key != NOTES_FILE for key in changed)
        self.post_message(StoreChanged("meeting" if meetings_changed else "note", ""))
        if NOTES_FILE in changed:
            self._count_notes()

    @work(thread=True, exclusive=True, group="note-counts", exit_on_error=False)
    def _count_notes(self) -> None:
        if self.store is not None:
            self.post_message(NoteCounts(self.store.note_counts()))

    def on_note_counts(self, event: NoteCounts) -> None:
        if not self.screen_stack:
            return  # shutting down
        set_counts = getattr(self.main.meeting_list, "set_note_counts", None)
        if set_counts is not None:
            set_counts(event.counts)
