"""The ledger: everything crosswire stores, behind one interface (:class:`Ledger`).

::

    base.py        the Ledger protocol, method by method, and the records it takes and gives
                   (ArticleFilter, StoryFilter, LinkUpdate, ArticleBrief, StorySummary)
    migrations.py  the schema, one numbered migration at a time, shared by both implementations
    columns.py     the forms values are stored in (UTC times, folded lines, summary rows), shared
    sqlite.py      SQLiteLedger, the embedded implementation (one file; WAL, foreign keys, FTS5)
    postgres.py    PostgresLedger, on a PostgreSQL server (the [postgres] extra): several
                   processes and people writing at once
    overlay.py     analysts' corrections laid over findings, links and assessments on every
                   read, alike in both

Only ``sqlite.py`` and ``postgres.py`` know SQL. :func:`open_ledger` picks the implementation from
where the ledger is: a file path (SQLite) or a ``postgresql://`` address.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from crosswire.errors import LedgerError, MissingExtraError
from crosswire.ledger.base import ArticleBrief, ArticleFilter, Ledger, LinkUpdate, StoryFilter, StorySummary
from crosswire.ledger.sqlite import DEFAULT_LEDGER, SQLiteLedger

if TYPE_CHECKING:
    from crosswire.ledger.postgres import PostgresLedger

__all__ = [
    "DEFAULT_LEDGER",
    "ArticleBrief",
    "ArticleFilter",
    "Ledger",
    "LinkUpdate",
    "PostgresLedger",
    "SQLiteLedger",
    "StoryFilter",
    "StorySummary",
    "is_server_address",
    "open_ledger",
]

SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_address(location: str | Path) -> bool:
    """Whether ``location`` names a ledger on a database server (``postgresql://...``) rather than a file."""
    return isinstance(location, str) and location.lower().startswith(SERVER_SCHEMES)


def open_ledger(location: str | Path = DEFAULT_LEDGER, *, create: bool = True) -> Ledger:
    """Open (creating or migrating as needed) the ledger at ``location``.

    ``location`` is a path to an SQLite file (``sqlite://`` in front is allowed), or the address of a
    PostgreSQL database, ``postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE`` (libpq's form, so
    ``PGPASSWORD``, ``~/.pgpass`` and query parameters such as ``sslmode`` work). A PostgreSQL
    database must exist; its tables are created on first use.

    With ``create=False`` (commands that only read) a missing ledger is a ``LedgerError``, not a new
    empty one: no file at the path, or a database without crosswire's tables.
    """
    text = str(location)
    if is_server_address(text):
        try:
            from crosswire.ledger.postgres import PostgresLedger
        except ImportError as exc:
            raise MissingExtraError("a PostgreSQL ledger", "postgres") from exc
        return PostgresLedger(text, create=create)
    if "://" in text and not text.startswith("sqlite://"):
        scheme = text.split("://", 1)[0]
        raise LedgerError(f"{text}: unknown kind of ledger {scheme!r}; give a file path or a postgresql:// address")
    path = Path(text.removeprefix("sqlite://"))
    if not create and not path.exists():
        raise LedgerError(f"{path}: no ledger here (check --db; crosswire ingest or run creates one)")
    return SQLiteLedger(path)


def __getattr__(name: str) -> object:
    if name == "PostgresLedger":  # imported on first use: psycopg is an optional extra
        try:
            from crosswire.ledger.postgres import PostgresLedger
        except ImportError as exc:
            raise MissingExtraError("a PostgreSQL ledger", "postgres") from exc
        return PostgresLedger
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
