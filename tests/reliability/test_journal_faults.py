"""A writer killed at any rename or fsync of a multi-file write leaves the old store or the
new one, never a mix, and never loses a note.

Each operation (an import of new meetings, an import that replaces, a delete of a meeting
with its notes, a migration) runs in a real process that is SIGKILLed at its Nth rename or
fsync, for N = 1, 2, … until it finishes: by strace's fault injection where strace is
installed, otherwise by a wrapper of ``os.replace``/``os.fsync`` in the process that kills
itself there. Then a fresh process opens the store (which finishes or undoes the cut-short
write), runs ``check`` and prints what it holds; that must be exactly the state before or
exactly the state after. At one kill point per operation a staged file is also deleted by
hand before reopening, which forces the roll back path.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dossier.store.layout import JOURNAL_FILE, MANIFEST
from dossier.store.model import Meeting
from dossier.store.store import Store

from .conftest import Tally
from .helpers import REPO, SEED_ID

STRACE = shutil.which("strace")

#: Run in every process of these tests: a migration from version 0 exists only here.
PRELUDE = """
import os, signal, sys
import dossier.store.migrate as migrate
migrate.MIGRATIONS[0] = lambda doc: {**doc, "title": doc["title"] + " (v1)"}
kill_at = os.environ.get("KILL_AT")
if kill_at:  # no strace: die at the Nth call, as SIGKILL would
    what, n = kill_at.split(":")
    real = getattr(os, what)
    count = [0]
    def wrapper(*args, **kwargs):
        count[0] += 1
        if count[0] == int(n):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    setattr(os, what, wrapper)
"""

OPERATIONS = {
    "import": "from dossier.tui.cli import main\n"
              "main(['--store', sys.argv[1], 'import', sys.argv[2]], prog_name='dossier')",
    # The same import with its records through the spool's files (store.spool), as a big
    # import's go: a kill leaves a spool directory, which the next open removes.
    "import-spooled": "import dossier.store.spool as spool\nspool.BUFFER_BYTES = 0\n"
                      "from dossier.tui.cli import main\n"
                      "main(['--store', sys.argv[1], 'import', sys.argv[2]], prog_name='dossier')",
    "replace": "from dossier.tui.cli import main\n"
               "main(['--store', sys.argv[1], 'import', sys.argv[2], '--on-conflict', "
               "'replace'], prog_name='dossier')",
    "delete": "from dossier.store.store import Store\n"
              f"Store.open(sys.argv[1]).delete_meeting({SEED_ID!r})",
    "migration": "from dossier.store.store import Store\nStore.open(sys.argv[1])",
}

STATE = """
import json
from pathlib import Path
from filelock import FileLock
from dossier.store.check import check_store
from dossier.store.journal import recover
from dossier.store.store import Store
root = Path(sys.argv[1])
# What the files hold once the cut-short write is finished or undone, read raw, before
# opening the store (which would migrate a version-0 store and hide a mix of versions).
with FileLock(str(root / ".lock")):
    recover(root, [root, root / "meetings"])
meetings = {}
for shard in sorted((root / "meetings").glob("*.json")):
    for doc in json.loads(shard.read_text()).get("meetings", {}).values():
        meetings[doc["id"]] = doc["title"]
notes_file = root / "notes.json"
notes = sorted(n["id"] for n in json.loads(notes_file.read_text()).get("notes", {}).values()
               ) if notes_file.exists() else []
store = Store.open(root)  # and then it opens, tidies up, and check passes
leftovers = sorted(str(p.relative_to(root)) for p in root.rglob("*")
                   if p.is_file() and p.name not in (".lock", ".index.lock")
                   and any(part.startswith(".") for part in p.relative_to(root).parts))
report = check_store(store.root)
print(json.dumps({"ok": report.ok, "problems": report.problems, "meetings": meetings,
                  "notes": notes, "leftovers": leftovers}))
"""


def _meeting(ident: str, title: str) -> dict[str, object]:
    return {"id": ident, "title": title, "date": "2020-01-01", "body": "Council"}


def _base(root: Path) -> Path:
    """The seed, 8 more meetings over several shards, 3 notes on the seed, an old backup."""
    store = Store.open(root)
    store.put_meetings([Meeting.from_json_dict(_meeting(f"m-{i}", f"Meeting {i}"))
                        for i in range(8)])
    for i in range(3):
        store.add_note(SEED_ID, f"note {i}")
    store.close()
    return root


def _inputs(tmp: Path) -> dict[str, Path]:
    new = tmp / "new.ndjson"
    new.write_text("".join(json.dumps(_meeting(f"new-{i}", f"New {i}")) + "\n"
                           for i in range(8)))
    changed = tmp / "changed.ndjson"
    changed.write_text("".join(json.dumps(_meeting(f"m-{i}", f"Changed {i}")) + "\n"
                               for i in range(8)))
    return {"import": new, "import-spooled": new, "replace": changed}


def _to_version_0(root: Path) -> None:
    """Rewrite the store as if written by a version-0 dossier (for the migration)."""
    manifest = json.loads((root / MANIFEST).read_text())
    manifest["schema_version"] = 0
    (root / MANIFEST).write_text(json.dumps(manifest))
    for shard in (root / "meetings").glob("*.json"):
        data = json.loads(shard.read_text())
        for doc in data.get("meetings", {}).values():
            doc["schema_version"] = 0
        shard.write_text(json.dumps(data))


def _run(code: str, *args: str, kill: tuple[str, int] | None = None,
         ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    command = [sys.executable, "-c", PRELUDE + code, *args]
    if kill is not None:
        call, n = kill
        if STRACE:
            syscalls = {"replace": "rename,renameat,renameat2", "fsync": "fsync,fdatasync"}
            command = [STRACE, "-f", "-o", os.devnull, "-e",
                       f"inject={syscalls[call]}:signal=KILL:when={n}", *command]
        else:
            env["KILL_AT"] = f"{call}:{n}"
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env,
                          timeout=120)


def _state(root: Path) -> dict[str, object]:
    result = _run(STATE, str(root))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _before_and_after(code: str, base: Path, tmp_path: Path, *args: str,
                      ) -> tuple[Callable[[str], Path], dict[str, Any], dict[str, Any]]:
    """A maker of named copies of ``base`` under ``tmp_path``, and the state of one copy
    before and of another after ``code`` ran on it to its end."""
    def fresh(name: str) -> Path:
        copy = tmp_path / name
        shutil.copytree(base, copy, symlinks=True)
        return copy

    before = _state(fresh("before"))
    done = fresh("done")
    result = _run(code, str(done), *args)
    assert result.returncode == 0, result.stderr
    return fresh, before, _state(done)


def _killed(result: subprocess.CompletedProcess[str]) -> bool:
    return result.returncode in (-signal.SIGKILL, 128 + signal.SIGKILL)


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_a_kill_at_any_rename_or_fsync_leaves_the_old_or_the_new_store(
        operation: str, tmp_path: Path, tally: Tally) -> None:
    base = _base(tmp_path / "base")
    if operation == "migration":
        _to_version_0(base)
    inputs = _inputs(tmp_path)
    args = [str(inputs[operation])] if operation in inputs else []

    fresh, before, after = _before_and_after(OPERATIONS[operation], base, tmp_path, *args)
    assert after["meetings"] != before["meetings"] or after["notes"] != before["notes"]
    counts = {"journal_cases": 0, "rollbacks": 0, "rollforwards": 0, "kills": 0}
    spools_left = 0
    for call in ("replace", "fsync"):
        n = 0
        forced_back = False
        while True:
            n += 1
            root = fresh(f"{call}-{n}")
            result = _run(OPERATIONS[operation], str(root), *args, kill=(call, n))
            if not _killed(result):
                assert result.returncode == 0, result.stderr
                break  # past the last one: the operation ran to its end
            counts["kills"] += 1
            journal = (root / JOURNAL_FILE).exists()
            staged = sorted(root.rglob(".*.staged.tmp"))
            if journal and staged and not forced_back:
                staged[0].unlink()  # a staged file lost: the write must be undone
                forced_back = True
            spools_left += len(list(root.glob(".import-*.spool")))
            state = _state(root)
            where = f"{operation}, killed at {call} #{n}"
            assert state["ok"], f"{where}: check failed: {state['problems']}"
            assert state["leftovers"] == [], f"{where}: {state['leftovers']}"
            assert state["meetings"] in (before["meetings"], after["meetings"]), where
            assert state["notes"] in (before["notes"], after["notes"]), where
            # Records and notes move together: a delete takes both or neither.
            assert (state["meetings"] == after["meetings"]) == \
                (state["notes"] == after["notes"]) or before["notes"] == after["notes"], where
            if journal:
                counts["journal_cases"] += 1
                if state["meetings"] == after["meetings"] and \
                        state["notes"] == after["notes"]:
                    counts["rollforwards"] += 1
                else:
                    counts["rollbacks"] += 1
            shutil.rmtree(root)
    assert counts["journal_cases"] >= 1, "no kill landed between the journal and its end"
    assert counts["rollforwards"] >= 1 and counts["rollbacks"] >= 1
    if operation == "import-spooled":
        assert spools_left, "no kill left a spool for the next open to remove"
    print(f"journal faults: {operation}: {counts}")
    tally(**counts)
