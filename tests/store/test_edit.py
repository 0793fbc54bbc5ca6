"""store.edit: pure item edits validated as whole records, and lock-held apply_edit."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier.store import edit
from dossier.store.errors import NotFound, RecordInvalid
from dossier.store.model import AgendaItem, Meeting, Participant, Position, Priority
from dossier.store.store import Store
from tests.conftest import SEED_ID


def test_build_names_every_bad_field() -> None:
    with pytest.raises(edit.FieldErrors) as caught:
        edit.build(AgendaItem, {"id": "Bad Id", "order": -1, "title": ""}, kind="agenda item")
    assert set(caught.value.fields) == {"id", "order", "title"}
    assert caught.value.fields["title"] == "must not be empty"
    assert str(caught.value).startswith("agenda item Bad Id: id:")


def test_record_level_problems_have_no_field() -> None:
    with pytest.raises(edit.FieldErrors) as caught:
        edit.build(Meeting, {"id": "m-1", "title": "T", "date": "2020-01-02",
                                  "end_date": "2020-01-01"})
    assert "end_date 2020-01-01 is before date 2020-01-02" in caught.value.fields[""]


@pytest.mark.parametrize("text", ["2013-13-01", "2013-02-30", "04/12/2013", "20131204", ""])
def test_parse_iso_date_refuses_anything_but_a_real_yyyy_mm_dd(text: str) -> None:
    with pytest.raises(ValueError):
        edit.parse_iso_date(text)


def test_parse_iso_date_accepts_a_real_day() -> None:
    assert edit.parse_iso_date(" 2013-12-04 ") == dt.date(2013, 12, 4)


def test_ids_are_readable_slugs_unique_in_the_meeting(seeded_store: Store) -> None:
    meeting = seeded_store.get_meeting(SEED_ID)
    assert edit.slugify("Counter-piracy (Gulf of Aden) — Ünïcode") == \
        "counter-piracy-gulf-of-aden-unicode"
    assert edit.slugify("!!!", fallback="agenda") == "agenda"
    assert edit.new_item_id(meeting, "participant", "Sergey Lavrov") == "sergey-lavrov-2"
    assert edit.new_item_id(meeting, "position", "Russian Federation") == "russian-federation"
    assert edit.new_meeting_id(dt.date(2013, 12, 4), "NRC", seeded_store.has_meeting) == \
        "nrc-2013-12-04-2"


def test_put_replace_and_remove_items(seeded_store: Store) -> None:
    meeting = seeded_store.get_meeting(SEED_ID)
    person = Participant(id="jens", name="Jens Stoltenberg", party="NATO")
    added = edit.put_item(meeting, "participant", person)
    assert added.participants[-1] == person
    assert meeting.participants[-1] != person  # the original is untouched (frozen copy)
    renamed = edit.put_item(added, "participant", person.model_copy(update={"name": "J. S."}),
                            replace="jens")
    assert renamed.targets()["participant:jens"] == "J. S."
    assert len(renamed.participants) == len(added.participants)
    removed = edit.remove_item(renamed, "participant", "jens")
    assert removed.participants == meeting.participants


def test_positions_go_into_their_agenda_item(seeded_store: Store) -> None:
    meeting = seeded_store.get_meeting(SEED_ID)
    position = Position(id="nato-view", party="NATO", stance="Welcomes the programme")
    changed = edit.put_item(meeting, "position", position, parent="work-programme-2014")
    assert edit.parent_of_position(changed, "nato-view") == "work-programme-2014"
    assert edit.find_item(changed, "position", "nato-view") == position
    assert "position:nato-view" not in edit.remove_item(changed, "position",
                                                        "nato-view").targets()
    with pytest.raises(NotFound):
        edit.put_item(meeting, "position", position, parent="no-such-item")


def test_an_edit_that_breaks_the_record_is_refused(seeded_store: Store) -> None:
    meeting = seeded_store.get_meeting(SEED_ID)
    duplicate = meeting.participants[0]
    with pytest.raises(RecordInvalid, match='duplicate id "sergey-lavrov"'):
        edit.put_item(meeting, "participant", duplicate)
    with pytest.raises(NotFound):
        edit.remove_item(meeting, "priority", "no-such-priority")


def test_apply_edit_works_on_what_is_on_disk_now(seeded_store: Store) -> None:
    """Another process's change made after we read the meeting is kept, not overwritten."""
    stale = seeded_store.get_meeting(SEED_ID)
    other = Store.open(seeded_store.root)  # another writer, own caches and lock handle
    edit.apply_edit(other, SEED_ID, lambda m: edit.put_item(
        m, "priority", edit.build(Priority, {"id": "energy", "area": "Energy"})))
    ours = edit.with_fields(stale, {"location": "NATO HQ"})
    edit.apply_edit(seeded_store, SEED_ID, lambda m: edit.with_fields(
        m, {"location": ours.location}))
    final = Store.open(seeded_store.root).get_meeting(SEED_ID)
    assert final.location == "NATO HQ"
    assert "priority:energy" in final.targets()


def test_apply_edit_refuses_to_change_the_id(seeded_store: Store) -> None:
    with pytest.raises(RecordInvalid, match="cannot change the id"):
        edit.apply_edit(seeded_store, SEED_ID,
                        lambda m: m.model_copy(update={"id": "other-2013"}))
    assert seeded_store.has_meeting(SEED_ID)
