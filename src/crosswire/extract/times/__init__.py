"""Time expressions: found (``grammar``, ``spans``), anchored (``context``) and normalised (``dates``) to TIMEX3."""

from crosswire.extract.times.extractor import TimeExpression, extract_times

__all__ = ["TimeExpression", "extract_times"]
