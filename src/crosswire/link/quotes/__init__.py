"""Quote links: the same quotation across articles, verbatim or as a ``paraphrase`` or translation."""

from crosswire.link.quotes.linker import KINDS, QuoteIndex, QuoteOptions

__all__ = ["KINDS", "QuoteIndex", "QuoteOptions"]
