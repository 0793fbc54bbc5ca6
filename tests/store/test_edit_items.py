"""store.edit on a meeting whose lists are in no sorted order (so an edit that picks the
first item "less than" or "greater than" an id, instead of the one equal to it, is caught),
with positions in several agenda items and one position without an id. Written for the
mutants that survived tests/store/test_edit.py (docs/testing.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier.store import edit
from dossier.store.errors import NotFound, RecordInvalid
from dossier.store.model import Meeting, Position, Priority
from dossier.store.store import Store

ORDER = ("m", "z", "a")  # neither ascending nor descending


def _meeting() -> Meeting:
    return Meeting.from_json_dict({
        "id": "mixed-2020-01-01", "title": "Mixed", "date": "2020-01-01",
        "agenda": [
            {"id": f"agenda-{k}", "order": i, "title": f"Item {k}",
             "positions": [{"id": f"pos-{k}{j}", "party": "P", "stance": "S"} for j in ORDER]}
            for i, k in enumerate(ORDER)
        ] + [{"id": "agenda-none", "order": 3, "title": "Unnamed position",
              "positions": [{"party": "Q", "stance": "no id"}]}],
        "priorities": [{"id": f"prio-{k}", "area": f"Area {k}"} for k in ORDER],
        "participants": [{"id": f"person-{k}", "name": f"Person {k}"} for k in ORDER],
    })


@pytest.fixture
def meeting() -> Meeting:
    return _meeting()


def test_find_item_returns_exactly_the_item_with_that_id(meeting: Meeting) -> None:
    for k in ORDER:
        assert edit.find_item(meeting, "priority", f"prio-{k}").id == f"prio-{k}"
        assert edit.find_item(meeting, "participant", f"person-{k}").id == f"person-{k}"
        assert edit.find_item(meeting, "agenda", f"agenda-{k}").id == f"agenda-{k}"
        for j in ORDER:
            position = edit.find_item(meeting, "position", f"pos-{k}{j}")
            assert position.id == f"pos-{k}{j}"
            assert edit.find_item(meeting, "position", f"pos-{k}{j}",
                                  parent=f"agenda-{k}") == position


def test_find_item_in_a_parent_looks_only_there(meeting: Meeting) -> None:
    for k in ORDER:
        for other in ORDER:
            if other != k:
                with pytest.raises(NotFound, match=f'no position "pos-{k}m"'):
                    edit.find_item(meeting, "position", f"pos-{k}m", parent=f"agenda-{other}")
    with pytest.raises(NotFound, match='has no priority "prio-b"'):
        edit.find_item(meeting, "priority", "prio-b")


def test_item_index_is_the_place_in_its_own_list(meeting: Meeting) -> None:
    for i, k in enumerate(ORDER):
        assert edit.item_index(meeting, "priority", f"prio-{k}") == i
        assert edit.item_index(meeting, "agenda", f"agenda-{k}") == i
        for j_index, j in enumerate(ORDER):
            assert edit.item_index(meeting, "position", f"pos-{k}{j}") == j_index
    with pytest.raises(NotFound):
        edit.item_index(meeting, "position", "pos-b")
    with pytest.raises(NotFound):
        edit.item_index(meeting, "priority", "prio-b")


def test_item_ids_of_every_kind(meeting: Meeting) -> None:
    assert edit.item_ids(meeting, "priority") == {f"prio-{k}" for k in ORDER}
    assert edit.item_ids(meeting, "participant") == {f"person-{k}" for k in ORDER}
    assert edit.item_ids(meeting, "reference") == set()
    # A position without an id is not an id.
    assert edit.item_ids(meeting, "position") == {f"pos-{k}{j}" for k in ORDER for j in ORDER}


def test_with_fresh_id_changes_only_a_taken_id(meeting: Meeting) -> None:
    fresh = edit.build(Priority, {"id": "prio-new", "area": "New"})
    assert edit.with_fresh_id(meeting, "priority", fresh) is fresh
    taken = edit.build(Priority, {"id": "prio-m", "area": "Taken"})
    assert edit.with_fresh_id(meeting, "priority", taken).id == "prio-m-2"
    unnamed = edit.build(Position, {"party": "P", "stance": "S"})
    assert edit.with_fresh_id(meeting, "position", unnamed) is unnamed


def test_put_item_at_an_index_is_clamped_to_the_list(meeting: Meeting) -> None:
    new = edit.build(Priority, {"id": "prio-new", "area": "New"})
    ids = lambda m: [p.id for p in m.priorities]  # noqa: E731
    assert ids(edit.put_item(meeting, "priority", new, index=0))[0] == "prio-new"
    assert ids(edit.put_item(meeting, "priority", new, index=-5))[0] == "prio-new"
    assert ids(edit.put_item(meeting, "priority", new, index=1)) == [
        "prio-m", "prio-new", "prio-z", "prio-a"]
    assert ids(edit.put_item(meeting, "priority", new, index=99))[-1] == "prio-new"
    assert ids(edit.put_item(meeting, "priority", new))[-1] == "prio-new"


def test_put_item_replacing_an_id_that_is_not_there_is_refused(meeting: Meeting) -> None:
    new = edit.build(Priority, {"id": "prio-new", "area": "New"})
    for missing in ("0-before-all", "prio-b", "zzz-after-all"):
        with pytest.raises(NotFound, match=f'no item "{missing}" to replace'):
            edit.put_item(meeting, "priority", new, replace=missing)
    replaced = edit.put_item(meeting, "priority", new, replace="prio-z")
    assert [p.id for p in replaced.priorities] == ["prio-m", "prio-new", "prio-a"]


def test_a_position_goes_into_its_parent_only(meeting: Meeting) -> None:
    new = edit.build(Position, {"id": "pos-new", "party": "P", "stance": "S"})
    for k in ORDER:
        changed = edit.put_item(meeting, "position", new, parent=f"agenda-{k}")
        assert [[p.id for p in a.positions] for a in changed.agenda][:3] == [
            [f"pos-{j}{i}" for i in ORDER] + (["pos-new"] if j == k else []) for j in ORDER]
    with pytest.raises(NotFound, match="belongs to an agenda item"):
        edit.put_item(meeting, "position", new)
    with pytest.raises(NotFound, match='no agenda item "agenda-b"'):
        edit.put_item(meeting, "position", new, parent="agenda-b")


def test_remove_item_removes_that_item_only(meeting: Meeting) -> None:
    for k in ORDER:
        left = edit.remove_item(meeting, "priority", f"prio-{k}")
        assert [p.id for p in left.priorities] == [f"prio-{j}" for j in ORDER if j != k]
        left = edit.remove_item(meeting, "position", f"pos-z{k}")
        assert [p.id for p in left.agenda[1].positions] == [f"pos-z{j}" for j in ORDER
                                                            if j != k]
        assert [p.id for p in left.agenda[0].positions] == ["pos-mm", "pos-mz", "pos-ma"]


def test_parent_of_position_is_the_agenda_item_holding_it(meeting: Meeting) -> None:
    for k in ORDER:
        for j in ORDER:
            assert edit.parent_of_position(meeting, f"pos-{k}{j}") == f"agenda-{k}"
    with pytest.raises(NotFound, match='no position "pos-b"'):
        edit.parent_of_position(meeting, "pos-b")


def test_slugs_and_unique_ids() -> None:
    assert edit.slugify("x" * 60) == "x" * 48
    assert edit.slugify("x" * 47 + " y") == "x" * 47  # cut at 48, the dash stripped
    assert edit.slugify("x" * 60, max_length=40) == "x" * 40
    assert edit.unique_id("base", {"other"}) == "base"
    assert edit.unique_id("base", {"base"}) == "base-2"
    assert edit.unique_id("base", {"base", "base-2"}) == "base-3"
    assert edit.unique_id("base", {"base", "base-2", "base-3"}) == "base-4"
    assert edit.unique_id("base", {"base", "base-3"}.__contains__) == "base-2"
    long_name = "Council of the Baltic Sea States Committee of Senior Officials"
    assert edit.new_meeting_id(dt.date(2020, 1, 2), long_name, {""}.__contains__) == (
        "council-of-the-baltic-sea-states-committ-2020-01-02")  # the words cut at 40
    assert edit.new_meeting_id(dt.date(2020, 1, 2), "NRC",
                               {"nrc-2020-01-02"}.__contains__) == "nrc-2020-01-02-2"


def test_field_errors_name_the_top_field_and_say_what_is_wrong() -> None:
    with pytest.raises(edit.FieldErrors) as caught:
        edit.build(Meeting, {"id": "x-1", "title": "t", "date": "2020-01-01",
                             "agenda": [{"id": "a", "order": -1, "title": "x"}]})
    assert caught.value.fields == {"agenda": "[0].order: must be 0 or more"}
    with pytest.raises(edit.FieldErrors) as caught:  # the error is on the item itself
        edit.build(Meeting, {"id": "x-1", "title": "t", "date": "2020-01-01",
                             "agenda": ["not an item"]})
    assert list(caught.value.fields) == ["agenda"]
    assert caught.value.fields["agenda"].startswith("[0]: ")
    with pytest.raises(edit.FieldErrors) as caught:
        edit.build(Meeting, {"id": "Not A Slug", "date": "2020-01-01"})
    assert caught.value.fields == {"id": "must be lower-case letters, digits and dashes",
                                   "title": "is required"}


def test_apply_edit_refuses_any_change_of_id(seeded_store: Store) -> None:
    meeting_id = seeded_store.list_meetings()[0].id
    for other in ("aaa-before", "zzz-after"):  # either side of the id in sort order
        with pytest.raises(RecordInvalid, match="cannot change the id"):
            edit.apply_edit(seeded_store, meeting_id,
                            lambda m, other=other: m.model_copy(update={"id": other}))
