"""Claims: checkable statements cut into ``clauses``, with who asserts them (``asserters``) and their ``stance``."""

from crosswire.extract.claims.extractor import Claim, extract_claims

__all__ = ["Claim", "extract_claims"]
