"""Read the sample corpus's hand-written expected file and map its article keys to ingested articles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from crosswire.model import Article
from crosswire.sample import CORPUS_DIR, EXPECTED_PATH


def expected() -> dict[str, Any]:
    """The expected findings (``src/crosswire/sample/expected.yaml``)."""
    return dict(yaml.safe_load(EXPECTED_PATH.read_text(encoding="utf-8")))


def article_key(source: str, corpus: Path = CORPUS_DIR) -> str:
    """The expected file's key of an article seen at ``source`` (a path, or ``PATH#ID``)."""
    path, sep, record = source.partition("#")
    name = Path(path).relative_to(corpus).as_posix() if Path(path).is_absolute() else Path(path).name
    return f"{name}#{record}" if sep else name


def keyed(articles: list[Article], corpus: Path = CORPUS_DIR) -> dict[str, Article]:
    """Every sighting's key mapped to its article."""
    return {article_key(s.source, corpus): a for a in articles for s in a.sightings}
