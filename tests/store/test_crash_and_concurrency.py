"""Real processes: a writer killed mid-stream, and two writers at once."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from dossier.store.check import check_store
from dossier.store.store import Store

SEED = "nrc-2013-12-04"

# Prints each note id after add_note returns, i.e. after the write is durable.
WRITER = """
import sys
from dossier.store.store import Store
store = Store.open(sys.argv[1])
for i in range(int(sys.argv[2])):
    note = store.add_note("nrc-2013-12-04", f"{sys.argv[3]} {i}")
    print(note.id, flush=True)
"""


def start_writer(root: Path, count: int, label: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(root), str(count), label],
                            stdout=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parents[2])


def test_sigkill_mid_stream_loses_no_acknowledged_note(tmp_path: Path) -> None:
    root = tmp_path / "store"
    Store.open(root)
    rng = random.Random(20131204)
    acknowledged: list[str] = []
    kills = 0
    for _round in range(5):
        writer = start_writer(root, 10_000, "crash")
        assert writer.stdout is not None
        first = writer.stdout.readline()  # the writer is running and has written once
        time.sleep(rng.random() * 0.3)
        writer.send_signal(signal.SIGKILL)
        output, _ = writer.communicate()
        output = first + output
        kills += 1
        acknowledged += [line for line in output.splitlines() if line.startswith("n-")]
        report = check_store(root)
        assert report.ok, report.problems
        stored = {n.id for n in Store.open(root).list_notes()}
        missing = set(acknowledged) - stored
        assert not missing, f"{len(missing)} acknowledged notes lost"
    assert kills == 5 and len(acknowledged) > 0
    print(f"kills={kills} acknowledged={len(acknowledged)} all present")


def test_two_writers_lose_nothing(tmp_path: Path) -> None:
    root = tmp_path / "store"
    Store.open(root)
    writers = [start_writer(root, 200, label) for label in ("alpha", "beta")]
    outputs = [w.communicate(timeout=120)[0] for w in writers]
    assert all(w.returncode == 0 for w in writers)
    notes = Store.open(root).list_notes(SEED)
    assert len(notes) == 400
    assert len({n.id for n in notes}) == 400
    for label, output in zip(("alpha", "beta"), outputs, strict=True):
        texts = sorted(int(n.text.split()[1]) for n in notes if n.text.startswith(label))
        assert texts == list(range(200))
        assert len(output.split()) == 200
    assert check_store(root).ok
