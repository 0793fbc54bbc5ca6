"""What the search index reads from: a source of records, declared on the index's side.

The index depends on this small protocol rather than on the store, so the store can open
an index without the two importing each other. :class:`~store.store.Store` satisfies it as
it is (structurally); a test can hand the index anything else that does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

ChangeListener = Callable[[str, str], None]
"""Called after a committed change with (kind, id): kind is "meeting" or "note"."""


@runtime_checkable
class RecordSource(Protocol):
    """A store directory the index is derived from, and notice of changes made to it."""

    @property
    def root(self) -> Path:
        """The store directory (see store.layout for what it holds)."""
        ...

    @property
    def read_only(self) -> bool:
        """True when the directory cannot be written: the index then lives in memory."""
        ...

    def read_docs(self, path: Path) -> list[dict[str, Any]]:
        """The documents of one data file, parsed and checked as the source parses them
        (a file just written is usually parsed already); :class:`StoreError` if damaged."""
        ...

    def add_listener(self, listener: ChangeListener) -> None:
        """Call ``listener(kind, id)`` after each change committed through this source."""
        ...
