"""After a typical session every directory of a store is 0700 and every file 0600."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from dossier.store.check import repair_store
from dossier.store.store import Store

from . import damage
from .conftest import Tally
from .helpers import SEED_ID, run_dossier


def _modes(root: Path) -> dict[str, str]:
    out = {".": oct(stat.S_IMODE(root.stat().st_mode))}
    for path in sorted(root.rglob("*")):
        out[str(path.relative_to(root))] = oct(stat.S_IMODE(path.lstat().st_mode))
    return out


def test_every_file_of_a_store_is_private(tmp_path: Path, tally: Tally) -> None:
    previous = os.umask(0o022)  # the usual default, which would make new files 0644
    try:
        _session(tmp_path / "store", tally)
    finally:
        os.umask(previous)


def _session(root: Path, tally: Tally) -> None:
    for args in (("list",), ("note", "add", SEED_ID, "a note #tag"), ("search", "Lavrov"),
                 ("show", SEED_ID), ("note", "list"), ("check",)):
        result = run_dossier("--store", str(root), *args)
        assert result.returncode == 0, (args, result.stderr)  # 2 is a usage error: a failure
    with Store.open(root) as store:
        note = store.add_note(SEED_ID, "in-process")
        store.edit_note(note.id, "edited")
        store.delete_note(note.id)
        store.search("NATO")
    damage.truncated_notes(root)
    os.chmod(root / "notes.json", 0o600)
    assert repair_store(root).ok  # moves the damaged file aside, writes a new one
    modes = _modes(root)
    assert any(name.startswith("backups/") for name in modes), modes
    assert any(".damaged-" in name for name in modes), modes
    wrong = {}
    for name, mode in modes.items():
        path = root if name == "." else root / name
        want = "0o700" if path.is_dir() else "0o600"
        if mode != want:
            wrong[name] = mode
    assert not wrong, f"not private: {wrong}"
    tally(permission_files=len(modes))
    print(f"reliability: permission_files={len(modes)} {sorted(modes)}")


def test_check_warns_about_files_others_can_read(tmp_path: Path) -> None:
    from dossier.store.check import check_store

    root = tmp_path / "store"
    Store.open(root).add_note(SEED_ID, "private")
    assert check_store(root).warnings == []
    os.chmod(root / "notes.json", 0o644)
    os.chmod(root, 0o755)
    report = check_store(root)
    assert report.ok  # a warning, not damage
    assert report.warnings == [
        f"{root} can be read by other users (mode 755); run `chmod 700 {root}`",
        f"{root / 'notes.json'} can be read by other users (mode 644); run "
        f"`chmod 600 {root / 'notes.json'}`"]
