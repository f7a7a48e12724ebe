"""Follow feeds, sitemaps and folders: a living record that keeps every revision and alerts on change.

::

    watch_setup(sources, config, ...)   configure.py: what ``crosswire watch`` calls first
    Watcher(ledger, sources, options, sinks=, stop=).run(once=)
      └── watcher.py             the loop: sources due ─▶ pages due ─▶ ledger ─▶ stages
            ├── sources.py       Source, the TOML watch file, durations
            ├── fetch.py         polite HTTP (httpx): conditional requests, per-host delay,
            │                    robots.txt, timeouts, retries with backoff
            ├── listings.py      the pages a feed or sitemap lists, with change markers
            ├── revisions.py     what changed between two revisions: text diff, figures, quotes, claims
            └── alerts.py        watchlists, alerts, sinks (JSON Lines, webhook)

The state (sources, pages, revisions, watchlists, alerts) is in the ledger (``ledger/watch.py``).
HTTP needs the ``[watch]`` extra (httpx); folders need nothing more.
"""

from __future__ import annotations

from crosswire.watch.alerts import (
    WATCH_KINDS,
    AlertSink,
    JsonLinesSink,
    WatchEntry,
    WebhookSink,
    check_alerts,
    deliver_alerts,
    watch_entries,
)
from crosswire.watch.configure import WatchSetup, watch_setup
from crosswire.watch.fetch import Fetched, Fetcher, FetchOptions
from crosswire.watch.listings import Listed, Listing, read_listing
from crosswire.watch.revisions import compare_revisions, diff_rows, finding_changes, unified_diff
from crosswire.watch.sources import Source, WatchConfig, load_config, parse_duration, source_from_argument
from crosswire.watch.watcher import RoundSummary, Watcher, WatchOptions

__all__ = [
    "WATCH_KINDS",
    "AlertSink",
    "FetchOptions",
    "Fetched",
    "Fetcher",
    "JsonLinesSink",
    "Listed",
    "Listing",
    "RoundSummary",
    "Source",
    "WatchConfig",
    "WatchEntry",
    "WatchOptions",
    "WatchSetup",
    "Watcher",
    "WebhookSink",
    "check_alerts",
    "compare_revisions",
    "deliver_alerts",
    "diff_rows",
    "finding_changes",
    "load_config",
    "parse_duration",
    "read_listing",
    "source_from_argument",
    "unified_diff",
    "watch_entries",
    "watch_setup",
]
