"""The register of outlets: who publishes under which names, who owns them, which state controls them.

An :class:`OutletEntry` says, for one outlet, the names and web domains it appears under, its
country, its kind (wire agency, state medium, public broadcaster, newspaper, ...), its owner or
parent, and its state affiliation:

=============  =========================================================================
affiliation    meaning
=============  =========================================================================
``none``       privately or cooperatively owned
``public``     publicly owned or funded, editorially independent by law or charter
``state``      owned or controlled by a government or ruling party (state media)
=============  =========================================================================

A :class:`Register` looks outlets up by name or address and says which outlets are one *origin*
for the assessment (:mod:`crosswire.link.assess`): state media of one state count once, and so do
outlets with one owner (an owner named by another entry is followed up to the top of the chain).
Public broadcasters are not folded into their state: their charters keep them independent.

The register travels as CSV (:func:`read_csv`, :func:`write_csv`): one row per outlet, the
columns of :data:`COLUMNS`, several names or domains in one cell separated by ``;``. The package
ships a starter register (:func:`starter_register`, ``desk/outlets.csv``): the wire agencies, state
news agencies and public broadcasters that news most often cites, written from public facts.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crosswire.errors import InputError

__all__ = [
    "AFFILIATIONS",
    "COLUMNS",
    "KINDS",
    "OutletEntry",
    "Register",
    "fold_name",
    "parse_csv",
    "read_csv",
    "starter_register",
    "updated",
    "write_csv",
]

KINDS = (
    "wire agency",
    "state news agency",
    "state medium",
    "public broadcaster",
    "broadcaster",
    "newspaper",
    "magazine",
    "online",
    "blog",
    "other",
)
"""Kinds of outlet, as the register names them."""
AFFILIATIONS = {
    "none": "privately or cooperatively owned",
    "public": "publicly owned or funded, editorially independent by law or charter",
    "state": "owned or controlled by a government or ruling party (state media)",
}
"""State affiliations and what each means."""
COLUMNS = ("name", "aliases", "domains", "country", "kind", "owner", "affiliation", "notes")
"""The CSV columns, in order; ``name`` and ``kind`` are required."""
SEPARATOR = ";"
MAX_FIELD = 500
"""Characters a register cell may hold (a longer one is a mistake, not an outlet)."""


@dataclass(frozen=True, slots=True)
class OutletEntry:
    """One outlet of the register (see the module docstring for ``affiliation``)."""

    name: str
    kind: str = "other"
    aliases: tuple[str, ...] = ()
    """Other names it appears under: abbreviations, former names, names in other languages."""
    domains: tuple[str, ...] = ()
    """Web domains it publishes under (a subdomain matches too)."""
    country: str | None = None
    owner: str | None = None
    """Its owner or parent company; an owner that is itself an entry is followed."""
    affiliation: str = "none"
    notes: str | None = None
    updated_by: str | None = None
    """Who last changed the entry (``None`` for an entry as it was imported)."""
    updated_at: str | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("an outlet needs a name")
        if self.kind not in KINDS:
            raise ValueError(f"kind {self.kind!r} is not one of: {', '.join(KINDS)}")
        if self.affiliation not in AFFILIATIONS:
            raise ValueError(f"affiliation {self.affiliation!r} is not one of: {', '.join(AFFILIATIONS)}")

    @property
    def key(self) -> str:
        """The entry's identity: its folded name."""
        return fold_name(self.name)

    def names(self) -> tuple[str, ...]:
        """Its name and aliases."""
        return (self.name, *self.aliases)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "domains": list(self.domains),
            "country": self.country,
            "owner": self.owner,
            "affiliation": self.affiliation,
            "notes": self.notes,
            "updated_by": self.updated_by,
            "updated_at": self.updated_at,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> OutletEntry:
        """An entry from :meth:`as_dict` data, or from a form or API body (lists or ``;``-separated text).

        Raises ``ValueError`` naming the field that is wrong.
        """
        return cls(
            name=_text(data.get("name"), "name") or "",
            kind=(_text(data.get("kind"), "kind") or "other").lower(),
            aliases=_many(data.get("aliases"), "aliases"),
            domains=tuple(_domain(d) for d in _many(data.get("domains"), "domains")),
            country=_text(data.get("country"), "country"),
            owner=_text(data.get("owner"), "owner"),
            affiliation=(_text(data.get("affiliation"), "affiliation") or "none").lower(),
            notes=_text(data.get("notes"), "notes"),
            updated_by=_text(data.get("updated_by"), "updated_by"),
            updated_at=_text(data.get("updated_at"), "updated_at"),
        )

    def row(self) -> dict[str, str]:
        """The entry as a CSV row (:data:`COLUMNS`)."""
        return {
            "name": self.name,
            "aliases": SEPARATOR.join(self.aliases),
            "domains": SEPARATOR.join(self.domains),
            "country": self.country or "",
            "kind": self.kind,
            "owner": self.owner or "",
            "affiliation": self.affiliation,
            "notes": self.notes or "",
        }


def _text(value: object, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name}: expected text")
    cleaned = " ".join(value.split())
    if len(cleaned) > MAX_FIELD:
        raise ValueError(f"{name}: longer than {MAX_FIELD} characters")
    if any(not c.isprintable() for c in cleaned):
        raise ValueError(f"{name}: has control characters")
    return cleaned or None


def _many(value: object, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items = value.split(SEPARATOR) if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise ValueError(f"{name}: expected a list or text separated by '{SEPARATOR}'")
    found = (_text(item, name) for item in items)
    return tuple(dict.fromkeys(item for item in found if item))


_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")


def _domain(value: str) -> str:
    """A bare lower-case host name (an address or a leading ``www.`` is reduced to it)."""
    text = value.strip().lower()
    if "://" in text:
        text = urlsplit(text).hostname or ""
    text = text.removeprefix("www.").rstrip(".")
    if not _DOMAIN.match(text):
        raise ValueError(f"domains: {value!r} is not a domain name")
    return text


_NOT_WORD = re.compile(r"[^\w]+")


def fold_name(name: str) -> str:
    """A name reduced to what tells outlets apart: no accents, case, punctuation or leading "the"."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    words = _NOT_WORD.sub(" ", text).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


_PARENTHESES = re.compile(r"\s*\(([^()]*)\)\s*")


class Register:
    """Outlets by name, alias and domain, and which of them are one origin."""

    def __init__(self, entries: Iterable[OutletEntry] = ()) -> None:
        self.entries: dict[str, OutletEntry] = {}
        self._names: dict[str, OutletEntry] = {}
        self._domains: dict[str, OutletEntry] = {}
        for entry in entries:
            self.entries[entry.key] = entry
        for entry in self.entries.values():
            for name in entry.names():
                self._names.setdefault(fold_name(name), entry)
            for domain in entry.domains:
                self._domains.setdefault(domain, entry)

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def __iter__(self) -> Iterator[OutletEntry]:
        return iter(sorted(self.entries.values(), key=lambda e: e.key))

    def find(self, name: str | None, url: str | None = None) -> OutletEntry | None:
        """The entry an outlet name or an article's address belongs to, if the register has one.

        A name matches a name or alias whole (case, accents, punctuation and a leading "the"
        ignored); "the Varnian Central News Agency (VCNA)" matches by either part. An address
        matches a domain or any subdomain of it.
        """
        if name:
            for candidate in _name_variants(name):
                entry = self._names.get(fold_name(candidate))
                if entry is not None:
                    return entry
        if url:
            host = (urlsplit(url if "://" in url else f"//{url}").hostname or "").lower().removeprefix("www.")
            while host:
                entry = self._domains.get(host)
                if entry is not None:
                    return entry
                host = host.partition(".")[2]
        return None

    def parent(self, entry: OutletEntry) -> str | None:
        """The top of an entry's ownership chain (an owner that is itself an entry is followed)."""
        owner, seen = entry.owner, {entry.key}
        while owner:
            above = self._names.get(fold_name(owner))
            if above is None or above.key in seen or not above.owner:
                return owner
            seen.add(above.key)
            owner = above.owner
        return None


def _name_variants(name: str) -> list[str]:
    """A name as given, without a parenthesised part, and that part alone ("X (Y)" -> X (Y), X, Y)."""
    variants = [name]
    inside = _PARENTHESES.findall(name)
    if inside:
        variants.append(_PARENTHESES.sub(" ", name).strip())
        variants.extend(inside)
    return variants


def read_csv(source: str | Path | io.TextIOBase, *, label: str | None = None) -> list[OutletEntry]:
    """The entries of a register CSV; raises :class:`~crosswire.errors.InputError` naming the row and field.

    ``source`` is a path, or an open text stream (then ``label`` names it in errors).
    """
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise InputError(str(path), f"cannot read: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise InputError(str(path), "not UTF-8 text") from None
        return parse_csv(text, label=label or str(path))
    return parse_csv(source.read(), label=label or "register")


def parse_csv(text: str, *, label: str = "register") -> list[OutletEntry]:
    """The entries of register CSV text (see :func:`read_csv`)."""
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    header = [h.strip().lower() for h in reader.fieldnames or ()]
    missing = [c for c in ("name", "kind") if c not in header]
    if missing:
        raise InputError(label, f"no {' or '.join(missing)} column; the columns are: {', '.join(COLUMNS)}", line=1)
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise InputError(label, f"unknown column {unknown[0]!r}; the columns are: {', '.join(COLUMNS)}", line=1)
    entries: dict[str, OutletEntry] = {}
    try:
        for row in reader:
            line = reader.line_num
            cells = {k.strip().lower(): v for k, v in row.items() if k is not None}
            if None in row:
                raise InputError(label, "more cells than columns", line=line)
            if not any((v or "").strip() for v in cells.values()):
                continue
            try:
                entry = OutletEntry.from_dict({k: v for k, v in cells.items() if k in COLUMNS})
            except ValueError as exc:
                raise InputError(label, str(exc), line=line) from None
            if entry.key in entries:
                raise InputError(label, f"{entry.name!r} is listed twice", line=line)
            entries[entry.key] = entry
    except csv.Error as exc:
        raise InputError(label, f"not valid CSV ({exc})", line=reader.line_num) from None
    return list(entries.values())


def write_csv(entries: Iterable[OutletEntry], stream: io.TextIOBase | Any) -> int:
    """Write entries as register CSV (sorted by name); returns how many."""
    writer = csv.DictWriter(stream, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    count = 0
    for entry in sorted(entries, key=lambda e: e.key):
        writer.writerow(entry.row())
        count += 1
    return count


def starter_register() -> list[OutletEntry]:
    """The register that ships with crosswire (``desk/outlets.csv``)."""
    text = (resources.files("crosswire") / "desk" / "outlets.csv").read_text(encoding="utf-8")
    return parse_csv(text, label="crosswire/desk/outlets.csv")


def updated(entry: OutletEntry, by: str, at: str) -> OutletEntry:
    """The entry marked as changed by ``by`` at ``at``."""
    return replace(entry, updated_by=by, updated_at=at)
