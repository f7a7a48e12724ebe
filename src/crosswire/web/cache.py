"""Rendered pages and API answers kept in memory, each under the revision of what it shows.

A story's page costs tens of milliseconds to assemble and render; the ledger gives every story a
revision that changes whenever anything its page shows changes (:class:`~crosswire.ledger.
StorySummary`), and itself a revision that moves on with every write, so a page rendered at one
revision can be served again, as is, while that revision stays the same:

=====================================  ==========================================
what                                   kept under
=====================================  ==========================================
a story's page, a story in JSON        the story's revision
an article's page                      its story's revision (not kept before it is linked)
the stories list, API list pages       the ledger's revision, per query string
=====================================  ==========================================

Checking a revision is one indexed read per request; several server processes over one ledger
each keep their own cache and never serve a stale answer.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

__all__ = ["DEFAULT_CACHE_BYTES", "PageCache"]

DEFAULT_CACHE_BYTES = 64 * 1024 * 1024


class PageCache:
    """Response bodies by key and revision; the least recently used are dropped beyond ``max_bytes``."""

    def __init__(self, max_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, tuple[int, bytes]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, revision: int) -> bytes | None:
        """The body kept for ``key`` at this revision, or ``None`` (a body of another revision is dropped)."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry[0] != revision:
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            return entry[1]

    def put(self, key: Hashable, revision: int, body: bytes) -> None:
        """Keep ``body`` for ``key`` at ``revision`` (a body bigger than the whole cache is not kept)."""
        if len(body) > self.max_bytes:
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = (revision, body)
            self._size += len(body)
            while self._size > self.max_bytes:
                self._drop(next(iter(self._entries)))

    def kept(self, key: Hashable, revision: int | None, build: Callable[[], bytes]) -> bytes:
        """The body kept for ``key`` at ``revision``, else ``build()`` kept (``None``: never kept)."""
        if revision is None:
            return build()
        body = self.get(key, revision)
        if body is None:
            body = build()
            self.put(key, revision, body)
        return body

    def _drop(self, key: Hashable) -> None:
        _, body = self._entries.pop(key)
        self._size -= len(body)

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size(self) -> int:
        """Bytes kept."""
        return self._size
