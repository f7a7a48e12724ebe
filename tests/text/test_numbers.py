"""Number parsing: digits, separators, scales, number words, vague amounts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosswire.text.numbers import number_starts, parse_digits, parse_number, parse_words, vague_range


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


def _runs(text: str) -> list[int]:
    return [m.start() for m in re.compile(r"\d+(?:[.,]\d+)*").finditer(text)]


def test_number_starts() -> None:
    text = "Varnia spent £1,200.50 on 3 trucks, 4.5.6 and 7,,8 in 2024; .5 of it? F-35"
    assert number_starts(text) == _runs(text)
    assert [text[i] for i in number_starts(text)] == ["1", "3", "4", "7", "8", "2", "5", "3"]


def test_number_starts_digits_of_other_scripts() -> None:
    # the fast scan sees ASCII only: a digit of another script sends the text through the pattern
    assert number_starts("VCNA counted \u0663\u0664 trucks and 12 tanks") == [13, 27]
    assert number_starts("Dolmek’s ２０ tanks, 7 trucks") == [9, 19]


@given(st.text(alphabet=st.sampled_from("0123456789.,? a£’\u0663\uff12\n"), max_size=40))
def test_number_starts_match_the_pattern(text: str) -> None:
    assert number_starts(text) == _runs(text)


@given(st.text(max_size=80))
def test_number_starts_on_any_text(text: str) -> None:
    assert number_starts(text) == _runs(text)


def test_numbers_beyond_any_figure_have_no_value() -> None:
    from crosswire.text.numbers import MAX_FIGURE, figure

    assert parse_number("9" * 310) is None
    assert parse_number("9" * 5000) is None  # Python refuses to convert it: never tried
    assert parse_number("9" * 19 + " trillion") is None
    assert parse_number(str(MAX_FIGURE)) == MAX_FIGURE
    assert parse_number("1.5 trillion") == 1_500_000_000_000
    assert figure(float("inf")) is None and figure(float("nan")) is None and figure(True) is None
    assert figure(-(10**19)) is None and figure("12") is None and figure(12.5) == 12.5


@given(st.text(alphabet="0123456789,. ", max_size=400))
def test_parse_number_never_fails_and_stays_in_range(text: str) -> None:
    from crosswire.text.numbers import MAX_FIGURE

    value = parse_number(text)
    assert value is None or abs(value) <= MAX_FIGURE
