"""Two writer processes and a third, app-like writer on one store: nothing lost or doubled."""

from __future__ import annotations

import subprocess
from pathlib import Path

from store.check import check_store
from store.store import Store

from .conftest import Tally
from .helpers import SEED_ID, python

WRITER = """
import sys
from store.store import Store
store = Store.open(sys.argv[1])
for i in range(int(sys.argv[2])):
    store.add_note("@SEED@", f"{sys.argv[3]} {i}")
print("done", flush=True)
""".replace("@SEED@", SEED_ID)

# The way the app saves a note: the store opened in a worker thread, the note added from
# another worker thread while the main thread waits (the app's event loop).
APP_LIKE = """
import sys, threading
from store.store import Store
opened = {}
t = threading.Thread(target=lambda: opened.setdefault("store", Store.open(sys.argv[1])))
t.start(); t.join()
saved = {}
t = threading.Thread(target=lambda: saved.setdefault(
    "note", opened["store"].add_note("@SEED@", "app note [@click=app.quit]x[/]")))
t.start(); t.join()
print(saved["note"].id, flush=True)
""".replace("@SEED@", SEED_ID)

PER_WRITER = 500


def test_two_writers_and_the_app_lose_nothing(tmp_path: Path, tally: Tally) -> None:
    root = tmp_path / "store"
    Store.open(root).close()
    writers = [python(WRITER, str(root), str(PER_WRITER), label, stdout=subprocess.PIPE)
               for label in ("alpha", "beta")]
    app_like = python(APP_LIKE, str(root), stdout=subprocess.PIPE)
    app_note_id = app_like.communicate(timeout=120)[0].strip()
    outputs = [w.communicate(timeout=120)[0] for w in writers]
    assert app_like.returncode == 0 and all(w.returncode == 0 for w in writers)
    assert all(output.strip() == "done" for output in outputs)

    with Store.open(root) as store:
        notes = store.list_notes(SEED_ID)
    ids = [n.id for n in notes]
    assert len(notes) == 2 * PER_WRITER + 1
    assert len(set(ids)) == len(ids), "duplicate note ids"
    for label in ("alpha", "beta"):
        numbers = sorted(int(n.text.split()[1]) for n in notes if n.text.startswith(label))
        assert numbers == list(range(PER_WRITER)), f"{label}: notes lost or doubled"
    assert app_note_id in ids
    assert next(n for n in notes if n.id == app_note_id).text == "app note [@click=app.quit]x[/]"
    report = check_store(root)
    assert report.ok, report.problems
    tally(concurrent_writers=3, concurrent_notes=len(notes))
    print(f"reliability: concurrent_notes={len(notes)} unique={len(set(ids))}")
