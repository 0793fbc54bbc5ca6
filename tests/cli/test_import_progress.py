"""`dossier import` at a terminal shows the records read, then the store's files written."""

from __future__ import annotations

from pathlib import Path

import orjson

from benchmarks.generate import meeting
from tests.conftest import run_with_terminal_stderr


def test_a_big_import_shows_reading_then_writing(tmp_path: Path) -> None:
    records = tmp_path / "big.ndjson"
    records.write_bytes(b"".join(orjson.dumps(meeting(3, i)) + b"\n" for i in range(1200)))
    done, terminal = run_with_terminal_stderr(["--store", str(tmp_path / "store"), "import",
                                               str(records)], cwd=tmp_path)
    assert done.returncode == 0, terminal
    assert b"added 1200" in done.stdout
    assert "Reading" in terminal and " MB" in terminal
    assert "Writing" in terminal and "/256 files" in terminal
    assert terminal.index("Reading") < terminal.index("Writing")
