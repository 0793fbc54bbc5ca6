"""A big build reads its shards in a second process (store.index_worker), and survives it.

The child is real (``python -m dossier.store.index_worker``); so are its faults: killed
mid-build with SIGKILL, an executable that cannot start, one that answers with text
instead of pickles. Each time the build finishes in process with the same index.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import pytest

import dossier.store.index as index_module
from dossier.store.model import Meeting
from dossier.store.paths import bundled_sample_records
from dossier.store.store import Store
from tests.conftest import age_data_files

MEETINGS = 90


def _store_over_many_shards(root: Path) -> Store:
    store = Store.create(root, seed=True)
    copies = []
    for number in range(MEETINGS):
        doc = json.loads(bundled_sample_records()[0].read_bytes())
        doc.update(id=f"copy-{number:03d}", title=f"Quokka council {number:03d}",
                   date=f"{1990 + number % 30}-0{1 + number % 9}-1{number % 10}")
        copies.append(Meeting.from_json_dict(doc))
    store.put_meetings(copies)
    age_data_files(store)
    assert len(store.meeting_files()) > index_module.WORKER_MIN_FILES
    return store


def _answers(store: Store) -> list[object]:
    hits = store.search("quokka", limit=500)
    facets = store.search("quokka body:nato", limit=500)
    return [sorted((h.meeting_id, h.kind, h.target) for h in hits),
            sorted(h.meeting_id for h in facets),
            [s.id for s in store.list_meetings()]]


def _child_pids() -> list[int]:
    pids = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        pids += [int(p) for p in (task / "children").read_text().split()]
    return pids


@pytest.fixture
def reference(tmp_path: Path) -> list[object]:
    """The answers of the same store indexed with no worker at all."""
    store = _store_over_many_shards(tmp_path / "reference")
    index = store.index()
    old = index_module.WORKER_MIN_FILES
    index_module.WORKER_MIN_FILES = 10**9
    try:
        index.ensure_fresh()
    finally:
        index_module.WORKER_MIN_FILES = old
    assert index.worker_shards == 0
    return _answers(store)


def test_a_big_build_reads_its_shards_in_a_second_process(
        store_dir: Path, reference: list[object]) -> None:
    store = _store_over_many_shards(store_dir)
    index = store.index()
    index.ensure_fresh()
    assert index.worker_shards == len(store.meeting_files()) == index.files_read
    assert _answers(store) == reference
    assert _child_pids() == []  # the child was waited for


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc children")
def test_a_worker_killed_mid_build_leaves_the_rest_to_the_index(
        store_dir: Path, reference: list[object]) -> None:
    store = _store_over_many_shards(store_dir)
    index = store.index()
    killed: list[int] = []

    def kill_the_worker(done: int, _total: int) -> None:
        if done >= 5 and not killed:
            killed.extend(_child_pids())
            for pid in killed:
                os.kill(pid, signal.SIGKILL)

    index.ensure_fresh(progress=kill_the_worker)
    assert len(killed) == 1
    assert 0 < index.worker_shards < len(store.meeting_files()) == index.files_read
    assert _answers(store) == reference
    assert _child_pids() == []


@pytest.mark.parametrize("executable", ["/nonexistent/python", "/bin/echo"])
def test_a_worker_that_cannot_start_or_speaks_nonsense_changes_nothing(
        store_dir: Path, reference: list[object], executable: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """No such executable (the child never starts), or one that prints its arguments
    (the answer does not unpickle): the shards are read in process."""
    if not Path(executable).exists() and executable != "/nonexistent/python":
        pytest.skip(f"no {executable}")
    store = _store_over_many_shards(store_dir)
    index = store.index()
    monkeypatch.setattr(sys, "executable", executable)
    index.ensure_fresh()
    assert index.worker_shards == 0
    assert _answers(store) == reference
