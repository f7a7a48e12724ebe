"""Quantities: values, ranges and bounds, their units (``units``) and what they count (``concepts``)."""

from crosswire.extract.quantities.extractor import Quantity, extract_quantities

__all__ = ["Quantity", "extract_quantities"]
