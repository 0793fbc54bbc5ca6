"""The command palette at scale: the catalog's build, and the work done per key.

    python benchmarks/palette_probe.py --store DIR [--queries brics lavrov 2013-12 theme]
    python benchmarks/palette_probe.py --meetings 2000        (generates a scratch store)

For each query typed key by key (b, br, bri, …), times what the palette's provider does
for that key (tui/commands.py: the catalog's lookup, ranking and highlighting), then
the real app under ``App.run_test``: from a key in the open palette to its results listed
(``qqqq``, which matches nothing, is the floor: Pilot's and the palette's own cost).
Prints one JSON object (milliseconds; max and median per key).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textual.command import CommandPalette  # noqa: E402
from textual.style import Style  # noqa: E402

from dossier.store.lookup import palette_names  # noqa: E402
from dossier.store.store import Store  # noqa: E402
from dossier.tui.app import DossierApp  # noqa: E402
from dossier.tui.commands import (  # noqa: E402
    SHOWN,
    PaletteCatalog,
    appearance_choices,
    catalog_choices,
    highlight_words,
)

QUERIES = ["brics", "lavrov", "2013-12", "theme", "participant profile: ser", "qqqq"]


def scratch_store(meetings: int, folder: Path) -> Path:
    """A store of ``meetings`` generated meetings (benchmarks/generate.py, seed 1)."""
    records = folder / "records.ndjson"
    root = folder / "store"
    here = Path(__file__).resolve().parent
    subprocess.run([sys.executable, str(here / "generate.py"), "--meetings", str(meetings),
                    "-o", str(records), "--seed", "1"], check=True)
    subprocess.run([sys.executable, "-m", "dossier", "init", str(root), "--empty"],
                   check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "dossier", "--store", str(root), "import",
                    str(records)], check=True, capture_output=True)
    return root


def per_key_ms(store: Store, catalog: PaletteCatalog, query: str) -> list[float]:
    """The provider's work for each prefix of ``query`` (what one key costs): the
    catalog's lines, then the appearances looked up in the index."""
    times = []
    for end in range(1, len(query) + 1):
        typed = query[:end]
        started = time.perf_counter()
        style = Style(bold=True)
        found = catalog.find(typed)
        for _tier, line in found[:SHOWN]:
            catalog.highlight(line, typed, style)
        for choice in appearance_choices(store, catalog, typed, found)[:SHOWN]:
            highlight_words(choice.text, typed, style)
        times.append((time.perf_counter() - started) * 1000)
    return times


async def app_per_key_ms(root: Path, query: str) -> list[float]:
    """In the real app: each key in the open palette until its results are listed."""
    app = DossierApp(root)
    times: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        while not app.palette_catalog.fresh:  # the app builds it after start-up
            await pilot.pause(0.05)
        await pilot.press("ctrl+p")
        await pilot.pause(0.1)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        for char in query:
            started = time.perf_counter()
            await pilot.press("space" if char == " " else char)
            # Done when the palette's search for this text has finished and been listed.
            while any(worker.group == CommandPalette._GATHER_COMMANDS_GROUP  # noqa: SLF001
                      and not worker.is_finished for worker in app.workers):
                await pilot.pause(0.001)
                if time.perf_counter() - started > 60:
                    break
            times.append((time.perf_counter() - started) * 1000)
    return times


def summary(times: list[float]) -> dict[str, float]:
    return {"max_ms": round(max(times), 2), "median_ms": round(statistics.median(times), 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, help="an existing store")
    parser.add_argument("--meetings", type=int, default=2000, help="else generate this many")
    parser.add_argument("--queries", nargs="+", default=QUERIES)
    parser.add_argument("--no-app", action="store_true", help="skip the real-app timing")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dossier-palette-") as scratch:
        root = args.store or scratch_store(args.meetings, Path(scratch))
        store = Store.open(root)
        store.index().ensure_fresh()
        started = time.perf_counter()
        names = palette_names(store)
        read_s = time.perf_counter() - started
        started = time.perf_counter()
        catalog = PaletteCatalog(catalog_choices(names))
        build_s = time.perf_counter() - started
        result: dict[str, object] = {
            "meetings": len(names.meetings), "lines": len(catalog),
            "read_names_s": round(read_s, 3), "catalog_build_s": round(build_s, 3),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "provider_per_key": {q: summary(per_key_ms(store, catalog, q))
                                 for q in args.queries},
        }
        if not args.no_app:
            result["app_per_key"] = {q: summary(asyncio.run(app_per_key_ms(root, q)))
                                     for q in args.queries}
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
