"""Benchmark: quantities against NewsQuant (the CQE paper's evaluation), and speed on BBC News.

``score(path)`` takes ``newsquant-dev.json`` itself or a folder holding it (directly or under
``quantities/``), runs :func:`crosswire.extract.quantities.extractor.extract_quantities` on every sentence and
scores it the way Almasian et al. (2023, "CQE: A Comprehensive Quantity Extractor") do:

- **value**: a predicted quantity matches a gold one when the values are equal (``isclose``,
  relative 1e-5); a range matches a range with equal ends. Each gold and each predicted
  quantity is matched at most once.
- **value+unit**: value matches and the normalised unit is NewsQuant's normalised unit. Our
  unit names are mapped to NewsQuant's vocabulary (``USD`` -> ``dollar``); a count has no unit
  in crosswire but NewsQuant writes the counted noun as its unit, so a count's unit is our
  ``thing`` in singular ("workers" -> "worker"); a bare number's unit is ``-``.
- **concept partial / complete**: over value matches, the tokens of our ``concept`` (what the
  quantity refers to: "revenue" in "revenue rose 5%", "Ford" in "Ford has 13,000 workers"),
  without stop words, overlap NewsQuant's ``referred_concepts`` (partial) or equal them
  (complete); no concept on either side is written ``-`` and matches ``-``.
- **thing (count noun)**: not a CQE metric. Over value matches whose gold unit is a counted
  noun (not a unit of measure, not ``-``), the share where the head of our ``thing``, in
  singular, is the last word of NewsQuant's normalised unit ("workers" vs "worker").
- **bound**: over value matches whose gold change is one of ``= ~ > <``, the share where our
  bound agrees (``>=`` counts as ``>``, ``<=`` as ``<``); NewsQuant's ``up``/``down`` (a change
  over time, not a bound) are counted separately.

When ``corpus/bbc.jsonl`` is found next to the data, the speed in articles per second is
measured over its first 500 texts (CPU time of the best of three runs, one core).
"""

from __future__ import annotations

import json
import math
import re
import time
from pathlib import Path
from typing import Any

from crosswire.bench import prf
from crosswire.errors import DatasetError
from crosswire.extract.quantities.extractor import Quantity, extract_quantities
from crosswire.model import Article

__all__ = ["newsquant_unit", "quantity_value", "render", "same_value", "score"]

# crosswire unit -> NewsQuant normalised unit
_NQ_UNITS = {
    "percent": "percentage", "basis point": "basis point", "mm": "millimetre", "cm": "centimetre",
    "m": "metre", "km": "kilometre", "nm": "nanometre", "µm": "micrometre", "mile": "mile",
    "ft": "foot", "inch": "inch", "yard": "yard", "m2": "square metre", "km2": "square kilometre",
    "sq mi": "square mile", "sq ft": "square foot", "ha": "hectare", "acre": "acre", "l": "litre",
    "ml": "millilitre", "gallon": "gallon", "pint": "pint", "quart": "quart", "barrel": "barrel",
    "bbl": "barrel", "m3": "cubic metre", "cu ft": "cubic foot", "kg": "kilogram", "g": "gram",
    "mg": "milligram", "µg": "microgram", "lb": "pound-mass", "oz": "ounce", "t": "metric ton",
    "ton": "ton", "mph": "mile per hour", "km/h": "kilometre per hour", "m/s": "metre per second",
    "knot": "knot", "W": "watt", "kW": "kilowatt", "MW": "megawatt", "GW": "gigawatt",
    "Wh": "watt hour", "kWh": "kilowatt hour", "MWh": "megawatt hour", "GWh": "gigawatt hour",
    "TWh": "terawatt hour", "hp": "horsepower", "bhp": "brake horsepower", "PS": "horsepower",
    "mAh": "milliampere-hour", "V": "volt", "kV": "kilovolt", "Nm": "newton metre",
    "lb-ft": "pound-foot", "°C": "celsius", "°F": "fahrenheit", "degree": "degree", "Hz": "hertz",
    "kHz": "kilohertz", "MHz": "megahertz", "GHz": "gigahertz", "KB": "kilobyte",
    "MB": "megabyte", "GB": "gigabyte", "TB": "terabyte", "Mbps": "megabit per second",
    "Gbps": "gigabit per second", "dB": "decibel", "GPa": "gigapascal", "MPa": "megapascal",
    "kPa": "kilopascal", "psi": "pound per square inch", "rpm": "revolutions per minute",
    "ppm": "part per million", "ppb": "parts-per-billion", "mpg": "mile per gallon",
    "kcal": "kilocalorie", "calorie": "calorie", "second": "second", "minute": "minute",
    "hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year",
    "decade": "decade", "century": "century", "times": "count", "nautical mile": "nautical mile",
    "light year": "light year", "year of age": "year of age", "month of age": "month of age",
    "week of age": "week of age", "day of age": "day of age", "USD": "dollar",
    "AUD": "australian dollar", "CAD": "canadian dollar", "HKD": "hong kong dollar",
    "NZD": "new zealand dollar", "SGD": "singapore dollar", "TWD": "new taiwan dollar",
    "EUR": "euro", "GBP": "pound sterling", "JPY": "japanese yen", "CNY": "chinese yuan",
    "INR": "indian rupee", "RUB": "russian ruble", "ILS": "shekel", "DKK": "danish krone",
    "SEK": "swedish krona", "NOK": "norwegian krone", "CHF": "swiss franc",
    "KRW": "south korean won", "MYR": "malaysian ringgit", "ZAR": "south african rand",
    "TRY": "turkish lira", "NGN": "nigerian naira", "MXN": "mexican peso", "BRL": "brazilian real",
    "KES": "kenyan shilling", "UAH": "ukrainian hryvnia", "BTC": "bitcoin", "cent": "cent",
    "pence": "point", "sen": "sen", "mmBtu": "mega british thermal unit",
}  # fmt: skip

_STOPWORDS = frozenset(
    re.split(r"\s+", "a an the of in on at to for and or by with from its their his her our this that these those")
)
_SPLIT = re.compile(r"[,\s]+")
_TOKEN_CLEAN = re.compile(r"^[^\w%$£€]+|[^\w%$£€]+$")


def _singular(word: str) -> str:
    lower = word
    if lower.lower() in ("people", "police", "staff", "personnel", "data", "media", "series"):
        return word
    if lower.endswith("men"):
        return word[:-3] + "man"
    if lower.endswith("ies") and len(lower) > 4:
        return word[:-3] + "y"
    if lower.endswith(("sses", "shes", "ches", "xes", "zes", "uses")):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def newsquant_unit(quantity: Quantity) -> str:
    """NewsQuant's normalised unit for one of our quantities (see the module docstring)."""
    if quantity.unit is not None:
        parts = quantity.unit.split(" per ")
        return " per ".join(_NQ_UNITS.get(p, p) for p in parts).lower()
    if quantity.thing:
        words = quantity.thing.split()
        words = [w for w in words if w.lower() not in _STOPWORDS]
        if words:
            words[-1] = _singular(words[-1])
            return " ".join(words).lower()
    return "-"


def _concept_tokens(quantity: Quantity) -> list[str]:
    if not quantity.concept:
        return ["-"]
    tokens = [_TOKEN_CLEAN.sub("", t).lower() for t in _SPLIT.split(quantity.concept)]
    tokens = [t for t in tokens if t and t not in _STOPWORDS]
    return tokens or ["-"]


def _gold_value(raw: str) -> float | tuple[float, float]:
    raw = raw.strip()
    if "E" not in raw and "e" not in raw and "-" in raw[1:]:
        cut = raw.index("-", 1)
        low, high = float(raw[:cut]), float(raw[cut + 1 :])
        return (min(low, high), max(low, high))
    return float(raw)


def quantity_value(quantity: Quantity) -> float | tuple[float, float] | None:
    """A quantity's value, or its (low, high) range, as floats (None when it has neither)."""
    if quantity.value is not None:
        return float(quantity.value)
    if quantity.low is not None and quantity.high is not None:
        return (float(quantity.low), float(quantity.high))
    return None


def same_value(a: float | tuple[float, float] | None, b: float | tuple[float, float] | None) -> bool:
    """Equal values (relative 1e-5), or two ranges with equal ends."""
    if a is None or b is None or isinstance(a, tuple) != isinstance(b, tuple):
        return False
    if isinstance(a, tuple) and isinstance(b, tuple):
        return all(math.isclose(x, y, rel_tol=1e-5, abs_tol=1e-8) for x, y in zip(a, b, strict=True))
    assert isinstance(a, float) and isinstance(b, float)
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-8)


_BOUND_TO_CHANGE = {"=": "=", "~": "~", ">": ">", ">=": ">", "<": "<", "<=": "<"}


def _load(path: Path) -> tuple[list[dict[str, Any]], Path]:
    candidates = [path]
    if path.is_dir():
        candidates = [path / "newsquant-dev.json", path / "quantities" / "newsquant-dev.json"]
    for candidate in candidates:
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise DatasetError(f"{candidate}: not readable JSON ({error})") from error
            if not isinstance(data, list) or not all(
                isinstance(d, dict) and "text" in d and "quantities" in d for d in data
            ):
                raise DatasetError(f"{candidate}: expected a JSON list of {{text, quantities}} objects")
            return data, candidate
    raise DatasetError(f"{path}: no NewsQuant file (newsquant-dev.json) found there")


def _speed(data_file: Path, limit: int = 500) -> dict[str, Any] | None:
    for corpus in (
        data_file.parent.parent / "corpus" / "bbc.jsonl",
        data_file.parent / "corpus" / "bbc.jsonl",
    ):
        if corpus.is_file():
            break
    else:
        return None
    articles: list[Article] = []
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            if len(articles) >= limit:
                break
            record = json.loads(line)
            articles.append(Article.create(record["text"], source="bbc"))
    elapsed = float("inf")
    found = 0
    for _ in range(3):  # the best of three runs, in CPU time: other processes on the machine add noise
        began = time.process_time()
        found = sum(len(extract_quantities(a)) for a in articles)
        elapsed = min(elapsed, time.process_time() - began)
    chars = sum(len(a.text) for a in articles)
    return {
        "articles": len(articles),
        "mean_chars": round(chars / len(articles)) if articles else 0,
        "quantities": found,
        "articles_per_second": round(len(articles) / elapsed, 1) if elapsed else None,
        "microseconds_per_article": round(elapsed / len(articles) * 1e6, 1) if articles else None,
    }


def score(path: Path, *, limit: int | None = None, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Score the quantity extractor on NewsQuant at ``path`` (a file or a folder)."""
    data, data_file = _load(Path(path))
    if limit is not None:
        data = data[:limit]
    gold_total = predicted_total = 0
    tp_value = tp_unit = concept_partial = concept_complete = 0
    bound_checked = bound_right = changes_up_down = 0
    counts_checked = counts_right = 0
    measure_units = set(_NQ_UNITS.values())
    began = time.perf_counter()
    for item in data:
        article = Article.create(item["text"], source="newsquant")
        predicted = extract_quantities(article)
        golds = [q for q in item["quantities"] if isinstance(q, dict)]
        gold_total += len(golds)
        predicted_total += len(predicted)
        used: set[int] = set()
        for gold in golds:
            try:
                gold_value = _gold_value(str(gold["value"]))
            except ValueError:
                continue
            gold_unit = str(gold.get("normalized_unit", "-")).strip().lower()
            best = None
            for i, quantity in enumerate(predicted):
                if i in used or not same_value(gold_value, quantity_value(quantity)):
                    continue
                if best is None or newsquant_unit(quantity) == gold_unit:
                    best = i
                    if newsquant_unit(quantity) == gold_unit:
                        break
            if best is None:
                if errors is not None:
                    errors.append({"kind": "missed", "text": item["text"], "gold": gold})
                continue
            used.add(best)
            quantity = predicted[best]
            tp_value += 1
            if newsquant_unit(quantity) == gold_unit:
                tp_unit += 1
            elif errors is not None:
                errors.append({"kind": "unit", "text": item["text"], "gold": gold, "ours": quantity.as_dict(),
                               "nq_unit": newsquant_unit(quantity)})  # fmt: skip
            gold_concepts = {c.lower() for c in _SPLIT.split(str(gold.get("referred_concepts", "-"))) if c}
            ours = set(_concept_tokens(quantity))
            if gold_concepts & ours:
                concept_partial += 1
            elif errors is not None:
                errors.append({"kind": "concept", "text": item["text"], "gold": gold, "ours": quantity.as_dict()})
            if gold_concepts == ours:
                concept_complete += 1
            if gold_unit not in measure_units and gold_unit not in ("-", "count") and "per" not in gold_unit:
                counts_checked += 1
                head = _singular(quantity.thing.split()[-1]).lower() if quantity.thing else ""
                counts_right += head == gold_unit.split()[-1]
            change = str(gold.get("change", "=")).strip()
            if change in ("up", "down"):
                changes_up_down += 1
            else:
                bound_checked += 1
                if _BOUND_TO_CHANGE.get(quantity.bound) == change:
                    bound_right += 1
                elif errors is not None:
                    errors.append({"kind": "bound", "text": item["text"], "gold": gold, "ours": quantity.as_dict()})
        if errors is not None:
            for i, quantity in enumerate(predicted):
                if i not in used:
                    errors.append({"kind": "spurious", "text": item["text"], "ours": quantity.as_dict()})
    elapsed = time.perf_counter() - began
    figures: dict[str, Any] = {
        "dataset": str(data_file),
        "sentences": len(data),
        "gold_quantities": gold_total,
        "predicted_quantities": predicted_total,
        "value": prf(tp_value, predicted_total, gold_total),
        "value_unit": prf(tp_unit, predicted_total, gold_total),
        "concept_partial": prf(concept_partial, predicted_total, gold_total),
        "concept_complete": prf(concept_complete, predicted_total, gold_total),
        "thing_head_accuracy": round(counts_right / counts_checked, 4) if counts_checked else None,
        "thing_checked": counts_checked,
        "bound_accuracy": round(bound_right / bound_checked, 4) if bound_checked else None,
        "bound_checked": bound_checked,
        "up_down_changes_not_scored": changes_up_down,
        "newsquant_sentences_per_second": round(len(data) / elapsed, 1) if elapsed else None,
    }
    speed = _speed(data_file)
    if speed is not None:
        figures["bbc_speed"] = speed
    return figures


def render(figures: dict[str, Any]) -> str:
    """The figures as readable text, with each metric's definition."""

    def line(name: str, key: str, definition: str) -> str:
        f = figures[key]
        return f"{name:<18} P {f['precision']:.3f}  R {f['recall']:.3f}  F1 {f['f1']:.3f}   {definition}"

    out = [
        f"NewsQuant: {figures['sentences']} sentences, {figures['gold_quantities']} gold quantities, "
        f"{figures['predicted_quantities']} predicted ({figures['dataset']})",
        line("value", "value", "values equal (ranges: both ends equal)"),
        line("value+unit", "value_unit", "value and NewsQuant normalised unit equal"),
        line("concept partial", "concept_partial", "value equal and a concept token shared"),
        line("concept complete", "concept_complete", "value equal and concept tokens identical"),
        f"{'thing (count noun)':<18} {figures['thing_head_accuracy']}   head of our thing = NewsQuant's counted "
        f"noun, over {figures['thing_checked']} value matches of counts",
        f"{'bound accuracy':<18} {figures['bound_accuracy']}   over {figures['bound_checked']} value matches "
        f"with gold change = ~ > < ({figures['up_down_changes_not_scored']} up/down changes not scored)",
    ]
    speed = figures.get("bbc_speed")
    if speed:
        out.append(
            f"speed: {speed['articles_per_second']} articles/s ({speed['microseconds_per_article']} µs per "
            f"article, {speed['articles']} BBC articles of {speed['mean_chars']} characters on average)"
        )
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    import sys

    result = score(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/bench/quantities"))
    print(render(result))
    print(json.dumps(result))
