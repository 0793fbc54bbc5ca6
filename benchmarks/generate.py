"""Deterministic synthetic meetings for the benchmarks, in the interchange format.

Each record is a valid ``store.model.Meeting`` of about 5 KB: a press-statement-like
source text written from sentence templates, 3-10 agenda items with topics and positions,
2-12 participants drawn from a few thousand accented names, cooperation priorities,
references to earlier meetings and expected outcomes. Every ``source_span`` points at the
sentence of the source text the field was "read" from, as an import of a real statement
would record it.

Meeting ``i`` is built from its own ``random.Random((seed, i))``, so a record does not
depend on how many others are generated or in which process: the output is identical
for a given seed whatever the chunking, and the work splits across cores.

Usage::

    python benchmarks/generate.py --meetings 100000 -o /tmp/dossier-bench/100k.ndjson --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import orjson

# -- vocabularies ----------------------------------------------------------------------

FIRST_NAMES = (
    "Sergéy", "Jürgen", "Zoë", "Anaïs", "François", "José", "João", "Søren", "Björn", "Åsa",
    "Łukasz", "Małgorzata", "Dragoș", "Ștefan", "Çağlar", "Gülşen", "Mária", "Tomáš",
    "Jiří", "Zdeněk", "Ilíya", "Anna", "Maria", "Olga", "Ivan", "Dmitry", "Elena", "Pierre",
    "Hélène", "Renée", "Chloé", "Mehmet", "Ayşe", "Nikos", "Eleni", "Giorgos", "Sofía",
    "Andrés", "Inés", "Ramón", "Núria", "Fatima", "Ahmed", "Leila", "Kenji", "Yuki",
    "Wei", "Mei", "Raúl", "Lucía", "Pál", "Zsófia", "Ágnes", "Oskar", "Linnéa", "Eero",
    "Päivi", "Jānis", "Līga", "Vytautas", "Rūta", "Kristjan", "Mart", "Aleksandr", "Natalia",
    "Dáithí", "Siobhán", "Seán", "Carmen", "Frédéric", "Noël", "Maëlle", "Ødegaard", "Ana",
    "Bogdan", "Milica", "Dušan", "Vesna", "Goran", "Marek", "Katarína", "Ľubomír",
)
LAST_NAMES = (
    "Lavróv", "Müller", "Schröder", "Dupré", "Lefèvre", "García", "Núñez", "Gonçalves",
    "Sørensen", "Åberg", "Lindqvist", "Wałęsa", "Kowalczyk", "Popescu", "Țurcanu",
    "Yılmaz", "Öztürk", "Dvořák", "Novák", "Horváth", "Szabó", "Kovács", "Papadópoulos",
    "Ivanov", "Petrova", "Smirnov", "Kuznetsova", "Volkov", "Fernández", "Muñoz", "Peña",
    "Rodríguez", "Schäfer", "Köhler", "Brandão", "Magalhães", "Virtanen", "Mäkinen",
    "Kalniņš", "Bērziņš", "Žukauskas", "Kask", "Tamm", "Ó Briain", "Nic Gearailt",
    "Haddad", "Al-Masri", "Tanaka", "Suzuki", "Zhang", "Li", "Nguyễn", "Trần", "Kim",
    "Park", "Mbeki", "Okonkwo", "Nakamura", "Rossi", "Bianchi", "Esposito", "Ferrari",
    "Jovanović", "Petrović", "Marković", "Nowak", "Wójcik", "Hrušovský", "Fico", "Ruiz",
    "Castaño", "Ibáñez", "Lópes", "Möller", "Weiß", "Grünberg", "Laurent", "Bérenger",
)
STATES = (
    "Russian Federation", "United States", "France", "Germany", "United Kingdom", "China",
    "India", "Brazil", "South Africa", "Türkiye", "Poland", "Finland", "Sweden", "Norway",
    "Estonia", "Latvia", "Lithuania", "Kazakhstan", "Uzbekistan", "Kyrgyzstan",
    "Tajikistan", "Armenia", "Belarus", "Japan", "Republic of Korea", "Italy", "Spain",
    "Portugal", "Greece", "Hungary", "Czech Republic", "Slovakia", "Romania", "Serbia",
    "Mexico", "Argentina", "Indonesia", "Viet Nam", "Egypt", "Nigeria", "Iceland",
    "Denmark", "Canada", "Switzerland", "Austria", "Ireland", "Côte d'Ivoire",
)
BODIES = (
    ("NATO-Russia Council", "nrc"), ("Council of the Baltic Sea States", "cbss"),
    ("Shanghai Cooperation Organisation", "sco"), ("OSCE Ministerial Council", "osce"),
    ("BRICS", "brics"), ("Collective Security Treaty Organization", "csto"),
    ("Group of Twenty", "g20"), ("ASEAN Regional Forum", "arf"),
    ("UN Security Council", "unsc"), ("Arctic Council", "arctic"),
    ("Council of Europe Committee of Ministers", "coe"),
    ("Commonwealth of Independent States", "cis"), ("Barents Euro-Arctic Council", "beac"),
    ("Black Sea Economic Cooperation", "bsec"), ("Conference on Disarmament", "cd"),
    ("East Asia Summit", "eas"), ("Asia-Europe Meeting", "asem"),
    ("Eurasian Economic Union", "eaeu"), ("Nordic Council of Ministers", "ncm"),
    ("Mercosur-EU Dialogue", "mercosur-eu"),
)
LEVELS = ("foreign ministers", "heads of state and government", "deputy foreign ministers",
          "ambassadors", "senior officials", "defence ministers", "experts",
          "national coordinators")
CITIES = (
    "Brussels", "Genève", "Zürich", "Moskva", "São Paulo", "Brasília", "Bogotá", "Reykjavík",
    "Kraków", "Tallinn", "Rīga", "Vilnius", "Helsinki", "Stockholm", "Oslo", "Kraków",
    "Astana", "Tashkent", "Bishkek", "Dushanbe", "Yerevan", "Minsk", "Beijing", "New Delhi",
    "Pretoria", "Ankara", "İstanbul", "Warszawa", "Wien", "Praha", "Bratislava", "Budapest",
    "București", "Beograd", "Ciudad de México", "Buenos Aires", "Jakarta", "Hà Nội",
    "Cairo", "Abuja", "Köln", "München", "Montréal", "Québec", "Lisboa", "Athína", "Roma",
    "Madrid", "Tromsø", "Kirkenes", "Luleå", "Sochi", "Vladivostok", "Yokohama",
)
TOPICS = (
    "Afghanistan", "Syria", "Iran nuclear programme", "Korean Peninsula", "Arctic shipping",
    "counter-piracy", "counter-terrorism", "counter-narcotics", "disaster response",
    "missile defence", "arms control", "conventional forces in Europe", "cyber security",
    "energy security", "climate change", "migration", "border management",
    "nuclear non-proliferation", "chemical weapons", "biological weapons", "outer space",
    "maritime security", "Black Sea", "Baltic Sea environment", "fisheries", "trade facilitation",
    "visa facilitation", "transport corridors", "digital economy", "public health",
    "pandemic preparedness", "food security", "water resources", "Central Asia",
    "Western Balkans", "South Caucasus", "Transnistria settlement", "Middle East peace process",
    "Libya", "Sahel", "Horn of Africa", "Ukraine", "Belarus", "Moldova", "Georgia",
    "Nagorno-Karabakh", "confidence-building measures", "Vienna Document", "Open Skies",
    "small arms and light weapons", "mine action", "human trafficking", "organised crime",
    "money laundering", "sanctions", "financial stability", "debt relief", "development aid",
    "education exchange", "cultural cooperation", "youth policy", "gender equality",
    "human rights", "rule of law", "election observation", "media freedom",
    "indigenous peoples", "search and rescue", "oil spill response", "nuclear safety",
    "radioactive waste", "civil protection", "science cooperation", "space debris",
    "satellite navigation", "artificial intelligence", "critical infrastructure",
    "supply chains", "customs union", "investment protection", "tourism", "sport diplomacy",
    "Euro-Atlantic security", "NATO-Russia relations", "Lisbon summit 2010",
    "military-technical cooperation", "peacekeeping", "crisis management", "NRC activities",
)
PRIORITY_AREAS = (
    ("Counter-piracy", "cooperation in the fight against piracy off the Horn of Africa"),
    ("Counter-terrorism", "joint work against terrorist threats and their financing"),
    ("Counter-narcotics", "training of counter-narcotics personnel from Central Asia"),
    ("Disaster response", "the response to natural and man-made disasters"),
    ("Military cooperation", "practical cooperation in the military sphere"),
    ("Energy security", "stable and predictable supplies of energy resources"),
    ("Maritime search and rescue", "joint exercises of search and rescue services at sea"),
    ("Cyber security", "norms of responsible behaviour of states in cyberspace"),
    ("Public health", "early warning and exchange of data on infectious diseases"),
    ("Transport", "the development of international transport corridors"),
    ("Environment", "the protection of the marine environment"),
    ("Trade", "the removal of barriers to mutual trade"),
    ("Science", "joint research programmes and exchange of scientists"),
    ("Education", "student exchanges and mutual recognition of diplomas"),
    ("Border security", "cooperation of border services against illegal crossings"),
    ("Nuclear safety", "the safe handling of spent nuclear fuel"),
    ("Arms control", "transparency and verification of military activities"),
    ("Culture", "cultural seasons and the protection of heritage"),
    ("Civil protection", "joint training of civil protection units"),
    ("Digital economy", "interoperable digital services for citizens and business"),
)
STANCES = (
    "will stress the need for practical steps to implement the agreements reached",
    "will call for a strictly political and diplomatic settlement",
    "will propose to resume work on legally binding guarantees",
    "will insist on equal and indivisible security for all states of the region",
    "will express concern about the deployment of new military infrastructure",
    "will support the early entry into force of the relevant treaty",
    "will point to the need to respect international law and the UN Charter",
    "will welcome the progress made by the expert groups",
    "will propose a joint working group to prepare recommendations",
    "will underline the importance of regular consultations at the expert level",
    "will argue that unilateral measures undermine mutual trust",
    "will offer to host the next round of consultations",
    "will present a draft declaration on the principles of cooperation",
    "will recall its earlier proposals, which remain on the table",
)
ROLES = ("Foreign Minister", "Deputy Foreign Minister", "Ambassador", "Permanent Representative",
         "Special Envoy", "Defence Minister", "Head of Delegation", "Secretary General",
         "Director of the European Department", "Senior Adviser", "Prime Minister", "President")
SOURCE_KINDS = ("press comment", "communiqué", "press release", "statement", "transcript")
TAGS = ("security", "economy", "environment", "arctic", "arms-control", "energy", "health",
        "culture", "migration", "terrorism", "annual", "extraordinary", "summit", "follow-up")
_ENDINGS = ("reviewing recent developments", "with a view to joint steps",
            "in the light of the latest events", "and agree on next steps")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
FILLER = (
    "The parties are expected to exchange views frankly and in detail.",
    "The discussion will take place in a constructive and businesslike atmosphere.",
    "Particular attention will be paid to the practical implementation of earlier decisions.",
    "The meeting continues the dialogue conducted at the level of experts throughout the year.",
    "Delegations will also have an opportunity to hold bilateral contacts on the sidelines.",
    "The agenda was agreed in advance during consultations of the national coordinators.",
    "It is expected that the results of the discussion will be reflected in a joint document.",
    "The participants will take stock of the work done since their previous meeting.",
    "The sides intend to keep the channels of communication open in any circumstances.",
    "A press conference is planned at the end of the session.",
)


def ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    out: list[str] = []
    dash = False
    for ch in folded:
        if ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-") or "x"


#: A few thousand distinct people (name, slug id), one per slug ("Mária Esposito" and
#: "Maria Esposito" would share an id); chosen per meeting by index.
PEOPLE: tuple[tuple[str, str], ...] = tuple({
    ascii_slug(f"{first} {last}"): (f"{first} {last}", ascii_slug(f"{first} {last}"))
    for first in reversed(FIRST_NAMES) for last in reversed(LAST_NAMES)
}.values())
TOPIC_SLUGS = {topic: ascii_slug(topic) for topic in TOPICS}
START = dt.date(1990, 1, 1).toordinal()
END = dt.date(2026, 12, 31).toordinal()


class _Text:
    """A source text under construction; ``add`` returns the span of what it appended."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.separator = ""

    def add(self, sentence: str) -> list[int]:
        self.parts.append(self.separator)
        self.length += len(self.separator)
        self.separator = " "
        start = self.length
        self.parts.append(sentence)
        self.length += len(sentence)
        return [start, self.length]

    def paragraph(self) -> None:
        self.separator = "\n\n"

    def text(self) -> str:
        return "".join(self.parts)


def _words(date: dt.date) -> str:
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def meeting(seed: int, index: int) -> dict[str, Any]:
    """Meeting number ``index`` of the data set ``seed``: a JSON dict, Meeting-valid."""
    rnd = random.Random(seed * 1_000_003 + index)
    pick = rnd.choice
    body, body_slug = pick(BODIES)
    level = pick(LEVELS)
    city = pick(CITIES)
    date = dt.date.fromordinal(rnd.randint(START, END))
    meeting_id = f"{body_slug}-{date.isoformat()}-{index:06d}"
    title = f"{body} session at the level of {level}"
    text = _Text()
    spans: dict[str, list[int]] = {}

    people = rnd.sample(range(len(PEOPLE)), int(rnd.triangular(2, 12.99, 2)))
    lead_state = pick(STATES)
    participants = []
    for n, person in enumerate(people):
        name, pid = PEOPLE[person]
        party = lead_state if n == 0 else pick(STATES)
        role = pick(ROLES)
        participants.append({"id": pid, "name": name, "role": role, "party": party,
                             "group": False, "source_span": None})
    lead = participants[0]
    opening = (f"On {_words(date)}, {lead['role']} {lead['name']} will take part in the "
               f"{body} session at the level of {level} in {city}.")
    span = text.add(opening)
    base = span[0]
    date_at = opening.index(_words(date))
    spans["date"] = [base + date_at, base + date_at + len(_words(date))]
    body_at = opening.index(body)
    spans["body"] = [base + body_at, base + body_at + len(body)]
    level_at = opening.index(level, body_at)
    spans["level"] = [base + level_at, base + level_at + len(level)]
    city_at = opening.rindex(city)
    spans["location"] = [base + city_at, base + city_at + len(city)]
    spans["title"] = [base + body_at, base + level_at + len(level)]
    lead["source_span"] = span
    others = participants[1:]
    if others:
        # One sentence lists everyone else; each participant's span is their own entry.
        entries = [f"{p['name']} ({p['role']}, {p['party']})" for p in others]
        sentence_span = text.add("Also expected: " + "; ".join(entries) + ".")
        at = sentence_span[0] + len("Also expected: ")
        for participant, entry in zip(others, entries, strict=True):
            participant["source_span"] = [at, at + len(entry)]
            at += len(entry) + 2
    text.paragraph()

    agenda = []
    topic_pool = rnd.sample(TOPICS, 14)
    used_ids: set[str] = set()
    for order in range(1, int(rnd.triangular(3, 10.99, 3)) + 1):
        topics = rnd.sample(topic_pool, rnd.randint(1, 3))
        item_title = f"{topics[0][0].upper()}{topics[0][1:]}" + (
            f" and {topics[1]}" if len(topics) > 1 else "")
        item_id = TOPIC_SLUGS[topics[0]]
        if item_id in used_ids:
            item_id = f"{item_id}-{order}"
        used_ids.add(item_id)
        summary = (f"The participants will discuss {item_title[0].lower()}{item_title[1:]}, "
                   f"{pick(_ENDINGS)}.")
        item_span = text.add(summary)
        positions = []
        for k in range(rnd.choice((0, 0, 0, 1, 1, 2))):
            party = pick(STATES)
            stance = pick(STANCES)
            sentence = f"{party} {stance}."
            positions.append({"id": f"{item_id}-p{k + 1}", "party": party,
                              "stance": f"{stance[0].upper()}{stance[1:]}.",
                              "source_span": text.add(sentence)})
        agenda.append({"id": item_id, "order": order, "title": item_title, "summary": summary,
                       "topics": topics, "positions": positions, "source_span": item_span})
        if rnd.random() < 0.2:
            text.add(pick(FILLER))
    text.paragraph()

    priorities = []
    for area, description in rnd.sample(PRIORITY_AREAS, rnd.randint(1, 4)):
        sentence = f"Among the priorities of practical cooperation is {description}."
        priorities.append({"id": ascii_slug(area), "area": area,
                           "description": f"{description[0].upper()}{description[1:]}.",
                           "source_span": text.add(sentence)})

    references = []
    for k in range(rnd.randint(0, 3)):
        ref_date = dt.date.fromordinal(rnd.randint(START - 3650, date.toordinal()))
        ref_city = pick(CITIES)
        ref_title = f"{pick(BODIES)[0]} meeting in {ref_city}"
        sentence = (f"The parties will recall the agreements reached at the {ref_title} on "
                    f"{_words(ref_date)}.")
        references.append({"id": f"ref-{k + 1}", "title": ref_title,
                           "date": ref_date.isoformat(), "location": ref_city,
                           "note": "Agreements recalled in the statement.",
                           "source_span": text.add(sentence)})

    outcomes = []
    for k in range(rnd.randint(0, 2)):
        description = pick((
            f"Approval of the programme of work for {date.year + 1}",
            "Adoption of a joint statement",
            f"Establishment of a working group on {pick(topic_pool)}",
            "Agreement on the date and venue of the next meeting",
        ))
        outcomes.append({"id": f"outcome-{k + 1}", "description": description,
                         "expected": rnd.random() < 0.8,
                         "source_span": text.add(f"{description} is expected.")})
    for _ in range(rnd.randint(1, 3)):
        text.add(pick(FILLER))

    issuer_state = lead["party"]
    return {
        "schema_version": 1,
        "id": meeting_id,
        "title": title,
        "body": body,
        "level": level,
        "date": date.isoformat(),
        "date_inferred": rnd.random() < 0.1,
        "end_date": (date + dt.timedelta(days=1)).isoformat() if rnd.random() < 0.15 else None,
        "location": city,
        "status": pick((None, None, "draft", "final")),
        "tags": rnd.sample(TAGS, rnd.randint(0, 3)),
        "participants": participants,
        "agenda": agenda,
        "priorities": priorities,
        "references": references,
        "outcomes": outcomes,
        "sources": [{
            "id": "statement",
            "issuer": f"Ministry of Foreign Affairs of {issuer_state}",
            "kind": pick(SOURCE_KINDS),
            "title": f"On the participation of {lead['name']} in the {body} meeting",
            "date": (date - dt.timedelta(days=rnd.randint(0, 3))).isoformat(),
            "url": f"https://example.org/statements/{meeting_id}",
            "language": "en",
            "text": text.text(),
        }],
        "source_spans": spans,
    }


def _chunk(args: tuple[int, int, int]) -> bytes:
    seed, start, stop = args
    return b"".join(orjson.dumps(meeting(seed, i)) + b"\n" for i in range(start, stop))


def iter_chunks(seed: int, count: int, chunk: int = 2000,
                workers: int | None = None) -> Iterator[bytes]:
    """NDJSON bytes for meetings ``0..count-1`` in order, built on every core."""
    jobs = [(seed, start, min(start + chunk, count)) for start in range(0, count, chunk)]
    workers = workers or min(os.cpu_count() or 1, 8)
    if workers == 1 or len(jobs) == 1:
        yield from map(_chunk, jobs)
        return
    with ProcessPoolExecutor(workers) as pool:
        yield from pool.map(_chunk, jobs)


def write_ndjson(path: Path, count: int, seed: int = 1, workers: int | None = None) -> int:
    """Write ``count`` meetings to ``path``; returns the number of bytes written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    with open(path, "wb") as out:
        for block in iter_chunks(seed, count, workers=workers):
            out.write(block)
            size += len(block)
    return size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--meetings", type=int, required=True, help="how many meetings")
    parser.add_argument("-o", "--output", type=Path, required=True, help="NDJSON file to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=None, help="processes (default: cores)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    size = write_ndjson(args.output, args.meetings, args.seed, args.workers)
    elapsed = time.perf_counter() - started
    print(f"{args.meetings} meetings, {size / 1e6:.1f} MB "
          f"({size / max(args.meetings, 1):.0f} B each) in {elapsed:.1f} s -> {args.output}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
