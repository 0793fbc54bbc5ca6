"""The References and outcomes pane (`6`): every reference and outcome of the record, each
traced to its sentence in Source, with notes and the editing keys (issue 14, bug 4)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TabbedContent, TabPane

from dossier.tui.app import DossierApp
from dossier.tui.dialogs import NoteEditorScreen
from dossier.tui.dialogs.form_base import FormScreen
from dossier.tui.widgets import OutcomesList
from tests.conftest import SEED_ID
from tests.tui.dossier_pilot import on_disk, screen_text, settle

SIZE = (120, 36)


async def test_6_shows_references_and_outcomes_mounted_on_first_use(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.query_one("TabPane#outcomes", TabPane)
        assert not pane.query(OutcomesList)  # lazily mounted, like the other hidden panes
        await pilot.press("6")
        await settle(pilot)
        assert app.query_one(TabbedContent).active == "outcomes"
        text = screen_text(app)
        assert "Referenced agreements and documents" in text
        assert "NRC summit in Lisbon" in text and "2010-11-20 · Lisbon" in text
        assert "ISAF mission in Afghanistan" in text
        assert "Outcomes" in text
        assert "expected: Approval of the Program of work" in text


async def test_the_focused_reference_highlights_its_sentence_in_source(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6", "tab")
        await settle(pilot)
        outcomes = app.focused
        assert isinstance(outcomes, OutcomesList)
        meeting = on_disk(store_dir).get_meeting(SEED_ID)
        assert app.main.focused_target() == (SEED_ID, f"reference:{meeting.references[0].id}")
        assert app.main.span == meeting.references[0].source_span
        await pilot.press("j", "j")
        await settle(pilot)
        assert app.main.focused_target() == (SEED_ID, f"outcome:{meeting.outcomes[0].id}")
        assert app.main.span == meeting.outcomes[0].source_span
        await pilot.press("5")
        await settle(pilot)
        # The source shows the outcome's sentence.
        start, end = meeting.outcomes[0].source_span  # type: ignore[misc]
        sentence = meeting.sources[0].text[start:end]
        assert sentence.split()[0] in screen_text(app)


async def test_n_and_e_act_on_the_highlighted_reference(store_dir: Path) -> None:
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6", "tab", "j")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert app.screen.target_label == "reference: ISAF mission in Afghanistan"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "ISAF mission in Afghanistan" in screen_text(app)


async def test_a_meeting_without_references_says_so(store_dir: Path) -> None:
    from dossier.store import edit

    store = on_disk(store_dir)
    edit.apply_edit(store, SEED_ID, lambda m: m.model_copy(
        update={"references": [], "outcomes": []}))
    app = DossierApp(store_dir)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        assert OutcomesList.EMPTY.split(".")[0] in screen_text(app)
