"""The command palette's catalog (issue 14, bug 1): candidates from indexes built once,
exact and prefix matches first, words in any order and without accents, "no matches" said,
and rebuilt when meetings change. (Its speed is measured in benchmarks/palette_probe.py.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.command import CommandPalette

from dossier.tui.app import DossierApp
from dossier.tui.commands import Choice, PaletteCatalog, catalog_choices, fold
from tests.conftest import SEED_ID
from tests.tui.dossier_pilot import on_disk, screen_text, seed_doc, settle


def doc(meeting_id: str, date: str, title: str, people: list[str]) -> dict[str, Any]:
    return {"id": meeting_id, "date": date, "title": title, "location": "",
            "participants": [{"id": f"p{i}", "name": name, "party": ""}
                             for i, name in enumerate(people)],
            "agenda": []}


def texts(catalog: PaletteCatalog, query: str) -> list[str]:
    return [catalog.choices[line].text for _, line in catalog.find(query)]


def test_exact_then_prefix_then_words_in_any_order() -> None:
    catalog = PaletteCatalog(catalog_choices([
        doc("a", "2014-01-01", "Talks with Ivan Petrov", ["Ivan Petrov"]),
        doc("b", "2013-01-01", "Summit", ["Petrov Ivanovich", "Petra"]),
    ]))
    found = texts(catalog, "petrov")
    assert set(found[:2]) == {"Participant profile: Petrov Ivanovich",  # the name starts
                              "Participant: Petrov Ivanovich — 2013-01-01 Summit"}
    assert found.index("Participant: Petrov Ivanovich — 2013-01-01 Summit") < \
        found.index("Participant: Ivan Petrov — 2014-01-01 Talks with Ivan Petrov")
    assert texts(catalog, "Ivan Petrov")[0] == "Participant profile: Ivan Petrov"  # exact
    # Words in any order, each the start of a word: "petr" does not match "Petra" less.
    assert "Participant profile: Ivan Petrov" in texts(catalog, "petrov ivan")
    assert "Participant profile: Petra" in texts(catalog, "petr")
    assert texts(catalog, "etrov") == []  # words match from their start


def test_accents_and_case_are_ignored_and_offsets_kept() -> None:
    assert fold("Sergéy LAVRÓV-x") == "sergey lavrov x"
    catalog = PaletteCatalog(catalog_choices([doc("a", "2014-01-01", "T", ["Sergéy Lavróv"])]))
    assert "Participant profile: Sergéy Lavróv" in texts(catalog, "sergey lavrov")
    line = next(line for _, line in catalog.find("lavrov"))
    content = catalog.highlight(line, "lavrov", "bold")
    text = catalog.choices[line].text
    assert [text[span.start:span.end] for span in content.spans] == ["Lavróv"]


def test_each_group_gets_its_share_of_the_candidates() -> None:
    # 500 meetings with the same participant: the one profile is not crowded out.
    docs = [doc(f"m{i}", f"2013-01-{1 + i % 28:02d}", f"M{i}", ["Sergey Lavrov"])
            for i in range(500)]
    catalog = PaletteCatalog(catalog_choices(docs))
    found = texts(catalog, "lavrov")
    assert "Participant profile: Sergey Lavrov" in found
    assert len(found) <= 300


def test_a_choice_is_a_jump_or_a_view() -> None:
    choices = catalog_choices([seed_doc()])
    assert Choice(f"Meeting: {choices[0].text.partition(': ')[2]}", SEED_ID,
                  "meeting") == choices[0]
    assert any(c.view == "participant" and c.name == "Sergey Lavrov" for c in choices)
    assert any(c.view == "topic" for c in choices)


async def test_no_matches_is_said(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"qqxqq")
        await settle(pilot)
        await pilot.pause(0.7)  # the palette says so after half a second
        assert "No matches found" in screen_text(app)


async def test_the_catalog_is_built_once_and_again_after_a_change(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.palette_catalog.fresh  # built in the background after start-up
        assert app.store is not None
        first = app.palette_catalog.get(app.store)
        for _ in range(2):
            await pilot.press("ctrl+p")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
        assert app.palette_catalog.get(app.store) is first  # not rebuilt per opening
        other = seed_doc()
        other.update(id="zeta-2014", title="Zeta summit")
        from dossier.store.model import Meeting

        on_disk(store_dir).put_meetings([Meeting.from_json_dict(other)])
        app.check_for_changes()
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"zeta")
        await settle(pilot, rounds=6)
        assert "Meeting: 2013-12-04 Zeta summit" in screen_text(app)
