"""The built-in sample corpus, ingested, against what its expected file says ingest must find."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from crosswire.desk.outlets import read_csv
from crosswire.ingest import ingest
from crosswire.ingest.dates import parse_date
from crosswire.ledger import Ledger, open_ledger
from crosswire.link import link_stage
from crosswire.pipeline import extract_stage
from crosswire.sample import CORPUS_DIR, SAMPLE_DIR
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


def _supporting_texts(ledger: Ledger, assessment: dict[str, Any]) -> list[tuple[str, str]]:
    """(article id, words) of each supporting source of an assessment."""
    texts = []
    for source in assessment["supporting"]:
        article = ledger.get_article(source["article_id"])
        assert article is not None
        texts.append((article.id, article.text[source["start"] : source["end"]]))
    return texts


def _assessment_with(ledger: Ledger, texts: dict[str, str], by_key: dict[str, Any]) -> dict[str, Any]:
    """The one assessment whose supporting sources include each of these texts in its article."""
    found = []
    for assessment in ledger.iter_assessments():
        sources = _supporting_texts(ledger, assessment)
        if all(any(a == by_key[key].id and text in words for a, words in sources) for key, text in texts.items()):
            found.append(assessment)
    assert len(found) == 1, (texts, len(found))
    return found[0]


def test_the_sample_register_changes_the_counts_its_expected_file_names(fresh_ledger: Callable[[], str]) -> None:
    register = expected()["register"]
    with open_ledger(fresh_ledger()) as ledger:
        ingest([str(CORPUS_DIR)], ledger)
        extract_stage(ledger)
        link_stage(ledger)
        by_key = keyed(list(ledger.iter_articles()))
        before = [_assessment_with(ledger, change["texts"], by_key) for change in register["changes"]]
        ledger.put_outlet_entries(read_csv(SAMPLE_DIR / register["file"]))
        ledger.reset_links()  # linked again from scratch, now with the register
        link_stage(ledger)
        for change, old in zip(register["changes"], before, strict=True):
            new = _assessment_with(ledger, change["texts"], by_key)
            was = change["without"]
            assert (old["independent"], old["status"]) == (was["independent"], was["status"]), change["claim"]
            wanted = change["with"]
            assert (new["independent"], new["status"], new["outlets"]) == (
                wanted["independent"],
                wanted["status"],
                wanted["outlets"],
            ), change["claim"]
            assert new["notes"], "the claim table says why the outlets count once"
        for kept in register["unchanged"]:
            [claim] = [
                a
                for a in ledger.iter_assessments()
                if a["modality"] == "done" and any(kept["text"] in words for _, words in _supporting_texts(ledger, a))
            ]
            assert (claim["independent"], claim["status"]) == (kept["independent"], kept["status"]), kept["claim"]
