"""The watch loop: poll each source when it is due, fetch what is new or changed, run the stages.

One round (:meth:`Watcher.poll`)::

    for each source due:      list its pages (a conditional request: 304 lists nothing new)
                              ──▶ ledger.list_watch_items   new or changed pages become due
    for each page due:        fetch it (conditionally when fetched before) ──▶ ingest readers
                              ──▶ ledger.store_fetched     new article, same text, or a revision
                              (one transaction per page: a stop loses nothing and repeats nothing)
    every batch and at the end of the round:
                              extract stage ─▶ link stage ─▶ revision changes ─▶ alerts ─▶ sinks

Everything the loop knows lives in the ledger (sources' validators and next run; each page's
state, validators and next check; which revisions were compared; which alerts were sent), so the
process holds no state that grows with time: a watch stopped at any moment and started again
goes on where it was.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crosswire.errors import InputError
from crosswire.ingest.dates import parse_date
from crosswire.ingest.inputs import InputFile, expand_inputs, read_input
from crosswire.ingest.problems import Problem
from crosswire.ingest.readers import ReadOptions, read_articles
from crosswire.model import Article, Sighting
from crosswire.watch.alerts import AlertSink, check_alerts, deliver_alerts
from crosswire.watch.fetch import Fetched, Fetcher, FetchOptions
from crosswire.watch.listings import Listed, read_listing
from crosswire.watch.revisions import compare_revisions
from crosswire.watch.sources import Source

if TYPE_CHECKING:
    from crosswire.ledger.watch import WatchLedger

__all__ = ["RoundSummary", "WatchOptions", "Watcher"]

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
"""A page that fails this many rounds in a row (timeouts, 5xx) is given up until its source lists it anew."""


@dataclass(frozen=True, slots=True)
class WatchOptions:
    """How to watch: fetching, rechecks, batches, and whether to run the stages."""

    fetch: FetchOptions = field(default_factory=FetchOptions)
    recheck: float = 3600.0
    """Ask again for a fetched page this often (a conditional request); 0 asks every round."""
    recheck_for: float = 2 * 86400.0
    """Recheck a page for this long after it was first listed; 0 never rechecks."""
    batch_size: int = 100
    """Pages stored before the extract and link stages run (they run at the end of a round too)."""
    max_pages: int = 1000
    """At most this many pages per source per round (the rest wait for the next round)."""
    stages: bool = True
    workers: int = 1


@dataclass(slots=True)
class RoundSummary:
    """What one round did."""

    sources: int = 0
    listed: int = 0
    fetched: int = 0
    new: int = 0
    known: int = 0
    revised: int = 0
    unchanged: int = 0
    not_modified: int = 0
    failed: int = 0
    extracted: int = 0
    linked: int = 0
    alerts: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    def add(self, other: RoundSummary) -> None:
        for name in self.__slots__:
            value = getattr(other, name)
            if isinstance(value, list):
                getattr(self, name).extend(value)
            else:
                setattr(self, name, getattr(self, name) + value)


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


class Watcher:
    """Follows sources into a ledger; ``stop`` (an event) ends :meth:`run` between two pages."""

    def __init__(
        self,
        ledger: WatchLedger,
        sources: list[Source],
        options: WatchOptions | None = None,
        *,
        sinks: list[AlertSink] | None = None,
        stop: threading.Event | None = None,
        fetcher: Fetcher | None = None,
    ) -> None:
        self.ledger = ledger
        self.sources = sources
        self.options = options or WatchOptions()
        self.sinks = sinks or []
        self.stop = stop or threading.Event()
        self._fetcher = fetcher  # made on first use: folders alone need no HTTP client (nor httpx)
        self._stored_since_stages = 0
        self._detected: dict[str, str] = {}  # what an "auto" source turned out to be
        self._batch = ledger.begin_batch("watch")
        for source in sources:
            if ledger.watch_source(source.location) is None:
                ledger.save_watch_source(source.location, source.kind, source.interval, next_run=_iso(_now()))

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.options.fetch, wait=self.stop.wait)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
        self.ledger.finish_batch(self._batch, {})

    # --- the loop ----------------------------------------------------------------------------------------

    def run(self, *, once: bool = False, on_round: Any = None) -> RoundSummary:
        """Poll until stopped (``once``: a single round over every source); returns the totals."""
        total = RoundSummary()
        while not self.stop.is_set():
            summary = self.poll(force=once)
            total.add(summary)
            if on_round is not None:
                on_round(summary)
            if once:
                break
            self.stop.wait(self._until_next())
        return total

    def _until_next(self) -> float:
        """Seconds until the next source is due (at least 0.2, at most a minute)."""
        now = _now()
        waits = []
        for source in self.sources:
            state = self.ledger.watch_source(source.location) or {}
            due = datetime.fromisoformat(state["next_run"]) if state.get("next_run") else now
            waits.append((due - now).total_seconds())
        return min(60.0, max(0.2, min(waits, default=60.0)))

    def poll(self, *, force: bool = False) -> RoundSummary:
        """One round: every source that is due (``force``: every source), then the stages."""
        summary = RoundSummary()
        for source in self.sources:
            if self.stop.is_set():
                break
            state = self.ledger.watch_source(source.location) or {}
            if not force and state.get("next_run") and datetime.fromisoformat(state["next_run"]) > _now():
                continue
            summary.sources += 1
            self._poll_source(source, state, summary)
        self._stages(summary)
        return summary

    # --- one source -----------------------------------------------------------------------------------

    def _poll_source(self, source: Source, state: dict[str, Any], summary: RoundSummary) -> None:
        started = _now()
        error: str | None = None
        status = "ok"
        try:
            if source.is_folder:
                self._poll_folder(source, summary)
            else:
                status, error = self._poll_web(source, state, summary)
        except InputError as exc:
            error = exc.reason
            status = "error"
        if error:
            log.warning("source %s: %s", source.location, error)
            summary.errors.append(f"{source.location}: {error}")
        errors = int(state.get("errors") or 0) + 1 if error else 0
        self.ledger.save_watch_source(
            source.location,
            self._kind(source),
            source.interval,
            last_fetch=_iso(started),
            last_status=status,
            last_error=error,
            errors=errors,
            next_run=_iso(_now() + timedelta(seconds=source.interval)),
        )

    def _kind(self, source: Source) -> str:
        """A source's kind as shown: what an ``auto`` source turned out to be, once known."""
        if source.kind != "auto":
            return source.kind
        if source.location not in self._detected:
            stored = self.ledger.watch_source(source.location)
            return str(stored["kind"]) if stored else "auto"
        return self._detected[source.location]

    def _poll_web(self, source: Source, state: dict[str, Any], summary: RoundSummary) -> tuple[str, str | None]:
        fetched = self.fetcher.get(source.location, etag=state.get("etag"), last_modified=state.get("last_modified"))
        if fetched.not_modified:
            log.info("source %s: not modified", source.location)
            self._fetch_due(source, summary)
            return "not modified", None
        if not fetched.ok:
            self._fetch_due(source, summary)  # pages already listed are still fetched
            return f"failed ({fetched.status or 'no response'})", fetched.error
        listing = read_listing(fetched.body, fetched.url, label=source.location)
        listed: list[Listed] = list(listing.items)
        for nested in listing.sitemaps[:50]:  # a sitemap index: each sitemap it names
            if self.stop.is_set():
                break
            child = self.fetcher.get(nested)
            if not child.ok:
                log.warning("sitemap %s (in %s): %s", nested, source.location, child.error)
                continue
            try:
                listed.extend(read_listing(child.body, child.url, label=nested).items)
            except InputError as exc:
                log.warning("%s", exc)
        if listing.skipped:
            log.warning("source %s: %d entries without a web address skipped", source.location, listing.skipped)
        now = _iso(_now())
        summary.listed += self.ledger.list_watch_items(
            source.location, [(item.url, item.marker, item.hint()) for item in listed], now
        )
        self._detected[source.location] = listing.kind
        # validators saved only once the listing is recorded: a stop before that fetches it again
        self.ledger.save_watch_source(
            source.location, self._kind(source), source.interval, etag=fetched.etag, last_modified=fetched.last_modified
        )
        if not source.pages and listing.kind == "feed":
            self._store_feed_entries(source, fetched, summary)
        else:
            self._fetch_due(source, summary)
        return f"{listing.kind}, {len(listed)} listed", None

    def _fetch_due(self, source: Source, summary: RoundSummary) -> None:
        options = self.options
        now = _now()
        since = _iso(now - timedelta(seconds=options.recheck_for)) if options.recheck_for > 0 else "~"
        due = self.ledger.due_watch_items(source.location, _iso(now), limit=options.max_pages, listed_since=since)
        for item in due:
            if self.stop.is_set():
                return
            self._fetch_page(item, summary)

    def _fetch_page(self, item: dict[str, Any], summary: RoundSummary) -> None:
        url = item["url"]
        fetched = self.fetcher.get(url, etag=item.get("etag"), last_modified=item.get("last_modified"))
        now = _now()
        recheck = self._next_check(item, now)
        if fetched.not_modified:
            summary.not_modified += 1
            self.ledger.update_watch_item(url, fetched_at=_iso(now), next_check=recheck, attempts=0, last_error=None)
            return
        if not fetched.ok:
            self._failed(item, fetched, summary)
            return
        summary.fetched += 1
        articles = self._read_page(url, fetched, item.get("hint"))
        if not articles:
            summary.failed += 1
            self.ledger.update_watch_item(
                url, state="failed", fetched_at=_iso(now), next_check=None, last_error="no article text in the page"
            )
            return
        columns = {
            "state": "done",
            "etag": fetched.etag,
            "last_modified": fetched.last_modified,
            "fetched_at": _iso(now),
            "next_check": recheck,
            "attempts": 0,
            "last_error": None,
        }
        self._store(url, articles[0], fetched.body, summary, item=(url, columns))

    def _next_check(self, item: dict[str, Any], now: datetime) -> str | None:
        """When to ask for a fetched page again: ``recheck`` later, unless that is past its recheck window.

        ``None`` once the window is over: such a page leaves the due index, so a round costs what is
        listed lately, not everything ever fetched.
        """
        options = self.options
        if options.recheck_for <= 0:
            return None
        following = now + timedelta(seconds=options.recheck)
        if following > datetime.fromisoformat(item["first_seen"]) + timedelta(seconds=options.recheck_for):
            return None
        return _iso(following)

    def _failed(self, item: dict[str, Any], fetched: Fetched, summary: RoundSummary) -> None:
        url = item["url"]
        summary.failed += 1
        attempts = int(item.get("attempts") or 0) + 1
        if fetched.permanent or attempts >= MAX_ATTEMPTS:
            state, next_check = "failed", None
            log.warning("page %s: %s; given up until its source lists it anew", url, fetched.error)
        else:
            state = item["state"] if item["state"] != "failed" else "pending"
            next_check = _iso(_now() + timedelta(seconds=min(60.0 * 2**attempts, 6 * 3600.0)))
            log.warning("page %s: %s (after %d tries); asking again later", url, fetched.error, fetched.tries)
        self.ledger.update_watch_item(
            url, state=state, attempts=attempts, next_check=next_check, last_error=fetched.error
        )

    def _read_page(self, url: str, fetched: Fetched, hint: str | None) -> list[Article]:
        """Articles in a fetched page, read by the same readers as files (HTML unless it says otherwise)."""
        content_type = (fetched.content_type or "").lower()
        fmt = None if ("xml" in content_type or "json" in content_type) else "html"
        if "text/plain" in content_type or "markdown" in content_type:
            fmt = "text"
        found: list[Article] = []
        for thing in read_articles(InputFile(label=url), fetched.body, ReadOptions(format=fmt)):
            if isinstance(thing, Problem):
                log.warning("page %s: %s", url, thing.reason)
                continue
            found.append(_with_address(thing, url, fetched.url, hint))
        return found

    def _store_feed_entries(self, source: Source, fetched: Fetched, summary: RoundSummary) -> None:
        """A source with ``pages = false``: each feed entry's own text is the article."""
        for thing in read_articles(InputFile(label=source.location), fetched.body, ReadOptions(format="feed")):
            if self.stop.is_set():
                return
            if isinstance(thing, Problem):
                log.warning("%s", thing)
                continue
            if thing.url is None:
                continue
            item = self.ledger.watch_item(thing.url)
            if item is not None and item["state"] == "done" and item["next_check"] is None:
                continue
            columns = {"state": "done", "fetched_at": _iso(_now()), "next_check": None, "attempts": 0}
            raw = thing.text.encode("utf-8")
            self._store(thing.url, thing, raw, summary, item=(thing.url, columns) if item else None)

    def _poll_folder(self, source: Source, summary: RoundSummary) -> None:
        files: list[InputFile] = []
        listed: list[tuple[str, str | None, str | None]] = []
        for found in expand_inputs([source.location]):
            if isinstance(found, InputError):
                if found.reason != "folder holds no files":
                    log.warning("%s", found)
                continue
            assert found.path is not None
            try:
                stat = found.path.stat()
            except OSError as exc:
                log.warning("%s: cannot read (%s)", found.label, exc)
                continue
            files.append(found)
            listed.append((found.path.resolve().as_uri(), f"{stat.st_mtime_ns}:{stat.st_size}", None))
        summary.listed += self.ledger.list_watch_items(source.location, listed, _iso(_now()))
        due = {item["url"] for item in self.ledger.due_watch_items(source.location, "~", limit=self.options.max_pages)}
        for file in files:
            if self.stop.is_set():
                return
            assert file.path is not None
            uri = file.path.resolve().as_uri()
            if uri not in due:
                continue
            self._read_file(file, uri, summary)

    def _read_file(self, file: InputFile, uri: str, summary: RoundSummary) -> None:
        done = {"state": "done", "fetched_at": _iso(_now()), "next_check": None, "attempts": 0, "last_error": None}
        try:
            data = read_input(InputFile(label=str(file.path), path=file.path))
        except InputError as exc:
            log.warning("%s", exc)
            summary.failed += 1
            self.ledger.update_watch_item(uri, state="failed", next_check=None, last_error=exc.reason)
            return
        things = list(read_articles(InputFile(label=str(file.path), path=file.path), data))
        articles = [t for t in things if isinstance(t, Article)]
        for problem in (t for t in things if isinstance(t, Problem)):
            log.warning("%s", problem)
        summary.fetched += 1
        if not articles:
            summary.failed += 1
            self.ledger.update_watch_item(uri, state="failed", next_check=None, last_error="no article in the file")
            return
        for number, article in enumerate(articles):
            location = article.url or (uri if len(articles) == 1 else f"{uri}#{article.source.rsplit('#', 1)[-1]}")
            raw = data if len(articles) == 1 else article.text.encode("utf-8")
            last = number == len(articles) - 1
            self._store(location, article, raw, summary, item=(uri, done) if last else None)

    # --- storing and the stages ---------------------------------------------------------------------------

    def _store(
        self,
        location: str,
        article: Article,
        raw: bytes,
        summary: RoundSummary,
        *,
        item: tuple[str, dict[str, Any]] | None,
    ) -> None:
        outcome = self.ledger.store_fetched(location, article, raw, batch=self._batch, item=item)
        setattr(summary, outcome.outcome, getattr(summary, outcome.outcome) + 1)
        if outcome.outcome == "revised":
            log.info("%s: revision %d of article %s", location, outcome.revision, outcome.article_id)
        if outcome.outcome in ("new", "revised"):
            self._stored_since_stages += 1
            if self._stored_since_stages >= self.options.batch_size:
                self._stages(summary)

    def _stages(self, summary: RoundSummary) -> None:
        """Extract, link, compare revisions, fire and deliver alerts (each step resumes after a stop)."""
        self._stored_since_stages = 0
        if not self.options.stages:
            return
        from crosswire.link import link_stage
        from crosswire.pipeline import extract_stage

        extracted = extract_stage(self.ledger, workers=self.options.workers)
        for failure in extracted.failures:
            log.warning("%s", failure)
        summary.extracted += extracted.extracted
        linked = link_stage(self.ledger)
        summary.linked += linked.articles
        compare_revisions(self.ledger)
        summary.alerts += len(check_alerts(self.ledger))
        deliver_alerts(self.ledger, self.sinks)


def _with_address(article: Article, listed_url: str, final_url: str, hint: str | None) -> Article:
    """A fetched page's article: its address (the listed one is the sighting), and what the listing said."""
    url = article.url or final_url
    extra: dict[str, Any] = json.loads(hint) if hint else {}
    published = article.published
    if published is None and extra.get("published"):
        try:
            published = parse_date(extra["published"])
        except ValueError:
            published = None
    return replace(
        article,
        url=url,
        title=article.title or extra.get("title"),
        published=published,
        sightings=(Sighting(source=listed_url, url=url, outlet=article.outlet),),
    )


def folder_uri(path: str | Path) -> str:
    """The address under which a watched file's revisions are kept."""
    return Path(path).resolve().as_uri()
