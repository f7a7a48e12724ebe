"""Copies: duplicates, near-duplicates, shared passages, direction, stable ids."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.errors import OptionError
from crosswire.link.copies.linker import CopyIndex, CopyOptions, Link, direction, find_copies
from crosswire.link.copies.shingles import tokenize
from crosswire.model import Article

WIRE = """DOLMEK, March 4 - Varnia moved about 250 rocket launchers to its northern border with Osterland \
overnight, the Varnian Central News Agency reported on Monday, citing the defence ministry.

The ministry said the deployment was a routine exercise and posed no threat to its neighbour. \
Officials in Halvik said they were watching the movements closely and had summoned the Varnian \
ambassador for an explanation.

Satellite images released by a private company on Sunday showed long columns of trucks on the \
road north of Dolmek, some of them carrying what analysts described as 600mm launchers.

"We are not looking for a fight, but we will defend every metre of our land," Defence Minister \
Arek Tomsin told reporters after a cabinet meeting in the capital.

Osterland's foreign ministry called the move reckless and said it would raise the matter at the \
regional security council later this week. Trade between the two countries has fallen by a third \
since the border dispute flared up last spring.

The agency did not say how long the launchers would stay near the border or how many troops \
accompanied them."""

LOCAL_PARAGRAPH = """Farmers near the border town of Brask told the Halvik Post they had seen \
military convoys on the main road for three nights in a row and that the local school had been \
closed as a precaution."""

PASSAGE = """The ministry said the deployment was a routine exercise and posed no threat to its \
neighbour. Officials in Halvik said they were watching the movements closely and had summoned the \
Varnian ambassador for an explanation."""

UNRELATED = """HALVIK, March 2 - Osterland's national football team beat the champions three goals \
to one on Saturday evening in front of a sold-out crowd at the renovated harbour stadium.

The coach praised the young midfielders and said the squad would travel to the southern coast \
for a training camp before the spring qualifiers begin next month."""

SHARING = f"""HALVIK, March 5 - Grain exporters in Osterland are worried that tension with Varnia \
could close the main rail crossing, which carries most of the wheat sold to the south each year.

Prices at the Halvik exchange rose for a second day. {PASSAGE}

Shipping firms said they had started to look for routes through the western ports, although those \
add several days to every journey and cost more in fuel and fees."""

MONDAY_8AM = datetime(2024, 3, 4, 8, 0, tzinfo=UTC)


def _article(text: str, title: str, published: object = None, outlet: str = "VCNA") -> Article:
    return Article.create(text, source="test", title=title, outlet=outlet, published=published)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def corpus() -> dict[str, Article]:
    bracketed = WIRE.replace("DOLMEK, March 4 -", "DOLMEK, March 4 (VCNA) -").replace(
        "Officials in Halvik said", "Officials in Halvik [Osterland] said"
    )
    paragraphs = WIRE.split("\n\n")
    trimmed = "\n\n".join([*paragraphs[:-2], paragraphs[-2].split(". ")[0] + "."])
    return {
        "wire": _article(WIRE, "Varnia moves launchers to border", MONDAY_8AM),
        # a changed headline and bracketed insertions: the same words otherwise
        "bracketed": _article(
            bracketed, "Rocket launchers massed near Osterland", MONDAY_8AM + timedelta(hours=2), "Post"
        ),
        # the last sentence trimmed and the closing paragraph cut
        "trimmed": _article(trimmed, "Launchers on the move", date(2024, 3, 4), "Gazette"),
        # a local paragraph added at the end
        "local": _article(WIRE + "\n\n" + LOCAL_PARAGRAPH, "Convoys seen near Brask", date(2024, 3, 5), "Post"),
        "unrelated": _article(UNRELATED, "Osterland win", datetime(2024, 3, 2, 20, 0, tzinfo=UTC)),
        "sharing": _article(SHARING, "Grain exporters worried", None, "Farm Daily"),
    }


def _links_between(links: list[Link], x: Article, y: Article) -> list[Link]:
    pair = {x.id, y.id}
    return [link for link in links if {link.a.article_id, link.b.article_id} == pair]


@pytest.fixture(scope="module")
def links(corpus: dict[str, Article]) -> list[Link]:
    return find_copies(corpus.values())


def test_bracketed_copy_is_a_duplicate_of_the_whole_text(corpus, links) -> None:
    wire, copy = corpus["wire"], corpus["bracketed"]
    assert wire.id != copy.id
    (link,) = _links_between(links, wire, copy)
    assert link.kind == "duplicate"
    assert link.score == 1.0
    ends = {link.a.article_id: link.a, link.b.article_id: link.b}
    assert (ends[wire.id].start, ends[wire.id].end) == (0, len(wire.text))
    assert (ends[copy.id].start, ends[copy.id].end) == (0, len(copy.text))


def test_trimmed_and_extended_copies_are_near_duplicates(corpus, links) -> None:
    for name in ("trimmed", "local"):
        found = _links_between(links, corpus["wire"], corpus[name])
        near = [link for link in found if link.kind == "near_duplicate"]
        assert len(near) == 1, name
        assert 0.7 <= near[0].score < 0.95
        assert any(link.kind == "shared_passage" for link in found)


def test_added_local_paragraph_is_outside_the_shared_passage(corpus, links) -> None:
    local = corpus["local"]
    (passage,) = [link for link in _links_between(links, corpus["wire"], local) if link.kind == "shared_passage"]
    end = passage.a if passage.a.article_id == local.id else passage.b
    shared = local.text[end.start : end.end]
    assert shared.startswith("DOLMEK, March 4")
    assert shared.endswith("how many troops \naccompanied them".replace(" \n", " "))
    assert "Farmers" not in shared
    assert passage.score == 1.0


def test_unrelated_article_has_no_links(corpus, links) -> None:
    unrelated = corpus["unrelated"].id
    assert not [link for link in links if unrelated in (link.a.article_id, link.b.article_id)]


def test_shared_three_sentence_passage_has_exact_spans(corpus, links) -> None:
    wire, sharing = corpus["wire"], corpus["sharing"]
    found = _links_between(links, wire, sharing)
    assert [link.kind for link in found] == ["shared_passage"]
    (link,) = found
    texts = {wire.id: wire.text, sharing.id: sharing.text}
    expected = PASSAGE.removesuffix(".")
    assert texts[link.a.article_id][link.a.start : link.a.end] == expected
    assert texts[link.b.article_id][link.b.start : link.b.end] == expected
    assert link.score == 1.0
    assert link.direction == "unknown"  # the sharing article has no date


def test_passage_tolerates_bracketed_insertion_and_light_edit() -> None:
    edited = PASSAGE.replace("Officials in Halvik said", "Officials in Halvik (Osterland) said").replace(
        "watching the movements closely", "watching the movement closely"
    )
    left = _article("Other news first. Nothing to see in this sentence at all. " + PASSAGE, "x")
    right = _article("A different opening line about grain prices. " + edited + " The end.", "y")
    (link,) = find_copies([left, right])
    assert link.kind == "shared_passage"
    texts = {left.id: left.text, right.id: right.text}
    spans = {
        link.a.article_id: texts[link.a.article_id][link.a.start : link.a.end],
        link.b.article_id: texts[link.b.article_id][link.b.start : link.b.end],
    }
    assert spans[left.id] == PASSAGE.removesuffix(".")
    assert spans[right.id] == edited.removesuffix(".")
    assert 0.9 < link.score < 1.0


def _earlier(link: Link) -> str | None:
    return {"a_earlier": link.a.article_id, "b_earlier": link.b.article_id}.get(link.direction)


def test_direction_of_links(corpus, links) -> None:
    wire = corpus["wire"]

    def whole(name: str) -> Link:
        (link,) = [x for x in _links_between(links, wire, corpus[name]) if x.kind != "shared_passage"]
        return link

    assert _earlier(whole("bracketed")) == wire.id  # two hours later
    assert _earlier(whole("trimmed")) is None  # a bare date on the same day
    assert whole("trimmed").direction == "unknown"
    assert _earlier(whole("local")) == wire.id  # the next day


def test_direction_rules() -> None:
    tz = timezone(timedelta(hours=5))
    assert direction(None, MONDAY_8AM) == "unknown"
    assert direction(MONDAY_8AM, None) == "unknown"
    assert direction(MONDAY_8AM, MONDAY_8AM + timedelta(minutes=1)) == "a_earlier"
    assert direction(MONDAY_8AM + timedelta(minutes=1), MONDAY_8AM) == "b_earlier"
    assert direction(MONDAY_8AM, datetime(2024, 3, 4, 13, 0, tzinfo=tz)) == "unknown"  # same instant
    assert direction(date(2024, 3, 3), MONDAY_8AM) == "a_earlier"
    assert direction(MONDAY_8AM, date(2024, 3, 3)) == "b_earlier"
    assert direction(date(2024, 3, 4), MONDAY_8AM) == "unknown"
    assert direction(date(2024, 3, 4), date(2024, 3, 4)) == "unknown"
    assert direction(datetime(2024, 3, 4, 8, 0), MONDAY_8AM + timedelta(seconds=1)) == "a_earlier"


def test_links_are_canonical_and_ids_stable(corpus, links) -> None:
    again = find_copies(reversed(list(corpus.values())))
    assert [link.as_dict() for link in again] == [link.as_dict() for link in links]
    assert len({link.id for link in links}) == len(links)
    for link in links:
        assert link.a.article_id < link.b.article_id
        assert Link.from_dict(link.as_dict()) == link


def test_as_dict_has_exactly_the_contract_keys(links) -> None:
    data = links[0].as_dict()
    assert list(data) == ["id", "kind", "a", "b", "score", "direction"]
    assert list(data["a"]) == ["article_id", "start", "end"]
    assert isinstance(data["score"], float)
    assert data["direction"] in ("a_earlier", "b_earlier", "unknown")


def test_incremental_add_equals_batch(corpus, links) -> None:
    index = CopyIndex()
    incremental: list[Link] = []
    for article in corpus.values():
        new = index.add(article)
        assert all(corpus_id_in(link, article) for link in new)
        incremental.extend(new)
    assert sorted(link.id for link in incremental) == sorted(link.id for link in links)
    assert index.add(corpus["wire"]) == []  # already indexed
    assert len(index) == len(corpus)


def corpus_id_in(link: Link, article: Article) -> bool:
    return article.id in (link.a.article_id, link.b.article_id)


def test_index_pickles_and_rebuilds(corpus) -> None:
    names = ["wire", "unrelated", "trimmed"]
    index = CopyIndex.rebuild(corpus[name] for name in names)
    restored = pickle.loads(pickle.dumps(index))
    assert corpus["wire"].id in restored
    assert restored.add(corpus["local"]) == index.add(corpus["local"])
    assert restored.add(corpus["local"]) == []


def test_boilerplate_fingerprints_stop_linking() -> None:
    boiler = "Copyright the Varnian Central News Agency all rights reserved and no part may be reused."
    articles = [
        _article(f"Story number {n} is about topic {n * 7} and nothing else at all here. {boiler}", f"t{n}")
        for n in range(12)
    ]
    small = CopyOptions(max_postings=4, passage_window=4)
    links = find_copies(articles, small)
    linked = {link.b.article_id for link in links} | {link.a.article_id for link in links}
    assert links
    assert len(linked) <= 6


def test_bad_options_raise() -> None:
    with pytest.raises(OptionError):
        CopyOptions(threshold=0.99, duplicate_threshold=0.9)
    with pytest.raises(OptionError):
        CopyOptions(shingle_words=0)


def test_tokens_skip_short_brackets_and_keep_offsets() -> None:
    text = "Troops (VCNA) moved [Varnia] north (a long parenthetical remark that is real content here)."
    tokens = tokenize(text)
    words = [text[s:e] for s, e in zip(tokens.starts, tokens.ends, strict=True)]
    assert words[:3] == ["Troops", "moved", "north"]
    assert "VCNA" not in words and "Varnia" not in words
    assert "parenthetical" in words


FRAGMENTS = [
    PASSAGE,
    "The ministry said (VCNA) the deployment was routine.",
    "[Varnia] ",
    "Officials in Halvik said they were watching.",
    "\n\n",
    "“Quoted” words — dashes, ÄÖ ß İ 1,500 launchers.",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=8).map("".join),
        min_size=1,
        max_size=5,
    )
)
def test_arbitrary_texts_never_crash_and_spans_are_valid(texts: list[str]) -> None:
    articles = {}
    for n, text in enumerate(texts):
        article = Article(id=f"id{n}", text=text)
        articles[article.id] = article
    options = CopyOptions(passage_min_words=3, passage_window=2)
    for link in find_copies(articles.values(), options):
        assert link.a.article_id < link.b.article_id
        for end in (link.a, link.b):
            text = articles[end.article_id].text
            assert 0 <= end.start < end.end <= len(text)
            if link.kind == "shared_passage":
                assert text[end.start : end.end].strip() == text[end.start : end.end]
            else:
                assert (end.start, end.end) == (0, len(text))
        assert 0.0 < link.score <= 1.0


def test_tokens_keep_offsets_when_case_folding_changes_length() -> None:
    text = "In der Straße (VCNA) von İzmir warten DIE Händler"
    tokens = tokenize(text)
    words = [text[s:e] for s, e in zip(tokens.starts, tokens.ends, strict=True)]
    assert words == ["In", "der", "Straße", "von", "İzmir", "warten", "DIE", "Händler"]
    plain = tokenize("in der STRASSE von İzmir warten die händler")
    assert plain.hashes.tolist()[:3] == tokens.hashes.tolist()[:3]
    assert plain.hashes.tolist()[-3:] == tokens.hashes.tolist()[-3:]
