"""`dossier import DIR/` and several paths: each file its own draft, dated from a sidecar,
the same statement not imported twice, a bad file told while the others go on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import RunDossier

PAGE = Path(__file__).resolve().parents[1] / "fixtures" / "pages" / "harbour-readout.html"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Minister Anna Berg met today with Minister Tomas Lind in "
                                  "Oslo.\n", encoding="utf-8")
    (folder / "b.md").write_text("The ministers met in Bergen on Monday to discuss the "
                                 "ferries.\n", encoding="utf-8")
    shutil.copy(PAGE, folder / "c.html")
    (folder / "notes.json").write_text("[]", encoding="utf-8")  # records: not part of a batch
    return folder


def test_a_folder_with_a_csv_sidecar(run_dossier: RunDossier, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    sidecar = tmp_path / "published.csv"
    sidecar.write_text("file,published\na.txt,2019-05-14\nb,2019-05-15\n", encoding="utf-8")
    store = str(tmp_path / "S")
    result = run_dossier("--store", store, "import", str(folder), "--published-from",
                         str(sidecar), "--json", check=True)
    report = json.loads(result.stdout)
    assert (report["drafts"], report["skipped"], report["failed"]) == (3, 0, 0)
    dates = {Path(f["path"]).name: f["draft"]["date"] for f in report["files"]}
    # a.txt "met today" on its page's day; b.md "on Monday" before 15 May 2019 (a Wednesday);
    # c.html from the page's own date.
    assert dates == {"a.txt": "2019-05-14", "b.md": "2019-05-13", "c.html": "2019-05-14"}
    again = run_dossier("--store", store, "import", str(folder), "--published-from",
                        str(sidecar), check=True)
    assert "3 sources: added 0 drafts, skipped 3 as already imported, 0 failed." in again.stdout


def test_several_paths_a_json_sidecar_and_a_bad_file(run_dossier: RunDossier,
                                                    tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    sidecar = tmp_path / "published.json"
    sidecar.write_text(json.dumps([{"file": "a.txt", "published": "2019-05-14"}]),
                       encoding="utf-8")
    result = run_dossier("--store", str(tmp_path / "S"), "import", str(folder / "a.txt"),
                         str(folder / "empty.txt"), "--published-from", str(sidecar))
    assert result.returncode == 1
    assert "empty.txt is empty" in result.stderr
    assert "2 sources: added 1 draft, skipped 0 as already imported, 1 failed." in result.stdout


def test_a_sidecar_date_that_is_not_a_date_is_refused(run_dossier: RunDossier,
                                                      tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    sidecar = tmp_path / "published.csv"
    sidecar.write_text("file,published\na.txt,14/05/2019\n", encoding="utf-8")
    result = run_dossier("--store", str(tmp_path / "S"), "import", str(folder),
                         "--published-from", str(sidecar))
    assert result.returncode == 1
    assert "line 2" in result.stderr and "not a date" in result.stderr


def test_two_records_files_say_how_many_meetings_they_added(run_dossier: RunDossier,
                                                            tmp_path: Path) -> None:
    """Records files in one batch: the summary counts their meetings (it said only "added
    0 drafts" for 100,000 meetings imported from two files)."""
    from tests.tui.dossier_pilot import seed_doc

    files = []
    for name, ids in (("a.ndjson", ["m-1", "m-2"]), ("b.ndjson", ["m-3"])):
        lines = []
        for meeting_id in ids:
            doc = seed_doc()
            doc["id"] = meeting_id
            lines.append(json.dumps(doc))
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(str(path))
    store = str(tmp_path / "S")
    run_dossier("init", store, "--empty", check=True)
    result = run_dossier("--store", store, "import", *files, check=True)
    assert result.stdout.strip() == ("2 sources: 3 meetings from records: added 3, replaced 0, "
                                     "skipped 0; added 0 drafts, skipped 0 as already imported, "
                                     "0 failed.")
    again = run_dossier("--store", store, "import", *files, "--on-conflict", "skip",
                        "--json", check=True)
    assert json.loads(again.stdout)["meetings"] == {"added": 0, "replaced": 0, "skipped": 3}
