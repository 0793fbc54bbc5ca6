"""Hand a text to the user's own editor ($VISUAL or $EDITOR) through a private temp file."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Mapping


class ExternalEditorError(Exception):
    """The editor could not be run or its file read back; ``str()`` is a sentence."""


def editor_command(environ: Mapping[str, str] | None = None) -> list[str]:
    """The editor to run, as argv; $VISUAL wins over $EDITOR, as in git and most tools."""
    env = os.environ if environ is None else environ
    for name in ("VISUAL", "EDITOR"):
        value = env.get(name, "").strip()
        if value:
            try:
                argv = shlex.split(value)
            except ValueError:
                raise ExternalEditorError(f"${name} cannot be parsed: {value}") from None
            if argv:
                return argv
    fallback = shutil.which("vi")
    if fallback is None:
        raise ExternalEditorError("no editor found: set $EDITOR (for example EDITOR=nano)")
    return [fallback]


def edit_text(text: str, argv: list[str] | None = None, *, suffix: str = ".md") -> str:
    """Write ``text`` to a 0600 temp file, run the editor on it, return what it saved.

    The file is private (mkstemp creates it 0600) because notes can be confidential, and it
    is removed afterwards whatever happens. A non-zero exit from the editor means "abandon":
    :class:`ExternalEditorError` is raised and the caller keeps its text.
    """
    command = argv if argv is not None else editor_command()
    fd, name = tempfile.mkstemp(prefix="dossier-note-", suffix=suffix)
    try:
        # newline="": the user's line endings go out and come back as they are (text mode
        # would turn every \r\n into \n on the way back, even on lines nobody touched).
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        try:
            result = subprocess.run([*command, name], check=False)
        except OSError as exc:
            raise ExternalEditorError(
                f"cannot run the editor {command[0]}: {exc.strerror or exc}") from None
        if result.returncode != 0:
            raise ExternalEditorError(
                f"the editor {command[0]} exited with status {result.returncode}; "
                f"the text was left as it was")
        try:
            with open(name, encoding="utf-8", newline="") as handle:
                edited = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise ExternalEditorError(f"cannot read back the edited text: {exc}") from None
        # Editors end the file with a newline the user never typed; don't count it as a change.
        if not text.endswith("\n"):
            for ending in ("\r\n", "\n"):
                if edited.endswith(ending):
                    edited = edited[: -len(ending)]
                    break
        return edited
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)
