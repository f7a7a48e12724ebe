"""The quote-rich linking benchmark on a small invented folder (nothing is timed or asserted about speed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.bench import linking
from crosswire.errors import DatasetError

ARTICLES = {
    "harbour-times": (
        "HALVIK - Osterland's Joint Defence Staff said on Tuesday that Varnia had moved rocket launchers "
        'to the border. "We have seen them [the missile launchers] move at night, such as to avoid '
        'our drones," said Colonel Ilse Brandt, a spokesperson for the staff. "We are ready."'
    ),
    "dolmek-courier": (
        "Varnia moved rocket launchers close to the Osterland border, the Joint Defence Staff said. "
        '"We have seen them (the missile launchers) move at night, such to avoid our drones," said '
        "Colonel Ilse Brandt. Varnia's foreign ministry denied that any launchers had moved."
    ),
    "orvik-herald": (
        "ORVIK - Turnout in the Orvik regional election reached 61 percent, the electoral commission said. "
        '"Voters came out in the rain," said commission chair Mira Sokol. Counting ended after midnight.'
    ),
    "serin-post": (
        "Turnout in Orvik's regional election was 61 percent, up from 54 percent, officials said. "
        '"Voters came out in the rain," Mira Sokol told reporters.'
    ),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in ARTICLES.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return tmp_path


def test_whole_run_and_batches_on_invented_articles(folder: Path) -> None:
    figures = linking.score(folder, batches=2, turns=1)
    run = figures["run"]
    assert figures["articles"] == 4
    assert set(run["ms_per_article"]) == {"ingest", "extract", "link"}
    assert run["links"].get("same_quote", 0) >= 2  # the bracketed quote and the election quote
    assert run["stories"] == 2
    undated = figures["linking"]["undated"]  # no metadata.tsv here: no dated mode
    assert set(figures["linking"]) == {"undated"}
    assert undated["same_as_one_run"] == {"links": True, "stories": True, "assessments": True}
    assert undated["stories"] == {"one": 2, "batches": 2}
    text = linking.render(figures)
    assert "Whole run on 4 articles" in text and "ratio" in text


def test_a_folder_without_articles_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"no \.txt articles"):
        linking.score(tmp_path)
    with pytest.raises(DatasetError, match="not a folder"):
        linking.score(tmp_path / "missing")
