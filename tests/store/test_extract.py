"""Statement to draft meeting: the seed's required fields, and each rule on its own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dossier.store.extract import extract
from dossier.store.extract.dates import find_dates
from dossier.store.model import Meeting

ROOT = Path(__file__).resolve().parents[2]
SEED_TEXT = (ROOT / "tests" / "fixtures" / "statements" / "00-nrc-seed.txt").read_text()


@pytest.fixture(scope="module")
def seed() -> Meeting:
    return extract(SEED_TEXT).meeting


def test_seed_date_is_inferred_from_the_years_in_the_text(seed: Meeting) -> None:
    assert seed.date == dt.date(2013, 12, 4)
    assert seed.date_inferred is True
    assert seed.end_date is None
    start, end = seed.source_spans["date_inferred"]
    assert SEED_TEXT[start:end] == "2013"


def test_seed_place_body_and_level(seed: Meeting) -> None:
    assert seed.location == "Brussels"
    assert seed.body == "NATO-Russia Council"
    assert seed.level == "foreign ministers"
    assert seed.id == "nrc-2013-12-04"
    assert seed.status == "draft"


def test_seed_participant_lavrov_with_role_and_party(seed: Meeting) -> None:
    lavrov = next(p for p in seed.participants if p.name == "Sergey Lavrov")
    assert lavrov.role == "Foreign Minister"
    assert lavrov.party == "Russian Federation"
    assert lavrov.source_span is not None
    assert "Lavrov" in SEED_TEXT[slice(*lavrov.source_span)]


def test_seed_topics_include_syria_and_afghanistan(seed: Meeting) -> None:
    topics = {t for item in seed.agenda for t in item.topics}
    assert {"Syria", "Afghanistan"} <= topics


def test_seed_at_least_six_of_seven_cooperation_areas(seed: Meeting) -> None:
    wanted = {"military-sphere", "counter-piracy", "counter-terrorism", "counter-narcotics",
              "disaster-response", "military-technical", "arms-disposal"}
    assert len(wanted & {p.id for p in seed.priorities}) >= 6


def test_seed_lisbon_summit_reference(seed: Meeting) -> None:
    lisbon = [r for r in seed.references if r.location == "Lisbon"]
    assert lisbon and lisbon[0].date == dt.date(2010, 11, 20)
    assert "summit" in lisbon[0].title.lower()


def test_seed_work_programme_is_an_expected_outcome(seed: Meeting) -> None:
    outcome = next(o for o in seed.outcomes if "2014" in o.description)
    assert outcome.expected is True
    assert "Program of work" in outcome.description


def test_seed_positions_of_the_russian_party(seed: Meeting) -> None:
    positions = [p for item in seed.agenda for p in item.positions]
    assert [p.party for p in positions] == ["Russian Federation", "Russian Federation"]
    assert positions[0].stance.startswith("Will draw attention")


def test_every_span_points_into_the_source_text(seed: Meeting) -> None:
    assert seed.sources[0].text == SEED_TEXT
    assert seed.sources[0].kind == "comment"
    assert "Information and Press Department" in seed.sources[0].issuer
    spans = list(seed.spans())
    assert len(spans) > 20
    for path, (start, end) in spans:
        assert 0 <= start < end <= len(SEED_TEXT), path
    # The record passes the model's own validation round trip.
    assert Meeting.from_json_dict(seed.to_json_dict()) == seed


@pytest.mark.parametrize(("text", "expected"), [
    ("3-4 December 2013", (dt.date(2013, 12, 3), dt.date(2013, 12, 4))),
    ("from 3 to 5 June 2014", (dt.date(2014, 6, 3), dt.date(2014, 6, 5))),
    ("December 3-4, 2013", (dt.date(2013, 12, 3), dt.date(2013, 12, 4))),
    ("30 November – 2 December 2013", (dt.date(2013, 11, 30), dt.date(2013, 12, 2))),
    ("on Wednesday, 24 June, and Thursday, 25 June 2015",
     (dt.date(2015, 6, 24), dt.date(2015, 6, 25))),
    ("the 4th of December 2013", (dt.date(2013, 12, 4), None)),
    ("2013-12-04", (dt.date(2013, 12, 4), None)),
])
def test_date_forms_and_ranges(text: str, expected: tuple[dt.date, dt.date | None]) -> None:
    mention = find_dates(text)[0]
    assert mention.resolve(mention.explicit_year or 1900) == expected


def test_year_from_the_command_line_wins_over_context() -> None:
    text = "On 12 March, the ministers will meet in Geneva. Trade grew in 2019."
    assert extract(text, year=2021).meeting.date == dt.date(2021, 3, 12)
    assert extract(text).meeting.date == dt.date(2020, 3, 12)  # past-tense 2019, early year


def test_no_year_anywhere_warns_and_uses_today() -> None:
    result = extract("On 12 March, the ministers will meet in Geneva.",
                     today=dt.date(2030, 1, 1))
    assert result.meeting.date == dt.date(2030, 3, 12)
    assert result.meeting.date_inferred
    assert any("--year" in w for w in result.warnings)


def test_participant_phrasings() -> None:
    text = ("On 5 May 2014 US Secretary of State John Kerry met NATO Secretary General Anders "
            "Fogh Rasmussen and the NATO foreign ministers in Brussels. Sergey Lavrov, Minister "
            "of Foreign Affairs of the Russian Federation, also attended.")
    people = {p.name: p for p in extract(text).meeting.participants}
    assert (people["John Kerry"].role, people["John Kerry"].party) == (
        "Secretary of State", "United States")
    assert people["Anders Fogh Rasmussen"].party == "NATO"
    assert people["Anders Fogh Rasmussen"].role == "Secretary General"
    assert people["NATO foreign ministers"].group is True
    assert people["Sergey Lavrov"].party == "Russian Federation"
    assert people["Sergey Lavrov"].role == "Minister of Foreign Affairs"


def test_past_tense_outcomes_are_not_expected() -> None:
    text = ("On 2 March 2015 the ministers met in Riga. The ministers approved the action plan "
            "for 2015. They will adopt a joint declaration at the next session.")
    outcomes = {o.description: o.expected for o in extract(text).meeting.outcomes}
    assert outcomes["Approval of the action plan for 2015"] is False
    assert outcomes["Adoption of a joint declaration at the next session"] is True


def test_a_participle_is_not_an_outcome() -> None:
    text = ("On 2 March 2015 the ministers met in Riga to review the agreements signed in "
            "Minsk on 12 February 2015.")
    meeting = extract(text).meeting
    assert meeting.outcomes == []
    assert [(r.date, r.location) for r in meeting.references] == [
        (dt.date(2015, 2, 12), "Minsk")]


def test_positions_by_state_and_by_person() -> None:
    text = ("On 2 March 2015 Foreign Minister Sergey Lavrov held talks with German Foreign "
            "Minister Frank-Walter Steinmeier in Berlin. The ministers discussed the situation "
            "in Ukraine. Russia stressed the need to implement the Minsk agreements. "
            "Steinmeier called for a lasting ceasefire.")
    meeting = extract(text).meeting
    positions = [(p.party, p.stance.split()[0]) for i in meeting.agenda for p in i.positions]
    assert ("Russian Federation", "Stressed") in positions
    assert ("Germany", "Called") in positions


def test_ids_are_unique_against_the_store() -> None:
    meeting = extract(SEED_TEXT, taken_ids={"nrc-2013-12-04"}).meeting
    assert meeting.id == "nrc-2013-12-04-2"


def test_a_text_with_nothing_recognisable_still_gives_a_valid_draft() -> None:
    result = extract("Nothing to see here.", today=dt.date(2030, 1, 1))
    assert result.meeting.date == dt.date(2030, 1, 1)
    assert result.meeting.title
    assert result.warnings
