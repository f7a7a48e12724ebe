"""Copies: exact and near duplicates (MinHash LSH over word ``shingles``) and shared ``passages``."""

from crosswire.link.copies.linker import KINDS, CopyIndex, CopyOptions, Link

__all__ = ["KINDS", "CopyIndex", "CopyOptions", "Link"]
