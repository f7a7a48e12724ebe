"""Number parsing: digits, separators, scales, number words, vague amounts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosswire.numbers import parse_digits, parse_number, parse_words, vague_range


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,200", 1200),
        ("48.2", 48.2),
        (".5", 0.5),
        ("1.5 million", 1_500_000),
        ("48.2 million", 48_200_000),
        ("2 bn", 2_000_000_000),
        ("two", 2),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("a dozen", 12),
        ("three hundred", 300),
        ("a million", 1_000_000),
        ("two hundred and fifty", 250),
        ("four thousand", 4000),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_whole_results_stay_integers() -> None:
    assert isinstance(parse_number("1.5 million"), int)
    assert isinstance(parse_digits("1,200"), int)
    assert isinstance(parse_digits("1.25"), float)


def test_not_numbers() -> None:
    assert parse_number("") is None
    assert parse_number("launchers") is None
    assert parse_number("12 launchers") is None
    assert parse_words("a couple of") is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("dozens", 12, 120),
        ("Dozens of", 12, 120),
        ("hundreds", 100, 1000),
        ("several", 3, 9),
        ("a couple of", 2, 3),
        ("a few", 2, 5),
        ("tens of thousands", 10_000, 100_000),
    ],
)
def test_vague_range(text: str, low: int, high: int) -> None:
    assert vague_range(text) == (low, high)


@given(st.integers(min_value=0, max_value=10**12))
def test_digits_with_separators_round_trip(value: int) -> None:
    assert parse_number(f"{value:,}") == value
