"""A record that names a key twice is refused with where it is: JSON parsers keep the last
value silently, and the first one would be lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.store.importer import ImportRefused, import_path
from dossier.store.store import Store

GOOD = {"id": "talks-1", "title": "Talks", "date": "2020-01-01"}


def test_ndjson_names_the_line(empty_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "in.ndjson"
    path.write_text(json.dumps(GOOD) + "\n"
                    + '{"id": "talks-2", "title": "A", "title": "B", "date": "2020-01-02"}\n')
    with pytest.raises(ImportRefused, match=r'line 2: the key "title" appears twice'):
        import_path(empty_store, path)
    assert empty_store.list_meetings() == []


def test_a_compact_line_with_a_repeated_key_is_refused_too(empty_store: Store,
                                                          tmp_path: Path) -> None:
    # Lines in orjson's own compact form skip the slow duplicate check; a repeat makes a
    # line differ from that form, so it is still caught.
    good = json.dumps(GOOD, separators=(",", ":"), ensure_ascii=False)
    repeated = '{"id":"talks-2","date":"2020-01-02","title":"A","title":"B"}'
    path = tmp_path / "in.ndjson"
    path.write_text(good + "\n" + repeated + "\n")
    with pytest.raises(ImportRefused, match=r'line 2: the key "title" appears twice'):
        import_path(empty_store, path)
    assert empty_store.list_meetings() == []


def test_a_compact_json_file_with_a_repeated_key_is_refused(empty_store: Store,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text('{"id":"talks-2","date":"2020-01-02","title":"A","title":"B"}\n')
    with pytest.raises(ImportRefused, match=r'the key "title" appears twice'):
        import_path(empty_store, path)
    path.write_text(json.dumps(GOOD, separators=(",", ":")) + "\n")
    assert import_path(empty_store, path).put.added == ("talks-1",)


def test_a_json_array_names_the_line_of_the_object(empty_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text('[\n' + json.dumps(GOOD) + ',\n{"id": "talks-2", "title": "A",\n'
                    ' "participants": [{"id": "p", "name": "A", "name": "B"}],\n'
                    ' "date": "2020-01-02"}\n]\n')
    with pytest.raises(ImportRefused, match=r'the key "name" appears twice'):
        import_path(empty_store, path)
    with pytest.raises(ImportRefused, match=r"line \d+"):
        import_path(empty_store, path)
    assert empty_store.list_meetings() == []


def test_records_without_repeats_still_import(empty_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "in.ndjson"
    path.write_text(json.dumps(GOOD) + "\n")
    assert import_path(empty_store, path).put.added == ("talks-1",)
