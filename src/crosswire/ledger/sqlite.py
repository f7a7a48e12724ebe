"""The embedded ledger: one SQLite file (WAL mode, foreign keys, FTS5, a versioned schema).

:class:`SQLiteLedger` implements :class:`~crosswire.ledger.base.Ledger`; it is the only module
that knows SQL. The schema is migrated on open, one numbered migration at a time.

Writes happen in transactions: one batch of articles (with their sightings) commits whole or not
at all, so a run killed at any moment leaves only complete articles and can simply be run again.
"""

from __future__ import annotations

import fcntl
import json
import logging
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from pathlib import Path
from typing import IO, Any, TypeVar

from crosswire.desk.corrections import LINKED_KINDS, Correction, undone
from crosswire.desk.outlets import OutletEntry, fold_name, starter_register
from crosswire.desk.users import User
from crosswire.errors import LedgerError
from crosswire.ingest.problems import Problem
from crosswire.ledger.base import (
    ArticleBrief,
    ArticleFilter,
    LinkUpdate,
    StoryFilter,
    StorySummary,
)
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
from crosswire.ledger.watch import WatchStore
from crosswire.model import Article, Sighting, headline, parse_published

__all__ = ["DEFAULT_LEDGER", "SCHEMA_VERSION", "SQLiteLedger"]

log = logging.getLogger(__name__)

DEFAULT_LEDGER = "crosswire.db"

T = TypeVar("T")

CHUNK = 400
"""Ids per ``IN (...)`` list: well under SQLite's limit of bound parameters."""


def _statements(script: str) -> Iterator[str]:
    """The SQL statements of a script (a trigger's body keeps its inner semicolons)."""
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                yield buffer
            buffer = ""


def _fts_word(raw: str) -> str:
    """One search word as an FTS5 string literal (a trailing * kept as a prefix search).

    Control characters (a NUL ends the query string inside SQLite) and double quotes are dropped.
    """
    prefix = raw.endswith("*")
    word = "".join(c for c in raw.rstrip("*") if c != '"' and c.isprintable())
    if not word.strip():
        return ""
    return f'"{word}"' + ("*" if prefix else "")


def _fts_query(query: str) -> str:
    return " ".join(w for w in (_fts_word(raw) for raw in query.split()) if w)


def _chunks(values: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for offset in range(0, len(values), size):
        yield values[offset : offset + size]


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


_ARTICLE_TESTS = {
    "outlet": "outlet = ? COLLATE NOCASE",
    "published_from": "published_utc >= ?",
    "published_before": "published_utc < ?",
    "text": "(instr(lower(text), ?) > 0 OR instr(lower(COALESCE(title, '')), ?) > 0)",
}


def _where(tests: list[tuple[str, str]], sql: dict[str, str]) -> tuple[str, list[Any]]:
    """A WHERE clause of filter tests (see :mod:`crosswire.ledger.columns`), each written as ``sql`` says."""
    clauses = [sql[test] for test, _ in tests]
    params = [value for test, value in tests for _ in range(sql[test].count("?"))]
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _article_where(where: ArticleFilter) -> tuple[str, list[Any]]:
    return _where(article_filter_values(where), _ARTICLE_TESTS)


_STORY_TESTS = {
    "search": "instr(m.search, ?) > 0",
    "outlets": "instr(m.outlets, ?) > 0",
    "places": "instr(m.places, ?) > 0",
    "people": "instr(m.people, ?) > 0",
    "last_from": "COALESCE(m.last_day, '') >= ?",
    "first_until": "COALESCE(m.first_day, '9999') <= ?",
}


def _story_where(where: StoryFilter) -> tuple[str, list[Any]]:
    """The filter over ``story_summaries m`` (its columns hold case-folded text, one value per line)."""
    return _where(story_filter_values(where), _STORY_TESTS)


def _page(limit: int | None, offset: int) -> tuple[str, list[Any]]:
    if limit is None and not offset:
        return "", []
    return " LIMIT ? OFFSET ?", [-1 if limit is None else limit, offset]


def _finding_columns(kinds: Sequence[str] | None) -> tuple[str, list[str]]:
    """The columns that read an extraction (only ``kinds`` of it, when given) and their parameters.

    ``json_extract`` reads the kinds asked for inside SQLite, so the rest is never parsed in Python.
    """
    if kinds is None:
        return "e.data AS findings", []
    columns = ", ".join(f"json_extract(e.data, ?) AS kind_{n}" for n in range(len(kinds))) or "NULL"
    return columns, [f"$.{kind}" for kind in kinds]


def _row_findings(row: sqlite3.Row, kinds: Sequence[str] | None) -> dict[str, Any]:
    if kinds is None:
        return dict(json.loads(row["findings"]))
    if "findings" in row.keys():  # noqa: SIM118 (a Row's ``in`` looks at its values); see _unreadable_json
        data = json.loads(row["findings"])
        return {kind: data[kind] for kind in kinds if data.get(kind) is not None}
    found = {}
    for n, kind in enumerate(kinds):
        value = row[f"kind_{n}"]
        if value is not None:  # arrays and objects come back as JSON text
            found[kind] = json.loads(value) if isinstance(value, str) else value
    return found


def _unreadable_json(exc: sqlite3.OperationalError) -> bool:
    """SQLite's JSON functions met a stored record they cannot read.

    Ledgers written by older versions may hold ``Infinity`` or ``NaN`` in an extraction (a figure of
    hundreds of digits); the queries that read findings inside SQLite then read them in Python instead,
    so one such article never fails a page, a report or a run.
    """
    return "malformed JSON" in str(exc)


class SQLiteLedger(WatchStore, CorrectionsOverlay):
    """The embedded ledger: one SQLite file. Implements :class:`~crosswire.ledger.base.Ledger`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if path.exists() and path.is_dir():
            raise LedgerError(f"{path}: is a folder, not a ledger file")
        if not path.parent.exists():
            raise LedgerError(f"{path}: folder {path.parent} does not exist")
        try:
            self._db = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"{path}: not a usable crosswire ledger ({exc})") from None

    @property
    def location(self) -> str:
        return str(self.path)

    # --- schema -------------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        """The version of the ledger file's schema (``PRAGMA user_version``)."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise LedgerError(
                f"{self.path}: ledger schema version {version} is newer than this crosswire "
                f"understands ({SCHEMA_VERSION}); upgrade crosswire"
            )
        for number in range(version, SCHEMA_VERSION):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if self.schema_version > number:  # another process migrated it meanwhile
                    self._db.execute("COMMIT")
                    continue
                log.info("migrating ledger %s to schema version %d", self.path, number + 1)
                migration = MIGRATIONS[number]
                # executescript would commit the open transaction, so run statement by statement.
                for statement in _statements(migration.script("sqlite")):
                    self._db.execute(statement)
                if migration.after is not None:
                    getattr(self, migration.after)()
                self._db.execute(f"PRAGMA user_version = {number + 1}")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def _summarise_existing(self) -> None:
        """Migration 5: summaries of the stories a ledger already holds."""
        self._refresh_summaries({row[0] for row in self._db.execute("SELECT id FROM stories")}, self._next_revision())

    def _load_starter_register(self) -> None:
        """Migration 7: the starter register of outlets."""
        self._put_outlets(starter_register())

    # --- writing --------------------------------------------------------------------------------------

    def add_articles(self, articles: Sequence[Article], *, batch: int | None = None) -> list[bool]:
        new: list[bool] = []
        changed: list[str] = []
        added_at = now()
        try:
            self._db.execute("BEGIN IMMEDIATE")
            for article in articles:
                revised = self.revised_article_of(article.id)
                if revised is not None:  # the text of a later revision of another article: one more sighting
                    article = replace(article, id=revised)
                cursor = self._db.execute(
                    f"INSERT OR IGNORE INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({_marks(ARTICLE_COLUMNS)})",
                    article_row(article, added_at),
                )
                is_new = cursor.rowcount == 1
                if not is_new and self._fill_missing(article):
                    changed.append(article.id)
                new.append(is_new)
                for sighting in article.sightings:
                    cursor = self._db.execute(
                        "INSERT OR IGNORE INTO sightings (article_id, source, url, outlet, batch_id, seq)"
                        " VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM sightings))",
                        (article.id, sighting.source, sighting.url, sighting.outlet, batch),
                    )
                    if cursor.rowcount == 1 and not is_new:
                        changed.append(article.id)  # seen somewhere new: its page lists where
            if changed or any(new):
                self._refresh_summaries(self._stories_of(changed), self._next_revision())
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise LedgerError(f"{self.path}: could not store articles ({exc})") from None
        except BaseException:
            self._rollback()
            raise
        return new

    def _fill_missing(self, article: Article) -> bool:
        """A second sighting may carry metadata the first lacked; fill gaps, never overwrite.

        Returns whether anything was filled in.
        """
        missing = known_metadata(article)
        if not missing:
            return False
        # The column names are this function's own, never input.
        sets = ", ".join(f"{column} = COALESCE({column}, ?)" for column in missing)
        gaps = " OR ".join(f"{column} IS NULL" for column in missing)
        cursor = self._db.execute(
            f"UPDATE articles SET {sets} WHERE id = ? AND ({gaps})", [*missing.values(), article.id]
        )
        return cursor.rowcount > 0

    def _rollback(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    def begin_batch(self, command: str) -> int:
        cursor = self._db.execute("INSERT INTO batches (command, started_at) VALUES (?, ?)", (command, now()))
        return int(cursor.lastrowid or 0)

    def finish_batch(self, batch: int, counts: dict[str, int]) -> None:
        self._db.execute(
            "UPDATE batches SET finished_at = ?, counts = ? WHERE id = ?", (now(), json.dumps(counts), batch)
        )

    def add_problems(self, batch: int, problems: Iterable[Problem]) -> None:
        rows = [(batch, p.source, p.line, p.reason, p.severity) for p in problems]
        if rows:
            with self._transaction():
                self._db.executemany(
                    "INSERT INTO problems (batch_id, source, line, reason, severity) VALUES (?, ?, ?, ?, ?)",
                    rows,
                )

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    # --- reading articles -----------------------------------------------------------------------------

    def get_article(self, article_id: str) -> Article | None:
        row = self._db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None and len(article_id) >= 6:
            span = hex_prefix_range(article_id)
            rows = (
                []
                if span is None
                else self._db.execute("SELECT * FROM articles WHERE id >= ? AND id < ? LIMIT 2", span).fetchall()
            )
            if len(rows) > 1:
                raise LedgerError(f"article id prefix {article_id!r} is ambiguous; give more characters")
            row = rows[0] if rows else None
        return None if row is None else self._articles([row])[0]

    def iter_articles(self, where: ArticleFilter | None = None) -> Iterator[Article]:
        where = where or ArticleFilter()
        clause, params = _article_where(where)
        page, more = _page(where.limit, where.offset)
        sql = "SELECT * FROM articles" + clause + " ORDER BY published_utc IS NULL, published_utc, id" + page
        rows = self._db.execute(sql, [*params, *more]).fetchall()
        for offset in range(0, len(rows), CHUNK):
            yield from self._articles(rows[offset : offset + CHUNK])

    def count_articles(self, where: ArticleFilter | None = None) -> int:
        clause, params = _article_where(where or ArticleFilter())
        return int(self._db.execute("SELECT COUNT(*) FROM articles" + clause, params).fetchone()[0])

    def article_briefs(self, article_ids: Iterable[str]) -> dict[str, ArticleBrief]:
        briefs: dict[str, ArticleBrief] = {}
        for chunk in _chunks(sorted(set(article_ids))):
            rows = self._db.execute(
                "SELECT id, title, outlet, published, CASE WHEN title IS NULL THEN substr(text, 1, 80) END AS lead"
                f" FROM articles WHERE id IN ({_marks(chunk)})",
                chunk,
            )
            for row in rows:
                briefs[row["id"]] = ArticleBrief(
                    id=row["id"],
                    title=headline(row["title"], row["lead"] or "", row["id"]),
                    outlet=row["outlet"],
                    published=parse_published(row["published"]),
                )
        return briefs

    def sources_under(self, prefix: str) -> set[str]:
        # A range, not LIKE: nothing in a path acts as a wildcard.
        rows = self._db.execute(
            "SELECT DISTINCT source FROM sightings WHERE source >= ? AND source < ?", (prefix, prefix + "\U0010ffff")
        )
        return {row[0] for row in rows}

    def outlets(self) -> list[str]:
        rows = self._db.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL").fetchall()
        return sorted((row[0] for row in rows), key=str.casefold)

    def problems(self) -> list[Problem]:
        rows = self._db.execute(
            "SELECT source, line, reason, severity FROM problems WHERE batch_id ="
            " (SELECT MAX(batch_id) FROM problems) ORDER BY id"
        ).fetchall()
        return [Problem(r["source"], r["reason"], line=r["line"], severity=r["severity"]) for r in rows]

    def _articles(self, rows: Sequence[sqlite3.Row]) -> list[Article]:
        """Article records from rows of ``articles``, with their sightings (one query for them all)."""
        sightings: dict[str, list[Sighting]] = defaultdict(list)
        ids = [row["id"] for row in rows]
        for chunk in _chunks(ids):
            for found in self._db.execute(
                f"SELECT article_id, source, url, outlet FROM sightings WHERE article_id IN ({_marks(chunk)})"
                " ORDER BY seq",
                chunk,
            ):
                sightings[found[0]].append(Sighting(found["source"], found["url"], found["outlet"]))
        return [article_from_row(row, sightings.get(row["id"], ())) for row in rows]

    def search_count(self, query: str) -> int:
        words = _fts_query(query)
        if not words:
            return 0
        row = self._db.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?", (words,))
        return int(row.fetchone()[0])

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        words = _fts_query(query)
        if not words:
            return []
        rows = self._db.execute(
            "SELECT a.id, a.title, a.outlet, a.published,"
            " snippet(articles_fts, 1, '[', ']', ' … ', 16) AS snippet"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 4.0, 1.0) LIMIT ? OFFSET ?",
            (words, limit, offset),
        ).fetchall()
        return [dict(row) for row in rows]

    # --- extractions -----------------------------------------------------------------------------------

    def count_to_extract(self, version: str) -> int:
        row = self._db.execute(
            "SELECT COUNT(*) FROM articles a LEFT JOIN extractions e ON e.article_id = a.id"
            " WHERE e.article_id IS NULL OR e.version != ?",
            (version,),
        ).fetchone()
        return int(row[0])

    def articles_to_extract(self, version: str) -> Iterator[Article]:
        # Ids first: the caller writes extractions while this generator is still being read.
        ids = [
            row[0]
            for row in self._db.execute(
                "SELECT a.id FROM articles a LEFT JOIN extractions e ON e.article_id = a.id"
                " WHERE e.article_id IS NULL OR e.version != ?"
                " ORDER BY a.published_utc IS NULL, a.published_utc, a.id",
                (version,),
            )
        ]
        for chunk in _chunks(ids):
            rows = self._db.execute(f"SELECT * FROM articles WHERE id IN ({_marks(chunk)})", chunk).fetchall()
            by_id = {article.id: article for article in self._articles(rows)}
            for article_id in chunk:
                yield by_id[article_id]

    def put_extractions(self, found: Sequence[tuple[str, dict[str, Any]]], version: str) -> None:
        stamp = now()
        try:
            with self._transaction():
                self._db.executemany(
                    "INSERT OR REPLACE INTO extractions (article_id, version, data, extracted_at) VALUES (?, ?, ?, ?)",
                    [(article_id, version, record_json(data), stamp) for article_id, data in found],
                )
                # A story page shows its articles' findings: the stories of re-extracted articles change.
                stories = self._stories_of([article_id for article_id, _ in found])
                self._refresh_summaries(stories, self._next_revision())
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: could not store extractions ({exc})") from None

    def get_extraction(self, article_id: str) -> dict[str, Any] | None:
        row = self._db.execute("SELECT data FROM extractions WHERE article_id = ?", (article_id,)).fetchone()
        return None if row is None else self._corrected(article_id, dict(json.loads(row["data"])))

    def extractions_of(
        self, article_ids: Iterable[str], *, kinds: Sequence[str] | None = None
    ) -> dict[str, tuple[Article, dict[str, Any]]]:
        ids = sorted(set(article_ids))
        found: dict[str, tuple[Article, dict[str, Any]]] = {}
        for chunk in _chunks(ids):
            rows = self._finding_rows(
                "SELECT a.*, {columns} FROM articles a JOIN extractions e ON e.article_id = a.id"
                f" WHERE a.id IN ({_marks(chunk)})",
                chunk,
                kinds,
            )
            for row, article in zip(rows, self._articles(rows), strict=True):
                found[article.id] = (article, self._corrected(article.id, _row_findings(row, kinds)))
        return found

    def unlinked_extractions(self, version: str) -> list[tuple[Article, dict[str, Any]]]:
        rows = self._db.execute(
            "SELECT a.id FROM articles a JOIN extractions e ON e.article_id = a.id"
            " LEFT JOIN linked l ON l.article_id = a.id AND l.version = ? WHERE l.article_id IS NULL",
            (version,),
        ).fetchall()
        found = self.extractions_of(row[0] for row in rows)
        return sorted(found.values(), key=lambda item: order_key(item[0]))

    def iter_extractions(self, *, kinds: Sequence[str] | None = None) -> Iterator[tuple[Article, dict[str, Any]]]:
        rows = self._finding_rows(
            "SELECT a.*, {columns} FROM articles a JOIN extractions e ON e.article_id = a.id"
            " ORDER BY a.published_utc IS NULL, a.published_utc, a.id",
            [],
            kinds,
        )
        for offset in range(0, len(rows), CHUNK):
            chunk = rows[offset : offset + CHUNK]
            for row, article in zip(chunk, self._articles(chunk), strict=True):
                yield article, self._corrected(article.id, _row_findings(row, kinds))

    def _finding_rows(self, query: str, params: Sequence[Any], kinds: Sequence[str] | None) -> list[sqlite3.Row]:
        """The rows of ``query`` (its ``{columns}`` the findings of ``kinds``), read in Python when
        SQLite cannot read a stored record (see :func:`_unreadable_json`)."""
        columns, paths = _finding_columns(kinds)
        try:
            return self._db.execute(query.format(columns=columns), [*paths, *params]).fetchall()
        except sqlite3.OperationalError as exc:
            if not _unreadable_json(exc):
                raise
            log.info("an extraction SQLite cannot read as JSON; reading these in Python")
        return self._db.execute(query.format(columns="e.data AS findings"), list(params)).fetchall()

    # --- links, stories, assessments -------------------------------------------------------------------

    def linking(self) -> AbstractContextManager[None]:
        return _FileLock(self.path.with_name(self.path.name + ".lock"))

    def load_state(self, name: str, version: str) -> bytes | None:
        row = self._db.execute("SELECT data FROM state WHERE name = ? AND version = ?", (name, version)).fetchone()
        return None if row is None else bytes(row[0])

    def load_link_items(self, name: str, version: str, keys: Iterable[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for chunk in _chunks(sorted(set(keys))):
            rows = self._db.execute(
                f"SELECT key, data FROM link_items WHERE name = ? AND version = ? AND key IN ({_marks(chunk)})",
                [name, version, *chunk],
            )
            found.update((row[0], bytes(row[1])) for row in rows)
        return found

    def reset_links(self) -> None:
        with self._transaction():
            for table in (
                "links",
                "stories",
                "story_articles",
                "assessments",
                "linked",
                "state",
                "story_summaries",
                "relink",
                "link_items",
            ):
                self._db.execute(f"DELETE FROM {table}")

    def apply_links(self, update: LinkUpdate) -> None:
        try:
            with self._transaction():
                self._apply(update)
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: could not store links ({exc})") from None

    def _apply(self, update: LinkUpdate) -> None:
        db = self._db
        for entries in _chunks(update.corrections_linked):
            db.execute(f"DELETE FROM corrected_articles WHERE seq IN ({_marks(entries)})", entries)
        for article_id in update.forgotten:
            db.execute("DELETE FROM links WHERE a_article = ? OR b_article = ?", (article_id, article_id))
            db.execute("DELETE FROM relink WHERE article_id = ?", (article_id,))
            db.execute("DELETE FROM story_articles WHERE article_id = ?", (article_id,))  # placed again if re-added
        changed: set[str] = set(update.assessed_stories)
        if update.replace_kinds and update.replace_articles:
            kinds = _marks(update.replace_kinds)
            for chunk in _chunks(update.replace_articles):
                marks = _marks(chunk)
                db.execute(
                    f"DELETE FROM links WHERE kind IN ({kinds}) AND (a_article IN ({marks}) OR b_article IN ({marks}))",
                    [*update.replace_kinds, *chunk, *chunk],
                )
        db.executemany("DELETE FROM links WHERE id = ?", [(link_id,) for link_id in update.delete_links])
        db.executemany(
            f"INSERT OR REPLACE INTO links ({', '.join(LINK_COLUMNS)}) VALUES ({_marks(LINK_COLUMNS)})",
            [link_row(link) for link in update.links],
        )
        if update.stories is not None:
            before = {row[0]: row[1] for row in db.execute("SELECT id, data FROM stories")}
            after = {s["id"]: record_json(s) for s in update.stories}
            changed.update(i for i in after.keys() | before.keys() if before.get(i) != after.get(i))
            db.execute("DELETE FROM stories")
            db.executemany(
                "INSERT INTO stories (id, label, first_day, last_day, data) VALUES (?, ?, ?, ?, ?)",
                [(s["id"], s["label"], s.get("first"), s.get("last"), after[s["id"]]) for s in update.stories],
            )
        if update.assignments is not None:
            db.execute("DELETE FROM story_articles")
            db.executemany(
                "INSERT INTO story_articles (article_id, story_id) VALUES (?, ?)",
                list(update.assignments.items()),
            )
        if update.stories is not None:  # assessments of stories that merged away go with them
            db.execute("DELETE FROM assessments WHERE story_id NOT IN (SELECT id FROM stories)")
        removed = [(story,) for story in update.removed_stories]
        db.executemany("DELETE FROM stories WHERE id = ?", removed)
        db.executemany("DELETE FROM assessments WHERE story_id = ?", removed)
        db.executemany(
            "INSERT OR REPLACE INTO stories (id, label, first_day, last_day, data) VALUES (?, ?, ?, ?, ?)",
            [
                (s["id"], s["label"], s.get("first"), s.get("last"), json.dumps(s, ensure_ascii=False))
                for s in update.story_changes
            ],
        )
        db.executemany(
            "INSERT OR REPLACE INTO story_articles (article_id, story_id) VALUES (?, ?)",
            list(update.assignment_changes.items()),
        )
        changed.update(update.removed_stories)
        changed.update(s["id"] for s in update.story_changes)
        if update.assessed_stories:
            db.executemany("DELETE FROM assessments WHERE story_id = ?", [(s,) for s in update.assessed_stories])
        if update.removed_assessments:
            for chunk in _chunks(update.removed_assessments):
                changed.update(
                    row[0]
                    for row in db.execute(
                        f"SELECT DISTINCT story_id FROM assessments WHERE id IN ({_marks(chunk)})", chunk
                    )
                )
            db.executemany("DELETE FROM assessments WHERE id = ?", [(a,) for a in update.removed_assessments])
        changed.update(a["story_id"] for a in update.assessments if a.get("story_id"))
        db.executemany(
            f"INSERT OR REPLACE INTO assessments ({', '.join(ASSESSMENT_COLUMNS)})"
            f" VALUES ({_marks(ASSESSMENT_COLUMNS)})",
            [assessment_row(a) for a in update.assessments],
        )
        db.executemany(
            "INSERT OR REPLACE INTO linked (article_id, version) VALUES (?, ?)",
            [(article_id, update.version) for article_id in update.linked],
        )
        db.executemany(
            "INSERT OR REPLACE INTO state (name, version, data) VALUES (?, ?, ?)",
            [(name, version, data) for name, (version, data) in update.states.items()],
        )
        for name, records in update.items.items():
            db.executemany(
                "DELETE FROM link_items WHERE name = ? AND key = ?",
                [(name, key) for key, data in records.items() if data is None],
            )
            db.executemany(
                "INSERT OR REPLACE INTO link_items (name, key, version, data) VALUES (?, ?, ?, ?)",
                [(name, key, update.version, data) for key, data in records.items() if data is not None],
            )
        touched = {*update.linked, *update.replace_articles}
        touched.update(link[end]["article_id"] for link in update.links for end in ("a", "b"))
        self._refresh_summaries(changed | self._stories_of(touched), self._next_revision())

    def _stories_of(self, article_ids: Iterable[str]) -> set[str]:
        stories: set[str] = set()
        for chunk in _chunks(sorted(set(article_ids))):
            rows = self._db.execute(
                f"SELECT DISTINCT story_id FROM story_articles WHERE article_id IN ({_marks(chunk)})", chunk
            )
            stories.update(row[0] for row in rows)
        return stories

    def _next_revision(self) -> int:
        """Move the ledger's revision on (inside the caller's transaction) and return it."""
        row = self._db.execute("UPDATE counters SET value = value + 1 WHERE name = 'revision' RETURNING value")
        return int(row.fetchone()[0])

    def _refresh_summaries(self, story_ids: set[str], revision: int) -> None:
        """Rewrite the summaries of these stories under ``revision`` (inside the caller's transaction)."""
        if not story_ids:
            return
        for chunk in _chunks(sorted(story_ids)):
            marks = _marks(chunk)
            self._db.execute(f"DELETE FROM story_summaries WHERE story_id IN ({marks})", chunk)
            stories = {
                r[0]: json.loads(r[1])
                for r in self._db.execute(f"SELECT id, data FROM stories WHERE id IN ({marks})", chunk)
            }
            members: dict[str, list[str]] = defaultdict(list)
            for r in self._db.execute(
                f"SELECT story_id, article_id FROM story_articles WHERE story_id IN ({marks})", chunk
            ):
                members[r[0]].append(r[1])
            briefs = self.article_briefs(a for ids in members.values() for a in ids)
            statuses: dict[str, dict[str, int]] = defaultdict(dict)
            for r in self._db.execute(
                f"SELECT story_id, status, COUNT(*) FROM assessments WHERE story_id IN ({marks})"
                " GROUP BY story_id, status",
                chunk,
            ):
                statuses[r[0]][r[1]] = int(r[2])
            stances = self._stances([a for ids in members.values() for a in ids])
            rows = summary_rows(stories, members, briefs, statuses, stances, revision)
            self._db.executemany(
                "INSERT INTO story_summaries (story_id, revision, first_day, last_day, search, outlets, places,"
                " people, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

    def _stances(self, article_ids: Sequence[str]) -> dict[str, list[str | None]]:
        """Article id -> the stance of each of its extracted claims (read inside SQLite, not parsed here)."""
        stances: dict[str, list[str | None]] = defaultdict(list)
        for chunk in _chunks(sorted(article_ids)):
            try:
                rows = self._db.execute(
                    "SELECT e.article_id, json_extract(c.value, '$.stance') FROM extractions e,"
                    f" json_each(e.data, '$.claims') c WHERE e.article_id IN ({_marks(chunk)})",
                    chunk,
                ).fetchall()
            except sqlite3.OperationalError as exc:
                if not _unreadable_json(exc):
                    raise
                rows = claim_stances(
                    self._db.execute(
                        f"SELECT article_id, data FROM extractions WHERE article_id IN ({_marks(chunk)})", chunk
                    ).fetchall()
                )
            for row in rows:
                stances[row[0]].append(row[1])
        return stances

    def iter_links(self, *, kind: str | None = None, article_id: str | None = None) -> Iterator[dict[str, Any]]:
        clauses, params = [], []
        if kind:
            clauses.append("kind = ?")
            params.append(kind)
        if article_id:
            clauses.append("(a_article = ? OR b_article = ?)")
            params.extend([article_id, article_id])
        sql = "SELECT data FROM links" + (" WHERE " + " AND ".join(clauses) if clauses else "") + " ORDER BY kind, id"
        links = [json.loads(row[0]) for row in self._db.execute(sql, params).fetchall()]
        yield from self._corrected_links(links, kind=kind, article_id=article_id)

    def links_among(self, article_ids: Iterable[str], kinds: Sequence[str] | None = None) -> list[dict[str, Any]]:
        ids = sorted(set(article_ids))
        found: dict[str, dict[str, Any]] = {}
        kind_clause = f" AND kind IN ({_marks(kinds)})" if kinds else ""
        kind_params = list(kinds or ())
        if len(ids) <= CHUNK:
            marks = _marks(ids)
            rows = self._db.execute(
                f"SELECT id, data FROM links WHERE a_article IN ({marks}) AND b_article IN ({marks}){kind_clause}",
                [*ids, *ids, *kind_params],
            )
            found = {row[0]: json.loads(row[1]) for row in rows}
        else:  # too many to bind twice: each article's links, kept when the other end is among them
            wanted = set(ids)
            for chunk in _chunks(ids):
                for row in self._db.execute(
                    f"SELECT id, data, b_article FROM links WHERE a_article IN ({_marks(chunk)}){kind_clause}",
                    [*chunk, *kind_params],
                ):
                    if row[2] in wanted:
                        found[row[0]] = json.loads(row[1])
        return self._corrected_among(list(found.values()), ids)

    def _story_rows(self, select: str, where: StoryFilter | None) -> list[sqlite3.Row]:
        """``select`` (over ``story_summaries m``) filtered and paged by ``where``, earliest story first."""
        where = where or StoryFilter()
        clause, params = _story_where(where)
        page, more = _page(where.limit, where.offset)
        order = " ORDER BY m.first_day IS NULL, m.first_day, m.story_id"
        return self._db.execute(select + clause + order + page, [*params, *more]).fetchall()

    def iter_stories(self, where: StoryFilter | None = None) -> Iterator[dict[str, Any]]:
        for row in self._story_rows("SELECT s.data FROM story_summaries m JOIN stories s ON s.id = m.story_id", where):
            yield json.loads(row[0])

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        row = self._db.execute("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def story_of(self, article_id: str) -> str | None:
        row = self._db.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
        return None if row is None else str(row[0])

    def story_assignments(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT article_id, story_id FROM story_articles").fetchall())

    def story_summaries(self, where: StoryFilter | None = None) -> list[StorySummary]:
        rows = self._story_rows("SELECT m.data FROM story_summaries m", where)
        return [StorySummary.from_dict(json.loads(row[0])) for row in rows]

    def story_summary(self, story_id: str) -> StorySummary | None:
        row = self._db.execute("SELECT data FROM story_summaries WHERE story_id = ?", (story_id,)).fetchone()
        return None if row is None else StorySummary.from_dict(json.loads(row[0]))

    def revision(self) -> int:
        return int(self._db.execute("SELECT value FROM counters WHERE name = 'revision'").fetchone()[0])

    def count_stories(self, where: StoryFilter | None = None) -> int:
        clause, params = _story_where(where or StoryFilter())
        return int(self._db.execute("SELECT COUNT(*) FROM story_summaries m" + clause, params).fetchone()[0])

    def iter_assessments(self, story_id: str | None = None) -> Iterator[dict[str, Any]]:
        sql = "SELECT data FROM assessments"
        params: list[Any] = []
        if story_id:
            sql += " WHERE story_id = ?"
            params.append(story_id)
        rows = self._db.execute(sql + " ORDER BY story_id, independent DESC, id", params).fetchall()
        yield from self._reviewed(json.loads(row[0]) for row in rows)

    # --- corrections ----------------------------------------------------------------------------------

    def add_correction(self, correction: Correction) -> Correction:
        stored = replace(correction, at=correction.at or now(), id=0)
        try:
            with self._transaction():
                cursor = self._db.execute(
                    "INSERT INTO corrections (kind, article_id, other_id, made_by, made_at, data)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (stored.kind, stored.article_id, stored.other_id, stored.by, stored.at, "{}"),
                )
                stored = replace(stored, id=int(cursor.lastrowid or 0))
                self._write_correction(stored)
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: could not store the correction ({exc})") from None
        return stored

    def undo_correction(self, correction_id: int, *, by: str, why: str) -> Correction | None:
        with self._transaction():
            found = self.get_correction(correction_id)
            if found is None or not found.active:
                return None
            stored = undone(found, by, now(), why)
            self._write_correction(stored)
        return stored

    def _write_correction(self, correction: Correction) -> None:
        """Store a correction's record and move on the revisions of the stories it touches (in a transaction)."""
        self._db.execute(
            "UPDATE corrections SET undone_at = ?, data = ? WHERE id = ?",
            (correction.undone_at, json.dumps(correction.as_dict(), ensure_ascii=False), correction.id),
        )
        if correction.kind in LINKED_KINDS:
            self._db.executemany(
                "INSERT INTO corrected_articles (article_id) VALUES (?)", [(a,) for a in sorted(correction.touched())]
            )
        self._refresh_summaries(self._stories_of(correction.touched()), self._next_revision())

    def corrected_to_link(self) -> list[tuple[int, str]]:
        return [
            (int(r[0]), r[1]) for r in self._db.execute("SELECT seq, article_id FROM corrected_articles ORDER BY seq")
        ]

    def get_correction(self, correction_id: int) -> Correction | None:
        row = self._db.execute("SELECT data FROM corrections WHERE id = ?", (correction_id,)).fetchone()
        return None if row is None else Correction.from_dict(json.loads(row[0]))

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
            clauses.append(f"kind IN ({_marks(kinds)})" if kinds else "0")
            params.extend(kinds)
        if not undone:
            clauses.append("undone_at IS NULL")
        where = " AND ".join(clauses) or "1"
        if article_ids is None:
            rows = self._db.execute(f"SELECT data FROM corrections WHERE {where} ORDER BY id", params).fetchall()
            return [Correction.from_dict(json.loads(row[0])) for row in rows]
        found: dict[int, Correction] = {}
        for chunk in _chunks(sorted(set(article_ids))):
            marks = _marks(chunk)
            for row in self._db.execute(
                f"SELECT data FROM corrections WHERE {where} AND (article_id IN ({marks}) OR other_id IN ({marks})"
                " OR kind IN ('merge', 'split'))",
                [*params, *chunk, *chunk],
            ):
                correction = Correction.from_dict(json.loads(row[0]))
                if correction.touched() & set(chunk):
                    found[correction.id] = correction
        return [found[number] for number in sorted(found)]

    def _active_corrections(self) -> list[Correction]:
        rows = self._db.execute("SELECT data FROM corrections WHERE undone_at IS NULL ORDER BY id").fetchall()
        return [Correction.from_dict(json.loads(row[0])) for row in rows]

    def _lengths(self, article_ids: Sequence[str]) -> dict[str, tuple[int, Any]]:
        found: dict[str, tuple[int, Any]] = {}
        for chunk in _chunks(article_ids):
            for row in self._db.execute(
                f"SELECT id, length(text), published_utc FROM articles WHERE id IN ({_marks(chunk)})", chunk
            ):
                found[row[0]] = (int(row[1]), (row[2] is None, row[2] or ""))
        return found

    # --- the register of outlets ----------------------------------------------------------------------

    def outlet_entries(self) -> list[OutletEntry]:
        rows = self._db.execute("SELECT data FROM outlet_register ORDER BY key").fetchall()
        return [OutletEntry.from_dict(json.loads(row[0])) for row in rows]

    def put_outlet_entries(self, entries: Sequence[OutletEntry], *, replace: bool = False) -> None:
        try:
            with self._transaction():
                if replace:
                    self._db.execute("DELETE FROM outlet_register")
                self._put_outlets(entries)
                self._next_revision()
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: could not store the register of outlets ({exc})") from None

    def _put_outlets(self, entries: Iterable[OutletEntry]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO outlet_register (key, name, data) VALUES (?, ?, ?)",
            [(e.key, e.name, json.dumps(e.as_dict(), ensure_ascii=False)) for e in entries],
        )

    def remove_outlet_entry(self, name: str) -> bool:
        with self._transaction():
            removed = self._db.execute("DELETE FROM outlet_register WHERE key = ?", (fold_name(name),)).rowcount > 0
            if removed:
                self._next_revision()
        return removed

    # --- users ----------------------------------------------------------------------------------------

    def users(self) -> list[User]:
        rows = self._db.execute("SELECT data FROM users ORDER BY name_key").fetchall()
        return [User.from_dict(json.loads(row[0])) for row in rows]

    def get_user(self, name: str) -> User | None:
        row = self._db.execute("SELECT data FROM users WHERE name_key = ?", (name.casefold(),)).fetchone()
        return None if row is None else User.from_dict(json.loads(row[0]))

    def user_by_key(self, key: str) -> User | None:
        row = self._db.execute("SELECT data FROM users WHERE token_key = ?", (key,)).fetchone()
        return None if row is None else User.from_dict(json.loads(row[0]))

    def put_user(self, user: User) -> None:
        try:
            with self._transaction():
                self._db.execute(
                    "INSERT OR REPLACE INTO users (name_key, token_key, data) VALUES (?, ?, ?)",
                    (user.name.casefold(), user.key, json.dumps(user.as_dict(), ensure_ascii=False)),
                )
                self._next_revision()
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: could not store the user ({exc})") from None

    def remove_user(self, name: str) -> bool:
        with self._transaction():
            removed = self._db.execute("DELETE FROM users WHERE name_key = ?", (name.casefold(),)).rowcount > 0
            if removed:
                self._next_revision()
        return removed

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLiteLedger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self._db.execute("ROLLBACK" if exc_type else "COMMIT")


class _FileLock:
    """An exclusive lock (``flock``) on a file beside the ledger, held by one process at a time.

    A file of its own: SQLite's locks on the ledger file are dropped whenever any descriptor of that
    file is closed in the process, so the ledger file itself is never opened here.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None

    def __enter__(self) -> None:
        try:
            self._file = self.path.open("a")
        except OSError as exc:
            raise LedgerError(f"{self.path}: cannot create the linking lock ({exc.strerror})") from None
        try:
            fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("waiting for another process's linking run on %s", self.path)
            fcntl.flock(self._file, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None
