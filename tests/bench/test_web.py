"""The web load benchmark, end to end on the sample corpus: a real server, a short load (nothing is timed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.bench import web
from crosswire.errors import DatasetError
from crosswire.pipeline import sample_corpus


def test_the_benchmark_serves_a_built_ledger_and_loads_every_endpoint(tmp_path: Path) -> None:
    built = web.build_ledger(sample_corpus(), tmp_path / "sample.db")
    assert built["articles"] > 10 and built["stories"] >= 3
    figures = web.score(tmp_path / "absent.jsonl", ledger=tmp_path / "sample.db", clients=3, seconds=0.3)
    rows = figures["endpoints"]
    assert [row["endpoint"].split(" (")[0] for row in rows] == [
        "story page",
        "article page",
        "stories list",
        "API articles, 50",
        "API stories, 50",
        "API story",
        "API search",
    ]
    for row in rows:
        assert row["errors"] == 0 and row["requests"] >= 3, row
        assert row["p50_ms"] <= row["p99_ms"]
        assert row["cpu_ms"] is None or row["cpu_ms"] > 0
    text = web.render(figures)
    assert "story page" in text and "p99 ms" in text


def test_a_missing_corpus_is_a_dataset_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no such corpus file"):
        web.score(tmp_path / "nothing.jsonl")
