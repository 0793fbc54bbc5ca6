"""The `dossier` command line: the app when called bare, subcommands for scripts.

Every reading command takes ``--json``. Errors are one sentence on stderr with exit code 1
(usage errors 2), never a traceback unless ``--debug`` is given.
"""

from __future__ import annotations

from .main import main

__all__ = ["main"]
