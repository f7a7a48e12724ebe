"""Several workers give exactly what one gives."""

from __future__ import annotations

import json
from pathlib import Path

from crosswire.ingest import ingest, iter_articles
from crosswire.ledger import open_ledger
from crosswire.model import Article
from crosswire.parallel import chunked, ordered_map
from crosswire.pipeline import extract_stage
from crosswire.sample import CORPUS_DIR


def _square(n: int) -> int:
    return n * n


def test_ordered_map_keeps_order_and_bounds() -> None:
    assert list(ordered_map(_square, range(50), workers=2)) == [n * n for n in range(50)]
    assert list(ordered_map(_square, iter(range(5)), workers=1)) == [0, 1, 4, 9, 16]
    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]


def _many_files(root: Path) -> Path:
    folder = root / "many"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS_DIR.glob("*.md"))]
    for n in range(24):  # enough files to use the pool
        base = texts[n % len(texts)]
        (folder / f"{n:02d}.md").write_text(base.replace("Varnia", f"Varnia-{n}"), encoding="utf-8")
    return folder


def test_ingest_and_extract_with_two_workers_match_one(tmp_path: Path) -> None:
    folder = _many_files(tmp_path)
    one = [a.id for a in iter_articles([str(folder)]) if isinstance(a, Article)]
    two = [a.id for a in iter_articles([str(folder)], workers=2) if isinstance(a, Article)]
    assert one == two and len(one) == 24
    stored = []
    for name, workers in (("one.db", 1), ("two.db", 2)):
        with open_ledger(tmp_path / name) as ledger:
            ingest([str(folder), str(CORPUS_DIR)], ledger, workers=workers)
            summary = extract_stage(ledger, workers=workers)
            assert summary.extracted == ledger.count_articles() and not summary.failures
            stored.append({a.id: json.dumps(f, sort_keys=True) for a, f in ledger.iter_extractions()})
    assert stored[0] == stored[1]
