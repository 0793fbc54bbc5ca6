"""A modal form over a pydantic model: typed fields, errors beside the field, durable save.

Subclasses list their fields and say how to build the model from the typed values
(:meth:`FormScreen.make`); validation is the model's (``store.edit.build``), and each error
is shown under the input it is about. Saving works like the note editor: ``save(model)``
runs in a thread worker and the form closes only once it returned.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Input, Label, Static, TextArea
from textual.worker import Worker, WorkerState

from dossier.store.edit import FieldErrors, parse_iso_date
from dossier.store.errors import StoreError

from ..text import literal
from .confirm import leave_unless_unsaved

T = TypeVar("T")
FieldKind = Literal["text", "area", "date", "int", "list", "bool"]
SAVE_GROUP = "form-save"
_STAND_IN: dict[str, Any] = {"date": "2000-01-01", "int": 0}


@dataclass(frozen=True)
class FormField:
    """One input of a form; ``name`` is the model field it fills."""

    name: str
    label: str
    kind: FieldKind = "text"
    placeholder: str = ""
    #: An empty optional field becomes None rather than "".
    optional: bool = False


def shown_value(field: FormField, value: Any) -> Any:
    """A model value as its widget shows it."""
    if field.kind == "bool":
        return bool(value)
    if value is None:
        return ""
    if field.kind == "list":
        return ", ".join(str(v) for v in value)
    if field.kind == "date":
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    return str(value)


def parse_value(field: FormField, raw: Any) -> Any:
    """What the user typed as the model's value; ValueError carries the field's message."""
    if field.kind == "bool":
        return bool(raw)
    text = str(raw).strip()
    if field.kind == "list":
        return [part.strip() for part in text.split(",") if part.strip()]
    if not text and field.optional:
        return None
    if field.kind == "date":
        if not text:
            raise ValueError("is required (YYYY-MM-DD)")
        return parse_iso_date(text).isoformat()
    if field.kind == "int":
        try:
            return int(text)
        except ValueError:
            raise ValueError("must be a whole number") from None
    return text


class FormScreen(ModalScreen[T | None], Generic[T]):
    """Base of every form; dismisses with the saved model, or None when cancelled."""

    HELP_TITLE = "Form"

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True, id="form.save"),
        Binding("escape", "cancel", "Cancel", priority=True, id="form.cancel"),
    ]
    FIELDS: tuple[FormField, ...] = ()

    def __init__(self, title: str, initial: Mapping[str, Any], *,
                 save: Callable[[T], object] | None = None) -> None:
        super().__init__(classes="form")
        self.heading = title
        self.initial = {f.name: shown_value(f, initial.get(f.name)) for f in self.FIELDS}
        self._save = save
        self.saving = False
        #: What ``save`` returned, once it succeeded.
        self.saved: object = None
        #: The messages now shown beside fields, by field name.
        self.errors: dict[str, str] = {}
        #: The sentence now shown under the form ("" when none).
        self.general_error = ""

    def make(self, values: dict[str, Any]) -> T:
        """Build the validated model from parsed values; raise FieldErrors when invalid."""
        raise FieldErrors("this form cannot build a record", {"": "nothing to build"})

    # -- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="form-dialog", classes="dialog"):
            yield Label(literal(self.heading, "bold"), id="form-title")
            with VerticalScroll(id="form-fields"):
                for field in self.FIELDS:
                    with Vertical(classes="form-field", id=f"row-{field.name}"):
                        if field.kind != "bool":
                            yield Label(field.label, classes="field-label")
                        yield self._widget_for(field)
                        yield Static("", id=f"error-{field.name}", classes="field-error")
            yield Static("", id="form-error", classes="error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", id="form-save", variant="primary",
                             compact=True)
                yield Button("Cancel (esc)", id="form-cancel", compact=True)
        yield Footer()

    def _widget_for(self, field: FormField) -> Widget:
        value = self.initial[field.name]
        wid = f"field-{field.name}"
        if field.kind == "bool":
            return Checkbox(field.label, value, id=wid, compact=True)
        if field.kind == "area":
            return TextArea(value, soft_wrap=True, id=wid, classes="field-area",
                            placeholder=field.placeholder)
        return Input(value, placeholder=field.placeholder, id=wid, compact=True,
                     type="integer" if field.kind == "int" else "text")

    def on_mount(self) -> None:
        if self.FIELDS:
            self.field_widget(self.FIELDS[0].name).focus()

    def _kind(self, name: str) -> FieldKind:
        return next(f.kind for f in self.FIELDS if f.name == name)

    def field_widget(self, name: str) -> Widget:
        return self.query_one(f"#field-{name}")

    def raw_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for field in self.FIELDS:
            widget = self.field_widget(field.name)
            if isinstance(widget, TextArea):
                values[field.name] = widget.text
            elif isinstance(widget, (Input, Checkbox)):
                values[field.name] = widget.value
        return values

    @property
    def changed(self) -> bool:
        return self.raw_values() != self.initial

    # -- errors ------------------------------------------------------------------------

    def field_error(self, name: str) -> str:
        """The message shown beside a field ("" when none)."""
        return self.errors.get(name, "")

    def show_errors(self, fields: Mapping[str, str], sentence: str = "") -> None:
        """Put each message beside its field; the rest (or ``sentence``) under the form."""
        names = {f.name for f in self.FIELDS}
        self.errors = {name: message for name, message in fields.items() if name in names}
        for field in self.FIELDS:
            error = self.query_one(f"#error-{field.name}", Static)
            message = self.errors.get(field.name, "")
            error.update(literal(f"{field.label} {message}" if message else ""))
            error.set_class(bool(message), "shown")
        general = [message for name, message in fields.items() if name not in names]
        self.show_general("; ".join(general) if general else
                          "" if self.errors else sentence)
        first = next((f.name for f in self.FIELDS if f.name in self.errors), None)
        if first is not None:
            self.field_widget(first).focus()

    def show_general(self, sentence: str) -> None:
        self.general_error = sentence
        error = self.query_one("#form-error", Static)
        error.update(literal(sentence))
        error.set_class(bool(sentence), "shown")

    # -- saving ------------------------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def _after_typing(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` after the focused field has handled the keys already sent to it
        (ctrl+s and escape are priority bindings and can overtake them)."""
        focused = self.focused
        (focused.call_later if focused is not None else self.call_later)(callback)

    def action_save(self) -> None:
        self._after_typing(self._save_now)

    def _save_now(self) -> None:
        if self.saving or not self.is_current:
            return
        raw = self.raw_values()
        values: dict[str, Any] = {}
        problems: dict[str, str] = {}
        for field in self.FIELDS:
            try:
                values[field.name] = parse_value(field, raw[field.name])
            except ValueError as exc:
                problems[field.name] = str(exc)
        try:
            # A field that could not be parsed is validated with a stand-in value, so the
            # other fields' problems show now rather than one at a time.
            model = self.make({**values, **{name: _STAND_IN.get(self._kind(name), "")
                                            for name in problems}})
        except FieldErrors as exc:
            self.show_errors({**exc.fields, **problems}, str(exc))
            return
        except StoreError as exc:
            self.show_errors(problems, str(exc))
            return
        if problems:
            self.show_errors(problems)
            return
        self.show_errors({})
        if self._save is None:
            self.dismiss(model)
            return
        self.saving = True
        button = self.query_one("#form-save", Button)
        button.label, button.disabled = "Saving…", True
        self._run_save(model)

    @work(thread=True, exclusive=True, group=SAVE_GROUP, exit_on_error=False)
    def _run_save(self, model: T) -> tuple[T, object]:
        assert self._save is not None
        return model, self._save(model)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group != SAVE_GROUP:
            return
        if event.state == WorkerState.SUCCESS:
            model, self.saved = worker.result
            # The stored version when save returns one (it may differ, e.g. a fresh id).
            self.dismiss(self.saved if isinstance(self.saved, type(model)) else model)
        elif event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self.saving = False
            button = self.query_one("#form-save", Button)
            button.label, button.disabled = "Save (ctrl+s)", False
            error = worker.error
            if isinstance(error, FieldErrors):
                self.show_errors(error.fields, str(error))
            elif isinstance(error, StoreError):
                self.show_errors({}, str(error))
            else:
                self.show_errors({}, f"Not saved: {error}")

    def action_cancel(self) -> None:
        self._after_typing(self._cancel_now)

    def _cancel_now(self) -> None:
        leave_unless_unsaved(self, changed=self.changed, saving=self.saving,
                             question="Drop your changes?")
