"""The ledger on a PostgreSQL server, for a desk of analysts and several processes writing at once.

:class:`PostgresLedger` implements :class:`~crosswire.ledger.base.Ledger` with psycopg 3 (the
``[postgres]`` extra) over one connection per ledger object. It keeps the schema of
:mod:`crosswire.ledger.migrations` (the same version numbers as the SQLite ledger) and gives the
same answers as :class:`~crosswire.ledger.sqlite.SQLiteLedger`.

Several writers at once (``crosswire run`` processes, the web app) lose and double nothing:

- every write is one transaction; a row that may exist already is written with ``ON CONFLICT``,
  so an article two processes store at once is one article with both sightings;
- a transaction writes rows in id order, and one the server aborts (a deadlock, a serialisation
  failure) is run again from its start, a few times;
- every write ends by moving the ledger's revision on (one row), so the story summaries it then
  rewrites are written one transaction at a time, each from what the earlier ones committed;
- linking runs one at a time (:meth:`PostgresLedger.linking`, a PostgreSQL advisory lock held for
  the whole run), and so does migrating the schema on open.

Full-text search is PostgreSQL's own: a tsvector column of title (weighted A) and text (D) under a
GIN index, searched with the words' own lexemes (``plainto_tsquery``), ranked by ``ts_rank`` with
the title four times the text, snippets by ``ts_headline``.

PostgreSQL text cannot hold the NUL character: one in a value written here (a source's name, a
problem's reason, a filter's words) is stored and compared as U+FFFD.
"""

from __future__ import annotations

import json
import logging
import re
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import Any, TypeVar
from urllib.parse import quote

import psycopg
from psycopg import errors as pg_errors
from psycopg.conninfo import conninfo_to_dict

from crosswire.desk.corrections import LINKED_KINDS, Correction, undone
from crosswire.desk.outlets import OutletEntry, fold_name, starter_register
from crosswire.desk.users import User
from crosswire.errors import LedgerError
from crosswire.ingest.problems import Problem
from crosswire.ledger.base import ArticleBrief, ArticleFilter, LinkUpdate, StoryFilter, StorySummary
from crosswire.ledger.columns import (
    ARTICLE_COLUMNS,
    ASSESSMENT_COLUMNS,
    LINK_COLUMNS,
    article_filter_values,
    article_from_row,
    article_row,
    assessment_row,
    claim_stances,
    hex_prefix_range,
    known_metadata,
    link_row,
    now,
    order_key,
    record_json,
    story_filter_values,
    summary_rows,
)
from crosswire.ledger.migrations import MIGRATIONS, SCHEMA_VERSION
from crosswire.ledger.overlay import CorrectionsOverlay
from crosswire.model import Article, Sighting, headline, parse_published

__all__ = ["PostgresLedger"]

log = logging.getLogger(__name__)

T = TypeVar("T")

CONNECT_TIMEOUT = 10
"""Seconds to wait for the server to answer a new connection."""
RETRIES = 5
"""How often a write the server aborted as a deadlock or a serialisation failure is tried again."""
CHUNK = 400
"""Articles read per query when reading many (their sightings come with them)."""
READ_COLUMNS = ("id", "text", "title", "outlet", "url", "published", "byline", "language")
"""The columns an article is read from (the tsvector column is never read)."""
ARTICLE_READ = ", ".join(READ_COLUMNS)
RETRYABLE = (pg_errors.DeadlockDetected, pg_errors.SerializationFailure)

_ARTICLE_TESTS = {
    "outlet": 'lower(outlet) = lower(%s::text COLLATE "C")',  # ASCII case only, as SQLite's NOCASE
    "published_from": "published_utc >= %s",
    "published_before": "published_utc < %s",
    "text": "(strpos(lower(text), %s) > 0 OR strpos(lower(COALESCE(title, '')), %s) > 0)",
}
_STORY_TESTS = {
    "search": "strpos(m.search, %s) > 0",
    "outlets": "strpos(m.outlets, %s) > 0",
    "places": "strpos(m.places, %s) > 0",
    "people": "strpos(m.people, %s) > 0",
    "last_from": "COALESCE(m.last_day, '') >= %s",
    "first_until": "COALESCE(m.first_day, '9999') <= %s",
}
_HEADLINE = 'StartSel=[, StopSel=], MaxWords=16, MinWords=8, ShortWord=0, MaxFragments=1, FragmentDelimiter=" … "'
_RANK_WEIGHTS = "{0.25, 0.25, 0.25, 1.0}"
"""``ts_rank`` weights of D, C, B, A: the title (A) counts four times the text (D), as in SQLite's bm25."""


def _where(tests: list[tuple[str, str]], sql: dict[str, str]) -> tuple[str, list[Any]]:
    clauses = [sql[test] for test, _ in tests]
    params = [value for test, value in tests for _ in range(sql[test].count("%s"))]
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _marks(columns: Sequence[str]) -> str:
    return ", ".join(["%s"] * len(columns))


def _clean(value: Any) -> Any:
    """A parameter PostgreSQL can hold: NUL characters in text become U+FFFD."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd") if "\x00" in value else value
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def _upsert(table: str, columns: Sequence[str], key: Sequence[str]) -> str:
    """``INSERT ... ON CONFLICT (key) DO UPDATE``: SQLite's ``INSERT OR REPLACE`` for rows with a key."""
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c not in key)
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({_marks(columns)})"
        f" ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}"
    )


def display_address(address: str) -> str:
    """A PostgreSQL address as a person would name it: scheme, user, host, port and database, no password."""
    try:
        parts = conninfo_to_dict(address)
    except psycopg.Error:
        return "postgresql://(an address that cannot be read)"
    user = parts.get("user")
    host = str(parts.get("host") or "")
    port = parts.get("port")
    place = (quote(host, safe="") if host.startswith("/") else host) + (f":{port}" if port else "")
    return f"postgresql://{f'{user}@' if user else ''}{place}/{parts.get('dbname') or ''}"


_PASSWORD_IN_ADDRESS = re.compile(r"(://[^:/@\s\"']*):[^@\s\"']*@")


def _one_line(exc: BaseException) -> str:
    """An error's text on one line, with any address in it stripped of its password."""
    return _PASSWORD_IN_ADDRESS.sub(r"\1@", " ".join(str(exc).split()))


def _connect_problem(exc: psycopg.Error, address: str) -> str:
    """What went wrong connecting, in one line, with what to do about it."""
    if isinstance(exc, psycopg.ProgrammingError):
        return f"not a valid PostgreSQL address ({_one_line(exc)})"
    try:
        parts = conninfo_to_dict(address)
    except psycopg.Error:
        parts = {}
    user, database = parts.get("user") or "(your login name)", parts.get("dbname") or "(your login name)"
    host, port = parts.get("host") or "localhost", parts.get("port") or "5432"
    text = _one_line(exc)
    low = text.lower()
    if "password authentication failed" in low:
        return f"wrong password for user {user!r} (the password comes from the address, PGPASSWORD or ~/.pgpass)"
    if "no password supplied" in low:
        return "the server asks for a password and none was given (put it in the address, PGPASSWORD or ~/.pgpass)"
    if f'database "{database}" does not exist' in text or ("database" in low and "does not exist" in low):
        return (
            f"database {database!r} does not exist on the server; create it first"
            f" (createdb -h {host} -p {port} -U {user} {database})"
        )
    if "role" in low and "does not exist" in low:
        return f"user {user!r} does not exist on the server"
    if "connection refused" in low:
        return f"the server at {host}:{port} refused the connection (is PostgreSQL running and listening there?)"
    if "resolve host" in low or "translate host name" in low:
        return f"unknown host {host!r}"
    if "timeout" in low:
        return f"no answer from {host}:{port} within {CONNECT_TIMEOUT} s"
    return "cannot connect: " + text.split(" failed: ")[-1].replace("FATAL: ", "")


class PostgresLedger(CorrectionsOverlay):
    """The ledger on a PostgreSQL server. Implements :class:`~crosswire.ledger.base.Ledger`.

    ``address`` is a libpq address, ``postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE``; the
    database must exist (its tables are created on first use; with ``create=False`` a database
    without them is a ``LedgerError``).
    """

    def __init__(self, address: str, *, create: bool = True) -> None:
        self.address = address
        self._location = display_address(address)
        try:
            self._conn = psycopg.connect(
                address, autocommit=True, connect_timeout=CONNECT_TIMEOUT, fallback_application_name="crosswire"
            )
        except psycopg.Error as exc:
            raise LedgerError(f"{self._location}: {_connect_problem(exc, address)}") from None
        try:
            schema = self._one("SELECT current_schema()")[0]
            if schema is None:
                raise LedgerError(f"{self._location}: no schema to keep the ledger in (see search_path)")
            self._schema = str(schema)
            if not create and self._stored_version() is None:
                raise LedgerError(f"{self._location}: no ledger here (check --db; crosswire ingest or run creates one)")
            self._migrate()
        except BaseException:
            self._conn.close()
            raise

    @property
    def location(self) -> str:
        return self._location

    # --- talking to the server -----------------------------------------------------------------------

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        try:
            # Without parameters a call may hold several statements (a migration's script).
            return self._conn.execute(sql, [_clean(p) for p in params] if params else None)
        except RETRYABLE:
            raise  # the write's transaction is run again
        except psycopg.Error as exc:
            raise LedgerError(f"{self._location}: {_one_line(exc)}") from None

    def _many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [[_clean(v) for v in row] for row in rows]
        if not batch:
            return
        try:
            with self._conn.cursor() as cursor:
                cursor.executemany(sql, batch)
        except RETRYABLE:
            raise
        except psycopg.Error as exc:
            raise LedgerError(f"{self._location}: {_one_line(exc)}") from None

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._execute(sql, params).fetchall()

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...]:
        row = self._execute(sql, params).fetchone()
        if row is None:
            raise LedgerError(f"{self._location}: the server returned no row for {sql.split()[0]}")
        return tuple(row)

    def _write(self, what: str, work: Callable[[], T]) -> T:
        """Run ``work`` in one transaction; again from the start when the server aborts it as a deadlock."""
        for attempt in range(1, RETRIES + 1):
            try:
                with self._conn.transaction():
                    return work()
            except RETRYABLE as exc:
                if attempt == RETRIES:
                    raise LedgerError(f"{self._location}: could not store {what} ({_one_line(exc)})") from None
                log.info("storing %s met another writer (%s); trying again", what, type(exc).__name__)
                time.sleep(0.05 * attempt)
            except psycopg.Error as exc:
                raise LedgerError(f"{self._location}: could not store {what} ({_one_line(exc)})") from None
        raise AssertionError("unreachable")

    def _lock(self, name: str, doing: str) -> _AdvisoryLock:
        # One key per (purpose, schema): ledgers in other schemas of the database do not wait.
        return _AdvisoryLock(self, zlib.crc32(f"crosswire {name} {self._schema}".encode()), doing)

    # --- schema -------------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        """The version of the database's ledger schema (0 before the first migration)."""
        return self._stored_version() or 0

    def _stored_version(self) -> int | None:
        if self._one("SELECT to_regclass('crosswire_schema')")[0] is None:
            return None
        return int(self._one("SELECT version FROM crosswire_schema")[0])

    def _migrate(self) -> None:
        if self._stored_version() == SCHEMA_VERSION:
            return
        with self._lock("migrate", "migration"):
            version = self._stored_version()  # another process may have migrated meanwhile
            if version is None:
                foreign = self._one("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()")[0]
                if foreign:
                    raise LedgerError(
                        f"{self._location}: the database holds tables that are not a crosswire ledger;"
                        " give crosswire a database of its own"
                    )
            elif version > SCHEMA_VERSION:
                raise LedgerError(
                    f"{self._location}: ledger schema version {version} is newer than this crosswire "
                    f"understands ({SCHEMA_VERSION}); upgrade crosswire"
                )
            for number in range(version or 0, SCHEMA_VERSION):
                log.info("migrating ledger %s to schema version %d", self._location, number + 1)
                self._write("the schema", lambda number=number: self._run_migration(number))  # type: ignore[misc]

    def _run_migration(self, number: int) -> None:
        migration = MIGRATIONS[number]
        if number == 0:
            self._execute("CREATE TABLE crosswire_schema (version BIGINT NOT NULL)")
            self._execute("INSERT INTO crosswire_schema (version) VALUES (0)")
        # Several statements in one call: sent without parameters, as one script.
        self._execute(migration.script("postgres"))
        if migration.after is not None:
            getattr(self, migration.after)()
        self._execute("UPDATE crosswire_schema SET version = %s", (number + 1,))

    def _summarise_existing(self) -> None:
        """Migration 5: summaries of the stories a ledger already holds."""
        self._refresh_summaries({row[0] for row in self._rows("SELECT id FROM stories")}, self._next_revision())

    def _load_starter_register(self) -> None:
        """Migration 7: the starter register of outlets."""
        self._put_outlets(starter_register())

    # --- writing --------------------------------------------------------------------------------------

    def add_articles(self, articles: Sequence[Article], *, batch: int | None = None) -> list[bool]:
        # Rows are locked in id order, so writers with overlapping batches never wait on each other in a circle.
        order = sorted(range(len(articles)), key=lambda n: articles[n].id)

        def work() -> list[bool]:
            new = [False] * len(articles)
            changed: list[str] = []
            added_at = now()
            revised = self._revised_articles([a.id for a in articles])
            for n in order:
                article = articles[n]
                if article.id in revised:  # the text of a later revision of another article: one more sighting
                    article = replace(article, id=revised[article.id])
                cursor = self._execute(
                    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({_marks(ARTICLE_COLUMNS)})"
                    " ON CONFLICT (id) DO NOTHING",
                    article_row(article, added_at),
                )
                new[n] = is_new = cursor.rowcount == 1
                if not is_new and self._fill_missing(article):
                    changed.append(article.id)
                for sighting in article.sightings:
                    cursor = self._execute(
                        "INSERT INTO sightings (article_id, source, url, outlet, batch_id, seq)"
                        " VALUES (%s, %s, %s, %s, %s, nextval('sightings_seq')) ON CONFLICT DO NOTHING",
                        (article.id, sighting.source, sighting.url, sighting.outlet, batch),
                    )
                    if cursor.rowcount == 1 and not is_new:
                        changed.append(article.id)  # seen somewhere new: its page lists where
            if changed or any(new):
                self._refresh_summaries(self._stories_of(changed), self._next_revision())
            return new

        return self._write("articles", work)

    def _revised_articles(self, content_ids: list[str]) -> dict[str, str]:
        """Content id -> the article one of whose later revisions has that text (kept by crosswire watch)."""
        rows = self._rows(
            "SELECT content_id, MIN(article_id) FROM revisions WHERE content_id = ANY(%s) AND article_id <> content_id"
            " GROUP BY content_id",
            (content_ids,),
        )
        return {row[0]: row[1] for row in rows}

    def _fill_missing(self, article: Article) -> bool:
        """A second sighting may carry metadata the first lacked; fill gaps, never overwrite."""
        missing = known_metadata(article)
        if not missing:
            return False
        # The column names are this function's own, never input.
        sets = ", ".join(f"{column} = COALESCE({column}, %s)" for column in missing)
        gaps = " OR ".join(f"{column} IS NULL" for column in missing)
        cursor = self._execute(
            f"UPDATE articles SET {sets} WHERE id = %s AND ({gaps})", [*missing.values(), article.id]
        )
        return cursor.rowcount > 0

    def begin_batch(self, command: str) -> int:
        row = self._one("INSERT INTO batches (command, started_at) VALUES (%s, %s) RETURNING id", (command, now()))
        return int(row[0])

    def finish_batch(self, batch: int, counts: dict[str, int]) -> None:
        self._execute(
            "UPDATE batches SET finished_at = %s, counts = %s WHERE id = %s", (now(), json.dumps(counts), batch)
        )

    def add_problems(self, batch: int, problems: Iterable[Problem]) -> None:
        rows = [(batch, p.source, p.line, p.reason, p.severity) for p in problems]
        if rows:
            self._write(
                "problems",
                lambda: self._many(
                    "INSERT INTO problems (batch_id, source, line, reason, severity) VALUES (%s, %s, %s, %s, %s)",
                    rows,
                ),
            )

    # --- reading articles -----------------------------------------------------------------------------

    def get_article(self, article_id: str) -> Article | None:
        rows = self._rows(f"SELECT {ARTICLE_READ} FROM articles WHERE id = %s", (article_id,))
        if not rows and len(article_id) >= 6:
            span = hex_prefix_range(article_id)
            if span is not None:
                rows = self._rows(f"SELECT {ARTICLE_READ} FROM articles WHERE id >= %s AND id < %s LIMIT 2", span)
            if len(rows) > 1:
                raise LedgerError(f"article id prefix {article_id!r} is ambiguous; give more characters")
        return self._articles(rows)[0] if rows else None

    def iter_articles(self, where: ArticleFilter | None = None) -> Iterator[Article]:
        where = where or ArticleFilter()
        clause, params = _where(article_filter_values(where), _ARTICLE_TESTS)
        rows = self._rows(
            f"SELECT {ARTICLE_READ} FROM articles{clause}"
            " ORDER BY published_utc IS NULL, published_utc, id LIMIT %s OFFSET %s",
            [*params, where.limit, where.offset],
        )
        for offset in range(0, len(rows), CHUNK):
            yield from self._articles(rows[offset : offset + CHUNK])

    def count_articles(self, where: ArticleFilter | None = None) -> int:
        clause, params = _where(article_filter_values(where or ArticleFilter()), _ARTICLE_TESTS)
        return int(self._one("SELECT COUNT(*) FROM articles" + clause, params)[0])

    def article_briefs(self, article_ids: Iterable[str]) -> dict[str, ArticleBrief]:
        rows = self._rows(
            "SELECT id, title, outlet, published, CASE WHEN title IS NULL THEN substr(text, 1, 80) END"
            " FROM articles WHERE id = ANY(%s)",
            (sorted(set(article_ids)),),
        )
        return {
            row[0]: ArticleBrief(
                id=row[0],
                title=headline(row[1], row[4] or "", row[0]),
                outlet=row[2],
                published=parse_published(row[3]),
            )
            for row in rows
        }

    def sources_under(self, prefix: str) -> set[str]:
        # A range, not LIKE: nothing in a path acts as a wildcard (the column sorts by code point).
        rows = self._rows(
            "SELECT DISTINCT source FROM sightings WHERE source >= %s AND source < %s", (prefix, prefix + "\U0010ffff")
        )
        return {row[0] for row in rows}

    def outlets(self) -> list[str]:
        rows = self._rows("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL")
        return sorted((row[0] for row in rows), key=str.casefold)

    def problems(self) -> list[Problem]:
        rows = self._rows(
            "SELECT source, line, reason, severity FROM problems WHERE batch_id ="
            " (SELECT MAX(batch_id) FROM problems) ORDER BY id"
        )
        return [Problem(r[0], r[2], line=r[1], severity=r[3]) for r in rows]

    def _articles(self, rows: Sequence[tuple[Any, ...]]) -> list[Article]:
        """Article records from rows of :data:`READ_COLUMNS`, with their sightings (one query for them all)."""
        sightings: dict[str, list[Sighting]] = defaultdict(list)
        for found in self._rows(
            "SELECT article_id, source, url, outlet FROM sightings WHERE article_id = ANY(%s) ORDER BY seq",
            ([row[0] for row in rows],),
        ):
            sightings[found[0]].append(Sighting(found[1], found[2], found[3]))
        # A row may go on past the article's columns (findings read with it).
        named = [dict(zip(READ_COLUMNS, row, strict=False)) for row in rows]
        return [article_from_row(values, sightings.get(values["id"], ())) for values in named]

    def _tsquery(self, query: str) -> str | None:
        """The search words as a tsquery: each word's lexemes as PostgreSQL's parser reads the texts,
        all required; a trailing ``*`` makes a word's last lexeme a prefix. User input never reaches
        tsquery's own syntax: the lexemes are written out by the server."""
        words = query.split()
        if not words:
            return None
        rows = self._rows(
            "SELECT plainto_tsquery('simple', w)::text FROM unnest(%s::text[]) WITH ORDINALITY AS t(w, n) ORDER BY n",
            (["".join(c for c in w.rstrip("*") if c.isprintable()) for w in words],),
        )
        parts = [
            f"({row[0]}{':*' if raw.endswith('*') else ''})" for raw, row in zip(words, rows, strict=True) if row[0]
        ]
        return " & ".join(parts) or None

    def search_count(self, query: str) -> int:
        tsquery = self._tsquery(query)
        if tsquery is None:
            return 0
        return int(self._one("SELECT COUNT(*) FROM articles WHERE search @@ %s::tsquery", (tsquery,))[0])

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        tsquery = self._tsquery(query)
        if tsquery is None:
            return []
        # Snippets only for the page's articles (ts_headline reads the whole text).
        rows = self._rows(
            "SELECT a.id, a.title, a.outlet, a.published, ts_headline('simple', a.text, hit.q, %s)"
            " FROM (SELECT id, q, ts_rank(%s::float4[], search, q, 1) AS rank FROM articles, CAST(%s AS tsquery) AS q"
            "       WHERE search @@ q ORDER BY rank DESC, id LIMIT %s OFFSET %s) hit"
            " JOIN articles a ON a.id = hit.id ORDER BY hit.rank DESC, hit.id",
            (_HEADLINE, _RANK_WEIGHTS, tsquery, limit, offset),
        )
        return [{"id": r[0], "title": r[1], "outlet": r[2], "published": r[3], "snippet": r[4]} for r in rows]

    # --- extractions -----------------------------------------------------------------------------------

    def count_to_extract(self, version: str) -> int:
        row = self._one(
            "SELECT COUNT(*) FROM articles a LEFT JOIN extractions e ON e.article_id = a.id"
            " WHERE e.article_id IS NULL OR e.version <> %s",
            (version,),
        )
        return int(row[0])

    def articles_to_extract(self, version: str) -> Iterator[Article]:
        # Ids first: the caller writes extractions while this generator is still being read.
        ids = [
            row[0]
            for row in self._rows(
                "SELECT a.id FROM articles a LEFT JOIN extractions e ON e.article_id = a.id"
                " WHERE e.article_id IS NULL OR e.version <> %s"
                " ORDER BY a.published_utc IS NULL, a.published_utc, a.id",
                (version,),
            )
        ]
        for offset in range(0, len(ids), CHUNK):
            chunk = ids[offset : offset + CHUNK]
            rows = self._rows(f"SELECT {ARTICLE_READ} FROM articles WHERE id = ANY(%s)", (chunk,))
            by_id = {article.id: article for article in self._articles(rows)}
            for article_id in chunk:
                if article_id in by_id:
                    yield by_id[article_id]

    def put_extractions(self, found: Sequence[tuple[str, dict[str, Any]]], version: str) -> None:
        stamp = now()
        rows = sorted((article_id, version, record_json(data), stamp) for article_id, data in found)

        def work() -> None:
            self._many(_upsert("extractions", ("article_id", "version", "data", "extracted_at"), ("article_id",)), rows)
            # A story page shows its articles' findings: the stories of re-extracted articles change.
            stories = self._stories_of([article_id for article_id, _ in found])
            self._refresh_summaries(stories, self._next_revision())

        self._write("extractions", work)

    def get_extraction(self, article_id: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT data FROM extractions WHERE article_id = %s", (article_id,))
        return self._corrected(article_id, dict(json.loads(rows[0][0]))) if rows else None

    def _with_findings(
        self, rows: Sequence[tuple[Any, ...]], kinds: Sequence[str] | None, *, whole: bool = False
    ) -> Iterator[tuple[Article, dict[str, Any]]]:
        """Rows of article columns followed by the findings (:meth:`_finding_columns`), as records;
        ``whole``: followed by the whole extraction as text, of which ``kinds`` are kept."""
        for offset in range(0, len(rows), CHUNK):
            chunk = rows[offset : offset + CHUNK]
            for row, article in zip(chunk, self._articles(chunk), strict=True):
                extra = row[len(READ_COLUMNS) :]
                if kinds is None:
                    findings = dict(json.loads(extra[0]))
                elif whole:  # the server could not read it: see _reading_json
                    data = json.loads(extra[0])
                    findings = {kind: data[kind] for kind in kinds if data.get(kind) is not None}
                else:  # json values arrive parsed; a kind the document lacks is NULL
                    findings = {kind: value for kind, value in zip(kinds, extra, strict=True) if value is not None}
                yield article, self._corrected(article.id, findings)

    @staticmethod
    def _finding_columns(kinds: Sequence[str] | None) -> tuple[str, list[str]]:
        """The columns that read an extraction (only ``kinds`` of it, read inside the server, when given)."""
        if kinds is None:
            return "e.data", []
        return ", ".join("e.data::json -> %s" for _ in kinds) or "NULL", list(kinds)

    def _article_columns(self, alias: str) -> str:
        return ", ".join(f"{alias}.{column}" for column in READ_COLUMNS)

    def extractions_of(
        self, article_ids: Iterable[str], *, kinds: Sequence[str] | None = None
    ) -> dict[str, tuple[Article, dict[str, Any]]]:
        rows, whole = self._finding_rows(
            f"SELECT {self._article_columns('a')}, {{columns}} FROM articles a"
            " JOIN extractions e ON e.article_id = a.id WHERE a.id = ANY(%s)",
            [sorted(set(article_ids))],
            kinds,
        )
        return {article.id: (article, found) for article, found in self._with_findings(rows, kinds, whole=whole)}

    def unlinked_extractions(self, version: str) -> list[tuple[Article, dict[str, Any]]]:
        rows = self._rows(
            "SELECT a.id FROM articles a JOIN extractions e ON e.article_id = a.id"
            " LEFT JOIN linked l ON l.article_id = a.id AND l.version = %s WHERE l.article_id IS NULL",
            (version,),
        )
        found = self.extractions_of(row[0] for row in rows)
        return sorted(found.values(), key=lambda item: order_key(item[0]))

    def iter_extractions(self, *, kinds: Sequence[str] | None = None) -> Iterator[tuple[Article, dict[str, Any]]]:
        rows, whole = self._finding_rows(
            f"SELECT {self._article_columns('a')}, {{columns}} FROM articles a"
            " JOIN extractions e ON e.article_id = a.id ORDER BY a.published_utc IS NULL, a.published_utc, a.id",
            [],
            kinds,
        )
        yield from self._with_findings(rows, kinds, whole=whole)

    def _finding_rows(
        self, query: str, params: Sequence[Any], kinds: Sequence[str] | None
    ) -> tuple[list[tuple[Any, ...]], bool]:
        """The rows of ``query`` (its ``{columns}`` the findings of ``kinds``), and whether they hold the
        whole extraction as text instead: when the server cannot read a stored record as JSON (see
        :meth:`_reading_json`)."""
        columns, paths = self._finding_columns(kinds)
        rows, inside = self._reading_json(
            (query.format(columns=columns), [*paths, *params]), (query.format(columns="e.data"), list(params))
        )
        return rows, not inside and kinds is not None

    def _reading_json(
        self, inside: tuple[str, Sequence[Any]], outside: tuple[str, Sequence[Any]]
    ) -> tuple[list[tuple[Any, ...]], bool]:
        """The rows of the query ``inside`` (which reads stored JSON inside the server), or, when the
        server cannot read a stored record as JSON, those of ``outside`` (which reads it as text); and
        whether they are those of ``inside``.

        Ledgers written by older versions may hold ``Infinity`` or ``NaN`` in an extraction (a figure
        of hundreds of digits), which PostgreSQL's ``json`` refuses; Python reads them, so one such
        article never fails a page, a report or a run. The first query runs in a savepoint, so a
        write it is part of goes on.
        """
        sql, params = inside
        try:
            with self._conn.transaction():
                return self._conn.execute(sql, [_clean(p) for p in params] if params else None).fetchall(), True
        except pg_errors.InvalidTextRepresentation as exc:
            if "json" not in str(exc):
                raise LedgerError(f"{self._location}: {_one_line(exc)}") from None
            log.info("an extraction the server cannot read as JSON; reading these in Python")
        return self._rows(*outside), False

    # --- links, stories, assessments -------------------------------------------------------------------

    def linking(self) -> AbstractContextManager[None]:
        return self._lock("link", "linking run")

    def load_state(self, name: str, version: str) -> bytes | None:
        rows = self._rows("SELECT data FROM state WHERE name = %s AND version = %s", (name, version))
        return bytes(rows[0][0]) if rows else None

    def load_link_items(self, name: str, version: str, keys: Iterable[str]) -> dict[str, bytes]:
        rows = self._rows(
            "SELECT key, data FROM link_items WHERE name = %s AND version = %s AND key = ANY(%s)",
            (name, version, sorted(set(keys))),
        )
        return {row[0]: bytes(row[1]) for row in rows}

    def reset_links(self) -> None:
        def work() -> None:
            tables = [
                "links",
                "stories",
                "story_articles",
                "assessments",
                "linked",
                "state",
                "story_summaries",
                "relink",
                "link_items",
            ]
            for table in tables:
                self._execute(f"DELETE FROM {table}")

        self._write("links", work)

    def pending_relinks(self) -> list[str]:
        return [row[0] for row in self._rows("SELECT article_id FROM relink ORDER BY article_id")]

    def apply_links(self, update: LinkUpdate) -> None:
        self._write("links", lambda: self._apply(update))

    def _apply(self, update: LinkUpdate) -> None:
        if update.corrections_linked:  # only the entries this run read: later ones wait for the next run
            self._execute("DELETE FROM corrected_articles WHERE seq = ANY(%s)", (sorted(update.corrections_linked),))
        if update.forgotten:
            forgotten = sorted(update.forgotten)
            self._execute("DELETE FROM links WHERE a_article = ANY(%s) OR b_article = ANY(%s)", (forgotten, forgotten))
            self._execute("DELETE FROM relink WHERE article_id = ANY(%s)", (forgotten,))
            # placed again if re-added
            self._execute("DELETE FROM story_articles WHERE article_id = ANY(%s)", (forgotten,))
        changed: set[str] = set(update.assessed_stories)
        if update.replace_kinds and update.replace_articles:
            self._execute(
                "DELETE FROM links WHERE kind = ANY(%s) AND (a_article = ANY(%s) OR b_article = ANY(%s))",
                (list(update.replace_kinds), update.replace_articles, update.replace_articles),
            )
        if update.delete_links:
            self._execute("DELETE FROM links WHERE id = ANY(%s)", (sorted(update.delete_links),))
        self._many(
            _upsert("links", LINK_COLUMNS, ("id",)),
            sorted((link_row(link) for link in update.links), key=lambda row: row[0]),  # id order: see add_articles
        )
        if update.stories is not None:
            before = {row[0]: row[1] for row in self._rows("SELECT id, data FROM stories")}
            after = {s["id"]: record_json(s) for s in update.stories}
            changed.update(i for i in after.keys() | before.keys() if before.get(i) != after.get(i))
            self._execute("DELETE FROM stories")
            self._many(
                "INSERT INTO stories (id, label, first_day, last_day, data) VALUES (%s, %s, %s, %s, %s)",
                [(s["id"], s["label"], s.get("first"), s.get("last"), after[s["id"]]) for s in update.stories],
            )
        if update.assignments is not None:
            self._execute("DELETE FROM story_articles")
            self._many(
                "INSERT INTO story_articles (article_id, story_id) VALUES (%s, %s)", sorted(update.assignments.items())
            )
        if update.stories is not None:  # assessments of stories that merged away go with them
            self._execute("DELETE FROM assessments WHERE story_id NOT IN (SELECT id FROM stories)")
        if update.removed_stories:
            removed = sorted(update.removed_stories)
            self._execute("DELETE FROM stories WHERE id = ANY(%s)", (removed,))
            self._execute("DELETE FROM assessments WHERE story_id = ANY(%s)", (removed,))
        self._many(
            _upsert("stories", ("id", "label", "first_day", "last_day", "data"), ("id",)),
            sorted(
                (s["id"], s["label"], s.get("first"), s.get("last"), json.dumps(s, ensure_ascii=False))
                for s in update.story_changes
            ),
        )
        self._many(
            _upsert("story_articles", ("article_id", "story_id"), ("article_id",)),
            sorted(update.assignment_changes.items()),
        )
        changed.update(update.removed_stories)
        changed.update(s["id"] for s in update.story_changes)
        if update.assessed_stories:
            self._execute("DELETE FROM assessments WHERE story_id = ANY(%s)", (update.assessed_stories,))
        if update.removed_assessments:
            gone = sorted(update.removed_assessments)
            changed.update(
                row[0] for row in self._rows("SELECT DISTINCT story_id FROM assessments WHERE id = ANY(%s)", (gone,))
            )
            self._execute("DELETE FROM assessments WHERE id = ANY(%s)", (gone,))
        changed.update(a["story_id"] for a in update.assessments if a.get("story_id"))
        self._many(
            _upsert("assessments", ASSESSMENT_COLUMNS, ("id",)),
            sorted((assessment_row(a) for a in update.assessments), key=lambda row: row[0]),
        )
        self._many(
            _upsert("linked", ("article_id", "version"), ("article_id",)),
            sorted((article_id, update.version) for article_id in set(update.linked)),
        )
        self._many(
            _upsert("state", ("name", "version", "data"), ("name",)),
            sorted((name, version, data) for name, (version, data) in update.states.items()),
        )
        for name, records in sorted(update.items.items()):
            deleted = sorted(key for key, data in records.items() if data is None)
            if deleted:
                self._execute("DELETE FROM link_items WHERE name = %s AND key = ANY(%s)", (name, deleted))
            self._many(
                _upsert("link_items", ("name", "key", "version", "data"), ("name", "key")),
                sorted((name, key, update.version, data) for key, data in records.items() if data is not None),
            )
        touched = {*update.linked, *update.replace_articles}
        touched.update(link[end]["article_id"] for link in update.links for end in ("a", "b"))
        self._refresh_summaries(changed | self._stories_of(touched), self._next_revision())

    def _stories_of(self, article_ids: Iterable[str]) -> set[str]:
        ids = sorted(set(article_ids))
        if not ids:
            return set()
        rows = self._rows("SELECT DISTINCT story_id FROM story_articles WHERE article_id = ANY(%s)", (ids,))
        return {row[0] for row in rows}

    def _next_revision(self) -> int:
        """Move the ledger's revision on (inside the caller's transaction) and return it.

        The row stays locked until the transaction ends: writers pass this point one at a time.
        """
        return int(self._one("UPDATE counters SET value = value + 1 WHERE name = 'revision' RETURNING value")[0])

    def _refresh_summaries(self, story_ids: set[str], revision: int) -> None:
        """Rewrite the summaries of these stories under ``revision`` (inside the caller's transaction)."""
        if not story_ids:
            return
        ids = sorted(story_ids)
        self._execute("DELETE FROM story_summaries WHERE story_id = ANY(%s)", (ids,))
        stories = {
            r[0]: json.loads(r[1]) for r in self._rows("SELECT id, data FROM stories WHERE id = ANY(%s)", (ids,))
        }
        members: dict[str, list[str]] = defaultdict(list)
        for r in self._rows("SELECT story_id, article_id FROM story_articles WHERE story_id = ANY(%s)", (ids,)):
            members[r[0]].append(r[1])
        every = [a for story in members.values() for a in story]
        statuses: dict[str, dict[str, int]] = defaultdict(dict)
        for r in self._rows(
            "SELECT story_id, status, COUNT(*) FROM assessments WHERE story_id = ANY(%s) GROUP BY story_id, status",
            (ids,),
        ):
            statuses[r[0]][r[1]] = int(r[2])
        self._many(
            "INSERT INTO story_summaries (story_id, revision, first_day, last_day, search, outlets, places,"
            " people, data) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            summary_rows(stories, members, self.article_briefs(every), statuses, self._stances(every), revision),
        )

    def _stances(self, article_ids: Sequence[str]) -> dict[str, list[str | None]]:
        """Article id -> the stance of each of its extracted claims (read inside the server, not parsed here)."""
        stances: dict[str, list[str | None]] = defaultdict(list)
        ids = sorted(article_ids)
        rows, inside = self._reading_json(
            (
                "SELECT e.article_id, c ->> 'stance' FROM (SELECT article_id, data::json -> 'claims' AS claims"
                " FROM extractions WHERE article_id = ANY(%s)) e,"
                " json_array_elements(CASE WHEN json_typeof(e.claims) = 'array' THEN e.claims END) c",
                (ids,),
            ),
            ("SELECT article_id, data FROM extractions WHERE article_id = ANY(%s)", (ids,)),
        )
        if not inside:
            rows = claim_stances(rows)
        for row in rows:
            stances[row[0]].append(row[1])
        return stances

    def iter_links(self, *, kind: str | None = None, article_id: str | None = None) -> Iterator[dict[str, Any]]:
        clauses, params = [], []
        if kind:
            clauses.append("kind = %s")
            params.append(kind)
        if article_id:
            clauses.append("(a_article = %s OR b_article = %s)")
            params.extend([article_id, article_id])
        sql = "SELECT data FROM links" + (" WHERE " + " AND ".join(clauses) if clauses else "") + " ORDER BY kind, id"
        links = [json.loads(row[0]) for row in self._rows(sql, params)]
        yield from self._corrected_links(links, kind=kind, article_id=article_id)

    def links_among(self, article_ids: Iterable[str], kinds: Sequence[str] | None = None) -> list[dict[str, Any]]:
        ids = sorted(set(article_ids))
        kind_clause = " AND kind = ANY(%s)" if kinds else ""
        rows = self._rows(
            f"SELECT data FROM links WHERE a_article = ANY(%s) AND b_article = ANY(%s){kind_clause} ORDER BY kind, id",
            (ids, ids, list(kinds)) if kinds else (ids, ids),
        )
        return self._corrected_among([json.loads(row[0]) for row in rows], ids)

    def _story_rows(self, select: str, where: StoryFilter | None) -> list[tuple[Any, ...]]:
        """``select`` (over ``story_summaries m``) filtered and paged by ``where``, earliest story first."""
        where = where or StoryFilter()
        clause, params = _where(story_filter_values(where), _STORY_TESTS)
        order = " ORDER BY m.first_day IS NULL, m.first_day, m.story_id LIMIT %s OFFSET %s"
        return self._rows(select + clause + order, [*params, where.limit, where.offset])

    def iter_stories(self, where: StoryFilter | None = None) -> Iterator[dict[str, Any]]:
        for row in self._story_rows("SELECT s.data FROM story_summaries m JOIN stories s ON s.id = m.story_id", where):
            yield json.loads(row[0])

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT data FROM stories WHERE id = %s", (story_id,))
        return dict(json.loads(rows[0][0])) if rows else None

    def story_of(self, article_id: str) -> str | None:
        rows = self._rows("SELECT story_id FROM story_articles WHERE article_id = %s", (article_id,))
        return str(rows[0][0]) if rows else None

    def story_assignments(self) -> dict[str, str]:
        return {row[0]: row[1] for row in self._rows("SELECT article_id, story_id FROM story_articles")}

    def story_summaries(self, where: StoryFilter | None = None) -> list[StorySummary]:
        rows = self._story_rows("SELECT m.data FROM story_summaries m", where)
        return [StorySummary.from_dict(json.loads(row[0])) for row in rows]

    def story_summary(self, story_id: str) -> StorySummary | None:
        rows = self._rows("SELECT data FROM story_summaries WHERE story_id = %s", (story_id,))
        return StorySummary.from_dict(json.loads(rows[0][0])) if rows else None

    def revision(self) -> int:
        return int(self._one("SELECT value FROM counters WHERE name = 'revision'")[0])

    def count_stories(self, where: StoryFilter | None = None) -> int:
        clause, params = _where(story_filter_values(where or StoryFilter()), _STORY_TESTS)
        return int(self._one("SELECT COUNT(*) FROM story_summaries m" + clause, params)[0])

    def iter_assessments(self, story_id: str | None = None) -> Iterator[dict[str, Any]]:
        sql = "SELECT data FROM assessments"
        params: list[Any] = []
        if story_id:
            sql += " WHERE story_id = %s"
            params.append(story_id)
        rows = self._rows(sql + " ORDER BY story_id, independent DESC, id", params)
        yield from self._reviewed(json.loads(row[0]) for row in rows)

    # --- corrections ----------------------------------------------------------------------------------

    def add_correction(self, correction: Correction) -> Correction:
        def work() -> Correction:
            stored = replace(correction, at=correction.at or now(), id=0)
            number = self._one(
                "INSERT INTO corrections (kind, article_id, other_id, made_by, made_at, data)"
                " VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
                (stored.kind, stored.article_id, stored.other_id, stored.by, stored.at, "{}"),
            )[0]
            stored = replace(stored, id=int(number))
            self._write_correction(stored)
            return stored

        return self._write("the correction", work)

    def undo_correction(self, correction_id: int, *, by: str, why: str) -> Correction | None:
        def work() -> Correction | None:
            # The row stays locked to the end: of two analysts undoing it at once, one does.
            rows = self._rows("SELECT data FROM corrections WHERE id = %s FOR UPDATE", (correction_id,))
            found = Correction.from_dict(json.loads(rows[0][0])) if rows else None
            if found is None or not found.active:
                return None
            stored = undone(found, by, now(), why)
            self._write_correction(stored)
            return stored

        return self._write("the undoing of a correction", work)

    def _write_correction(self, correction: Correction) -> None:
        """Store a correction's record and move on the revisions of the stories it touches (in a transaction)."""
        self._execute(
            "UPDATE corrections SET undone_at = %s, data = %s WHERE id = %s",
            (correction.undone_at, json.dumps(correction.as_dict(), ensure_ascii=False), correction.id),
        )
        if correction.kind in LINKED_KINDS:
            self._many(
                "INSERT INTO corrected_articles (article_id) VALUES (%s)", [(a,) for a in sorted(correction.touched())]
            )
        self._refresh_summaries(self._stories_of(correction.touched()), self._next_revision())

    def corrected_to_link(self) -> list[tuple[int, str]]:
        return [(int(r[0]), r[1]) for r in self._rows("SELECT seq, article_id FROM corrected_articles ORDER BY seq")]

    def get_correction(self, correction_id: int) -> Correction | None:
        rows = self._rows("SELECT data FROM corrections WHERE id = %s", (correction_id,))
        return Correction.from_dict(json.loads(rows[0][0])) if rows else None

    def corrections(
        self,
        *,
        article_ids: Iterable[str] | None = None,
        kinds: Sequence[str] | None = None,
        undone: bool = True,
    ) -> list[Correction]:
        clauses: list[str] = []
        params: list[Any] = []
        if kinds is not None:
            clauses.append("kind = ANY(%s)")
            params.append(list(kinds))
        if not undone:
            clauses.append("undone_at IS NULL")
        wanted = None if article_ids is None else sorted(set(article_ids))
        if wanted is not None:
            clauses.append("(article_id = ANY(%s) OR other_id = ANY(%s) OR kind IN ('merge', 'split'))")
            params.extend([wanted, wanted])
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        found = [
            Correction.from_dict(json.loads(row[0]))
            for row in self._rows(f"SELECT data FROM corrections{where} ORDER BY id", params)
        ]
        return found if wanted is None else self._touching(found, set(wanted))

    def _active_corrections(self) -> list[Correction]:
        rows = self._rows("SELECT data FROM corrections WHERE undone_at IS NULL ORDER BY id")
        return [Correction.from_dict(json.loads(row[0])) for row in rows]

    def _lengths(self, article_ids: Sequence[str]) -> dict[str, tuple[int, Any]]:
        rows = self._rows(
            "SELECT id, length(text), published_utc FROM articles WHERE id = ANY(%s)", (list(article_ids),)
        )
        return {row[0]: (int(row[1]), (row[2] is None, row[2] or "")) for row in rows}

    # --- the register of outlets ----------------------------------------------------------------------

    def outlet_entries(self) -> list[OutletEntry]:
        return [
            OutletEntry.from_dict(json.loads(row[0]))
            for row in self._rows("SELECT data FROM outlet_register ORDER BY key")
        ]

    def put_outlet_entries(self, entries: Sequence[OutletEntry], *, replace: bool = False) -> None:
        def work() -> None:
            if replace:
                self._execute("DELETE FROM outlet_register")
            self._put_outlets(entries)
            self._next_revision()

        self._write("the register of outlets", work)

    def _put_outlets(self, entries: Iterable[OutletEntry]) -> None:
        self._many(
            _upsert("outlet_register", ("key", "name", "data"), ("key",)),
            sorted(
                (key, e.name, json.dumps(e.as_dict(), ensure_ascii=False))
                for key, e in {e.key: e for e in entries}.items()
            ),
        )

    def remove_outlet_entry(self, name: str) -> bool:
        def work() -> bool:
            removed = self._execute("DELETE FROM outlet_register WHERE key = %s", (fold_name(name),)).rowcount > 0
            if removed:
                self._next_revision()
            return removed

        return self._write("the register of outlets", work)

    # --- users ----------------------------------------------------------------------------------------

    def users(self) -> list[User]:
        return [User.from_dict(json.loads(row[0])) for row in self._rows("SELECT data FROM users ORDER BY name_key")]

    def get_user(self, name: str) -> User | None:
        rows = self._rows("SELECT data FROM users WHERE name_key = %s", (name.casefold(),))
        return User.from_dict(json.loads(rows[0][0])) if rows else None

    def user_by_key(self, key: str) -> User | None:
        rows = self._rows("SELECT data FROM users WHERE token_key = %s", (key,))
        return User.from_dict(json.loads(rows[0][0])) if rows else None

    def put_user(self, user: User) -> None:
        def work() -> None:
            self._execute(
                _upsert("users", ("name_key", "token_key", "data"), ("name_key",)),
                (user.name.casefold(), user.key, json.dumps(user.as_dict(), ensure_ascii=False)),
            )
            self._next_revision()

        self._write("the user", work)

    def remove_user(self, name: str) -> bool:
        def work() -> bool:
            removed = self._execute("DELETE FROM users WHERE name_key = %s", (name.casefold(),)).rowcount > 0
            if removed:
                self._next_revision()
            return removed

        return self._write("the user", work)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> PostgresLedger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _AdvisoryLock:
    """A PostgreSQL session advisory lock, held from ``__enter__`` to ``__exit__`` (or until the
    connection closes, should the process die): one holder at a time across every connection."""

    def __init__(self, ledger: PostgresLedger, key: int, doing: str) -> None:
        self._ledger = ledger
        self._key = key
        self._doing = doing

    def __enter__(self) -> None:
        if not self._ledger._one("SELECT pg_try_advisory_lock(%s)", (self._key,))[0]:
            log.info("waiting for another process's %s on %s", self._doing, self._ledger.location)
            self._ledger._execute("SELECT pg_advisory_lock(%s)", (self._key,))

    def __exit__(self, *exc: object) -> None:
        try:
            self._ledger._execute("SELECT pg_advisory_unlock(%s)", (self._key,))
        except LedgerError as problem:  # the connection is gone, and the lock with it
            log.warning("%s", problem)
