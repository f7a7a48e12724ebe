"""Invented wire dispatches for the shared-desk tests: many short articles, some of them copies.

Each dispatch reports repairs at one harbour of the invented coast of Varnia and Osterland: a
place, a date, an official who is quoted, a figure; a copy is the same dispatch as another
outlet ran it, with a line of its own added.
"""

from __future__ import annotations

import json
from pathlib import Path

TOWNS = ["Dolmek", "Halvik", "Kettering Ridge", "Marsh Point", "Orla", "Senn", "Tavrin", "Ulm Bay", "Vesk", "Wrenn"]
WORKS = ["breakwater", "grain quay", "ferry ramp", "lighthouse", "fuel jetty", "dry dock", "sea wall", "pier"]
OFFICIALS = [
    ("Ilse Marrow", "the transport ministry"),
    ("Tomas Brekke", "the harbour authority"),
    ("Anja Solberg", "the coast guard"),
    ("Pavel Oran", "the port workers' union"),
]
OUTLETS = ["Dolmek Herald", "Harbour Times", "Radio Halvik", "Frontier Review"]


def dispatch(number: int) -> dict[str, str]:
    """Dispatch ``number``: a JSON-ready record (id, title, text, outlet, published)."""
    town = TOWNS[number % len(TOWNS)]
    work = WORKS[number % len(WORKS)]
    name, office = OFFICIALS[number % len(OFFICIALS)]
    workers = 40 + 7 * number
    cost = 2 + number % 9
    day = 1 + number % 27
    text = (
        f"{town.upper()}, May {day} - Repairs to the {work} at {town} were finished on Tuesday, "
        f"{number} weeks after the storm that closed it, {office} said. "
        f'"About {workers} workers have been on the site every day since the storm," said {name} of {office}. '
        f"The work cost {cost} million crowns, according to figures released by {office} on Wednesday. "
        f"Ships that had been sent to other ports will return to {town} from next week, {name} added, "
        f"and the {work} will reopen to traffic on Friday."
    )
    return {
        "id": f"dispatch-{number}",
        "title": f"{town} {work} reopens after storm repairs ({number})",
        "text": text,
        "outlet": OUTLETS[number % len(OUTLETS)],
        "published": f"2025-05-{day:02d}",
    }


def copy_of(number: int) -> dict[str, str]:
    """Dispatch ``number`` as another outlet ran it: the same text with a closing line of its own."""
    record = dispatch(number)
    return record | {
        "id": f"copy-{number}",
        "text": record["text"] + "\n\nThe Coastal Wire contributed reporting to this story.",
        "outlet": "Coastal Wire",
    }


def write_dispatches(path: Path, numbers: range, copies: range = range(0)) -> Path:
    """A JSON Lines file of these dispatches and copies of those."""
    with path.open("w", encoding="utf-8") as stream:
        for record in [*(dispatch(n) for n in numbers), *(copy_of(n) for n in copies)]:
            stream.write(json.dumps(record) + "\n")
    return path
