"""``make train``: fit the extractors' small learned models on the train splits of the benchmark data.

Run as ``python -m crosswire.train [--data ../shared/bench]``. For each model it reads the train
split (only) and the dev split, tunes the regularisation on dev, estimates accuracy by k-fold on
train beside the dev figure (the rules' own figure next to each), fits on train and writes the
weights into the package (``extract/<extractor>/weights/<model>.json``), where
:mod:`crosswire.extract.learned` reads them with plain Python at run time. Training needs the
``dev`` extra (scikit-learn); nothing in it downloads anything, and the same data gives the same
weights.

Models:

- ``quotes.speaker``: which candidate is a quote's speaker (PolNeAR train; tuned on PolNeAR dev);
- ``quotes.continuation``: whether a quotation its parse left without a speaker continues the
  last quote's speaker (PolNeAR train; tuned on PolNeAR dev).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from crosswire.errors import DatasetError
from crosswire.extract.learned import model_from_dict
from crosswire.train.fit import Choice, accuracy, fit, kfold, tune

__all__ = ["train", "weights_dir"]

log = logging.getLogger(__name__)


def weights_dir(package: str) -> Path:
    """Where the package ``package`` ("crosswire.extract.quotes") keeps its weights files."""
    import importlib

    module = importlib.import_module(package)
    return Path(str(module.__file__)).parent / "weights"


def train(data: Path, *, out: Path | None = None, folds: int = 5, limit: int | None = None) -> list[dict[str, Any]]:
    """Train every model on the benchmark data at ``data`` and write its weights (into ``out``
    when given, else into the package); the figures of each model, as written in its file."""
    from crosswire.train.quotes import quote_choices

    polnear = Path(data) / "quotes" / "polnear"
    if not (polnear / "train").is_dir() or not (polnear / "dev").is_dir():
        raise DatasetError(f"{polnear}: expected the PolNeAR train/ and dev/ split folders")
    log.info("quotes: reading PolNeAR train and dev")
    train_speakers, train_continuations = quote_choices(polnear / "train", limit=limit)
    dev_speakers, dev_continuations = quote_choices(polnear / "dev", limit=limit)
    folder = out or weights_dir("crosswire.extract.quotes")
    return [
        _write("quotes.speaker", train_speakers, dev_speakers, folds, folder / "speaker.json", "PolNeAR train"),
        _write(
            "quotes.continuation",
            train_continuations,
            dev_continuations,
            folds,
            folder / "continuation.json",
            "PolNeAR train",
        ),
    ]


def _write(
    name: str, train_set: list[Choice], dev_set: list[Choice], folds: int, path: Path, source: str
) -> dict[str, Any]:
    c, by_c = tune(name, train_set, dev_set)
    estimate = kfold(name, train_set, c, folds)
    weights = fit(name, train_set, c)
    model = model_from_dict(weights, name)
    figures = {
        "data": source,
        "articles": len({ch.article for ch in train_set}),
        "choices": len(train_set),
        "C": c,
        "dev_accuracy_by_C": {str(k): v for k, v in by_c.items()},
        "dev_accuracy": accuracy(model, dev_set),
        "dev_rules": accuracy(None, dev_set),
        "dev_choices": len(dev_set),
        "kfold": estimate,
    }
    weights["trained"] = figures
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    log.info("%s: written to %s", name, path)
    return {"model": name, "path": str(path), **figures}
