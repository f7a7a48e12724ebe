"""Names folded for comparison: one fold for sources, places and people."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from crosswire.report.names import speaker_key
from crosswire.text.names import fold_accents, fold_name, fold_text


def test_fold_accents_gives_ascii_with_case_kept() -> None:
    assert fold_accents("Tamil Nādu") == "Tamil Nadu"
    assert fold_accents("Łódź’s") == "Lodz's"
    assert fold_accents("Москва") == ""  # no ASCII form: left out (gazetteer keys are Latin script)


def test_fold_name_compares_names_across_spellings() -> None:
    assert fold_name("The Dolmek Herald") == fold_name("dolmek herald") == "dolmek herald"
    assert fold_name("Tarnów") == fold_name("TARNOW") == "tarnow"
    assert fold_name("Varnia’s") == "varnia's"
    assert fold_name("Москва") == "москва"  # other scripts are kept


def test_fold_text_keeps_a_leading_the() -> None:
    assert fold_text("The Łódź’s Mayor") == "the lodz's mayor"
    assert fold_name("The Łódź’s Mayor") == "lodz's mayor"


@given(st.text(max_size=30))
def test_folds_never_fail_and_are_stable(text: str) -> None:
    assert fold_accents(fold_accents(text)) == fold_accents(text)
    assert fold_accents(text).isascii()
    assert fold_name(text) == fold_name(text)
    assert fold_text(fold_text(text)) == fold_text(text)
    assert set(speaker_key(text)) <= set(fold_text(text)) | {"-", *"unknown"}
