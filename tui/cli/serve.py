"""`dossier serve`: the app in a web browser, through textual-serve.

textual-serve runs one copy of the app per browser tab, as a subprocess driven by Textual's
web driver, and relays its screen and keys over a websocket. It is an optional extra
(``pip install 'meeting-dossier[serve]'``): a terminal-only install does not carry aiohttp.
"""

from __future__ import annotations

import shlex
import sys

import click

from .context import fail, handles_errors, state


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--public-url", default=None,
              help="The address browsers reach the server by, when behind a proxy.")
@handles_errors
def serve_command(host: str, port: int, public_url: str | None) -> None:
    """Serve the app to web browsers (each tab gets its own copy of the app on the store).

    Anyone who can reach HOST:PORT can read and change the store: keep the default
    127.0.0.1 unless the network in between is yours.
    """
    try:
        from textual_serve.server import Server
    except ImportError:
        fail("dossier serve needs textual-serve: pip install 'meeting-dossier[serve]'.")
        return
    store, _ = state().store_and_origin()
    state().store()  # a damaged or unwritable store is reported here, not in each tab
    # The app each tab runs: this Python and this package, on the same store. A shell runs
    # it (textual-serve's choice), so every part is quoted.
    # -P (3.11+; -I before) keeps the server's working folder off sys.path, so a folder
    # there named like one of our packages cannot stand in for it.
    isolated = "-P" if sys.version_info >= (3, 11) else "-I"
    command = shlex.join([sys.executable, isolated, "-m", "dossier", "--store", str(store)])
    Server(command, host=host, port=port, title="dossier",
           public_url=public_url).serve()
