"""meeting-dossier: structured records of intergovernmental meetings, in a terminal app.

The installed package is one namespace, mapped from the repository's top-level folders
(see ``[tool.setuptools]`` in pyproject.toml):

``dossier.store``   the data layer, plain Python (``store/``): records, the TinyDB store,
                    search, import and export; it never imports the layers above it
``dossier.tui``     the Textual app and the command line (``tui/``), which present and
                    call the store
``dossier.data``    read-only bundled data (``data/``): the sample record, its source
                    statement, the gazetteer

This module imports nothing, so ``dossier --version`` and every layer may read it.
"""

__version__ = "0.1.0"
