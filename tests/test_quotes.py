"""Quote extraction on invented news-style text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.model import Article
from crosswire.quotes import Quote, extract_quotes


def quotes(text: str) -> list[Quote]:
    return extract_quotes(Article.create(text, source="test"))


def only(text: str) -> Quote:
    found = quotes(text)
    assert len(found) == 1, [q.as_dict() for q in found]
    return found[0]


def test_quote_then_said_name() -> None:
    q = only('"The border will stay closed until further notice," said Karl Vogt.')
    assert q.text == "The border will stay closed until further notice,"
    assert q.kind == "direct"
    assert q.cue == "said"
    assert q.speaker is not None
    assert q.speaker.name == "Karl Vogt"
    assert q.speaker.kind == "named"


def test_as_dict_has_exactly_the_contract_keys() -> None:
    q = only('"We are ready," Karl Vogt said.')
    d = q.as_dict()
    assert set(d) == {"start", "end", "text", "kind", "cue", "speaker"}
    assert {"name", "start", "end", "role", "org"} <= set(d["speaker"])


def test_speaker_before_colon_with_title() -> None:
    q = only("Defence Minister Karl Vogt said: “We will not retreat from Halvik.”")
    assert q.text == "We will not retreat from Halvik."
    assert q.speaker is not None
    assert (q.speaker.name, q.speaker.role) == ("Karl Vogt", "Defence Minister")


def test_told_and_according_to() -> None:
    q = only("“The column is moving north,” Vogt told VCNA.")
    assert (q.cue, q.speaker and q.speaker.name) == ("told", "Vogt")
    q = only('According to Vogt, "the border is sealed."')
    assert (q.kind, q.cue, q.speaker and q.speaker.name) == ("direct", "According to", "Vogt")


def test_reported_speech_forms() -> None:
    q = only("Lee Sung-joon, spokesperson for the Joint Chiefs of Staff, said the launchers had been moved.")
    assert (q.kind, q.text, q.cue) == ("reported", "the launchers had been moved", "said")
    assert q.speaker is not None and q.speaker.name == "Lee Sung-joon"
    assert (q.speaker.role, q.speaker.org) == ("spokesperson", "Joint Chiefs of Staff")
    q = only("The border will stay closed, Vogt said on Tuesday.")
    assert (q.text, q.speaker and q.speaker.name) == ("The border will stay closed", "Vogt")
    q = only("Vogt warned that Osterland would answer any attack.")
    assert (q.text, q.cue) == ("that Osterland would answer any attack", "warned")


def test_unnamed_sources() -> None:
    q = only("According to a military source, three battalions crossed the river.")
    assert q.speaker is not None and (q.speaker.name, q.speaker.kind) == ("a military source", "unnamed")
    q = only("Officials said the convoy had turned back.")
    assert q.speaker is not None and (q.speaker.name, q.speaker.kind) == ("Officials", "unnamed")


def test_pronoun_resolved_to_person_named_earlier() -> None:
    text = 'Karl Vogt visited the border on Monday. "We are ready," he said.'
    q = only(text)
    assert q.speaker is not None
    assert q.speaker.name == "Karl Vogt"
    assert q.speaker.kind == "pronoun"
    assert text[q.speaker.start : q.speaker.end] == "he"
    assert q.speaker.antecedent == (0, 9)


def test_descriptor_resolved_to_earlier_speaker() -> None:
    found = quotes(
        '"We hold the line," Defence Minister Karl Vogt said. Later, "the talks failed," the minister added.'
    )
    assert [q.speaker and q.speaker.name for q in found] == ["Karl Vogt", "Karl Vogt"]
    assert found[1].speaker is not None and found[1].speaker.kind == "descriptor"


def test_partial_quote_inside_reported_speech() -> None:
    q = only('Vogt described it as an "up-to-date tactical attack weapon" on Monday.')
    assert q.kind == "partial"
    assert "up-to-date tactical attack weapon" in q.text
    assert q.speaker is not None and q.speaker.name == "Vogt"


def test_interrupted_and_multi_paragraph_quotes_are_one_quote() -> None:
    q = only("“We will hold,” Vogt said, “and we will not move.”")
    assert q.text.startswith("We will hold") and q.text.endswith("we will not move.")
    text = 'Anna Berg said:\n\n"The first paragraph runs on.\n\n"And the second one closes it."'
    q = only(text)
    assert q.text.endswith("closes it.") and q.speaker is not None and q.speaker.name == "Anna Berg"


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    assert quotes("Osterland screened the film “Border Night” in Dolmek on Friday.") == []


NEWS_BITS = st.sampled_from(
    [
        '"',
        "“",
        "”",
        " said ",
        " he said.",
        "According to ",
        "Karl Vogt",
        ", ",
        ". ",
        ":",
        "\n\n",
        "the minister",
        "told",
    ]
)


@settings(max_examples=200)
@given(st.one_of(st.text(), st.lists(NEWS_BITS, max_size=30).map("".join)))
def test_never_crashes_and_spans_are_valid(text: str) -> None:
    article = Article.create(text, source="test")
    for q in extract_quotes(article):
        assert 0 <= q.start <= q.end <= len(article.text)
        assert article.text[q.start : q.end] == q.text
        if q.speaker is not None:
            assert 0 <= q.speaker.start <= q.speaker.end <= len(article.text)
