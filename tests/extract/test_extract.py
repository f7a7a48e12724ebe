"""The extraction stage: the output contract, valid spans, no clock, and the ledger and CLI around it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import crosswire.extract.stage
from crosswire.extract.component import Found
from crosswire.extract.stage import KINDS, Extraction, ExtractionFailure, extract, extract_many
from crosswire.extract.times.extractor import TIMES
from crosswire.ingest import iter_articles
from crosswire.ledger import Ledger
from crosswire.model import Article
from crosswire.pipeline import extract_stage
from crosswire.sample import CORPUS_DIR
from crosswire.text.document import Document

CONTRACT = {
    "quotes": {"start", "end", "text", "kind", "cue", "speaker"},
    "quantities": {"start", "end", "text", "value", "low", "high", "bound", "unit", "thing"},
    "times": {"start", "end", "text", "value", "type"},
    "places": {"start", "end", "text", "name", "country", "admin1", "lat", "lon", "geonameid"},
    "entities": {"start", "end", "text", "label"},
    "claims": {"start", "end", "text", "asserter", "stance", "modality"},
}
SPEAKER = {"name", "start", "end", "role", "org"}


def sample_articles() -> list[Article]:
    return [a for a in iter_articles([str(CORPUS_DIR)]) if isinstance(a, Article)]


def test_records_follow_the_contract_with_valid_spans() -> None:
    seen = dict.fromkeys(KINDS, 0)
    for article in sample_articles():
        record = extract(article).record()
        assert list(record)[:6] == ["id", "source", "title", "outlet", "published", "text"]
        for kind in KINDS:
            for item in record[kind]:
                assert CONTRACT[kind] <= set(item), (kind, item)
                assert article.text[item["start"] : item["end"]] == item["text"]
                seen[kind] += 1
            if kind == "quotes":
                for item in record[kind]:
                    assert item["kind"] in {"direct", "partial", "reported"}
                    if item["speaker"] is not None:
                        assert set(item["speaker"]) >= SPEAKER
            if kind == "claims":
                for item in record[kind]:
                    assert item["stance"] in {"asserted", "reported", "hedged", "doubted", "denied"}
                    assert item["modality"] in {"done", "ongoing", "planned", "threatened", "hypothetical"}
    assert all(seen.values()), seen  # every extractor finds something in the sample corpus


CLOCK_TRAP = """
import datetime as _d, time as _t, sys, json
class _Trap(_d.datetime):
    @classmethod
    def now(cls, tz=None): raise AssertionError("an extractor read the clock")
    @classmethod
    def utcnow(cls): raise AssertionError("an extractor read the clock")
    @classmethod
    def today(cls): raise AssertionError("an extractor read the clock")
class _TrapDate(_d.date):
    @classmethod
    def today(cls): raise AssertionError("an extractor read the clock")
_d.datetime, _d.date = _Trap, _TrapDate
from crosswire.extract.stage import extract
from crosswire.model import Article
text = sys.stdin.read()
out = extract(Article.create(text, source="stdin", published=None)).record()
print(json.dumps({k: out[k] for k in ("times",)}))
"""


def test_no_extractor_reads_the_clock() -> None:
    text = (CORPUS_DIR / "kettering-ridge-shelling.txt").read_text(encoding="utf-8")
    text += "\n\nYesterday and last week officials met; today they meet again, and next year too."
    result = subprocess.run([sys.executable, "-c", CLOCK_TRAP], input=text, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    times = json.loads(result.stdout)["times"]
    assert times and all("2026" not in (t["value"] or "") for t in times)


def test_extract_stage_stores_once_and_redoes_nothing(ledger: Ledger) -> None:
    articles = sample_articles()
    ledger.add_articles(articles[:5])
    first = extract_stage(ledger)
    assert first.extracted == len({a.id for a in articles[:5]}) and not first.failures
    assert extract_stage(ledger).extracted == 0
    stored = ledger.get_extraction(articles[0].id)
    assert stored is not None and set(stored) == {*KINDS, "story_features"}
    assert stored == extract(articles[0]).stored()


def test_extract_command_prints_json_lines(cli, tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Officials said on Sunday night that some 250 launchers had reached the border.")
    result = cli("extract", str(path), "--published", "2024-11-05")
    assert result.returncode == 0, result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["published"] == "2024-11-05" and record["source"] == str(path)
    assert any(q["value"] == 250 and q["bound"] == "~" for q in record["quantities"])
    sunday = [t for t in record["times"] if t["text"].startswith("Sunday")]
    assert sunday and (sunday[0]["value"] or "").startswith("2024-11-03")


def test_extract_command_reads_a_date_after_a_dotted_capital_i(cli, tmp_path: Path) -> None:
    path = tmp_path / "izmir.txt"
    path.write_text("Talks in İzmir ended on 4 November 2024.", encoding="utf-8")
    result = cli("extract", str(path))
    assert result.returncode == 0, result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(t["text"], t["value"]) for t in record["times"]] == [("4 November 2024", "2024-11-04")]


@pytest.mark.parametrize("args", [["missing.txt"], []])
def test_extract_command_failures(cli, tmp_path: Path, args: list[str]) -> None:
    result = cli("extract", *[str(tmp_path / a) for a in args])
    assert result.returncode != 0


@pytest.mark.parametrize("batch", [1, 5, 16])
def test_extract_many_gives_what_extract_gives_article_by_article(batch: int) -> None:
    articles = sample_articles()
    expected = [extract(a).stored() for a in articles]
    results = list(extract_many(articles, batch=batch))
    assert [r.article.id for r in results] == [a.id for a in articles]
    assert [r.stored() for r in results if isinstance(r, Extraction)] == expected


def test_extract_many_isolates_an_article_an_extractor_fails_on(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = sample_articles()[:7]
    expected = [extract(a).stored() for a in articles]
    broken = articles[3]

    def failing(doc: Document, found: Mapping[str, Any]) -> Found:
        if doc.article.id == broken.id:
            raise ValueError("no such month")
        return TIMES.run(doc, found)

    extractors = tuple(replace(e, run=failing) if e is TIMES else e for e in crosswire.extract.stage.EXTRACTORS)
    monkeypatch.setattr(crosswire.extract.stage, "EXTRACTORS", extractors)
    results = list(extract_many(articles, batch=5))
    failure = results[3]
    assert isinstance(failure, ExtractionFailure) and failure.article is broken
    assert failure.reason == "ValueError: no such month" and broken.source in str(failure)
    others = [r.stored() for r in results if isinstance(r, Extraction)]
    assert others == expected[:3] + expected[4:]
