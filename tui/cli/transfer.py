"""`dossier import` and `dossier export`: records and statements in, six formats out."""

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
from rich.console import Console
from rich.text import Text

from dossier.store.export import FORMATS, export
from dossier.store.importer import (
    RECORD_SUFFIXES,
    ImportReport,
    Progress,
    import_path,
)

from ..text import printable
from .context import fail, handles_errors, print_json, state, stdout_console

#: Records files at least this big get a progress bar (when stderr is a terminal).
PROGRESS_MIN_BYTES = 1024 * 1024


@contextmanager
def _progress_for(path: Path) -> Iterator[Progress | None]:
    """A Rich progress bar on stderr for a big records file read at a terminal, else None."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if (path.suffix.lower() not in RECORD_SUFFIXES or size < PROGRESS_MIN_BYTES
            or not sys.stderr.isatty()):
        yield None
        return
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True, markup=False, highlight=False)
    with Progress("Reading", BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("read", total=size)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def _plural(n: int, noun: str = "meeting") -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _summary(report: ImportReport) -> str:
    put = report.put
    if report.dry_run:
        parts = [f"would add {len(put.added)}", f"replace {len(put.replaced)}",
                 f"skip {len(put.skipped)}"]
        return f"Dry run: {', '.join(parts)} ({_plural(report.count)} read); nothing was changed."
    parts = [f"added {len(put.added)}", f"replaced {len(put.replaced)}",
             f"skipped {len(put.skipped)}"]
    return f"Imported {report.path.name}: {', '.join(parts)}."


@click.command("import")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the outcome (and any draft) as JSON.")
@click.option("--on-conflict", type=click.Choice(["fail", "skip", "replace"]), default="fail",
              show_default=True, help="What to do with an id the store already has.")
@click.option("--year", type=click.IntRange(1900, 2200), default=None,
              help="Year of a statement's meeting when its text gives only day and month.")
@handles_errors
def import_command(path: Path, dry_run: bool, as_json: bool, on_conflict: str,
                   year: int | None) -> None:
    """Import meeting records (.json, .ndjson) or a press statement (.txt, .md).

    A statement becomes a draft meeting (status "draft") to review in the app.
    """
    the_store = state().store()
    with _progress_for(path) as progress:
        report = import_path(the_store, path, on_conflict=on_conflict,  # type: ignore[arg-type]
                             dry_run=dry_run, year=year, progress=progress)
    if as_json:
        print_json(report.to_json_dict())
        return
    for warning in report.warnings:
        click.echo(f"warning: {printable(warning)}", err=True)
    if report.draft is not None:
        from .render import render_meeting

        console = stdout_console()
        console.print(render_meeting(report.draft, []))
        console.print(Text(""))
        if not dry_run and report.put.added:
            click.echo(f"Saved draft {report.draft.id}; review it in the app (`dossier`).")
            return
    click.echo(_summary(report))


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
              help="json, ndjson, md (a briefing), csv, ics (iCalendar) or popolo.")
@click.option("--meeting", "meeting_id", default=None, help="Export only this meeting.")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Write to this file instead of stdout (- is stdout).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option("--with-notes", is_flag=True, help="Include notes (Markdown briefing).")
@handles_errors
def export_command(fmt: str, meeting_id: str | None, output: Path | None, force: bool,
                   with_notes: bool) -> None:
    """Export meetings (all, or one with --meeting) to stdout or a file."""
    the_store = state().store()
    if meeting_id is not None:
        the_store.get_meeting(meeting_id)  # a clear error before any output is opened
    with _output(output, force) as out:
        count = export(the_store, fmt, out, meeting_id=meeting_id, with_notes=with_notes)
    if output is not None and str(output) != "-":
        click.echo(f"Exported {_plural(count)} to {output} ({fmt}).", err=True)
