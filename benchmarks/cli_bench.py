"""Whole-process timings of the `dossier` command line on one store (issue 16).

Each command runs as a fresh process, as a script calling `dossier` would: wall time and CPU
time (user + system, from the child's rusage, less sensitive than wall time to a busy
machine), median of ``--repeat`` runs after one unmeasured warm-up run (bytecode and page
cache warm). Beside them, the references from the same run: ``python -c pass`` for start-up,
and the ``sqlite3`` CLI running the same FTS5 MATCH ordered by bm25 on the same
index.sqlite, with the ratio.

    python benchmarks/cli_bench.py STORE [--repeat 5] [--json out.json]

The store must have been indexed (``dossier search x`` once); `note add` adds notes to it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

#: A word in ~35-40 % of the generated meetings (benchmarks/generate.py), and a rare pair.
COMMON_QUERY = "arctic"
RARE_QUERY = "afghanistan transparency"


def run_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds of one run of ``command`` (output discarded)."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env)
    assert proc.stderr is not None
    errors = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {errors.decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime


def measure(command: list[str], env: dict[str, str], repeat: int) -> dict[str, Any]:
    run_once(command, env)  # warm: bytecode cache, page cache
    walls, cpus = zip(*(run_once(command, env) for _ in range(repeat)), strict=True)
    return {"command": " ".join(command), "median_s": statistics.median(walls),
            "min_s": min(walls), "max_s": max(walls), "cpu_s": statistics.median(cpus),
            "n": repeat}


def fts_query(words: str) -> str:
    """The sqlite3 reference: the same words as an FTS5 prefix query, best 50 by bm25,
    each with its meeting (the index keeps no text since format 6, so the reference reads
    rowids and owners; ours also rebuilds each hit's label and snippet from its JSON)."""
    from dossier.store.rows import WEIGHTS

    terms = " ".join(f'"{w}"*' for w in words.split())
    weights = ", ".join(str(w) for w in WEIGHTS)
    return (f"SELECT o.meeting_id, fts.rowid FROM fts CROSS JOIN owner o ON o.base = "
            f"(fts.rowid >> 16) << 16 WHERE fts MATCH '{terms}' "
            f"ORDER BY bm25(fts, {weights}) LIMIT 50;")


def child_env() -> dict[str, str]:
    """As on a user's install: bytecode cached (kept out of the repository)."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX="/tmp/dossier-bench/pycache")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure_cli(store: Path, repeat: int = 5) -> dict[str, Any]:
    """Every command's row and the sqlite3 references, with the search ratios."""
    store = store.resolve()
    env = child_env()
    installed = shutil.which("dossier")
    dossier = [installed] if installed else [sys.executable, "-m", "dossier"]
    base = [*dossier, "--store", str(store)]
    some_id = subprocess.run([*base, "list", "--plain", "--limit", "1"], capture_output=True,
                             text=True, env=env, check=True).stdout.split("\t")[1]
    load_start = os.getloadavg()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "dossier --version": [*dossier, "--version"],
        f"search {COMMON_QUERY} --json": [*base, "search", "--json", COMMON_QUERY],
        f"search {RARE_QUERY} --json": [*base, "search", "--json", *RARE_QUERY.split()],
        "show ID --json": [*base, "show", some_id, "--json"],
        "list --json": [*base, "list", "--json"],
        "note add ID TEXT": [*base, "note", "add", some_id, "benchmark note #cli"],
    }
    if shutil.which("sqlite3"):
        index = str(store / "index.sqlite")
        commands[f"sqlite3 {COMMON_QUERY}"] = ["sqlite3", index, fts_query(COMMON_QUERY)]
        commands[f"sqlite3 {RARE_QUERY}"] = ["sqlite3", index, fts_query(RARE_QUERY)]
    rows: dict[str, dict[str, Any]] = {}
    for label, command in commands.items():
        rows[label] = measure(command, env, repeat)
        print(f"{label:42} {rows[label]['median_s']:.3f} s [{rows[label]['min_s']:.3f}-"
              f"{rows[label]['max_s']:.3f}] cpu {rows[label]['cpu_s']:.3f} s", flush=True)
    ratios = {}
    for query in (COMMON_QUERY, RARE_QUERY):
        ours, ref = rows.get(f"search {query} --json"), rows.get(f"sqlite3 {query}")
        if ours and ref:
            ratios[query] = {"wall": ours["median_s"] / ref["median_s"],
                             "cpu": ours["cpu_s"] / max(ref["cpu_s"], 1e-3)}
            print(f"ratio search {query!r} / sqlite3: {ratios[query]['wall']:.1f}x wall, "
                  f"{ratios[query]['cpu']:.1f}x cpu")
    load_end = os.getloadavg()
    print(f"load average {load_start[0]:.2f} -> {load_end[0]:.2f}")
    return {"store": str(store), "rows": rows, "ratios_to_sqlite3": ratios,
            "load_average": {"start": load_start, "end": load_end}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, default=None, help="Write the results here.")
    args = parser.parse_args(argv)
    report = measure_cli(args.store, args.repeat)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
