"""The limits every input is read within, so that no file can hang a run or exhaust memory.

Each limit turns an input (or the part of it beyond the limit) into a one-line problem; the
rest of the batch is read as usual. They are listed in ``docs/formats.md`` and the README.

==========================  ===========  =====================================================
limit                       value        what happens beyond it
==========================  ===========  =====================================================
``DEFAULT_MAX_BYTES``       50 MB        a file, standard input, or the decompressed bytes of a
                                         ``.gz`` input or of one WARC record, is skipped
                                         (``--max-size`` changes it)
``MAX_ARCHIVE_BYTES``       4 x the      a WARC archive stops being read once its records
                            size limit   have expanded to this much (the rest is reported)
``MAX_DEPTH``               64           a JSON document, JSON Lines record or YAML front
                                         matter nested deeper is refused (front matter is then
                                         read as text)
``MAX_RECORDS``             100,000      articles read from one file; the rest of the file is
                                         reported and skipped
``MAX_ARTICLE_CHARS``       1,000,000    an article longer than this is skipped
``MAX_PROBLEMS``            100          problems listed for one file; the rest are counted
                                         in one line
``HTML_BUDGET``             5 s          processor time to find the main text of one HTML page
                                         (a page or a WARC record); past it the page is skipped
YAML aliases                none         front matter with an alias (``*name``) is read as text
==========================  ===========  =====================================================

Only regular files are read: a FIFO, a device, a socket, or a link to one, given as an argument
is refused with a message (in a folder it is passed over).
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "DEFAULT_MAX_BYTES",
    "HTML_BUDGET",
    "MAX_ARCHIVE_FACTOR",
    "MAX_ARTICLE_CHARS",
    "MAX_DEPTH",
    "MAX_PROBLEMS",
    "MAX_RECORDS",
    "depth_over",
]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_ARCHIVE_FACTOR = 4
MAX_DEPTH = 64
MAX_RECORDS = 100_000
MAX_ARTICLE_CHARS = 1_000_000
MAX_PROBLEMS = 100
HTML_BUDGET = 5.0


def depth_over(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True when lists and mappings in ``value`` nest deeper than ``limit`` (checked without recursion)."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list | tuple):
            children = item
        else:
            continue
        if depth >= limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False
