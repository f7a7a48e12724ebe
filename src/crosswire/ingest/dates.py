"""Publication times from input metadata: ISO 8601, RFC 822 (feeds, e-mail) and common written forms.

This reads the *publication time of an article* as given by a file's metadata, not time
expressions in running text (that is :mod:`crosswire.extract.times.extractor`). It never reads the clock and never
fills in a missing part: a value without a year is rejected rather than completed.

Written by hand rather than with dateparser/dateutil because both fill missing parts (day, month,
year) from the current date, which would invent publication dates.
"""

from __future__ import annotations

import email.utils
import re
import time
from datetime import UTC, date, datetime

from crosswire.model import Published

__all__ = ["parse_date"]

# Written forms seen in news metadata, tried in order after ISO 8601 and RFC 822.
_DATE_FORMATS = (
    "%B %d, %Y",  # November 4, 2024
    "%b %d, %Y",  # Nov 4, 2024
    "%d %B %Y",  # 4 November 2024
    "%d %b %Y",  # 4 Nov 2024
    "%A, %B %d, %Y",  # Monday, November 4, 2024
    "%A %d %B %Y",  # Monday 4 November 2024
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y%m%d",
)
_DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%B %d, %Y %H:%M",
    "%d %B %Y %H:%M",
)
_ABBREVIATED_MONTH_DOT = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.", re.IGNORECASE)
_ORDINAL_DAY = re.compile(r"\b(\d{1,2})(st|nd|rd|th)\b", re.IGNORECASE)


def parse_date(value: object) -> Published:
    """Read a publication time from a metadata value.

    Returns a timezone-aware ``datetime`` (naive times are read as UTC), a ``date`` when only the
    day is known, or ``None`` for an empty value. Raises ``ValueError`` naming the value when it
    cannot be read without guessing.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return value
    if isinstance(value, time.struct_time):
        return datetime(*value[:6], tzinfo=UTC)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_timestamp(value)
    if not isinstance(value, str):
        raise ValueError(f"not a date: {_shown(value)}")
    text = " ".join(value.split())
    if not text:
        return None
    for reader in (_iso, _rfc822, _written):
        result = reader(text)
        if result is not None:
            return result
    raise ValueError(f"unreadable date {_shown(value)} (expected e.g. 2024-11-04 or 2024-11-04T09:30:00+00:00)")


def _shown(value: object) -> str:
    """A value as an error message quotes it: at most 60 characters."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


def _from_timestamp(value: float) -> datetime:
    # Seconds since the epoch; values above 1e11 are taken as milliseconds (JavaScript exports).
    try:
        seconds = float(value)
        if seconds > 1e11:
            seconds /= 1000
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise ValueError(f"timestamp {_shown(value)} is out of range") from None


def _iso(text: str) -> Published:
    candidate = text.replace("Z", "+00:00").replace("z", "+00:00")
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", candidate):
            return date.fromisoformat(candidate)
        parsed = datetime.fromisoformat(candidate)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _rfc822(text: str) -> Published:
    if not re.search(r"\d{1,2} \w{3,} \d{4} \d{1,2}:\d{2}", text):
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _written(text: str) -> Published:
    cleaned = _ORDINAL_DAY.sub(r"\1", _ABBREVIATED_MONTH_DOT.sub(r"\1", text))
    cleaned = cleaned.replace("Sept ", "Sep ")
    for fmt in _DATETIME_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None
