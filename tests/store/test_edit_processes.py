"""Two processes editing the same meeting through apply_edit: neither edit is lost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dossier.store.store import Store
from tests.conftest import SEED_ID

# Each writer adds one priority inside apply_edit. Having read the meeting, it says so
# (its marker file) and waits up to WAIT_S for the other writer to have read it too. Where
# apply_edit holds the cross-process lock from read to write, the other writer cannot read
# until this one has saved, so the wait runs out and the second writer reads the first's
# change. Where the read happens outside the lock, both read the old meeting, meet here,
# and the second save silently drops the first one's priority.
WRITER = """
import sys, time
from pathlib import Path
from dossier.store import edit
from dossier.store.model import Priority
from dossier.store.store import Store

root, meeting_id, priority, mine, theirs = sys.argv[1:]
WAIT_S = 3.0

def add_priority(meeting):
    Path(mine).touch()
    deadline = time.monotonic() + WAIT_S
    while not Path(theirs).exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return edit.put_item(meeting, "priority",
                         edit.build(Priority, {"id": priority, "area": priority}))

edit.apply_edit(Store.open(Path(root)), meeting_id, add_priority)
"""


def test_two_processes_editing_one_meeting_keep_both_edits(seeded_store: Store,
                                                           tmp_path: Path) -> None:
    root = str(seeded_store.root)
    seeded_store.close()
    marks = [tmp_path / "read-by-a", tmp_path / "read-by-b"]
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, root, SEED_ID, name, str(mine),
                          str(theirs)], stderr=subprocess.PIPE, text=True)
        for name, mine, theirs in [("energy", *marks), ("climate", *reversed(marks))]
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
    targets = Store.open(seeded_store.root).get_meeting(SEED_ID).targets()
    assert {"priority:energy", "priority:climate"} <= set(targets)
