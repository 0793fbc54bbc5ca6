"""`dossier import`: records and statements in."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.text import Text

from dossier.store.errors import StoreError
from dossier.store.importer import (
    FEED_SUFFIXES,
    PAGE_SUFFIXES,
    RECORD_SUFFIXES,
    STATEMENT_SUFFIXES,
    ImportRefused,
    ImportReport,
    import_feed,
    import_path,
    import_url,
    is_url,
)
from dossier.store.store import Store

from ..text import printable
from .context import handles_errors, plural, print_json, state, stdout_console

#: --format's names, each with the file suffix that tells the importer what a file is.
INPUT_FORMATS = {"json": ".json", "ndjson": ".ndjson", "txt": ".txt", "md": ".md",
                 "html": ".html", "feed": ".xml"}


@contextmanager
def _as_named_file(source: str, fmt: str | None) -> Iterator[Path]:
    """Standard input (``-``) or a file, as a private temporary file whose suffix says
    what it is: the importer reads every kind by its name, with the same size limits."""
    import shutil
    import tempfile

    from dossier.store.importer import max_records_bytes, max_statement_bytes

    if fmt is None:
        raise click.UsageError(
            "reading standard input needs --format (" + "|".join(sorted(INPUT_FORMATS)) + ")")
    limit = max(max_records_bytes(), max_statement_bytes())
    with tempfile.TemporaryDirectory(prefix="dossier-import-") as folder:
        named = Path(folder) / f"stdin{INPUT_FORMATS[fmt]}"
        if source == "-":
            with open(named, "wb") as out:
                # One byte past the limit is enough for the importer to refuse it by size,
                # without holding an endless stream on disk.
                written = 0
                while written <= limit:
                    chunk = sys.stdin.buffer.read(min(1 << 20, limit + 1 - written))
                    if not chunk:
                        break
                    out.write(chunk)
                    written += len(chunk)
            if written == 0:
                raise click.UsageError("standard input was empty; nothing to import")
        else:
            try:
                shutil.copyfile(source, named)
            except OSError as exc:
                raise click.UsageError(f"cannot read {source}: {exc.strerror}") from None
        yield named


#: Records files at least this big get a progress bar (when stderr is a terminal).
PROGRESS_MIN_BYTES = 1024 * 1024


class _Bars:
    """The import's progress on stderr: the bytes read, then the shards written."""

    def __init__(self, bar: Any, size: int) -> None:
        self.bar = bar
        self.task = bar.add_task("Reading", total=size, amount="")
        self.written: Any = None

    def reading(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total,
                        amount=f"{done / 1e6:,.1f}/{total / 1e6:,.1f} MB")

    def writing(self, done: int, total: int) -> None:
        if self.written is None:
            self.written = self.bar.add_task("Writing", total=total, amount="")
        self.bar.update(self.written, completed=done, total=total,
                        amount=f"{done}/{total} files")


@contextmanager
def _progress_for(path: Path) -> Iterator[_Bars | None]:
    """Rich progress bars on stderr for a big records file read at a terminal, else None:
    reading it, then writing the store's files (a quarter of a big import's time)."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if (path.suffix.lower() not in RECORD_SUFFIXES or size < PROGRESS_MIN_BYTES
            or not sys.stderr.isatty()):
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True, markup=False, highlight=False)
    with Progress(TextColumn("{task.description}", markup=False), BarColumn(),
                  TextColumn("{task.fields[amount]}", markup=False), TimeRemainingColumn(),
                  console=console, transient=True) as bar:
        yield _Bars(bar, size)


def _summary(report: ImportReport, shown_as: str | None = None) -> str:
    put = report.put
    if report.dry_run:
        parts = [f"would add {len(put.added)}", f"replace {len(put.replaced)}",
                 f"skip {len(put.skipped)}"]
        return f"Dry run: {', '.join(parts)} ({plural(report.count)} read); nothing was changed."
    parts = [f"added {len(put.added)}", f"replaced {len(put.replaced)}",
             f"skipped {len(put.skipped)}"]
    return f"Imported {shown_as or report.path.name}: {', '.join(parts)}."


def _batch_files(paths: tuple[str, ...]) -> list[Path | str]:
    """What a batch names: each URL and file as given, each directory's statements, pages
    and feeds (not its records, nor what its subdirectories hold), in name order."""
    files: list[Path | str] = []
    for value in paths:
        if is_url(value):
            files.append(value)
            continue
        path = Path(value)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower()
                                in STATEMENT_SUFFIXES + PAGE_SUFFIXES + FEED_SUFFIXES))
        else:
            files.append(path)
    return files


def _import_one(the_store: Store, item: Path | str, **options: Any) -> list[ImportReport]:
    """A URL (a page or a feed), a feed file, or any file import_path takes."""
    if isinstance(item, str):
        return import_url(the_store, item, **options)
    if item.suffix.lower() in FEED_SUFFIXES:
        return import_feed(the_store, item.read_bytes(), str(item), **options)
    return [import_path(the_store, item, **options)]


def _published_sidecar(path: Path) -> dict[str, dt.date]:
    """File name (or stem) -> publication date, from a CSV (``file,published``) or a JSON
    object (``{"name.txt": "2024-02-07"}``) or array of ``{"file": …, "published": …}``."""
    import csv
    import json

    def date(value: object, where: str) -> dt.date:
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ImportRefused(f"{path}: {where}: {value!r} is not a date (YYYY-MM-DD)") \
                from None

    text = path.read_text(encoding="utf-8-sig")
    found: dict[str, dt.date] = {}
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ImportRefused(f"{path}: not valid JSON ({exc.msg}, line {exc.lineno})") \
                from None
        rows = data.items() if isinstance(data, dict) else (
            (row.get("file") or row.get("name"), row.get("published"))
            for row in data if isinstance(row, dict))
        for name, value in rows:
            if name and value:
                found[str(name)] = date(value, str(name))
        return found
    for number, row in enumerate(csv.DictReader(text.splitlines()), start=2):
        name = (row.get("file") or row.get("name") or "").strip()
        if name and (row.get("published") or "").strip():
            found[name] = date(row["published"], f"line {number}")
    return found


def _import_batch(files: list[Path | str], *, dry_run: bool, as_json: bool, on_conflict: str,
                  year: int | None, published: dt.datetime | None,
                  sidecar: dict[str, dt.date]) -> None:
    """Each file its own import; one that fails is told and the others go on."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    the_store = state().store()
    reports: list[dict[str, object]] = []
    drafts = skipped = failed = 0
    #: Meetings from records files: added, replaced, skipped (as one file's import says).
    meetings = [0, 0, 0]
    console = Console(stderr=True, markup=False, highlight=False)
    with Progress(TextColumn("Importing"), BarColumn(), MofNCompleteColumn(),
                  console=console, transient=True,
                  disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("import", total=len(files))
        for item in files:
            name = item if isinstance(item, str) else item.name
            when = published.date() if published else None
            if when is None and isinstance(item, Path):
                when = sidecar.get(item.name) or sidecar.get(item.stem)
            try:
                done = _import_one(the_store, item, on_conflict=on_conflict, dry_run=dry_run,
                                   year=year, published=when)
            except StoreError as exc:
                failed += 1
                bar.console.print(Text(f"dossier: {printable(str(exc))}"), soft_wrap=True)
                reports.append({"path": str(item), "error": str(exc)})
                bar.advance(task)
                continue
            for report in done:
                if report.kind == "statement" and report.draft is None:
                    skipped += 1
                elif report.kind == "statement":
                    drafts += 1
                else:
                    for at, ids in enumerate((report.put.added, report.put.replaced,
                                              report.put.skipped)):
                        meetings[at] += len(ids)
                for warning in report.warnings:
                    if report.draft is None or not as_json:
                        bar.console.print(Text(f"warning: {name}: {printable(warning)}"),
                                          soft_wrap=True)
                reports.append(report.to_json_dict())
            bar.advance(task)
    if as_json:
        print_json({"files": reports, "drafts": drafts, "skipped": skipped,
                    "failed": failed, "dry_run": dry_run,
                    "meetings": dict(zip(("added", "replaced", "skipped"), meetings,
                                         strict=True))})
    else:
        verb = "would add" if dry_run else "added"
        # Records files in the batch: their meetings first (a 100k-meeting import of two
        # files said only "added 0 drafts").
        records = (f"{plural(sum(meetings), 'meeting')} from records: {verb} {meetings[0]}, "
                   f"replaced {meetings[1]}, skipped {meetings[2]}; " if any(meetings) else "")
        click.echo(f"{plural(len(files), 'source')}: {records}"
                   f"{verb} {plural(drafts, 'draft')}, "
                   f"skipped {skipped} "
                   f"as already imported, {failed} failed"
                   + ("; nothing was changed." if dry_run else "."))
    if failed:
        raise SystemExit(1)


@click.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the outcome (and any draft) as JSON.")
@click.option("--on-conflict", type=click.Choice(["fail", "skip", "replace"]), default="fail",
              show_default=True, help="What to do with an id the store already has.")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              metavar="YYYY-MM-DD",
              help="The statement's publication date (the page's date): \"today\", weekdays "
                   "and dates without a year are read against it.")
@click.option("--published-from", "published_from", default=None,
              type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="A CSV (file,published) or JSON sidecar giving each file's publication "
                   "date, for a batch.")
@click.option("--year", type=click.IntRange(1900, 2200), default=None,
              help="Year of a statement's meeting when its text gives only day and month "
                   "(a shortcut when the publication date is not known).")
@click.option("--format", "fmt", type=click.Choice(sorted(INPUT_FORMATS)), default=None,
              help="What the input is, for - (standard input) or a file whose name does "
                   "not say.")
@handles_errors
def import_command(paths: tuple[str, ...], dry_run: bool, as_json: bool, on_conflict: str,
                   published: dt.datetime | None, published_from: Path | None,
                   year: int | None, fmt: str | None) -> None:
    """Import meeting records (.json, .ndjson), a press statement (.txt, .md) or a saved
    web page (.html); a page or feed at an http(s) URL; an RSS/Atom feed (.xml, .rss,
    .atom: one draft an item) — or many at once: several paths, or a directory's statements,
    pages and feeds (--published-from gives each file its publication date).

    A statement becomes a draft meeting (status "draft") to review in the app. The same
    statement (same source URL or text) is not imported twice unless --on-conflict replace.
    """
    if fmt is not None or "-" in paths:
        if len(paths) != 1:
            raise click.UsageError("--format and - take one input at a time")
        shown_as = "standard input" if paths[0] == "-" else paths[0]
        with _as_named_file(paths[0], fmt) as named:
            try:
                _import_single(named, dry_run=dry_run, as_json=as_json, on_conflict=on_conflict,
                            published=published, year=year, shown_as=shown_as)
            except StoreError as exc:
                # Name what the user gave, not the temporary copy.
                raise ImportRefused(str(exc).replace(str(named), shown_as)) from None
        return
    sidecar = _published_sidecar(published_from) if published_from else {}
    single = Path(paths[0])
    if len(paths) > 1 or is_url(paths[0]) or single.is_dir() or published_from \
            or single.suffix.lower() in FEED_SUFFIXES:
        _import_batch(_batch_files(paths), dry_run=dry_run, as_json=as_json,
                      on_conflict=on_conflict, year=year, published=published,
                      sidecar=sidecar)
        return
    _import_single(single, dry_run=dry_run, as_json=as_json, on_conflict=on_conflict,
                published=published, year=year)


def _import_single(path: Path, *, dry_run: bool, as_json: bool, on_conflict: str,
                published: dt.datetime | None, year: int | None,
                shown_as: str | None = None) -> None:
    the_store = state().store()
    with _progress_for(path) as bars:
        report = import_path(the_store, path, on_conflict=on_conflict,  # type: ignore[arg-type]
                             dry_run=dry_run, year=year,
                             published=published.date() if published else None,
                             progress=bars.reading if bars else None,
                             writing=bars.writing if bars else None)
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
    click.echo(_summary(report, shown_as))
