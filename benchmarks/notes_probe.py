"""50,000 notes on one meeting: the Notes pane's paint, the meeting's load and `note add`.

    python benchmarks/notes_probe.py [--notes 50000] [--repeat 5]

Builds a seeded scratch store whose seed meeting holds ``--notes`` notes (written in one
transaction), then times, median of ``--repeat``: ``Store.meeting_notes`` as the app calls
it, the app from the ``4`` key to the Notes pane painted (``App.run_test``),
``Store.add_note`` in-process, and the whole ``dossier note add`` process (wall and CPU,
after one unmeasured run, the index built as a user's would be) and the ``dossier search``
after it. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.cli_bench import child_env, run_once  # noqa: E402
from dossier.store.layout import NOTES_FILE  # noqa: E402
from dossier.store.store import Store  # noqa: E402
from dossier.tui.app import PANE_NOTES, DossierApp  # noqa: E402
from dossier.tui.widgets import NotesList  # noqa: E402

SEED_ID = "nrc-2013-12-04"


def build(root: Path, count: int) -> Store:
    store = Store.open(root)
    first = store.add_note(SEED_ID, "note 0 #bench")
    template = first.to_json_dict()
    docs = []
    for number in range(1, count):
        stamp = (first.created + timedelta(seconds=number)).isoformat()
        docs.append({**template, "id": f"n-{number:012x}", "text": f"note {number} #bench",
                     "created": stamp, "updated": stamp})
    with store.transaction() as tx:
        def append(existing: dict[int, dict[str, object]]) -> None:
            start = max(existing, default=0) + 1
            for offset, doc in enumerate(docs):
                existing[start + offset] = doc
        tx.rewrite(root / NOTES_FILE, append)
    return store


async def pane_paint(root: Path) -> float:
    app = DossierApp(root)
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(200):  # the list, then the meeting, load in workers
            await pilot.pause(0.02)
            if app.main.meeting is not None:
                break
        await pilot.pause(0.3)
        # Timed from the pane switch the `4` key makes to the pane's rows on screen
        # (Pilot.press itself adds ~0.4 s of waiting here, the same for any key).
        started = time.perf_counter()
        app.main.action_show_pane("notes")
        pane = app.query_one(NotesList)
        while pane.option_count == 0:
            await asyncio.sleep(0)
        app.screen._compositor.render_strips()  # what reaches the terminal, drawn
        return time.perf_counter() - started


def whole_process(root: Path, repeat: int) -> dict[str, float]:
    """Median wall and CPU of `dossier note add` and of the `dossier search` after each."""
    env = child_env()
    dossier = [sys.executable, "-m", "dossier", "--store", str(root)]
    run_once([*dossier, "note", "add", SEED_ID, "warm-up"], env)
    adds, searches = [], []
    for number in range(repeat):
        adds.append(run_once([*dossier, "note", "add", SEED_ID, f"process {number}"], env))
        searches.append(run_once([*dossier, "search", "--json", "zzqqx"], env))
    return {"note_add_process_s": round(statistics.median(w for w, _ in adds), 4),
            "note_add_process_cpu_s": round(statistics.median(c for _, c in adds), 4),
            "search_after_add_s": round(statistics.median(w for w, _ in searches), 4),
            "search_after_add_cpu_s": round(statistics.median(c for _, c in searches), 4)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--notes", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "store"
        store = build(root, args.notes)
        load = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            store.meeting_notes(SEED_ID, PANE_NOTES)
            load.append(time.perf_counter() - started)
        paint = [asyncio.run(pane_paint(root)) for _ in range(args.repeat)]
        add = []
        for number in range(args.repeat):
            started = time.perf_counter()
            store.add_note(SEED_ID, f"added {number}")
            add.append(time.perf_counter() - started)
        # The index built from files written over 2 s ago, as on a user's store (a file
        # written more recently is re-checked at every read: store.index.RACY_WINDOW_NS).
        time.sleep(2.1)
        store.index().ensure_fresh()
        store.close()
        processes = whole_process(root, args.repeat)
        print(json.dumps({
            "notes": args.notes,
            "meeting_notes_s": round(statistics.median(load), 4),
            "notes_pane_paint_s": round(statistics.median(paint), 4),
            "note_add_s": round(statistics.median(add), 4),
            **processes,
            "load_average": round(os.getloadavg()[0], 2),
        }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
