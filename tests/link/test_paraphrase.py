"""The no-model same-statement decision, on invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.bench.paraphrase import load, render, score
from crosswire.errors import DatasetError
from crosswire.link.quotes.paraphrase import FEATURES, THRESHOLD, features, same_statement, stem


def test_two_translations_of_one_sentence_are_the_same_statement() -> None:
    first = "We will not hesitate to station our weapons wherever the safety of the fatherland requires"
    second = "We shall not waver in deploying our arms wherever our homeland's security demands it"
    assert same_statement(first, second) >= THRESHOLD


def test_reported_speech_of_a_quote_is_the_same_statement() -> None:
    quote = "Our troops will stay in the Serin Valley until the border accord is honoured"
    reported = "Varnia's troops would stay in the Serin Valley until the border accord was honoured"
    assert same_statement(quote, reported) >= THRESHOLD


def test_different_statements_of_one_speaker_are_not_the_same() -> None:
    first = "We will not hesitate to place our weapons wherever the security of the motherland demands"
    second = "The new battalions will be formed in the Serin Valley by the end of next year"
    assert same_statement(first, second) < THRESHOLD


def test_a_changed_figure_makes_another_statement() -> None:
    first = "The VCNA said 250 launchers had been moved to the border on Sunday night"
    second = "The VCNA said 180 launchers had been moved to the border on Sunday night"
    assert same_statement(first, second) < same_statement(first, first)
    assert features(first, second)[FEATURES.index("number_conflict")] > 0


def test_identical_text_scores_one_and_empty_text_zero() -> None:
    text = "Halvik calls the test a provocation."
    assert same_statement(text, text.lower().rstrip(".")) == 1.0
    assert same_statement("", "Halvik calls the test a provocation.") == 0.0
    assert same_statement("...", "!!!") == 0.0


def test_stems_meet_across_word_forms() -> None:
    assert stem("positioning") == stem("positions") == stem("position")
    assert stem("placed") == stem("place") == stem("placing")
    assert stem("said") == "say"


NEWSY = st.sampled_from(
    [
        "The VCNA said ",
        "Osterland's Joint Defence Staff ",
        "some 250 launchers ",
        "“We will not waver,” ",
        "[Varnia] ",
        "… ",
        "n't ",
        "1,200.50 km ",
        "Dolmek ",
        "\n\n",
        "’s ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(NEWSY, st.text(max_size=30)), max_size=6).map("".join),
    st.lists(st.one_of(NEWSY, st.text(max_size=30)), max_size=6).map("".join),
)
def test_any_text_gives_a_symmetric_score_in_range(a: str, b: str) -> None:
    value = same_statement(a, b)
    assert 0.0 <= value <= 1.0
    assert value == same_statement(b, a)


def _write_msrp(path: Path, rows: list[tuple[int, str, str]]) -> Path:
    lines = ["\ufeffQuality\t#1 ID\t#2 ID\t#1 String\t#2 String"]
    lines += [f"{label}\t{i}\t{i + 1}\t{a}\t{b}" for i, (label, a, b) in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_benchmark_scores_an_msrp_style_file_and_a_folder(tmp_path: Path) -> None:
    rows = [
        (1, "Varnia moved 250 launchers to the border.", "Varnia moved 250 launchers toward the border."),
        (0, "Varnia moved 250 launchers to the border.", "Halvik opened a new bridge over the river Vesse."),
        (1, 'The mayor called it "a great day".', 'The mayor called it "a great day" for Halvik.'),
    ]
    _write_msrp(tmp_path / "msr-para-train.tsv", rows)
    _write_msrp(tmp_path / "msr-para-val.tsv", rows[:2])
    figures = score(tmp_path)
    assert [split["file"] for split in figures["splits"]] == ["msr-para-train.tsv", "msr-para-val.tsv"]
    train = figures["splits"][0]
    assert train["pairs"] == 3
    assert train["majority_baseline"] == round(2 / 3, 4)
    assert train["accuracy"] == 1.0
    assert "accuracy" in render(figures)
    assert len(load(tmp_path / "msr-para-train.tsv", limit=2)) == 2


def test_benchmark_reports_missing_or_malformed_data(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no such"):
        score(tmp_path / "absent.tsv")
    bad = tmp_path / "bad.tsv"
    bad.write_text("Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n2\tx\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"bad\.tsv:2"):
        score(bad)
    with pytest.raises(DatasetError, match="no msr-para"):
        score(tmp_path)


def test_one_stemmer_for_paraphrase_and_story_features() -> None:
    from crosswire.text.lemmas import stem as one

    for word in ("positioning", "moved", "movements", "reportedly", "launchers", "heavily", "boxes"):
        assert stem(word) == one(word), word
    assert stem("said") == "say" and one("said") == "said"  # irregular forms are paraphrase's own table
    assert one("moved") == one("moves") == one("movement") == one("moving")
