"""`dossier import`: records and statements in."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from dossier.store.importer import (
    RECORD_SUFFIXES,
    ImportReport,
    Progress,
    import_path,
)

from ..text import printable
from .context import handles_errors, plural, print_json, state, stdout_console

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


def _summary(report: ImportReport) -> str:
    put = report.put
    if report.dry_run:
        parts = [f"would add {len(put.added)}", f"replace {len(put.replaced)}",
                 f"skip {len(put.skipped)}"]
        return f"Dry run: {', '.join(parts)} ({plural(report.count)} read); nothing was changed."
    parts = [f"added {len(put.added)}", f"replaced {len(put.replaced)}",
             f"skipped {len(put.skipped)}"]
    return f"Imported {report.path.name}: {', '.join(parts)}."


@click.command("import")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the outcome (and any draft) as JSON.")
@click.option("--on-conflict", type=click.Choice(["fail", "skip", "replace"]), default="fail",
              show_default=True, help="What to do with an id the store already has.")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              metavar="YYYY-MM-DD",
              help="The statement's publication date (the page's date): \"today\", weekdays "
                   "and dates without a year are read against it.")
@click.option("--year", type=click.IntRange(1900, 2200), default=None,
              help="Year of a statement's meeting when its text gives only day and month "
                   "(a shortcut when the publication date is not known).")
@handles_errors
def import_command(path: Path, dry_run: bool, as_json: bool, on_conflict: str,
                   published: dt.datetime | None, year: int | None) -> None:
    """Import meeting records (.json, .ndjson), a press statement (.txt, .md) or a saved
    web page (.html).

    A statement becomes a draft meeting (status "draft") to review in the app. The same
    statement (same source URL or text) is not imported twice unless --on-conflict replace.
    """
    the_store = state().store()
    with _progress_for(path) as progress:
        report = import_path(the_store, path, on_conflict=on_conflict,  # type: ignore[arg-type]
                             dry_run=dry_run, year=year,
                             published=published.date() if published else None,
                             progress=progress)
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
