"""crosswire: a sourced, de-duplicated, cross-checked record from a pile or a stream of news."""

from __future__ import annotations

from crosswire.errors import CrosswireError, InputError, LedgerError
from crosswire.model import Article, Sighting, Span

__version__ = "0.1.0"

__all__ = [
    "Article",
    "CrosswireError",
    "InputError",
    "LedgerError",
    "Sighting",
    "Span",
    "__version__",
]
