"""The ledger: everything crosswire stores, behind one interface (:class:`Ledger`).

``sqlite.py`` is the embedded implementation (one file; WAL, foreign keys, FTS5, versioned
migrations) and the only module that knows SQL.
"""

from crosswire.ledger.sqlite import DEFAULT_LEDGER, ArticleFilter, Ledger, LinkUpdate, SQLiteLedger, open_ledger

__all__ = ["DEFAULT_LEDGER", "ArticleFilter", "Ledger", "LinkUpdate", "SQLiteLedger", "open_ledger"]
