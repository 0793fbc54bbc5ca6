"""Checks and id choices happen under the lock (issue 12, point 4).

Each test lets a second Store on the same folder (as another process would) change the
store at the last moment before this one takes the lock: between a check made outside the
lock and the write, which is exactly the window that lost notes and drafts before.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.store.errors import NotFound
from dossier.store.importer import import_statement
from dossier.store.store import Store
from tests.conftest import SEED_ID

STATEMENT = (
    "On 12 March 2024 the foreign ministers of Norway and Finland met in Tromsø.\n\n"
    "They discussed Arctic cooperation and agreed to meet again in the autumn.\n"
)


class JustBeforeTheLock(Store):
    """A real Store that runs ``before`` once, just before it first takes the lock."""

    before: Callable[[], None] | None = None

    def _acquire_lock(self) -> None:
        before, self.before = self.before, None
        if before is not None:
            before()
        super()._acquire_lock()


def test_a_note_on_a_meeting_deleted_a_moment_ago_is_refused(store_dir: Path) -> None:
    Store.open(store_dir)
    writer = JustBeforeTheLock.open(store_dir)
    other = Store.open(store_dir)
    writer.before = lambda: other.delete_meeting(SEED_ID)
    with pytest.raises(NotFound):
        writer.add_note(SEED_ID, "acknowledged, then invisible?")
    assert Store.open(store_dir).list_notes() == []  # no orphan note


def test_two_statement_imports_together_keep_two_drafts(store_dir: Path,
                                                        tmp_path: Path) -> None:
    Store.create(store_dir, seed=False)
    statement = tmp_path / "statement.txt"
    statement.write_text(STATEMENT, encoding="utf-8")
    first = JustBeforeTheLock.open(store_dir)
    other = Store.open(store_dir)
    reports = []
    # A second statement of the same meeting (same date, so the same base id): the very
    # same text would be the same statement, which an import replaces (issue 13) rather
    # than adding it twice.
    second = tmp_path / "second.txt"
    second.write_text(STATEMENT + "The ministers also discussed fisheries.\n", encoding="utf-8")
    first.before = lambda: reports.append(
        import_statement(other, second, on_conflict="replace"))
    reports.append(import_statement(first, statement, on_conflict="replace"))
    ids = [report.draft.id for report in reports]  # type: ignore[union-attr]
    assert len(set(ids)) == 2, ids
    stored = {summary.id for summary in Store.open(store_dir).list_meetings()}
    assert stored == set(ids)
