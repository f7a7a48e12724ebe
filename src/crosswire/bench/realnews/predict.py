"""Run crosswire on the realnews articles: every extractor per article, then the ledger's stages.

The articles are extracted one by one with :func:`crosswire.extract.stage.extract` (what
``crosswire extract`` prints), then stored in a fresh ledger in a temporary folder and run
through the extract and link stages exactly as ``crosswire run`` does (the ledger orders them by
publication time), so that the stories and the claim links are the ones a user would see.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosswire.extract.stage import Extraction, extract
from crosswire.ledger import open_ledger
from crosswire.model import Article

__all__ = ["Predictions", "predict"]


@dataclass(frozen=True, slots=True)
class Predictions:
    """What crosswire found: extractions by article id, stories by article id, and the links."""

    extractions: dict[str, Extraction]
    stories: dict[str, str]
    links: tuple[dict[str, Any], ...]
    extract_seconds: float
    pipeline_seconds: float


def predict(articles: Sequence[Article]) -> Predictions:
    """Extract from ``articles`` and run them through a fresh ledger (CPU seconds of each part)."""
    from crosswire.link import link_stage
    from crosswire.pipeline import extract_stage

    began = time.process_time()
    extractions = {a.id: extract(a) for a in articles}
    extracted = time.process_time()
    with (
        tempfile.TemporaryDirectory(prefix="crosswire-realnews-") as folder,
        open_ledger(Path(folder) / "crosswire.db") as ledger,
    ):
        ledger.add_articles(list(articles))
        extract_stage(ledger)
        link_stage(ledger)
        stories = ledger.story_assignments()
        links = tuple(ledger.iter_links())
    finished = time.process_time()
    return Predictions(extractions, stories, links, extracted - began, finished - extracted)
