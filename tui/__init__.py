"""meeting-dossier's terminal face: the Textual app and the `dossier` command line."""
