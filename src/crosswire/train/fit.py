"""Fitting a choice among candidates: logistic regression (scikit-learn), tuned on dev, k-fold.

A *choice* is one decision an extractor makes: its candidates (each a dict of named features, the
rules' own choice first) and which of them are right. A model scores every candidate and the best
one is taken (the first on a tie), as :mod:`crosswire.extract.learned` does at run time. The model
is fitted on the candidates of the choices that hold a right and a wrong one; it is judged by the
share of choices it gets right, over every choice.

scikit-learn is a development dependency (the ``dev`` extra): nothing here runs at extraction time.
Everything is deterministic: the solver (lbfgs) has no randomness, the folds are fixed by the
order of the articles, and the weights are rounded before they are written and judged.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.errors import DatasetError
from crosswire.extract.learned import LinearModel, model_from_dict

__all__ = ["Choice", "accuracy", "fit", "kfold", "tune"]

log = logging.getLogger(__name__)

C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
"""Inverse regularisation strengths tried on dev (the smallest wins a tie)."""

_DIGITS = 6


@dataclass(frozen=True, slots=True)
class Choice:
    """One decision: its article (the folds keep an article's choices together), its candidates'
    features (the rules' choice first) and whether each candidate is right."""

    article: str
    candidates: tuple[dict[str, float], ...]
    right: tuple[bool, ...]


def fit(name: str, choices: Sequence[Choice], c: float) -> dict[str, Any]:
    """The model (as its JSON dict) fitted on the candidates of ``choices`` that hold a right and a wrong one."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for choice in choices:
        if any(choice.right) and not all(choice.right):
            rows.extend(choice.candidates)
            labels.extend(int(r) for r in choice.right)
    if len(set(labels)) < 2:
        raise DatasetError(
            f"{name}: too few choices with a right and a wrong candidate to learn from ({len(rows)} rows)"
        )
    vectorizer = DictVectorizer(sparse=False, sort=True)
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(matrix, labels)
    features = [str(f) for f in vectorizer.get_feature_names_out()]
    weights = [round(float(w), _DIGITS) for w in model.coef_[0]]
    return {
        "model": name,
        "features": features,
        "weights": weights,
        "intercept": round(float(model.intercept_[0]), _DIGITS),
    }


def accuracy(model: LinearModel | None, choices: Sequence[Choice]) -> float:
    """The share of ``choices`` whose best-scored candidate is right (``None``: the rules' choice, the first)."""
    if not choices:
        return 0.0
    right = 0
    for choice in choices:
        best = 0
        if model is not None:
            top = model.score(choice.candidates[0])
            for k in range(1, len(choice.candidates)):
                score = model.score(choice.candidates[k])
                if score > top:
                    best, top = k, score
        right += choice.right[best]
    return round(right / len(choices), 4)


def tune(name: str, train: Sequence[Choice], dev: Sequence[Choice]) -> tuple[float, dict[float, float]]:
    """The strength of :data:`C_GRID` best on ``dev`` when fitted on ``train``, and each one's dev accuracy."""
    scores: dict[float, float] = {}
    for c in C_GRID:
        scores[c] = accuracy(model_from_dict(fit(name, train, c), name), dev)
        log.info("%s: C=%s dev accuracy %.4f", name, c, scores[c])
    best = max(C_GRID, key=lambda c: (scores[c], -c))
    return best, scores


def kfold(name: str, choices: Sequence[Choice], c: float, folds: int = 5) -> dict[str, Any]:
    """Accuracy of the model and of the rules on each of ``folds`` parts of ``choices``, the model
    fitted on the other parts; articles are dealt to the folds in turn, in the order given."""
    articles: dict[str, int] = {}
    for choice in choices:
        articles.setdefault(choice.article, len(articles) % folds)
    learned, rules = [], []
    for fold in range(folds):
        held = [ch for ch in choices if articles[ch.article] == fold]
        rest = [ch for ch in choices if articles[ch.article] != fold]
        model = model_from_dict(fit(name, rest, c), name)
        learned.append(accuracy(model, held))
        rules.append(accuracy(None, held))
    return {
        "folds": folds,
        "learned": round(sum(learned) / folds, 4),
        "rules": round(sum(rules) / folds, 4),
        "learned_by_fold": learned,
        "rules_by_fold": rules,
    }
