"""`dossier export`: the store, or one meeting, out in the formats of store/export.py."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import click

from dossier.store.export import FORMATS, export

from .complete import meeting_ids
from .context import fail, handles_errors, plural, state


@contextmanager
def _output(path: Path | None, force: bool) -> Iterator[BinaryIO]:
    """stdout (no path, or ``-``), a pipe or terminal written as it is, or a regular file
    written beside PATH and moved over it only when complete.

    A non-regular file is never replaced: a FIFO or a character device (``/dev/null``, a
    terminal) is written into, anything else is refused. A symbolic link is followed, so the
    file it points to is the one written.
    """
    if path is None or str(path) == "-":
        yield sys.stdout.buffer
        sys.stdout.flush()
        return
    if path.is_symlink():
        path = path.resolve()
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}.")
    if mode is not None and stat.S_ISDIR(mode):
        fail(f"{path} is a directory; give a file name.")
    if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        with open(path, "wb") as stream:
            yield stream
        return
    if mode is not None and not stat.S_ISREG(mode):
        fail(f"{path} is not a regular file, a pipe or a terminal; dossier will not replace "
             f"it.")
    if mode is not None and not force:
        fail(f"{path} exists; use --force to overwrite it.")
    directory = path.parent if str(path.parent) else Path(".")
    # Not a `with`: the file must outlive the block so it can be renamed into place.
    handle = tempfile.NamedTemporaryFile("wb", dir=directory,  # noqa: SIM115
                                         prefix=f".{path.name}.", delete=False)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="json, ndjson, md (a briefing), csv, ics (iCalendar), atom (a feed), "
                   "sqlite (a database) or popolo.")
@click.option("--meeting", "meeting_id", default=None, help="Export only this meeting.",
              shell_complete=meeting_ids)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write to this file instead of stdout (- is stdout).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option("--with-notes", is_flag=True,
              help="Include your notes (md: a section per meeting; sqlite: the notes table).")
@handles_errors
def export_command(fmt: str, meeting_id: str | None, output: Path | None, force: bool,
                   with_notes: bool) -> None:
    """Export meetings (all, or one with --meeting) to stdout or a file."""
    if fmt == "sqlite" and (output is None or str(output) == "-") and sys.stdout.isatty():
        fail("a SQLite database is binary; give -o FILE (or redirect stdout to a file).",
             code=2)
    the_store = state().store()
    if meeting_id is not None:
        the_store.get_meeting(meeting_id)  # a clear error before any output is opened
    with _output(output, force) as out:
        count = export(the_store, fmt, out, meeting_id=meeting_id, with_notes=with_notes)
    if output is not None and str(output) != "-":
        click.echo(f"Exported {plural(count)} to {output} ({fmt}).", err=True)
