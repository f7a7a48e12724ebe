"""Who asserts a claim: quote speakers and frame subjects made whole, and their kinds.

Used by :mod:`crosswire.extract.claims.extractor`. :class:`Asserters` turns a quote's speaker or the subject of a
frame verb ("VCNA dismissed reports that ...", "shipping agents said that ...") into a
:class:`Source`: a name good for grouping across articles ("Varnian Central News Agency" for
"VCNA" when the text defines the acronym; "Ilse Brandt" for "she" or "Colonel Brandt"; the
organisation named by the entity extractor for "the ministry's spokesman"), and its kind:

- ``speaker``: a named person or organisation;
- ``unnamed``: an unnamed source ("a senior official", "diplomats", "shipping agents");
- ``state_media``: a news medium other than the article's outlet (agencies, state media,
  other papers cited by name);
- ``outlet``: the article's own voice.

Written by hand: speaker finding itself is :mod:`crosswire.extract.quotes.speakers`; what is added here is the
news-specific naming (acronyms, media, placeholders such as "it" and "the agency") that no
library does.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from crosswire.extract.quotes.extractor import Quote
from crosswire.extract.quotes.speakers import TITLES, parse_left, tokenize

__all__ = ["Asserters", "Source"]


@dataclass(frozen=True, slots=True)
class Source:
    """Who a stretch of text is attributed to."""

    name: str
    kind: str
    start: int | None
    end: int | None
    cue: str | None


# News media as sources: agencies, state outlets, newspapers and broadcasters cited by name.
_MEDIA = re.compile(
    r"\b(?:(?i:news\s+agency|state\s+(?:media|television|tv|radio|broadcaster|news)|state-run|"
    r"agency|broadcaster|newspaper)|Herald|Times|Post|Daily|Gazette|Tribune|Radio|Television|TV|"
    r"Xinhua|TASS|KCNA|Yonhap|Reuters|AFP|AP|[A-Z]{2,3}NA)\b"
)
_MEDIA_EXACT = re.compile(r"^(?:[A-Z]{2,3}NA|Xinhua|TASS|Reuters|AFP|AP|Yonhap|Interfax|IRNA)$")
_TITLE_ONLY = re.compile(r"^(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Sen|Rep|Gov|Lt|Capt|Maj|Adm|Sgt)\.?$")
_NAME_AFTER = re.compile(r"\.?\s+((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})")
_NAME_APPOSITION = re.compile(r",\s+((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){1,2}),")
UNNAMED_HEADS = re.compile(
    r"\b(?:officials?|sources?|diplomats?|residents|analysts?|observers|experts?|witnesses|people|"
    r"spokes(?:person|man|woman)|aides?|officers?|lines|agents|masters|council|administration|"
    r"ministry|military|government|engineers|traders|monitors|stallholders|brokers|insurers|"
    r"operators|companies|firms|shippers|bankers|economists|investors|doctors|hospital|police)\b",
    re.IGNORECASE,
)
_ACRONYM_BEFORE = re.compile(r"((?:[A-Z][\w'’-]*\s+){1,6}[A-Z][\w'’-]*)\s*$")
_TIME_TAIL = re.compile(
    r"\s+(?:on|in|at|late|early|earlier|later|last|this)\b.*$|\s+(?:also|later|earlier|again)$", re.I
)
_QUOTED_AS = re.compile(r"\s+(?:\w+\s+){0,2}?quoted\s+([^,.;:\"“”]{3,80}?)\s+as\s+say(?:ing|s)\b")
_GENERIC_MEDIA = re.compile(
    r"(?:^|\s)(?:state\s+(?:media|news\s+agency|television|tv|radio|broadcaster)|the\s+agency)$"
)
_FRAME_BEFORE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<subject>He|She|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
    r"\s+(?:said|says|told\s+\w+|added)\s+(?:that\s+)?$"
)
_TITLE_WORDS = frozenset(w.rstrip(".") for w in TITLES)
_PLACEHOLDER_PRONOUNS = frozenset({"it", "they", "we", "which", "who"})
_SKIP_SUBJECTS = frozenset({"i", "you", "this", "that", "there", "however, it", "it also", "they also"})
# Role words after which an appositive name follows: "Osterland's defence minister, Johan Ekwall,"
_ROLE_TAIL = re.compile(
    r"(?:minister|president|spokes(?:person|man|woman)|chief|head|commander|director|secretary|"
    r"leader|mayor|governor|general|ambassador|envoy|adviser|advisor|chairman|chairwoman)$",
    re.IGNORECASE,
)


class Asserters:
    """Asserter names of one article: quote speakers made whole with the entity list, and kinds."""

    def __init__(self, text: str, entities: Sequence[Any], outlet: str) -> None:
        self.text = text
        self.outlet = outlet
        self.outlet_key = _fold(outlet)
        self._records = entities
        self._entities: list[tuple[int, int, str, str]] | None = None
        self.aliases: dict[str, str] = {}
        self.seen: list[Source] = []

    def full(self, name: str) -> str:
        """The full name of an acronym the text defines ("VCNA" -> "Varnian Central News Agency")."""
        if not (2 <= len(name) <= 8 and name.isupper() and name.isalpha()):
            return name
        found = self.aliases.get(name)
        if found is None:
            found = name
            at = self.text.find(f"({name})")
            if at > 0:
                m = _ACRONYM_BEFORE.search(self.text, max(0, at - 120), at)
                if m:
                    found = _strip_article(m.group(1))
            self.aliases[name] = found
        return found

    @property
    def entities(self) -> list[tuple[int, int, str, str]]:
        """The entity list as ``(start, end, text, label)`` in text order, built when first asked."""
        if self._entities is None:
            spans = [(e.start, e.end, e.text, getattr(e, "label", "")) for e in self._records]
            starts = [s[0] for s in spans]
            if starts != sorted(starts):
                spans.sort()
                starts = [s[0] for s in spans]
            self._entities = spans
            self._starts = starts
        return self._entities

    def entity_at(self, start: int, end: int) -> tuple[int, int, str, str] | None:
        entities = self.entities
        i = bisect_left(self._starts, start - 80)
        best = None
        while i < len(entities) and entities[i][0] < end:
            ent = entities[i]
            if (
                ent[1] > start
                and ent[3] in ("ORG", "MEDIA", "PERSON", "GPE", "NORP")
                and (best is None or ent[1] - ent[0] > best[1] - best[0])
            ):
                best = ent
            i += 1
        return best

    def of_quote(self, quote: Quote, previous: Source | None) -> Source:
        speaker = quote.speaker
        if speaker is None:
            return Source("unknown speaker", "unnamed", None, None, quote.cue)
        mention = self.text[speaker.start : speaker.end]
        if mention.lower() in ("he", "she") and (speaker.name.isupper() or _MEDIA.search(speaker.name)):
            # "He said ..., VCNA reported": "he" is a person, not the agency
            return self.from_speaker(mention, speaker.start, speaker.end, "pronoun", quote.cue, previous)
        nearer = _frame_before(self.text, quote.start)
        if nearer is not None and nearer.start("subject") < speaker.start:
            # "He said that ..., VCNA reported": the nearer frame names who said it
            subject = nearer.group("subject")
            return self.from_speaker(
                subject,
                nearer.start("subject"),
                nearer.end("subject"),
                "pronoun" if subject.lower() in ("he", "she") else "named",
                quote.cue,
                previous,
            )
        if quote.cue and quote.cue.endswith("quoted"):
            m = _QUOTED_AS.match(self.text, speaker.end)
            if m:  # "VCNA quoted an officer of the General Staff as saying": the officer speaks
                quoted = m.group(1)
                kind = "unnamed" if quoted[:1].islower() else "speaker"
                return self._remember(Source(quoted, kind, m.start(1), m.end(1), "quoted as saying"))
        return self.from_speaker(speaker.name, speaker.start, speaker.end, speaker.kind, quote.cue, previous)

    def from_speaker(
        self, name: str, start: int, end: int, speaker_kind: str, cue: str | None, previous: Source | None
    ) -> Source:
        lowered = name.lower()
        if lowered in _PLACEHOLDER_PRONOUNS and previous is not None and previous.kind != "speaker":
            return self._remember(Source(previous.name, previous.kind, start, end, cue))
        organisation = None
        title_only, generic_media, _ = _name_traits(name)
        if speaker_kind in ("named", "unnamed") and name[:1].isupper() and not title_only:
            ent = self.entity_at(start, end)
            if (
                ent is not None
                and ent[0] <= start
                and end <= ent[1]
                and ent[3] in ("ORG", "MEDIA")
                and ". " not in ent[2]
            ):
                organisation = ent  # "the Ministry of Defence said": "Defence" is no title here
        if title_only and _NAME_AFTER.match(self.text, end):
            pass  # "Dr. Tomas Rieger": the name follows the title
        elif organisation is None and (lowered in ("he", "she", "i") or lowered in _TITLE_WORDS):
            person = self.person_before(start) or next(
                (e.name for e in reversed(self.seen) if e.kind == "speaker" and " " in e.name), None
            )
            if person is not None:
                return self._remember(Source(person, "speaker", start, end, cue))
        if generic_media:
            for earlier in reversed(self.seen):
                if (
                    earlier.kind == "state_media"
                    and earlier.name[:1].isupper()
                    and not _GENERIC_MEDIA.search(earlier.name.lower())
                ):
                    # "Varnia's state media", "the agency": the medium named before
                    return self._remember(Source(earlier.name, earlier.kind, start, end, cue))
        if lowered.startswith(("the ", "this ")) and " " in lowered:
            head = lowered.split()[-1]
            for earlier in reversed(self.seen):
                if head in earlier.name.lower() or (head == "agency" and earlier.kind == "state_media"):
                    return self._remember(Source(earlier.name, earlier.kind, start, end, cue))
        if title_only:
            m = _NAME_AFTER.match(self.text, end)
            if m:
                name = m.group(1)
                end = m.end(1)
        elif organisation is not None:
            name, start, end = organisation[2], organisation[0], organisation[1]
        if _name_traits(name)[2]:
            m = _NAME_APPOSITION.match(self.text, end)
            if m:  # "Osterland's defence minister, Johan Ekwall, said": the name, not the role
                return self._remember(Source(m.group(1), "speaker", m.start(1), m.end(1), cue))
        name = self.full(_strip_article(name) if name[:1].isupper() else name)
        return self._remember(Source(name, self.kind_of(name, speaker_kind), start, end, cue))

    def _remember(self, source: Source) -> Source:
        self.seen.append(source)
        return source

    def person_before(self, pos: int) -> str | None:
        found = None
        for start, _, name, label in self.entities:
            if start >= pos:
                break
            if label == "PERSON" and " " in name:
                found = name
        return found

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
            return self.from_speaker(phrase, start, end, "pronoun", None, None)
        if phrase.count(" ") <= 2 and not any(ch in phrase for ch in ",()"):
            # a short subject ("Analysts", "The company", "Yukos"): no need for the full parse
            words = [w for w in phrase.split() if w.lower() not in ("the", "a", "an")]
            kind = "named" if words and all(w[:1].isupper() for w in words) else "unnamed"
            if (
                kind == "unnamed"
                and not phrase[:1].isupper()
                and not UNNAMED_HEADS.search(phrase)
                and not _MEDIA.search(phrase)
            ):
                return None
            return self.from_speaker(phrase, start, end, kind, None, None)
        tokens = tokenize(self.text, start, end)
        speaker = parse_left(self.text, tokens) if tokens else None
        if speaker is None:
            return None
        lowered = speaker.name.lower()
        if lowered in _PLACEHOLDER_PRONOUNS:
            return None
        if (
            not speaker.name[:1].isupper()
            and not UNNAMED_HEADS.search(speaker.name)
            and not _MEDIA.search(speaker.name)
        ):
            return None
        return self.from_speaker(speaker.name, speaker.start, speaker.end, speaker.kind, None, None)

    def kind_of(self, name: str, speaker_kind: str) -> str:
        if _fold(name) == self.outlet_key:
            return "outlet"
        if _is_media(name):
            return "state_media"
        if speaker_kind == "unnamed" or (speaker_kind == "descriptor" and not name[:1].isupper()):
            return "unnamed"
        if name[:1].islower() or name.lower().startswith(("a ", "an ", "the ")):
            return "unnamed"
        return "speaker"


@lru_cache(maxsize=1 << 14)
def _name_traits(name: str) -> tuple[bool, bool, bool]:
    """Whether a speaker's name is a title alone ("Dr"), a generic medium ("state media") and ends
    in a role word ("defence minister")."""
    return (
        _TITLE_ONLY.match(name) is not None,
        _GENERIC_MEDIA.search(name.lower()) is not None,
        _ROLE_TAIL.search(name) is not None,
    )


@lru_cache(maxsize=1 << 14)
def _is_media(name: str) -> bool:
    """Whether ``name`` names a news medium (an agency, state media, a paper)."""
    return _MEDIA_EXACT.match(name) is not None or _MEDIA.search(name) is not None


def _frame_before(text: str, at: int) -> re.Match[str] | None:
    """The frame "He said (that)" right before ``at``; the cheap word checks rule most places out."""
    if not text[at - 1 : at].isspace():
        return None
    words = text[max(0, at - 100) : at].split()
    if not words or (words[-1] not in _FRAME_LAST_WORDS and words[-2:-1] != ["told"]):
        return None
    return _FRAME_BEFORE.search(text, max(0, at - 100), at)


_FRAME_LAST_WORDS = frozenset({"said", "says", "added", "that"})


def _strip_article(name: str) -> str:
    return name[4:] if name.startswith(("The ", "the ")) and name[4:5].isupper() else name


def _fold(name: str) -> str:
    name = name.lower().replace("’", "'")
    return name[4:] if name.startswith("the ") else name
