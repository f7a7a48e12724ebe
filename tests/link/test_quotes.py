"""Quote links across articles: invented fixtures and the sample corpus's expected links."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.extract.quotes.extractor import Quote
from crosswire.extract.stage import findings
from crosswire.ingest import iter_articles
from crosswire.link.copies.linker import Link
from crosswire.link.quotes.linker import QuoteIndex, QuoteOptions, carry_speakers, find_quote_links
from crosswire.model import Article
from crosswire.sample import CORPUS_DIR, EXPECTED_PATH


def quotes_of(article: Article) -> list[Quote]:
    """The quotes of ``article`` as the extract stage finds them (after the entities they read)."""
    return list(findings(article, ["quotes"])["quotes"])


def _article(text: str, name: str, day: int = 4) -> Article:
    return Article.create(text, source=name, published=datetime(2024, 11, day, 9, tzinfo=UTC))


def _links(*articles: Article, related: bool = False) -> tuple[QuoteIndex, list[Link]]:
    index = QuoteIndex()
    links: list[Link] = []
    seen: list[str] = []
    for article in articles:
        links.extend(index.add(article, quotes_of(article), related=seen if related else ()))
        seen.append(article.id)
    return index, links


def _texts(link: Link, *articles: Article) -> tuple[str, str]:
    by_id = {a.id: a for a in articles}
    return (
        by_id[link.a.article_id].text[link.a.start : link.a.end],
        by_id[link.b.article_id].text[link.b.start : link.b.end],
    )


WIRE = _article(
    "DOLMEK, Nov 4 (VCNA) - Varnia's army began winter drills near the border on Monday.\n\n"
    '"The exercises it holds every winter are purely defensive, and no neighbour should fear them," '
    "said Colonel Mira Tessen, a spokesperson for the Varnian General Staff.",
    "wire.txt",
)
COPY = _article(
    "Varnia began its winter drills on Monday, close to the Osterland frontier.\n\n"
    "“The exercises [Varnia] holds every winter are purely defensive, and no neighbour should "
    "fear them,” a military spokesperson said.",
    "copy.txt",
    day=5,
)


def test_verbatim_quote_with_bracket_and_curly_marks_is_the_same_quote() -> None:
    _, links = _links(WIRE, COPY)
    same = [link for link in links if link.kind == "same_quote"]
    assert len(same) == 1
    left, right = _texts(same[0], WIRE, COPY)
    assert {left, right} == {
        "The exercises it holds every winter are purely defensive, and no neighbour should fear them",
        "The exercises [Varnia] holds every winter are purely defensive, and no neighbour should fear them",
    }
    assert same[0].score == 1.0 or same[0].score >= 0.9
    expected_direction = "a_earlier" if same[0].a.article_id == WIRE.id else "b_earlier"
    assert same[0].direction == expected_direction


def test_speaker_carries_over_to_the_role_only_copy() -> None:
    index, _ = _links(WIRE, COPY)
    carried = carry_speakers(index)
    copy_quotes = quotes_of(COPY)
    key = (COPY.id, copy_quotes[-1].start)
    assert carried[key]["name"] == "Mira Tessen"
    assert carried[key]["kind"] == "carried"
    assert carried[key]["source"]["article_id"] == WIRE.id
    assert not any(article_id == WIRE.id for article_id, _ in carried)  # a named quote keeps its speaker


def test_speaker_does_not_carry_to_an_incompatible_role() -> None:
    mayor = _article(
        "The drills worried Halvik.\n\n"
        '"The exercises it holds every winter are purely defensive, and no neighbour should fear them," '
        "a local councillor said.",
        "mayor.txt",
    )
    index, links = _links(WIRE, mayor)
    assert [link.kind for link in links] == ["same_quote"]
    assert carry_speakers(index) == {}


def test_partial_quote_of_a_longer_quote_is_the_same_quote() -> None:
    partial = _article(
        'Colonel Mira Tessen said the drills were "purely defensive, and no neighbour should fear them" '
        "and would end in March.",
        "partial.txt",
    )
    _, links = _links(WIRE, partial)
    assert [link.kind for link in links] == ["same_quote"]
    left, right = _texts(links[0], WIRE, partial)
    assert left == right == "purely defensive, and no neighbour should fear them"


def test_two_translations_of_one_leaders_statement_are_variants() -> None:
    first = _article(
        'President Aurel Maszek told the parliament: "We will never give up a metre of the Serin Valley, '
        'whatever the price our nation must pay."',
        "first.txt",
    )
    second = _article(
        "“We shall never surrender a single metre of the Serin Valley, whatever price our country has "
        "to pay,” Maszek told lawmakers, according to a translation by the Harbour Times.",
        "second.txt",
    )
    _, links = _links(first, second)
    assert [link.kind for link in links] == ["quote_variant"]
    assert links[0].score >= QuoteOptions().variant_threshold
    left, right = _texts(links[0], first, second)
    assert {left[:20], right[:20]} == {"We will never give u", "We shall never surre"}


def test_two_statements_of_one_speaker_do_not_link() -> None:
    first = _article('President Aurel Maszek said: "We will never give up a metre of the Serin Valley."', "one.txt")
    second = _article(
        'President Aurel Maszek said: "Our new battalions will be ready by the end of next year."', "two.txt"
    )
    _, links = _links(first, second)
    assert links == []


def test_same_words_from_two_different_people_do_not_link() -> None:
    first = _article(
        'Defence Minister Karl Vogt said: "We will defend every metre of our land against any intruder."',
        "vogt.txt",
    )
    second = _article(
        'Opposition leader Anna Serin said: "We will defend every metre of our land against any intruder."',
        "serin.txt",
    )
    _, links = _links(first, second)
    assert links == []


def test_a_quote_without_speaker_is_matched_in_other_words_only_in_a_related_article() -> None:
    first = _article('President Aurel Maszek said the rocket crews would be "ready before any enemy can act".', "a.txt")
    second = _article('The crews, he said, would be "ready before any foe could move".', "b.txt")
    assert _links(first, second)[1] == []
    _, links = _links(first, second, related=True)
    assert [link.kind for link in links] == ["quote_variant"]


def test_incremental_links_equal_batch_links() -> None:
    articles = [WIRE, COPY, _article('Colonel Mira Tessen said the drills were "purely defensive".', "c.txt")]
    index = QuoteIndex()
    incremental = []
    for article in articles:
        incremental.extend(index.add(article))
    _, batch = find_quote_links((a, quotes_of(a)) for a in articles)
    assert sorted(incremental, key=lambda link: link.id) == sorted(batch, key=lambda link: link.id)
    assert index.add(WIRE) == []  # an article is indexed once


def test_options_are_checked() -> None:
    from crosswire.errors import OptionError

    with pytest.raises(OptionError):
        QuoteOptions(variant_threshold=0.0)


# ------------------------------------------------------------------ the sample corpus


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.replace("’", "'").lower()))


@pytest.fixture(scope="module")
def sample() -> tuple[dict[str, Article], QuoteIndex, list[Link], dict]:
    expected = yaml.safe_load(EXPECTED_PATH.read_text(encoding="utf-8"))
    articles: dict[str, Article] = {}
    for found in iter_articles([str(CORPUS_DIR)]):
        if isinstance(found, Article):
            key = found.source.split("/corpus/")[-1]
            articles[key] = found
    story_of = {key: n for n, story in enumerate(expected["stories"]) for key in story["articles"]}
    index = QuoteIndex()
    added: dict[str, str] = {}
    for key, article in articles.items():
        related = [a for k, a in added.items() if story_of.get(k) == story_of.get(key)]
        index.add(article, related=related)
        added[key] = article.id
    return articles, index, index.links(), expected["links"]


def _linked(
    links: list[Link],
    articles: dict[str, Article],
    kind: str,
    key_a: str,
    key_b: str,
    text_a: str,
    text_b: str,
) -> bool:
    a, b = articles[key_a], articles[key_b]
    for link in links:
        if link.kind != kind:
            continue
        ends = {link.a.article_id: link.a, link.b.article_id: link.b}
        if set(ends) != {a.id, b.id}:
            continue
        span_a = _words(a.text[ends[a.id].start : ends[a.id].end])
        span_b = _words(b.text[ends[b.id].start : ends[b.id].end])
        want_a, want_b = _words(text_a), _words(text_b)
        if (want_a in span_a or span_a in want_a) and (want_b in span_b or span_b in want_b):
            return True
    return False


def test_sample_same_quotes(sample) -> None:
    articles, _, links, expected = sample
    for entry in expected["same_quote"]:
        key_of: dict[str, str] = {}
        for key in entry["articles"]:
            key_of.setdefault(articles[key].id, key)  # the exact duplicate is one article
        distinct = list(key_of)
        # every article carrying the quote is joined to the others by same_quote links
        parent = {article_id: article_id for article_id in distinct}

        def find(node: str, parent: dict[str, str] = parent) -> str:
            while parent[node] != node:
                node = parent[node]
            return node

        for i, first in enumerate(distinct):
            for second in distinct[i + 1 :]:
                if _linked(links, articles, "same_quote", key_of[first], key_of[second], entry["text"], entry["text"]):
                    parent[find(first)] = find(second)
        assert len({find(node) for node in distinct}) == 1, entry["text"]


def test_sample_quote_variants(sample) -> None:
    articles, _, links, expected = sample
    for entry in expected["quote_variants"]:
        (key_a, text_a), (key_b, text_b) = list(entry["texts"].items())
        assert _linked(links, articles, "quote_variant", key_a, key_b, text_a, text_b), (text_a, text_b)


def test_sample_brandt_is_carried_to_every_copy_of_her_quote(sample) -> None:
    articles, index, _, expected = sample
    entry = expected["same_quote"][0]
    carried = carry_speakers(index)
    text = entry["text"]
    for key in entry["articles"]:
        article = articles[key]
        quote = next(q for q in quotes_of(article) if _words(text) in _words(q.text))
        if key == entry["named_in"]:
            assert quote.speaker is not None and quote.speaker.name.endswith("Brandt")
            continue
        assert carried[(article.id, quote.start)]["name"] == "Ilse Brandt", key


def test_sample_has_no_quote_links_between_unrelated_stories(sample) -> None:
    articles, _, links, _ = sample
    bridge = {articles[k].id for k in articles if "bridge" in k or "aldermoor" in k}
    for link in links:
        assert (link.a.article_id in bridge) == (link.b.article_id in bridge)


FRAGMENTS = [
    '"We will not waver," ',
    "said Colonel Mira Tessen. ",
    "“The exercises [Varnia] holds are defensive …” ",
    "a spokesperson said ",
    '"',
    "”",
    "\n\n",
    "the president said that Varnia would not hesitate. ",
]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=8), max_size=3))
def test_any_articles_link_without_crashing_and_spans_are_valid(parts: list[list[str]]) -> None:
    articles = [Article.create("".join(p) or "x", source=f"{n}.txt") for n, p in enumerate(parts)]
    index = QuoteIndex()
    by_id: dict[str, Article] = {}
    for article in articles:
        for link in index.add(article):
            assert link.a.article_id < link.b.article_id
            for side in (link.a, link.b):
                text = (by_id.get(side.article_id) or article).text
                assert 0 <= side.start < side.end <= len(text)
        by_id[article.id] = article
    carry_speakers(index)


# ------------------------------------------------------------------ editing marks


LEITNER_WIRE = _article(
    "HALVIK, Nov 4 (CPA) - Osterland asked its neighbour on Monday to pull back the rocket units it moved "
    'last week.\n\n"We expect them to withdraw [the missile launchers] from the Serin Valley within days, such as '
    'to avoid any misreading of their intentions," said Major Anja Leitner, a spokesperson for the Osterland '
    "Border Command.",
    "leitner-wire.txt",
)
LEITNER_PAPER = _article(
    "Osterland has called on Varnia to move its rocket units away from the border.\n\n"
    "“We expect them to withdraw (the missile launchers) from the Serin Valley within days, such to avoid any "
    "misreading of their intentions,” Major Anja Leitner, a spokesperson for the Osterland Border Command, told "
    "reporters.",
    "leitner-paper.txt",
    day=5,
)


def test_brackets_against_parentheses_and_a_dropped_word_are_the_same_quote() -> None:
    _, links = _links(LEITNER_WIRE, LEITNER_PAPER)
    assert [link.kind for link in links] == ["same_quote"]
    link = links[0]
    assert link.score >= 0.9
    by_id = {LEITNER_WIRE.id: "wire", LEITNER_PAPER.id: "paper"}
    edits = {by_id[link.a.article_id]: [a for a, _ in link.edits], by_id[link.b.article_id]: [b for _, b in link.edits]}
    assert edits["wire"] == ["[the missile launchers]", "such as to"]
    assert edits["paper"] == ["(the missile launchers)", "such to"]
    assert link.as_dict()["edits"][0] in (
        {"a": "[the missile launchers]", "b": "(the missile launchers)"},
        {"a": "(the missile launchers)", "b": "[the missile launchers]"},
    )
    assert Link.from_dict(link.as_dict()) == link


def test_ellipsis_curly_apostrophes_and_function_words_keep_the_same_quote() -> None:
    first = _article(
        "Defence Minister Karl Vogt said: \"We don't want a war over the valley, and we will not move a single "
        'soldier into it unless the treaty is broken by the other side."',
        "vogt-1.txt",
    )
    second = _article(
        "“We don’t want a war over the valley … we will not move a single soldier into it unless the treaty is "
        "broken by the other side,” Defence Minister Karl Vogt said.",
        "vogt-2.txt",
        day=5,
    )
    _, links = _links(first, second)
    assert [link.kind for link in links] == ["same_quote"]
    texts = {text for pair in links[0].edits for text in pair}
    assert {"don't", "don’t"} <= texts  # the apostrophes differ, and the link says so
    assert any("…" in text for text in texts)


def test_changed_or_negated_words_are_not_the_same_quote() -> None:
    base = 'Defence Minister Karl Vogt said: "We will move the brigade to the northern border before the winter."'
    for changed in (
        'Defence Minister Karl Vogt said: "We will move the brigade to the southern border before the winter."',
        'Defence Minister Karl Vogt said: "We will not move the brigade to the northern border before the winter."',
        'Defence Minister Karl Vogt said: "We will move the whole armoured brigade to the northern border before '
        'the winter."',
    ):
        _, links = _links(_article(base, "a.txt"), _article(changed, "b.txt", day=5))
        assert "same_quote" not in [link.kind for link in links], changed
