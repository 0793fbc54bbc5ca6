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
