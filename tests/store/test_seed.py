"""The bundled sample meeting holds every fact of the seed statement, tied to its text."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dossier.store.model import Meeting
from dossier.store.paths import bundled_data
from dossier.store.store import Store


@pytest.fixture(scope="module")
def meeting(tmp_path_factory: pytest.TempPathFactory) -> Meeting:
    return Store.open(tmp_path_factory.mktemp("s") / "store").get_meeting("nrc-2013-12-04")


def _all_text(meeting: Meeting) -> str:
    """Every string value of the record except the source document itself."""
    data = meeting.to_json_dict()
    data.pop("sources")
    strings: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    return " ".join(strings).lower()


def test_source_document_is_the_statement(meeting: Meeting) -> None:
    bundled = (bundled_data() / "sources" / "nrc-2013-12-04.txt").read_text(encoding="utf-8")
    source = meeting.sources[0]
    assert source.text == bundled
    assert source.issuer == ("Information and Press Department, Ministry of Foreign Affairs "
                             "of the Russian Federation")
    assert source.kind == "comment"


def test_when_where_what(meeting: Meeting) -> None:
    assert meeting.date == dt.date(2013, 12, 4)
    assert meeting.date_inferred is True
    assert meeting.location == "Brussels"
    assert meeting.body == "NATO-Russia Council"
    assert meeting.level == "foreign ministers"


def test_participants(meeting: Meeting) -> None:
    lavrov = next(p for p in meeting.participants if p.name == "Sergey Lavrov")
    assert lavrov.role == "Foreign Minister"
    assert lavrov.party == "Russian Federation"
    assert lavrov.group is False
    collective = [p for p in meeting.participants if p.group]
    assert [p.name for p in collective] == ["NATO foreign ministers"]


def test_agenda_facts(meeting: Meeting) -> None:
    topics = {t for item in meeting.agenda for t in item.topics}
    assert {"Syria", "Afghanistan", "CSTO", "ISAF"} <= topics
    titles = " | ".join(item.title for item in meeting.agenda).lower()
    for phrase in ("nato-russia relations", "lisbon", "nrc activities in 2013",
                   "work programme for 2014", "disposal of arms", "afghanistan"):
        assert phrase in titles
    assert [item.order for item in meeting.agenda] == sorted(item.order for item in meeting.agenda)


def test_positions(meeting: Meeting) -> None:
    stances = {p.stance.lower(): p for item in meeting.agenda for p in item.positions}
    practical = next(p for s, p in stances.items() if "practical steps" in s)
    csto = next(p for s, p in stances.items() if "csto" in s)
    for position in (practical, csto):
        assert position.party == "Russian Federation"
    afghanistan = next(i for i in meeting.agenda if i.id == "afghanistan-after-isaf")
    assert "legal framework" in afghanistan.summary
    assert "isaf mission in 2014" in afghanistan.summary.lower()


def test_priorities(meeting: Meeting) -> None:
    areas = [p.area.lower() for p in meeting.priorities]
    for expected in ("military cooperation", "counter-piracy", "counter-terrorism",
                     "counter-narcotics", "disaster response", "military-technical cooperation",
                     "industrial disposal of arms"):
        assert expected in areas


def test_references_and_outcomes(meeting: Meeting) -> None:
    lisbon = next(r for r in meeting.references if r.location == "Lisbon")
    assert lisbon.date == dt.date(2010, 11, 20)
    assert "common space of peace, security and stability" in lisbon.title
    outcome = meeting.outcomes[0]
    assert outcome.expected is True
    assert "2014" in outcome.description and "Program of work" in outcome.description


def test_every_span_points_at_matching_text(meeting: Meeting) -> None:
    text = meeting.source_text
    spans = dict(meeting.spans())
    assert len(spans) >= 20
    for path, (start, end) in spans.items():
        assert 0 <= start < end <= len(text), path
    assert text[slice(*meeting.source_spans["date"])] == "On the 4 December"
    assert "2013" in text[slice(*meeting.source_spans["date_inferred"])]
    assert "Brussels" in text[slice(*meeting.source_spans["location"])]
    for priority in meeting.priorities:
        assert priority.source_span is not None
    piracy = next(p for p in meeting.priorities if p.id == "counter-piracy")
    assert "piracy" in text[slice(*piracy.source_span)]
    for item in meeting.agenda:
        for position in item.positions:
            assert position.source_span is not None
            assert text[slice(*position.source_span)].startswith("The Russian party")
    lavrov = meeting.participants[0]
    assert "Sergey Lavrov" in text[slice(*lavrov.source_span)]


def test_nothing_invented_dates(meeting: Meeting) -> None:
    # Every year in the record (dates included) appears in the source text.
    text = meeting.source_text
    for year in set(re.findall(r"\b(?:19|20)\d\d\b", _all_text(meeting))):
        assert year in text
