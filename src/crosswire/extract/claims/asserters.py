"""Who asserts a claim: the final speakers of quotes and the subjects of frame verbs, named for grouping.

Used by :mod:`crosswire.extract.claims.extractor`. A quote's speaker is decided once, by the quotes
extractor (:mod:`crosswire.extract.quotes.resolution`); the subject of a frame verb inside a claim
("VCNA dismissed reports that ...", "shipping agents said that ...") is decided by the same
resolver. :class:`Asserters` only names what was decided as a :class:`Source`: a name good for
grouping across articles ("Varnian Central News Agency" for "VCNA" when the text defines the
acronym) and its kind:

- ``speaker``: a named person or organisation;
- ``unnamed``: an unnamed source ("a senior official", "diplomats", "shipping agents");
- ``state_media``: a news medium other than the article's outlet (agencies, state media,
  other papers cited by name);
- ``outlet``: the article's own voice.

Written by hand: the news-specific naming (acronyms, media) is a few rules no library has.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from crosswire.extract.quotes.extractor import Quote
from crosswire.extract.quotes.resolution import SpeakerResolver, is_medium, source_kind
from crosswire.extract.quotes.speakers import Speaker, parse_left
from crosswire.text.document import Document
from crosswire.text.tokens import tokenize

__all__ = ["Asserters", "Source"]


@dataclass(frozen=True, slots=True)
class Source:
    """Who a stretch of text is attributed to."""

    name: str
    kind: str
    start: int | None
    end: int | None
    cue: str | None


UNNAMED_HEADS = re.compile(
    r"\b(?:officials?|sources?|diplomats?|residents|analysts?|observers|experts?|witnesses|people|"
    r"spokes(?:person|man|woman)|aides?|officers?|lines|agents|masters|council|administration|"
    r"ministry|military|government|engineers|traders|monitors|stallholders|brokers|insurers|"
    r"operators|companies|firms|shippers|bankers|economists|investors|doctors|hospital|police)\b",
    re.IGNORECASE,
)
_TIME_TAIL = re.compile(
    r"\s+(?:on|in|at|late|early|earlier|later|last|this)\b.*$|\s+(?:also|later|earlier|again)$", re.I
)
_PLACEHOLDER_PRONOUNS = frozenset({"it", "they", "we", "which", "who"})
_SKIP_SUBJECTS = frozenset({"i", "you", "this", "that", "there", "however, it", "it also", "they also"})


class Asserters:
    """The asserters of one article: quote speakers and frame subjects as sources, named for grouping."""

    def __init__(self, doc: Document, entities: Sequence[Any], quotes: Sequence[Quote]) -> None:
        self.text = doc.text
        self.resolver = SpeakerResolver(doc, entities, learned=False)
        self.resolver.seed([q.speaker for q in quotes])

    def of_quote(self, quote: Quote) -> Source:
        """The source of a quote: its speaker as the quotes extractor decided it."""
        if quote.speaker is None:
            return Source("unknown speaker", "unnamed", None, None, quote.cue)
        return self.source(quote.speaker, quote.cue)

    def source(self, speaker: Speaker, cue: str | None) -> Source:
        """A decided speaker as a source: its name made whole for grouping, and its kind."""
        name, start, end = self.resolver.source_name(speaker)
        kind = source_kind(name, speaker.kind, self.resolver.outlet_key)
        return Source(name, kind, start, end, cue)

    def named(self, start: int, end: int) -> Source | None:
        """A source named by the subject ``text[start:end]`` of a frame verb ("VCNA on Tuesday")."""
        raw = self.text[start:end]
        phrase = _TIME_TAIL.sub("", raw).strip(" ,")
        if not phrase:
            return None
        lowered = phrase.lower()
        if lowered in _PLACEHOLDER_PRONOUNS or lowered in _SKIP_SUBJECTS:
            return None  # "it said", "the company said": the caller keeps the voice it has
        lead = len(raw) - len(raw.lstrip(" ,"))
        start += lead
        end = start + len(phrase)
        if lowered in ("he", "she"):
            return self._subject(Speaker(phrase, start, end, None, None, "pronoun"))
        if phrase.count(" ") <= 2 and not any(ch in phrase for ch in ",()"):
            # a short subject ("Analysts", "The company", "Yukos"): no need for the full parse
            words = [w for w in phrase.split() if w.lower() not in ("the", "a", "an")]
            kind = "named" if words and all(w[:1].isupper() for w in words) else "unnamed"
            if (
                kind == "unnamed"
                and not phrase[:1].isupper()
                and not UNNAMED_HEADS.search(phrase)
                and not is_medium(phrase)
            ):
                return None
            return self._subject(Speaker(phrase, start, end, None, None, kind))
        tokens = tokenize(self.text, start, end)
        speaker = parse_left(self.text, tokens) if tokens else None
        if speaker is None:
            return None
        lowered = speaker.name.lower()
        if lowered in _PLACEHOLDER_PRONOUNS:
            return None
        if not speaker.name[:1].isupper() and not UNNAMED_HEADS.search(speaker.name) and not is_medium(speaker.name):
            return None
        return self._subject(Speaker(speaker.name, speaker.start, speaker.end, None, None, speaker.kind))

    def _subject(self, speaker: Speaker) -> Source:
        """A frame subject decided by the quotes' resolver, as a source (with no previous quote)."""
        self.resolver.previous = None
        return self.source(self.resolver.attribute(speaker), None)
