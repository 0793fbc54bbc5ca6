"""The search screen and the cross-meeting views, mounted in a tiny host app (real store)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input, OptionList, Static

from dossier.store.hits import Hit
from dossier.store.store import Store
from dossier.tui.screens.search import SearchScreen
from dossier.tui.screens.views import ParticipantProfileScreen, TopicTimelineScreen
from tests.conftest import SEED_ID

_UNSET = object()


class Host(App[None]):
    """Pushes one screen and records what it was dismissed with."""

    def __init__(self, screen_factory) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.screen_factory = screen_factory
        self.result: object = _UNSET

    def compose(self) -> ComposeResult:
        yield Static("host")

    def on_mount(self) -> None:
        self.push_screen(self.screen_factory(), self._done)

    def _done(self, result: object) -> None:
        self.result = result


async def _settle(app: Host, pilot) -> None:  # type: ignore[no-untyped-def]
    await app.workers.wait_for_complete()
    await pilot.pause()


def _results(app: Host) -> OptionList:
    return app.screen.query_one("#search-results", OptionList)


async def test_typing_shows_results_and_enter_returns_the_hit(seeded_store: Store) -> None:
    app = Host(lambda: SearchScreen(seeded_store))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"piracy")
        await _settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert _results(app).option_count >= 2
        assert screen.hits[0].target == "priority:counter-piracy"
        first = str(_results(app).get_option_at_index(0).prompt)
        assert "Counter-piracy" in first and "piracy" in first
        await pilot.press("enter")
        await pilot.pause()
    assert isinstance(app.result, Hit)
    assert app.result.meeting_id == SEED_ID
    assert app.result.target == "priority:counter-piracy"


async def test_down_moves_and_enter_returns_that_hit(seeded_store: Store) -> None:
    app = Host(lambda: SearchScreen(seeded_store))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"CSTO")
        await _settle(app, pilot)
        hits = app.screen.hits  # type: ignore[attr-defined]
        assert hits[0].target == "agenda:afghanistan-after-isaf"
        await pilot.press("down")
        assert _results(app).highlighted == 1
        await pilot.press("enter")
        await pilot.pause()
    assert isinstance(app.result, Hit)
    assert app.result.target == hits[1].target


async def test_escape_returns_none(seeded_store: Store) -> None:
    app = Host(lambda: SearchScreen(seeded_store))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"lisbon")
        await _settle(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


async def test_query_error_is_shown_inline_and_results_cleared(seeded_store: Store) -> None:
    app = Host(lambda: SearchScreen(seeded_store))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"year:20x3")
        await _settle(app, pilot)
        status = str(app.screen.query_one("#search-status", Static).render())
        assert 'year: expects a four-digit year, got "20x3"' in status
        assert _results(app).option_count == 0
        # Still typing works: the screen is alive and the input kept focus.
        assert isinstance(app.focused, Input)


async def test_only_the_latest_query_is_shown(seeded_store: Store) -> None:
    app = Host(lambda: SearchScreen(seeded_store))
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        # A result for an older generation arrives late: it must be dropped.
        await pilot.press(*"lisbon")
        await _settle(app, pilot)
        shown = list(screen.hits)
        stale = Hit(kind="meeting", meeting_id="x", date=shown[0].date, title="stale",
                    target="meeting", snippet="stale")
        screen.post_message(SearchScreen.Results(screen.generation - 1, [stale]))
        await pilot.pause()
        assert screen.hits == shown


async def test_data_is_never_markup(empty_store: Store) -> None:
    from dossier.store.model import Meeting

    empty_store.add_meeting(Meeting.from_json_dict({
        "id": "m-1", "title": "[bold]Summit[/bold] [@click=app.quit]x[/]", "date": "2020-01-01",
        "agenda": [{"id": "a", "order": 1, "title": "Markup [red]test[/red]",
                    "summary": "zeppelin \x1b[31m red"}]}))
    app = Host(lambda: SearchScreen(empty_store))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press(*"zeppelin")
        await _settle(app, pilot)
        prompt = str(_results(app).get_option_at_index(0).prompt)
        assert "Markup [red]test[/red]" in prompt
        assert "\x1b" not in prompt


async def test_participant_profile_lists_the_meeting(seeded_store: Store) -> None:
    app = Host(lambda: ParticipantProfileScreen(seeded_store, "sergey LAVRÓV"))
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        heading = str(app.screen.query_one("#jump-heading", Static).render())
        assert "Sergey Lavrov" in heading and "1 meeting" in heading
        options = app.screen.query_one("#jump-results", OptionList)
        texts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Foreign Minister" in t for t in texts)
        assert any("CSTO" in t for t in texts)  # the Russian Federation's positions
        await pilot.press("enter")
        await pilot.pause()
    assert isinstance(app.result, Hit)
    assert app.result.target == "participant:sergey-lavrov"


async def test_topic_timeline_lists_agenda_items(seeded_store: Store) -> None:
    app = Host(lambda: TopicTimelineScreen(seeded_store, "afghanistan"))
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        options = app.screen.query_one("#jump-results", OptionList)
        assert options.option_count == 3  # the year's header and its two items
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


async def test_slash_csto_enter_shows_the_afghanistan_item_in_the_real_app(
        store_dir) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import TabbedContent

    from dossier.tui.app import DossierApp
    from tests.tui.dossier_pilot import screen_text, settle

    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"CSTO")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)
        assert app.main.meeting is not None and app.main.meeting.id == SEED_ID
        assert app.query_one(TabbedContent).active == "agenda"
        assert app.main.focused_target() == (SEED_ID, "agenda:afghanistan-after-isaf")
        text = screen_text(app)
        assert "Interaction on Afghanistan" in text
        assert "CSTO" in text


async def test_palette_opens_the_participant_profile_and_jumps(
        store_dir) -> None:  # type: ignore[no-untyped-def]
    from dossier.tui.app import DossierApp
    from tests.tui.dossier_pilot import settle

    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Participant profile: Sergey")
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ParticipantProfileScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ParticipantProfileScreen)
        assert app.main.focused_target() == (SEED_ID, "participant:sergey-lavrov")


async def test_palette_opens_the_topic_timeline(store_dir) -> None:  # type: ignore[no-untyped-def]
    from dossier.tui.app import DossierApp
    from tests.tui.dossier_pilot import settle

    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Topic timeline: CSTO")
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TopicTimelineScreen)
        options = app.screen.query_one("#jump-results", OptionList)
        assert options.option_count == 2  # 2013's header and the one item
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.focused_target() == (SEED_ID, "agenda:afghanistan-after-isaf")
