"""Shared plumbing of the commands: the store they act on, output, error handling."""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
import orjson

from dossier.store.errors import StoreError

if TYPE_CHECKING:
    from rich.console import Console

    from dossier.store.store import Store

    from ..config import Config

from ..text import printable_line

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class CliState:
    store_path: Path | None
    debug: bool = False
    #: The user's config.toml (defaults when missing or bad).
    config: Config = field(default_factory=lambda: _default_config())
    #: Where store_path came from: "--store", "$DOSSIER_STORE", "config.toml default_store".
    store_origin: str | None = None
    _store: Store | None = field(default=None, repr=False)

    def store_and_origin(self) -> tuple[Path, str]:
        """The store directory the commands act on, and why that one."""
        if self.store_path is not None:
            return self.store_path.expanduser(), self.store_origin or "--store"
        from dossier.store.paths import default_store_dir

        return default_store_dir(), "the default, in the user data directory"

    def store(self) -> Store:
        if self._store is None:
            from dossier.store.store import Store

            self._store = Store.open(self.store_path)
        return self._store


def _default_config() -> Config:
    from ..config import Config

    return Config()


def state() -> CliState:
    return click.get_current_context().find_object(CliState)  # type: ignore[return-value]


def stdout_console() -> Console:
    """The console a command prints Rich text on (Rich is imported only by commands that
    print for people: `--json` and plain output never load it, issue 16)."""
    from rich.console import Console

    class _StdoutConsole(Console):
        def on_broken_pipe(self) -> None:
            # Rich's own handling exits with status 1; a closed pipe is handled in one place
            # for every command (DossierGroup.invoke: quiet, status 0).
            self.quiet = True
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    # Data never becomes markup: every command builds Text objects, and markup is off here
    # so that even a stray string passed through print() is shown literally.
    return _StdoutConsole(markup=False, emoji=False, highlight=False, soft_wrap=False)


def print_json(value: Any) -> None:
    out = sys.stdout.buffer
    out.write(orjson.dumps(value, option=orjson.OPT_INDENT_2))  # no copy to add the newline
    out.write(b"\n")
    sys.stdout.flush()


def fail(message: str, code: int = 1) -> None:
    # Messages quote ids, paths and text from files that may be hostile: one line, no
    # terminal control sequences.
    click.echo(f"dossier: {printable_line(message)}", err=True)
    raise SystemExit(code)


def handles_errors(func: F) -> F:
    """Turn store errors into one sentence on stderr and exit code 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except StoreError as exc:
            if state().debug:
                raise
            fail(str(exc))
        except BrokenPipeError:
            raise  # the reader went away: DossierGroup.invoke ends quietly, status 0
        except OSError as exc:
            if state().debug:
                raise
            where = f" ({exc.filename})" if exc.filename else ""
            fail(f"{exc.strerror or exc}{where}")

    return wrapper  # type: ignore[return-value]


def plural(n: int, noun: str = "meeting") -> str:
    """"1 meeting", "2 meetings"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def read_stdin_text(what: str) -> str:
    """The text piped to a command that was given ``-``, less its final newline (what
    ``echo`` and editors add); an empty stream is an error, not an empty record."""
    text = click.get_text_stream("stdin").read()
    if text.endswith("\n"):
        text = text[:-1]
        if text.endswith("\r"):
            text = text[:-1]
    if not text.strip():
        fail(f"no {what} on standard input.")
    return text
