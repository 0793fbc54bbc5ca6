"""Shell completion of meeting ids and note ids, from the store the command line names.

Click runs these while the shell waits for a Tab, without running the group's callback, so
the store is found from the parsed root parameters (``--store``, ``$DOSSIER_STORE``), then
config.toml's ``default_store``, then the default. Completion never creates a store, never
prints an error and offers nothing when anything goes wrong: a Tab must not break a line.
"""

from __future__ import annotations

from pathlib import Path

import click
from click.shell_completion import CompletionItem

#: Enough to choose from; a shell shows no more than a screenful anyway.
MAX_ITEMS = 200


def _store_root(ctx: click.Context) -> Path:
    store_path = ctx.find_root().params.get("store_path")
    if store_path:
        return Path(store_path).expanduser()
    from dossier.store.paths import default_store_dir

    from ..config import load_config

    config = load_config()
    return config.default_store or default_store_dir()


def _open(ctx: click.Context):  # type: ignore[no-untyped-def]
    from dossier.store.store import Store

    return Store.open(_store_root(ctx), create=False)


def meeting_ids(ctx: click.Context, param: click.Parameter,
                incomplete: str) -> list[CompletionItem]:
    try:
        summaries = _open(ctx).list_meetings()
    except Exception:  # noqa: BLE001 - a Tab offers nothing rather than fail
        return []
    matches = [s for s in summaries if s.id.startswith(incomplete)][:MAX_ITEMS]
    return [CompletionItem(s.id, help=f"{s.date.isoformat()} {s.title}") for s in matches]


def note_ids(ctx: click.Context, param: click.Parameter,
             incomplete: str) -> list[CompletionItem]:
    try:
        notes = _open(ctx).list_notes()
    except Exception:  # noqa: BLE001 - a Tab offers nothing rather than fail
        return []
    matches = [n for n in notes if n.id.startswith(incomplete)][:MAX_ITEMS]
    return [CompletionItem(n.id, help=f"{n.meeting_id}: {n.text.splitlines()[0][:60]}")
            for n in matches]
