"""``python -m dossier``: the same command as the installed ``dossier`` script."""

from dossier.tui.cli import main

main(prog_name="dossier")
