"""The document of one article: every view computed once, offsets always those of the text."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from crosswire.model import Article
from crosswire.text.capitalised import capitalised_runs
from crosswire.text.document import Document, lower_keeping_offsets
from crosswire.text.numbers import number_starts
from crosswire.text.sentences import split_paragraphs, split_sentences
from crosswire.text.tokens import tokenize

TEXT = (
    "HALVIK, Nov. 4 - Talks in İzmir ended on 4 November 2024. Defence Minister Karl Vogt said "
    '"we will stay," and left.\n\nSome 1,200 troops moved. Dr. Anna Berg (Dolmek) disagreed.'
)


def doc_of(text: str) -> Document:
    return Document(Article(id="test", text=text))


def test_views_match_the_functions_they_come_from() -> None:
    doc = doc_of(TEXT)
    assert doc.paragraphs == split_paragraphs(TEXT)
    assert doc.sentences() == split_sentences(TEXT)
    assert doc.number_starts == number_starts(TEXT)
    assert doc.capitalised_runs == capitalised_runs(TEXT)
    assert doc.tokens.items == tokenize(TEXT, 0, len(TEXT))
    assert doc.ascii == TEXT.encode("ascii", "replace")


def test_each_view_is_computed_once() -> None:
    doc = doc_of(TEXT)
    for view in ("lower", "paragraphs", "sentence_starts", "number_starts", "capitalised_runs", "tokens"):
        assert getattr(doc, view) is getattr(doc, view), view


def test_lower_case_keeps_offsets_for_the_dotted_capital_i() -> None:
    assert "İzmir".lower() != "izmir"  # Python's own: two characters for "İ"
    assert lower_keeping_offsets("Talks in İzmir") == "talks in izmir"
    lower = doc_of(TEXT).lower
    assert len(lower) == len(TEXT) and lower[TEXT.index("İzmir") :].startswith("izmir ended on 4 november 2024")


def test_sentences_and_paragraphs_by_position() -> None:
    doc = doc_of(TEXT)
    vogt = TEXT.index("Vogt")
    start, end = doc.sentence(vogt)
    assert TEXT[start:end] == 'Defence Minister Karl Vogt said "we will stay," and left.'
    before = doc.sentence_before(vogt)
    assert before is not None and TEXT[before[0] : before[1]].startswith("HALVIK")
    assert doc.sentence_before(0) is None
    assert doc.sentence_start(vogt) == start and doc.sentence_end(vogt) == end
    assert doc.sentence_start(end + 1) == doc.sentence_end(end + 1) == end + 1  # between two sentences
    assert doc.paragraph_index(vogt) == 0 and doc.paragraph_index(TEXT.index("Some")) == 1


def test_token_range_holds_the_tokens_inside_a_span() -> None:
    doc = doc_of(TEXT)
    start = TEXT.index("Defence")
    end = TEXT.index(" said")
    i, j = doc.token_range(start, end)
    assert [t[2] for t in doc.tokens.items[i:j]] == ["Defence", "Minister", "Karl", "Vogt"]
    assert doc.tokens.lows[i] == "defence"
    assert doc.token_range(end, end) == (doc.token_range(end, end)[0],) * 2


def test_an_empty_text_has_empty_views() -> None:
    doc = doc_of("")
    assert doc.paragraphs == [] and doc.sentences() == [] and doc.number_starts == []
    assert doc.sentence(0) == (0, 0) and len(doc.tokens) == 0


@given(st.text(alphabet=st.sampled_from(list("aZİı .,\n\"“”'12-()ßẞǅ")), max_size=80))
def test_views_stay_within_the_text(text: str) -> None:
    doc = doc_of(text)
    assert len(doc.lower) == len(text)
    for char, low in zip(text, doc.lower, strict=True):
        assert low == ("i" if char == "İ" else char.lower())
    spans = list(zip(doc.sentence_starts, doc.sentence_ends, strict=True))
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(e1 <= s2 for (_, e1), (s2, _) in pairwise(spans))
    assert all(text[s:e] == word for s, e, word in doc.tokens.items)
    assert all(doc.lower[s:e] == low for (s, e, _), low in zip(doc.tokens.items, doc.tokens.lows, strict=True))
