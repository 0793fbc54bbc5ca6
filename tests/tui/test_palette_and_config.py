"""Command palette providers (meetings, topics) and the settings file."""

from __future__ import annotations

import json
from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import TabbedContent

from dossier.store.lookup import palette_names
from dossier.store.model import Meeting
from dossier.store.store import Store
from dossier.tui.app import DossierApp
from dossier.tui.commands import PaletteCatalog, appearance_choices, catalog_choices
from dossier.tui.config import AppState, Config, load_config, load_state, save_state
from tests.conftest import SEED_ID
from tests.tui.dossier_pilot import many_meetings_store, settle


async def _palette(pilot, query: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    await settle(pilot, rounds=6)
    await pilot.press("enter")
    await settle(pilot)


async def test_palette_jumps_to_a_topic_and_to_a_meeting(store_dir: Path) -> None:
    many_meetings_store(store_dir, count=2)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        assert app.main.meeting is not None and app.main.meeting.id == "copy-001"
        await _palette(pilot, "Topic: ISAF")
        assert app.main.focused_target() is not None
        assert app.main.focused_target()[1] == "agenda:afghanistan-after-isaf"  # type: ignore[index]
        assert app.query_one(TabbedContent).active == "agenda"
        await _palette(pilot, "Meeting: 2013-12-04")
        assert app.main.meeting is not None and app.main.meeting.id == SEED_ID
        assert app.main.meeting_list.current_id() == SEED_ID


def test_palette_entries_are_plain_text(store_dir: Path) -> None:
    doc = {"id": "m", "date": "2013-12-04", "title": "[b]T[/b]", "location": "\x1b[31mX",
           "participants": [{"id": "p", "name": "[i]N[/i]", "party": ""}],
           "agenda": [{"id": "a", "order": 1, "title": "A",
                       "topics": ["[@click=app.quit]t[/]"]}]}
    store = Store.create(store_dir, seed=False)
    store.put_meetings([Meeting.from_json_dict(doc)])
    catalog = PaletteCatalog(catalog_choices(palette_names(store)))
    assert catalog.choices[0].text == "Meeting: 2013-12-04 [b]T[/b] · ␛[31mX"
    (person,) = appearance_choices(store, catalog, "[i]N", catalog.find("[i]N"))
    assert person.text.startswith("Participant: [i]N[/i] — ")
    assert person.target == "participant:p"
    topic = next(c for c in appearance_choices(store, catalog, "click app",
                                               catalog.find("click app"))
                 if c.text.startswith("Topic: "))
    assert topic.text.startswith("Topic: [@click=app.quit]t[/]") and topic.target == "agenda:a"


def test_state_round_trip_and_config_damage(tmp_path: Path) -> None:
    path = tmp_path / "dir" / "state.json"
    assert load_state(path) == AppState()
    save_state(AppState(theme="nord"), path)
    assert json.loads(path.read_text()) == {"theme": "nord"}
    assert load_state(path).theme == "nord"
    assert not list(path.parent.glob("*.tmp"))  # the atomic write left no temp file
    config = tmp_path / "config.toml"
    assert load_config(config) == Config()
    config.write_text('theme = "nord"\n[keymap]\n"app.quit" = "ctrl+q"\n')
    assert load_config(config).keymap == {"app.quit": "ctrl+q"}
    config.write_text("[1, 2]")
    assert load_config(config).problem is not None and load_config(config).theme is None
