"""How long a key takes in the real app while it starts: key posted -> table cursor moved.

Not `Pilot.press`: it waits for the whole process to go idle (up to a second, twice), so
while any start-up thread works (the index check, the palette's catalog) it reports ~2 s
whatever the key costs. This posts `j` (or `k`, to stay near the top) with
`App.simulate_key` and polls the meeting table's cursor every 2 ms.

    python benchmarks/key_probe.py STORE_DIR [--seconds 25] [--every 0.4]

Prints one line per key: seconds since start, milliseconds to the cursor's move (or
"no move" after a second: no row yet, or the key was not the table's), and rows listed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dossier.tui.app import DossierApp  # noqa: E402

GIVE_UP_S = 1.0


async def probe(store: Path, seconds: float, every: float) -> list[tuple[float, float | None]]:
    app = DossierApp(store)
    started = time.monotonic()
    samples: list[tuple[float, float | None]] = []
    async with app.run_test(size=(120, 36)):
        while time.monotonic() - started < seconds:
            table = app.main.meeting_list.table
            before = table.cursor_row
            pressed = time.monotonic()
            app.simulate_key("j" if before < 20 else "k")
            while table.cursor_row == before and time.monotonic() - pressed < GIVE_UP_S:
                await asyncio.sleep(0.002)
            moved = table.cursor_row != before
            took = (time.monotonic() - pressed) * 1000 if moved else None
            samples.append((pressed - started, took))
            shown = f"{took:6.0f} ms" if took is not None else "no move"
            print(f"{pressed - started:5.1f} s  {shown}  rows {table.row_count}", flush=True)
            await asyncio.sleep(every)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--seconds", type=float, default=25.0)
    parser.add_argument("--every", type=float, default=0.4)
    args = parser.parse_args()
    samples = asyncio.run(probe(args.store, args.seconds, args.every))
    moved = sorted(took for _, took in samples if took is not None)
    if moved:
        print(f"{len(moved)} of {len(samples)} keys moved the cursor: median "
              f"{moved[len(moved) // 2]:.0f} ms, max {moved[-1]:.0f} ms")


if __name__ == "__main__":
    main()
