"""The help screen, generated from the bindings active where `?` was pressed.

Nothing here is a hand-written list of keys: the rows come from ``Screen.active_bindings``
(the focused widget's bindings, its ancestors', the screen's and the app's), so a remapped
key (``App.set_keymap``) or a new binding shows up by itself. Each row also shows its
binding's id, the name ``[keymap]`` in config.toml remaps it by.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.columns import Columns
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

#: (section title, [(keys, description, binding ids), ...])
HelpSections = list[tuple[str, list[tuple[str, str, str]]]]


def _section_title(node: DOMNode) -> str:
    if isinstance(node, App):
        return "Anywhere"
    title = getattr(node, "HELP_TITLE", None)
    if isinstance(title, str):
        return title
    if isinstance(node, Screen):
        return "This screen"
    return type(node).__name__


def help_sections(bindings: Mapping[str, ActiveBinding], app: App[object]) -> HelpSections:
    """Group active bindings by the node that defines them, merging keys of one action."""
    sections: dict[int, tuple[str, dict[str, tuple[str, list[str], list[str]]]]] = {}
    for active in bindings.values():
        binding: Binding = active.binding
        if not binding.description or binding.system:
            continue
        _, rows = sections.setdefault(id(active.node), (_section_title(active.node), {}))
        _, keys, ids = rows.setdefault(binding.action, (binding.description, [], []))
        display = app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
        if binding.id and binding.id not in ids:
            ids.append(binding.id)
    ordered = [(title, [(" ".join(keys), description, " ".join(ids))
                        for description, keys, ids in rows.values()])
               for title, rows in sections.values() if rows]
    # Keys that work everywhere first, then the screen's, then the focused widget's:
    # the binding chain runs the other way (focused widget first).
    ordered.reverse()
    return ordered


def section_table(title: str, rows: list[tuple[str, str, str]]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", no_wrap=True, min_width=9)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)  # the binding id, for [keymap]
    table.add_row(Text(""), Text(title, style="bold underline"), Text(""))
    for keys, description, ids in rows:
        table.add_row(Text(keys, style="bold"), Text(description), Text(ids, style="dim"))
    table.add_row("", "", "")
    return table


def help_table(sections: HelpSections) -> Columns:
    """The sections side by side as far as the width allows (short terminals)."""
    return Columns([section_table(title, rows) for title, rows in sections], padding=(0, 2))


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close help", id="help.close"),
        Binding("j,down", "scroll('down')", "Scroll down", show=False, id="help.down"),
        Binding("k,up", "scroll('up')", "Scroll up", show=False, id="help.up"),
    ]

    def __init__(self, sections: HelpSections) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(Text("Keys", style="bold"), id="help-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(help_table(self.sections), id="help-keys")
            yield Static(Text("escape closes help · dim: binding ids ([keymap] in "
                              "config.toml)", style="dim"), id="help-hint")
        yield Footer()  # this screen's keys, over the main screen's

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one("#help-scroll", VerticalScroll)
        if direction == "down":
            scroll.scroll_down()
        else:
            scroll.scroll_up()
