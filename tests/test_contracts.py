"""The layers' contracts: every import points down, and no two modules import each other.

``dossier.store`` is plain Python (no Textual, no Rich, nothing of the UI); inside ``tui/``
widgets know no dialogs or screens, and dialogs no screens; no module of ``store/`` or of
``tui/`` imports itself back through others, at any depth. Every import statement counts:
top-level, inside a function (deferred), and under ``TYPE_CHECKING``, since each still ties
one module to the other.

Two independent checks: our own reading of the source tree (the folders as they are in the
repository), and import-linter's contracts in pyproject.toml run on the built wheel (grimp
reads a package from one folder, and only the wheel has ``dossier/`` as one folder).
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pytest

from .conftest import ROOT

#: Repository folder -> the package it is installed as.
FOLDERS = {"dossier": "dossier", "store": "dossier.store", "tui": "dossier.tui",
           "data": "dossier.data"}
#: What store/ must never import (nor anything below it).
STORE_FORBIDDEN = ("textual", "rich", "dossier.tui")
#: tui/ folders from low to high: a folder imports only its own and lower ones.
TUI_LAYERS = ("dossier.tui.widgets", "dossier.tui.dialogs", "dossier.tui.screens")


@cache
def modules() -> dict[str, Path]:
    """Every module of the project by its installed name."""
    found: dict[str, Path] = {}
    for folder, package in FOLDERS.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join((package, *parts))] = path
    return found


def _is_package(name: str) -> bool:
    return modules()[name].name == "__init__.py"


def imported_names(name: str) -> set[str]:
    """Every module ``name`` imports, anywhere in its body: project modules by their full
    name (``from . import x`` is module ``x`` when there is one), others by their top name.
    """
    tree = ast.parse(modules()[name].read_text(encoding="utf-8"))
    package = name if _is_package(name) else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(_resolve(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                child = f"{target}.{alias.name}"
                found.add(child if child in modules() else _resolve(target))
    return found


def _resolve(target: str) -> str:
    """The project module an absolute import names (its longest known prefix), else the
    top-level package of a third-party import."""
    parts = target.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules():
            return candidate
    return parts[0]


def graph(within: str) -> dict[str, set[str]]:
    """Imports among the modules inside ``within`` (a package name)."""
    members = {m for m in modules() if m == within or m.startswith(within + ".")}
    return {m: {t for t in imported_names(m) if t in members and t != m} for m in members}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm,
    iterative so a deep chain cannot overflow the stack)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work: list[tuple[str, Iterable[str]]] = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(iter(children), None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def describe(component: list[str], edges: dict[str, set[str]]) -> str:
    members = set(component)
    links = [f"{a} -> {b}" for a in component for b in sorted(edges[a]) if b in members]
    return "; ".join(links)


# -- the checker checks what it claims ------------------------------------------------------


def test_the_cycle_finder_finds_loops_at_any_depth() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(edges) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_imports_inside_functions_and_type_checking_blocks_count() -> None:
    # store.store opens the index lazily (inside a method) and is read by many modules
    # under TYPE_CHECKING: both kinds must be in the graph, or a loop could hide in them.
    deferred = {t for m in modules() for t in imported_names(m)}
    assert "dossier.store.index" in deferred
    assert "textual" in imported_names("dossier.tui.app")


# -- the contracts ----------------------------------------------------------------------------


def test_store_imports_no_textual_rich_or_tui() -> None:
    offenders = sorted(
        f"{m} imports {t}" for m in modules() if m.startswith("dossier.store")
        for t in imported_names(m)
        if any(t == f or t.startswith(f + ".") for f in STORE_FORBIDDEN))
    assert offenders == []


@pytest.mark.parametrize("package", ["dossier.store", "dossier.tui"])
def test_no_two_modules_import_each_other_in_a_loop(package: str) -> None:
    edges = graph(package)
    assert [describe(c, edges) for c in cycles(edges)] == []


def test_lower_tui_folders_import_no_higher_one() -> None:
    offenders = []
    for low, layer in enumerate(TUI_LAYERS):
        higher = TUI_LAYERS[low + 1:]
        for module in modules():
            if not (module == layer or module.startswith(layer + ".")):
                continue
            offenders += [f"{module} imports {t}" for t in imported_names(module)
                          if any(t == h or t.startswith(h + ".") for h in higher)]
    assert offenders == []


def test_nothing_below_the_app_imports_it_and_data_imports_nothing() -> None:
    offenders = [f"{m} imports {t}" for m in modules() for t in imported_names(m)
                 if t == "dossier.tui.app" and m not in ("dossier.tui.cli.main",)]
    offenders += [f"{m} imports {t}" for m in modules() if m.startswith("dossier.data")
                  for t in imported_names(m) if t.startswith("dossier")]
    assert offenders == []


def test_every_project_import_is_through_the_dossier_namespace() -> None:
    # An absolute `import store` or `from tui...` works from a checkout by accident (the
    # repository root on sys.path) and loads a second copy of every module.
    offenders = sorted(f"{m} imports {t}" for m in modules() for t in imported_names(m)
                       if t in ("store", "tui", "data", "dossier_data"))
    assert offenders == []


def test_import_linter_contracts_hold_on_the_built_wheel(unpacked_wheel: Path,
                                                          tmp_path: Path) -> None:
    lint_imports = shutil.which("lint-imports", path=os.path.dirname(sys.executable))
    assert lint_imports, "import-linter is one of the test extras"
    env = {**os.environ, "PYTHONPATH": str(unpacked_wheel)}
    # Run outside the work tree, so `dossier` is the unpacked wheel, not the checkout.
    result = subprocess.run([lint_imports, str(ROOT / "pyproject.toml"),
                             "--no-cache"], capture_output=True, text=True, cwd=tmp_path,
                            env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and " 0 broken" in result.stdout, result.stdout


def test_importing_all_of_store_loads_no_textual_or_rich() -> None:
    # What the import statements say, proved by running them: a dependency that pulls in
    # Textual or Rich itself would pass the static checks.
    names = sorted(m for m in modules() if m.startswith("dossier.store"))
    code = ("import sys\n" + "".join(f"import {m}\n" for m in names)
            + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')"
            + " or m.startswith('dossier.tui'))\n"
            + "assert not bad, bad\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stderr
