"""Sentence and paragraph splitting on news-style text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crosswire.text.sentences import split_paragraphs, split_sentences


def sentences(text: str) -> list[str]:
    return [s.slice(text) for s in split_sentences(text)]


def test_plain_sentences() -> None:
    text = "Troops crossed the river. The ministry denied it! Was it true? Nobody knew."
    assert sentences(text) == [
        "Troops crossed the river.",
        "The ministry denied it!",
        "Was it true?",
        "Nobody knew.",
    ]


def test_titles_and_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Mr. Vogt met Dr. Anna Berg and Lt. Col. Piet Haas in St. Ives on Nov. 4. "
        "Gen. Marek Oln said No. 3 battalion had moved. U.S. officials disagreed."
    )
    assert sentences(text) == [
        "Mr. Vogt met Dr. Anna Berg and Lt. Col. Piet Haas in St. Ives on Nov. 4.",
        "Gen. Marek Oln said No. 3 battalion had moved.",
        "U.S. officials disagreed.",
    ]


def test_initials_and_decimals() -> None:
    text = "John F. Kennedy spoke. Inflation was 3.5 percent in Varnia. Prices rose."
    assert sentences(text) == [
        "John F. Kennedy spoke.",
        "Inflation was 3.5 percent in Varnia.",
        "Prices rose.",
    ]


def test_closing_quote_belongs_to_the_sentence() -> None:
    text = '"We will not retreat." He repeated it twice. She said: "Never again!" The crowd cheered.'
    assert sentences(text) == [
        '"We will not retreat."',
        "He repeated it twice.",
        'She said: "Never again!"',
        "The crowd cheered.",
    ]


def test_curly_quotes_spanning_sentences() -> None:
    text = "“The border is closed. Nobody passes,” the officer said. Trucks waited."
    assert sentences(text) == [
        "“The border is closed.",
        "Nobody passes,” the officer said.",
        "Trucks waited.",
    ]


def test_sentence_opening_with_a_quote_and_a_bracket_or_a_space() -> None:
    text = "“We are ready,” Vogt said. “(Osterland) knows it.” He left. “ Then we waited.”"
    assert sentences(text) == [
        "“We are ready,” Vogt said.",
        "“(Osterland) knows it.”",
        "He left.",
        "“ Then we waited.”",
    ]


def test_dateline_stays_with_first_sentence() -> None:
    text = "HALVIK, Nov. 4 (VCNA) - Osterland closed its border on Monday. Talks stalled."
    assert sentences(text) == [
        "HALVIK, Nov. 4 (VCNA) - Osterland closed its border on Monday.",
        "Talks stalled.",
    ]


def test_lowercase_after_stop_is_not_a_boundary() -> None:
    text = "The plan, approx. two pages long, was sent at 5 p.m. on Friday. It failed."
    assert sentences(text) == [
        "The plan, approx. two pages long, was sent at 5 p.m. on Friday.",
        "It failed.",
    ]


def test_paragraphs_blank_lines_and_sentences_do_not_cross_them() -> None:
    text = "First paragraph without a stop\n\nSecond one. Still second.\n\n\nThird"
    assert [p.slice(text) for p in split_paragraphs(text)] == [
        "First paragraph without a stop",
        "Second one. Still second.",
        "Third",
    ]
    assert sentences(text) == ["First paragraph without a stop", "Second one.", "Still second.", "Third"]


def test_wire_paragraphs_by_indentation_keep_wrapped_lines() -> None:
    text = "Dolmek said the\nborder was open.\n    A second paragraph\nwraps here."
    assert [p.slice(text) for p in split_paragraphs(text)] == [
        "Dolmek said the\nborder was open.",
        "A second paragraph\nwraps here.",
    ]


def test_single_line_breaks_are_paragraphs_when_nothing_else() -> None:
    text = "One line\nAnother line"
    assert [p.slice(text) for p in split_paragraphs(text)] == ["One line", "Another line"]


NEWS_BITS = st.sampled_from(
    ["Mr. ", "U.S. ", '"', "“", "”", ". ", "? ", "\n", "\n\n", "  ", "Varnia", "said", "3.5", "A. ", "…"]
)


@given(st.one_of(st.text(), st.lists(NEWS_BITS).map("".join)))
def test_spans_are_valid_ordered_and_trimmed(text: str) -> None:
    for split in (split_sentences, split_paragraphs):
        spans = split(text)
        last = 0
        for span in spans:
            assert last <= span.start < span.end <= len(text)
            piece = span.slice(text)
            assert piece == piece.strip()
            last = span.end


def test_one_abbreviation_list_for_sentences_and_name_runs() -> None:
    from crosswire.text.abbreviations import GROUPS, KEEPS_DOT_IN_NAMES, NOT_SENTENCE_END
    from crosswire.text.capitalised import capitalised_runs

    text = (
        "The fire began in Fresno, Calif. The Rev. Anna Berg and Pres. Piet Haas met Lt. Col. Vogt in LA. "
        "Then they left Fresno, Calif., on Nov. 4."
    )
    assert sentences(text) == [
        "The fire began in Fresno, Calif.",
        "The Rev. Anna Berg and Pres. Piet Haas met Lt. Col. Vogt in LA.",
        "Then they left Fresno, Calif., on Nov. 4.",
    ]
    runs = [" ".join(words) for _, _, words in capitalised_runs(text)]
    assert "Lt. Col. Vogt" in runs and "LA" in runs and "Calif." in runs and "Nov" in runs
    assert "Pres" in runs and "Piet Haas" in runs  # a rank the entity recogniser does not read stays apart
    assert GROUPS["state"].isdisjoint(NOT_SENTENCE_END) and GROUPS["state"] <= KEEPS_DOT_IN_NAMES
    assert GROUPS["month"].isdisjoint(KEEPS_DOT_IN_NAMES) and GROUPS["month"] <= NOT_SENTENCE_END


def test_a_figure_with_a_decimal_point_ends_its_sentence() -> None:
    text = (
        "Losses deepened to £51.6m from £1.2m. The miner blamed the strikes. The rate is 18.8%. "
        "N.A.T.O. allies met. The S.&P. 500 fell."
    )
    assert sentences(text) == [
        "Losses deepened to £51.6m from £1.2m.",
        "The miner blamed the strikes.",
        "The rate is 18.8%.",
        "N.A.T.O. allies met.",
        "The S.&P. 500 fell.",
    ]
