"""Small meetings for search tests, built in the interchange format (real validation)."""

from __future__ import annotations

from typing import Any

from dossier.store.model import Meeting


def meeting(meeting_id: str, date: str, title: str, **fields: Any) -> Meeting:
    return Meeting.from_json_dict({"id": meeting_id, "date": date, "title": title, **fields})


def three_meetings() -> list[Meeting]:
    """Piracy in a title (2010), piracy only in source text (2012), an accented name (2015)."""
    return [
        meeting("coe-2010-03-01", "2010-03-01", "Piracy summit",
                body="Council of Europe", level="heads of state", location="Strasbourg",
                tags=["maritime"],
                participants=[{"id": "jean-dupont", "name": "Jean Dupont",
                               "role": "Minister of the Sea", "party": "France"}],
                agenda=[{"id": "shipping", "order": 1, "title": "Safe shipping lanes",
                         "topics": ["Maritime security"]}]),
        meeting("wto-2012-05-10", "2012-05-10", "Trade talks",
                body="World Trade Organization", level="senior officials",
                agenda=[{"id": "tariffs", "order": 1, "title": "Tariffs",
                         "topics": ["Trade"], "positions": [
                             {"id": "fr-tariffs", "party": "France",
                              "stance": "Wants lower tariffs."}]}],
                sources=[{"id": "s", "text": "Delegates met in Geneva.\n\nThey also spoke "
                          "briefly about piracy off the coast. Nothing was decided."}]),
        meeting("arc-2015-09-20", "2015-09-20", "Arctic Council ministerial",
                body="Arctic Council", level="foreign ministers", location="Iqaluit",
                participants=[{"id": "jose-muller", "name": "José Müller",
                               "role": "Foreign Minister", "party": "Germany"}],
                agenda=[{"id": "arctic-shipping", "order": 1, "title": "Shipping in the Arctic",
                         "topics": ["Arctic shipping", "Maritime security"]}]),
    ]
