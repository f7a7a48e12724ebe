"""Claim links: agreement, conflict, dispute and derivation between claims of one story (``keys``, ``intervals``)."""

from crosswire.link.claims.linker import CLAIM_LINK_KINDS, align_claims

__all__ = ["CLAIM_LINK_KINDS", "align_claims"]
