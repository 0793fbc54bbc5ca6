"""`dossier search QUERY`: the search language from scripts and the shell."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from dossier.store.query import QueryError, parse
from dossier.store.search import DEFAULT_LIMIT, SearchOrder, search

from .context import fail, handles_errors, print_json, state, stdout_console

if TYPE_CHECKING:
    from dossier.store.store import Store

QUERY_HELP = """Search every record.

\b
QUERY: words (prefix match, case- and accent-insensitive), "exact phrase",
-word or -"phrase" to exclude, and filters participant: party: topic: body:
level: tag: year:YYYY before:/after:YYYY[-MM[-DD]], e.g.
  dossier search 'afghanistan participant:"Sergey Lavrov" after:2012'

Exit status: 0 (also when nothing matched), 2 for a query that cannot be
understood, 1 for a store problem."""


#: More changed data files than this get a progress bar while the index catches up.
PROGRESS_MIN_FILES = 16


def _index_with_progress(store: Store) -> None:
    """Build or catch up a missing or stale index with a progress bar on a terminal's
    stderr (a build takes ~25 s at 10k meetings); quietly otherwise (search does it)."""
    if not sys.stderr.isatty():
        return
    index = store.index()
    stale = index.stale_files()
    if len(stale) <= PROGRESS_MIN_FILES:
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True, markup=False, highlight=False)
    with Progress("Indexing the store for search", BarColumn(), MofNCompleteColumn(),
                  "files", TimeRemainingColumn(), console=console, transient=True) as bar:
        task = bar.add_task("index", total=len(stale))
        index.ensure_fresh(progress=lambda done, total: bar.update(task, completed=done,
                                                                   total=total))


class _QueryCommand(click.Command):
    """A query word may start with a dash (`-syria` excludes a word), which click would take
    for a cluster of short options (`-s -y -r -i -a`, or `-h` for help inside `-afghan`).
    Every argument that is not one of our long options (or `-h` alone) is a query word, so
    the options go first and the words after a `--`; an unknown `--option` before any `--`
    is still a usage error, so a mistyped `--jsn` is not searched for."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        takes_value = {name: not (isinstance(param, click.Option) and param.is_flag)
                       for param in self.get_params(ctx) for name in param.opts
                       if name.startswith("--")}
        options: list[str] = []
        words: list[str] = []
        pending = iter(args)
        for arg in pending:
            if arg == "--":
                words.extend(pending)
            elif arg.startswith("--"):
                name = arg.split("=", 1)[0]
                if name not in takes_value:
                    raise click.NoSuchOption(name, ctx=ctx)
                options.append(arg)
                if takes_value[name] and "=" not in arg:
                    value = next(pending, None)
                    if value is None:
                        raise click.BadOptionUsage(name, f"Option '{name}' requires an "
                                                   f"argument.", ctx=ctx)
                    options.append(value)
            elif arg == "-h":
                options.append(arg)
            else:
                words.append(arg)
        return super().parse_args(ctx, [*options, "--", *words] if words else options)


@click.command("search", cls=_QueryCommand, help=QUERY_HELP)
@click.argument("words", nargs=-1, required=True, type=click.UNPROCESSED, metavar="QUERY")
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
@click.option("--limit", type=click.IntRange(min=1), default=DEFAULT_LIMIT, show_default=True,
              help="At most this many hits.")
@click.option("--order", type=click.Choice(["relevance", "date"]), default="relevance",
              show_default=True,
              help="Hits of words best first, or the newest first (filters alone: newest).")
@handles_errors
def search_command(words: tuple[str, ...], as_json: bool, limit: int,
                   order: SearchOrder) -> None:
    query = " ".join(words)
    try:
        parsed = parse(query)
    except QueryError as exc:
        fail(f"search: {exc}", code=2)  # a usage error, like click's own
        return
    store = state().store()
    _index_with_progress(store)
    hits = search(store, parsed, limit=limit, order=order)
    if as_json:
        print_json([{"kind": h.kind, "meeting_id": h.meeting_id, "date": h.date.isoformat(),
                     "title": h.title, "meeting_title": h.meeting_title, "target": h.target,
                     "snippet": h.snippet, "highlights": [list(r) for r in h.highlights],
                     "span": list(h.span) if h.span else None, "score": h.score}
                    for h in hits])
        return
    # Rich only for a table people read: `--json` never loads it (issue 16).
    from rich.table import Table
    from rich.text import Text

    from ..highlight import highlighted
    from ..text import literal

    console = stdout_console()
    if not hits:
        console.print(Text("No matches.", style="dim"))
        return
    table = Table(title=f"{len(hits)} hit{'' if len(hits) == 1 else 's'}",
                  title_justify="left")
    table.add_column("kind", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("meeting", no_wrap=True)
    # Title over snippet in one column: on an 80-column terminal the match keeps its room.
    table.add_column("match", ratio=1, overflow="fold")
    for h in hits:
        snippet = highlighted(h.snippet, h.highlights, style="bold underline")
        if h.snippet.strip() == h.title.strip():  # a name hit: its snippet is the name itself
            match = snippet
            match.stylize("bold")
        else:
            match = literal(h.title, style="bold")
            match.append("\n")
            match.append_text(snippet)
        table.add_row(h.kind, h.date.isoformat(), literal(h.meeting_id), match)
    console.print(table)
