"""The ledger: everything crosswire stores, behind one interface (:class:`Ledger`).

::

    base.py     the Ledger protocol, method by method, and the records it takes and gives
                (ArticleFilter, StoryFilter, LinkUpdate, ArticleBrief, StorySummary)
    sqlite.py   SQLiteLedger, the embedded implementation (one file; WAL, foreign keys, FTS5,
                versioned migrations) and open_ledger; the only module that knows SQL
"""

from crosswire.ledger.base import ArticleBrief, ArticleFilter, Ledger, LinkUpdate, StoryFilter, StorySummary
from crosswire.ledger.sqlite import DEFAULT_LEDGER, SQLiteLedger, open_ledger

__all__ = [
    "DEFAULT_LEDGER",
    "ArticleBrief",
    "ArticleFilter",
    "Ledger",
    "LinkUpdate",
    "SQLiteLedger",
    "StoryFilter",
    "StorySummary",
    "open_ledger",
]
