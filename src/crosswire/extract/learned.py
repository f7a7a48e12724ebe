"""Small learned models, read by plain Python at run time.

Where an extractor makes a judgment between candidates (which mention is a quote's speaker), a
logistic regression over named features makes it. ``make train`` (:mod:`crosswire.train`) fits
the weights on the train splits of the benchmark data and writes them as a JSON file next to the
extractor that uses them (``extract/<extractor>/weights/<model>.json``)::

    {"model": "quotes.speaker", "features": ["cue_subject", ...], "weights": [0.83, ...],
     "intercept": -1.2, "trained": {...}}

Reading them needs nothing beyond the standard library: a dot product over the features a caller
computed, so the default stays offline, deterministic and fast.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from crosswire.errors import ModelError

__all__ = ["LinearModel", "load_model", "model_from_dict"]


@dataclass(frozen=True, slots=True)
class LinearModel:
    """A logistic regression over named features: ``score`` is the log-odds."""

    name: str
    weights: dict[str, float]
    intercept: float
    trained: dict[str, Any]

    def score(self, features: Mapping[str, float]) -> float:
        """The log-odds of a positive answer for ``features`` (a feature the model does not know counts 0)."""
        weights = self.weights
        total = self.intercept
        for feature, value in features.items():
            weight = weights.get(feature)
            if weight is not None:
                total += weight * value
        return total

    def probability(self, features: Mapping[str, float]) -> float:
        """The probability of a positive answer for ``features``."""
        z = self.score(features)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)


def model_from_dict(data: Any, origin: str) -> LinearModel:
    """The model a weights file holds; ``origin`` names the file in the error when it is malformed."""
    if not isinstance(data, dict):
        raise ModelError(f"{origin}: expected a JSON object")
    features, weights, intercept = data.get("features"), data.get("weights"), data.get("intercept")
    if not isinstance(features, list) or not all(isinstance(f, str) for f in features):
        raise ModelError(f"{origin}: 'features' must be a list of names")
    if not isinstance(weights, list) or len(weights) != len(features):
        raise ModelError(f"{origin}: 'weights' must be a list of {len(features)} numbers, one per feature")
    if not all(isinstance(w, (int, float)) and not isinstance(w, bool) for w in weights):
        raise ModelError(f"{origin}: 'weights' must hold numbers only")
    if not isinstance(intercept, (int, float)) or isinstance(intercept, bool):
        raise ModelError(f"{origin}: 'intercept' must be a number")
    if len(set(features)) != len(features):
        raise ModelError(f"{origin}: a feature is named twice")
    trained = data.get("trained", {})
    return LinearModel(
        str(data.get("model", origin)),
        {f: float(w) for f, w in zip(features, weights, strict=True)},
        float(intercept),
        trained if isinstance(trained, dict) else {},
    )


@cache
def load_model(package: str, name: str) -> LinearModel:
    """The model ``weights/<name>.json`` shipped in ``package`` ("crosswire.extract.quotes")."""
    origin = f"{package.replace('.', '/')}/weights/{name}.json"
    try:
        raw = resources.files(package).joinpath("weights", f"{name}.json").read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError) as exc:
        raise ModelError(f"{origin}: cannot be read ({exc}); run make train") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ModelError(f"{origin}: not JSON ({exc})") from None
    return model_from_dict(data, origin)
