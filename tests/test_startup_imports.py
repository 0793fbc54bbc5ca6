"""What the app loads before its first paint (docs/performance.md, "first paint").

The record model brings pydantic (~80 ms to import here); the list the first screen shows
needs neither, so the app, the store and reading the list must not load it. A stray
top-level import would quietly put that time back on every start.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from dossier.store.layout import INDEX_FILE

REPO = Path(__file__).resolve().parents[1]


def test_the_app_and_the_first_page_of_the_list_load_no_pydantic(tmp_path: Path) -> None:
    root = tmp_path / "store"
    code = f"""
import sys
from dossier.store.store import Store
with Store.open({str(root)!r}) as store:  # created and seeded: the model is used
    store.index().ensure_fresh()
for name in [m for m in sys.modules if m.startswith(("dossier", "pydantic"))]:
    del sys.modules[name]
import dossier.tui.app
from dossier.store.store import Store
store = Store.open({str(root)!r})
summaries = store.list_meetings(limit=300)
assert summaries and summaries[0].id == "nrc-2013-12-04", summaries
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("pydantic", "pydantic_core")
                or m == "dossier.store.model")
assert not loaded, loaded
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert (root / INDEX_FILE).is_file()


#: What a command run by a script must not load (issue 16): Rich draws for people (a
#: `--json` or plain run prints none of it), the record model brings pydantic (a stored
#: record was validated when written), and the app's own modules.
HEAVY = ("rich", "pydantic", "pydantic_core", "textual", "dossier.store.model", "dossier.tui.app")


def _loaded_by(args: list[str], heavy: tuple[str, ...] = HEAVY) -> list[str]:
    """The ``heavy`` modules a `dossier` command run in a fresh interpreter has loaded."""
    code = f"""
import sys
from dossier.tui.cli.main import main
try:
    main({args!r}, prog_name="dossier")
except SystemExit as exit:
    assert not exit.code, exit.code
print("LOADED", sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r}
                       or m in {heavy!r}))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=REPO)
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("LOADED"))
    return eval(line.removeprefix("LOADED "))  # a list of names printed by repr()


def test_script_commands_load_neither_rich_nor_pydantic(tmp_path: Path) -> None:
    import os

    from dossier.store.store import Store

    root = tmp_path / "store"
    Store.open(root).close()  # created and seeded
    # Files written in the last two seconds are re-read at every check (store.index,
    # RACY_WINDOW_NS); the store under test was written a while ago.
    for path in [*root.rglob("*.json")]:
        os.utime(path, (1_700_000_000, 1_700_000_000))
    with Store.open(root) as store:
        store.index().ensure_fresh()
    store_args = ["--store", str(root)]
    assert _loaded_by(["--version"]) == []
    for args in (["search", "--json", "afghanistan"], ["search", "--json", "lavrov", "brussels"],
                 ["list", "--json"], ["list", "--plain"], ["list", "--json", "lavrov"],
                 ["show", "nrc-2013-12-04", "--json"]):
        assert _loaded_by([*store_args, *args]) == [], args
        # A read takes no write lock (nor, were it to, would it import filelock: 35-55 ms,
        # store.lockfile); opening looks for a killed writer's leftovers by name first.
        assert _loaded_by([*store_args, *args], ("filelock",)) == [], args


def test_note_add_loads_no_pydantic(tmp_path: Path) -> None:
    """`dossier note add` writes a note that is valid by construction (store.note_doc):
    neither the model nor Rich, on a meeting or one of its items, plain or --json, when
    the index holds the meeting's shard as it is on disk (else the model validates it)."""
    import os

    from dossier.store.store import Store

    root = tmp_path / "store"
    with Store.open(root) as store:  # created and seeded
        item = next(t for t in store.get_meeting("nrc-2013-12-04").targets() if ":" in t)
    for path in [*root.rglob("*.json")]:  # written a while ago (store.index, RACY_WINDOW_NS)
        os.utime(path, (1_700_000_000, 1_700_000_000))
    with Store.open(root) as store:
        store.index().ensure_fresh()
    store_args = ["--store", str(root)]
    for args in (["note", "add", "nrc-2013-12-04", "a note #tag"],
                 ["note", "add", "--json", "--on", item, "nrc-2013-12-04", "on an item"]):
        assert _loaded_by([*store_args, *args]) == [], args
    with Store.open(root) as store:
        notes = store.list_notes("nrc-2013-12-04")
    assert sorted((n.target, n.text, tuple(n.tags)) for n in notes) == sorted(
        [("meeting", "a note #tag", ("tag",)), (item, "on an item", ())])


def test_note_add_rechecks_a_shard_indexed_moments_after_it_was_written(tmp_path: Path) -> None:
    """A new store searched at once leaves its shard's key "racy" in the index (written too
    recently to trust, store.index.RACY_WINDOW_NS) until a read re-checks it: the note add
    re-checks that one shard itself instead of loading the model to validate the meeting."""
    import os

    from dossier.store.store import Store

    root = tmp_path / "store"
    with Store.open(root) as store:  # created, seeded and indexed within the window
        store.index().ensure_fresh()
    for path in [*root.rglob("*.json")]:  # then time passes (a changed mtime, as a touch)
        os.utime(path, (1_700_000_000, 1_700_000_000))
    # Nor filelock (35-55 ms to import): the write lock is a flock (store.lockfile).
    assert _loaded_by(["--store", str(root), "note", "add", "nrc-2013-12-04", "later"],
                      (*HEAVY, "filelock")) == []
    with Store.open(root) as store:
        assert [n.text for n in store.list_notes("nrc-2013-12-04")] == ["later"]
        assert store.index().ensure_fresh() == 0  # the shard was settled, the note indexed


def test_show_json_right_after_a_note_add_loads_no_pydantic(tmp_path: Path) -> None:
    """A note add leaves notes.json "racy" in the index (just written), and indexes its
    note: `show --json` a moment later finds by the file's digest that the index holds it,
    so it prints the note without loading the model to validate the file."""
    import json
    import os

    from dossier.store.store import Store

    root = tmp_path / "store"
    with Store.open(root) as store:
        store.add_note_doc("nrc-2013-12-04", "an older note")
    for path in [*root.rglob("*.json")]:  # written a while ago (store.index, RACY_WINDOW_NS)
        os.utime(path, (1_700_000_000, 1_700_000_000))
    with Store.open(root) as store:
        store.index().ensure_fresh()
    store_args = ["--store", str(root)]
    assert _loaded_by([*store_args, "note", "add", "nrc-2013-12-04", "just now"]) == []
    assert _loaded_by([*store_args, "show", "nrc-2013-12-04", "--json"]) == []
    shown = subprocess.run([sys.executable, "-m", "dossier", *store_args, "show",
                            "nrc-2013-12-04", "--json"], capture_output=True, text=True,
                           check=True, cwd=REPO).stdout
    assert sorted(n["text"] for n in json.loads(shown)["notes"]) == ["an older note",
                                                                       "just now"]
