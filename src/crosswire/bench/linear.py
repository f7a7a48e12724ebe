"""Benchmark: extraction time against the length of one article, from 1 KB to 1 MB.

``score(path)`` builds texts from a JSON Lines corpus (``text`` field, e.g. BBC News) in three
shapes and times the whole default extraction (every extractor, as ``crosswire extract`` runs it)
on one article of each size, in CPU time of this process:

- ``sentence``: one sentence, the corpus text with every sentence end made a comma and every line
  break a space;
- ``one line``: no punctuation at all, letters, digits and single spaces on one giant line;
- ``articles``: the corpus text as written (paragraphs and sentences), for reference.

It prints the microseconds per 1,000 characters at each size and, per shape, the ratio of that
figure at the largest size to the one at 64 KB: about 1 when extraction is linear in the length
of an article, about 16 if it grew with the square of it. ``--limit N`` stops at N thousand
characters. Figures are printed, never asserted.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

from crosswire.errors import DatasetError
from crosswire.model import Article

__all__ = ["SIZES", "render", "score", "shaped_texts"]

SIZES = (1_000, 4_000, 16_000, 64_000, 256_000, 1_000_000)
"""Article lengths timed, in characters."""

_REFERENCE = 64_000
_SENTENCE_END = re.compile(r"[.!?…]+(?=[\"'”’)]*(?:\s|$))")
_NOT_WORD = re.compile(r"[^\w ]+")


def _material(path: Path, size: int) -> str:
    """At least ``size`` characters of corpus text, articles joined by a blank line."""
    if path.is_dir():
        path = path / "bbc.jsonl"
    parts: list[str] = []
    total = 0
    try:
        with path.open(encoding="utf-8") as stream:
            for line in stream:
                text = str(json.loads(line).get("text") or "").strip()
                if text:
                    parts.append(text)
                    total += len(text) + 2
                if total >= size:
                    break
    except (OSError, json.JSONDecodeError) as exc:
        raise DatasetError(f"{path}: not a JSON Lines corpus ({exc})") from None
    if not parts:
        raise DatasetError(f"{path}: no article with text")
    material = "\n\n".join(parts)
    while len(material) < size:  # a small corpus is repeated
        material = f"{material}\n\n{material}"
    return material


def shaped_texts(material: str) -> dict[str, str]:
    """The three shapes of the benchmark made from ``material`` (see the module docstring)."""
    sentence = " ".join(_SENTENCE_END.sub(",", material).split())
    one_line = " ".join(_NOT_WORD.sub(" ", material).split())
    return {"sentence": sentence, "one line": one_line, "articles": material}


def _cut(text: str, size: int) -> str:
    """The first ``size`` characters of ``text``, ending at a space when there is one near."""
    if len(text) <= size:
        return text
    space = text.rfind(" ", size - 40, size)
    return text[: space if space > 0 else size]


def score(path: Path, *, limit: int | None = None) -> dict[str, Any]:
    """CPU seconds of the whole extraction of one article per shape and size (see the module docstring)."""
    from crosswire.extract import extract

    sizes = [s for s in SIZES if limit is None or s <= limit * 1000] or [SIZES[0]]
    shapes = shaped_texts(_material(Path(path), max(sizes) + 1000))
    extract(Article(id="warm-up", text="Officials in Halvik said on Monday that 250 launchers moved."))
    rows: dict[str, list[dict[str, float]]] = {}
    for shape, text in shapes.items():
        rows[shape] = []
        for size in sizes:
            article = Article(id=f"{shape}-{size}", text=_cut(text, size))
            started = time.process_time()
            extract(article)
            seconds = time.process_time() - started
            rows[shape].append(
                {
                    "characters": len(article.text),
                    "seconds": round(seconds, 4),
                    "us_per_1000_chars": round(seconds * 1e9 / max(1, len(article.text)), 1),
                }
            )
    ratios = {}
    for shape, found in rows.items():
        reference = next((r for r in found if r["characters"] >= _REFERENCE * 0.99), None)
        if reference is not None and found[-1] is not reference:
            ratios[shape] = round(found[-1]["us_per_1000_chars"] / max(reference["us_per_1000_chars"], 0.1), 2)
    return {"dataset": str(path), "sizes": sizes, "shapes": rows, "ratio_largest_to_64k": ratios}


def render(figures: dict[str, Any]) -> str:
    """The figures as a table: microseconds of CPU time per 1,000 characters, by shape and size."""
    sizes = figures["sizes"]
    lines = [
        f"extraction time per character on one article of each size (text from {figures['dataset']}), "
        "CPU time of one core, µs per 1,000 characters:",
        f"  {'shape':<10}" + "".join(f"{_size(s):>10}" for s in sizes),
    ]
    for shape, found in figures["shapes"].items():
        lines.append(f"  {shape:<10}" + "".join(f"{r['us_per_1000_chars']:>10.0f}" for r in found))
    for shape, ratio in figures["ratio_largest_to_64k"].items():
        lines.append(f"  {shape}: {ratio}x the time per character of 64 KB at {_size(sizes[-1])} (1 = linear)")
    return "\n".join(lines)


def _size(characters: int) -> str:
    return f"{characters // 1_000_000} MB" if characters >= 1_000_000 else f"{characters // 1000} KB"
