"""Errors the store raises. Each carries one sentence fit to show a user as it is."""

from __future__ import annotations


class StoreError(Exception):
    """Base class: ``str(error)`` is a complete sentence for the user."""


class RecordInvalid(StoreError, ValueError):
    """A record failed validation (``meeting ID: field.path: problem``)."""


class NotFound(StoreError, KeyError):
    """No meeting or note with that id."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "not found"


class Conflict(StoreError):
    """An id that must be new already exists."""


class DamagedFile(StoreError):
    """A store file cannot be read as what it should be; it is left untouched."""

    def __init__(self, path: object, problem: str, advice: str | None = None) -> None:
        self.path = path
        self.problem = problem
        advice = advice or "run `dossier check --repair` to restore a backup or salvage it"
        super().__init__(f"{path} is damaged: {problem}; {advice}.")


class ReadOnlyStore(StoreError):
    """A write was attempted on a store opened (or only openable) for reading."""


class StoreLocked(StoreError):
    """Another process held the store's write lock for too long."""


class WriteFailed(StoreError):
    """A write did not complete (disk full, I/O error); the previous file is intact."""
