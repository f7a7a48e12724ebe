"""Who said it: the one place where a quote's speaker is decided.

:func:`crosswire.extract.quotes.extractor.extract_quotes` parses the words next to each cue into a
:class:`~crosswire.extract.quotes.speakers.Speaker` (the mention: "he", "the minister", "Karl
Vogt"); a :class:`SpeakerResolver` then decides, quote by quote in text order, who that mention
is, and the quote leaves extraction with its final speaker. Claims read that speaker as it is
(:mod:`crosswire.extract.claims.asserters` only names it for grouping: acronyms, kinds) and ask
the same resolver about the subjects of their frame verbs ("He dismissed reports that ...").

The decisions, in order:

1. a mention of a named person by surname takes the full name said earlier ("Vogt" -> "Karl Vogt");
2. "he"/"she" takes the most recent person before it: a named speaker of an earlier quote or a
   name opening a sentence, never a news medium or an acronym; failing those, the last person
   the entity extractor found before it;
3. a descriptor ("the minister") takes the latest named speaker whose role has its head word, or
   stays an unnamed source;
4. the attribution is re-read where the parse alone misleads: a nearer frame before the quote
   ('He said that "...", VCNA reported' is his), "VCNA quoted an officer as saying" (the
   officer), a title alone before a name ("Dr." -> "Tomas Rieger"), a role with the name in
   apposition ("the defence minister, Johan Ekwall,"), a name the entity extractor found inside
   an organisation ("the Ministry of Defence");
5. "it", "they", "which" take the previous quote's source when that one is no named person (an
   unnamed source, a medium, the outlet); "the agency", "state media", "the ministry" take the
   earlier source they name.

Written by hand: coreference models are far over the per-article budget, and news attribution
refers back in a few regular ways that these rules cover (see ``docs/extractors/quotes.md``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from crosswire.extract.learned import load_model
from crosswire.extract.quotes.speakers import (
    HONORIFICS,
    ROLE_WORDS,
    STOP_CAPITALS,
    TITLE_ROLES,
    TITLES,
    Speaker,
    wordset,
)
from crosswire.text.document import Document
from crosswire.text.names import fold_name

__all__ = ["SpeakerResolver", "is_medium", "source_kind"]

# A person named as the subject of a clause: at a sentence or paragraph start, or after "and",
# "but", "when", "as" ..., followed by a lower-case word (its verb). An honorific marks a person.
# A person named as the subject of a sentence, after an optional opening phrase ("On Monday,"),
# followed by a lower-case word (its verb). An honorific or title marks a person.
_SUBJECT_NAME = re.compile(
    r"(?:[A-Z][a-z]*(?: [a-z]+){0,3}, )?"
    # a role before the name: "Opposition councillor Petra Lind was less convinced."
    r"(?:(?:[A-Z][a-z]+ )?(?:" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + r") (?=[A-Z]))?"
    r"(?P<name>(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof)\.?\s+)?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?"
    r"(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?){0,2})(?=,?\s+[a-z])"
)
_PERSON_PRONOUNS = wordset("he she")
_NOT_PERSON = wordset(
    """
    House Senate Congress Party Department Ministry Committee Court Council Agency Office Union
    Association Institute University College School Times Post News Journal Press Network
    Foundation Fund Bank Group Company Corporation Inc Commission Board Service Services Army Navy
    Police Government Administration Campaign Street City County State States Republicans
    Democrats Republican Democrat Americans Party's Tuesday's
    """
)


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
_QUOTED_AS = re.compile(r"\s+(?:\w+\s+){0,2}?quoted\s+([^,.;:\"“”]{3,80}?)\s+as\s+say(?:ing|s)\b")
_GENERIC_MEDIA = re.compile(
    r"(?:^|\s)(?:state\s+(?:media|news\s+agency|television|tv|radio|broadcaster)|the\s+agency)$"
)
_FRAME_BEFORE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<subject>He|She|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
    r"\s+(?:said|says|told\s+\w+|added)\s+(?:that\s+)?$"
)
_FRAME_LAST_WORDS = frozenset({"said", "says", "added", "that"})
_TITLE_WORDS = frozenset(w.rstrip(".") for w in TITLES)
_PLACEHOLDER_PRONOUNS = frozenset({"it", "they", "we", "which", "who"})
# Role words after which an appositive name follows: "Osterland's defence minister, Johan Ekwall,"
_ROLE_TAIL = re.compile(
    r"(?:minister|president|spokes(?:person|man|woman)|chief|head|commander|director|secretary|"
    r"leader|mayor|governor|general|ambassador|envoy|adviser|advisor|chairman|chairwoman)$",
    re.IGNORECASE,
)
_ORGANISATIONS = frozenset(("ORG", "MEDIA"))
_ACRONYM_BEFORE = re.compile(r"((?:[A-Z][\w'’-]*\s+){1,6}[A-Z][\w'’-]*)\s*$")
_NAMED_LABELS = frozenset(("ORG", "MEDIA", "PERSON", "GPE", "NORP"))


@lru_cache(maxsize=1 << 14)
def is_medium(name: str) -> bool:
    """Whether ``name`` names a news medium (an agency, state media, a paper)."""
    return _MEDIA_EXACT.match(name) is not None or _MEDIA.search(name) is not None


def source_kind(name: str, speaker_kind: str, outlet_key: str) -> str:
    """What kind of source a speaker's name is: ``outlet`` (``outlet_key`` is the article's outlet,
    folded), ``state_media``, ``unnamed`` or ``speaker`` (a named person or organisation)."""
    if fold_name(name) == outlet_key:
        return "outlet"
    if speaker_kind == "pronoun" and name[:1].isupper():
        return "speaker"  # "he" resolved to a person (a medium is never a pronoun's referent)
    if is_medium(name):
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


def _frame_before(text: str, at: int) -> re.Match[str] | None:
    """The frame "He said (that)" right before ``at``; the cheap word checks rule most places out."""
    if not text[at - 1 : at].isspace():
        return None
    words = text[max(0, at - 100) : at].split()
    if not words or (words[-1] not in _FRAME_LAST_WORDS and words[-2:-1] != ["told"]):
        return None
    return _FRAME_BEFORE.search(text, max(0, at - 100), at)


class SpeakerResolver:
    """The speakers of one article's quotes, decided in text order (see the module docstring).

    ``entities`` are the entity extractor's records (people and organisations the text names);
    ``quote_spans`` the content spans of the quotations (names inside them are no antecedents).
    ``learned``: a quote's speaker is the candidate the learned model (``weights/speaker.json``)
    scores best, and a quotation without one may continue the last speaker
    (``weights/continuation.json``); without it, the rules' choices. ``record``, when given,
    receives each decision as ``(model, quote start, candidates)`` with the candidates' features
    (what ``make train`` learns from).
    """

    __slots__ = (
        "_aliases",
        "_cache",
        "_entities",
        "_entity_starts",
        "continuation",
        "doc",
        "last",
        "last_end",
        "model",
        "named",
        "outlet_key",
        "previous",
        "quote_spans",
        "record",
        "seen",
        "sentence_starts",
        "text",
    )

    def __init__(
        self,
        doc: Document,
        entities: Sequence[Any],
        quote_spans: Sequence[tuple[int, int]] = (),
        *,
        learned: bool = True,
        record: list[tuple[str, int, list[tuple[Speaker | None, dict[str, float]]]]] | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc.text
        self.model = load_model("crosswire.extract.quotes", "speaker") if learned else None
        self.continuation = load_model("crosswire.extract.quotes", "continuation") if learned else None
        self.record = record
        self.last: Speaker | None = None  # the speaker of the last quote that had one
        self.last_end = 0  # where that quote ends
        self.sentence_starts = doc.sentence_starts
        self.quote_spans = list(quote_spans)
        self.outlet_key = fold_name(doc.article.outlet or "outlet")
        spans = [(e.start, e.end, e.text, getattr(e, "label", "")) for e in entities]
        spans.sort()
        self._entities = spans
        self._entity_starts = [s[0] for s in spans]
        self.named = _Named()  # named speakers so far: antecedents of surnames, pronouns, roles
        self.seen: list[Speaker] = []  # every speaker decided so far: antecedents of "it", "the agency"
        self.previous: Speaker | None = None  # the speaker of the quote before
        self._cache: dict[str, tuple[int, str] | None] = {}  # surname -> its first full name in the text
        self._aliases: dict[str, str] = {}  # acronym -> the full name the text gives it

    def kind(self, speaker: Speaker) -> str:
        """The source kind of a decided speaker (see :func:`source_kind`)."""
        return source_kind(speaker.name, speaker.kind, self.outlet_key)

    def seed(self, speakers: Sequence[Speaker | None]) -> None:
        """Take ``speakers``, already decided (a quote's), as the ones seen so far."""
        for speaker in speakers:
            if speaker is not None:
                self._remember(speaker)

    def quote(
        self, speaker: Speaker | None, cue: str | None, quote_start: int, quote_end: int | None = None
    ) -> tuple[Speaker | None, str | None]:
        """The final speaker of the quote at ``quote_start`` whose cue and parsed speaker are given,
        and its cue ("quoted as saying" when the cue quoted someone). A quotation left without a
        speaker by its parse (``speaker`` None; ``quote_end`` given) may continue the speaker of
        the last quote before it: the learned continuation model decides."""
        if speaker is None:
            final = self._continued(quote_start, quote_end) if quote_end is not None else None
            self.previous = final
            return final, cue
        mention_kind = speaker.kind
        parsed = self._referent(speaker)
        final, cue, own = self._rule(parsed, cue, quote_start)
        model = self.model
        if cue != "quoted as saying" and (model is not None or self.record is not None):
            # (who "VCNA quoted ... as saying" names is read, not chosen)
            candidates = self._candidates(final, own, parsed, mention_kind, quote_start)
            if self.record is not None:
                recorded: list[tuple[Speaker | None, dict[str, float]]] = list(candidates)
                self.record.append(("speaker", quote_start, recorded))
            if model is not None and len(candidates) > 1:
                best = model.score(candidates[0][1])
                for candidate, features in candidates[1:]:
                    score = model.score(features)
                    if score > best:  # the rules' choice (first) wins ties
                        final, best = candidate, score
        self._remember(final)
        self.previous = self.last = final
        self.last_end = quote_end if quote_end is not None else quote_start
        return final, cue

    def _continued(self, quote_start: int, quote_end: int) -> Speaker | None:
        """The last quote's speaker, when the learned model reads the quotation at
        ``quote_start..quote_end`` as continuing it (the news convention of a paragraph that is
        only a quotation after a quoted speaker); else None (the rules leave it unattributed)."""
        last = self.last
        if last is None or (self.continuation is None and self.record is None):
            return None
        doc = self.doc
        text = self.text
        paragraph = doc.paragraph_index(quote_start)
        gap = paragraph - doc.paragraph_index(max(0, self.last_end - 1))
        span = doc.paragraphs[paragraph]
        features: dict[str, float] = {f"paragraph_gap_{min(gap, 3)}": 1.0, f"last_{last.kind}": 1.0}
        if not text[span.start : quote_start].strip(" \t\"'“”‘’«»„"):
            features["opens_paragraph"] = 1.0
        if not text[quote_end : span.end].strip(" \t\"'“”‘’«».,;:!?"):
            features["ends_paragraph"] = 1.0
        if is_medium(last.name) or self.kind(last) != "speaker":
            features["last_not_person"] = 1.0
        people = 0
        i = bisect_left(self._entity_starts, self.last_end)
        while i < len(self._entities) and self._entities[i][0] < quote_start:
            if self._entities[i][3] == "PERSON":
                people += 1
            i += 1
        features[f"people_between_{min(people, 2)}"] = 1.0
        features["words"] = min(1.0, text.count(" ", quote_start, quote_end) / 60)
        candidates: list[tuple[Speaker | None, dict[str, float]]] = [(None, {"unattributed": 1.0}), (last, features)]
        if self.record is not None:
            self.record.append(("continuation", quote_start, candidates))
        model = self.continuation
        if model is not None and model.score(features) > model.score(candidates[0][1]):
            return last
        return None

    def _rule(self, speaker: Speaker, cue: str | None, quote_start: int) -> tuple[Speaker, str | None, Speaker]:
        """The speaker the rules choose for a parsed mention whose referent is known (decisions 4
        and 5), the cue, and the cue's own subject as the rules decide it (the choice but for a
        nearer frame or "quoted ... as saying"); nothing is remembered."""
        text = self.text
        mention = text[speaker.start : speaker.end]
        if mention.lower() in ("he", "she") and (speaker.name.isupper() or is_medium(speaker.name)):
            # "He said ..., VCNA reported": "he" is a person, not the agency
            own = self._decide(Speaker(mention, speaker.start, speaker.end, None, None, "pronoun"))
            return own, cue, own
        own = self._decide(speaker)
        nearer = _frame_before(text, quote_start)
        if nearer is not None and nearer.end("subject") <= speaker.start:
            # "He said that ..., VCNA reported": the nearer frame names who said it (a frame
            # holding the speaker itself, "Director Ryuhei Kitamura said that", is its own)
            return self._frame_subject(nearer), cue, own
        quoted = _QUOTED_AS.match(text, speaker.end) if cue and cue.endswith("quoted") else None
        if quoted is not None:
            # "VCNA quoted an officer of the General Staff as saying": the officer speaks
            name = quoted.group(1)
            kind = "unnamed" if name[:1].islower() else "named"
            return Speaker(name, quoted.start(1), quoted.end(1), None, None, kind), "quoted as saying", own
        return own, cue, own

    def _frame_subject(self, frame: re.Match[str]) -> Speaker:
        subject = frame.group("subject")
        kind = "pronoun" if subject.lower() in ("he", "she") else "named"
        start, end = frame.span("subject")
        return self._decide(Speaker(subject, start, end, None, None, kind))

    # --- the learned choice among candidates --------------------------------------------------

    def _candidates(
        self, rule: Speaker, own: Speaker, parsed: Speaker, mention_kind: str, quote_start: int
    ) -> list[tuple[Speaker, dict[str, float]]]:
        """The speakers a quote may have, the rules' choice first, each with the features the
        learned choice weighs (see ``docs/extractors/quotes.md``): where the candidate comes from
        (the rules, the cue's own subject, a nearer frame, a name in apposition, the previous
        quote's speaker, the last person named, the last named speaker), crossed with the kind of
        mention the cue has; its kind, whether it is a medium, a full name, an organisation; how
        far its mention is from the quote."""
        text = self.text
        found: dict[str, tuple[Speaker, list[str]]] = {}

        def add(candidate: Speaker, source: str) -> None:
            key = candidate.name
            if key in found:
                found[key][1].append(source)
            else:
                found[key] = (candidate, [source])

        add(rule, "rule")
        add(own, "cue")
        nearer = _frame_before(text, quote_start)
        if nearer is not None:
            add(self._frame_subject(nearer), "frame")
        if not parsed.name[:1].isupper() or parsed.kind in ("descriptor", "unnamed"):
            apposition = _NAME_APPOSITION.match(text, parsed.end)
            if apposition is not None:  # "his lawyer, Dana Whitfield, said"
                add(
                    Speaker(apposition.group(1), apposition.start(1), apposition.end(1), parsed.name, parsed.org),
                    "apposition",
                )
        previous = self.previous
        if previous is not None:
            add(previous, "previous")
        person = self._person_before(quote_start)
        if person is not None:
            add(Speaker(person[2], person[0], person[1]), "person_before")
        for earlier in reversed(self.named.speakers):
            if earlier.end <= parsed.start:
                add(earlier, "last_named")
                break
        doc = self.doc
        quote_paragraph = doc.paragraph_index(quote_start)
        quote_sentence = doc.sentence(quote_start)
        out: list[tuple[Speaker, dict[str, float]]] = []
        for candidate, sources in found.values():
            name = candidate.name
            features: dict[str, float] = {f"mention_{mention_kind}": 1.0, f"kind_{candidate.kind}": 1.0}
            for source in sources:
                features[f"from_{source}"] = 1.0
                features[f"from_{source}|{mention_kind}"] = 1.0
            if is_medium(name):
                features["medium"] = 1.0
            if name[:1].isupper():
                features["full_name" if " " in name else "one_word_name"] = 1.0
            else:
                features["lower_case"] = 1.0
            if self.organisation(candidate) is not None:
                features["organisation"] = 1.0
            entity = self._entity_at(candidate.start, candidate.end)
            features[f"entity_{entity[3] if entity is not None else 'none'}"] = 1.0
            distance = candidate.start - quote_start
            features["distance"] = min(1.0, abs(distance) / 1000)
            if distance > 0:
                features["after_quote"] = 1.0
            if doc.paragraph_index(candidate.start) == quote_paragraph:
                features["same_paragraph"] = 1.0
            if quote_sentence[0] <= candidate.start < quote_sentence[1]:
                features["same_sentence"] = 1.0
            if previous is not None and name == previous.name:
                features["is_previous"] = 1.0
            out.append((candidate, features))
        return out

    # --- the mention's referent (decisions 1 to 3) --------------------------------------------

    def _referent(self, speaker: Speaker) -> Speaker:
        if speaker.kind == "named":
            speaker = _full_name(self.text, speaker, self.named, self._cache)
            self.named.append(speaker)
        elif speaker.kind == "pronoun" and speaker.name.lower() in _PERSON_PRONOUNS:
            speaker = _pronoun(self.text, speaker, self.named, self.quote_spans, self.sentence_starts, self._cache)
        elif speaker.kind == "descriptor":
            speaker = _descriptor_antecedent(speaker, self.named)
        return speaker

    # --- the attribution re-read (decisions 4 and 5) ------------------------------------------

    def attribute(self, speaker: Speaker) -> Speaker:
        """The source a mention stands for, once its referent is known (decisions 4 and 5); also
        for the subject of a frame verb ("VCNA dismissed reports that ..."). It is remembered as a
        source seen so far."""
        return self._remember(self._decide(speaker))

    def _decide(self, speaker: Speaker) -> Speaker:
        """The source a mention stands for (decisions 4 and 5), remembering nothing."""
        name, start, end = speaker.name, speaker.start, speaker.end
        lowered = name.lower()
        previous = self.previous
        if lowered in _PLACEHOLDER_PRONOUNS and previous is not None and self.kind(previous) != "speaker":
            return _standing_for(previous, start, end)
        title_only, generic_media, _ = _name_traits(name)
        organisation = self.organisation(speaker)
        if title_only and _NAME_AFTER.match(self.text, end):
            pass  # "Dr. Tomas Rieger": the name follows the title
        elif organisation is None and (lowered in ("he", "she", "i") or lowered in _TITLE_WORDS):
            person = self._person_before(start)
            if person is not None:
                kind = "pronoun" if lowered in ("he", "she", "i") else "descriptor"
                return Speaker(person[2], start, end, None, None, kind, (person[0], person[1]))
        if generic_media:
            for earlier in reversed(self.seen):
                if (
                    self.kind(earlier) == "state_media"
                    and earlier.name[:1].isupper()
                    and not _GENERIC_MEDIA.search(earlier.name.lower())
                ):
                    return _standing_for(earlier, start, end)  # "the agency": the medium named before
        if lowered.startswith(("the ", "this ")) and " " in lowered:
            head = lowered.split()[-1]
            for earlier in reversed(self.seen):
                if head in earlier.name.lower() or (head == "agency" and self.kind(earlier) == "state_media"):
                    return _standing_for(earlier, start, end)
        kind = speaker.kind
        if kind == "named" and " " in name:
            start, name = self._without_nationality(start, end, name)
        if title_only:
            after = _NAME_AFTER.match(self.text, end)
            if after is not None:
                name, end, kind = after.group(1), after.end(1), "named"
        elif organisation is not None:
            return speaker  # the organisation speaks, as its mention says
        if _name_traits(name)[2] or (kind in ("descriptor", "unnamed") and not name[:1].isupper()):
            apposition = _NAME_APPOSITION.match(self.text, end)
            if apposition is not None and self._is_person_name(apposition.start(1), apposition.end(1)):
                # "Osterland's defence minister, Johan Ekwall, said", "his lawyer, Dana Whitfield,
                # said": the name, not the role
                return Speaker(apposition.group(1), apposition.start(1), apposition.end(1), name, speaker.org, "named")
        if (name, start, end, kind) != (speaker.name, speaker.start, speaker.end, speaker.kind):
            speaker = Speaker(name, start, end, speaker.role, speaker.org, kind, speaker.antecedent)
        return speaker

    def _without_nationality(self, start: int, end: int, name: str) -> tuple[int, str]:
        """ "North Korean Rodong Sinmun" -> "Rodong Sinmun" (a medium the text names, or a person):
        a nationality leading the name is no part of it."""
        i = bisect_left(self._entity_starts, start)
        while i < len(self._entities) and self._entities[i][0] == start:
            entity_end, label = self._entities[i][1], self._entities[i][3]
            rest = self.text[entity_end:end]
            if label == "NORP" and entity_end < end and rest[:1] == " " and rest[1:2].isupper():
                # only before a medium or a person ("Canadian Pacific Air Lines" keeps its name)
                named = self._entity_at(entity_end + 1, end)
                if (
                    is_medium(rest[1:])
                    or any(e[2] == rest[1:] and e[3] == "MEDIA" for e in self._entities)
                    or (named is not None and named[0] > entity_end and named[3] in ("MEDIA", "PERSON"))
                ):
                    return entity_end + 1, rest[1:]
            i += 1
        return start, name

    def _is_person_name(self, start: int, end: int) -> bool:
        """Whether the entity extractor reads ``start..end`` as a person's name (or nothing else)."""
        entity = self._entity_at(start, end)
        return entity is None or entity[3] == "PERSON"

    def organisation(self, speaker: Speaker) -> tuple[int, int, str, str] | None:
        """The organisation or medium the entity extractor found around a named mention ("the
        Ministry of Defence said": "Defence" is no title here), as ``(start, end, name, label)``."""
        name, start, end = speaker.name, speaker.start, speaker.end
        if speaker.kind not in ("named", "unnamed") or not name[:1].isupper() or _name_traits(name)[0]:
            return None
        entity = self._entity_at(start, end)
        if (
            entity is not None
            and entity[0] <= start
            and end <= entity[1]
            and entity[3] in _ORGANISATIONS
            and ". " not in entity[2]
        ):
            return entity
        return None

    def _remember(self, speaker: Speaker) -> Speaker:
        """Keep ``speaker`` as a source seen so far, under the name it is known by (see :meth:`source_name`)."""
        name, start, end = self.source_name(speaker)
        if (name, start, end) == (speaker.name, speaker.start, speaker.end):
            self.seen.append(speaker)
        else:
            self.seen.append(Speaker(name, start, end, speaker.role, speaker.org, speaker.kind, speaker.antecedent))
        return speaker

    def source_name(self, speaker: Speaker) -> tuple[str, int, int]:
        """The name a decided speaker is known by as a source, with its span: an organisation's
        whole name ("Osterland's Joint Defence Staff"), an acronym the text defines in full
        ("VCNA" -> "Varnian Central News Agency"), without a leading "The"."""
        name, start, end = speaker.name, speaker.start, speaker.end
        organisation = self.organisation(speaker)
        if organisation is not None:
            start, end, name = organisation[0], organisation[1], organisation[2]
        if name[:1].isupper():
            name = _strip_article(name)
        return self._full(name), start, end

    def _full(self, name: str) -> str:
        """The full name of an acronym the text defines ("VCNA" -> "Varnian Central News Agency")."""
        if not (2 <= len(name) <= 8 and name.isupper() and name.isalpha()):
            return name
        found = self._aliases.get(name)
        if found is None:
            found = name
            at = self.text.find(f"({name})")
            if at > 0:
                m = _ACRONYM_BEFORE.search(self.text, max(0, at - 120), at)
                if m:
                    found = _strip_article(m.group(1))
            self._aliases[name] = found
        return found

    def _entity_at(self, start: int, end: int) -> tuple[int, int, str, str] | None:
        """The longest named entity overlapping ``start..end`` (starting at most 80 characters before)."""
        entities = self._entities
        i = bisect_left(self._entity_starts, start - 80)
        best = None
        while i < len(entities) and entities[i][0] < end:
            entity = entities[i]
            if (
                entity[1] > start
                and entity[3] in _NAMED_LABELS
                and (best is None or entity[1] - entity[0] > best[1] - best[0])
            ):
                best = entity
            i += 1
        return best

    def _person_before(self, pos: int) -> tuple[int, int, str] | None:
        """The last person named in full before ``pos``: an entity, else a source decided earlier."""
        found = None
        for start, end, name, label in self._entities[: bisect_left(self._entity_starts, pos)]:
            if label == "PERSON" and " " in name:
                found = (start, end, name)
        if found is not None:
            return found
        for earlier in reversed(self.seen):
            if self.kind(earlier) == "speaker" and " " in earlier.name:
                return earlier.start, earlier.end, earlier.name
        return None


def _strip_article(name: str) -> str:
    return name[4:] if name.startswith(("The ", "the ")) and name[4:5].isupper() else name


def _standing_for(earlier: Speaker, start: int, end: int) -> Speaker:
    """The mention at ``start..end`` ("it", "the agency") standing for the source ``earlier``."""
    return Speaker(earlier.name, start, end, earlier.role, earlier.org, earlier.kind, (earlier.start, earlier.end))


class _Named:
    """The named speakers decided so far, indexed by what later mentions look them up by: the
    words a name ends with ("Vogt", "Karl Vogt" of "Defence Minister Karl Vogt"), the endings of
    its last word, and its role's head words. Each lookup reads only its candidates, so an article
    of thousands of quotes is not read again for every one."""

    __slots__ = ("by_head", "by_name", "by_suffix", "endings", "speakers")

    def __init__(self) -> None:
        self.speakers: list[Speaker] = []
        self.by_name: dict[str, list[int]] = {}
        self.by_suffix: dict[str, list[int]] = {}  # "Vogt", "Karl Vogt" -> names ending with " " + it
        self.by_head: dict[str, list[int]] = {}
        self.endings: set[str] = set()  # every ending of every name: "ogt", "Vogt" ...

    def append(self, speaker: Speaker) -> None:
        index = len(self.speakers)
        self.speakers.append(speaker)
        name = speaker.name
        self.by_name.setdefault(name, []).append(index)
        space = name.find(" ")
        while space >= 0:
            self.by_suffix.setdefault(name[space + 1 :], []).append(index)
            space = name.find(" ", space + 1)
        last = name[name.rfind(" ") + 1 :]
        self.endings.update(last[k:] for k in range(len(last)))
        for head in _role_heads(speaker):
            self.by_head.setdefault(head, []).append(index)

    def latest(self, indexes: list[int], before: int) -> Speaker | None:
        """The latest of the speakers at ``indexes`` whose mention starts before ``before``."""
        for index in reversed(indexes):
            speaker = self.speakers[index]
            if speaker.start < before:
                return speaker
        return None

    def ending_with(self, name: str) -> Speaker | None:
        """The latest speaker named ``name`` or a longer name ending with it ("Karl Vogt" for "Vogt")."""
        found = max(self.by_name.get(name, [-1])[-1], self.by_suffix.get(name, [-1])[-1])
        return self.speakers[found] if found >= 0 else None


def _full_name(text: str, speaker: Speaker, named: _Named, cache: dict[str, tuple[int, str] | None]) -> Speaker:
    """ "Vogt" after "Karl Vogt": the full name, with the earlier role when this mention has none."""
    if " " in speaker.name:
        return speaker
    surname = speaker.name
    earlier = named.latest(named.by_suffix.get(surname, []), speaker.start)
    if earlier is not None:
        return Speaker(
            earlier.name,
            speaker.start,
            speaker.end,
            speaker.role or earlier.role,
            speaker.org or earlier.org,
            speaker.kind,
            speaker.antecedent,
        )
    full = _earlier_full_name(text, surname, speaker.start, cache)
    if full is not None:
        return Speaker(full, speaker.start, speaker.end, speaker.role, speaker.org, speaker.kind, speaker.antecedent)
    return speaker


def _earlier_full_name(text: str, surname: str, before: int, cache: dict[str, tuple[int, str] | None]) -> str | None:
    """The first "Karl Vogt" (or "Karl F. Vogt") before ``before`` for the surname "Vogt"."""
    if surname not in cache:
        cache[surname] = _first_full_name(text, surname)
    hit = cache[surname]
    return hit[1] if hit is not None and hit[0] < before else None


def _first_full_name(text: str, surname: str) -> tuple[int, str] | None:
    if len(surname) < 2 or not surname[0].isupper():
        return None
    pos = text.find(surname)
    while pos > 0:
        end = pos + len(surname)
        if text[pos - 1] == " " and (end >= len(text) or not text[end].isalnum()):
            words = text[max(0, pos - 40) : pos].split()[-3:]
            given: list[str] = []
            for word in reversed(words):
                if ((word[:1].isupper() and word.isalpha()) or (len(word) == 2 and word[1] == ".")) and (
                    word not in STOP_CAPITALS and word.lower() not in TITLES
                ):
                    given.insert(0, word)
                else:
                    break
            if given and given[0].isalpha():
                return pos, " ".join([*given, surname])
        pos = text.find(surname, end)
    return None


def _pronoun(
    text: str,
    speaker: Speaker,
    named: _Named,
    quotes: list[tuple[int, int]],
    sentence_starts: list[int],
    cache: dict[str, tuple[int, str] | None],
) -> Speaker:
    best: tuple[int, int, str] | None = None
    for earlier in reversed(named.speakers):
        if earlier.end <= speaker.start:
            best = (earlier.start, earlier.end, earlier.name)
            break
    lo = max(0, speaker.start - 800, best[1] if best else 0)
    k = bisect_right(sentence_starts, speaker.start) - 1
    while k >= 0 and sentence_starts[k] >= lo:
        match = _SUBJECT_NAME.match(text, sentence_starts[k], speaker.start)
        k -= 1
        if match is None:
            continue
        pos = match.start("name")
        if any(s <= pos < e for s, e in quotes):
            continue
        name = match.group("name")
        words = name.split()
        titled = words[0].lower() in HONORIFICS or words[0].lower() in TITLE_ROLES
        if any(w in _NOT_PERSON or w in STOP_CAPITALS for w in words[1 if titled else 0 :]):
            continue
        if len(words) == 1 and name not in named.endings and _earlier_full_name(text, name, pos, cache) is None:
            continue  # a lone capitalised word ("Dismayed", "Dolmek") is not known as a person
        if best is None or pos > best[0]:
            best = (pos, match.end("name"), name)
        break
    if best is None:
        return speaker
    name = best[2]
    parts = name.split()
    if parts and (parts[0].lower() in HONORIFICS or parts[0].lower() in TITLE_ROLES):
        parts = parts[1:]
    name = " ".join(parts)
    role = None
    org = None
    earlier_speaker = named.ending_with(name)
    if earlier_speaker is not None:
        name, role, org = earlier_speaker.name, earlier_speaker.role, earlier_speaker.org
    elif " " not in name:
        name = _earlier_full_name(text, name, best[0], cache) or name
    return Speaker(name, speaker.start, speaker.end, role, org, speaker.kind, (best[0], best[1]))


def _role_heads(speaker: Speaker) -> set[str]:
    heads: set[str] = set()
    if speaker.role:
        for word in speaker.role.lower().split():
            heads.add(TITLE_ROLES.get(word, word))
    return heads


def _descriptor_antecedent(speaker: Speaker, named: _Named) -> Speaker:
    if not speaker.role:
        return _unnamed(speaker)
    head = speaker.role.lower().split()[-1]
    head = TITLE_ROLES.get(head, head)
    earlier = named.latest(named.by_head.get(head, []), speaker.start)
    if earlier is not None:
        return Speaker(
            earlier.name,
            speaker.start,
            speaker.end,
            earlier.role or speaker.role,
            earlier.org or speaker.org,
            speaker.kind,
            (earlier.start, earlier.end),
        )
    return _unnamed(speaker)


def _unnamed(speaker: Speaker) -> Speaker:
    # built directly: dataclasses.replace costs several times a constructor call
    return Speaker(speaker.name, speaker.start, speaker.end, speaker.role, speaker.org, "unnamed", speaker.antecedent)
