"""The learned models' weights files: read by plain Python, malformed ones refused with the file named."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crosswire.errors import ModelError
from crosswire.extract.learned import load_model, model_from_dict

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def test_a_model_scores_the_features_it_knows() -> None:
    model = model_from_dict({"model": "m", "features": ["a", "b"], "weights": [2.0, -1.0], "intercept": 0.5}, "m.json")
    assert model.score({"a": 1.0, "b": 3.0, "unknown": 9.0}) == pytest.approx(0.5 + 2.0 - 3.0)
    assert model.probability({}) == pytest.approx(1 / (1 + math.exp(-0.5)))
    assert model.probability({"a": -500.0}) == pytest.approx(0.0)  # no overflow


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "expected a JSON object"),
        ({"features": "a", "weights": [], "intercept": 0}, "'features' must be a list"),
        ({"features": ["a"], "weights": [], "intercept": 0}, "'weights' must be a list of 1 numbers"),
        ({"features": ["a"], "weights": ["x"], "intercept": 0}, "numbers only"),
        ({"features": ["a"], "weights": [1], "intercept": None}, "'intercept' must be a number"),
        ({"features": ["a", "a"], "weights": [1, 2], "intercept": 0}, "named twice"),
    ],
)
def test_a_malformed_weights_file_is_refused_naming_it(data: object, message: str) -> None:
    with pytest.raises(ModelError, match=f"^w.json: .*{message}"):
        model_from_dict(data, "w.json")


@given(_JSON)
def test_any_json_is_a_model_or_a_clear_error(data: object) -> None:
    try:
        model = model_from_dict(data, "w.json")
    except ModelError as exc:
        assert str(exc).startswith("w.json: ")
    else:
        assert math.isfinite(model.score(dict.fromkeys(model.weights, 1.0)))


def test_the_shipped_models_round_trip_through_json() -> None:
    for name in ("speaker", "continuation"):
        model = load_model("crosswire.extract.quotes", name)
        again = model_from_dict(
            json.loads(
                json.dumps(
                    {
                        "features": list(model.weights),
                        "weights": list(model.weights.values()),
                        "intercept": model.intercept,
                    }
                )
            ),
            name,
        )
        assert again.weights == model.weights


def test_a_missing_weights_file_says_how_to_make_it() -> None:
    with pytest.raises(
        ModelError, match=r"crosswire/extract/quotes/weights/nothing\.json: cannot be read .*make train"
    ):
        load_model("crosswire.extract.quotes", "nothing")
