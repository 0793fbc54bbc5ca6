"""`dossier man-pages DIR`: a man page (roff, section 1) for every command and subcommand.

The pages are generated from the click commands themselves, through the group's
``get_command``, so the lazily loaded ones (note, search, import, export …) are there too
(a tool that walks ``Group.commands`` sees only the eager few).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import click

import dossier

SECTION = "1"


def walk(command: click.Command, ctx: click.Context) -> Iterator[tuple[click.Context,
                                                                      click.Command]]:
    """(context, command) for ``command`` and, depth first, every subcommand."""
    yield ctx, command
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is None or sub.hidden:
                continue
            yield from walk(sub, click.Context(sub, info_name=name, parent=ctx))


def _roff(text: str) -> str:
    """Text as roff: backslashes doubled, a leading dot or quote made literal, dashes kept."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return re.sub(r"^([.'])", r"\\&\1", text, flags=re.MULTILINE)


def _paragraphs(help_text: str) -> list[str]:
    """Click's help text as roff paragraphs; a ``\\b`` block keeps its line breaks."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", help_text.strip()):
        if block.startswith("\b"):
            lines = block.split("\n")[1:]
            out.append(".nf\n" + _roff("\n".join(lines)) + "\n.fi")
        else:
            out.append(_roff(" ".join(line.strip() for line in block.splitlines())))
    return out


def page_name(ctx: click.Context) -> str:
    return ctx.command_path.replace(" ", "-")


def man_page(ctx: click.Context, command: click.Command, date: str) -> str:
    name = page_name(ctx)
    lines = [f'.TH "{name.upper()}" "{SECTION}" "{date}" "dossier {dossier.__version__}" '
             f'"dossier manual"', ".SH NAME",
             f"{_roff(name)} \\- {_roff(command.get_short_help_str(limit=200))}",
             ".SH SYNOPSIS", f".B {_roff(ctx.command_path)}",
             _roff(" ".join(command.collect_usage_pieces(ctx)))]
    if command.help:
        lines.append(".SH DESCRIPTION")
        for paragraph in _paragraphs(command.help):
            lines += [paragraph, ".PP"]
        lines.pop()
    options = [record for param in command.get_params(ctx) if isinstance(param, click.Option)
               and (record := param.get_help_record(ctx)) is not None]
    if options:
        lines.append(".SH OPTIONS")
        for flags, text in options:
            lines += [".TP", f"\\fB{_roff(flags)}\\fR", _roff(text)]
    if isinstance(command, click.Group):
        subs = [(n, c) for n in command.list_commands(ctx)
                if (c := command.get_command(ctx, n)) is not None and not c.hidden]
        lines.append(".SH COMMANDS")
        for sub_name, sub in subs:
            lines += [".TP", f"\\fB{_roff(sub_name)}\\fR",
                      _roff(sub.get_short_help_str(limit=200)) +
                      f" See \\fB{_roff(name)}\\-{_roff(sub_name)}\\fR({SECTION})."]
    if ctx.parent is not None:
        lines += [".SH SEE ALSO", f"\\fB{_roff(page_name(ctx.parent))}\\fR({SECTION})"]
    return "\n".join(lines) + "\n"


def write_man_pages(directory: Path, date: str | None = None) -> list[Path]:
    from .main import main

    date = date or dt.date.today().isoformat()
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    root = click.Context(main, info_name="dossier")
    for ctx, command in walk(main, root):
        path = directory / f"{page_name(ctx)}.{SECTION}"
        path.write_text(man_page(ctx, command, date), encoding="utf-8")
        written.append(path)
    return written


@click.command("man-pages")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--date", default=None, help="The date on the pages (default: today), for "
                                           "reproducible builds.")
def man_pages_command(directory: Path, date: str | None) -> None:
    """Write a man page for every command into DIRECTORY, such as ~/.local/share/man/man1.

    Then `man dossier-export` works where that folder is on the manual path (a man1
    folder under one on $MANPATH, or ~/.local/share/man, which man-db reads by default)."""
    for path in write_man_pages(directory, date):
        click.echo(str(path))
