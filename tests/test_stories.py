"""Story clustering: grouping, labels, incremental adds, snapshots, and the benchmark scorer."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosswire.bench import stories as bench
from crosswire.errors import DatasetError, OptionError
from crosswire.model import Article
from crosswire.stories import (
    Story,
    StoryClusterer,
    StoryOptions,
    cluster_stories,
    features_of,
    story_id,
)
from crosswire.story_features import StoryFeatures, stem

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


def test_time_window_keeps_identical_wording_months_apart_apart() -> None:
    body = "Varnia fired a Kestrel-7 missile from Tarnow into the Karsk Sea, VCNA said."
    july = Article.create(body, source="a", published=date(2024, 7, 9))
    november = Article.create(body + " ", source="b", published=date(2024, 11, 9))
    november = Article(
        id="other", text=november.text, published=november.published, sightings=november.sightings
    )
    clusterer = StoryClusterer(StoryOptions(window_days=7))
    assert clusterer.add(july) != clusterer.add(november)
    wide = StoryClusterer(StoryOptions(window_days=200))
    assert wide.add(july) == wide.add(november)


def test_labels_name_actor_action_place_and_dates() -> None:
    groups, articles = _corpus()
    stories = {s.id: s for s in cluster_stories(articles)}
    launchers = stories[StoryClusterer().add(groups[2][0])]
    assert launchers.first == "2024-11-03"
    assert launchers.last == "2024-11-05"
    assert launchers.label.endswith("2024-11-03 – 2024-11-05")
    assert "Ilse Brandauer" in launchers.people
    assert "Halvik" in launchers.places
    assert "launchers" in (launchers.action or "")
    assert "Ilse Brandauer" in launchers.label or "Varnia" in launchers.label
    july = next(s for s in stories.values() if s.first == "2024-07-09")
    assert "Tarnow" in july.places or "Karsk Sea" in july.places
    assert july.label.endswith("2024-07-09 – 2024-07-11")
    assert [a.source for a in july.articles] == ["july-0", "july-1", "july-2"]


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


def test_two_chronological_halves_equal_one_run() -> None:
    _, articles = _corpus()
    one = StoryClusterer()
    one.add_many(articles)
    ordered = sorted(articles, key=lambda a: (a.published, a.id))
    halves = StoryClusterer()
    halves.add_many(ordered[: len(ordered) // 2])
    halves.add_many(ordered[len(ordered) // 2 :])
    assert halves.assignments() == one.assignments()


def test_arrival_order_does_not_change_stories() -> None:
    _, articles = _corpus()
    expected = StoryClusterer()
    expected.add_many(articles)
    for seed in range(5):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        clusterer = StoryClusterer()
        for article in shuffled:
            clusterer.add(article)
        assert clusterer.assignments() == expected.assignments()


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
    options = StoryOptions(threshold=0.2, merge_threshold=0.01)
    clusterer = StoryClusterer(options)
    clusterer.add_many([a, b])
    assert clusterer.story_of(a.id) != clusterer.story_of(b.id)
    clusterer.add(bridge)
    assert clusterer.story_of(a.id) == clusterer.story_of(b.id) == clusterer.story_of(bridge.id)


def test_snapshot_restores_the_same_stories() -> None:
    _, articles = _corpus()
    clusterer = StoryClusterer()
    clusterer.add_many(articles)
    data = json.loads(json.dumps(clusterer.snapshot()))
    restored = StoryClusterer.restore(data)
    assert restored.assignments() == clusterer.assignments()
    assert [s.label for s in restored.stories()] == [s.label for s in clusterer.stories()]
    with pytest.raises(ValueError):
        StoryClusterer.restore({"version": 99})


def test_features_round_trip_and_precomputed_features_are_used() -> None:
    article = _articles(LAUNCHERS, "launchers")[0]
    features = features_of(article)
    assert StoryFeatures.from_dict(json.loads(json.dumps(features.as_dict()))) == features
    assert features.published == "2024-11-03"
    assert "Halvik" in features.places
    assert "Ilse Brandauer" in features.people
    assert any(f.startswith("250 ") for f in features.figures)
    assert dict(features.words)["launcher"] >= 2
    empty = features_of(article, entities=[], places=[], times=[], quantities=[])
    assert empty.names == () and empty.places == () and empty.dates == () and empty.figures == ()


def test_stem_folds_plurals_and_tenses() -> None:
    assert stem("launchers") == stem("launcher") == "launcher"
    assert stem("moved") == "mov"
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
    assert "B-cubed" in bench.render(figures)
    with pytest.raises(DatasetError):
        bench.score(tmp_path / "missing")
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(DatasetError):
        bench.score(tmp_path / "bad.jsonl")
