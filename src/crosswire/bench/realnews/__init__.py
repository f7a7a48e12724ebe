"""Benchmark: 30 realistic news articles written for crosswire, annotated by hand.

The set ships with crosswire (``data/``: one folder per story, each article's text beside its
annotations; the guide is ``docs/benchmarks-realnews.md``). ``score(path)`` reads the set
(:mod:`.annotations`, into the records of :mod:`.records`), runs crosswire on it
(:mod:`.predict`: every extractor, then a fresh ledger's extract and link stages) and scores each
task (:mod:`.scoring`): quotes and speakers, quantities, time expressions, places, claims, the
grouping into stories, and the claim links against the judged claim pairs. ``limit`` keeps the
first N articles (story by story).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from crosswire.bench.realnews.annotations import DATA_DIR, RealNewsSet, load
from crosswire.bench.realnews.predict import predict
from crosswire.bench.realnews.scoring import (
    score_claims,
    score_links,
    score_places,
    score_quantities,
    score_quotes,
    score_stories,
    score_times,
)

__all__ = ["DATA_DIR", "RealNewsSet", "load", "render", "score"]


def score(path: Path = DATA_DIR, *, limit: int | None = None) -> dict[str, Any]:
    """Run crosswire on the realnews set at ``path`` and score every task."""
    dataset = load(Path(path))
    articles = dataset.articles[:limit] if limit is not None else dataset.articles
    predictions = predict([a.article for a in articles])
    items = [(a, predictions.extractions[a.article.id]) for a in articles]
    return {
        "dataset": str(path),
        "stories": len({a.story for a in articles}),
        "articles": len(articles),
        "words": sum(len(a.article.text.split()) for a in articles),
        "quotes": score_quotes(items),
        "quantities": score_quantities(items),
        "times": score_times(items),
        "places": score_places(items),
        "claims": score_claims(items),
        "story_grouping": score_stories(articles, predictions),
        "claim_links": score_links(dataset, articles, predictions),
        "cpu_seconds": {
            "extract": round(predictions.extract_seconds, 3),
            "ledger_run": round(predictions.pipeline_seconds, 3),
        },
    }


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _prf(figures: dict[str, float]) -> str:
    return f"P {figures['precision']:.3f}  R {figures['recall']:.3f}  F1 {figures['f1']:.3f}"


def render(figures: dict[str, Any]) -> str:
    """The figures as readable text, with the definition of each metric."""
    q, n, t, p, c = (figures[k] for k in ("quotes", "quantities", "times", "places", "claims"))
    s, links = figures["story_grouping"], figures["claim_links"]
    lines = [
        f"realnews: {figures['articles']} articles in {figures['stories']} stories, {figures['words']} words "
        f"({figures['dataset']})",
        f"quotes       gold {q['gold']}, predicted {q['predicted']}",
        f"  content (>=50% overlap of both)   {_prf(q['content_overlap'])}",
        f"  content (exact, trimmed)          {_prf(q['content_exact'])}",
        f"  speaker (PolNeAR rule: span overlap or head name) {q['speaker_accuracy']:.3f}; "
        f"speaker name (strict) {q['speaker_name_accuracy']:.3f}; of {q['speaker_judged']} matched",
        "  recall by kind: "
        + ", ".join(f"{k} {v:.3f} of {q['gold_by_kind'][k]}" for k, v in q["recall_by_kind"].items())
        + f"; continuing the previous paragraph's speaker: recall {q['continuing']['recall']:.3f} of "
        f"{q['continuing']['gold']}, speaker name {q['continuing']['speaker_name_accuracy']:.3f}",
        f"quantities   gold {n['gold']} (+{n['optional_vague']} vague, optional), predicted {n['predicted']}; "
        "matched by overlapping span",
        f"  value        {_prf(n['value'])}   equal values or equal range ends",
        f"  value+unit   {_prf(n['value_unit'])}   and the same unit (none for a count)",
        f"  concept      {_prf(n['concept_partial'])}   and a content word of the thing counted shared",
        f"  bound accuracy {n['bound_accuracy']:.3f} over value matches",
        f"times        gold {t['gold']}, predicted {t['predicted']} (TempEval-3 scoring)",
        f"  relaxed span {_prf(t['relaxed_span'])}; strict span F1 {t['strict_span']['f1']:.3f}",
        f"  value        {_prf(t['value'])}; type F1 {t['type']['f1']:.3f}; value accuracy {t['value_accuracy']:.3f}",
        f"places       gold {p['gold']}, predicted {p['predicted']}",
        f"  toponym (overlap) {_prf(p['overlap'])}; exact F1 {p['exact']['f1']:.3f}",
        f"  within 161 km {p['accuracy_161km']:.3f} of {p['matched_with_gold_point']} real places matched "
        f"(given a point {p['accuracy_161km_given_point']:.3f}); country {p['country_accuracy']:.3f} of "
        f"{p['real_matched']}; invented places given a point {p['invented_given_a_point']:.3f} of "
        f"{p['invented_matched']} (lower is better)",
        f"claims       gold {c['gold']}, predicted {c['predicted']}",
        f"  span (any overlap)  {_prf(c['span_overlap'])}; span (50% of both) F1 {c['span_half']['f1']:.3f}",
        f"  over overlap matches: asserter {c['asserter_accuracy']:.3f}, stance {c['stance_accuracy']:.3f}, "
        f"modality {c['modality_accuracy']:.3f}",
        f"stories      {s['predicted_stories']} predicted for {s['gold_stories']} gold; "
        f"B-cubed {_prf(s['bcubed'])}; pairwise F1 {s['pairwise']['f1']:.3f}",
        f"claim links  against {links['judged_pairs']} judged claim pairs (ends mapped to the claim they overlap "
        "most; unjudged pairs of different frames count as unrelated)",
    ]
    for kind, f in links["kinds"].items():
        judged_as = ", ".join(f"{k} {v}" for k, v in f["judged_as"].items()) or "-"
        lines.append(
            f"  {kind:<9} links {f['links']:>4} ({f['unmapped_links']} off the annotated claims) | "
            f"precision {_share(f['precision'])} over {f['judged_pairs']} pairs [{judged_as}] | "
            f"recall {_share(f['recall'])} of {f['gold_pairs']}"
        )
    seconds = figures["cpu_seconds"]
    lines.append(f"cpu: extraction {seconds['extract']} s, ledger run (extract + link) {seconds['ledger_run']} s")
    return "\n".join(lines)
