"""bench linear: the shapes of text it times, and its figures on a small invented corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosswire.bench import linear
from crosswire.errors import DatasetError

ARTICLE = (
    "HALVIK - Varnia moved some 250 launchers to the border on Sunday, officials said. "
    '"We are ready," Defence Minister Karl Vogt told reporters in Dolmek.\n\n'
    "The ministry said 1,200 troops had crossed the river. Nobody was hurt!"
)


def test_shapes_are_one_sentence_one_line_and_the_text_itself() -> None:
    shapes = linear.shaped_texts(ARTICLE)
    assert shapes["articles"] == ARTICLE
    assert "\n" not in shapes["sentence"] and ". " not in shapes["sentence"] and "!" not in shapes["sentence"]
    assert set(shapes["one line"]) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ")


def test_score_times_each_shape_at_each_size(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps({"text": ARTICLE}) for _ in range(3)) + "\n", encoding="utf-8")
    figures = linear.score(corpus, limit=4)
    assert figures["sizes"] == [1_000, 4_000]
    for shape in ("sentence", "one line", "articles"):
        rows = figures["shapes"][shape]
        assert rows[0]["characters"] <= 1_000 and 3_900 <= rows[1]["characters"] <= 4_000
        assert all(r["seconds"] >= 0 and r["us_per_1000_chars"] >= 0 for r in rows)
    assert "µs per 1,000 characters" in linear.render(figures)


def test_a_corpus_without_text_is_refused(tmp_path: Path) -> None:
    corpus = tmp_path / "empty.jsonl"
    corpus.write_text(json.dumps({"title": "no text"}) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="no article with text"):
        linear.score(corpus, limit=1)
