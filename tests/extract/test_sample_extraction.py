"""Extraction on the sample corpus against its hand-written expected findings.

Each expected item is looked for among the records of its kind whose span overlaps its text; the
share found with the right fields is the kind's hit rate. The floors below are what the
extractors reach today: a change that loses findings fails here.
"""

from __future__ import annotations

from typing import Any

import pytest

from crosswire.extract import extract
from crosswire.ingest import iter_articles
from crosswire.model import Article
from crosswire.sample import CORPUS_DIR
from tests.sample_expected import article_key, expected

FLOORS = {"quotes": 0.80, "quantities": 0.85, "times": 0.90, "places": 0.75, "claims": 0.85}


@pytest.fixture(scope="module")
def records() -> dict[str, tuple[Article, dict[str, Any]]]:
    found: dict[str, tuple[Article, dict[str, Any]]] = {}
    for article in iter_articles([str(CORPUS_DIR)]):
        if isinstance(article, Article):
            found[article_key(article.source)] = (article, extract(article).record())
    return found


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, shared) / max(1, min(a[1] - a[0], b[1] - b[0]))


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _matches(kind: str, want: dict[str, Any], got: dict[str, Any]) -> bool:
    if kind == "quotes":
        speaker = (got.get("speaker") or {}).get("name") or ""
        wanted = want.get("speaker")
        return not wanted or wanted.split()[-1].lower() in speaker.lower()
    if kind == "quantities":
        if "low" in want or "high" in want:
            return _number(got.get("low")) == _number(want.get("low")) and (
                want.get("high") is None or _number(got.get("high")) == _number(want.get("high"))
            )
        value = got.get("value") if got.get("value") is not None else got.get("low")
        return _number(value) == _number(want.get("value"))
    if kind == "times":
        value = got.get("date") or got.get("value") or ""
        return str(value).startswith(str(want.get("value")))
    if kind == "places":
        if want.get("resolved") is False:
            return got.get("lat") is None
        return want.get("country") in (None, got.get("country"))
    if kind == "claims":
        return (want.get("stance"), want.get("modality")) == (got.get("stance"), got.get("modality"))
    raise AssertionError(kind)


def _hit_rate(kind: str, records: dict[str, tuple[Article, dict[str, Any]]]) -> tuple[float, list[str]]:
    wanted = found = 0
    missed: list[str] = []
    for key, findings in expected()["articles"].items():
        article, record = records[key]
        for want in findings.get(kind) or ():
            wanted += 1
            start = article.text.find(want["text"])
            span = (start, start + len(want["text"]))
            threshold = 0.5 if kind in ("quotes", "claims") else 0.01
            candidates = [g for g in record[kind] if _overlap(span, (g["start"], g["end"])) >= threshold]
            if any(_matches(kind, want, got) for got in candidates):
                found += 1
            else:
                missed.append(f"{key}: {want['text'][:60]}")
    return found / wanted, missed


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_sample_corpus_hit_rate(kind: str, records: dict[str, tuple[Article, dict[str, Any]]]) -> None:
    rate, missed = _hit_rate(kind, records)
    assert rate >= FLOORS[kind], f"{kind}: {rate:.2f} < {FLOORS[kind]}; missed: {missed[:10]}"
