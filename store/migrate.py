"""Ordered, idempotent migrations of a store's files to the current schema_version.

Each migration takes one raw meeting dict of version N and returns it at version N + 1.
A backup of every TinyDB file is taken first; the whole migration runs under the lock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import orjson

from .backup import make_backup
from .storage import atomic_write_bytes
from .version import SCHEMA_VERSION

if TYPE_CHECKING:
    from .store import Store

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


def migrate_store(store: Store, from_version: int) -> None:
    from .store import FORMAT_MARKER, MANIFEST, MEETINGS_TABLE

    with store._writing():
        make_backup(store.root, store.data_files() + [store.root / MANIFEST],
                    f"before-migration-v{from_version}")
        for path in store.meeting_files():
            table = store._table(path, MEETINGS_TABLE)

            def upgrade(docs: dict[int, Any]) -> None:
                for doc_id, doc in list(docs.items()):
                    docs[doc_id] = migrate_meeting(dict(doc))

            table._update_table(upgrade)
        atomic_write_bytes(store.root / MANIFEST, orjson.dumps(
            {"format": FORMAT_MARKER, "schema_version": SCHEMA_VERSION},
            option=orjson.OPT_INDENT_2))
