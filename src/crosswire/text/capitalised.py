"""Runs of capitalised words: the one scan of an article that the places and entities rules share.

A run is a stretch of capitalised words separated by single spaces ("President Aurel Maszek",
"Karsk Peninsula", "U.S.", "KN-25"), cut where a word's final dot ends a sentence ("... in Paris.
Officials ...") but not where it closes an abbreviation ("Dr.", "St.", "U.S.", the initial "W.").
Hand-written because a tokenizer would cost several times the per-article budget; the places
and entities extractors share one result through :attr:`crosswire.text.document.Document.capitalised_runs`.
"""

from __future__ import annotations

import re

from crosswire.text.abbreviations import KEEPS_DOT_IN_NAMES

__all__ = ["Run", "capitalised_runs"]

Run = tuple[int, int, list[str]]  # start, end, words: text[start:end] == " ".join(words)

_TOKEN = r"[A-Z][\w'’&]*(?:[.\-][A-Za-z0-9][\w'’&]*)*\.?"
_RUN = re.compile(rf"{_TOKEN}(?: {_TOKEN})*")


def capitalised_runs(text: str) -> list[Run]:
    """The capitalised runs of ``text``, in order."""
    runs: list[Run] = []
    append = runs.append
    find = text.find
    end = 0
    for group in _RUN.findall(text):
        # Matches come in order and each is the leftmost from where the last one ended, so the first
        # occurrence of its text from there is where it stands (findall spares a match object each).
        start = find(group, end)
        end = start + len(group)
        if start and (text[start - 1].isalnum() or text[start - 1] in "-_'’"):
            continue
        if "." not in group:
            append((start, end, group.split(" ")))
            continue
        words: list[str] = []
        position = start
        for word in group.split(" "):
            if word[-1] == "." and not _keeps_dot(word):
                words.append(word[:-1])
                stop = position + sum(len(w) + 1 for w in words) - 1
                append((position, stop, words))
                position = stop + 2
                words = []
            else:
                words.append(word)
        if words:
            append((position, end, words))
    return runs


def _keeps_dot(word: str) -> bool:
    """Whether a word's final dot belongs to it ("Dr.", "U.S.", "W.") rather than ending a sentence."""
    core = word[:-1]
    if len(core) > 1 and core.isupper():
        return "." in core  # an acronym ("LA.", "U.S."): its stop is its own only when dotted inside
    return core.casefold() in KEEPS_DOT_IN_NAMES or "." in core or (len(core) == 1 and core.isupper())
