"""What a source lists: the addresses of a feed's entries or a sitemap's pages, with change markers.

:func:`read_listing` reads the bytes of a feed (RSS, Atom, RDF: feedparser) or a sitemap
(``<urlset>``, ``<sitemapindex>``, news sitemaps: lxml with entities and network access off). Each
listed page has a *marker* that changes when the source says the page changed (a feed entry's
update time or a hash of its text, a sitemap's ``lastmod``): a new marker makes the page due for a
fetch again. Anything that is neither a feed nor a sitemap raises :class:`InputError`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

from crosswire.errors import InputError

__all__ = ["Listed", "Listing", "read_listing"]

_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


@dataclass(frozen=True, slots=True)
class Listed:
    """One page a source lists: its address, its change marker, and what the source says of it."""

    url: str
    marker: str | None
    title: str | None = None
    published: str | None = None

    def hint(self) -> str | None:
        """The title and publication time the source gives, as JSON (for pages that carry none)."""
        data = {k: v for k, v in (("title", self.title), ("published", self.published)) if v}
        return json.dumps(data, ensure_ascii=False) if data else None


@dataclass(frozen=True, slots=True)
class Listing:
    """What one fetch of a source found: pages, nested sitemaps, and the source's own title."""

    kind: Literal["feed", "sitemap"]
    items: tuple[Listed, ...]
    sitemaps: tuple[str, ...] = ()
    title: str | None = None
    skipped: int = 0
    """Entries without a usable web address."""


def _web_url(base: str, value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    url = urljoin(base, value.strip())
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return parts._replace(fragment="").geturl()


def _looks_like_sitemap(head: bytes) -> bool:
    start = head[:4096].lower()
    return b"<urlset" in start or b"<sitemapindex" in start


def read_listing(data: bytes, base_url: str, *, label: str | None = None) -> Listing:
    """The pages listed in a feed or sitemap fetched from ``base_url`` (relative addresses resolved)."""
    label = label or base_url
    if not data.strip():
        raise InputError(label, "empty response: neither a feed nor a sitemap")
    if _looks_like_sitemap(data):
        return _read_sitemap(data, base_url, label)
    return _read_feed(data, base_url, label)


def _read_feed(data: bytes, base_url: str, label: str) -> Listing:
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries and not parsed.get("version"):
        reason = parsed.get("bozo_exception")
        detail = str(reason).strip().splitlines()[0] if reason and str(reason).strip() else "no feed root element"
        raise InputError(label, f"neither a feed nor a sitemap ({detail})")
    items: dict[str, Listed] = {}
    skipped = 0
    for entry in entries:
        url = _web_url(base_url, entry.get("link")) or _web_url(base_url, entry.get("id"))
        if url is None:
            skipped += 1
            continue
        items.setdefault(url, Listed(url, _entry_marker(entry), entry.get("title"), _entry_time(entry)))
    if not items and parsed.get("bozo"):
        reason = parsed.get("bozo_exception")
        detail = str(reason).strip().splitlines()[0] if reason and str(reason).strip() else "unreadable"
        raise InputError(label, f"not a well-formed feed, and no entry with an address could be read ({detail})")
    title = parsed.get("feed", {}).get("title")
    return Listing("feed", tuple(items.values()), title=title if isinstance(title, str) else None, skipped=skipped)


def _entry_time(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        value = dict.get(entry, key)  # plain dict access: feedparser's own maps "updated" to "published"
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _entry_marker(entry: Any) -> str:
    """Changes when the entry does: its update time, title, summary and content."""
    updated = dict.get(entry, "updated") or ""
    parts = [str(updated), str(entry.get("title") or ""), str(entry.get("summary") or "")]
    parts.extend(str(c.get("value", "")) for c in entry.get("content") or ())
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", errors="replace")).hexdigest()[:16]
    return f"{updated}#{digest}"


def _read_sitemap(data: bytes, base_url: str, label: str) -> Listing:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(label, f"sitemap is not well-formed XML ({exc})") from None
    if root is None:
        raise InputError(label, "sitemap is empty")
    name = etree.QName(root).localname
    if name == "sitemapindex":
        nested = [
            url
            for loc in root.iter(f"{{{_SITEMAP_NS}}}loc", "loc")
            if (url := _web_url(base_url, loc.text)) is not None
        ]
        return Listing("sitemap", (), sitemaps=tuple(dict.fromkeys(nested)))
    if name != "urlset":
        raise InputError(label, f"sitemap root is <{name}>, not <urlset> or <sitemapindex>")
    items: dict[str, Listed] = {}
    skipped = 0
    for node in root:
        if not isinstance(node.tag, str) or etree.QName(node).localname != "url":
            continue
        url = _web_url(base_url, _child_text(node, _SITEMAP_NS, "loc"))
        if url is None:
            skipped += 1
            continue
        lastmod = _child_text(node, _SITEMAP_NS, "lastmod")
        news = node.find(f"{{{_NEWS_NS}}}news")
        title = published = None
        if news is not None:
            title = _child_text(news, _NEWS_NS, "title")
            published = _child_text(news, _NEWS_NS, "publication_date")
        items.setdefault(url, Listed(url, lastmod or published, title, published))
    return Listing("sitemap", tuple(items.values()), skipped=skipped)


def _child_text(node: Any, namespace: str, name: str) -> str | None:
    child = node.find(f"{{{namespace}}}{name}")
    if child is None:
        child = node.find(name)
    if child is None or child.text is None:
        return None
    return str(child.text).strip() or None
