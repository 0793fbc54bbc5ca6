"""Every key binding of the app: an id that says what it does, and a description.

The ids are what a user's config remaps (``"keymap": {"item.delete": "x"}``), so each is
unique and named ``<what it acts on>.<what it does>``; the descriptions are what the help
screen and the Footer show.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

import dossier.tui

ID = re.compile(r"^[a-z]+\.[a-z0-9]+(-[a-z0-9]+)*$")


def all_bindings() -> list[tuple[str, Binding]]:
    """(class name, binding) for the BINDINGS of every class in dossier.tui."""
    found: list[tuple[str, Binding]] = []
    for module_info in pkgutil.walk_packages(dossier.tui.__path__, "dossier.tui."):
        if module_info.name.startswith("dossier.tui.cli"):
            continue  # the command line: no keys (and its __main__ would run it)
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, DOMNode)
                    and value.__module__ == module.__name__):
                found += [(value.__name__, binding) for binding in value.__dict__.get(
                    "BINDINGS", ()) if isinstance(binding, Binding)]
    return found


def test_every_binding_has_a_well_formed_unique_id_and_a_description() -> None:
    bindings = all_bindings()
    assert len(bindings) > 40
    for owner, binding in bindings:
        assert binding.description, f"{owner}: {binding.key}"
        assert binding.id is not None and ID.match(binding.id), f"{owner}: {binding.id}"
    ids = [binding.id for _, binding in bindings]
    assert sorted(ids) == sorted(set(ids))


def test_the_editing_keys_are_named_for_what_they_act_on() -> None:
    ids = {binding.key: binding.id for owner, binding in all_bindings()
           if owner == "MainScreen"}
    # n writes a note; a, e, d, u act on whatever is highlighted: a note, an item of the
    # meeting, or (from the list) the meeting itself.
    assert [ids[key] for key in "naedu"] == [
        "notes.new", "item.add", "item.edit", "item.delete", "item.undo-delete"]


def test_the_settings_document_an_id_that_exists() -> None:
    from dossier.tui import config

    source = Path(config.__file__).read_text(encoding="utf-8")
    documented = re.findall(r'\{"([a-z.-]+)": "', source)
    ids = {binding.id for _, binding in all_bindings()}
    assert documented and set(documented) <= ids


def test_the_readme_names_only_ids_that_exist() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("by their binding id"):readme.index("Another process")]
    named = set(re.findall(r'"([a-z]+\.[a-z-]+)"', paragraph))
    named |= set(re.findall(r"`([a-z]+\.[a-z-]+)`", paragraph))
    ids = {binding.id for _, binding in all_bindings()}
    assert len(named) >= 10 and named <= ids, named - ids
