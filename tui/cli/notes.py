"""`dossier note …`: add, list, edit and delete notes from scripts."""

from __future__ import annotations

import click

from .complete import meeting_ids, note_ids
from .context import handles_errors, print_json, read_stdin_text, state, stdout_console


@click.group()
def note() -> None:
    """Add, list, edit and delete notes."""


@note.command("add")
@click.argument("meeting_id", shell_complete=meeting_ids)
@click.argument("text")  # "-": read from standard input
@click.option("--on", "target", default="meeting", show_default=True,
              help='What the note is on: "meeting" or agenda:ID, participant:ID, priority:ID…')
@click.option("--json", "as_json", is_flag=True, help="Print the new note as JSON.")
@handles_errors
def add(meeting_id: str, text: str, target: str, as_json: bool) -> None:
    """Add a note to a meeting (or one of its items); TEXT - reads it from stdin."""
    if text == "-":
        text = read_stdin_text("note text")
    # The note's JSON, not a Note: no pydantic for a note that is valid by construction.
    created = state().store().add_note_doc(meeting_id, text, target)
    if as_json:
        print_json(created)
    else:
        click.echo(f"Added note {created['id']} on {meeting_id} ({target}).")


@note.command("list")
@click.argument("meeting_id", required=False, shell_complete=meeting_ids)
@click.option("--on", "target", default=None, help="Only notes on this target.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handles_errors
def list_notes(meeting_id: str | None, target: str | None, as_json: bool) -> None:
    """List notes, newest first (of one meeting if given)."""
    the_store = state().store()
    if meeting_id is not None:
        the_store.get_meeting(meeting_id)  # a clear error for an unknown id
    notes = the_store.list_notes(meeting_id, target)
    if as_json:
        print_json([n.to_json_dict() for n in notes])
        return
    from rich.table import Table  # only for people: `--json` never loads Rich (issue 16)

    from ..text import literal

    table = Table(title=f"{len(notes)} note{'' if len(notes) == 1 else 's'}",
                  title_justify="left")
    for column in ("id", "meeting", "on", "updated", "text"):
        table.add_column(column, overflow="fold")
    for n in notes:
        table.add_row(n.id, literal(n.meeting_id), literal(n.target),
                      n.updated.astimezone().strftime("%Y-%m-%d %H:%M"), literal(n.text))
    stdout_console().print(table)


@note.command("edit")
@click.argument("note_id", shell_complete=note_ids)
@click.argument("text")
@handles_errors
def edit(note_id: str, text: str) -> None:
    """Replace the text of a note; TEXT - reads it from stdin."""
    if text == "-":
        text = read_stdin_text("note text")
    state().store().edit_note(note_id, text)
    click.echo(f"Updated note {note_id}.")


@note.command("delete")
@click.argument("note_id", shell_complete=note_ids)
@handles_errors
def delete(note_id: str) -> None:
    """Delete a note."""
    state().store().delete_note(note_id)
    click.echo(f"Deleted note {note_id}.")
