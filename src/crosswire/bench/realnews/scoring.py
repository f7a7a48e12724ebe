"""Scores of crosswire's findings against the realnews annotations, one function per task.

The metric definitions follow the other benchmarks (``bench/quotes.py``, ``quantities.py``,
``times.py``, ``places.py``, ``stories.py``) so that the figures can be read side by side; what
differs is said in each function's docstring and printed by :func:`crosswire.bench.realnews.render`.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from crosswire.bench import match_spans, prf
from crosswire.bench.places import RADIUS_KM, distance_km
from crosswire.bench.quantities import quantity_value, same_value
from crosswire.bench.quotes import head_name, trimmed
from crosswire.bench.realnews.predict import Predictions
from crosswire.bench.realnews.records import GoldArticle, GoldClaim, GoldQuantity, RealNewsSet
from crosswire.bench.stories import bcubed, pairwise
from crosswire.extract.stage import Extraction

__all__ = [
    "LINK_JUDGMENTS",
    "same_name",
    "score_claims",
    "score_links",
    "score_places",
    "score_quantities",
    "score_quotes",
    "score_stories",
    "score_times",
]

Scored = list[tuple[GoldArticle, Extraction]]

LINK_JUDGMENTS = {"agrees": "agree", "conflicts": "conflict", "disputes": "dispute", "updates": "update",
                  "derives": "derive"}  # fmt: skip
"""crosswire's claim link kinds and the judgment each one asserts."""

_NAME_NOISE = re.compile(r"^(?:the|a|an)\s+|['’]s\b|[^\w\s]", re.IGNORECASE)


def _rate(right: int, total: int) -> float:
    return round(right / total, 4) if total else 0.0


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def same_name(predicted: str, gold: str) -> bool:
    """Whether a predicted speaker or asserter names the annotated one.

    Both are lower-cased and stripped of a leading article, possessives and punctuation; they
    match when equal, when one contains the other ("Ministry of Defence" in "Tarsanian Ministry
    of Defence"), or when their last words are equal ("Holt" and "Mirja Holt").
    """
    a = " ".join(_NAME_NOISE.sub(" ", predicted.casefold()).split())
    b = " ".join(_NAME_NOISE.sub(" ", gold.casefold()).split())
    if not a or not b:
        return False
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} " or a.split()[-1] == b.split()[-1]


# -- quotes -----------------------------------------------------------------------------------------


def score_quotes(items: Scored) -> dict[str, Any]:
    """Quotes as the PolNeAR benchmark scores them, plus a stricter speaker figure.

    Content: one-to-one matches with an overlap of at least 50% of both spans (exact: equal once
    quotation marks, spaces and final punctuation are trimmed). Speaker (PolNeAR rule): the
    predicted speaker's span overlaps the annotated mention, or its last name word equals the
    annotated name's head. Speaker name (strict): the predicted name is the annotated person
    (:func:`same_name`), so a pronoun or descriptor left unresolved, or resolved to the wrong
    person, is wrong. Recall by kind, and for quotations that continue the previous paragraph's
    speaker.
    """
    c: dict[str, int] = defaultdict(int)
    for gold, found in items:
        text = gold.article.text
        golds, preds = gold.quotes, found.quotes
        c["gold"] += len(golds)
        c["predicted"] += len(preds)
        for g in golds:
            c[f"gold_{g.kind}"] += 1
            c["gold_continues"] += g.continues
        for i, j in match_spans([(q.start, q.end) for q in preds], [(g.span.start, g.span.end) for g in golds],
                                min_share=0.5):  # fmt: skip
            q, g = preds[i], golds[j]
            c["matched"] += 1
            c[f"matched_{g.kind}"] += 1
            c["exact"] += trimmed(text, q.start, q.end) == trimmed(text, g.span.start, g.span.end)
            speaker = q.speaker
            if g.name is None:
                continue
            c["judged"] += 1
            head = head_name(g.name)
            polnear = speaker is not None and (
                (g.speaker is not None and _overlaps((speaker.start, speaker.end), (g.speaker.start, g.speaker.end)))
                or (bool(head) and speaker.name.split()[-1:] == [head])
            )
            strict = speaker is not None and same_name(speaker.name, g.name)
            c["speaker_ok"] += polnear
            c["name_ok"] += strict
            if g.continues:
                c["continues_matched"] += 1
                c["continues_name_ok"] += strict
    return {
        "gold": c["gold"],
        "predicted": c["predicted"],
        "content_overlap": prf(c["matched"], c["predicted"], c["gold"]),
        "content_exact": prf(c["exact"], c["predicted"], c["gold"]),
        "speaker_accuracy": _rate(c["speaker_ok"], c["judged"]),
        "speaker_name_accuracy": _rate(c["name_ok"], c["judged"]),
        "speaker_judged": c["judged"],
        "recall_by_kind": {k: _rate(c[f"matched_{k}"], c[f"gold_{k}"]) for k in ("direct", "partial", "reported")},
        "gold_by_kind": {k: c[f"gold_{k}"] for k in ("direct", "partial", "reported")},
        "continuing": {
            "gold": c["gold_continues"],
            "recall": _rate(c["continues_matched"], c["gold_continues"]),
            "speaker_name_accuracy": _rate(c["continues_name_ok"], c["continues_matched"]),
        },
    }


# -- quantities -------------------------------------------------------------------------------------

_WORDS = re.compile(r"[a-z]+")
_STOP = frozenset(
    {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "from", "its", "their",
     "his", "her", "our", "per"}
)  # fmt: skip


def _heads(text: str | None) -> set[str]:
    """The content words of a phrase, singular: "people rescued" -> {"people", "rescue"}."""
    words = _WORDS.findall((text or "").casefold())
    return {w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 3 else w for w in words} - _STOP


def _gold_value(q: GoldQuantity) -> float | tuple[float, float] | None:
    if q.value is not None:
        return q.value
    if q.low is not None and q.high is not None:
        return (q.low, q.high)
    return None


_COARSE_BOUND = {">=": ">", "<=": "<"}


def score_quantities(items: Scored) -> dict[str, Any]:
    """Quantities as NewsQuant is scored (value, value+unit, concept), matched within the article.

    A predicted quantity matches an annotated one when their spans overlap (one-to-one, equal
    values first). Value: equal values, or ranges with equal ends. Value+unit: also the same unit
    (both none for a count). Concept partial: also a content word shared between what the
    annotation says is counted or measured and the predicted thing or concept. Bound accuracy
    over value matches (at least / more than count as one, as in NewsQuant). Vague amounts
    without a numeral ("dozens") are optional: neither missed nor spurious.
    """
    c: dict[str, int] = defaultdict(int)
    for gold, found in items:
        golds, preds = gold.quantities, found.quantities
        candidates = []
        for i, p in enumerate(preds):
            for j, g in enumerate(golds):
                overlap = min(p.end, g.span.end) - max(p.start, g.span.start)
                if overlap > 0:
                    candidates.append((same_value(_gold_value(g), quantity_value(p)), overlap, i, j))
        candidates.sort(reverse=True)
        used_p: set[int] = set()
        used_g: set[int] = set()
        for equal, _, i, j in candidates:
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            g, p = golds[j], preds[i]
            if g.vague:
                c["optional_matched"] += 1
                continue
            c["span_matched"] += 1
            if not equal:
                continue
            c["value"] += 1
            c["unit"] += (g.unit or None) == (p.unit or None)
            c["concept"] += bool(_heads(g.thing) & (_heads(p.thing) | _heads(p.concept)))
            c["bound"] += _COARSE_BOUND.get(g.bound, g.bound) == _COARSE_BOUND.get(p.bound, p.bound)
        c["gold"] += sum(1 for g in golds if not g.vague)
        c["optional"] += sum(1 for g in golds if g.vague)
        c["predicted"] += len(preds)
    predicted = c["predicted"] - c["optional_matched"]
    return {
        "gold": c["gold"],
        "optional_vague": c["optional"],
        "predicted": predicted,
        "span": prf(c["span_matched"], predicted, c["gold"]),
        "value": prf(c["value"], predicted, c["gold"]),
        "value_unit": prf(c["unit"], predicted, c["gold"]),
        "concept_partial": prf(c["concept"], predicted, c["gold"]),
        "bound_accuracy": _rate(c["bound"], c["value"]),
    }


# -- times ------------------------------------------------------------------------------------------


def score_times(items: Scored) -> dict[str, Any]:
    """Time expressions as TempEval-3 scores them: strict and relaxed span, type and value F1.

    Relaxed: overlapping spans matched one-to-one (largest overlap first); strict: identical
    spans. Type and value F1: relaxed matches with the right TIMEX3 type / value over predicted
    (precision) and annotated (recall) expressions. Values are relative to the article's date;
    the undated article keeps an unknown year (``XXXX``).
    """
    c: dict[str, int] = defaultdict(int)
    for gold, found in items:
        golds, preds = gold.times, found.times
        c["gold"] += len(golds)
        c["predicted"] += len(preds)
        for i, j in match_spans([(t.start, t.end) for t in preds], [(g.span.start, g.span.end) for g in golds]):
            p, g = preds[i], golds[j]
            c["relaxed"] += 1
            c["strict"] += (p.start, p.end) == (g.span.start, g.span.end)
            c["type"] += p.type == g.type
            c["value"] += p.value == g.value
    return {
        "gold": c["gold"],
        "predicted": c["predicted"],
        "strict_span": prf(c["strict"], c["predicted"], c["gold"]),
        "relaxed_span": prf(c["relaxed"], c["predicted"], c["gold"]),
        "type": prf(c["type"], c["predicted"], c["gold"]),
        "value": prf(c["value"], c["predicted"], c["gold"]),
        "value_accuracy": _rate(c["value"], c["relaxed"]),
    }


# -- places -----------------------------------------------------------------------------------------


def score_places(items: Scored) -> dict[str, Any]:
    """Toponyms as the places benchmark scores them, plus what invented places are given.

    Recognition: exact (same start and end) and overlap (one-to-one). Resolution, over overlap
    matches of real places that have a point: within 161 km (a match without a predicted point is
    a miss), and the same among matches given a point. Country: over matches of real places, the
    predicted country code. Invented or unresolvable places: the share of their matches that were
    wrongly given coordinates (lower is better).
    """
    c: dict[str, int] = defaultdict(int)
    errors: list[float] = []
    for gold, found in items:
        golds, preds = gold.places, found.places
        c["gold"] += len(golds)
        c["predicted"] += len(preds)
        exact = {(p.start, p.end) for p in preds}
        c["exact"] += sum((g.span.start, g.span.end) in exact for g in golds)
        for i, j in match_spans([(p.start, p.end) for p in preds], [(g.span.start, g.span.end) for g in golds]):
            p, g = preds[i], golds[j]
            c["overlap"] += 1
            if g.unresolvable is not None:
                c["invented"] += 1
                c["invented_given_point"] += p.lat is not None
                continue
            c["real"] += 1
            c["country_ok"] += p.country == g.country
            if g.lat is None or g.lon is None:
                continue
            c["with_point"] += 1
            if p.lat is None or p.lon is None:
                continue
            c["predicted_point"] += 1
            error = distance_km(g.lat, g.lon, p.lat, p.lon)
            errors.append(error)
            c["within"] += error <= RADIUS_KM
    return {
        "gold": c["gold"],
        "predicted": c["predicted"],
        "exact": prf(c["exact"], c["predicted"], c["gold"]),
        "overlap": prf(c["overlap"], c["predicted"], c["gold"]),
        "accuracy_161km": _rate(c["within"], c["with_point"]),
        "matched_with_gold_point": c["with_point"],
        "accuracy_161km_given_point": _rate(c["within"], c["predicted_point"]),
        "median_error_km": round(statistics.median(errors), 1) if errors else None,
        "country_accuracy": _rate(c["country_ok"], c["real"]),
        "real_matched": c["real"],
        "invented_matched": c["invented"],
        "invented_given_a_point": _rate(c["invented_given_point"], c["invented"]),
    }


# -- claims -----------------------------------------------------------------------------------------


def _asserter_ok(gold: GoldClaim, asserter: str, kind: str, outlet: str | None) -> bool:
    if gold.asserter_kind == "outlet":
        return kind == "outlet" or (outlet is not None and same_name(asserter, outlet))
    return kind != "outlet" and same_name(asserter, gold.asserter)


def score_claims(items: Scored) -> dict[str, Any]:
    """Claims: span F1 (any overlap, and 50% of both), then asserter, stance and modality.

    Matches are one-to-one, largest overlap first. Over the overlap matches: the asserter is
    right when the outlet's own voice is found as the outlet, or the named asserter is the
    annotated one (:func:`same_name`); stance and modality must be equal.
    """
    c: dict[str, int] = defaultdict(int)
    for gold, found in items:
        golds, preds = gold.claims, found.claims
        c["gold"] += len(golds)
        c["predicted"] += len(preds)
        spans_p = [(p.start, p.end) for p in preds]
        spans_g = [(g.span.start, g.span.end) for g in golds]
        c["half"] += len(match_spans(spans_p, spans_g, min_share=0.5))
        for i, j in match_spans(spans_p, spans_g):
            p, g = preds[i], golds[j]
            c["overlap"] += 1
            c["asserter"] += _asserter_ok(g, p.asserter, p.asserter_kind, gold.article.outlet)
            c["stance"] += p.stance == g.stance
            c["modality"] += p.modality == g.modality
    return {
        "gold": c["gold"],
        "predicted": c["predicted"],
        "span_overlap": prf(c["overlap"], c["predicted"], c["gold"]),
        "span_half": prf(c["half"], c["predicted"], c["gold"]),
        "asserter_accuracy": _rate(c["asserter"], c["overlap"]),
        "stance_accuracy": _rate(c["stance"], c["overlap"]),
        "modality_accuracy": _rate(c["modality"], c["overlap"]),
    }


# -- stories and claim links ------------------------------------------------------------------------


def score_stories(articles: Sequence[GoldArticle], predictions: Predictions) -> dict[str, Any]:
    """The grouping into stories: B-cubed and pairwise F1 against the story folders."""
    gold = [a.story for a in articles]
    predicted = [predictions.stories.get(a.article.id, f"alone:{a.article.id}") for a in articles]
    return {
        "articles": len(articles),
        "gold_stories": len(set(gold)),
        "predicted_stories": len(set(predicted)),
        "bcubed": bcubed(predicted, gold),
        "pairwise": pairwise(predicted, gold),
    }


def _claim_at(article: GoldArticle, start: int, end: int) -> str | None:
    """The annotated claim of ``article`` that overlaps ``start:end`` most, as ``NAME/ID``."""
    best, best_overlap = None, 0
    for claim in article.claims:
        overlap = min(end, claim.span.end) - max(start, claim.span.start)
        if overlap > best_overlap:
            best, best_overlap = claim, overlap
    return None if best is None else f"{article.key.split('/', 1)[1]}/{best.id}"


def score_links(dataset: RealNewsSet, articles: Sequence[GoldArticle], predictions: Predictions) -> dict[str, Any]:
    """crosswire's claim links against the judged claim pairs.

    Each end of a link is mapped to the annotated claim of its article that its span overlaps
    most. A link between two mapped claims is judged by the pair's judgment; an unjudged pair of
    claims whose frames differ (or that belong to different stories) counts as ``unrelated``.
    Precision of a link kind: its distinct claim pairs whose judgment is that kind, over its
    distinct judged pairs; recall: judged pairs of that kind linked with that kind, over all of
    them. Links with an end on no annotated claim are counted apart.
    """
    by_id = {a.article.id: a for a in articles}
    loaded = {a.key for a in articles}
    judged: dict[frozenset[str], str] = {}
    story_of: dict[str, str] = {}
    frames: dict[str, tuple[str, str]] = {}
    for story in dataset.stories:
        for article in story.articles:
            if article.key not in loaded:
                continue
            for claim in article.claims:
                ref = f"{story.id}/{article.key.split('/', 1)[1]}/{claim.id}"
                story_of[ref] = story.id
                frames[ref] = claim.frame.key
        for pair in story.pairs:
            a, b = f"{story.id}/{pair.a}", f"{story.id}/{pair.b}"
            if a in story_of and b in story_of:
                judged[frozenset((a, b))] = pair.judgment
    linked: dict[str, set[frozenset[str]]] = defaultdict(set)
    unmapped: dict[str, int] = defaultdict(int)
    for link in predictions.links:
        kind = LINK_JUDGMENTS.get(link["kind"])
        if kind is None:
            continue
        ends: list[str | None] = []
        for side in ("a", "b"):
            at = by_id.get(link[side]["article_id"])
            claim_ref = _claim_at(at, link[side]["start"], link[side]["end"]) if at is not None else None
            ends.append(f"{at.story}/{claim_ref}" if at is not None and claim_ref is not None else None)
        if ends[0] is None or ends[1] is None or ends[0] == ends[1]:
            unmapped[kind] += 1
            continue
        linked[kind].add(frozenset((ends[0], ends[1])))
    figures: dict[str, Any] = {}
    for kind in LINK_JUDGMENTS.values():
        pairs = linked.get(kind, set())
        labels = [_judgment(p, judged, story_of, frames) for p in pairs]
        right = sum(label == kind for label in labels)
        wanted = [p for p, label in judged.items() if label == kind]
        found = sum(p in pairs for p in wanted)
        figures[kind] = {
            "links": len(pairs) + unmapped.get(kind, 0),
            "judged_pairs": len(pairs),
            "unmapped_links": unmapped.get(kind, 0),
            "precision": _rate(right, len(pairs)) if pairs else None,
            "recall": _rate(found, len(wanted)) if wanted else None,
            "gold_pairs": len(wanted),
            "judged_as": dict(sorted(_count(labels).items())),
        }
    return {"judged_pairs": len(judged), "kinds": figures}


def _judgment(
    pair: frozenset[str],
    judged: dict[frozenset[str], str],
    story_of: dict[str, str],
    frames: dict[str, tuple[str, str]],
) -> str:
    if pair in judged:
        return judged[pair]
    a, b = sorted(pair)
    if story_of[a] != story_of[b] or frames[a] != frames[b]:
        return "unrelated"
    return "unjudged"


def _count(labels: list[str]) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for label in labels:
        counts[label] += 1
    return counts
