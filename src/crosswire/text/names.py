"""Names folded for comparison: the one place where two spellings of a name are made to match.

``fold_accents("Tamil Nādu")`` is "Tamil Nadu" (in ASCII, case kept: the gazetteer's keys, "Łódź"
-> "Lodz"); ``fold_name("The Dolmek Herald")`` is "dolmek herald", the form in which names of
sources, places and people are compared across articles: lower case, one apostrophe, no accents
(letters of other scripts kept), no leading "the"; ``fold_text`` is the same fold of running text
(a leading "the" kept), for watchlist matching and the web app's speaker keys.
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold_accents", "fold_name", "fold_text"]

# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "ı": "i", "ß": "ss", "’": "'"})


def _decomposed(text: str) -> str:
    """``text`` with accents split from their letters, and the letters Unicode keeps whole replaced."""
    return unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))


def fold_accents(text: str) -> str:
    """``text`` in ASCII: accents dropped ("Tamil Nādu" -> "Tamil Nadu"), a plain apostrophe, and
    letters with no ASCII form left out; case kept."""
    if text.isascii():
        return text
    return _decomposed(text).encode("ascii", "ignore").decode("ascii")


def fold_text(text: str) -> str:
    """``text`` as names in it are compared: without accents, in lower case, with a plain
    apostrophe ("Łódź’s Mayor" -> "lodz's mayor"); letters of other scripts kept."""
    folded = text.lower()
    if not folded.isascii():
        folded = "".join(c for c in _decomposed(folded) if not unicodedata.combining(c))
    return folded


def fold_name(name: str) -> str:
    """A name as it is compared: :func:`fold_text` and no leading "the" ("The Dolmek Herald" ~
    "dolmek herald", "Tarnów" ~ "tarnow")."""
    folded = fold_text(name)
    return folded[4:] if folded.startswith("the ") else folded
