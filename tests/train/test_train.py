"""make train: the shipped weights load, and training on the same data gives the same weights.

The full training reads all of PolNeAR train (a few minutes): here a small corpus of our own,
written in PolNeAR's format (text plus brat standoff), is trained on twice and must give the same
files byte for byte, with the features the resolver computes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from crosswire.errors import DatasetError
from crosswire.extract.learned import load_model
from crosswire.extract.quotes.extractor import extract_quotes
from crosswire.extract.stage import findings
from crosswire.model import Article
from crosswire.text.document import Document
from crosswire.train import train

# Invented articles: (text, [(source, content)]), each source and content found in the text in order.
_BRIDGE = (
    "Mayor {a} said on Monday that the Kessel bridge would reopen in May.\n\n"
    '"We have spent every day of the winter on this," {a_last} said.\n\n'
    '"Nobody expected the river to rise so fast," said {b}, the city\'s chief engineer.\n\n'
    "{b_last} said the crews had worked through the storms.\n\n"
    "The council approved another two million crowns on Tuesday.\n\n"
    '"We will not lose another week to the weather, whatever the river does."\n'
)
_PEOPLE = [
    ("Anna Berg", "Tomas Rieger"),
    ("Petra Lind", "Jonas Ekwall"),
    ("Karl Vogt", "Mira Halden"),
    ("Ines Dahl", "Oskar Brenn"),
    ("Lena Sorvik", "Erik Malm"),
    ("Nora Vell", "Ivar Tosk"),
]


def _article(a: str, b: str, continued: bool) -> tuple[str, list[tuple[tuple[int, int], tuple[int, int]]]]:
    a_last, b_last = a.split()[-1], b.split()[-1]
    text = _BRIDGE.format(a=a, b=b, a_last=a_last, b_last=b_last)
    spans = []

    def span(piece: str, after: int) -> tuple[int, int]:
        at = text.index(piece, after)
        return at, at + len(piece)

    spans.append((span(a, 0), span("the Kessel bridge would reopen in May", 0)))
    spans.append((span(a_last, text.index("We have")), span("We have spent every day of the winter on this,", 0)))
    spans.append((span(b, 0), span("Nobody expected the river to rise so fast,", 0)))
    spans.append((span(b_last, text.index("engineer")), span("the crews had worked through the storms", 0)))
    last = span("We will not lose another week to the weather, whatever the river does.", 0)
    # the quotation continues the engineer, or (in the other articles) the council said it
    source = span(f"{b_last} said the crews", 0) if continued else span("The council", 0)
    source = (source[0], source[0] + len(b_last)) if continued else source
    spans.append((source, last))
    return text, spans


def _write_split(folder: Path, articles: list[tuple[str, str, bool]]) -> None:
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    for n, (a, b, continued) in enumerate(articles):
        text, spans = _article(a, b, continued)
        (folder / "text" / f"a{n}.txt").write_text(text, encoding="utf-8")
        lines = []
        for k, ((s0, s1), (c0, c1)) in enumerate(spans):
            lines.append(f"T{2 * k + 1}\tSource {s0} {s1}\t{text[s0:s1]}")
            lines.append(f"T{2 * k + 2}\tContent {c0} {c1}\t{text[c0:c1]}")
            lines.append(f"E{k + 1}\tAttribution:T{2 * k + 2} Content:T{2 * k + 2} Source:T{2 * k + 1}")
        (folder / "attributions" / f"a{n}_ann.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def bench(tmp_path: Path) -> Path:
    data = tmp_path / "bench"
    polnear = data / "quotes" / "polnear"
    _write_split(polnear / "train", [(a, b, n % 2 == 0) for n, (a, b) in enumerate(_PEOPLE)])
    _write_split(polnear / "dev", [(b, a, n % 2 == 1) for n, (a, b) in enumerate(_PEOPLE[:4])])
    return data


def test_shipped_weights_load_and_name_the_features_the_resolver_computes() -> None:
    speaker = load_model("crosswire.extract.quotes", "speaker")
    continuation = load_model("crosswire.extract.quotes", "continuation")
    assert speaker.weights and continuation.weights
    assert speaker.trained["data"] == "PolNeAR train" and speaker.trained["kfold"]["folds"] == 5
    text, _ = _article("Anna Berg", "Tomas Rieger", True)
    doc = Document.of(Article(id="x", text=text))
    record: list = []
    extract_quotes(doc, findings(doc, ["entities"])["entities"], learned=False, record=record)
    computed = {name for _, _, candidates in record for _, features in candidates for name in features}
    # every feature the model weighs is one the resolver computes on some article; here most are
    assert set(speaker.weights) & computed
    assert "from_rule" in speaker.weights and "from_rule" in computed


def test_training_twice_on_the_same_data_writes_the_same_weights(bench: Path, tmp_path: Path) -> None:
    first = train(bench, out=tmp_path / "one", folds=2)
    train(bench, out=tmp_path / "two", folds=2)
    assert [r["model"] for r in first] == ["quotes.speaker", "quotes.continuation"]
    for name in ("speaker.json", "continuation.json"):
        one = (tmp_path / "one" / name).read_bytes()
        assert one == (tmp_path / "two" / name).read_bytes()
        weights = json.loads(one)
        assert weights["features"] == sorted(weights["features"])
        assert len(weights["weights"]) == len(weights["features"])
    for result in first:
        assert 0.0 <= result["dev_accuracy"] <= 1.0 and result["kfold"]["folds"] == 2
        assert result["choices"] > 0 and result["articles"] == len(_PEOPLE)
    # the continuation model learned that a quotation after a named speaker continues it here
    continuation = json.loads((tmp_path / "one" / "continuation.json").read_bytes())
    assert continuation["trained"]["choices"] == len(_PEOPLE)


def test_training_without_the_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="PolNeAR train/ and dev/"):
        train(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "crosswire.train", "--data", str(tmp_path), "--out", str(tmp_path / "w")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and "PolNeAR train/ and dev/" in done.stderr
    assert not (tmp_path / "w").exists()
