"""Ordered, idempotent migrations of stored records to the current schema_version.

Pure functions on raw documents: each migration takes one meeting dict of version N and
returns it at version N + 1. The store runs them (``Store.open``), in one transaction,
after a backup of every TinyDB file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .version import SCHEMA_VERSION

Migration = Callable[[dict[str, Any]], dict[str, Any]]

#: ``MIGRATIONS[n]`` turns a version-n meeting into version n + 1. None exist yet: version 1
#: is the first released format.
MIGRATIONS: dict[int, Migration] = {}


def migrate_meeting(doc: dict[str, Any]) -> dict[str, Any]:
    version = int(doc.get("schema_version", 1))
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
        doc["schema_version"] = version
    return doc


def migrate_meetings(docs: dict[int, dict[str, Any]]) -> None:
    """Bring every meeting of one shard ({doc id: document}) to the current version, in
    place (the shape of a ``Transaction.rewrite`` change)."""
    for doc_id, doc in list(docs.items()):
        docs[doc_id] = migrate_meeting(dict(doc))
