"""50,000 notes on one meeting: the Notes pane's paint, the meeting's load and `note add`.

    python benchmarks/notes_probe.py [--notes 50000] [--repeat 5]

Builds a seeded scratch store whose seed meeting holds ``--notes`` notes (written in one
transaction), then times, median of ``--repeat``: ``Store.meeting_notes`` as the app calls
it, the app from the ``4`` key to the Notes pane painted (``App.run_test``), and
``Store.add_note`` in-process. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

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
        print(json.dumps({
            "notes": args.notes,
            "meeting_notes_s": round(statistics.median(load), 4),
            "notes_pane_paint_s": round(statistics.median(paint), 4),
            "note_add_s": round(statistics.median(add), 4),
        }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
