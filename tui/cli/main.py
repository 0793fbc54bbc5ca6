"""The command group and the commands that need no module of their own."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any

import click

import dossier

from ..text import printable, printable_line
from .complete import meeting_ids
from .context import CliState, fail, handles_errors, print_json, state, stdout_console

#: Subcommands in modules of their own, imported only when run (click's lazy-loading
#: pattern): a bare `dossier` starts the app without importing import/export/search code.
LAZY_COMMANDS = {
    "note": "dossier.tui.cli.notes:note",
    "search": "dossier.tui.cli.search:search_command",
    "import": "dossier.tui.cli.import_cmd:import_command",
    "export": "dossier.tui.cli.export_cmd:export_command",
    "list": "dossier.tui.cli.meetings:list_command",
    "delete": "dossier.tui.cli.meetings:delete_command",
    "keys": "dossier.tui.cli.settings:keys_command",
    "paths": "dossier.tui.cli.settings:paths_command",
    "config": "dossier.tui.cli.settings:config_command",
    "man-pages": "dossier.tui.cli.manpages:man_pages_command",
    "serve": "dossier.tui.cli.serve:serve_command",
}


class DossierGroup(click.Group):
    """Loads subcommands lazily, and catches what slipped through so a user never sees a
    traceback without --debug."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *LAZY_COMMANDS])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = LAZY_COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException,
                SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # `dossier list | head -1`: the reader has what it wanted. Like any Unix filter,
            # stop quietly with status 0, and point stdout at /dev/null so the flush at exit
            # does not fail a second time with "Exception ignored ... BrokenPipeError".
            _silence_stdout()
            sys.exit(0)
        except Exception as exc:  # noqa: BLE001 - last line of defence
            cli_state = ctx.find_object(CliState)
            if cli_state is not None and cli_state.debug:
                import traceback  # only here: 5 ms of every command otherwise

                traceback.print_exc()
            click.echo(f"dossier: unexpected error: {printable(exc)} (run with --debug for "
                       f"details)", err=True)
            sys.exit(1)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # stdout has no file descriptor (a test runner's)
        pass


@click.group(cls=DossierGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(dossier.__version__, "--version", prog_name="dossier")
@click.option("--store", "store_path", type=click.Path(path_type=Path), default=None,
              envvar="DOSSIER_STORE", show_envvar=True,
              help="Store directory (default: your user data directory).")
@click.option("--debug", is_flag=True, hidden=True, help="Show tracebacks.")
@click.pass_context
def main(ctx: click.Context, store_path: Path | None, debug: bool) -> None:
    """meeting-dossier: records of intergovernmental meetings, in your terminal.

    Without a command, opens the app.
    """
    from ..config import apply_to_environment, load_config

    config = load_config()
    origin = {click.core.ParameterSource.ENVIRONMENT: "$DOSSIER_STORE"}.get(
        ctx.get_parameter_source("store_path"), "--store")  # type: ignore[arg-type]
    if store_path is None and config.default_store is not None:
        store_path, origin = config.default_store, f"default_store in {config.source}"
    apply_to_environment(config)
    ctx.obj = CliState(store_path=store_path, debug=debug, config=config, store_origin=origin)
    if config.problem and ctx.invoked_subcommand is not None:
        # The app shows the same line as a notice; a command says it once, on stderr.
        click.echo(f"dossier: warning: {printable_line(config.problem)}", err=True)
    if ctx.invoked_subcommand is None:
        from ..app import run_app

        raise SystemExit(run_app(store_path))


@main.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--empty", is_flag=True, help="Create the store without the sample meeting.")
@handles_errors
def init(directory: Path, empty: bool) -> None:
    """Create a new store in DIRECTORY (seeded with the sample unless --empty)."""
    from dossier.store.store import Store

    created = Store.create(directory, seed=not empty)
    count = len(created.list_meetings())
    click.echo(f"Created store {created.root} with {_count(count, 'meeting')}.")


@main.command()
@click.argument("meeting_id", shell_complete=meeting_ids)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handles_errors
def show(meeting_id: str, as_json: bool) -> None:
    """Show one meeting in full."""
    the_store = state().store()
    if as_json:
        # The stored JSON as it is: no record model, no Rich (issue 16).
        print_json(the_store.meeting_json(meeting_id))
        return
    meeting = the_store.get_meeting(meeting_id)
    notes = the_store.list_notes(meeting_id)
    from .render import render_meeting

    stdout_console().print(render_meeting(meeting, notes))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--repair", is_flag=True,
              help="Restore damaged files from the newest good backup, or salvage their "
                   "valid records; damaged files are kept aside, never deleted.")
@handles_errors
def check(as_json: bool, repair: bool) -> None:
    """Verify the store; exit 1 when it is damaged."""
    cli_state = state()
    from dossier.store.check import check_store

    root, _ = cli_state.store_and_origin()
    if not root.exists():
        cli_state.store()  # a store that does not exist yet is created, like everywhere
    if repair:
        from dossier.store.check import repair_store

        for action in repair_store(root).actions:
            click.echo(printable(action), err=as_json)
    report = check_store(root)
    if as_json:
        print_json({"root": str(report.root), "ok": report.ok, "meetings": report.meetings,
                    "notes": report.notes, "problems": report.problems,
                    "warnings": report.warnings})
    else:
        for warning in report.warnings:
            click.echo(f"warning: {printable(warning)}", err=True)
        if report.ok:
            click.echo(f"{report.root}: ok ({_count(report.meetings, 'meeting')}, "
                       f"{_count(report.notes, 'note')})")
    if not report.ok:
        for problem in report.problems[1:]:
            click.echo(f"also: {printable(problem)}", err=True)
        fail(printable(report.problems[0]))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
