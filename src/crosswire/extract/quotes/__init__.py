"""Quotes: direct, partial and reported speech, each with its speaker (found in ``speakers``)."""

from crosswire.extract.quotes.extractor import Quote, extract_quotes

__all__ = ["Quote", "extract_quotes"]
