"""meeting-dossier's data layer: records, the TinyDB store, search, import and export.

Plain Python with no Textual import, so scripts and tests use it directly.
"""

from __future__ import annotations
