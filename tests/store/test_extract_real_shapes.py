"""Shapes real press texts take, each written here in our own invented sentences.

Every test pins one rule of the extractor that the real corpus showed missing; none of these
sentences comes from a real statement.
"""

from __future__ import annotations

import datetime as dt

from dossier.store.extract import extract

PAGE = dt.date(2031, 5, 14)  # a Wednesday


# -- dates told against the page's date ------------------------------------------------------


def test_today_is_the_publication_date() -> None:
    result = extract("Minister Anna Berg met today with Minister Tomas Lind in Oslo.",
                     published=PAGE)
    assert result.meeting.date == PAGE
    assert result.date_origin == "published"
    assert result.meeting.date_inferred


def test_yesterday_and_a_weekday_are_counted_back_from_the_page() -> None:
    said = "Minister Anna Berg held talks yesterday with Minister Tomas Lind in Oslo."
    assert extract(said, published=PAGE).meeting.date == dt.date(2031, 5, 13)
    monday = "The ministers met in Oslo on Monday to discuss fisheries."
    assert extract(monday, published=PAGE).meeting.date == dt.date(2031, 5, 12)


def test_a_weekday_in_an_announcement_lies_ahead() -> None:
    text = "The ministers will meet in Oslo on Friday to discuss fisheries."
    assert extract(text, published=PAGE).meeting.date == dt.date(2031, 5, 16)


def test_earlier_today_is_another_event_of_the_day() -> None:
    text = ("Minister Anna Berg convened the ministers on 13 May after the launch earlier "
            "today of a rocket.")
    assert extract(text, published=PAGE).meeting.date == dt.date(2031, 5, 13)


def test_a_missing_year_comes_from_the_publication_date() -> None:
    # Published in January, "on December 30" is the December just gone, not next December.
    text = "The ministers met in Oslo on December 30 to discuss fisheries."
    result = extract(text, published=dt.date(2032, 1, 3))
    assert result.meeting.date == dt.date(2031, 12, 30)
    assert result.date_origin == "published"


def test_a_report_without_a_day_takes_the_page_date_and_says_so() -> None:
    result = extract("The ministers met in Oslo to discuss fisheries.", published=PAGE)
    assert result.meeting.date == PAGE
    assert result.date_origin == "published"
    assert any("publication date" in w for w in result.warnings)


def test_no_date_at_all_is_told_as_unknown() -> None:
    result = extract("The ministers met in Oslo to discuss fisheries.",
                     today=dt.date(2040, 1, 1))
    assert result.date_origin == "assumed"
    assert result.date_precision == "unknown"
    assert result.meeting.date_inferred


def test_a_full_date_in_the_text_wins_over_today_said_later() -> None:
    text = ("The ministers met in Oslo on 2 May 2031. A statement issued today welcomed the "
            "talks.")
    result = extract(text, published=PAGE)
    assert result.meeting.date == dt.date(2031, 5, 2)
    assert result.date_origin == "text"


# -- what each side did, as readouts tell it -------------------------------------------------


def _stances(text: str) -> list[tuple[str, str]]:
    meeting = extract(text, published=PAGE).meeting
    return [(p.party, p.stance.split()[0]) for item in meeting.agenda for p in item.positions]


def test_a_readout_verb_gives_a_position_even_without_a_state() -> None:
    text = ("Governor Mara Quill met today with Mayor Ivo Brandt of Tallinn. Governor Quill "
            "raised concerns about the closure of the harbour bridge.")
    assert ("Mara Quill", "Raised") in _stances(text)


def test_he_and_the_two_leaders_continue_the_readout() -> None:
    text = ("Governor Mara Quill met today with Mayor Ivo Brandt. Governor Quill thanked the "
            "mayor for the ferry talks. She underscored the value of the harbour bridge. The "
            "two leaders reaffirmed their commitment to the river authority.")
    stances = _stances(text)
    assert ("Mara Quill", "Thanked") in stances
    assert ("Mara Quill", "Underscored") in stances
    assert ("Both sides", "Reaffirmed") in stances


def test_a_shared_title_speaks_for_the_one_named_first() -> None:
    text = ("President Lena Voss met today with President Omar Tal. The President welcomed "
            "the opening of the new border crossing.")
    assert ("Lena Voss", "Welcomed") in _stances(text)


def test_what_the_sides_discuss_together_is_not_one_sides_position() -> None:
    text = "On 2 May 2031 the ministers met in Oslo. The ministers discussed the fisheries quota."
    assert _stances(text) == []


# -- references and the events around the meeting --------------------------------------------


def _references(text: str) -> list[str]:
    return [r.title for r in extract(text, published=PAGE).meeting.references]


def test_documents_named_noun_first_or_by_count_are_references() -> None:
    text = ("The ministers met today in Oslo. They recalled the Declaration on Northern Fisheries "
            "Cooperation and urged the council to honour the seven-point consensus. They "
            "welcomed the 2029 tribunal ruling and cited Alliance's Article 9.")
    titles = _references(text)
    assert "Declaration on Northern Fisheries Cooperation" in titles
    assert "seven-point consensus" in titles
    assert "2029 tribunal ruling" in titles
    assert "Alliance's Article 9" in titles


def test_an_organisation_inside_a_document_name_keeps_the_document() -> None:
    # "UN" is an organisation of its own; "UN Charter" is still the document.
    assert "UN Charter" in _references("The ministers met today in Oslo and defended the UN "
                                       "Charter.")


def test_a_named_summit_without_a_date_is_a_reference_unless_it_is_the_meeting() -> None:
    text = ("Readout of the Harbour Cities Summit\n\nThe mayors met today at the Harbour Cities "
            "Summit in Oslo. They will coordinate ahead of the upcoming Arctic Summit in Tromsø "
            "and recalled the Summit for Clean Seas.")
    titles = _references(text)
    assert "Arctic Summit" in titles
    assert "Summit for Clean Seas" in titles
    assert not any("Harbour Cities" in t for t in titles)


def test_a_summit_prepared_for_is_not_the_meetings_body() -> None:
    text = ("President Lena Voss met today with Chancellor Omar Tal. They will coordinate in "
            "advance of the NATO Summit in Washington.")
    meeting = extract(text, published=PAGE).meeting
    assert meeting.body == ""
    assert "NATO Summit" in [r.title for r in meeting.references]


def test_a_conversation_covering_issues_and_a_meeting_held_to_do_something_are_agenda() -> None:
    text = ("Governor Mara Quill met with Mayor Ivo Brandt today to congratulate him on the new "
            "ferry line. The two held a frank conversation covering the river dredging plan.")
    titles = [i.title.lower() for i in extract(text, published=PAGE).meeting.agenda]
    assert any("ferry line" in t for t in titles)
    assert any("river dredging" in t for t in titles)


# -- participants -----------------------------------------------------------------------------


def _people(text: str) -> list[str]:
    return [p.name for p in extract(text, published=PAGE).meeting.participants if not p.group]


def test_a_long_title_before_the_name_leaves_the_name_whole() -> None:
    text = ("Governor Mara Quill met today with Deputy Secretary of the Northern Fisheries "
            "Council for Ports and Harbour Security Ivo Brandt in Oslo.")
    assert _people(text) == ["Mara Quill", "Ivo Brandt"]


def test_a_courtesy_title_and_a_surname_that_is_a_country_stay_in_the_name() -> None:
    text = ("Harbour Advisor Dr. Lena Voss met today with Deputy Attorney General Ana Monaco, "
            "Ambassador to Norway Ole Dahl, and Mayor Ivo Brandt.")
    assert _people(text) == ["Lena Voss", "Ana Monaco", "Ole Dahl", "Ivo Brandt"]


def test_office_and_surname_alone_count_where_the_person_takes_part() -> None:
    text = ("Vice President Lena Voss convened the leaders today. The meeting included: Prime "
            "Minister Dahl of Norway, Prime Minister Kerr of Canada, and President Moll of "
            "Iceland. The plan was drafted by President Stein last year.")
    people = _people(text)
    assert people[:4] == ["Lena Voss", "Dahl", "Kerr", "Moll"]
    assert "Stein" not in people


def test_a_surname_named_in_full_elsewhere_is_one_person() -> None:
    text = ("Readout of Governor Mara Quill's Meeting with Mayor Ivo Brandt\n\nGovernor Quill "
            "met today with Mayor Brandt in Oslo.")
    assert sorted(_people(text)) == ["Ivo Brandt", "Mara Quill"]


def test_the_author_of_a_statement_is_not_a_participant() -> None:
    text = ("Statement by Press Secretary Ana Lind on the Visit of Mayor Ivo Brandt\n\n"
            "Governor Mara Quill will welcome Mayor Ivo Brandt to Oslo on Friday.")
    assert "Ana Lind" not in _people(text)


def test_someone_met_with_and_no_office_first_is_a_participant() -> None:
    text = "Governor Mara Quill met with Ivo Brandt, the head of the port office, in Oslo."
    assert "Ivo Brandt" in _people(text)


def test_a_possessive_or_a_full_stop_ends_a_title_run() -> None:
    text = ("Readout of President Kerr's Participation in the Harbour Forum\n\nPresident Ana "
            "Kerr attended the forum today with Prime Minister Dahl of Norway. They agreed.")
    people = _people(text)
    assert not any("Participation" in p or "They" in p or "Norway" in p for p in people)


# -- place, body and level in the text's own words --------------------------------------------


def test_a_venue_is_the_place_when_the_meeting_names_no_city() -> None:
    text = ("Governor Mara Quill will welcome Mayor Ivo Brandt to the White House on Friday. "
            "They will prepare for the Arctic Summit in Tromsø.")
    assert extract(text, published=PAGE).meeting.location == "White House"


def test_the_place_keeps_the_texts_spelling() -> None:
    # The gazetteer knows this city as "Sharm el-Sheikh"; the text spells it its own way.
    text = "Minister Anna Berg met today with Minister Tomas Lind in Sharm El Sheikh."
    assert extract(text, published=PAGE).meeting.location == "Sharm El Sheikh"


def test_the_body_keeps_the_texts_acronym() -> None:
    text = "The ASEAN summit was held today in Jakarta."
    meeting = extract(text, published=PAGE).meeting
    assert meeting.body == "ASEAN"


def test_national_security_advisors_are_a_level() -> None:
    text = ("National Security Advisor Ana Lind met today with National Security Advisor Ole "
            "Dahl and National Security Advisor Ivo Brandt in Oslo.")
    assert extract(text, published=PAGE).meeting.level == "national security advisors"


# -- datelines --------------------------------------------------------------------------------


def test_an_agency_dateline_dates_the_page_not_the_meeting() -> None:
    text = ("Bergen [Norway], May 10 (Nordwire/Ostpress): Minister Anna Berg will take part in "
            "the fisheries conference in Tromsø on June 2-3.")
    result = extract(text, year=2031)
    assert (result.meeting.date, result.meeting.end_date) == (dt.date(2031, 6, 2),
                                                               dt.date(2031, 6, 3))
    assert result.meeting.location == "Tromsø"
    assert result.meeting.sources[0].date == dt.date(2031, 5, 10)


def test_a_date_first_dateline_gives_the_reports_day_and_town() -> None:
    text = ("Russian-Norwegian talks\n\nMay 12, 2031, The Kremlin, Moscow\n\nMinister Anna Berg "
            "held talks with Minister Tomas Lind.")
    result = extract(text)
    assert result.meeting.date == dt.date(2031, 5, 12)
    assert result.date_origin == "dateline"
    assert result.meeting.location == "Moscow"
    village = extract("Talks\n\nMay 12, 2031, Little Fjordby, Vestland Region\n\nThe "
                      "ministers held talks.").meeting
    assert village.location == "Little Fjordby"


def test_a_date_line_near_the_top_is_the_publication_date() -> None:
    text = "date 2031-05-14\n\nThe ministers met today in Oslo."
    result = extract(text)
    assert result.meeting.date == dt.date(2031, 5, 14)
    assert result.date_origin == "dateline"


def test_the_heading_names_the_town_when_the_body_does_not() -> None:
    text = "The Fisheries Council met in Bergen\n\nMay 12, 2031\n\nThe ministers held talks."
    assert extract(text).meeting.location == "Bergen"


def test_a_name_with_no_title_as_the_subject_of_a_meeting_verb() -> None:
    text = ("Norwegian-Danish talks\n\nMay 12, 2031, Oslo\n\nAna Lind held talks with Prime "
            "Minister of Denmark Ole Dahl. Ana Lind, President of Iceland Eva Berg and Prime "
            "Minister of Finland Aino Salo later attended the dinner.")
    people = _people(text)
    assert people[:3] == ["Ana Lind", "Ole Dahl", "Eva Berg"]
    assert "Aino Salo" in people
    assert "Oslo Ana Lind" not in people


def test_the_people_a_meeting_is_between_or_held_at_the_invitation_of() -> None:
    text = ("This is the first meeting between Ana Lind and Ole Dahl. Ana Lind will also have "
            "bilateral meetings with Eva Berg, Aino Salo and Jens Holm. The visit takes place "
            "at the invitation of Maja Strand.")
    assert set(_people(text)) >= {"Ana Lind", "Ole Dahl", "Eva Berg", "Aino Salo", "Jens Holm",
                                  "Maja Strand"}


def test_two_people_in_one_title_run_are_two() -> None:
    text = ("Taking part were Secretary of the Norwegian Fisheries Council Ole Dahl and "
            "US Special Envoy Jens Holm.")
    assert _people(text)[:2] == ["Ole Dahl", "Jens Holm"]


def test_a_place_named_after_a_person_is_not_a_participant() -> None:
    text = ("President Ana Lind welcomed President Ole Dahl on Harald Haarfagre Square. The "
            "talks were held on Svalbard Island.")
    people = _people(text)
    assert "Harald Haarfagre" not in people
    assert not any("Island" in p for p in people)


def test_a_regnal_number_stays_with_the_name() -> None:
    text = "President Ana Lind met today with King Harald V in Oslo."
    assert "Harald V" in _people(text)


def test_a_typographic_apostrophe_still_names_the_state() -> None:
    text = "Minister Ana Lind met with President of the People’s Republic of China Li Wen."
    people = {p.name: p.party for p in extract(text, published=PAGE).meeting.participants}
    assert people.get("Li Wen") == "China"


# -- outcomes and the body's own name ---------------------------------------------------------


def _outcomes(text: str) -> list[str]:
    return [o.description for o in extract(text, published=PAGE).meeting.outcomes]


def test_a_passive_outcome_after_an_opening_phrase_keeps_its_head() -> None:
    text = ("The ministers met today in Oslo. Following the talks, a package of documents on "
            "fisheries, particularly on quotas, was signed in the presence of the ministers.")
    assert "Signing of a package of documents on fisheries" in _outcomes(text)


def test_documents_signed_include_a_list_of_outcomes() -> None:
    text = ("The ministers met today in Oslo. The documents signed include an agreement on a "
            "joint salmon fund; a protocol on ferry links; and a memorandum on ice charts.")
    outcomes = _outcomes(text)
    assert "Signing of an agreement on a joint salmon fund" in outcomes
    assert "Signing of a protocol on ferry links" in outcomes
    assert "Signing of a memorandum on ice charts" in outcomes


def test_the_heading_may_tell_the_outcome() -> None:
    text = ("A joint statement was adopted following talks between the ministers\n\nMay 12, "
            "2031, Oslo\n\nIn the statement, Norway said it was ready to help.")
    assert any("joint statement" in o for o in _outcomes(text))


def test_the_body_as_the_text_names_it() -> None:
    council = extract("The President will attend a meeting of the CIS Council of Heads of State "
                      "in Bishkek on 16 May 2031.").meeting
    assert council.body == "CIS Council of Heads of State"
    summit = extract("Talks\n\nMay 12, 2031, Oslo\n\nThe minister took part in the Russia-EU "
                     "Summit meeting.").meeting
    assert summit.body == "Russia-EU Summit"
    assert "summit summit" not in summit.title.lower()


def test_a_format_named_in_the_heading_is_the_body() -> None:
    text = "Harbour format summit\n\nMay 12, 2031, Oslo\n\nThe leaders held talks."
    assert extract(text).meeting.body == "Harbour format"


def test_an_acronym_body_has_its_full_name_beside_it_in_the_title() -> None:
    meeting = extract("The SCO summit was held today in Astana.", published=PAGE).meeting
    assert meeting.body == "SCO"
    assert "Shanghai Cooperation Organisation" in meeting.title


def test_frameworks_drafts_pledges_and_steps_are_references() -> None:
    text = ("The ministers met today in Oslo to review the latest draft agreements. They "
            "recalled the Common Economic Space, the Clean Harbours Plan, the Global Kelp "
            "Pledge, Iceland's accession to the Nordic Council and the peace formula, and the "
            "work under the Norway-EU Fisheries Council.")
    titles = _references(text)
    for expected in ("draft agreements", "Common Economic Space", "Clean Harbours Plan",
                     "Global Kelp Pledge", "accession to the Nordic Council", "peace formula",
                     "Norway-EU Fisheries Council"):
        assert any(expected in t for t in titles), expected


def test_a_named_debate_is_a_reference() -> None:
    text = ("Minister Anna Berg met today with Minister Tomas Lind after the Council's High "
            "Level Debate on fisheries.")
    assert any("High Level Debate" in t for t in _references(text))


def test_a_plan_the_meeting_approved_is_an_outcome_not_a_reference() -> None:
    text = "On 2 May 2031 the Council met in Oslo. The Council approved the Harbour Action Plan."
    assert not any("Harbour Action Plan" in t for t in _references(text))


def test_a_partnership_is_a_reference_when_it_is_a_named_programme() -> None:
    text = ("The ministers met today in Oslo. They discussed the Northern Partnership and "
            "reviewed the Arctic Partnership for Ice Charts, the Oil and Gas Kelp Partnership "
            "2.0, the Norway-Iceland Strategic Partnership and the implementation of the "
            "Partnership for Clean Ports.")
    titles = _references(text)
    assert "Northern Partnership" not in titles
    for expected in ("Arctic Partnership for Ice Charts", "Oil and Gas Kelp Partnership 2.0",
                     "Norway-Iceland Strategic Partnership", "Partnership for Clean Ports"):
        assert any(expected in t for t in titles), expected


# -- shapes from agency wires and regional bodies ---------------------------------------------


def test_an_agency_dateline_city_is_not_the_meetings_place() -> None:
    text = ("Bergen [Norway], May 10 (Nordwire): Minister Anna Berg will take part in the OSCE "
            "Ministerial Council in Stockholm on June 2-3.")
    meeting = extract(text, published=dt.date(2031, 5, 10)).meeting
    assert meeting.location == "Stockholm"
    assert meeting.body == "OSCE Ministerial Council"


def test_an_organisations_numbered_ministerial_meeting_names_the_body() -> None:
    text = ("Gulf foreign ministers met in Riyadh on Wednesday for the Gulf Cooperation "
            "Council's 41st ministerial meeting.")
    meeting = extract(text, published=PAGE).meeting
    assert meeting.body == "Gulf Cooperation Council"
    assert meeting.date == dt.date(2031, 5, 14)


def test_a_summit_whose_decision_is_implemented_is_not_the_body() -> None:
    text = ("The ministers met in Pretoria on 3 June 2031, implementing the decision taken at "
            "the 12th BRICS summit on July 25-27 in Johannesburg.")
    meeting = extract(text).meeting
    assert (meeting.date, meeting.location, meeting.body) == (dt.date(2031, 6, 3), "Pretoria",
                                                              "")


def test_a_council_of_an_organisation_is_the_body_not_the_organisation() -> None:
    text = ("The Peace and Security Council of the African Union met today in Addis Ababa to "
            "discuss the floods.")
    assert extract(text, published=PAGE).meeting.body == \
        "Peace and Security Council of the African Union"


def test_a_list_of_ministers_each_with_their_state() -> None:
    text = ("Foreign ministers of Norway Ana Lind, of Denmark Ole Dahl, of Iceland Eva Berg "
            "and of Finland Aino Salo met in Oslo today.")
    people = [(p.name, p.role, p.party)
              for p in extract(text, published=PAGE).meeting.participants if not p.group]
    assert people == [("Ana Lind", "Foreign Minister", "Norway"),
                      ("Ole Dahl", "Foreign Minister", "Denmark"),
                      ("Eva Berg", "Foreign Minister", "Iceland"),
                      ("Aino Salo", "Foreign Minister", "Finland")]


def test_a_long_remit_and_a_name_with_particles_are_kept_whole() -> None:
    text = ("Assistant Secretary of State for Northern and Arctic Affairs Ana Lind met today "
            "with Dr Khalid bin Rashid Al Harbi in Manama.")
    people = _people(text)
    assert people == ["Ana Lind", "Khalid bin Rashid Al Harbi"]


def test_cooperation_focusing_on_a_list_gives_priorities() -> None:
    text = ("On 2 May 2031 the ministers discussed cooperation focusing on commerce, "
            "investment, energy, overseas employment, agriculture, tourism.")
    described = json_text(extract(text).meeting.priorities)
    for area in ("commerce", "investment", "overseas employment", "tourism"):
        assert area in described


def test_topics_and_levels_keep_the_texts_words() -> None:
    text = ("On 2 May 2031 the defense ministers met in Cairo. They discussed the situation "
            "in Gaza.")
    meeting = extract(text).meeting
    assert meeting.level == "defense ministers"
    topics = [t for item in meeting.agenda for t in item.topics]
    assert "Gaza" in topics and "Gaza Strip" not in topics


def json_text(items: list) -> str:  # noqa: ANN001 - pydantic models
    return " ".join(str(i.model_dump()) for i in items).lower()


def test_they_goes_on_for_the_council_just_named() -> None:
    text = ("On 2 May 2031 the members of the UN Security Council met in New York. The members "
            "of the Council expressed concern at the closures. They recalled the Ferry Accord "
            "of 2029.")
    stances = [(p.party, p.stance.split()[0]) for item in extract(text).meeting.agenda
               for p in item.positions]
    assert ("UN Security Council", "Recalled") in stances
    assert "Both sides" not in {party for party, _ in stances}


def test_a_dateline_day_the_text_also_states_is_the_texts_date() -> None:
    text = ("Harbour Summit, Oslo, 12 May 2031: Joint press release\n\nThe 3rd Harbour Summit "
            "took place in Oslo on 12 May 2031.")
    result = extract(text)
    assert result.meeting.date == dt.date(2031, 5, 12)
    assert result.date_origin == "text"
    assert not result.meeting.date_inferred


# -- how and whether the meeting happened -----------------------------------------------------


def test_a_phone_call_a_video_conference_and_a_meeting_in_person() -> None:
    call = extract("Minister Anna Berg held a telephone conversation today with Minister "
                   "Tomas Lind.", published=PAGE)
    video = extract("The ministers met today by videoconference to discuss the ferries.",
                    published=PAGE)
    met = extract("Minister Anna Berg met today with Minister Tomas Lind in Oslo.",
                  published=PAGE)
    assert (call.mode, video.mode, met.mode) == ("call", "video", "in person")
    assert "call" in call.meeting.tags and "video" in video.meeting.tags
    assert not {"call", "video"} & set(met.meeting.tags)


def test_an_announcement_and_a_report() -> None:
    coming = extract("Minister Anna Berg will visit Oslo on Friday to meet Minister Tomas "
                     "Lind.", published=PAGE)
    held = extract("Minister Anna Berg met today with Minister Tomas Lind in Oslo.",
                   published=PAGE)
    assert (coming.status, held.status) == ("announced", "held")
    assert "announced" in coming.meeting.tags and "announced" not in held.meeting.tags
    later = extract("The ministers met in Oslo on 20 May 2031.", published=PAGE)
    assert later.status == "announced"  # dated after its own page


# -- other days, other events -----------------------------------------------------------------


def test_a_report_in_the_past_lies_before_its_page() -> None:
    # On a November page "met on 12 March" is the March gone, though next March is closer.
    met = extract("The ministers met in Geneva on 12 March.", published=dt.date(2031, 11, 25))
    assert met.meeting.date == dt.date(2031, 3, 12)
    coming = extract("The ministers will meet in Geneva on 12 March.",
                     published=dt.date(2031, 11, 25))
    assert coming.meeting.date == dt.date(2032, 3, 12)


def test_one_person_spelt_two_ways_in_one_statement_is_one_participant() -> None:
    text = ("Foreign Minister Faisal Mekdad met today in Damascus with Foreign Minister Ana "
            "Lind. Foreign Minister Faisal Mikdad also thanked Norway.")
    assert _people(text) == ["Faisal Mekdad", "Ana Lind"]


def test_a_name_is_not_an_area_of_cooperation() -> None:
    text = "On 2 May 2031 the ministers discussed cooperation in trade, energy and the World."
    areas = [p.area.lower() for p in extract(text).meeting.priorities]
    assert "world" not in areas and any("trade" in a for a in areas)


def test_someone_seen_on_another_day_is_not_a_participant() -> None:
    text = ("Gulf foreign ministers met in Riyadh on Wednesday. King Harald Voss received "
            "the ministers on Tuesday. Crown Prince Olav Voss had met them the day before.")
    people = _people(text)
    assert "Harald Voss" not in people and "Olav Voss" not in people


def test_outcomes_told_as_nouns_decisions_statements_and_appointments() -> None:
    text = ("On 2 May 2031 the heads of state met in Oslo. The leaders oversaw the signing of "
            "a protocol on ferry links. The meeting took the decision to establish a fisheries "
            "centre. The summit resulted in the adoption of the Oslo Declaration. After the "
            "talks, Mr Dahl and Mr Lind made a joint statement. Ana Berg was appointed "
            "Secretary of the Council. The heads of state approved a programme for harbour "
            "safety.")
    outcomes = _outcomes(text)
    for expected in ("Signing of a protocol on ferry links",
                     "Decision to establish a fisheries centre",
                     "Adoption of the Oslo Declaration", "Joint statement",
                     "Appointment of Ana Berg Secretary of the Council",
                     "Approval of a programme for harbour safety"):
        assert expected in outcomes, (expected, outcomes)
