"""A `dossier note add` that appends to notes.json's bytes (the index vouching for the file,
Store.add_note_doc) killed at any rename or fsync leaves the notes as they were or with
the new note, never a cut file, and the index then agrees with the file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from dossier.store.index import notes_digest
from dossier.store.layout import NOTES_FILE, file_key
from dossier.store.store import Store

from .conftest import Tally
from .helpers import SEED_ID
from .test_journal_faults import _before_and_after, _killed, _run, _state

ADD = ("from dossier.tui.cli import main\n"
       f"main(['--store', sys.argv[1], 'note', 'add', {SEED_ID!r}, 'spliced in'], "
       "prog_name='dossier')")

SEARCH = """
from dossier.store.store import Store
store = Store.open(sys.argv[1])
print(sorted(h.target for h in store.search("spliced", limit=50) if h.kind == "note"))
"""


def _indexed_base(root: Path) -> Path:
    with Store.open(root) as store:
        for number in range(20):
            store.add_note_doc(SEED_ID, f"earlier note {number}")
        store.index().ensure_fresh()
        # The add below appends to the bytes: the index holds this very file.
        payload = (root / NOTES_FILE).read_bytes()
        assert store.index().notes_held(file_key(root / NOTES_FILE), notes_digest(payload),
                                        "n-000000000000") == 20
    return root


def test_a_kill_at_any_rename_or_fsync_of_a_spliced_note_add(tmp_path: Path,
                                                             tally: Tally) -> None:
    base = _indexed_base(tmp_path / "base")

    fresh, before, after = _before_and_after(ADD, base, tmp_path)
    assert len(after["notes"]) == len(before["notes"]) + 1
    kills = 0
    outcomes: set[int] = set()  # notes added, seen after a kill
    for call in ("replace", "fsync"):
        n = 0
        while True:
            n += 1
            root = fresh(f"{call}-{n}")
            result = _run(ADD, str(root), kill=(call, n))
            if not _killed(result):
                assert result.returncode == 0, result.stderr
                break
            kills += 1
            state = _state(root)
            where = f"note add, killed at {call} #{n}"
            assert state["ok"], f"{where}: check failed: {state['problems']}"
            assert state["leftovers"] == [], f"{where}: {state['leftovers']}"
            # Each run's note has an id of its own: the old notes, plus none or one.
            added = sorted(set(state["notes"]) - set(before["notes"]))
            assert set(before["notes"]) <= set(state["notes"]) and len(added) <= 1, where
            assert len(state["notes"]) == len(before["notes"]) + len(added), where
            found = json.loads(_run(SEARCH, str(root)).stdout.replace("'", '"'))
            assert found == [f"note:{note_id}" for note_id in added], where
            outcomes.add(len(added))
            shutil.rmtree(root)
    assert kills >= 2, "no kill landed inside the note add"
    assert outcomes == {0, 1}, "no kill left the store before the add, or none after it"
    tally(kills=kills)
