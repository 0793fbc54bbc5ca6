"""Hostile text is stored exactly as given and shown literally, never obeyed.

Fixed cases go through the real `dossier` (show, note list, list, search); property-based
cases (hypothesis) go through the store and the same rendering code in-process.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from textual.content import Content

from dossier.store.model import Meeting
from dossier.store.store import Store
from dossier.tui.cli.render import render_meeting
from dossier.tui.text import literal, printable, printable_line

from .conftest import Tally
from .helpers import SEED_ID, run_dossier
from .hostile import HOSTILE, UNSAFE, one_line_fragments, unsafe_in

HOSTILE_ID = "hostile-1"


def hostile_meeting(values: list[str], meeting_id: str = HOSTILE_ID) -> Meeting:
    """A valid meeting whose every free-text field carries hostile text."""
    return Meeting.from_json_dict({
        "id": meeting_id, "title": "T " + values[0], "body": values[1 % len(values)],
        "level": values[2 % len(values)], "date": "2024-01-02",
        "location": values[3 % len(values)], "tags": ["t " + v for v in values[:3]],
        "participants": [{"id": f"p{i}", "name": "N " + v, "role": v, "party": v}
                         for i, v in enumerate(values)],
        "agenda": [{"id": f"a{i}", "order": i, "title": "A " + v, "summary": v,
                    "topics": ["x " + v], "positions": [{"party": "P " + v,
                                                          "stance": "S " + v}]}
                   for i, v in enumerate(values)],
        "priorities": [{"id": f"r{i}", "area": "R " + v, "description": v}
                       for i, v in enumerate(values)],
        "sources": [{"id": "s1", "title": values[0], "text": "\n".join(values)}],
    })


def test_fixed_hostile_strings_through_the_real_command(tmp_path: Path, tally: Tally) -> None:
    root = tmp_path / "store"
    values = list(HOSTILE.values())
    with Store.open(root) as store:
        store.add_meeting(hostile_meeting(values))
        ids = {name: store.add_note(HOSTILE_ID, value).id for name, value in HOSTILE.items()}
    with Store.open(root) as store:  # a fresh read from disk
        for name, note_id in ids.items():
            assert store.get_note(note_id).text == HOSTILE[name], f"{name}: not stored exactly"
        assert store.get_meeting(HOSTILE_ID) == hostile_meeting(values)

    outputs = {}
    for args in (("show", HOSTILE_ID), ("note", "list", HOSTILE_ID), ("list",),
                 ("search", "loud")):
        result = run_dossier("--store", str(root), *args, env={"COLUMNS": "400"})
        assert result.returncode == 0, (args, result.stderr)
        assert unsafe_in(result.stdout) == [], (args, unsafe_in(result.stdout))
        assert unsafe_in(result.stderr) == []
        outputs[args[0] if args[0] != "note" else "note list"] = result.stdout
    for name, value in HOSTILE.items():
        for fragment in one_line_fragments(value):
            assert fragment in outputs["show"], f"{name}: {fragment!r} not shown by show"
            if name not in {"combining"}:  # Rich's table may fold a 150-mark cluster
                assert fragment in outputs["note list"], f"{name}: {fragment!r} in note list"
    assert "[@click=app.quit]x[/]" in outputs["show"] and "T [bold]loud" in outputs["list"]
    tally(hostile_strings=len(HOSTILE), hostile_cli_runs=len(outputs))


def test_the_printable_form_of_each_fixed_case(tally: Tally) -> None:
    for name, value in HOSTILE.items():
        shown = printable(value)
        assert not UNSAFE.search(shown), name
        assert "\n" not in printable_line(value) and "\t" not in printable_line(value)
        assert Content(shown).plain == shown  # Content is literal, never markup
        assert literal(value).plain == shown and not literal(value).spans
    assert printable("\x1b]52;c;eA==\x07") == "␛]52;c;eA==␇"
    assert printable("\x9b31m") == "\\u009b31m"
    assert printable("\u202eabc") == "\\u202eabc"
    tally(hostile_strings=len(HOSTILE))


# -- property-based ----------------------------------------------------------------------

_fragments = st.sampled_from(list(HOSTILE.values()))
_any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=200)
_controls = st.text(st.characters(min_codepoint=0, max_codepoint=0x9F), max_size=40)
hostile_text = st.lists(st.one_of(_fragments, _any_text, _controls), min_size=1,
                        max_size=5).map("".join)

# The tally fixture is shared by every example on purpose: it only adds to the counts.
_SHARED_FIXTURES = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]


def _render(renderable: object, styled: bool) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, markup=False, emoji=False, highlight=False,
                      force_terminal=styled, color_system="truecolor" if styled else None)
    console.print(renderable)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def shared_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "store"
    Store.open(root).close()
    return root


@settings(max_examples=150, deadline=None, suppress_health_check=_SHARED_FIXTURES)
@given(text=hostile_text)
def test_any_note_is_stored_exactly(shared_root: Path, tally: Tally, text: str) -> None:
    with Store.open(shared_root) as store:
        note_id = store.add_note(SEED_ID, text).id
    with Store.open(shared_root) as store:  # a new instance: read back from the file
        assert store.get_note(note_id).text == text
    tally(hostile_strings=1, hostile_property_notes=1)


@settings(max_examples=300, deadline=None, suppress_health_check=_SHARED_FIXTURES)
@given(text=hostile_text)
def test_any_text_renders_literally_and_harmlessly(tally: Tally, text: str) -> None:
    for styled in (False, True):
        out = _render(literal(text, style="bold"), styled)
        assert unsafe_in(out, styled=styled) == [], repr(out)
        if styled:
            assert "\x1b]" not in out  # no OSC: no hyperlink, clipboard or title
    assert Content(printable_line(text)).plain == printable_line(text)
    tally(hostile_strings=1, hostile_property_renders=1)


@settings(max_examples=60, deadline=None, suppress_health_check=_SHARED_FIXTURES)
@given(values=st.lists(hostile_text.filter(lambda t: t.strip()), min_size=1, max_size=4))
def test_any_meeting_renders_literally(tally: Tally, values: list[str]) -> None:
    meeting = hostile_meeting([v[:500] for v in values])
    assert Meeting.from_json_dict(meeting.to_json_dict()) == meeting
    for styled in (False, True):
        out = _render(render_meeting(meeting, []), styled)
        assert unsafe_in(out, styled=styled) == [], repr(out[:300])
        if styled:
            assert "\x1b]" not in out
    tally(hostile_strings=len(values), hostile_property_meetings=1)


# -- imported statements and records ------------------------------------------------------


def test_hostile_statement_and_records_through_the_real_import(tmp_path: Path,
                                                               tally: Tally) -> None:
    root = tmp_path / "store"
    Store.create(root, seed=False)
    statement = tmp_path / "statement.txt"
    text = ("On 4 December 2013 the ministers met in Brussels. " + " ".join(HOSTILE.values())
            + "\n")
    statement.write_bytes(text.encode())
    records = tmp_path / "records.json"
    values = list(HOSTILE.values())
    records.write_bytes(orjson.dumps([hostile_meeting(values).to_json_dict()]))
    for path in (statement, records):
        result = run_dossier("--store", str(root), "import", str(path))
        assert result.returncode == 0, result.stderr
        assert unsafe_in(result.stdout) == [] and unsafe_in(result.stderr) == []
    with Store.open(root) as store:
        assert store.get_meeting(HOSTILE_ID) == hostile_meeting(values)
        drafts = [m for m in store.iter_meetings() if m.id != HOSTILE_ID]
        # Kept exactly, except that the import makes line ends uniform (\r\n, \r -> \n).
        assert len(drafts) == 1 and drafts[0].sources[0].text == _lf(text)
        draft_id = drafts[0].id
    for meeting_id in (draft_id, HOSTILE_ID):
        shown = run_dossier("--store", str(root), "show", meeting_id, env={"COLUMNS": "400"})
        assert shown.returncode == 0 and unsafe_in(shown.stdout) == []
        assert "[@click=app.quit]x[/]" in shown.stdout and "␛]52;c;" in shown.stdout
    tally(hostile_strings=2 * len(HOSTILE), hostile_cli_runs=4)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_statement_text = hostile_text.filter(lambda t: t.strip() and not t.startswith("\ufeff"))


@settings(max_examples=40, deadline=None, suppress_health_check=_SHARED_FIXTURES)
@given(body=_statement_text)
def test_any_imported_statement_is_kept_exactly(shared_root: Path, tally: Tally,
                                                body: str) -> None:
    from dossier.store.importer import import_path

    text = "On 4 December 2013 in Brussels: " + body
    with tempfile.NamedTemporaryFile("wb", suffix=".txt", delete=False) as handle:
        handle.write(text.encode())
    path = Path(handle.name)
    try:
        with Store.open(shared_root) as store:
            report = import_path(store, path)
            # The same text twice is one statement: the second import names the first.
            meeting = store.get_meeting((report.put.added or report.put.skipped)[0])
    finally:
        path.unlink()
    assert meeting.sources[0].text == _lf(text)
    for styled in (False, True):
        out = _render(render_meeting(meeting, []), styled)
        assert unsafe_in(out, styled=styled) == [], repr(out[:300])
    tally(hostile_strings=1, hostile_property_statements=1)
