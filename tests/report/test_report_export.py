"""Report and export from a real ledger."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from crosswire.errors import OptionError
from crosswire.ledger import Ledger
from crosswire.model import Article
from crosswire.report import build_report, render_html, render_markdown
from crosswire.report.export import export

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _fill(ledger: Ledger) -> None:
    ledger.add_articles(
        [
            Article.create("A wire story about talks in Geneva on Tuesday.", source="a.txt", title=HOSTILE),
            Article.create("A wire story about talks in Geneva on Tuesday!", source="b.txt"),
            Article.create(
                "Shelling was reported near Kettering Ridge.",
                source="c.md",
                outlet="Radio Halvik",
                published=date(2024, 11, 3),
            ),
        ]
    )


def test_report_summary_and_duplicates(ledger: Ledger) -> None:
    _fill(ledger)
    data = build_report(ledger)
    assert data["summary"]["articles"] == 2 and data["summary"]["sightings"] == 3
    assert data["summary"]["undated"] == 1 and data["summary"]["first_day"] == "2024-11-03"
    assert [d["sources"] for d in data["duplicates"]] == [["a.txt", "b.txt"]]
    assert [o["name"] for o in data["outlets"]] == ["(unknown outlet)", "Radio Halvik"]
    markdown = render_markdown(data)
    assert "| 2024-11-03 | 1 |" in markdown


def test_html_report_escapes_untrusted_text(ledger: Ledger) -> None:
    _fill(ledger)
    html = render_html(build_report(ledger))
    assert "<script>" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;" in html
    assert "Content-Security-Policy" in html


def test_exports_in_every_format(ledger: Ledger, tmp_path: Path) -> None:
    _fill(ledger)
    stream = io.StringIO()
    assert export(ledger, "articles", "jsonl", stream) == 2
    rows = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert rows[0]["published"] == "2024-11-03" and rows[1]["published"] is None
    stream = io.StringIO()
    export(ledger, "articles", "csv", stream)
    parsed = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert json.loads(parsed[1]["sightings"])[1]["source"] == "b.txt"
    target = tmp_path / "a.parquet"
    assert export(ledger, "articles", "parquet", target) == 2
    assert pq.read_table(target).column("outlet").to_pylist() == ["Radio Halvik", None]
    with pytest.raises(OptionError, match="needs a file"):
        export(ledger, "articles", "parquet", io.StringIO())


def test_parquet_column_null_in_first_rows(ledger: Ledger, tmp_path: Path) -> None:
    ledger.add_articles([Article.create(f"Item number {n} from the border.", source=f"{n}") for n in range(3)])
    ledger.add_articles(
        [Article.create("Dated item from Halvik.", source="d", outlet="CPA", published=date(2024, 1, 1))]
    )
    target = tmp_path / "b.parquet"
    from crosswire.report import export as export_module

    rows = list(export_module.export_rows(ledger, "articles"))
    export_module._write_parquet(iter(rows[::-1]), target, chunk=1)
    assert sorted(filter(None, pq.read_table(target).column("outlet").to_pylist())) == ["CPA"]
