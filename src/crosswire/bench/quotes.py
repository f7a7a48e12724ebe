"""Benchmark: quotes and speakers against PolNeAR (Newell et al., LREC 2018).

``score(path)`` takes the ``polnear`` folder (both ``train`` and ``dev`` splits) or one split
folder holding ``text/*.txt`` and brat standoff ``attributions/*.ann``. Where an article was
annotated more than once, the first annotation file (by name) is used.

Metrics, following BBC Citron's definitions on PARC 3.0:

- content F1 (overlap): a predicted quote matches a gold attribution's content when their
  overlap covers at least 50% of the gold content span AND at least 50% of the predicted span
  (one-to-one, greedily by overlap); discontinuous gold content is taken from its first to its
  last character;
- content F1 (exact): the spans are equal once quotation marks, spaces and trailing punctuation
  are trimmed from both ends;
- speaker accuracy: over matched quotes whose gold attribution has a Source, the share where
  the predicted speaker span overlaps the Source span, or the predicted name's last word equals
  the Source's head name (its last word before any appositive, relative clause or "of ..."
  phrase: a speaker resolved to a mention elsewhere in the article);
- DIRECT figures count only gold content that begins or ends with a quotation mark or is
  enclosed in them. The matching is the one-to-one matching over all attributions; a true
  positive is a pair with a direct gold attribution. Precision is over the predictions in the
  same subset: those matched to a direct gold attribution, and the unmatched predictions of kind
  ``direct`` or ``partial`` (a prediction matched to a gold attribution outside the subset is
  left out, neither right nor wrong); recall is over the direct gold attributions;
- ALL figures count every gold attribution and every predicted quote.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosswire.bench import match_spans, prf
from crosswire.errors import DatasetError
from crosswire.extract.quotes.extractor import Quote
from crosswire.extract.stage import findings
from crosswire.model import Article

__all__ = ["Gold", "head_name", "load", "match_quotes", "render", "score", "speaker_ok", "trimmed"]

_MARKS = "\"“”„«»'‘’"
_TRIM = _MARKS + " \n\t.,;:!?"


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    end: int
    source: tuple[tuple[int, int], ...]
    source_text: str
    direct: bool


def _spans(field: str) -> list[tuple[int, int]]:
    out = []
    for part in field.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def _parse_ann(path: Path, text: str) -> list[Gold]:
    mentions: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if not parts or not parts[0]:
            continue
        if parts[0].startswith("T") and len(parts) >= 2:
            label, _, where = parts[1].partition(" ")
            try:
                mentions[parts[0]] = (label, _spans(where))
            except ValueError as exc:
                raise DatasetError(f"{path}: malformed span {parts[1]!r}") from exc
        elif parts[0].startswith("E") and len(parts) >= 2:
            roles = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                roles[role] = ref
            events.append(roles)
    golds = []
    for roles in events:
        content = mentions.get(roles.get("Content", ""))
        if content is None:
            continue
        spans = content[1]
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        source = mentions.get(roles.get("Source", ""))
        source_spans = tuple(source[1]) if source else ()
        source_text = " ".join(text[s:e] for s, e in source_spans)
        golds.append(Gold(start, end, source_spans, source_text, _is_direct(text, start, end)))
    return golds


def _is_direct(text: str, start: int, end: int) -> bool:
    piece = text[start:end].strip()
    if not piece:
        return False
    if piece[0] in _MARKS[:6] or piece[-1] in _MARKS[:6] or piece.rstrip(".,;:!?")[-1:] in _MARKS[:6]:
        return True
    before = text[max(0, start - 2) : start].strip()
    after = text[end : end + 2].strip()
    return bool(before) and before[-1] in _MARKS[:6] and bool(after) and after[0] in _MARKS[:6]


def load(path: Path, *, limit: int | None = None) -> list[tuple[Article, list[Gold]]]:
    """Articles of a PolNeAR folder (or one split) with their gold attributions."""
    path = Path(path)
    if not path.exists():
        raise DatasetError(f"PolNeAR data not found at {path}")
    splits = [path] if (path / "text").is_dir() else sorted(p for p in path.iterdir() if (p / "text").is_dir())
    if not splits:
        raise DatasetError(f"{path}: expected text/ and attributions/ folders (or split folders holding them)")
    items = []
    for split in splits:
        anns: dict[str, Path] = {}
        for ann in sorted((split / "attributions").glob("*.ann")):
            stem = ann.stem.rsplit("_", 1)[0]
            anns.setdefault(stem, ann)
        for txt in sorted((split / "text").glob("*.txt")):
            ann_path = anns.get(txt.stem)
            if ann_path is None:
                continue
            raw = txt.read_text(encoding="utf-8")
            # keep offsets: build the article without cleaning the text
            article = Article(id=txt.stem, text=raw)
            items.append((article, _parse_ann(ann_path, raw)))
            if limit is not None and len(items) >= limit:
                return items
    if not items:
        raise DatasetError(f"{path}: no annotated articles found")
    return items


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without the quotation marks, spaces and final punctuation at its ends."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def match_quotes(preds: list[Quote], golds: list[Gold]) -> list[tuple[int, int]]:
    """Pairs ``(prediction, gold)`` of indexes, one-to-one, greedily by overlap (see the module docstring)."""
    return match_spans([(q.start, q.end) for q in preds], [(g.start, g.end) for g in golds], min_share=0.5)


def speaker_ok(text: str, q: Quote, g: Gold) -> bool:
    """Whether the speaker of the quote ``q`` is the gold Source of ``g`` (see the module docstring)."""
    sp = q.speaker
    if sp is None:
        return False
    if any(_overlap(sp.start, sp.end, s, e) for s, e in g.source):
        return True
    head = head_name(g.source_text)
    return bool(head) and bool(sp.name.split()) and sp.name.split()[-1] == head


_HEAD_END = re.compile(r",|\(| (?:who|which|of|for|from|at|with|in)\b")


def head_name(source: str) -> str:
    """The head word of a gold Source: "Piet Haas of the University of Halvik" -> "Haas"."""
    words = _HEAD_END.split(source, maxsplit=1)[0].replace("’s", "").replace("'s", "").split()
    return words[-1] if words else ""


def score(path: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Score the quotes the extract stage finds on PolNeAR at ``path``."""
    items = load(Path(path), limit=limit)
    c = dict.fromkeys(
        [
            "pred",
            "gold",
            "tp",
            "exact",
            "spk_n",
            "spk_ok",
            "d_pred",
            "d_gold",
            "d_tp",
            "d_exact",
            "d_spk_n",
            "d_spk_ok",
        ],
        0,
    )
    began = time.perf_counter()
    predictions = [findings(article, ["quotes"])["quotes"] for article, _ in items]
    seconds = time.perf_counter() - began
    for (article, golds), preds in zip(items, predictions, strict=True):
        text = article.text
        pairs = match_quotes(preds, golds)
        c["pred"] += len(preds)
        c["gold"] += len(golds)
        c["tp"] += len(pairs)
        matched_preds = {i for i, _ in pairs}
        # the direct subset of the predictions: matched to a direct gold attribution, or
        # unmatched and given with quotation marks
        c["d_pred"] += sum(1 for _, j in pairs if golds[j].direct)
        c["d_pred"] += sum(1 for i, q in enumerate(preds) if q.kind != "reported" and i not in matched_preds)
        c["d_gold"] += sum(1 for g in golds if g.direct)
        for i, j in pairs:
            q, g = preds[i], golds[j]
            exact = trimmed(text, q.start, q.end) == trimmed(text, g.start, g.end)
            c["exact"] += exact
            ok = speaker_ok(text, q, g)
            if g.source:
                c["spk_n"] += 1
                c["spk_ok"] += ok
            if g.direct:
                c["d_tp"] += 1
                c["d_exact"] += exact
                if g.source:
                    c["d_spk_n"] += 1
                    c["d_spk_ok"] += ok
    d_overlap = prf(c["d_tp"], c["d_pred"], c["d_gold"])
    d_exact = prf(c["d_exact"], c["d_pred"], c["d_gold"])
    return {
        "dataset": str(path),
        "articles": len(items),
        "direct": {
            "gold": c["d_gold"],
            "predicted": c["d_pred"],
            "content_overlap": d_overlap,
            "content_exact": d_exact,
            "speaker_accuracy": round(c["d_spk_ok"] / c["d_spk_n"], 4) if c["d_spk_n"] else 0.0,
            "speaker_judged": c["d_spk_n"],
        },
        "all": {
            "gold": c["gold"],
            "predicted": c["pred"],
            "content_overlap": prf(c["tp"], c["pred"], c["gold"]),
            "content_exact": prf(c["exact"], c["pred"], c["gold"]),
            "speaker_accuracy": round(c["spk_ok"] / c["spk_n"], 4) if c["spk_n"] else 0.0,
            "speaker_judged": c["spk_n"],
        },
        "seconds": round(seconds, 3),
        "articles_per_second": round(len(items) / seconds, 1) if seconds else 0.0,
    }


def render(figures: dict[str, Any]) -> str:
    """The figures as readable text, with the metric definitions."""
    lines = [
        f"PolNeAR quotes: {figures['articles']} articles from {figures['dataset']}",
        "content overlap: match when overlap >= 50% of the gold span and >= 50% of the predicted span",
        "content exact: spans equal after trimming quotation marks, spaces and final punctuation",
        "speaker: predicted speaker span overlaps the gold Source, or its last name word equals the Source's head",
        "direct: gold content beginning/ending with or enclosed in quotation marks; predictions "
        "matched to such gold, or unmatched and given with quotation marks (matches to other gold left out)",
    ]
    for part in ("direct", "all"):
        f = figures[part]
        o, e = f["content_overlap"], f["content_exact"]
        lines.append(
            f"{part:>6}: gold {f['gold']}, predicted {f['predicted']} | "
            f"overlap P {o['precision']:.3f} R {o['recall']:.3f} F1 {o['f1']:.3f} | "
            f"exact P {e['precision']:.3f} R {e['recall']:.3f} F1 {e['f1']:.3f} | "
            f"speaker {f['speaker_accuracy']:.3f} of {f['speaker_judged']}"
        )
    lines.append(f"speed: {figures['articles_per_second']} articles/s ({figures['seconds']} s)")
    return "\n".join(lines)


if __name__ == "__main__":
    import json
    import sys

    result = score(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/bench/quotes/polnear"))
    print(render(result))
    print(json.dumps(result))
