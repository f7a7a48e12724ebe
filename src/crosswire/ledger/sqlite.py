"""The ledger: where crosswire keeps articles, what was found in them, and how they link.

All storage goes through the :class:`Ledger` interface. :class:`SQLiteLedger` is the embedded
default (one file, WAL mode, foreign keys, a versioned schema migrated on open); a server
database is a second implementation of the same interface. Plain dict rows live only here.

Writes happen in transactions: one batch of articles (with their sightings) commits whole or not
at all, so a run killed at any moment leaves only complete articles and can simply be run again.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

from crosswire.errors import LedgerError
from crosswire.ingest.problems import Problem
from crosswire.model import Article, Published, Sighting, format_published, parse_published

__all__ = ["DEFAULT_LEDGER", "ArticleFilter", "Ledger", "LinkUpdate", "SQLiteLedger", "open_ledger"]

log = logging.getLogger(__name__)

DEFAULT_LEDGER = "crosswire.db"


@dataclass(slots=True)
class LinkUpdate:
    """Everything one linking run changes, written in one transaction.

    ``links`` are link records (dicts with ``id``, ``kind``, ``a``, ``b``, ``score``, ...);
    ``replace_kinds`` removes earlier links of those kinds that touch ``replace_articles`` before
    the new ones are written (claim links are recomputed per story). ``stories`` and
    ``assignments`` replace the stories wholesale when given; ``assessments`` replace those of
    ``assessed_stories``.
    """

    version: str
    linked: list[str] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    replace_kinds: tuple[str, ...] = ()
    replace_articles: list[str] = field(default_factory=list)
    stories: list[dict[str, Any]] | None = None
    assignments: dict[str, str] | None = None
    assessments: list[dict[str, Any]] = field(default_factory=list)
    assessed_stories: list[str] = field(default_factory=list)
    states: dict[str, tuple[str, bytes]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Which articles to list: by outlet, publication date range and words in the text or title."""

    outlet: str | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None
    limit: int | None = None


class Ledger(Protocol):
    """What every ledger implementation offers."""

    def add_articles(self, articles: Sequence[Article], *, batch: int | None = None) -> list[bool]:
        """Store articles in one transaction; ``True`` for each new one (a known one gets a sighting)."""
        ...

    def begin_batch(self, command: str) -> int:
        """Record the start of an ingest run and return its id."""
        ...

    def finish_batch(self, batch: int, counts: dict[str, int]) -> None:
        """Record the end of an ingest run with its counts."""
        ...

    def add_problems(self, batch: int, problems: Iterable[Problem]) -> None:
        """Record problems met in an ingest run."""
        ...

    def get_article(self, article_id: str) -> Article | None:
        """An article by id, or by a unique id prefix of at least 6 characters."""
        ...

    def iter_articles(self, where: ArticleFilter | None = None) -> Iterator[Article]:
        """Articles in publication order (undated last), optionally filtered."""
        ...

    def count_articles(self) -> int:
        """How many articles the ledger holds."""
        ...

    def problems(self) -> list[Problem]:
        """Problems recorded by the most recent ingest run."""
        ...

    def articles_to_extract(self, version: str) -> Iterator[Article]:
        """Articles with no stored extraction of this version."""
        ...

    def put_extractions(self, found: Sequence[tuple[str, dict[str, Any]]], version: str) -> None:
        """Store extractions (article id, findings by kind) in one transaction, replacing older ones."""
        ...

    def get_extraction(self, article_id: str) -> dict[str, Any] | None:
        """The stored findings of one article, by kind."""
        ...

    def extractions_of(self, article_ids: Iterable[str]) -> dict[str, tuple[Article, dict[str, Any]]]:
        """Some articles with their stored findings, by id."""
        ...

    def unlinked_extractions(self, version: str) -> list[tuple[Article, dict[str, Any]]]:
        """Extracted articles not yet linked by this version of the linkers, in publication order."""
        ...

    def iter_extractions(self) -> Iterator[tuple[Article, dict[str, Any]]]:
        """Every article with its stored findings, in publication order."""
        ...

    def close(self) -> None:
        """Release the ledger."""
        ...


# Each entry migrates the schema from version N to N+1 and runs in one transaction.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        title TEXT,
        outlet TEXT,
        url TEXT,
        published TEXT,
        published_utc TEXT,
        byline TEXT,
        language TEXT,
        words INTEGER NOT NULL,
        added_at TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles (published_utc);
    CREATE INDEX articles_outlet ON articles (outlet);
    CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        counts TEXT
    );
    CREATE TABLE sightings (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        batch_id INTEGER REFERENCES batches (id),
        seq INTEGER NOT NULL,
        PRIMARY KEY (article_id, source)
    );
    CREATE TABLE problems (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES batches (id),
        source TEXT NOT NULL,
        line INTEGER,
        reason TEXT NOT NULL,
        severity TEXT NOT NULL
    );
    """,
    # 2: what the extractors found, one JSON document per article, with the extractors' version.
    """
    CREATE TABLE extractions (
        article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        version TEXT NOT NULL,
        data TEXT NOT NULL,
        extracted_at TEXT NOT NULL
    );
    """,
    # 3: what linking found: links between spans of two articles, stories, claim assessments,
    # which articles are linked, and the linkers' saved state (so new articles link incrementally).
    """
    CREATE TABLE links (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        a_article TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        a_start INTEGER NOT NULL,
        a_end INTEGER NOT NULL,
        b_article TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        b_start INTEGER NOT NULL,
        b_end INTEGER NOT NULL,
        score REAL,
        direction TEXT,
        data TEXT NOT NULL
    );
    CREATE INDEX links_a ON links (a_article, kind);
    CREATE INDEX links_b ON links (b_article, kind);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        label TEXT NOT NULL,
        first_day TEXT,
        last_day TEXT,
        data TEXT NOT NULL
    );
    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        story_id TEXT NOT NULL
    );
    CREATE INDEX story_articles_story ON story_articles (story_id);
    CREATE TABLE assessments (
        id TEXT PRIMARY KEY,
        story_id TEXT NOT NULL,
        status TEXT NOT NULL,
        independent INTEGER NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX assessments_story ON assessments (story_id);
    CREATE TABLE linked (
        article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        version TEXT NOT NULL
    );
    CREATE TABLE state (
        name TEXT PRIMARY KEY,
        version TEXT NOT NULL,
        data BLOB NOT NULL
    );
    """,
    # 4: full-text search over titles and texts (SQLite FTS5), kept in step by triggers.
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5 (
        title, text, content = 'articles', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO articles_fts (rowid, title, text) SELECT rowid, COALESCE(title, ''), text FROM articles;
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, COALESCE(new.title, ''), new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, COALESCE(old.title, ''), old.text);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, COALESCE(old.title, ''), old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, COALESCE(new.title, ''), new.text);
    END;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def open_ledger(location: str | Path = DEFAULT_LEDGER) -> SQLiteLedger:
    """Open (creating or migrating as needed) the ledger at ``location``, a path to an SQLite file."""
    text = str(location)
    if "://" in text and not text.startswith("sqlite://"):
        raise LedgerError(f"{text}: only SQLite ledgers (a file path) are supported so far")
    return SQLiteLedger(Path(text.removeprefix("sqlite://")))


def _order_key(article: Article) -> tuple[bool, str, str]:
    """Publication order as the ledger sorts it: by UTC time, undated last, ties by id."""
    published = _published_utc(article.published)
    return (published is None, published or "", article.id)


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
    """One search word as an FTS5 string literal (a trailing * kept as a prefix search)."""
    prefix = raw.endswith("*")
    word = raw.rstrip("*").replace('"', "")
    if not word.strip():
        return ""
    return f'"{word}"' + ("*" if prefix else "")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _published_utc(value: Published) -> str | None:
    """A sortable UTC form: datetimes converted to UTC, dates taken as their start."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return value.isoformat() + "T00:00:00"


class SQLiteLedger:
    """The embedded ledger: one SQLite file."""

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

    # --- schema -------------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise LedgerError(
                f"{self.path}: ledger schema version {version} is newer than this crosswire "
                f"understands ({SCHEMA_VERSION}); upgrade crosswire"
            )
        for number in range(version, SCHEMA_VERSION):
            log.info("migrating ledger %s to schema version %d", self.path, number + 1)
            self._db.execute("BEGIN IMMEDIATE")
            try:
                # executescript would commit the open transaction, so run statement by statement.
                for statement in _statements(MIGRATIONS[number]):
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number + 1}")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    # --- writing --------------------------------------------------------------------------------------

    def add_articles(self, articles: Sequence[Article], *, batch: int | None = None) -> list[bool]:
        new: list[bool] = []
        added_at = _now()
        try:
            self._db.execute("BEGIN IMMEDIATE")
            for article in articles:
                cursor = self._db.execute(
                    "INSERT OR IGNORE INTO articles (id, text, title, outlet, url, published, published_utc,"
                    " byline, language, words, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.id,
                        article.text,
                        article.title,
                        article.outlet,
                        article.url,
                        format_published(article.published),
                        _published_utc(article.published),
                        article.byline,
                        article.language,
                        len(article.text.split()),
                        added_at,
                    ),
                )
                is_new = cursor.rowcount == 1
                if not is_new:
                    self._fill_missing(article)
                new.append(is_new)
                for sighting in article.sightings:
                    self._db.execute(
                        "INSERT OR IGNORE INTO sightings (article_id, source, url, outlet, batch_id, seq)"
                        " VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM sightings))",
                        (article.id, sighting.source, sighting.url, sighting.outlet, batch),
                    )
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise LedgerError(f"{self.path}: could not store articles ({exc})") from None
        except BaseException:
            self._rollback()
            raise
        return new

    def _fill_missing(self, article: Article) -> None:
        """A second sighting may carry metadata the first lacked; fill gaps, never overwrite."""
        self._db.execute(
            "UPDATE articles SET title = COALESCE(title, ?), outlet = COALESCE(outlet, ?),"
            " url = COALESCE(url, ?), byline = COALESCE(byline, ?), language = COALESCE(language, ?),"
            " published_utc = COALESCE(published_utc, ?), published = COALESCE(published, ?) WHERE id = ?",
            (
                article.title,
                article.outlet,
                article.url,
                article.byline,
                article.language,
                _published_utc(article.published),
                format_published(article.published),
                article.id,
            ),
        )

    def _rollback(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    def begin_batch(self, command: str) -> int:
        cursor = self._db.execute("INSERT INTO batches (command, started_at) VALUES (?, ?)", (command, _now()))
        return int(cursor.lastrowid or 0)

    def finish_batch(self, batch: int, counts: dict[str, int]) -> None:
        self._db.execute(
            "UPDATE batches SET finished_at = ?, counts = ? WHERE id = ?", (_now(), json.dumps(counts), batch)
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

    # --- reading ----------------------------------------------------------------------------------------

    def get_article(self, article_id: str) -> Article | None:
        row = self._db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None and len(article_id) >= 6:
            rows = self._db.execute(
                "SELECT * FROM articles WHERE id LIKE ? LIMIT 2", (article_id.replace("%", "") + "%",)
            ).fetchall()
            if len(rows) > 1:
                raise LedgerError(f"article id prefix {article_id!r} is ambiguous; give more characters")
            row = rows[0] if rows else None
        return None if row is None else self._article(row)

    def iter_articles(self, where: ArticleFilter | None = None) -> Iterator[Article]:
        where = where or ArticleFilter()
        clauses: list[str] = []
        params: list[Any] = []
        if where.outlet:
            clauses.append("outlet = ? COLLATE NOCASE")
            params.append(where.outlet)
        if where.since:
            clauses.append("published_utc >= ?")
            params.append(where.since.isoformat())
        if where.until:
            clauses.append("published_utc < ?")
            params.append(date.fromordinal(where.until.toordinal() + 1).isoformat())
        if where.text:
            clauses.append("(instr(lower(text), ?) > 0 OR instr(lower(COALESCE(title, '')), ?) > 0)")
            params.extend([where.text.lower(), where.text.lower()])
        sql = "SELECT * FROM articles"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        sql += " ORDER BY published_utc IS NULL, published_utc, id"
        if where.limit is not None:
            sql += " LIMIT ?"
            params.append(where.limit)
        for row in self._db.execute(sql, params).fetchall():
            yield self._article(row)

    def count_articles(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def problems(self) -> list[Problem]:
        rows = self._db.execute(
            "SELECT source, line, reason, severity FROM problems WHERE batch_id ="
            " (SELECT MAX(batch_id) FROM problems) ORDER BY id"
        ).fetchall()
        return [Problem(r["source"], r["reason"], line=r["line"], severity=r["severity"]) for r in rows]

    def sightings(self, article_id: str) -> tuple[Sighting, ...]:
        rows = self._db.execute(
            "SELECT source, url, outlet FROM sightings WHERE article_id = ? ORDER BY seq", (article_id,)
        ).fetchall()
        return tuple(Sighting(r["source"], r["url"], r["outlet"]) for r in rows)

    def _article(self, row: sqlite3.Row) -> Article:
        return Article(
            id=row["id"],
            text=row["text"],
            title=row["title"],
            outlet=row["outlet"],
            url=row["url"],
            published=parse_published(row["published"]),
            byline=row["byline"],
            language=row["language"],
            sightings=self.sightings(row["id"]),
        )

    # --- extractions -----------------------------------------------------------------------------------

    def count_to_extract(self, version: str) -> int:
        """How many articles have no stored extraction of this version."""
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
        for offset in range(0, len(ids), 500):
            chunk = ids[offset : offset + 500]
            marks = ", ".join("?" * len(chunk))
            rows = {r["id"]: r for r in self._db.execute(f"SELECT * FROM articles WHERE id IN ({marks})", chunk)}
            for article_id in chunk:
                yield self._article(rows[article_id])

    def put_extractions(self, found: Sequence[tuple[str, dict[str, Any]]], version: str) -> None:
        now = _now()
        try:
            with self._transaction():
                self._db.executemany(
                    "INSERT OR REPLACE INTO extractions (article_id, version, data, extracted_at) VALUES (?, ?, ?, ?)",
                    [(article_id, version, json.dumps(data, ensure_ascii=False), now) for article_id, data in found],
                )
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: could not store extractions ({exc})") from None

    def get_extraction(self, article_id: str) -> dict[str, Any] | None:
        row = self._db.execute("SELECT data FROM extractions WHERE article_id = ?", (article_id,)).fetchone()
        return None if row is None else dict(json.loads(row["data"]))

    def extractions_of(self, article_ids: Iterable[str]) -> dict[str, tuple[Article, dict[str, Any]]]:
        """Some articles with their stored findings, by id (articles without an extraction are left out)."""
        ids = sorted(set(article_ids))
        found: dict[str, tuple[Article, dict[str, Any]]] = {}
        for offset in range(0, len(ids), 500):
            chunk = ids[offset : offset + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT a.*, e.data AS findings FROM articles a JOIN extractions e ON e.article_id = a.id"
                f" WHERE a.id IN ({marks})",
                chunk,
            ).fetchall()
            for row in rows:
                found[row["id"]] = (self._article(row), json.loads(row["findings"]))
        return found

    def unlinked_extractions(self, version: str) -> list[tuple[Article, dict[str, Any]]]:
        """Extracted articles not yet linked by this version of the linkers, in publication order."""
        rows = self._db.execute(
            "SELECT a.id FROM articles a JOIN extractions e ON e.article_id = a.id"
            " LEFT JOIN linked l ON l.article_id = a.id AND l.version = ? WHERE l.article_id IS NULL",
            (version,),
        ).fetchall()
        found = self.extractions_of(row[0] for row in rows)
        return sorted(found.values(), key=lambda item: _order_key(item[0]))

    def iter_extractions(self) -> Iterator[tuple[Article, dict[str, Any]]]:
        rows = self._db.execute(
            "SELECT a.*, e.data AS findings FROM articles a JOIN extractions e ON e.article_id = a.id"
            " ORDER BY a.published_utc IS NULL, a.published_utc, a.id"
        ).fetchall()
        for row in rows:
            yield self._article(row), json.loads(row["findings"])

    # --- links, stories, assessments -------------------------------------------------------------------

    def linked_ids(self, version: str) -> set[str]:
        """Ids of articles already linked by this version of the linkers."""
        return {r[0] for r in self._db.execute("SELECT article_id FROM linked WHERE version = ?", (version,))}

    def load_state(self, name: str, version: str) -> bytes | None:
        """A linker's saved state, when saved by this version."""
        row = self._db.execute("SELECT data FROM state WHERE name = ? AND version = ?", (name, version)).fetchone()
        return None if row is None else bytes(row[0])

    def reset_links(self) -> None:
        """Forget every link, story, assessment and saved state (before relinking from scratch)."""
        with self._transaction():
            for table in ("links", "stories", "story_articles", "assessments", "linked", "state"):
                self._db.execute(f"DELETE FROM {table}")

    def apply_links(self, update: LinkUpdate) -> None:
        """Write one linking run's results in one transaction."""
        try:
            with self._transaction():
                self._apply(update)
        except sqlite3.Error as exc:
            raise LedgerError(f"{self.path}: could not store links ({exc})") from None

    def _apply(self, update: LinkUpdate) -> None:
        db = self._db
        if update.replace_kinds and update.replace_articles:
            kinds = ", ".join("?" * len(update.replace_kinds))
            for offset in range(0, len(update.replace_articles), 400):
                chunk = update.replace_articles[offset : offset + 400]
                marks = ", ".join("?" * len(chunk))
                db.execute(
                    f"DELETE FROM links WHERE kind IN ({kinds}) AND (a_article IN ({marks}) OR b_article IN ({marks}))",
                    [*update.replace_kinds, *chunk, *chunk],
                )
        db.executemany(
            "INSERT OR REPLACE INTO links (id, kind, a_article, a_start, a_end, b_article, b_start, b_end,"
            " score, direction, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    link["id"],
                    link["kind"],
                    link["a"]["article_id"],
                    link["a"]["start"],
                    link["a"]["end"],
                    link["b"]["article_id"],
                    link["b"]["start"],
                    link["b"]["end"],
                    link.get("score"),
                    link.get("direction"),
                    json.dumps(link, ensure_ascii=False),
                )
                for link in update.links
            ],
        )
        if update.stories is not None:
            db.execute("DELETE FROM stories")
            db.executemany(
                "INSERT INTO stories (id, label, first_day, last_day, data) VALUES (?, ?, ?, ?, ?)",
                [
                    (s["id"], s["label"], s.get("first"), s.get("last"), json.dumps(s, ensure_ascii=False))
                    for s in update.stories
                ],
            )
        if update.assignments is not None:
            db.execute("DELETE FROM story_articles")
            db.executemany(
                "INSERT INTO story_articles (article_id, story_id) VALUES (?, ?)",
                list(update.assignments.items()),
            )
        if update.stories is not None:  # assessments of stories that merged away go with them
            db.execute("DELETE FROM assessments WHERE story_id NOT IN (SELECT id FROM stories)")
        if update.assessed_stories:
            db.executemany("DELETE FROM assessments WHERE story_id = ?", [(s,) for s in update.assessed_stories])
        db.executemany(
            "INSERT OR REPLACE INTO assessments (id, story_id, status, independent, data) VALUES (?, ?, ?, ?, ?)",
            [
                (a["id"], a["story_id"], a["status"], a["independent"], json.dumps(a, ensure_ascii=False))
                for a in update.assessments
            ],
        )
        db.executemany(
            "INSERT OR REPLACE INTO linked (article_id, version) VALUES (?, ?)",
            [(article_id, update.version) for article_id in update.linked],
        )
        db.executemany(
            "INSERT OR REPLACE INTO state (name, version, data) VALUES (?, ?, ?)",
            [(name, version, data) for name, (version, data) in update.states.items()],
        )

    def iter_links(self, *, kind: str | None = None, article_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Link records, optionally of one kind or touching one article."""
        clauses, params = [], []
        if kind:
            clauses.append("kind = ?")
            params.append(kind)
        if article_id:
            clauses.append("(a_article = ? OR b_article = ?)")
            params.extend([article_id, article_id])
        sql = "SELECT data FROM links" + (" WHERE " + " AND ".join(clauses) if clauses else "") + " ORDER BY kind, id"
        for row in self._db.execute(sql, params).fetchall():
            yield json.loads(row[0])

    def iter_stories(self) -> Iterator[dict[str, Any]]:
        """Story records, earliest first."""
        rows = self._db.execute("SELECT data FROM stories ORDER BY first_day IS NULL, first_day, id").fetchall()
        for row in rows:
            yield json.loads(row[0])

    def get_story(self, story_id: str) -> dict[str, Any] | None:
        """One story record, or ``None``."""
        row = self._db.execute("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def story_assignments(self) -> dict[str, str]:
        """Article id -> story id."""
        return dict(self._db.execute("SELECT article_id, story_id FROM story_articles").fetchall())

    def iter_assessments(self, story_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Claim assessments, optionally of one story."""
        sql = "SELECT data FROM assessments"
        params: list[Any] = []
        if story_id:
            sql += " WHERE story_id = ?"
            params.append(story_id)
        for row in self._db.execute(sql + " ORDER BY story_id, independent DESC, id", params).fetchall():
            yield json.loads(row[0])

    def search_count(self, query: str) -> int:
        """How many articles :meth:`search` would find for ``query`` in all."""
        words = [w for w in (_fts_word(raw) for raw in query.split()) if w]
        if not words:
            return 0
        row = self._db.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?", (" ".join(words),))
        return int(row.fetchone()[0])

    def search(self, query: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search: matching articles, best first, with a snippet (``[`` and ``]`` mark hits).

        The query is read as plain words (all must occur; a trailing ``*`` matches a prefix), so
        user input never reaches FTS5's query syntax.
        """
        words = [w for w in (_fts_word(raw) for raw in query.split()) if w]
        if not words:
            return []
        rows = self._db.execute(
            "SELECT a.id, a.title, a.outlet, a.published,"
            " snippet(articles_fts, 1, '[', ']', ' … ', 16) AS snippet"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 4.0, 1.0) LIMIT ? OFFSET ?",
            (" ".join(words), limit, offset),
        ).fetchall()
        return [dict(row) for row in rows]

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Run a read-only query (for reports and the web app); rows as ``sqlite3.Row``."""
        return self._db.execute(sql, params).fetchall()

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
