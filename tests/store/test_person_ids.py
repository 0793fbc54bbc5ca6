"""One person, one id: names in any script get transliterated ids, and a person spelt two
ways in two statements is one participant id in the store and one person in Popolo."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dossier.store.export import popolo
from dossier.store.extract.spans import person_key, slugify
from dossier.store.importer import import_path
from dossier.store.model import Meeting, Participant
from dossier.store.store import Store


def test_non_latin_names_get_transliterated_distinct_ids() -> None:
    # Before anyascii, both folded to nothing and became the id "item".
    assert slugify("Сергей Лавров") == "sergey-lavrov"
    assert slugify("Ван И") == "van-i"
    assert slugify("王毅") == "wang-yi"
    assert len({slugify(n) for n in ("Сергей Лавров", "Ван И", "王毅")}) == 3


def test_spelling_variants_share_a_person_key_and_different_people_do_not() -> None:
    assert person_key("Sergei Lavrov") == person_key("Sergey Lavrov") == \
        person_key("Сергей Лавров")
    assert person_key("Faisal Mekdad") == person_key("Faisal Mikdad")
    assert person_key("Ivan Petrov") != person_key("Ivan Petrova")
    assert person_key("Joe Biden") != person_key("Jill Biden")
    assert person_key("Сергей Лавров") != person_key("Ван И")


def _statement(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_one_person_spelt_two_ways_is_one_id_in_the_store_and_in_popolo(
        empty_store: Store, tmp_path: Path) -> None:
    first = _statement(tmp_path, "a.txt", "On 2 May 2031 Foreign Minister Sergey Lavrov met "
                                          "Foreign Minister Ana Lind of Norway in Oslo.")
    second = _statement(tmp_path, "b.txt", "On 9 June 2031 Foreign Minister Sergei Lavrov met "
                                           "Foreign Minister Ole Dahl of Denmark in Moscow.")
    a = import_path(empty_store, first).draft
    b = import_path(empty_store, second).draft
    assert a is not None and b is not None
    lavrov_a = next(p for p in a.participants if "Lavrov" in p.name)
    lavrov_b = next(p for p in b.participants if "Lavrov" in p.name)
    assert lavrov_b.name == "Sergei Lavrov"  # the statement's own spelling stays
    assert lavrov_b.id == lavrov_a.id == "sergey-lavrov"
    document, _ = popolo(empty_store.iter_meetings())
    lavrovs = [p for p in document["persons"] if "lavrov" in p["id"]]
    assert [p["id"] for p in lavrovs] == ["person/sergey-lavrov"]
    attended = [e for e in document["events"]
                if any(a["id"] == "person/sergey-lavrov" for a in e.get("attendees", []))]
    assert len(attended) == 2


def test_two_non_latin_people_are_two_persons_in_popolo() -> None:
    meeting = Meeting(
        id="talks-2031-05-02", title="Talks", date=dt.date(2031, 5, 2),
        participants=[Participant(id="p1", name="Сергей Лавров", party="Russia"),
                      Participant(id="p2", name="Ван И", party="China")])
    document, _ = popolo([meeting])
    assert sorted(p["id"] for p in document["persons"]) == ["person/sergey-lavrov",
                                                            "person/van-i"]


def test_a_surname_alone_joins_the_one_person_with_that_full_name(empty_store: Store,
                                                                  tmp_path: Path) -> None:
    first = _statement(tmp_path, "a.txt", "On 2 May 2031 Foreign Minister Ana Lind met "
                                          "Foreign Minister Ole Dahl in Oslo.")
    second = _statement(tmp_path, "b.txt", "Minister Lind met with Prime Minister Eva Berg "
                                           "in Bergen on 9 June 2031.")
    import_path(empty_store, first)
    draft = import_path(empty_store, second).draft
    assert draft is not None
    assert next(p.id for p in draft.participants if p.name == "Lind") == "ana-lind"
    document, _ = popolo(empty_store.iter_meetings())
    assert [p["id"] for p in document["persons"] if "lind" in p["id"]] == ["person/ana-lind"]


def test_a_surname_two_stored_people_share_stays_apart() -> None:
    meetings = [Meeting(id="m1", title="Talks", date=dt.date(2031, 5, 2), participants=[
        Participant(id="a", name="Joe Biden"), Participant(id="b", name="Jill Biden"),
        Participant(id="c", name="Biden")])]
    document, _ = popolo(meetings)
    assert len(document["persons"]) == 3
