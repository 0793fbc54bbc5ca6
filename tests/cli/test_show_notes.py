"""`dossier show` prints the newest notes and says how many more there are; `--json` and
`note list` keep all of them."""

from __future__ import annotations

import json
from pathlib import Path

from dossier.store.store import Store
from dossier.tui.cli.render import SHOWN_NOTES
from tests.conftest import SEED_ID, RunDossier


def test_show_prints_the_newest_notes_and_counts_the_rest(run_dossier: RunDossier,
                                                          tmp_path: Path) -> None:
    root = tmp_path / "T"
    with Store.open(root) as store:
        ids = [store.add_note(SEED_ID, f"note number {i}").id for i in range(SHOWN_NOTES + 5)]
    out = run_dossier("--store", str(root), "show", SEED_ID, check=True).stdout
    assert f"Notes ({SHOWN_NOTES + 5})" in out
    assert sum(note_id in out for note_id in ids) == SHOWN_NOTES
    assert f"and 5 older notes: `dossier note list {SEED_ID}`" in out
    shown = json.loads(run_dossier("--store", str(root), "show", SEED_ID, "--json",
                                   check=True).stdout)
    assert len(shown["notes"]) == SHOWN_NOTES + 5
