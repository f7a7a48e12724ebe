"""The realnews set: its integrity, its loader's errors, and the benchmark command on two articles."""

from __future__ import annotations

import datetime
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosswire.bench.realnews import DATA_DIR, load
from crosswire.bench.realnews.annotations import locate, occurrences, problems, unjudged_same_frame
from crosswire.bench.realnews.records import JUDGMENTS
from crosswire.errors import DatasetError


@pytest.fixture(scope="module")
def dataset():
    return load(DATA_DIR)


def test_every_annotation_resolves_and_the_set_is_complete(dataset) -> None:
    assert problems(DATA_DIR) == []
    assert len(dataset.articles) == 30
    assert 8 <= len(dataset.stories) <= 10
    assert sum(len(a.article.text.split()) for a in dataset.articles) >= 15_000
    for story in dataset.stories:
        assert len(story.articles) >= 2, story.id
        outlets = {a.article.outlet for a in story.articles}
        assert len(outlets) >= 2, f"{story.id}: a story is told by more than one outlet"
        # every pair of claims with one frame is judged, so a link between them is never unjudged
        assert list(unjudged_same_frame(story)) == [], story.id


def test_spans_are_consistent_with_the_text(dataset) -> None:
    for article in dataset.articles:
        text = article.article.text
        spans = [
            *(q.span for q in article.quotes),
            *(n.span for n in article.quantities),
            *(t.span for t in article.times),
            *(p.span for p in article.places),
            *(c.span for c in article.claims),
        ]
        for span in spans:
            piece = text[span.start : span.end]
            assert 0 <= span.start < span.end <= len(text), article.key
            assert piece == piece.strip(), f"{article.key}: {piece!r} starts or ends with a space"
        for claim in article.claims:
            if claim.figure is not None:
                quantity = next(q for q in article.quantities if q.id == claim.figure)
                assert claim.span.start <= quantity.span.start and quantity.span.end <= claim.span.end
        for quote in article.quotes:
            assert quote.name or quote.continues, f"{article.key} {quote.id}: nobody said it"


def test_asserters_agree_with_stances_and_quotations(dataset) -> None:
    for article in dataset.articles:
        for claim in article.claims:
            where = (article.key, claim.id)
            if claim.asserter_kind == "outlet":
                # the outlet's own voice: asserted or qualified by the outlet, never "reported"
                assert claim.asserter == article.article.outlet and claim.stance != "reported", where
                continue
            assert claim.stance != "asserted", where
            inside = [q for q in article.quotes if q.span.start <= claim.span.start and claim.span.end <= q.span.end]
            if inside:  # a claim inside a quotation is put forward by whoever said it
                assert claim.asserter == min(inside, key=lambda q: q.span.end - q.span.start).name, where


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")  # fmt: skip


def test_time_values_fall_on_the_weekday_and_month_written(dataset) -> None:
    checked = 0
    for article in dataset.articles:
        for timex in article.times:
            words = re.findall(r"[a-z]+", article.article.text[timex.span.start : timex.span.end].casefold())
            day = re.match(r"(\d{4})-(\d{2})-(\d{2})", timex.value)
            weekly = re.match(r"XXXX-WXX-(\d)", timex.value)  # "on Mondays", "every Friday"
            for number, name in enumerate(WEEKDAYS):
                if name in words and day:
                    checked += 1
                    assert datetime.date(*map(int, day.groups())).weekday() == number, (article.key, timex)
                if name.removesuffix("day") in " ".join(words) and weekly:
                    checked += 1
                    assert int(weekly.group(1)) == number + 1, (article.key, timex)
            month = re.match(r"(?:\d{4}|XXXX)-(\d{2})", timex.value)
            for number, name in enumerate(MONTHS, start=1):
                if name in words and month:
                    checked += 1
                    assert int(month.group(1)) == number, (article.key, timex)
    assert checked > 100


def test_numerals_agree_with_the_annotated_values(dataset) -> None:
    numeral = re.compile(r"\d[\d,]*(?:\.\d+)?")
    for article in dataset.articles:
        for quantity in article.quantities:
            text = article.article.text[quantity.span.start : quantity.span.end]
            numbers = [float(n.replace(",", "")) for n in numeral.findall(text)]
            if not numbers or text.endswith("-odd"):  # "40-odd" is 41 to 49
                continue
            scale = 1e9 if "billion" in text else 1e6 if "million" in text else 1.0
            allowed = {n * scale for n in numbers} | set(numbers)
            for value in (quantity.value, quantity.low, quantity.high):
                if value is not None:
                    assert any(abs(value - a) <= 1e-6 * max(1.0, a) for a in allowed), (article.key, quantity)


def test_every_pair_names_two_claims_of_its_story(dataset) -> None:
    judged = 0
    for story in dataset.stories:
        claims = {f"{a.key.split('/', 1)[1]}/{c.id}" for a in story.articles for c in a.claims}
        for pair in story.pairs:
            assert pair.a in claims and pair.b in claims, (story.id, pair)
            assert pair.a != pair.b and pair.judgment in JUDGMENTS
            judged += 1
    kinds = {p.judgment for s in dataset.stories for p in s.pairs}
    assert kinds == set(JUDGMENTS) and judged >= 300


def test_a_broken_annotation_is_reported_by_file_and_item(tmp_path: Path) -> None:
    story = tmp_path / "01-story"
    shutil.copytree(DATA_DIR / "09-hollin-bay-museum", story)
    notes = story / "eveningpost-2025-05-30.yaml"
    text = notes.read_text(encoding="utf-8")
    text = text.replace('text: "14 years", value: 14', 'text: "41 years", value: 41')  # not in the article
    text = text.replace('{id: t11, text: "Saturday", n: 2,', '{id: t11, text: "Saturday",')  # ambiguous
    notes.write_text(text, encoding="utf-8")
    pairs = story / "story.yaml"
    pairs.write_text(pairs.read_text(encoding="utf-8") + "  - [newsletter-undated/c99, newsletter-undated/c1, agree]\n")
    found = problems(tmp_path)
    assert any("eveningpost-2025-05-30.yaml: n4: text: '41 years' is not in the article text" in p for p in found)
    assert any("t11: text: 'Saturday' occurs 2 times; say which with n" in p for p in found)
    assert any("story.yaml: pairs: newsletter-undated/c99 is not an annotated claim" in p for p in found)
    with pytest.raises(DatasetError, match=r"01-story"):
        load(tmp_path)


def test_a_story_folder_alone_is_a_set_of_one_story() -> None:
    alone = load(DATA_DIR / "09-hollin-bay-museum")
    assert [s.id for s in alone.stories] == ["09-hollin-bay-museum"] and len(alone.articles) == 2


def test_a_story_with_one_article_is_refused(tmp_path: Path) -> None:
    story = tmp_path / "lonely"
    shutil.copytree(DATA_DIR / "09-hollin-bay-museum", story)
    for stem in ("newsletter-undated",):
        (story / f"{stem}.md").unlink()
        (story / f"{stem}.yaml").unlink()
    (story / "story.yaml").write_text("title: One article\n", encoding="utf-8")
    assert any("a story needs at least 2 articles, found 1" in p for p in problems(tmp_path))


words = st.text(alphabet="abcdeé ,.\n'", max_size=60)


@given(words, st.text(alphabet="abcdeé ,.'", min_size=1, max_size=6))
def test_locate_finds_each_whole_word_occurrence_or_says_why(text: str, needle: str) -> None:
    starts = occurrences(text, needle)
    assert all(text[s : s + len(needle)] == needle for s in starts)
    for n, start in enumerate(starts, start=1):
        assert (locate(text, needle, n).start, locate(text, needle, n).end) == (start, start + len(needle))
    if len(starts) == 1:
        assert locate(text, needle).start == starts[0]
    else:
        with pytest.raises(ValueError, match=r"not in the article text|say which with n"):
            locate(text, needle)


@given(st.text(max_size=40), st.text(min_size=1, max_size=5), st.integers(min_value=1, max_value=3))
def test_locate_never_returns_a_span_outside_the_text(text: str, needle: str, n: int) -> None:
    try:
        span = locate(text, needle, n)
    except ValueError:
        return
    assert 0 <= span.start < span.end <= len(text) and text[span.start : span.end] == needle


def test_bench_command_scores_two_articles(cli, dataset) -> None:
    result = cli("bench", "realnews", "--limit", "2")
    assert result.returncode == 0, result.stderr
    assert "realnews: 2 articles in 1 stories" in result.stdout
    for heading in ("quotes", "quantities", "times", "places", "claims", "stories", "claim links"):
        assert any(line.startswith(heading) for line in result.stdout.splitlines()), heading
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    assert figures["task"] == "realnews" and figures["articles"] == 2
    assert 0.0 <= figures["quotes"]["content_overlap"]["f1"] <= 1.0
    first_two = dataset.articles[:2]
    assert figures["times"]["gold"] == sum(len(a.times) for a in first_two)
    claims = {f"{a.key.split('/', 1)[1]}/{c.id}" for a in first_two for c in a.claims}
    pairs = [p for p in dataset.stories[0].pairs if p.a in claims and p.b in claims]
    assert figures["claim_links"]["judged_pairs"] == len(pairs) > 0
