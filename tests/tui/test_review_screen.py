"""The draft review screen and the statement prompt, driven by keys on a real store."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widgets import Input, OptionList, Static

from dossier.store.extract import extract
from dossier.store.model import Meeting
from dossier.store.store import Store
from dossier.tui.dialogs.confirm import ConfirmScreen
from dossier.tui.screens.review import ImportStatementScreen, ReviewScreen, highlighted_context

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "fixtures" / "statements" / "00-nrc-seed.txt"


class Host(App[None]):
    """A bare app that shows one screen and remembers what it was dismissed with."""

    def __init__(self, screen: ReviewScreen | ImportStatementScreen) -> None:
        super().__init__()
        self.first = screen
        self.results: list[Meeting | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.first, self.results.append)


def draft() -> Meeting:
    return extract(SEED.read_text()).meeting


def index_of(screen: ReviewScreen, key: str) -> int:
    return next(i for i, f in enumerate(screen.fields) if f.key == key)


async def test_drop_edit_and_save(empty_store: Store) -> None:
    screen = ReviewScreen(empty_store, draft())
    app = Host(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        options = screen.query_one("#review-fields", OptionList)
        context = screen.query_one("#review-context", Static)
        options.highlighted = index_of(screen, "location")
        await pilot.pause()
        shown = context.render()
        assert "in Brussels" in str(shown)
        await pilot.press("d")
        options.highlighted = index_of(screen, "body")
        await pilot.pause()
        await pilot.press("e")
        editor = screen.query_one("#review-edit", Input)
        assert editor.has_focus and editor.value == "NATO-Russia Council"
        editor.value = "NATO–Russia Council (NRC)"
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.results) == 1
    saved = empty_store.get_meeting("nrc-2013-12-04")
    assert saved.status is None
    assert saved.location == ""
    assert saved.body == "NATO–Russia Council (NRC)"
    assert app.results[0] == saved


async def test_required_field_cannot_be_dropped(empty_store: Store) -> None:
    screen = ReviewScreen(empty_store, draft())
    app = Host(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        screen.query_one("#review-fields", OptionList).highlighted = index_of(screen, "date")
        await pilot.press("d")
        assert "date" not in screen.decisions
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert empty_store.get_meeting("nrc-2013-12-04").date.isoformat() == "2013-12-04"


async def test_escape_asks_before_dropping_the_draft(empty_store: Store) -> None:
    screen = ReviewScreen(empty_store, draft())
    app = Host(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.screen is screen and app.results == []
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.results == [None]
    assert empty_store.list_meetings() == []


async def test_a_bad_edit_is_reported_and_nothing_saved(empty_store: Store) -> None:
    screen = ReviewScreen(empty_store, draft())
    app = Host(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        screen.query_one("#review-fields", OptionList).highlighted = index_of(screen,
                                                                              "end_date")
        await pilot.press("e")
        screen.query_one("#review-edit", Input).value = "next week"
        await pilot.press("enter", "ctrl+s")
        await pilot.pause()
        error = screen.query_one("#review-error", Static)
        assert error.has_class("shown")
        assert "is not a date" in str(error.render())
        assert app.results == []
    assert empty_store.list_meetings() == []


async def test_statement_prompt_extracts_a_draft(empty_store: Store, tmp_path: Path) -> None:
    screen = ImportStatementScreen(empty_store)
    app = Host(screen)
    async with app.run_test(size=(100, 30)) as pilot:
        screen.query_one("#import-path", Input).value = str(tmp_path / "missing.txt")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "does not exist" in str(screen.query_one("#import-error", Static).render())
        screen.query_one("#import-path", Input).value = str(SEED)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.results) == 1
    result = app.results[0]
    assert result is not None and result.status == "draft" and result.location == "Brussels"


def test_highlight_stays_on_the_span_despite_unsafe_characters() -> None:
    text = "Intro here. The \u202e ministers met in [b]Brussels today. Next."
    start = text.index("Brussels")
    shown = highlighted_context(text, (start, start + len("Brussels")))
    assert shown.plain.startswith("The \\u202e ministers")  # shown, not obeyed
    (span,) = [s for s in shown.spans if "reverse" in str(s.style)]
    assert shown.plain[span.start:span.end] == "Brussels"
    assert "[b]" in shown.plain  # data is never read as markup


async def test_palette_imports_a_statement_into_the_app(store_dir: Path) -> None:
    from textual.command import CommandPalette

    from dossier.tui.app import DossierApp
    from tests.tui.dossier_pilot import settle

    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Import a statement")
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ImportStatementScreen)
        app.screen.query_one("#import-path", Input).value = str(
            ROOT / "tests" / "fixtures" / "statements" / "05-sco-summit-range.txt")
        await pilot.press("enter")
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert not isinstance(app.screen, ReviewScreen)
        assert app.store is not None
        assert app.store.get_meeting("sco-2015-07-09").status is None


async def test_a_stored_draft_becomes_a_final_meeting(empty_store: Store) -> None:
    stored = draft()
    empty_store.add_meeting(stored)
    screen = ReviewScreen(empty_store, stored)
    app = Host(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", "ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.results) == 1
    assert [m.id for m in empty_store.list_meetings()] == ["nrc-2013-12-04"]
    assert empty_store.get_meeting("nrc-2013-12-04").status is None


async def test_enter_on_a_stored_draft_opens_the_review(store_dir: Path) -> None:
    """`dossier import statement.txt` stores a draft; opening it in the app reviews it."""
    from dossier.tui.app import DossierApp
    from tests.tui.dossier_pilot import settle

    store = Store.open(store_dir)
    stored_draft = draft().model_copy(update={"id": "nrc-draft"})
    assert stored_draft.status == "draft"
    store.add_meeting(stored_draft)
    app = DossierApp(store_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.main.meeting_list.move_to("nrc-draft")
        await settle(pilot)
        assert not isinstance(app.screen, ReviewScreen)  # moving over it only shows it
        app.main.meeting_list.table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
