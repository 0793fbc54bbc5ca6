"""The built wheel: one top-level package, `dossier`, holding every module and the data.

These tests build the real wheel (``pip wheel``) and read it, rather than trusting
pyproject.toml: a package directory missing from ``packages`` or a data file missing from
``package-data`` only shows in what is built.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import tracked_files

#: Repository folder -> the package it is installed as.
PACKAGE_DIRS = {"dossier": "dossier", "store": "dossier/store", "tui": "dossier/tui",
                "data": "dossier/data"}


def _names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def _metadata(wheel: Path, name: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        (path,) = [n for n in archive.namelist() if n.endswith(f".dist-info/{name}")]
        return archive.read(path).decode()


def test_the_wheel_installs_one_top_level_package(built_wheel: Path) -> None:
    assert _metadata(built_wheel, "top_level.txt").split() == ["dossier"]
    tops = {name.split("/")[0] for name in _names(built_wheel) if ".dist-info/" not in name}
    assert tops == {"dossier"}


def test_every_module_and_data_file_is_in_the_wheel(built_wheel: Path) -> None:
    names = _names(built_wheel)
    missing = []
    for folder, package in PACKAGE_DIRS.items():
        for path in tracked_files(folder):
            if "__snapshots__" in path or path.endswith((".pyc",)):
                continue
            installed = package + path[len(folder):]
            if installed not in names:
                missing.append(path)
    assert missing == []


def test_the_wheel_names_the_command_and_its_entry_point(built_wheel: Path) -> None:
    entry_points = _metadata(built_wheel, "entry_points.txt")
    assert "dossier = dossier.tui.cli:main" in entry_points


def test_the_wheel_runs_beside_unrelated_store_and_tui_packages(unpacked_wheel: Path,
                                                                tmp_path: Path) -> None:
    """PyPI has unrelated top-level `store` and `tui` packages; ours must not care."""
    unpacked = unpacked_wheel
    strangers = tmp_path / "strangers"
    for name in ("store", "tui"):
        (strangers / name).mkdir(parents=True)
        (strangers / name / "__init__.py").write_text(
            f"raise ImportError('the unrelated {name} package was imported')\n")
    env = {"PYTHONPATH": f"{strangers}:{unpacked}", "NO_COLOR": "1",
           "HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "PATH": "/usr/bin:/bin"}
    store_dir = tmp_path / "T"

    def run(*code: str) -> str:
        result = subprocess.run([sys.executable, "-c", "\n".join(code)], capture_output=True,
                                text=True, env=env, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        return result.stdout

    where = run("import dossier; print(dossier.__file__)")
    assert where.strip().startswith(str(unpacked))
    version = run("import sys; sys.argv = ['dossier', '--version']",
                  "from dossier.tui.cli import main", "main(prog_name='dossier')")
    assert version.startswith("dossier, version ")
    listed = run(f"import sys; sys.argv = ['dossier', '--store', {str(store_dir)!r}, 'list']",
                 "from dossier.tui.cli import main", "main(prog_name='dossier')")
    assert "nrc-2013-12-04" in listed
    started = run(
        "import asyncio", "from pathlib import Path",
        "from dossier.tui.app import DossierApp",
        "async def main():",
        f"    app = DossierApp(Path({str(store_dir)!r}))",
        "    async with app.run_test() as pilot:",
        "        await pilot.pause(0.5)",
        "        print(type(app.screen).__name__, app.store is not None)",
        "asyncio.run(main())")
    assert started.split() == ["MainScreen", "True"]
