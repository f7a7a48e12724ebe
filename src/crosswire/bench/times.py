"""Benchmark for time expressions: TempEval-3 (TimeBank + AQUAINT TimeML files).

Each ``.tml`` file gives the document creation time (``<DCT><TIMEX3 value=...>``) and the text
with its gold ``<TIMEX3 type= value=>`` tags inline. The tags are stripped to plain text with
offsets, the DCT becomes ``Article.published``, and :func:`crosswire.extract.times.extractor.extract_times` runs on
the text. Scoring follows the TempEval-3 evaluation (UzZaman et al., 2013):

- strict span: predicted and gold spans identical; relaxed span: they overlap (one-to-one);
- attribute F1 (type, value): among relaxed matches, those with the correct attribute, divided
  by the predicted count (precision) and by the gold count (recall);
- type/value accuracy: the share of relaxed matches with the correct attribute.
"""

from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from crosswire.bench import prf
from crosswire.errors import DatasetError
from crosswire.extract.times.extractor import extract_times
from crosswire.model import Article

__all__ = ["GoldTimex", "TimeMLDocument", "read_timeml", "render", "score", "speed"]


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    name: str
    part: str
    text: str
    published: date | None
    timexes: tuple[GoldTimex, ...]


def read_timeml(path: Path, part: str = "") -> TimeMLDocument:
    """A TimeML file as plain text (tags stripped), its creation date and its gold TIMEX3 spans."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise DatasetError(f"{path}: not a readable TimeML file ({exc})") from exc
    published = None
    dct = root.find("DCT/TIMEX3")
    if dct is not None:
        value = dct.get("value", "")[:10]
        try:
            published = date.fromisoformat(value)
        except ValueError:
            published = None
    body = root.find("TEXT")
    if body is None:
        raise DatasetError(f"{path}: no <TEXT> element")
    pieces: list[str] = []
    timexes: list[GoldTimex] = []
    offset = 0

    def walk(element: ET.Element) -> None:
        nonlocal offset
        start = offset
        if element.text:
            pieces.append(element.text)
            offset += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
                offset += len(child.tail)
        if element.tag == "TIMEX3":
            timexes.append(GoldTimex(start, offset, element.get("type", ""), element.get("value", "")))

    walk(body)
    timexes.sort(key=lambda t: t.start)
    return TimeMLDocument(path.stem, part, "".join(pieces), published, tuple(timexes))


def _documents(path: Path, limit: int | None) -> list[TimeMLDocument]:
    if not path.exists():
        raise DatasetError(f"{path}: no such file or folder (expected TempEval-3 TimeML data)")
    files = [path] if path.is_file() else sorted(path.rglob("*.tml"))
    if not files:
        raise DatasetError(f"{path}: no .tml files found")
    unique: dict[str, Path] = {}
    for file in files:
        unique.setdefault(file.name, file)  # the same document filed twice counts once
    files = list(unique.values())
    if limit is not None:
        files = files[:limit]
    return [read_timeml(f, f.parent.name if path.is_dir() and f.parent != path else path.name) for f in files]


def _counts() -> dict[str, int]:
    keys = ("gold", "predicted", "strict", "relaxed", "type", "value", "docs")
    return dict.fromkeys(keys, 0)


def _score_document(doc: TimeMLDocument, counts: dict[str, int], errors: list[dict[str, Any]] | None) -> None:
    article = Article(id=doc.name, text=doc.text, published=doc.published)
    predicted = extract_times(article)
    gold = list(doc.timexes)
    counts["docs"] += 1
    counts["gold"] += len(gold)
    counts["predicted"] += len(predicted)
    used: set[int] = set()
    for g in gold:
        match = None
        for i, p in enumerate(predicted):
            if i in used or p.end <= g.start or p.start >= g.end:
                continue
            if match is None or (p.start == g.start and p.end == g.end):
                match = i
        if match is None:
            if errors is not None:
                errors.append({"doc": doc.name, "kind": "missed", "gold": doc.text[g.start : g.end], "value": g.value})
            continue
        used.add(match)
        p = predicted[match]
        counts["relaxed"] += 1
        counts["strict"] += p.start == g.start and p.end == g.end
        counts["type"] += p.type == g.type
        counts["value"] += p.value == g.value
        if errors is not None and (p.value != g.value or p.start != g.start or p.end != g.end):
            errors.append(
                {
                    "doc": doc.name,
                    "dct": str(doc.published),
                    "kind": "value" if p.value != g.value else "span",
                    "gold": doc.text[g.start : g.end],
                    "gold_value": g.value,
                    "gold_type": g.type,
                    "ours": p.text,
                    "value": p.value,
                    "type": p.type,
                    "context": doc.text[max(0, g.start - 60) : g.end + 40].replace("\n", " "),
                }
            )
    if errors is not None:
        for i, p in enumerate(predicted):
            if i not in used:
                errors.append(
                    {
                        "doc": doc.name,
                        "kind": "spurious",
                        "ours": p.text,
                        "value": p.value,
                        "context": doc.text[max(0, p.start - 60) : p.end + 40].replace("\n", " "),
                    }
                )


def _figures(counts: dict[str, int]) -> dict[str, Any]:
    gold, predicted, relaxed = counts["gold"], counts["predicted"], counts["relaxed"]
    return {
        "docs": counts["docs"],
        "gold": gold,
        "predicted": predicted,
        "strict_span": prf(counts["strict"], predicted, gold),
        "relaxed_span": prf(relaxed, predicted, gold),
        "type": prf(counts["type"], predicted, gold),
        "value": prf(counts["value"], predicted, gold),
        "type_accuracy": round(counts["type"] / relaxed, 4) if relaxed else 0.0,
        "value_accuracy": round(counts["value"] / relaxed, 4) if relaxed else 0.0,
    }


def score(path: Path, *, limit: int | None = None, errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Score :func:`extract_times` on TempEval-3 TimeML data at ``path``, per part and overall."""
    path = Path(path)
    documents = _documents(path, limit)
    parts: dict[str, dict[str, int]] = {}
    overall = _counts()
    for doc in documents:
        counts = parts.setdefault(doc.part, _counts())
        before = dict(overall)
        _score_document(doc, overall, errors)
        for key in counts:
            counts[key] += overall[key] - before[key]
    started = time.process_time()
    characters = 0
    for doc in documents:
        extract_times(Article(id=doc.name, text=doc.text, published=doc.published))
        characters += len(doc.text)
    elapsed = time.process_time() - started
    figures: dict[str, Any] = {"dataset": str(path), "overall": _figures(overall)}
    figures["parts"] = {name: _figures(counts) for name, counts in sorted(parts.items())}
    figures["articles_per_second"] = round(len(documents) / elapsed, 1) if elapsed else 0.0
    figures["characters_per_second"] = round(characters / elapsed) if elapsed else 0
    return figures


def speed(
    path: Path, *, limit: int | None = None, published: date | None = date(2005, 3, 1), rounds: int = 3
) -> dict[str, Any]:
    """Articles per second of :func:`extract_times` over a JSON lines corpus with a ``text`` field.

    Timed in CPU time of this process (one core, not slowed by other processes on a shared
    machine), best of ``rounds`` passes.
    """
    path = Path(path)
    if not path.is_file():
        raise DatasetError(f"{path}: no such file (expected JSON lines with a 'text' field)")
    texts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if limit is not None and len(texts) >= limit:
                break
    articles = [Article(id=str(i), text=t, published=published) for i, t in enumerate(texts)]
    elapsed, found = float("inf"), 0
    for _ in range(max(1, rounds)):
        started = time.process_time()
        found = sum(len(extract_times(a)) for a in articles)
        elapsed = min(elapsed, time.process_time() - started)
    return {
        "articles": len(articles),
        "mean_characters": round(sum(map(len, texts)) / max(1, len(texts))),
        "expressions": found,
        "articles_per_second": round(len(articles) / elapsed, 1) if elapsed else 0.0,
        "microseconds_per_article": round(elapsed / max(1, len(articles)) * 1e6, 1),
    }


def render(figures: dict[str, Any]) -> str:
    """The figures as text, with the metric definitions."""
    lines = [
        f"Time expressions on {figures['dataset']} (TempEval-3 scoring)",
        "  strict span: identical offsets; relaxed span: overlapping spans, matched one-to-one",
        "  type / value F1: relaxed matches with the correct TIMEX3 type / value,",
        "    over predicted (precision) and over gold (recall); accuracy: over relaxed matches",
        "",
        f"  {'part':<10} {'docs':>5} {'gold':>5} {'pred':>5}  {'strict F1':>9} {'relaxed P/R/F1':>20}"
        f" {'type F1':>8} {'value P/R/F1':>20} {'val acc':>8}",
    ]
    rows = [*figures["parts"].items(), ("overall", figures["overall"])]
    for name, f in rows:
        rel, val = f["relaxed_span"], f["value"]
        lines.append(
            f"  {name:<10} {f['docs']:>5} {f['gold']:>5} {f['predicted']:>5}  {f['strict_span']['f1']:>9.3f}"
            f" {rel['precision']:>6.3f}/{rel['recall']:.3f}/{rel['f1']:.3f}"
            f" {f['type']['f1']:>8.3f} {val['precision']:>6.3f}/{val['recall']:.3f}/{val['f1']:.3f}"
            f" {f['value_accuracy']:>8.3f}"
        )
    lines.append("")
    lines.append(f"  speed: {figures['articles_per_second']} articles/s ({figures['characters_per_second']} chars/s)")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    errors_out: list[dict[str, Any]] = []
    result = score(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/bench/time/tempeval3-train"),
                   errors=errors_out)  # fmt: skip
    print(render(result))
    print(json.dumps(result))
    if len(sys.argv) > 2:
        Path(sys.argv[2]).write_text("\n".join(json.dumps(e) for e in errors_out), encoding="utf-8")
