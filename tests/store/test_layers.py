"""store/ is plain Python: it never imports textual or tui (DESIGN.md, "Layers")."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

STORE = Path(__file__).resolve().parents[2] / "store"
FORBIDDEN = ("textual", "tui")


def test_no_store_module_imports_ui_packages() -> None:
    offenders = []
    for path in STORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_importing_all_of_store_loads_no_textual() -> None:
    modules = sorted(p.stem for p in STORE.glob("*.py") if p.stem != "__init__")
    code = ("import sys\n" + "".join(f"import store.{m}\n" for m in modules)
            + "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'tui')]\n"
            + "assert not bad, bad\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=STORE.parent)
    assert result.returncode == 0, result.stderr
