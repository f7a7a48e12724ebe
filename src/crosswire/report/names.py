"""How articles, times, speakers and addresses are named on every page and in every report.

One formatter for publication times, with the formats named:

=========  ==============================  ==============================================
format     example                          used for
=========  ==============================  ==============================================
``DAY``     ``2024-11-04``                   days of a corpus or an outlet, timeline ticks
``MOMENT``  ``2024-11-04 13:05 +01:00``      an article's time (a story's timeline, an article
                                            page): its own clock, the offset shown unless UTC
=========  ==============================  ==============================================

A date without a time gives the day in every format; an unknown time gives ``None`` (callers
write "undated" or leave the cell empty).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import Enum
from urllib.parse import urlsplit

from crosswire.model import Article, Published, headline
from crosswire.text.names import fold_text

__all__ = ["DAY", "MOMENT", "TimeFormat", "safe_url", "speaker_key", "title_of", "when"]


class TimeFormat(Enum):
    """How much of a publication time to show."""

    DAY = "day"
    MOMENT = "moment"


DAY = TimeFormat.DAY
MOMENT = TimeFormat.MOMENT


def when(published: Published, style: TimeFormat = MOMENT) -> str | None:
    """A publication time as people read it, in one of the named formats (``None`` when unknown)."""
    if published is None:
        return None
    if not isinstance(published, datetime):
        return published.isoformat() if isinstance(published, date) else None
    day = published.date().isoformat()
    if style is DAY:
        return day
    clock = f"{day} {published.hour:02d}:{published.minute:02d}"
    offset = published.utcoffset()
    if not offset:  # naive, or UTC
        return clock
    hours, minutes = divmod(abs(int(offset.total_seconds())) // 60, 60)
    return f"{clock} {'-' if offset.days < 0 else '+'}{hours:02d}:{minutes:02d}"


def title_of(article: Article) -> str:
    """The article's title, or the start of its first line when it has none."""
    return headline(article.title, article.text, article.id)


def speaker_key(name: str) -> str:
    """A speaker's key: the name folded as names are compared (:func:`crosswire.text.names.fold_text`:
    lower case, no accents), runs of other characters as ``-``."""
    return re.sub(r"[\W_]+", "-", fold_text(name)).strip("-") or "unknown"


def safe_url(url: str | None) -> str | None:
    """The URL when it is a web address a link may point to; ``javascript:`` and the like give ``None``."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None
