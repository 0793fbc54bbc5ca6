"""`dossier list` and `dossier delete`: the meeting list for people and for scripts.

On a terminal `list` draws a table; on a pipe (or with ``--plain``) it prints one line per
meeting, tab-separated, never wrapped, so ``grep``, ``cut -f2`` and ``wc -l`` work on it.
"""

from __future__ import annotations

import sys

import click

from ..text import printable_line
from .complete import meeting_ids
from .context import fail, handles_errors, plural, print_json, state, stdout_console
from .search import QUERY_HELP, _index_with_progress, _QueryCommand

EMPTY_HINT = ("0 meetings. Add some with `dossier import FILE` (records or a press "
              "statement) or with `a` in the app.")
#: The columns of a plain row, in order (also the table's).
PLAIN_COLUMNS = ("date", "id", "body", "title", "location")

LIST_HELP = """List meetings, newest first; with QUERY, the meetings it selects.

\b
On a terminal, a table; on a pipe or with --plain, one line per meeting:
  date<TAB>id<TAB>body<TAB>title<TAB>location
(tabs and newlines inside a field become spaces; a date partly inferred from the source is
marked * in the table and with --json, never in plain rows).

""" + QUERY_HELP.split("\n\n", 1)[1].replace("dossier search", "dossier list") + """

A meeting is listed when each word occurs somewhere in it (not necessarily in one item)."""


@click.command("list", cls=_QueryCommand, help=LIST_HELP)
@click.argument("words", nargs=-1, type=click.UNPROCESSED, metavar="[QUERY]")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--plain", is_flag=True,
              help="Tab-separated rows even on a terminal (the default on a pipe).")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="At most this many meetings (the newest).")
@handles_errors
def list_command(words: tuple[str, ...], as_json: bool, plain: bool,
                 limit: int | None) -> None:
    the_store = state().store()
    query = " ".join(words).strip()
    if query:
        from dossier.store.query import QueryError, parse
        from dossier.store.search import matching_meetings

        try:
            parsed = parse(query)
        except QueryError as exc:
            fail(f"list: {exc}", code=2)  # a usage error, like click's own
            return
        _index_with_progress(the_store)
        summaries = matching_meetings(the_store, parsed, limit=limit)
    elif as_json:
        from dossier.store.storage import gc_paused

        # From the catalog's rows. 100k meetings are ~1.5M objects that live until printed:
        # the cyclic GC would scan them, to free nothing, ~0.1 s at 100k.
        with gc_paused():
            print_json(the_store.list_records(limit=limit))
        return
    else:
        summaries = the_store.list_meetings(limit=limit)
    if as_json:
        counts = the_store.note_counts()
        print_json([{"id": s.id, "date": s.date.isoformat(), "date_inferred": s.date_inferred,
                     "body": s.body, "title": s.title, "level": s.level,
                     "location": s.location, "status": s.status, "tags": list(s.tags),
                     "notes": counts.get(s.id, 0)} for s in summaries])
        return
    if plain or not sys.stdout.isatty():
        if not summaries and not query:
            # Nothing on stdout (`| wc -l` says 0); the person at the terminal is told why.
            click.echo(EMPTY_HINT, err=True)
        out = sys.stdout
        for s in summaries:
            # printable_line: one line per meeting whatever the data holds, no terminal codes.
            out.write("\t".join(printable_line(value) for value in (
                s.date_label, s.id, s.body, s.title, s.location)) + "\n")
        out.flush()
        return
    # Rich only for the table people read: `--json` and plain rows never load it (issue 16).
    from rich.table import Table
    from rich.text import Text

    from ..text import literal

    console = stdout_console()
    if not summaries:
        console.print(Text("No meeting matches." if query else EMPTY_HINT, style="dim"))
        return
    table = Table(title=plural(len(summaries)), title_justify="left", expand=False)
    for column in PLAIN_COLUMNS:
        table.add_column(column, overflow="fold")
    for s in summaries:
        # A draft's date as far as it is known, never its placeholder day.
        date = (s.date_label if s.date_certainty != "day"
                else s.date.isoformat() + ("*" if s.date_inferred else ""))
        table.add_row(date, literal(s.id), literal(s.body), literal(s.title),
                      literal(s.location))
    console.print(table)
    if any(s.date_inferred for s in summaries):
        console.print(Text("* date partly inferred from the source", style="dim"))


@click.command("delete")
@click.argument("meeting_id", shell_complete=meeting_ids)
@click.option("--yes", "-y", is_flag=True, help="Delete without asking (needed off a "
                                                "terminal).")
@handles_errors
def delete_command(meeting_id: str, yes: bool) -> None:
    """Delete a meeting and its notes (asks first on a terminal; --yes in scripts)."""
    the_store = state().store()
    meeting = the_store.get_meeting(meeting_id)  # a clear error for an unknown id
    notes = the_store.list_notes(meeting_id)
    what = f'meeting {meeting_id} "{printable_line(meeting.title)}"'
    if notes:
        what += f" and its {plural(len(notes), 'note')}"
    if not yes:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            fail(f"not deleting {what} without --yes (no terminal to ask on).", code=2)
        if not click.confirm(f"Delete {what}?", default=False):
            click.echo("Nothing deleted.", err=True)
            raise SystemExit(1)
    _, removed = the_store.delete_meeting(meeting_id)
    tail = f" and {plural(len(removed), 'note')}" if removed else ""
    click.echo(f"Deleted meeting {meeting_id}{tail}.")
