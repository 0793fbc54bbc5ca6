"""The editing flows' UI on the real app: each dialog a modal screen, each answer its result.

A flow (tui/flows.py) is a coroutine that awaits the user. :func:`run_flow` runs it up to
its first question at once, in the handler of the request, and resumes it from each
screen's dismissal callback. It is deliberately not a worker: a flow does no work, it waits
on a person, and the app's workers are what "busy" means (tests and shutdown wait for
them). Pushing the dialog from the request's own handler also keeps it as immediate as a
key binding would be, so the keys typed next reach the dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Generator
from typing import Any, Generic, TypeVar

from textual.app import App
from textual.screen import Screen

from .flows import Choice, Dialog, ItemDialog, MeetingDialog, NoteDialog, Severity

T = TypeVar("T")
R = TypeVar("R")


class Shown(Generic[T]):
    """A screen for the user; a flow that awaits it is suspended until it is dismissed."""

    def __init__(self, screen: Screen[Any]) -> None:
        self.screen = screen

    def __await__(self) -> Generator[Shown[T], Any, T | None]:
        # run_flow receives this object, pushes the screen and sends back its result.
        result: T | None = yield self
        return result


class DialogUI:
    """:class:`tui.flows.UI` on a Textual app: questions and dialogs as modal screens."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app

    def notify(self, message: str, *, severity: Severity = "information") -> None:
        # Messages quote data (a title, a store's sentence): never markup.
        self._app.notify(message, severity=severity, markup=False)

    def ask(self, question: str, *, yes: str, no: str) -> Shown[bool]:
        from .dialogs.confirm import ConfirmScreen  # modal screens load on first use

        return Shown(ConfirmScreen(question, yes=yes, no=no))

    def open(self, dialog: Dialog[T]) -> Shown[T]:
        return Shown(dialog_screen(dialog))


def dialog_screen(dialog: Dialog[Any]) -> Screen[Any]:
    """The modal screen that shows ``dialog`` (loaded on first use, not at start-up)."""
    if isinstance(dialog, NoteDialog):
        from .dialogs.note_editor import NoteEditorScreen

        return NoteEditorScreen(dialog.label, dialog.text, save=dialog.save,
                                title=dialog.title)
    if isinstance(dialog, MeetingDialog):
        from .dialogs.forms import MeetingForm

        return MeetingForm(dialog.meeting, save=dialog.save)
    if isinstance(dialog, ItemDialog):
        from .dialogs.forms import item_form

        return item_form(dialog.kind, dialog.meeting, dialog.item, save=dialog.save)
    if isinstance(dialog, Choice):
        from .dialogs.pick import PickScreen

        return PickScreen(dialog.title, list(dialog.options), dialog.initial)
    raise TypeError(f"no screen shows {type(dialog).__name__}")


def run_flow(app: App[Any], flow: Coroutine[Any, Any, R], done: Callable[[R], None]) -> None:
    """Run ``flow`` up to its first screen now, and on from each screen's result; ``done``
    gets what it returns. A flow left waiting when the app closes is simply dropped."""

    def step(answer: object) -> None:
        try:
            shown = flow.send(answer)
        except StopIteration as stop:
            done(stop.value)
            return
        if not isinstance(shown, Shown):
            flow.close()
            raise TypeError(f"a flow may only await its UI, not {shown!r}")
        app.push_screen(shown.screen, step)

    step(None)
