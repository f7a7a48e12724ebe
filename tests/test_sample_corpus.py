"""The built-in sample corpus, ingested, against what its expected file says ingest must find."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crosswire.ingest import ingest
from crosswire.ingest.dates import parse_date
from crosswire.ledger import Ledger, open_ledger
from crosswire.sample import CORPUS_DIR
from tests.conftest import BACKENDS
from tests.sample_expected import expected, keyed


@pytest.fixture(scope="module", params=BACKENDS)
def sample_ledger(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    """The sample corpus ingested once per backend for the module."""
    if request.param == "postgres":
        location = request.getfixturevalue("postgres").new_database()
    else:
        location = str(tmp_path_factory.mktemp("sample") / "sample.db")
    with open_ledger(location) as ledger:
        ledger.summary = ingest([str(CORPUS_DIR)], ledger)  # type: ignore[attr-defined]
        yield ledger


def test_counts_problems_and_duplicates(sample_ledger: Ledger) -> None:
    corpus = expected()["corpus"]
    summary = sample_ledger.summary  # type: ignore[attr-defined]
    assert len([p for p in CORPUS_DIR.rglob("*") if p.is_file()]) == corpus["files"]
    assert summary.read == corpus["records"]
    assert sample_ledger.count_articles() == corpus["articles"]
    assert sorted(Path(p.source).name for p in summary.problems if p.severity == "error") == sorted(
        p["file"] for p in corpus["problems"]
    )
    by_key = keyed(list(sample_ledger.iter_articles()))
    for group in corpus["exact_duplicates"]:
        assert len({by_key[key].id for key in group}) == 1, group


def test_outlets_dates_and_titles(sample_ledger: Ledger) -> None:
    corpus = expected()["corpus"]
    articles = list(sample_ledger.iter_articles())
    assert sorted({a.outlet for a in articles if a.outlet}) == sorted(corpus["outlets"])
    by_key = keyed(articles)
    assert sorted(k for k, a in by_key.items() if a.published is None) == sorted(corpus["undated"])
    for meta in corpus["records_meta"]:
        article = by_key[meta["key"]]
        assert article.outlet == meta["outlet"], meta["key"]
        assert article.title == meta["title"], meta["key"]
        assert article.published == parse_date(meta["published"]), meta["key"]


def test_every_expected_text_is_in_its_article(sample_ledger: Ledger) -> None:
    by_key = keyed(list(sample_ledger.iter_articles()))
    for key, findings in expected()["articles"].items():
        text = by_key[key].text
        for kind, items in findings.items():
            for item in items or ():
                if isinstance(item, dict) and "text" in item:
                    assert item["text"] in text, (key, kind, item["text"])
