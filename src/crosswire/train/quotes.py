"""Training examples for the quotes extractor's learned choices, from PolNeAR.

The speaker choice: the extractor runs with the rules alone (``learned=False``, so the examples do
not depend on the weights being trained) and records each quote's candidate speakers with their
features (:class:`crosswire.extract.quotes.resolution.SpeakerResolver`). A quote matched to a gold
attribution with a Source is a :class:`~crosswire.train.fit.Choice`; a candidate is right when
the benchmark would count it right (:func:`crosswire.bench.quotes.speaker_ok`).

The continuation choice: a quotation its parse left without a speaker either stays unattributed
(the rules' choice) or continues the last quote's speaker; continuing is right when the benchmark
counts that speaker right for it.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from crosswire.bench.quotes import Gold, load, match_quotes, speaker_ok
from crosswire.extract.quotes.extractor import Quote, extract_quotes
from crosswire.extract.quotes.speakers import Speaker
from crosswire.extract.stage import findings
from crosswire.text.document import Document
from crosswire.train.fit import Choice

__all__ = ["quote_choices"]

log = logging.getLogger(__name__)


def quote_choices(split: Path, *, limit: int | None = None) -> tuple[list[Choice], list[Choice]]:
    """The speaker choices and the continuation choices of the PolNeAR split folder ``split``
    (``text/`` and ``attributions/``)."""
    items = load(split, limit=limit)
    speakers: list[Choice] = []
    continuations: list[Choice] = []
    for n, (article, golds) in enumerate(items, 1):
        doc = Document.of(article)
        entities = findings(doc, ["entities"])["entities"]
        record: list[tuple[str, int, list[tuple[Speaker | None, dict[str, float]]]]] = []
        quotes = extract_quotes(doc, entities, learned=False, record=record)
        decisions = {(model, start): candidates for model, start, candidates in record}
        for i, j in match_quotes(quotes, golds):
            gold, quote = golds[j], quotes[i]
            if not gold.source:
                continue
            for model, sink in (("speaker", speakers), ("continuation", continuations)):
                found = decisions.get((model, quote.start))
                if found is not None:
                    right = tuple(_right(article.text, quote, gold, c, found) for c, _ in found)
                    sink.append(Choice(article.id, tuple(f for _, f in found), right))
            if quote.speaker is None and ("continuation", quote.start) not in decisions:
                speakers.append(Choice(article.id, ({},), (False,)))  # no speaker, no candidate: wrong
        if n % 100 == 0:
            log.info("%s: %d of %d articles read", split, n, len(items))
    return speakers, continuations


def _right(text: str, quote: Quote, gold: Gold, candidate: Speaker | None, candidates: list[Any]) -> bool:
    """Whether ``candidate`` is right for a quote: a speaker the benchmark counts right; leaving the
    quote unattributed (``None``) is right when no other candidate is."""
    if candidate is not None:
        return speaker_ok(text, replace(quote, speaker=candidate), gold)
    return not any(c is not None and speaker_ok(text, replace(quote, speaker=c), gold) for c, _ in candidates)
