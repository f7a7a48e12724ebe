"""Story clustering: grouping, labels, incremental adds, snapshots, and the benchmark scorer."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosswire.bench import stories as bench
from crosswire.errors import DatasetError, OptionError
from crosswire.extract import extract
from crosswire.extract.features import StoryFeatures
from crosswire.extract.stage import story_features
from crosswire.ingest import iter_articles
from crosswire.link.stories.labels import date_span, parse_lead
from crosswire.link.stories.linker import (
    Story,
    StoryClusterer,
    StoryOptions,
    cluster_stories,
    features_of,
    story_id,
)
from crosswire.model import Article
from crosswire.sample import CORPUS_DIR
from crosswire.text.lemmas import stem
from tests.sample_expected import expected, keyed

T = TypeVar("T")

# ---- invented fixtures ---------------------------------------------------------------------------

JULY_TEST = [
    (
        "Varnia fires Kestrel-7 missile over the Karsk Sea",
        "Varnia test-fired a Kestrel-7 ballistic missile from the Tarnow launch site into the Karsk Sea "
        "on Tuesday, the Varnian Central News Agency (VCNA) said. The missile flew about 620 kilometres "
        "before falling into the Karsk Sea, the agency said. Defence Minister Karl Vogt watched the "
        "Kestrel-7 launch from Tarnow.",
        datetime(2024, 7, 9, 8, tzinfo=UTC),
    ),
    (
        "Osterland condemns Kestrel-7 launch",
        "Osterland condemned the Kestrel-7 missile launch from Tarnow on Tuesday. The missile flew 620 "
        "kilometres and came down in the Karsk Sea, Osterland's military said. Karl Vogt, Varnia's defence "
        "minister, called the Tarnow test a success.",
        datetime(2024, 7, 10, 9, tzinfo=UTC),
    ),
    (
        "Analysts weigh Varnia's Kestrel-7 test",
        "Analysts said the Kestrel-7 fired from Tarnow into the Karsk Sea shows Varnia can reach the whole "
        "region. The 620-kilometre flight was the longest yet, VCNA reported, and Karl Vogt promised more "
        "launches from Tarnow.",
        datetime(2024, 7, 11, 14, tzinfo=UTC),
    ),
]
NOVEMBER_TEST = [
    (
        "Varnia tests Halberd cruise missile near Dolmek",
        "Varnia launched a Halberd cruise missile from the Pelka range near Dolmek on Saturday, flying "
        "1,200 kilometres over the Brennic Gulf, VCNA said. General Anton Maszek oversaw the Halberd launch "
        "at Pelka.",
        datetime(2024, 11, 16, 7, tzinfo=UTC),
    ),
    (
        "Halberd launch alarms the Brennic Gulf states",
        "Neighbours around the Brennic Gulf protested after Varnia's Halberd cruise missile flew 1,200 "
        "kilometres from Pelka. Anton Maszek, the general in charge, said the Pelka range would host more "
        "Halberd tests.",
        datetime(2024, 11, 17, 10, tzinfo=UTC),
    ),
]
LAUNCHERS = [
    (
        "Varnia moves launchers to the Osterland border",
        "Varnia moved about 250 multiple rocket launchers to the Osterland border near Halvik on Sunday, "
        "VCNA said. President Ilse Brandauer ordered the Halvik deployment, the agency said.",
        datetime(2024, 11, 3, 6, tzinfo=UTC),
    ),
    (
        "Halvik residents see launchers arrive",
        "Residents of Halvik said columns of rocket launchers arrived at the Osterland border overnight. "
        "Osterland's government said some 250 launchers were now within range of Halvik. Ilse Brandauer "
        "has not commented.",
        datetime(2024, 11, 4, 12, tzinfo=UTC),
    ),
    (
        "Brandauer defends the border deployment",
        "Ilse Brandauer defended sending 250 rocket launchers to the Osterland border, saying the Halvik "
        "deployment was purely defensive. Analysts in Halvik said each launcher carries four missiles.",
        datetime(2024, 11, 5, 18, tzinfo=UTC),
    ),
]
BRIDGE = [
    (
        "New Lindqvist bridge opens in Rotterdam",
        "The Lindqvist bridge over the Maas opened to traffic in Rotterdam on Friday after six years of "
        "work. Mayor Petra Aalders cut the ribbon as cyclists crossed the 800-metre span.",
        datetime(2024, 11, 8, 10, tzinfo=UTC),
    ),
]


# Two title defences by one invented boxer: the same actor and vocabulary, two events.
GRELL_FIGHT = [
    "Heavyweight champion Lev Markov knocked out Tomas Grell in the seventh round at the Dolmek Arena to keep "
    "his world title.",
    "Lev Markov kept his heavyweight belts, stopping Tomas Grell in the seventh before a sold-out Dolmek Arena. "
    "Grell had never been knocked down.",
    "Tomas Grell was no match for Lev Markov, who retained the world heavyweight title with a seventh-round "
    "knockout in Dolmek.",
    "Grell's corner threw in the towel in the seventh round in Dolmek, and Lev Markov remains the heavyweight "
    "champion of the world.",
]
WEIR_FIGHT = [
    "Lev Markov defended his heavyweight crown on points against Jonah Weir after twelve rounds at Halvik Stadium.",
    "Jonah Weir took Lev Markov the distance in Halvik, but the judges gave the heavyweight champion a unanimous "
    "decision.",
    "At Halvik Stadium, Markov outboxed the taller Weir over twelve rounds to keep the world heavyweight title on "
    "a unanimous decision.",
    "Weir said he had won at least six of the twelve rounds against Lev Markov in Halvik and asked for a rematch "
    "for the heavyweight title.",
]


def _articles(items: list[tuple[str, str, datetime]], prefix: str, dated: bool = True) -> list[Article]:
    return [
        Article.create(body, source=f"{prefix}-{i}", title=title, published=published if dated else None)
        for i, (title, body, published) in enumerate(items)
    ]


def _groups(clusterer: StoryClusterer, groups: list[list[Article]]) -> list[set[str]]:
    return [{clusterer.story_of(a.id) for a in group} for group in groups]


def _corpus(dated: bool = True) -> tuple[list[list[Article]], list[Article]]:
    groups = [
        _articles(JULY_TEST, "july", dated),
        _articles(NOVEMBER_TEST, "november", dated),
        _articles(LAUNCHERS, "launchers", dated),
        _articles(BRIDGE, "bridge", dated),
    ]
    return groups, [a for g in groups for a in g]


# ---- grouping ------------------------------------------------------------------------------------


@pytest.mark.parametrize("dated", [True, False])
def test_events_of_one_kind_stay_apart_and_each_event_is_one_story(dated: bool) -> None:
    groups, articles = _corpus(dated)
    clusterer = StoryClusterer()
    clusterer.add_many(articles)
    ids = _groups(clusterer, groups)
    assert all(len(story_ids) == 1 for story_ids in ids), ids
    assert len({next(iter(s)) for s in ids}) == 4
    assert len(clusterer.stories()) == 4


def test_cohesion_keeps_two_tight_events_of_one_actor_apart() -> None:
    grell = [Article.create(text, source=f"grell-{i}") for i, text in enumerate(GRELL_FIGHT)]
    weir = [Article.create(text, source=f"weir-{i}") for i, text in enumerate(WEIR_FIGHT)]
    # With a threshold low enough to join anything that shares a word, only the cohesion rule
    # keeps the two fights apart: each is far more alike inside than with the other.
    loose = StoryClusterer(StoryOptions(threshold=0.02, cohesion=0.0))
    loose.add_many(grell + weir)
    assert len(loose.stories()) == 1
    clusterer = StoryClusterer(StoryOptions(threshold=0.02))
    clusterer.add_many(grell + weir)
    assert sorted(len(s.articles) for s in clusterer.stories()) == [4, 4]
    assert len({clusterer.story_of(a.id) for a in grell}) == 1


def test_time_window_keeps_identical_wording_months_apart_apart() -> None:
    body = "Varnia fired a Kestrel-7 missile from Tarnow into the Karsk Sea, VCNA said."
    july = Article.create(body, source="a", published=date(2024, 7, 9))
    november = Article.create(body + " ", source="b", published=date(2024, 11, 9))
    november = Article(id="other", text=november.text, published=november.published, sightings=november.sightings)
    clusterer = StoryClusterer(StoryOptions(window_days=7))
    assert clusterer.add(july) != clusterer.add(november)
    wide = StoryClusterer(StoryOptions(window_days=200))
    assert wide.add(july) == wide.add(november)


def test_stories_of_other_times_do_not_crowd_out_the_one_a_late_article_joins() -> None:
    # Earlier years hold the same wording (an anniversary piece, a recurring drill) in stories of
    # their own; a later batch's article must still find this week's story among its candidates.
    body = "Varnia moved some 250 Kestrel-7 launchers to the Osterland border near Tarnow, VCNA said."
    earlier = [Article(id=f"year-{year}", text=body, published=date(year, 3, 2)) for year in range(2014, 2024)]
    week = Article.create(
        "VCNA said Varnia had moved 250 Kestrel-7 launchers to the border with Osterland close to Tarnow.",
        source="week-1",
        published=date(2024, 3, 1),
    )
    late = Article.create(
        "Some 250 Kestrel-7 launchers were moved by Varnia to the Osterland border by Tarnow, VCNA reported.",
        source="week-2",
        published=date(2024, 3, 2),
    )
    clusterer = StoryClusterer(StoryOptions(max_candidates=3))
    clusterer.add_many([*earlier, week])
    assert len({clusterer.story_of(a.id) for a in earlier}) == len(earlier)  # a year apart: apart
    clusterer.add_many([late])
    assert clusterer.story_of(late.id) == clusterer.story_of(week.id)


def test_labels_name_actor_action_place_and_dates() -> None:
    groups, articles = _corpus()
    stories = {s.id: s for s in cluster_stories(articles)}
    launchers = stories[story_id(groups[2][0].id)]
    assert launchers.first == "2024-11-03"
    assert launchers.last == "2024-11-05"
    assert launchers.label == "Varnia · moves launchers to Osterland border · 3–5 Nov 2024"
    assert launchers.actors[0] == "Varnia"
    assert launchers.action == "moves launchers to Osterland border"
    assert "Ilse Brandauer" in launchers.people
    assert "Halvik" in launchers.places
    july = stories[story_id(groups[0][0].id)]
    assert july.label == "Varnia · fires Kestrel-7 missile over Karsk Sea · Tarnów · 9–11 Jul 2024"
    assert [a.source for a in july.articles] == ["july-0", "july-1", "july-2"]
    november = stories[story_id(groups[1][0].id)]
    assert november.label.startswith("Varnia · tests Halberd cruise missile near Dolmek · ")
    assert november.label.endswith(" · 16–17 Nov 2024")
    bridge = stories[story_id(groups[3][0].id)]
    assert bridge.label == "New Lindqvist bridge · opens in Rotterdam · 8 Nov 2024"


def test_undated_labels_have_no_dates() -> None:
    _, articles = _corpus(dated=False)
    launchers = next(s for s in cluster_stories(articles) if s.articles[0].source.startswith("launchers"))
    assert launchers.label == "Varnia · moves launchers to Osterland border"
    assert launchers.first is None and launchers.last is None


@pytest.mark.parametrize(
    ("lead", "subject", "action", "reporting"),
    [
        (
            "Varnia moves rocket launchers to Osterland border, officials say",
            "Varnia",
            "moves rocket launchers to Osterland border",
            False,
        ),
        (
            "Varnia moved some 250 launchers toward its border on Sunday night, an official said.",
            "Varnia",
            "moves 250 launchers toward border",
            False,
        ),
        (
            "Varnia test-fired a cruise missile on Thursday from a site near Tavlin",
            "Varnia",
            "test-fires cruise missile from site near Tavlin",
            False,
        ),
        ("Three soldiers wounded as artillery fire crosses border", "Three soldiers", "wounded", False),
        ("Rocket launchers moved toward border, official says", "Rocket launchers", "moved toward border", False),
        (
            "Osterland and Varnian forces exchanged artillery fire near the town",
            "Osterland and Varnian forces",
            "exchange artillery fire near town",
            False,
        ),
        (
            "President Ilse Brandauer on Tuesday told officers that the army was ready",
            "President Ilse Brandauer",
            "tells officers that army was ready",
            True,
        ),
        (
            "The president of Varnia has vowed to deploy his weapons wherever he sees fit",
            "president of Varnia",
            "vows to deploy weapons wherever he sees fit",
            False,
        ),
        ("Border guard: about 180 launchers seen near frontier", "about 180 launchers", "seen near frontier", False),
    ],
)
def test_parse_lead(lead: str, subject: str, action: str, reporting: bool) -> None:
    parsed = parse_lead(lead, frozenset({"osterland", "varnia", "varnian"}))
    assert parsed is not None
    assert (parsed.subject, parsed.action, parsed.reporting) == (subject, action, reporting)


def test_parse_lead_without_a_verb() -> None:
    assert parse_lead("Varnia's Veltra-4: a short-range missile with a long reach") is None
    assert parse_lead("") is None
    assert parse_lead("Varnia Moves Rocket Launchers To The Osterland Border Again") is None  # Title Case


def test_date_span() -> None:
    assert date_span([date(2024, 11, 5)]) == "5 Nov 2024"
    assert date_span([date(2024, 11, 5), date(2024, 11, 3)]) == "3–5 Nov 2024"
    assert date_span([date(2024, 10, 30), date(2024, 11, 2)]) == "30 Oct – 2 Nov 2024"
    assert date_span([date(2024, 12, 30), date(2025, 1, 2)]) == "30 Dec 2024 – 2 Jan 2025"
    assert date_span([]) is None


def test_story_record_as_dict() -> None:
    groups, articles = _corpus()
    story = next(s for s in cluster_stories(articles) if len(s.articles) == 1)
    data = story.as_dict()
    assert isinstance(story, Story)
    assert data["id"] == story_id(groups[3][0].id)
    assert data["articles"] == [{"id": groups[3][0].id, "source": "bridge-0"}]
    assert data["first"] == data["last"] == "2024-11-08"
    assert "Rotterdam" in data["places"]
    assert set(data) >= {"id", "label", "articles", "first", "last", "places", "people", "actors", "action"}
    json.dumps(data)
    with pytest.raises(AttributeError):
        story.label = "x"  # type: ignore[misc]


# ---- incremental behaviour -----------------------------------------------------------------------


def _batches(items: list[T], seed: int) -> list[list[list[T]]]:
    """Ways to split ``items`` into batches: halves both ways round, thirds, one at a time shuffled."""
    shuffled = items[:]
    random.Random(seed).shuffle(shuffled)
    return [
        [items[::2], items[1::2]],
        [items[1::2], items[::2]],
        [shuffled[0::3], shuffled[1::3], shuffled[2::3]],
        [[item] for item in shuffled],
        [[item] for item in reversed(items)],
    ]


@pytest.mark.parametrize("seed", range(3))
def test_any_split_into_batches_gives_the_same_stories(seed: int) -> None:
    _, articles = _corpus()
    one = StoryClusterer()
    one.add_many(articles)
    for batches in _batches(articles, seed):
        clusterer = StoryClusterer()
        for batch in batches:
            clusterer.add_many(batch)
        assert clusterer.assignments() == one.assignments()
        assert [s.label for s in clusterer.stories()] == [s.label for s in one.stories()]


def test_bounded_candidates_give_the_same_stories_in_any_order() -> None:
    # keys held by more articles than ``nearest_postings`` propose only the nearest in time, and
    # merged groups keep few neighbours: the result still depends only on the set of articles
    _, articles = _corpus()
    options = StoryOptions(nearest_postings=3, max_candidates=2)
    one = StoryClusterer(options)
    one.add_many(articles)
    assert len(one.stories()) < len(articles)
    for seed in range(3):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        other = StoryClusterer(options)
        other.add_many(shuffled)
        assert other.assignments() == one.assignments()


def test_one_at_a_time_equals_one_batch_when_undated() -> None:
    _, articles = _corpus(dated=False)
    one = StoryClusterer()
    one.add_many(articles)
    for seed in range(3):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        clusterer = StoryClusterer()
        for article in shuffled:
            clusterer.add(article)
        assert clusterer.assignments() == one.assignments()


def test_a_batch_reports_its_articles_and_the_articles_whose_story_changed() -> None:
    groups, _ = _corpus()
    clusterer = StoryClusterer()
    clusterer.add_many(groups[2][1:])  # two launcher articles: one story
    earlier = groups[2][0]
    changed = clusterer.add_many([earlier])
    # The earliest article renames the story: the two others are reported with the new id.
    assert changed == {a.id: story_id(earlier.id) for a in groups[2]}
    # An unrelated article leaves every other story alone, and only it is reported.
    bridge = groups[3][0]
    assert clusterer.add_many([bridge]) == {bridge.id: story_id(bridge.id)}
    assert clusterer.add_many([bridge]) == {}


def test_add_returns_story_id_and_repeats_are_ignored() -> None:
    groups, _ = _corpus()
    clusterer = StoryClusterer()
    first = clusterer.add(groups[2][0])
    assert first == story_id(groups[2][0].id)
    assert clusterer.add(groups[2][1]) == first
    assert clusterer.add(groups[2][1]) == first
    assert len(clusterer) == 2


def test_an_earlier_article_renames_the_story_to_its_own_id() -> None:
    groups, _ = _corpus()
    clusterer = StoryClusterer()
    clusterer.add(groups[2][2])
    assert clusterer.add(groups[2][0]) == story_id(groups[2][0].id)
    assert clusterer.story_of(groups[2][2].id) == story_id(groups[2][0].id)


def test_bridging_article_merges_two_stories() -> None:
    a = Article.create("Varnia moved 250 rocket launchers near Halvik, VCNA said.", source="a")
    b = Article.create("Ilse Brandauer ordered the deployment to the Osterland border.", source="b")
    bridge = Article.create(
        "Ilse Brandauer ordered 250 rocket launchers moved near Halvik to the Osterland border, VCNA said.",
        source="c",
    )
    clusterer = StoryClusterer(StoryOptions(threshold=0.2))
    clusterer.add_many([a, b])
    assert clusterer.story_of(a.id) != clusterer.story_of(b.id)
    clusterer.add(bridge)
    assert clusterer.story_of(a.id) == clusterer.story_of(b.id) == clusterer.story_of(bridge.id)


def test_snapshot_restores_the_same_stories_and_goes_on_alike() -> None:
    _, articles = _corpus()
    one = StoryClusterer()
    one.add_many(articles)
    half = StoryClusterer()
    half.add_many(articles[::2])
    data = json.loads(json.dumps(half.snapshot()))
    restored = StoryClusterer.restore(data)
    assert restored.assignments() == half.assignments()
    assert [s.label for s in restored.stories()] == [s.label for s in half.stories()]
    restored.add_many(articles[1::2])
    assert restored.assignments() == one.assignments()
    with pytest.raises(ValueError):
        StoryClusterer.restore({"version": 1})
    with pytest.raises(ValueError):
        StoryClusterer.restore(dict(data, stories=data["stories"][1:]))


# ---- the sample corpus ---------------------------------------------------------------------------

Sample = dict[str, list[tuple[Article, StoryFeatures]]]


@pytest.fixture(scope="module")
def sample() -> Sample:
    """The sample corpus's articles and story features, by file name."""
    found: Sample = {}
    for path in sorted(CORPUS_DIR.iterdir()):
        articles = [a for a in iter_articles([str(path)]) if isinstance(a, Article)]
        found[path.name] = [(a, extract(a).features) for a in articles]
    return found


def _sample_run(sample: Sample, batches: list[list[str]]) -> StoryClusterer:
    clusterer = StoryClusterer()
    for names in batches:
        clusterer.add_many([item for name in names for item in sample[name]])
    return clusterer


def test_sample_corpus_stories_are_the_expected_ones(sample: Sample) -> None:
    clusterer = _sample_run(sample, [sorted(sample)])
    by_key = keyed([a for items in sample.values() for a, _ in items])
    got = {frozenset(a.id for a in story.articles) for story in clusterer.stories()}
    wanted = {frozenset(by_key[key].id for key in story["articles"]) for story in expected()["stories"]}
    assert got == wanted
    labels = {s.label for s in clusterer.stories()}
    assert "Varnia · moves rocket launchers to Osterland border · Serin Valley · 3–5 Nov 2024" in labels
    assert "Varnia · test-fires ballistic missile from Karsk Peninsula · 7–8 Nov 2024" in labels


def test_sample_corpus_in_batches_gives_the_same_stories(sample: Sample) -> None:
    files = sorted(sample)
    one = _sample_run(sample, [files])
    for seed in range(2):
        for batches in _batches(files, seed):
            assert _sample_run(sample, batches).assignments() == one.assignments(), batches


def test_features_round_trip_and_precomputed_features_are_used() -> None:
    article = _articles(LAUNCHERS, "launchers")[0]
    features = story_features(article)
    assert StoryFeatures.from_dict(json.loads(json.dumps(features.as_dict()))) == features
    assert features.published == "2024-11-03"
    assert "Halvik" in features.places
    assert "Ilse Brandauer" in features.people
    assert any(f.startswith("250 ") for f in features.figures)
    assert dict(features.words)["launcher"] >= 2
    empty = features_of(article, entities=[], places=[], times=[], quantities=[])
    assert empty.names == () and empty.places == () and empty.dates == () and empty.figures == ()


def test_features_rank_event_places_first_and_keep_first_sentence_days() -> None:
    article = Article.create(
        "HALVIK, Nov 4 - Varnia moved rocket launchers into the Serin Valley on Sunday night, "
        "officials said. The Serin Valley road was closed. A senior fellow at the Institute for "
        "Strategic Balance in London said the move was planned.",
        source="x",
        title="Varnia moves launchers into the Serin Valley",
        published=datetime(2024, 11, 4, 9, tzinfo=UTC),
    )
    features = story_features(article)
    assert features.places[0] == "Serin Valley"
    assert "London" not in features.places
    assert features.opening.startswith("Varnia moved rocket launchers")
    assert features.event_days == ("2024-11-03",)
    assert "2024-11-03" in features.dates
    assert {"x:rocket launcher", "x:launcher"} <= set(features.keys())
    assert features.keys().get("l:launcher") == 1.0


def test_stem_folds_plurals_and_tenses() -> None:
    assert stem("launchers") == stem("launcher") == "launcher"
    assert stem("moved") == stem("moves") == stem("move") == stem("movement") == "mov"
    assert stem("deployment") == stem("deployed") == "deploy"
    assert stem("comment") == "comment"
    assert stem("planned") == stem("plan") == "plan"
    assert stem("Varnia's") == "varnia"
    assert stem("cities") == "city"
    assert stem("press") == "press"


def test_options_are_checked() -> None:
    with pytest.raises(OptionError):
        StoryOptions(threshold=0)
    with pytest.raises(OptionError):
        StoryOptions(window_days=-1)
    with pytest.raises(OptionError):
        StoryOptions(name_weight=-1)
    with pytest.raises(OptionError):
        StoryOptions(max_candidates=0)
    with pytest.raises(OptionError):
        StoryOptions(reach=0)
    with pytest.raises(OptionError):
        StoryOptions(event_penalty=2)
    with pytest.raises(OptionError):
        StoryOptions(cohesion_size=1)
    with pytest.raises(OptionError):
        StoryOptions(nearest_postings=0)


# ---- robustness ----------------------------------------------------------------------------------

_FRAGMENTS = st.sampled_from(
    [
        "Varnia moved 250 launchers to the Osterland border on Sunday.",
        "VCNA said",
        "Ilse Brandauer",
        "in Halvik",
        "on 3 November 2024",
        "about 1,200 kilometres",
        "KN-25",
        "\n\n",
        "“",
        "'s",
        "",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=200), st.lists(_FRAGMENTS, max_size=8).map(" ".join)), max_size=6))
def test_arbitrary_text_never_crashes(texts: list[str]) -> None:
    clusterer = StoryClusterer()
    articles = [Article(id=f"a{i}", text=t, sightings=()) for i, t in enumerate(texts)]
    result = clusterer.add_many(articles)
    assert set(result) == {a.id for a in articles}
    stories = clusterer.stories()
    assert sum(len(s.articles) for s in stories) == len(articles)
    for story in stories:
        assert story.label
        json.dumps(story.as_dict())


_LEAD_FRAGMENTS = st.sampled_from(
    ["Varnia", "has", "been", "were", "moved", "says", "on Sunday", ",", ":", "the", "(VCNA)", "launchers", "Three"]
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=120), st.lists(_LEAD_FRAGMENTS, max_size=10).map(" ".join)))
def test_parse_lead_never_crashes(text: str) -> None:
    parsed = parse_lead(text, frozenset({"varnia"}))
    assert parsed is None or (parsed.subject and parsed.action)


# ---- benchmark scorer ----------------------------------------------------------------------------


def test_bcubed_and_pairwise() -> None:
    assert bench.bcubed(["a", "a", "b"], ["x", "x", "y"])["f1"] == 1.0
    lumped = bench.bcubed(["a", "a", "a", "a"], ["x", "x", "y", "y"])
    assert lumped["precision"] == 0.5 and lumped["recall"] == 1.0
    assert bench.pairwise(["a", "a", "b", "b"], ["x", "x", "x", "y"]) == {
        "precision": 0.5,
        "recall": 0.3333,
        "f1": 0.4,
    }


def test_detokenise() -> None:
    assert bench.detokenise("Varnia 's army , VCNA said . `` Yes , '' he said ( again )") == (
        'Varnia\'s army, VCNA said. "Yes," he said (again)'
    )


def test_score_on_invented_records(tmp_path: Path) -> None:
    rows = []
    for topic, cluster, group in (
        (1, "july", JULY_TEST),
        (1, "november", NOVEMBER_TEST),
        (2, "launchers", LAUNCHERS),
    ):
        for index, (_, body, _) in enumerate(group):
            rows.append(
                {
                    "doc": f"{cluster}{index}",
                    "topic": topic,
                    "subtopic": "x",
                    "cluster": cluster,
                    "text": body,
                }
            )
    data = tmp_path / "ecbplus-dev.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    figures = bench.score(tmp_path)
    assert figures["articles"] == 8
    assert figures["stories_gold"] == 3
    assert figures["cluster"]["bcubed"]["f1"] == 1.0
    assert set(figures["undated"]) == {"crosswire", "baseline"}
    assert figures["undated"]["baseline"]["dev"]["bcubed"]["f1"] > 0.5
    assert len(figures["dated_compared"]["baseline"]["kfold"]["chosen"]) == 2  # two topics: two folds
    assert "B-cubed" in bench.render(figures) and "TF-IDF average-link" in bench.render(figures)
    with pytest.raises(DatasetError):
        bench.score(tmp_path / "missing")
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(DatasetError):
        bench.score(tmp_path / "bad.jsonl")


def test_tfidf_average_link_groups_texts_that_share_their_words() -> None:
    texts = [body for _, body, _ in (*JULY_TEST[:2], *LAUNCHERS[:2])]
    labels = bench.tfidf_average_link(texts, 0.8)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]
    assert len(set(bench.tfidf_average_link(texts, 0.01))) == 4  # cut low: every text alone
    assert bench.tfidf_average_link(texts[:1], 0.5) == [1]


def test_without_dates_blanks_time_expressions_in_place() -> None:
    article = Article.create("Varnia fired a missile on Sunday, December 14, 2008, VCNA said.", source="x.txt")
    blank = bench._without_dates(article)
    assert len(blank.text) == len(article.text)
    assert "2008" not in blank.text and "December" not in blank.text
    assert blank.text.startswith("Varnia fired a missile") and blank.text.endswith("VCNA said.")


def test_folds_hold_whole_topics() -> None:
    topics = ["1", "1", "2", "3", "3", "4", "5", "6", "6"]
    folds = bench._folds(topics, 5)
    assert sorted(i for fold in folds for i in fold) == list(range(len(topics)))
    for fold in folds:
        held = {topics[i] for i in fold}
        assert all(topics[i] not in held for other in folds if other is not fold for i in other)


def test_an_actor_between_two_full_names_of_one_length_is_the_same_in_every_process() -> None:
    # Which of two equally long names a subject is read as once depended on a set's order, which
    # string hashing changes from one process to the next: run it under several hash seeds.
    code = (
        "from crosswire.link.stories.labels import _actor;"
        "print(_actor('Fujitsu Ltd and America Inc', {'Ltd': 'Fujitsu Ltd', 'Inc': 'America Inc'}))"
    )
    answers = {
        subprocess.run(
            [sys.executable, "-c", code],
            env=dict(os.environ, PYTHONHASHSEED=str(seed)),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in range(8)
    }
    assert answers == {"America Inc"}
