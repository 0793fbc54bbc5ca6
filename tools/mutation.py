"""Mutation check of the modules that keep the store's promises, with cosmic-ray.

    python3 -m pip install -e '.[test,mutation]'
    nice -n 15 python3 tools/mutation.py                  # every target
    nice -n 15 python3 tools/mutation.py edit export      # some targets
    python3 tools/mutation.py --list                      # the targets and their tests

Each target is one module (or the lines of one function in it) and the fast tests that
should notice a change to it. cosmic-ray changes one thing at a time (a comparison, an
operator, a constant, a `break`, a boolean...) and runs those tests; a change that no test
notices "survives". Each survivor is either killed by a new test or explained in
docs/testing.md.

cosmic-ray rewrites the source files it mutates, so it never runs in the work tree: the
tracked files (and any new, untracked ones) are copied to a folder of their own
(``--workdir``, default a temporary one), and the tests there import the copy through
PYTHONPATH (a ``dossier`` package whose ``store``, ``tui`` and ``data`` point into the
copy). The results go to docs/mutation-last-run.md (``--results``), with the date.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Target:
    name: str
    module: str
    tests: tuple[str, ...]
    #: Only the bodies of these functions (``name`` or ``Class.method``, comma-separated)
    #: are mutated; None: the whole module.
    function: str | None = None
    #: Why these tests: what the module promises.
    why: str = ""


TARGETS: tuple[Target, ...] = (
    Target("storage", "store/storage.py",
           ("tests/store/test_storage.py", "tests/store/test_storage_units.py",
            "tests/store/test_folder_fsync.py", "tests/store/test_transaction.py",
            "tests/store/test_journal.py"),
           why="atomic replace, fsync of file and folder, damaged files refused"),
    Target("journal", "store/journal.py",
           ("tests/store/test_journal.py", "tests/store/test_journal_units.py",
            "tests/store/test_folder_fsync.py", "tests/store/test_transaction.py"),
           why="several files replaced all or nothing, recovery after a kill"),
    Target("transaction", "store/store.py",
           ("tests/store/test_transaction.py", "tests/store/test_transaction_outcomes.py",
            "tests/store/test_store.py", "tests/store/test_edit_processes.py"),
           function="Store.transaction",
           why="the one write funnel: lock, recovery, backup, commit or nothing"),
    Target("edit", "store/edit.py",
           ("tests/store/test_edit.py", "tests/store/test_edit_items.py",
            "tests/store/test_edit_processes.py"),
           why="edits validated as whole records; apply_edit under the lock"),
    Target("query", "store/query.py",
           ("tests/store/test_query.py", "tests/store/test_query_units.py",
            "tests/store/test_query_bounds.py",
            # A timing ratio, which a machine loaded by the mutation run itself can fail.
            "--deselect=tests/store/test_query_bounds.py::"
            "test_eight_times_the_repeats_cost_at_most_eight_times_the_time"),
           why="the search language: words, phrases, filters, bounds"),
    Target("export", "store/export.py",
           ("tests/store/test_export.py", "tests/store/test_export_safety.py",
            "tests/store/test_export_csv_guard.py", "tests/store/test_export_briefing.py",
            "tests/store/test_export_popolo.py", "tests/store/test_export_csv_rows.py"),
           function="md,safe_link,yaml_string,_cell,csv_rows,ics_text",
           why="CSV formula guards, escaping of every format"),
    Target("text", "tui/text.py",
           ("tests/tui/test_text.py", "tests/reliability/test_hostile.py"),
           why="text from data shown as text, never markup or control codes"),
    Target("dates", "store/extract/dates.py",
           ("tests/store/test_dates_units.py", "tests/store/test_extract.py",
            "tests/store/test_extract_quality.py"),
           why="meeting dates read from statements, inferred year marked"),
)

#: Operators left out, to keep the run within an hour on two cores: the rare swaps of
#: arithmetic for bitwise or power operators (almost always a TypeError, killed at once),
#: identity and membership swaps of ordinary comparisons (likewise), ``~`` and the random
#: variable inserter and replacer (noise, not a promise).
EXCLUDED_OPERATORS = (
    r"core/ReplaceBinaryOperator_.*_(Pow|RShift|LShift|BitOr|BitAnd|BitXor|FloorDiv|Mod)$",
    r"core/ReplaceBinaryOperator_(Pow|RShift|LShift|BitOr|BitAnd|BitXor)_.*",
    r"core/ReplaceComparisonOperator_(Eq|NotEq|Lt|LtE|Gt|GtE)_(Is|IsNot|In|NotIn)$",
    r"core/ReplaceComparisonOperator_(Is|IsNot|In|NotIn)_(Eq|NotEq|Lt|LtE|Gt|GtE)$",
    r"core/ReplaceUnaryOperator_.*Invert.*",
    r"core/VariableInserter",
    r"core/VariableReplacer",
)


@dataclass
class Outcome:
    target: Target
    total: int = 0
    killed: int = 0
    survived: list[str] = field(default_factory=list)
    timeouts: int = 0
    incompetent: int = 0
    seconds: float = 0.0
    baseline_failed: str = ""
    #: How the figures were had: a full run, or the survivors of an earlier run rechecked.
    how: str = "full run"
    pending: int = 0


def function_lines(path: Path, qualified: str) -> tuple[int, int]:
    """The first and last line of ``Class.method`` (or ``function``) in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes: list[ast.AST] = [tree]
    for part in qualified.split("."):
        found = [n for parent in nodes for n in ast.iter_child_nodes(parent)
                 if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                 and n.name == part]
        if not found:
            raise SystemExit(f"{path}: no {qualified}")
        nodes = found
    node = nodes[0]
    assert isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    return node.lineno, node.end_lineno or node.lineno


def copy_tree(workdir: Path, *, tracked_only: bool = False) -> Path:
    """The tracked and new files of the work tree, copied to ``workdir/src``, whose
    ``dossier`` folder gets links to ``store``, ``tui`` and ``data``: with the copy first on
    PYTHONPATH (pytest puts it first too), ``dossier.store`` is the copy's ``store/``, not the
    work tree's that the editable install maps."""
    src = workdir / "src"
    if src.exists():
        shutil.rmtree(src)
    new_files = [] if tracked_only else ["--others", "--exclude-standard"]
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", *new_files], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    for name in filter(None, listed.stdout.split("\0")):
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    for folder in ("store", "tui", "data"):
        (src / "dossier" / folder).symlink_to(Path("..") / folder, target_is_directory=True)
    return src


def test_environment(src: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(src)
    # A mutant can keep a file's size and mtime second: never trust a cached .pyc.
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("PYTEST_ADDOPTS", None)
    check = subprocess.run([sys.executable, "-c", "import dossier.store.edit as m, "
                            "dossier.tui.text as t; print(m.__file__); print(t.__file__)"],
                           cwd=src, env=env, capture_output=True, text=True, check=True)
    for imported in check.stdout.split():
        if not Path(imported).is_relative_to(src):
            raise SystemExit(f"the tests would import {imported}, not the copy in {src}")
    return env


def cosmic_ray_tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: pip install -e '.[mutation]'")
    return found


def toml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid TOML basic string


def run_target(target: Target, src: Path, workdir: Path, env: dict[str, str],
               recheck: Path | None = None) -> Outcome:
    outcome = Outcome(target)
    # --tracked-only: not every test file exists yet. Options (``--deselect=``) pass as is.
    tests = [t for t in target.tests if t.startswith("-") or (src / t).exists()]
    test_command = " ".join([sys.executable, "-m", "pytest", "-x", "-q", "-p",
                             "no:cacheprovider", "-p", "no:randomly", *tests])
    started = time.monotonic()
    baseline = subprocess.run(test_command, shell=True, cwd=src, env=env, capture_output=True,
                              text=True)
    baseline_s = time.monotonic() - started
    if baseline.returncode != 0:
        outcome.baseline_failed = (baseline.stdout + baseline.stderr)[-2000:]
        return outcome
    earlier = recheck / f"{target.name}.sqlite" if recheck else None
    if (earlier is not None and earlier.exists() and recheck is not None
            and (recheck / "src" / target.module).read_bytes()
            == (src / target.module).read_bytes()):
        return recheck_survivors(outcome, earlier, src, env, test_command,
                                 timeout=max(30.0, 4 * baseline_s))
    session = workdir / f"{target.name}.sqlite"
    config = workdir / f"{target.name}.toml"
    excluded = ", ".join(toml_string(op) for op in EXCLUDED_OPERATORS)
    lines = ""
    if target.function:
        ranges = [function_lines(src / target.module, name.strip())
                  for name in target.function.split(",")]
        spans = ", ".join(toml_string(f"{first}-{last}") for first, last in ranges)
        lines = (f"\n[cosmic-ray.filters.line-filter]\n"
                 f"lines = {{ {toml_string(target.module)} = [{spans}] }}\n")
    config.write_text(
        "[cosmic-ray]\n"
        f"module-path = {toml_string(target.module)}\n"
        f"timeout = {max(30.0, 4 * baseline_s):.0f}\n"
        "excluded-modules = []\n"
        f"test-command = {toml_string(test_command)}\n"
        "[cosmic-ray.distributor]\nname = \"local\"\n"
        f"[cosmic-ray.filters.operators-filter]\nexclude-operators = [{excluded}]\n"
        + lines)
    session.unlink(missing_ok=True)
    cosmic_ray = cosmic_ray_tool("cosmic-ray")
    subprocess.run([cosmic_ray, "init", str(config), str(session)], cwd=src, env=env,
                   check=True)
    subprocess.run([cosmic_ray_tool("cr-filter-operators"), str(session), str(config)],
                   cwd=src, env=env, check=True)
    if target.function:
        subprocess.run([cosmic_ray_tool("cr-filter-lines"), str(session), "--config",
                        str(config)], cwd=src, env=env, check=True)
    subprocess.run([cosmic_ray, "exec", str(config), str(session)], cwd=src, env=env,
                   check=True)
    outcome.seconds = time.monotonic() - started
    return tally_session(outcome, session, src, env)


def tally_session(outcome: Outcome, session: Path, src: Path, env: dict[str, str]) -> Outcome:
    """Count a session's results into ``outcome``; mutants not yet run count as pending."""
    dump = subprocess.run([cosmic_ray_tool("cosmic-ray"), "dump", str(session)], cwd=src,
                          env=env, capture_output=True, text=True, check=True)
    for line in dump.stdout.splitlines():
        item, result = json.loads(line)
        if result is None:
            outcome.pending += 1
            continue
        if result.get("worker_outcome") == "skipped":
            continue
        outcome.total += 1
        test_outcome = result.get("test_outcome")
        if result.get("worker_outcome") == "abnormal":
            outcome.timeouts += 1  # killed by the timeout: counted as caught
            outcome.killed += 1
        elif test_outcome == "killed":
            outcome.killed += 1
        elif test_outcome == "incompetent":
            outcome.incompetent += 1
            outcome.killed += 1
        elif test_outcome == "survived":
            outcome.survived.append(describe(item, result))
    if outcome.pending:
        outcome.how += f", stopped with {outcome.pending} mutants not run"
    return outcome


def recheck_survivors(outcome: Outcome, earlier: Path, src: Path, env: dict[str, str],
                      test_command: str, *, timeout: float) -> Outcome:
    """Run the tests again on each mutant that survived an earlier full run of an unchanged
    module (cosmic-ray mutate-and-test: mutate, test, restore), not on every mutant."""
    started = time.monotonic()
    dump = subprocess.run([cosmic_ray_tool("cosmic-ray"), "dump", str(earlier)], cwd=src,
                          env=env, capture_output=True, text=True, check=True)
    for line in dump.stdout.splitlines():
        item, result = json.loads(line)
        if result is None or result.get("worker_outcome") == "skipped":
            continue
        outcome.total += 1
        if result.get("test_outcome") != "survived":
            outcome.killed += 1
            continue
        (mutation,) = item["mutations"]
        module = src / mutation["module_path"]
        original = module.read_bytes()
        # coreutils' timeout ends the tests themselves: cosmic-ray starts them in a
        # session of their own, which killing the worker does not reach.
        bounded = f"timeout -k 5 {timeout:.0f} {test_command}"
        worker = subprocess.Popen(
            [cosmic_ray_tool("cosmic-ray"), "mutate-and-test", mutation["module_path"],
             mutation["operator_name"], str(mutation["occurrence"]), bounded],
            cwd=src, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            start_new_session=True)
        try:
            stdout, _ = worker.communicate(timeout=timeout + 30)
            verdict = json.loads(stdout.strip().splitlines()[-1])
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)  # the worker and the tests it started
            worker.wait()
            verdict = {"worker_outcome": "abnormal"}
            # mutate-and-test restores the module when it ends; killed, it could not.
            module.write_bytes(original)
        if verdict.get("worker_outcome") == "abnormal":
            outcome.timeouts += 1
            outcome.killed += 1
        elif verdict.get("test_outcome") == "survived":
            outcome.survived.append(describe(item, result))
        else:
            outcome.killed += 1
    outcome.seconds = time.monotonic() - started
    outcome.how = f"survivors of {earlier.name} rechecked"
    return outcome


def describe(item: dict, result: dict) -> str:
    (mutation,) = item["mutations"]
    where = f"{mutation['module_path']}:{mutation['start_pos'][0]}"
    diff = "\n".join(line for line in (result.get("diff") or "").splitlines()
                     if line[:1] in "+-" and line[:3] not in ("+++", "---"))
    return f"{where} {mutation['operator_name']} #{mutation['occurrence']}\n{diff}"


def report(outcomes: list[Outcome], not_run: list[Target], command: str) -> str:
    today = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = [f"# Mutation check: last run {today}", "",
           f"Command: `{command}` (cosmic-ray, tools/mutation.py; what each survivor means "
           "is in docs/testing.md).", "",
           "| target | module | mutants | killed | survived | timeouts | minutes | how |",
           "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for o in outcomes:
        where = o.target.module + (f" ({o.target.function})" if o.target.function else "")
        if o.baseline_failed:
            out.append(f"| {o.target.name} | {where} | baseline failed | | | | | |")
            continue
        out.append(f"| {o.target.name} | {where} | {o.total} | {o.killed} | "
                   f"{len(o.survived)} | {o.timeouts} | {o.seconds / 60:.1f} | {o.how} |")
    for t in not_run:
        out.append(f"| {t.name} | {t.module} | not run | | | | | |")
    total = sum(o.total for o in outcomes)
    killed = sum(o.killed for o in outcomes)
    survived = sum(len(o.survived) for o in outcomes)
    out += ["", f"Summary: {total} mutants, {killed} killed, {survived} survived."]
    for o in outcomes:
        if o.survived:
            out += ["", f"## Survivors in {o.target.name}", ""]
            for s in o.survived:
                out += ["```diff", s, "```"]
        if o.baseline_failed:
            out += ["", f"## {o.target.name}: the tests fail unmutated", "", "```",
                    o.baseline_failed, "```"]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", help="target names (default: all)")
    parser.add_argument("--list", action="store_true", help="list the targets and stop")
    parser.add_argument("--workdir", type=Path, help="where the copy goes (default: temp)")
    parser.add_argument("--recheck", type=Path, metavar="WORKDIR",
                        help="an earlier run's --workdir: for a module unchanged since, run "
                             "the tests on its survivors only")
    parser.add_argument("--report", type=Path, metavar="WORKDIR",
                        help="write the results of the sessions in WORKDIR (say, of a run "
                             "that was stopped) and stop")
    parser.add_argument("--tracked-only", action="store_true",
                        help="copy only the files git tracks (leave out new tests)")
    parser.add_argument("--results", type=Path, default=ROOT / "docs" / "mutation-last-run.md")
    args = parser.parse_args(argv)
    by_name = {t.name: t for t in TARGETS}
    if args.list:
        for t in TARGETS:
            print(f"{t.name:12} {t.module}{' ' + t.function if t.function else ''}: "
                  f"{t.why}\n{'':13}{' '.join(t.tests)}")
        return 0
    unknown = set(args.targets) - set(by_name)
    if unknown:
        parser.error(f"no target {', '.join(sorted(unknown))}; see --list")
    chosen = [by_name[n] for n in args.targets] if args.targets else list(TARGETS)
    if args.report:
        env = dict(os.environ)
        done = [tally_session(Outcome(t, how="full run"), args.report / f"{t.name}.sqlite",
                              args.report / "src", env)
                for t in chosen if (args.report / f"{t.name}.sqlite").exists()]
        args.results.write_text(report(done, [], " ".join(
            ["nice -n 15 python3 tools/mutation.py", *(argv or sys.argv[1:])])))
        print(args.results.read_text())
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="dossier-mutation-"))
    workdir.mkdir(parents=True, exist_ok=True)
    src = copy_tree(workdir, tracked_only=args.tracked_only)
    env = test_environment(src)
    outcomes = []
    for target in chosen:
        print(f"== {target.name}: {target.module}", flush=True)
        outcomes.append(run_target(target, src, workdir, env, args.recheck))
        # Written after every target, so an interrupted run still leaves its results.
        not_run = [t for t in TARGETS if t not in chosen or t not in
                   [o.target for o in outcomes]]
        command = " ".join(["nice -n 15 python3 tools/mutation.py", *(argv or sys.argv[1:])])
        args.results.write_text(report(outcomes, not_run, command))
    print(args.results.read_text())
    return 0 if all(not o.survived and not o.baseline_failed for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
