from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosswire.ingest.dates import parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-11-04", date(2024, 11, 4)),
        ("2024-11-04T09:30:00+02:00", datetime(2024, 11, 4, 9, 30, tzinfo=timezone(timedelta(hours=2)))),
        ("2024-11-04T09:30:00Z", datetime(2024, 11, 4, 9, 30, tzinfo=UTC)),
        ("2024-11-04 09:30", datetime(2024, 11, 4, 9, 30, tzinfo=UTC)),
        ("Mon, 04 Nov 2024 09:30:00 GMT", datetime(2024, 11, 4, 9, 30, tzinfo=UTC)),
        (
            "Mon, 04 Nov 2024 09:30:00 +0100",
            datetime(2024, 11, 4, 9, 30, tzinfo=timezone(timedelta(hours=1))),
        ),
        ("November 4, 2024", date(2024, 11, 4)),
        ("Nov. 4, 2024", date(2024, 11, 4)),
        ("4 November 2024", date(2024, 11, 4)),
        ("4th Nov 2024", date(2024, 11, 4)),
        ("Sept. 30, 2024", date(2024, 9, 30)),
        ("", None),
        (None, None),
    ],
)
def test_reads_common_forms(text: str | None, expected: object) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "Nov 4", "last Tuesday", "2024-13-45", "soon"])
def test_refuses_to_guess(text: str) -> None:
    with pytest.raises(ValueError, match="date"):
        parse_date(text)


def test_naive_datetime_is_read_as_utc() -> None:
    assert parse_date(datetime(2024, 11, 4, 8, 0)) == datetime(2024, 11, 4, 8, 0, tzinfo=UTC)


@given(st.text(max_size=60))
def test_never_crashes_on_arbitrary_text(text: str) -> None:
    try:
        result = parse_date(text)
    except ValueError:
        return
    assert result is None or isinstance(result, date)
    if isinstance(result, datetime):
        assert result.tzinfo is not None


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)))
def test_iso_round_trip(value: datetime) -> None:
    assert parse_date(value.isoformat()) == value
