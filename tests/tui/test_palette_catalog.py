"""The command palette's catalog (issue 14, bug 1): candidates from indexes built once,
exact and prefix matches first, words in any order and without accents, "no matches" said,
and rebuilt when meetings change. (Its speed is measured in benchmarks/palette_probe.py.)"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette

from dossier.store.lookup import palette_names
from dossier.store.model import Meeting
from dossier.store.store import Store
from dossier.tui.app import DossierApp
from dossier.tui.commands import (
    APPEARANCES,
    CatalogCache,
    PaletteCatalog,
    appearance_choices,
    catalog_choices,
    fold,
)
from tests.conftest import SEED_ID
from tests.tui.dossier_pilot import on_disk, screen_text, seed_doc, settle


def doc(meeting_id: str, date: str, title: str, people: list[str]) -> dict[str, Any]:
    return {"id": meeting_id, "date": date, "title": title, "location": "",
            "participants": [{"id": f"p{i}", "name": name, "party": ""}
                             for i, name in enumerate(people)],
            "agenda": []}


def catalog_of(root: Path, docs: list[dict[str, Any]]) -> tuple[Store, PaletteCatalog]:
    """A real store of ``docs`` and the palette's catalog of it, read from its index."""
    store = Store.create(root, seed=False)
    store.put_meetings([Meeting.from_json_dict(d) for d in docs])
    return store, PaletteCatalog(catalog_choices(palette_names(store)))


def texts(store: Store, catalog: PaletteCatalog, query: str) -> list[str]:
    """What the palette lists for ``query``: its lines, then the appearances looked up."""
    found = catalog.find(query)
    return [catalog.choices[line].text for _, line in found] + [
        choice.text for choice in appearance_choices(store, catalog, query, found)]


def test_exact_then_prefix_then_words_in_any_order(store_dir: Path) -> None:
    store, catalog = catalog_of(store_dir, [
        doc("a", "2014-01-01", "Talks with Ivan Petrov", ["Ivan Petrov"]),
        doc("b", "2013-01-01", "Summit", ["Petrov Ivanovich", "Petra"]),
    ])
    found = texts(store, catalog, "petrov")
    assert found[0] == "Participant profile: Petrov Ivanovich"  # the name starts with it
    assert found.index("Participant: Petrov Ivanovich — 2013-01-01 Summit") < \
        found.index("Participant: Ivan Petrov — 2014-01-01 Talks with Ivan Petrov")
    assert texts(store, catalog, "Ivan Petrov")[0] == "Participant profile: Ivan Petrov"
    # Words in any order, each the start of a word: "petr" does not match "Petra" less.
    assert "Participant profile: Ivan Petrov" in texts(store, catalog, "petrov ivan")
    assert "Participant profile: Petra" in texts(store, catalog, "petr")
    assert texts(store, catalog, "etrov") == []  # words match from their start
    # The first word names the person, the others narrow where they appeared.
    assert [t for t in texts(store, catalog, "petrov 2014") if t.startswith("Participant:")
            ] == ["Participant: Ivan Petrov — 2014-01-01 Talks with Ivan Petrov"]


def test_accents_and_case_are_ignored_and_offsets_kept(store_dir: Path) -> None:
    assert fold("Sergéy LAVRÓV-x") == "sergey lavrov x"
    store, catalog = catalog_of(store_dir, [doc("a", "2014-01-01", "T", ["Sergéy Lavróv"])])
    assert "Participant profile: Sergéy Lavróv" in texts(store, catalog, "sergey lavrov")
    assert "Participant: Sergéy Lavróv — 2014-01-01 T" in texts(store, catalog, "lavrov")
    line = next(line for _, line in catalog.find("lavrov"))
    content = catalog.highlight(line, "lavrov", "bold")
    text = catalog.choices[line].text
    assert [text[span.start:span.end] for span in content.spans] == ["Lavróv"]


def test_the_catalog_holds_names_not_every_appearance(store_dir: Path) -> None:
    # 500 meetings with the same participant: one profile line, and the newest
    # appearances looked up when asked for (issue 14: 1.76M lines at 100k meetings).
    docs = [doc(f"m{i:03d}", f"2013-01-{1 + i % 28:02d}", f"M{i}", ["Sergey Lavrov"])
            for i in range(500)]
    store, catalog = catalog_of(store_dir, docs)
    assert len(catalog) == 501  # 500 meetings and one profile (no body: no comparisons)
    found = texts(store, catalog, "lavrov")
    assert found[0] == "Participant profile: Sergey Lavrov"
    seen = [t for t in found if t.startswith("Participant: ")]
    assert len(seen) == APPEARANCES
    assert seen[0].startswith("Participant: Sergey Lavrov — 2013-01-28 ")  # newest first


def test_a_choice_is_a_jump_or_a_view(seeded_store: Store) -> None:
    choices = catalog_choices(palette_names(seeded_store))
    assert choices[0].meeting_id == SEED_ID and choices[0].target == "meeting"
    assert choices[0].text.startswith("Meeting: 2013-12-04 ")
    assert any(c.view == "participant" and c.name == "Sergey Lavrov" for c in choices)
    assert any(c.view == "topic" for c in choices)
    assert any(c.view == "party" for c in choices)


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
        on_disk(store_dir).put_meetings([Meeting.from_json_dict(other)])
        app.check_for_changes()
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"zeta")
        await settle(pilot, rounds=6)
        assert "Meeting: 2013-12-04 Zeta summit" in screen_text(app)


async def test_keys_typed_while_the_store_opens_are_answered_once_it_is_open(
        store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ctrl+p and a word typed during "Loading meetings…" (found in tmux at 2,000
    meetings): the last key's search waits for the store, then lists its matches; it
    used to find no store, list nothing and say "No matches found" for good."""
    opened = threading.Event()
    real_open = Store.open

    def slow_open(root: Path, *args: Any, **kwargs: Any) -> Store:
        opened.wait(10)
        return real_open(root, *args, **kwargs)

    monkeypatch.setattr(Store, "open", staticmethod(slow_open))
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.1)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"lavrov")
        await pilot.pause(0.7)  # past the palette's half second before "No matches"
        assert app.store is None
        assert "No matches found" not in screen_text(app)
        opened.set()
        await settle(pilot, rounds=8)
        assert "Participant profile: Sergey Lavrov" in screen_text(app)


async def test_keys_typed_while_the_catalog_is_built_say_so_then_list_its_matches(
        store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 100k meetings the catalog takes ~10 s to build after start; a key typed
    meanwhile left the palette blank (no busy line showed) until another key. Now a line
    says it is reading, and the same text is searched again once the catalog is ready."""
    built = threading.Event()
    real_get = CatalogCache.get

    def slow_get(self: CatalogCache, store: Store) -> PaletteCatalog:
        built.wait(10)
        return real_get(self, store)

    monkeypatch.setattr(CatalogCache, "get", slow_get)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        while app.store is None:  # not settle(): it would wait for the catalog's worker
            await pilot.pause(0.05)
        await pilot.press("ctrl+p")
        await pilot.press(*"lavrov")
        await pilot.pause(0.7)
        assert isinstance(app.screen, CommandPalette)
        text = screen_text(app)
        assert "Reading the meetings, people and topics" in text
        assert "Participant profile: Sergey Lavrov" not in text
        built.set()
        await settle(pilot, rounds=8)
        text = screen_text(app)
        assert "Participant profile: Sergey Lavrov" in text
        assert "Reading the meetings" not in text


async def test_a_store_that_cannot_be_opened_lists_the_commands_not_a_reading_line(
        store_dir: Path) -> None:
    Store.open(store_dir)
    (store_dir / "dossier.json").write_bytes(b"{ not json")
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the message that the store could not be opened
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"import")
        await settle(pilot)
        text = screen_text(app)
        assert "Import a statement" in text
        assert "Reading the meetings" not in text
