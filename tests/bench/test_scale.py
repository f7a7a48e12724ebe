"""The scale benchmark's corpus generator and scorer, on a small invented corpus (nothing is timed)."""

from __future__ import annotations

import json
import os
import random
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosswire.bench import reuters_date, scale
from crosswire.errors import DatasetError
from crosswire.link.copies.linker import CopyIndex
from crosswire.link.quotes.paraphrase import _lcs, content_of, prepare

TOPICS = [
    ("harbour", "Dolmek", "Aurel Maszek", "ferry", "dockworkers", "strike", "cranes"),
    ("election", "Halvik", "Ilse Brandt", "ballot", "observers", "turnout", "districts"),
    ("drought", "Kessary", "Otto Varga", "harvest", "farmers", "rainfall", "reservoirs"),
    ("railway", "Pellin", "Mira Sokol", "tunnel", "engineers", "budget", "stations"),
    ("festival", "Orvent", "Tomas Kell", "concert", "visitors", "tickets", "stages"),
    ("hospital", "Brask", "Lena Dorr", "clinic", "nurses", "waiting", "wards"),
]


def _article(number: int, topic: tuple[str, ...]) -> dict[str, object]:
    subject, city, person, thing, group, measure, parts = topic
    surname = person.split()[-1]
    sentences = [
        f"The {subject} in {city} entered its {number + 3}th day on Tuesday as {group} gathered near the {thing}.",
        f'"We will not accept the plan for the {thing} until the {parts} are safe," {person} said.',
        f"Officials of the Varnian {subject} office counted {120 + number * 7} {group} at the main gate.",
        f"The {measure} figures published by the VCNA showed a sharp change since the spring.",
        f"{surname} added that the {parts} of {city} had waited for repairs for nearly a decade.",
        f"Neighbouring Osterland sent two observers to watch the {subject} from the {thing}.",
        f'"This is about the future of {city} and every family in it," {surname} told reporters.',
        f"A further meeting about the {thing} and the {parts} is planned for the coming week in {city}.",
    ]
    return {"id": f"test/{number}", "title": f"{city} {subject}: {group} and the {thing}", "text": " ".join(sentences)}


@pytest.fixture
def corpus_file(tmp_path: Path) -> Path:
    path = tmp_path / "bbc.jsonl"
    rows = [_article(n, topic) for n, topic in enumerate(TOPICS)]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    return path


def test_bases_carry_quotes_and_features(corpus_file: Path) -> None:
    bases = scale.load_bases(corpus_file)
    assert len(bases) == len(TOPICS)
    first = bases[0]
    assert first.article.id == "test/0"
    assert first.article.published is not None
    assert any(q.speaker and q.speaker.name == "Aurel Maszek" for q in first.quotes)
    assert "Aurel Maszek" in first.features.names
    assert dict(first.features.words)["harbour"] >= 1
    # sentence spans cover the text in order
    assert first.sentences[0][0] == 0 and first.sentences[-1][1] == len(first.article.text)
    assert all(a[1] == b[0] for a, b in zip(first.sentences, first.sentences[1:], strict=False))


def test_generator_is_deterministic(corpus_file: Path) -> None:
    bases = scale.load_bases(corpus_file)
    one = list(islice(scale.generate(bases), 40))
    two = list(islice(scale.generate(bases), 40))
    assert [(b.article.id, b.article.text, b.article.published) for b in one] == [
        (b.article.id, b.article.text, b.article.published) for b in two
    ]
    assert [b.quotes for b in one] == [b.quotes for b in two]
    # a larger corpus holds every article of a smaller one
    small = {b.article.id for b in scale.build_corpus(bases, 15)}
    large = {b.article.id for b in scale.build_corpus(bases, 30)}
    assert len(small) == 15 and len(large) == 30 and small < large


def test_rewritten_generation_keeps_lengths_and_quote_offsets(corpus_file: Path) -> None:
    bases = scale.load_bases(corpus_file)
    items = list(islice(scale.generate(bases), 80))
    rewritten = [b for b in items if b.article.id.startswith("g1/") and "~" not in b.article.id]
    assert rewritten
    for item in rewritten:
        original = next(b for b in bases if b.article.id == item.article.id.removeprefix("g1/"))
        assert len(item.article.text) == len(original.article.text)
        assert item.article.text != original.article.text
        assert item.features.published != original.features.published
    for item in items:
        text = item.article.text
        for quote in item.quotes:
            assert 0 <= quote.start < quote.end <= len(text)
            assert text[quote.start : quote.end] == quote.text


def test_variants_are_near_duplicates_that_copy_detection_finds(corpus_file: Path) -> None:
    bases = scale.load_bases(corpus_file)
    base = bases[1]
    rng = random.Random(7)
    variants = [scale.make_variant(base, n, rng, None) for n in range(1, 6)]
    assert len({v.article.text for v in variants}) == len(variants)
    index = CopyIndex()
    index.add(base.article)
    for variant in variants:
        assert variant.article.id.startswith(base.article.id + "~v")
        assert variant.article.text != base.article.text
        assert variant.features.article_id == variant.article.id
        delay = variant.article.published - base.article.published  # type: ignore[operator]
        assert 0 < delay.total_seconds() <= 4 * 86400
        links = index.add(variant.article)
        kinds = {link.kind for link in links if base.article.id in (link.a.article_id, link.b.article_id)}
        assert kinds & {"duplicate", "near_duplicate"}, variant.article.text


def test_passage_variant_shares_only_a_passage(corpus_file: Path) -> None:
    bases = scale.load_bases(corpus_file)
    words, stems = scale._vocabularies(bases)
    cipher = scale.Cipher.build(words, stems, 99)
    base = bases[2]
    variant = scale.make_variant(base, 1, random.Random(3), cipher)
    assert variant.article.id == base.article.id + "~p1"
    index = CopyIndex()
    index.add(base.article)
    links = index.add(variant.article)
    assert links and {link.kind for link in links} == {"shared_passage"}


def test_score_runs_on_a_tiny_corpus(corpus_file: Path) -> None:
    figures = scale.score(corpus_file, sizes=[12, 24], isolate=False)
    assert figures["base_articles"] == len(TOPICS)
    sizes = [row["articles"] for row in figures["curve"]]
    assert sizes == [12, 24]
    last = figures["curve"][-1]
    assert set(last["phases"]) == {"copies", "stories", "quotes"}
    assert last["links"]["near_duplicate"] + last["links"]["duplicate"] > 0
    assert last["links"]["same_quote"] > 0
    assert 0 < last["stories"] < 24
    assert set(last["bytes_per_article"]) == {"copies", "stories", "quotes"}
    assert "ratio_per_doubling" in last
    text = scale.render(figures)
    assert "articles" in text and "per doubling" in text


def test_limit_caps_the_sizes(corpus_file: Path) -> None:
    figures = scale.score(corpus_file, sizes=[10, 20, 40], limit=20, isolate=False)
    assert [row["articles"] for row in figures["curve"]] == [10, 20]


def test_missing_corpus_is_a_dataset_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no such file"):
        scale.score(tmp_path / "absent", sizes=[10])
    (tmp_path / "bbc.jsonl").write_text("[1, 2]\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="not a JSON object"):
        scale.load_bases(tmp_path)


# The linkers were made faster without changing their results; these pin the shortcuts.

NEWS_WORDS = st.sampled_from(
    [
        "The",
        "Varnian",
        "minister",
        "said",
        "n't",
        "won't",
        "isn't",
        "Dolmek's",
        "1,200",
        "3.50",
        "people",
        "were",
        "told",
        "’s",
        "protesters",
        "rose",
        "fell",
        "planned",
        "hitting",
        "says",
        "analysts",
        "VCNA",
        "Osterland",
        "Halvik",
    ]
)


@given(st.lists(NEWS_WORDS, max_size=30), st.text(max_size=40))
def test_content_of_matches_the_full_form(words: list[str], noise: str) -> None:
    text = " ".join(words) + " " + noise
    assert content_of(text) == prepare(text).content


@given(st.lists(st.sampled_from("abcdef"), max_size=40), st.lists(st.sampled_from("abcdefg"), max_size=90))
def test_bit_parallel_lcs_matches_the_table(a: list[str], b: list[str]) -> None:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    assert _lcs(tuple(a), tuple(b)) == previous[-1]


def test_generations_map_the_commonest_words_too_but_only_to_one_another(corpus_file: Path) -> None:
    # Were "the", "of" and the like kept, two generations of one base would share their function
    # words in sequence and copy detection would link them as shared passages.
    bases = scale.load_bases(corpus_file)
    words, stems = scale._vocabularies(bases)
    ranked = [w for w, _ in sorted(words.items(), key=lambda item: (-item[1], item[0]))]
    common = ranked[: len(ranked) // 20]
    assert "the" in common
    first, second = (scale.Cipher.build(words, stems, seed) for seed in (1, 2))
    for cipher in (first, second):
        assert set(common) <= set(cipher.table)
        assert all(cipher.table[w] in common and len(cipher.table[w]) == len(w) for w in common)
        assert cipher.table["the"] != "the"
    g1, g2 = (scale._rewrite(bases[0], cipher, n) for n, cipher in ((1, first), (2, second)))
    assert g1.article.text != g2.article.text and len(g1.article.text) == len(g2.article.text)


def test_a_size_whose_process_dies_is_reported_and_the_smaller_sizes_kept(
    corpus_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = scale.measure

    def dying(pool: list[scale.Base], size: int, **options: object) -> dict[str, object]:
        if size > 12:
            os._exit(9)  # as the kernel ends a process out of memory, without a word
        return real(pool, size)

    monkeypatch.setattr(scale, "measure", dying)
    figures = scale.score(corpus_file, sizes=[12, 24, 36], isolate=True)
    assert [row["articles"] for row in figures["curve"]] == [12]
    assert figures["failed"]["articles"] == 24
    assert "the measuring process ended, exit code 9" in figures["failed"]["error"]
    assert "24 failed: linking 24 articles failed" in scale.render(figures)


def test_index_sizes_are_measured_up_to_a_size(corpus_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pool = list(islice(scale.generate(scale.load_bases(corpus_file)), 20))
    assert "bytes_per_article" in scale.measure(pool, 20)
    monkeypatch.setattr(scale, "INDEX_SIZES_UP_TO", 10)
    assert "bytes_per_article" not in scale.measure(pool, 20)
    assert "bytes_per_article" in scale.measure(pool, 20, sizes_of_indexes=True)


def test_reuters_dates() -> None:
    assert reuters_date(" 26-FEB-1987 15:01:01.79") == datetime(1987, 2, 26, 15, 1, 1, 790000, tzinfo=UTC)
    assert reuters_date("26 Feb 1987") is None and reuters_date(None) is None


@given(st.one_of(st.text(), st.none(), st.integers()))
def test_reuters_date_reads_anything_without_failing(value: object) -> None:
    found = reuters_date(value)
    assert found is None or found.tzinfo is UTC
