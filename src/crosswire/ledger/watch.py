"""The ledger's tables for following sources (``crosswire watch``): SQL for the watch package.

::

    watch_sources    one row per followed feed, sitemap or folder: validators, last fetch, next run
    watch_items      one row per address a source listed: fetch state, validators, next check
    revisions        every text an article had at one address: raw bytes, SHA-256, text, changes
    relink           articles whose text changed since they were linked (the linkers forget them)
    watchlists       what an analyst watches: entity, speaker, place, claim key, search query
    alerts           what fired, with its evidence; ``sent`` once delivered to the sinks
    alert_seen       claims and quotes already alerted on, with the status last seen
    alert_articles   articles extracted since the alerts were last checked (filled by a trigger)
    alert_stories    stories assessed since the alerts were last checked (filled by a trigger)

:class:`WatchStore` is mixed into :class:`~crosswire.ledger.sqlite.SQLiteLedger`; every write is one
transaction, so a watch stopped at any moment (SIGTERM, SIGKILL, a crash) restarts where it was.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast

from crosswire.errors import LedgerError
from crosswire.ledger.base import Ledger
from crosswire.model import Article, article_id, format_published

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "WATCH_MIGRATION",
    "RevisionOutcome",
    "StoredRevision",
    "WatchLedger",
    "WatchStore",
    "keeps_watch",
    "watch_ledger",
]

WATCH_MIGRATION = """
    CREATE TABLE watch_sources (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        interval REAL NOT NULL,
        etag TEXT,
        last_modified TEXT,
        last_fetch TEXT,
        last_status TEXT,
        last_error TEXT,
        errors INTEGER NOT NULL DEFAULT 0,
        next_run TEXT
    );
    CREATE TABLE watch_items (
        url TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        listed TEXT,
        hint TEXT,
        state TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        fetched_at TEXT,
        next_check TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        article_id TEXT
    );
    CREATE INDEX watch_items_due ON watch_items (source, next_check);
    CREATE TABLE revisions (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        location TEXT NOT NULL,
        content_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        raw BLOB NOT NULL,
        text TEXT NOT NULL,
        title TEXT,
        published TEXT,
        fetched_at TEXT NOT NULL,
        findings TEXT,
        changes TEXT,
        PRIMARY KEY (article_id, number)
    );
    CREATE INDEX revisions_location ON revisions (location);
    CREATE INDEX articles_url ON articles (url);
    CREATE INDEX revisions_content ON revisions (content_id);
    CREATE TABLE relink (article_id TEXT PRIMARY KEY);
    CREATE TABLE watchlists (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        value TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (name, kind, value)
    );
    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        created_at TEXT NOT NULL,
        kind TEXT NOT NULL,
        watchlist TEXT NOT NULL,
        article_id TEXT,
        start INTEGER,
        end INTEGER,
        data TEXT NOT NULL,
        sent INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX alerts_unsent ON alerts (sent, id);
    CREATE TABLE alert_seen (item TEXT PRIMARY KEY, status TEXT);
    CREATE TABLE alert_articles (article_id TEXT PRIMARY KEY);
    CREATE TABLE alert_stories (story_id TEXT PRIMARY KEY);
    CREATE TRIGGER alert_articles_extracted AFTER INSERT ON extractions
    WHEN EXISTS (SELECT 1 FROM watchlists) BEGIN
        INSERT OR IGNORE INTO alert_articles (article_id) VALUES (new.article_id);
    END;
    CREATE TRIGGER alert_stories_assessed AFTER INSERT ON assessments
    WHEN EXISTS (SELECT 1 FROM watchlists) BEGIN
        INSERT OR IGNORE INTO alert_stories (story_id) VALUES (new.story_id);
    END;
"""
"""Migration: the watch tables; the triggers note what to check for alerts only while watchlists exist."""

Outcome = Literal["new", "known", "unchanged", "revised"]


@dataclass(frozen=True, slots=True)
class RevisionOutcome:
    """What storing a fetched article did: a new article, one known from elsewhere, the same text, or a revision."""

    article_id: str
    outcome: Outcome
    revision: int | None = None


@dataclass(frozen=True, slots=True)
class StoredRevision:
    """One revision of an article as the ledger keeps it (``raw`` only when asked for)."""

    article_id: str
    number: int
    location: str
    content_id: str
    sha256: str
    text: str
    title: str | None
    published: str | None
    fetched_at: str
    size: int
    findings: dict[str, Any] | None
    changes: list[dict[str, Any]] | None
    raw: bytes | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "number": self.number,
            "location": self.location,
            "content_id": self.content_id,
            "sha256": self.sha256,
            "bytes": self.size,
            "title": self.title,
            "published": self.published,
            "fetched_at": self.fetched_at,
            "changes": self.changes,
        }


def keeps_watch(ledger: Ledger) -> bool:
    """Whether the ledger keeps what ``crosswire watch`` needs (an SQLite ledger does; one on PostgreSQL
    does not yet: its pages and commands then show no revisions)."""
    return isinstance(ledger, WatchStore)


def watch_ledger(ledger: Ledger) -> WatchLedger:
    """The ledger as one that keeps the watch's tables; :class:`LedgerError` for one that does not."""
    if not isinstance(ledger, WatchStore):
        raise LedgerError(f"{ledger.location}: this ledger does not keep what crosswire watch needs")
    return cast("WatchLedger", ledger)


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")


class WatchLedger(Ledger, Protocol):
    """A ledger that also keeps what ``crosswire watch`` needs (implemented by :class:`WatchStore`)."""

    def watch_source(self, source: str) -> dict[str, Any] | None:
        """The stored state of one source, or ``None``."""
        ...

    def watch_sources(self) -> list[dict[str, Any]]:
        """Every source ever followed, with its last fetch, errors, next run and item count."""
        ...

    def save_watch_source(self, source: str, kind: str, interval: float, **fields: Any) -> None:
        """Create or update a source's row; ``fields`` are columns of ``watch_sources``."""
        ...

    def list_watch_items(self, source: str, items: Sequence[tuple[str, str | None, str | None]], now: str) -> int:
        """Record what a source lists now: ``(url, marker, hint)`` each; returns how many are new or changed."""
        ...

    def due_watch_items(
        self, source: str, now: str, *, limit: int, listed_since: str | None = None
    ) -> list[dict[str, Any]]:
        """Items of a source due for a fetch by ``now``, oldest due first (never-fetched ones before rechecks)."""
        ...

    def watch_item(self, url: str) -> dict[str, Any] | None:
        """One item's row, or ``None``."""
        ...

    def count_watch_items(self, source: str | None = None, state: str | None = None) -> int:
        """How many items, of one source and in one state when given."""
        ...

    def update_watch_item(self, url: str, **fields: Any) -> None:
        """Set columns of one item (fetch state, validators, next check, error)."""
        ...

    def store_fetched(
        self,
        location: str,
        article: Article,
        raw: bytes,
        *,
        batch: int | None = None,
        item: tuple[str, dict[str, Any]] | None = None,
    ) -> RevisionOutcome:
        """Store an article read from ``location`` (an address, or a file's record) in one transaction."""
        ...

    def revised_article_of(self, content_id: str) -> str | None:
        """The article whose later revision has this text (by content id), if another article than the id says."""
        ...

    def revisions(self, article_id: str, *, raw: bool = False) -> list[StoredRevision]:
        """Every revision of an article, first to current (``raw`` bytes only when asked for)."""
        ...

    def revision_counts(self, article_ids: Iterable[str] | None = None) -> dict[str, int]:
        """Article id -> its number of revisions, for articles with more than one."""
        ...

    def uncompared_revisions(self) -> list[tuple[str, int]]:
        """(article id, number) of revisions after the first whose changes are not worked out yet."""
        ...

    def put_revision_changes(self, article: str, number: int, changes: list[dict[str, Any]]) -> None:
        """Store what changed in the findings from the revision before."""
        ...

    def pending_relinks(self) -> list[str]:
        """Articles whose text changed since they were linked: the linkers forget them before linking again."""
        ...

    def add_watchlist_entry(self, name: str, kind: str, value: str) -> tuple[int, bool]:
        """Add one entry to a watchlist; returns its id and whether it is new."""
        ...

    def watchlist_entries(self) -> list[dict[str, Any]]: ...

    def remove_watchlist_entries(self, *, entry: int | None = None, name: str | None = None) -> int:
        """Remove one entry (by id) or a whole watchlist (by name); returns how many entries went."""
        ...

    def alert_work(self) -> tuple[list[str], list[str]]:
        """Articles extracted and stories assessed since alerts were last checked."""
        ...

    def seen_alert_items(self, items: Iterable[str]) -> dict[str, str | None]:
        """Which of these claim/quote keys were seen before, with the status last seen."""
        ...

    def record_alerts(
        self,
        alerts: Sequence[dict[str, Any]],
        seen: dict[str, str | None],
        *,
        articles: Sequence[str],
        stories: Sequence[str],
    ) -> list[int]:
        """Store new alerts, what was seen, and clear the checked work, in one transaction; returns alert ids."""
        ...

    def alerts(self, *, limit: int = 100, offset: int = 0, unsent: bool = False) -> list[dict[str, Any]]:
        """Alerts, newest first (``unsent``: those not delivered yet, oldest first)."""
        ...

    def count_alerts(self) -> int: ...

    def mark_alerts_sent(self, ids: Sequence[int]) -> None: ...


class WatchStore:
    """The watch tables' reads and writes (mixed into the SQLite ledger, which provides ``_db``)."""

    _db: sqlite3.Connection
    path: Path

    if TYPE_CHECKING:  # provided by SQLiteLedger: the ledger's revision, which caches of pages follow

        def _next_revision(self) -> int: ...

        def _refresh_summaries(self, story_ids: set[str], revision: int) -> None: ...

        def _stories_of(self, article_ids: Iterable[str]) -> set[str]: ...

    def _write(self, what: str) -> _WatchTransaction:
        return _WatchTransaction(self._db, f"{self.path}: could not store {what}")

    # --- sources and their items ------------------------------------------------------------------

    def watch_source(self, source: str) -> dict[str, Any] | None:
        """The stored state of one source, or ``None``."""
        row = self._db.execute("SELECT * FROM watch_sources WHERE id = ?", (source,)).fetchone()
        return None if row is None else dict(row)

    def watch_sources(self) -> list[dict[str, Any]]:
        """Every source ever followed, with its last fetch, errors, next run and item count."""
        rows = self._db.execute(
            "SELECT s.*, (SELECT COUNT(*) FROM watch_items i WHERE i.source = s.id) AS items,"
            " (SELECT COUNT(*) FROM watch_items i WHERE i.source = s.id AND i.article_id IS NOT NULL) AS articles"
            " FROM watch_sources s ORDER BY s.id"
        ).fetchall()
        return [dict(row) for row in rows]

    def save_watch_source(self, source: str, kind: str, interval: float, **fields: Any) -> None:
        """Create or update a source's row; ``fields`` are columns of ``watch_sources``."""
        allowed = {"etag", "last_modified", "last_fetch", "last_status", "last_error", "errors", "next_run"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"unknown source fields: {sorted(unknown)}")
        with self._write("a source's state"):
            self._db.execute(
                "INSERT INTO watch_sources (id, kind, interval) VALUES (?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, interval = excluded.interval",
                (source, kind, interval),
            )
            for name, value in fields.items():
                self._db.execute(f"UPDATE watch_sources SET {name} = ? WHERE id = ?", (value, source))

    def list_watch_items(self, source: str, items: Sequence[tuple[str, str | None, str | None]], now: str) -> int:
        """Record what a source lists now: ``(url, marker, hint)`` each; returns how many are new or changed.

        A new address is due at once; a known one is due again when its marker (a feed entry's
        update time or content hash, a sitemap's lastmod, a file's size and time) changed.
        ``hint`` is what the source said of it (JSON), used when the page itself cannot be read.
        """
        changed = 0
        with self._write("a source's items"):
            for url, marker, hint in items:
                row = self._db.execute("SELECT listed, state FROM watch_items WHERE url = ?", (url,)).fetchone()
                if row is None:
                    self._db.execute(
                        "INSERT INTO watch_items (url, source, first_seen, listed, hint, state, next_check)"
                        " VALUES (?, ?, ?, ?, ?, 'pending', ?)",
                        (url, source, now, marker, hint, now),
                    )
                    changed += 1
                elif marker is not None and row["listed"] != marker:
                    self._db.execute(
                        "UPDATE watch_items SET listed = ?, hint = ?, next_check = ?, attempts = 0,"
                        " state = 'pending' WHERE url = ?",
                        (marker, hint, now, url),
                    )
                    changed += 1
        return changed

    def due_watch_items(
        self, source: str, now: str, *, limit: int, listed_since: str | None = None
    ) -> list[dict[str, Any]]:
        """Items of a source due for a fetch by ``now``, oldest due first (never-fetched ones before rechecks).

        ``listed_since`` drops rechecks of items first seen before it (a page is rechecked for a while, not forever).
        """
        sql = (
            "SELECT * FROM watch_items WHERE source = ? AND next_check IS NOT NULL AND next_check <= ?"
            " AND (state = 'pending' OR first_seen >= ?) ORDER BY state != 'pending', next_check, url LIMIT ?"
        )
        rows = self._db.execute(sql, (source, now, listed_since or "", limit)).fetchall()
        return [dict(row) for row in rows]

    def watch_item(self, url: str) -> dict[str, Any] | None:
        """One item's row, or ``None``."""
        row = self._db.execute("SELECT * FROM watch_items WHERE url = ?", (url,)).fetchone()
        return None if row is None else dict(row)

    def count_watch_items(self, source: str | None = None, state: str | None = None) -> int:
        """How many items, of one source and in one state when given."""
        clauses, params = [], []
        if source is not None:
            clauses.append("source = ?")
            params.append(source)
        if state is not None:
            clauses.append("state = ?")
            params.append(state)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return int(self._db.execute(f"SELECT COUNT(*) FROM watch_items{where}", params).fetchone()[0])

    def update_watch_item(self, url: str, **fields: Any) -> None:
        """Set columns of one item (fetch state, validators, next check, error)."""
        allowed = {"state", "etag", "last_modified", "fetched_at", "next_check", "attempts", "last_error", "article_id"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"unknown item fields: {sorted(unknown)}")
        if not fields:
            return
        names = ", ".join(f"{name} = ?" for name in fields)
        with self._write("an item's state"):
            self._db.execute(f"UPDATE watch_items SET {names} WHERE url = ?", [*fields.values(), url])

    # --- revisions ---------------------------------------------------------------------------------

    def store_fetched(
        self,
        location: str,
        article: Article,
        raw: bytes,
        *,
        batch: int | None = None,
        item: tuple[str, dict[str, Any]] | None = None,
    ) -> RevisionOutcome:
        """Store an article read from ``location`` (an address, or a file's record) in one transaction.

        The revision chain of ``location`` decides: text already current there is ``unchanged``;
        other text becomes the next revision of the same article (``revised``: its findings and
        links are redone); an address never seen before gives a ``new`` article, or one ``known``
        from elsewhere (same text). ``item`` (url, columns) updates that item's row in the same
        transaction, so a fetched page is stored and marked fetched together.
        """
        now = _now()
        with self._write("a fetched article"):
            current = self._chain_of(location)
            before = self._db.total_changes
            if current is None:
                result = self._first_sighting(location, article, raw, now, batch)
            else:
                result = self._seen_again(current, location, article, raw, now, batch)
            if self._db.total_changes != before:  # a new article, sighting or revision: pages show it
                self._refresh_summaries(self._stories_of([result.article_id]), self._next_revision())
            if item is not None:
                url, fields = item
                fields = {**fields, "article_id": result.article_id}
                names = ", ".join(f"{name} = ?" for name in fields)
                self._db.execute(f"UPDATE watch_items SET {names} WHERE url = ?", [*fields.values(), url])
        return result

    def _chain_of(self, location: str) -> str | None:
        """The article whose revision chain ``location`` belongs to (an article given this URL counts too)."""
        row = self._db.execute(
            "SELECT article_id FROM revisions WHERE location = ? ORDER BY number DESC LIMIT 1", (location,)
        ).fetchone()
        if row is None:
            row = self._db.execute(
                "SELECT id FROM articles WHERE url = ? ORDER BY rowid LIMIT 1", (location,)
            ).fetchone()
        return None if row is None else str(row[0])

    def _first_sighting(
        self, location: str, article: Article, raw: bytes, now: str, batch: int | None
    ) -> RevisionOutcome:
        target = self.revised_article_of(article.id) or article.id
        exists = self._db.execute("SELECT 1 FROM articles WHERE id = ?", (target,)).fetchone() is not None
        if not exists:
            self._insert_article(article, now)
        self._insert_sightings(target, article, batch)
        has_chain = self._db.execute("SELECT 1 FROM revisions WHERE article_id = ? LIMIT 1", (target,)).fetchone()
        if not exists or not has_chain:
            self._insert_revision(target, 1, location, article, raw, now)
            return RevisionOutcome(target, "new" if not exists else "known", 1)
        return RevisionOutcome(target, "known")

    def _seen_again(
        self, current: str, location: str, article: Article, raw: bytes, now: str, batch: int | None
    ) -> RevisionOutcome:
        row = self._db.execute("SELECT text, title, published FROM articles WHERE id = ?", (current,)).fetchone()
        if article_id(row["text"]) == article.id:
            self._insert_sightings(current, article, batch)
            return RevisionOutcome(current, "unchanged")
        last = self._db.execute("SELECT MAX(number) FROM revisions WHERE article_id = ?", (current,)).fetchone()[0]
        if last is None:  # an article ingested from a file that named this address: its text is revision 1
            first = Article(id=article_id(row["text"]), text=row["text"], title=row["title"])
            self._insert_revision(current, 1, location, first, row["text"].encode("utf-8"), now, row["published"])
            last = 1
        findings = self._db.execute("SELECT data FROM extractions WHERE article_id = ?", (current,)).fetchone()
        if findings is not None:  # the findings of the revision being replaced, to compare with the next
            self._db.execute(
                "UPDATE revisions SET findings = ? WHERE article_id = ? AND number = ?", (findings[0], current, last)
            )
        number = int(last) + 1
        self._insert_revision(current, number, location, article, raw, now)
        self._db.execute(
            "UPDATE articles SET text = ?, title = COALESCE(?, title), words = ?,"
            " byline = COALESCE(byline, ?), language = COALESCE(language, ?) WHERE id = ?",
            (article.text, article.title, len(article.text.split()), article.byline, article.language, current),
        )
        self._insert_sightings(current, article, batch)
        self._db.execute("DELETE FROM extractions WHERE article_id = ?", (current,))
        self._db.execute("DELETE FROM linked WHERE article_id = ?", (current,))
        self._db.execute("INSERT OR IGNORE INTO relink (article_id) VALUES (?)", (current,))
        return RevisionOutcome(current, "revised", number)

    def _insert_article(self, article: Article, now: str) -> None:
        from crosswire.ledger.columns import ARTICLE_COLUMNS, article_row

        self._db.execute(
            f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})",
            article_row(article, now),
        )

    def _insert_sightings(self, target: str, article: Article, batch: int | None) -> None:
        for sighting in article.sightings:
            self._db.execute(
                "INSERT OR IGNORE INTO sightings (article_id, source, url, outlet, batch_id, seq)"
                " VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM sightings))",
                (target, sighting.source, sighting.url, sighting.outlet, batch),
            )

    def _insert_revision(
        self,
        target: str,
        number: int,
        location: str,
        article: Article,
        raw: bytes,
        now: str,
        published: str | None = None,
    ) -> None:
        self._db.execute(
            "INSERT INTO revisions (article_id, number, location, content_id, sha256, raw, text, title, published,"
            " fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                target,
                number,
                location,
                article.id,
                hashlib.sha256(raw).hexdigest(),
                raw,
                article.text,
                article.title,
                published if published is not None else format_published(article.published),
                now,
            ),
        )

    def revised_article_of(self, content_id: str) -> str | None:
        """The article whose later revision has this text (by content id), if another article than the id says."""
        row = self._db.execute(
            "SELECT article_id FROM revisions WHERE content_id = ? AND article_id != ? LIMIT 1",
            (content_id, content_id),
        ).fetchone()
        return None if row is None else str(row[0])

    def revisions(self, article_id: str, *, raw: bool = False) -> list[StoredRevision]:
        """Every revision of an article, first to current (``raw`` bytes only when asked for)."""
        rows = self._db.execute(
            "SELECT article_id, number, location, content_id, sha256, text, title, published, fetched_at,"
            f" findings, changes, length(raw) AS size{', raw' if raw else ''} FROM revisions"
            " WHERE article_id = ? ORDER BY number",
            (article_id,),
        ).fetchall()
        return [
            StoredRevision(
                article_id=row["article_id"],
                number=int(row["number"]),
                location=row["location"],
                content_id=row["content_id"],
                sha256=row["sha256"],
                text=row["text"],
                title=row["title"],
                published=row["published"],
                fetched_at=row["fetched_at"],
                size=int(row["size"]),
                findings=json.loads(row["findings"]) if row["findings"] else None,
                changes=json.loads(row["changes"]) if row["changes"] is not None else None,
                raw=bytes(row["raw"]) if raw else None,
            )
            for row in rows
        ]

    def revision_counts(self, article_ids: Iterable[str] | None = None) -> dict[str, int]:
        """Article id -> its number of revisions, for articles with more than one."""
        rows = self._db.execute(
            "SELECT article_id, MAX(number) FROM revisions GROUP BY article_id HAVING MAX(number) > 1"
        ).fetchall()
        wanted = None if article_ids is None else set(article_ids)
        return {r[0]: int(r[1]) for r in rows if wanted is None or r[0] in wanted}

    def uncompared_revisions(self) -> list[tuple[str, int]]:
        """(article id, number) of revisions after the first whose changes are not worked out yet."""
        rows = self._db.execute(
            "SELECT article_id, number FROM revisions WHERE number > 1 AND changes IS NULL ORDER BY fetched_at, number"
        ).fetchall()
        return [(r[0], int(r[1])) for r in rows]

    def put_revision_changes(self, article: str, number: int, changes: list[dict[str, Any]]) -> None:
        """Store what changed in the findings from the revision before."""
        with self._write("revision changes"):
            self._db.execute(
                "UPDATE revisions SET changes = ? WHERE article_id = ? AND number = ?",
                (json.dumps(changes, ensure_ascii=False), article, number),
            )

    def pending_relinks(self) -> list[str]:
        """Articles whose text changed since they were linked: the linkers forget them before linking again."""
        return [r[0] for r in self._db.execute("SELECT article_id FROM relink ORDER BY article_id")]

    # --- watchlists and alerts -------------------------------------------------------------------------

    def add_watchlist_entry(self, name: str, kind: str, value: str) -> tuple[int, bool]:
        """Add one entry to a watchlist; returns its id and whether it is new."""
        with self._write("a watchlist"):
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO watchlists (name, kind, value, created_at) VALUES (?, ?, ?, ?)",
                (name, kind, value, _now()),
            )
            new = cursor.rowcount == 1
            row = self._db.execute(
                "SELECT id FROM watchlists WHERE name = ? AND kind = ? AND value = ?", (name, kind, value)
            ).fetchone()
        return int(row[0]), new

    def watchlist_entries(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self._db.execute("SELECT * FROM watchlists ORDER BY name, kind, value")]

    def remove_watchlist_entries(self, *, entry: int | None = None, name: str | None = None) -> int:
        """Remove one entry (by id) or a whole watchlist (by name); returns how many entries went."""
        with self._write("a watchlist"):
            if entry is not None:
                cursor = self._db.execute("DELETE FROM watchlists WHERE id = ?", (entry,))
            else:
                cursor = self._db.execute("DELETE FROM watchlists WHERE name = ?", (name,))
            if not self._db.execute("SELECT 1 FROM watchlists LIMIT 1").fetchone():
                self._db.execute("DELETE FROM alert_articles")
                self._db.execute("DELETE FROM alert_stories")
        return int(cursor.rowcount)

    def alert_work(self) -> tuple[list[str], list[str]]:
        """Articles extracted and stories assessed since alerts were last checked."""
        articles = [r[0] for r in self._db.execute("SELECT article_id FROM alert_articles ORDER BY article_id")]
        stories = [r[0] for r in self._db.execute("SELECT story_id FROM alert_stories ORDER BY story_id")]
        return articles, stories

    def seen_alert_items(self, items: Iterable[str]) -> dict[str, str | None]:
        """Which of these claim/quote keys were seen before, with the status last seen."""
        wanted = sorted(set(items))
        found: dict[str, str | None] = {}
        for offset in range(0, len(wanted), 500):
            chunk = wanted[offset : offset + 500]
            marks = ", ".join("?" * len(chunk))
            for row in self._db.execute(f"SELECT item, status FROM alert_seen WHERE item IN ({marks})", chunk):
                found[row[0]] = row[1]
        return found

    def record_alerts(
        self,
        alerts: Sequence[dict[str, Any]],
        seen: dict[str, str | None],
        *,
        articles: Sequence[str],
        stories: Sequence[str],
    ) -> list[int]:
        """Store new alerts, what was seen, and clear the checked work, in one transaction; returns alert ids."""
        ids: list[int] = []
        now = _now()
        with self._write("alerts"):
            for alert in alerts:
                cursor = self._db.execute(
                    "INSERT INTO alerts (created_at, kind, watchlist, article_id, start, end, data)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        now,
                        alert["kind"],
                        alert["watchlist"]["name"],
                        alert.get("article_id"),
                        alert.get("start"),
                        alert.get("end"),
                        json.dumps(alert, ensure_ascii=False),
                    ),
                )
                ids.append(int(cursor.lastrowid or 0))
            self._db.executemany("INSERT OR REPLACE INTO alert_seen (item, status) VALUES (?, ?)", sorted(seen.items()))
            self._db.executemany("DELETE FROM alert_articles WHERE article_id = ?", [(a,) for a in articles])
            self._db.executemany("DELETE FROM alert_stories WHERE story_id = ?", [(s,) for s in stories])
        return ids

    def alerts(self, *, limit: int = 100, offset: int = 0, unsent: bool = False) -> list[dict[str, Any]]:
        """Alerts, newest first (``unsent``: those not delivered yet, oldest first)."""
        if unsent:
            sql = "SELECT id, created_at, data FROM alerts WHERE sent = 0 ORDER BY id LIMIT ? OFFSET ?"
        else:
            sql = "SELECT id, created_at, data FROM alerts ORDER BY id DESC LIMIT ? OFFSET ?"
        return [
            json.loads(row["data"]) | {"id": int(row["id"]), "created_at": row["created_at"]}
            for row in self._db.execute(sql, (limit, offset)).fetchall()
        ]

    def count_alerts(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM alerts").fetchone()[0])

    def mark_alerts_sent(self, ids: Sequence[int]) -> None:
        with self._write("alert delivery"):
            self._db.executemany("UPDATE alerts SET sent = 1 WHERE id = ?", [(i,) for i in ids])


class _WatchTransaction:
    """One write transaction; SQLite errors become :class:`LedgerError` naming what was being stored."""

    def __init__(self, db: sqlite3.Connection, message: str) -> None:
        self._db = db
        self._message = message

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, *rest: object) -> None:
        self._db.execute("ROLLBACK" if exc_type else "COMMIT")
        if isinstance(exc, sqlite3.Error):
            raise LedgerError(f"{self._message} ({exc})") from None
