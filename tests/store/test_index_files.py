"""The index's files are the store's: a symlinked index.sqlite is refused, not followed, and
the index's lock is private (0600) like every other store file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from dossier.store.index import IndexUnavailable
from dossier.store.layout import INDEX_FILE, INDEX_LOCK
from dossier.store.store import Store


def test_a_symlinked_index_is_refused_and_its_target_left_alone(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s")
    target = tmp_path / "elsewhere.db"
    target.write_bytes(b"")
    os.chmod(target, 0o644)
    (store.root / INDEX_FILE).symlink_to(target)
    try:
        store.search("nato")
    except IndexUnavailable as exc:
        assert "symbolic link" in str(exc)
    else:
        raise AssertionError("a search through a symlinked index.sqlite did not stop")
    assert target.read_bytes() == b""  # not overwritten with an index
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # not chmodded
    assert Store.open(store.root).list_meetings()  # browsing still works


def test_the_index_lock_is_created_private(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        store = Store.open(tmp_path / "s")
        store.index().ensure_fresh()
        store.close()
        (store.root / INDEX_FILE).write_bytes(b"not a database" * 100)  # a rebuild
        Store.open(store.root).search("nato")
    finally:
        os.umask(old)
    lock = store.root / INDEX_LOCK
    assert lock.exists(), "the rebuild did not take the index lock"
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600
