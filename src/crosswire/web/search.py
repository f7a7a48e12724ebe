"""Full-text search with a total, for paginated pages and the API."""

from __future__ import annotations

from typing import Any

from crosswire.ledger import Ledger

__all__ = ["search_page"]


def search_page(ledger: Ledger, query: str, *, limit: int, offset: int) -> dict[str, Any]:
    """One page of search hits (best first, ``[``/``]`` marking hits in each snippet) and how many match."""
    total = ledger.search_count(query)
    if not total:
        return {"items": [], "total": 0}
    return {"items": ledger.search(query, limit=limit, offset=offset), "total": total}
