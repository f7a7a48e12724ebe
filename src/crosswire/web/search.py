"""Full-text search with a total, for paginated pages and the API."""

from __future__ import annotations

from typing import Any

from crosswire.ledger import SQLiteLedger, _fts_word

__all__ = ["search_page"]


def search_page(ledger: SQLiteLedger, query: str, *, limit: int, offset: int) -> dict[str, Any]:
    """One page of search hits (best first, ``[``/``]`` marking hits in each snippet) and how many match."""
    words = [w for w in (_fts_word(raw) for raw in query.split()) if w]
    if not words:
        return {"items": [], "total": 0}
    # The same plain-words query the ledger builds, so user input never reaches FTS5's syntax.
    total = ledger.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?", (" ".join(words),))
    return {"items": ledger.search(query, limit=limit, offset=offset), "total": int(total[0][0])}
