"""What to follow: sources from the command line or a TOML file, and durations as people write them.

A source is a feed (RSS, Atom), a sitemap (``<urlset>`` or ``<sitemapindex>``; a news sitemap
too) or a folder. A web address whose kind is not given is read as whichever it turns out to be.

::

    # crosswire-watch.toml
    interval = "10m"            # how often each source is polled (default 10m)
    delay = "1s"                # between two requests to one host
    recheck = "1h"              # ask again for a listed page this often (conditional request)...
    recheck_for = "2d"          # ...for this long after it was first listed ("0" never rechecks)
    alerts = "alerts.jsonl"     # alerts as JSON Lines ("-": standard output)
    webhook = "https://hooks.example.org/crosswire"

    [[source]]
    url = "https://harbourtimes.example/world/rss.xml"
    interval = "5m"

    [[source]]
    url = "https://harbourtimes.example/sitemap-news.xml"
    kind = "sitemap"

    [[source]]
    folder = "inbox/"
    interval = "30s"
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from crosswire.errors import OptionError

__all__ = ["KINDS", "Source", "WatchConfig", "load_config", "parse_duration", "source_from_argument"]

Kind = Literal["auto", "feed", "sitemap", "folder"]
KINDS: tuple[Kind, ...] = ("auto", "feed", "sitemap", "folder")

DEFAULT_INTERVAL = 600.0

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$", re.IGNORECASE)
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, None: 1.0}


def parse_duration(value: object, name: str) -> float:
    """Seconds from ``90``, ``"90s"``, ``"5m"``, ``"1.5h"``, ``"2d"``, ``"250ms"``; ``OptionError`` names ``name``."""
    if isinstance(value, bool):
        raise OptionError(f"{name}: expected a duration such as 30s, 5m, 1h or 2d, not {value!r}")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        match = _DURATION.match(str(value))
        if match is None:
            raise OptionError(f"{name}: {value!r} is not a duration (use e.g. 30s, 5m, 1h, 2d)")
        unit = match.group(2).lower() if match.group(2) else None
        seconds = float(match.group(1)) * _UNITS[unit]
    if seconds < 0 or seconds != seconds or seconds > 365 * 86400:
        raise OptionError(f"{name}: {value!r} is out of range (0 to 365 days)")
    return seconds


@dataclass(frozen=True, slots=True)
class Source:
    """One source to follow: a web address (feed or sitemap) or a folder, and how often to poll it."""

    location: str
    kind: Kind = "auto"
    interval: float = DEFAULT_INTERVAL
    pages: bool = True
    """Fetch each listed page (``False``: store a feed entry's own text instead)."""

    @property
    def is_folder(self) -> bool:
        return self.kind == "folder"

    def as_dict(self) -> dict[str, Any]:
        return {"location": self.location, "kind": self.kind, "interval": self.interval, "pages": self.pages}


@dataclass(frozen=True, slots=True)
class WatchConfig:
    """A watch configuration: the sources, and settings the command line may override."""

    sources: tuple[Source, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)


def _is_web(text: str) -> bool:
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def source_from_argument(text: str, *, interval: float = DEFAULT_INTERVAL, kind: str | None = None) -> Source:
    """A source named on the command line: an ``http(s)://`` address, or an existing folder."""
    text = text.strip()
    if kind is not None and kind not in KINDS:
        raise OptionError(f"source kind {kind!r}: choose one of {', '.join(KINDS)}")
    if _is_web(text):
        if kind == "folder":
            raise OptionError(f"{text}: a web address cannot be a folder source")
        return Source(location=text, kind=kind or "auto", interval=interval)
    if "://" in text:
        raise OptionError(f"{text}: only http and https addresses can be followed")
    path = Path(text)
    if not path.is_dir():
        raise OptionError(f"{text}: not a web address (http:// or https://) nor an existing folder")
    return Source(location=str(path.resolve()), kind="folder", interval=interval)


_SETTINGS = {"interval", "delay", "timeout", "retries", "recheck", "recheck_for", "alerts", "webhook", "user_agent"}
_SOURCE_KEYS = {"url", "folder", "kind", "interval", "pages"}


def load_config(path: Path) -> WatchConfig:
    """Read a TOML watch file (see this module's docstring); ``OptionError`` names the file and the field."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OptionError(f"{path}: no such watch file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise OptionError(f"{path}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise OptionError(f"{path}: not valid TOML ({exc})") from None
    unknown = set(data) - _SETTINGS - {"source"}
    if unknown:
        raise OptionError(f"{path}: unknown setting {sorted(unknown)[0]!r} (known: {', '.join(sorted(_SETTINGS))})")
    settings = {key: data[key] for key in _SETTINGS if key in data}
    default = parse_duration(settings.get("interval", DEFAULT_INTERVAL), f"{path}: interval")
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise OptionError(f"{path}: 'source' must be a list of [[source]] tables")
    sources = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path}: source {number}"
        if not isinstance(entry, dict):
            raise OptionError(f"{where}: expected a table with url or folder")
        extra = set(entry) - _SOURCE_KEYS
        if extra:
            raise OptionError(f"{where}: unknown field {sorted(extra)[0]!r} (known: {', '.join(sorted(_SOURCE_KEYS))})")
        if ("url" in entry) == ("folder" in entry):
            raise OptionError(f"{where}: give exactly one of url or folder")
        interval = parse_duration(entry.get("interval", default), f"{where}: interval")
        pages = entry.get("pages", True)
        if not isinstance(pages, bool):
            raise OptionError(f"{where}: pages must be true or false")
        if "folder" in entry:
            folder = (path.parent / str(entry["folder"])).resolve()
            if not folder.is_dir():
                raise OptionError(f"{where}: folder {entry['folder']!r} does not exist")
            sources.append(Source(location=str(folder), kind="folder", interval=interval))
            continue
        kind = entry.get("kind", "auto")
        if kind not in ("auto", "feed", "sitemap"):
            raise OptionError(f"{where}: kind {kind!r}: choose auto, feed or sitemap")
        url = str(entry["url"]).strip()
        if not _is_web(url):
            raise OptionError(f"{where}: url {url!r} is not an http or https address")
        sources.append(Source(location=url, kind=kind, interval=interval, pages=pages))
    return WatchConfig(sources=tuple(sources), settings=settings)
