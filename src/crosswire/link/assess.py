"""Claims assessed per story: claim groups, their sources once copies are folded, and a status.

:func:`assess` takes one story's articles (:class:`~crosswire.link.claims.linker.ArticleClaims`), the
claim links :func:`~crosswire.link.claims.linker.align_claims` found between them and the copy links of
:mod:`crosswire.link.copies.linker`, and returns one :class:`ClaimAssessment` per claim group:

1. **Groups.** Claims joined by ``agrees`` links with the same kind of modality (done/ongoing
   on one side; planned/threatened/hypothetical on the other) form a group: "some 250 launchers
   moved" and "about 250 launchers have been moved" are one group; "Varnia threatened to deploy
   some 250 launchers" is another. A claim no link joins is a group of its own.
2. **Origins.** Each supporting claim gets an *origin*, the source it traces back to:

   - a named person (by surname: "Dr. Tomas Rieger", "Rieger" and "Tomas Rieger" are one);
   - a state: its state media ("VCNA", "the Varnian Central News Agency", "state media"), its
     government, ministries and military ("Osterland's Joint Defence Staff", "Osterland's
     military", "Osterland") count as one voice per country;
   - an unnamed source, by its description ("a senior Osterland military official");
   - the outlet's own voice, per copy cluster: an article and its duplicates and near-duplicates
     (``duplicate``/``near_duplicate`` links), and a claim inside a ``shared_passage``, count as the
     earliest article of the cluster.

   Pronouns and unknown speakers take the origin of the claim before them in the article, and
   identical claims in copies of one article share one origin whatever their copies call the
   source ("a spokesperson for the Joint Defence Staff" / "a military spokesperson").

   With a register of outlets (:class:`~crosswire.desk.outlets.Register`), an outlet's own voice,
   and a medium named as the source, take the origin the register gives: state media of one state
   are that state's voice (``state:``), outlets with one owner are one origin (``owner:``, the top
   of the ownership chain); ``notes`` say which outlets were folded and why.
3. **Counts.** ``independent`` is the number of distinct origins among the supporting claims;
   ``outlets`` the number of outlets that carry them ("3 outlets, 2 independent origins").
4. **Status.** ``contradicted`` when another group gives an incompatible figure, denies the
   event, or (for a done event) says it was only threatened or planned; else ``disputed`` when
   a source outside the group doubts, denies or questions it; else ``corroborated`` with two or
   more independent origins, ``single-source`` with one.

Pure and per story, like the alignment: a new article only re-assesses the story it joins.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from crosswire.desk.outlets import OutletEntry, Register
from crosswire.desk.outlets import fold_name as fold_outlet
from crosswire.link.claims.intervals import Interval, reconcile
from crosswire.link.claims.keys import ClaimReading, asserter_key, initials, same_source
from crosswire.link.claims.linker import ArticleClaims, ClaimLink, StoryReadings
from crosswire.link.copies.linker import Link
from crosswire.text.names import fold_name

__all__ = ["STATUSES", "ClaimAssessment", "ClaimSource", "assess", "assess_groups"]

log = logging.getLogger(__name__)

STATUSES = ("corroborated", "single-source", "disputed", "contradicted")

_COPY_KINDS = frozenset({"duplicate", "near_duplicate"})
_OFFICIAL = re.compile(
    r"\b(?:military|army|armed\s+forces|defen[cs]e\s+staff|general\s+staff|defen[cs]e\s+ministry|"
    r"ministry|government|embassy|foreign\s+office|cabinet|presidency|navy|air\s+force)\b",
    re.IGNORECASE,
)
_ORG_WORDS = re.compile(
    r"\b(?:guard|staff|agency|ministry|council|group|institute|office|service|committee|police|"
    r"hospital|company|party|union|bank|court|commission|authority|department|center|centre|"
    r"association|board|administration|university|lines|network|station|news|press|media)\b"
)
_ROLE_FOR = re.compile(r"\bspokes(?:person|man|woman)\s+(?:for|of)\s+(?:the\s+)?[\w' -]+$")
_ROLE_OF = re.compile(r"^(?:head|chief|director|spokes(?:person|man|woman)|leader|commander)\s+of\s+(?:the\s+)?")
# "Varnian President", "Osterland's Foreign Minister": an official who speaks for a state.
_OFFICIAL_ROLE = re.compile(
    r"([A-Z][a-z]+)(?:'s|’s)?\s+(?:[\w-]+\s+){0,2}?(?:president|prime\s+minister|minister|spokes\w+|"
    r"ambassador|foreign\s+minister|defen[cs]e\s+minister|chief\s+of\s+staff|government)\b",
    re.IGNORECASE,
)
_PLACEHOLDERS = frozenset({"he", "she", "they", "it", "we", "i", "unknown speaker", "unknown", ""})
_LABEL_LIMIT = 160


@dataclass(frozen=True, slots=True)
class ClaimSource:
    """One claim behind (or against) a group: where it is, who asserts it, and its origin."""

    article_id: str
    start: int
    end: int
    asserter: str
    origin: str
    corrected: tuple[Mapping[str, Any], ...] = ()
    """When an analyst corrected the claim: ``{correction, kind, by}`` of each correction."""

    def as_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "asserter": self.asserter,
            "origin": self.origin,
        }
        if self.corrected:
            found["corrected"] = [dict(c) for c in self.corrected]
        return found


@dataclass(frozen=True, slots=True)
class ClaimAssessment:
    """A group of claims that agree about one thing, its sources and its status."""

    id: str
    story_id: str | None
    key: str | None
    thing: str | None
    label: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    modality: str
    supporting: tuple[ClaimSource, ...]
    disputing: tuple[ClaimSource, ...]
    conflicting: tuple[ClaimSource, ...]
    independent: int
    status: str
    history: tuple[ClaimSource, ...] = ()
    """Earlier figures of the same frame that this group's figure updates (``updates`` links), oldest first."""
    superseded_by: tuple[ClaimSource, ...] = ()
    """Later figures that update this group's figure: the latest is the one to quote."""
    folded: tuple[str, ...] = ()
    """How the supporting mentions were folded into sources ("Kim, Kim Jong Un: one source (person:un)")."""
    outlets: int = 0
    """How many outlets carry the supporting claims (an article without an outlet counts as one)."""
    notes: tuple[str, ...] = ()
    """Why some outlets count as one origin ("Radio Halvik and Northgate Post: one owner, ...")."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "story_id": self.story_id,
            "key": self.key,
            "thing": self.thing,
            "label": self.label,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "modality": self.modality,
            "supporting": [s.as_dict() for s in self.supporting],
            "disputing": [s.as_dict() for s in self.disputing],
            "conflicting": [s.as_dict() for s in self.conflicting],
            "independent": self.independent,
            "status": self.status,
            "history": [s.as_dict() for s in self.history],
            "superseded_by": [s.as_dict() for s in self.superseded_by],
            "folded": list(self.folded),
            "outlets": self.outlets,
            "notes": list(self.notes),
        }


def assess(
    story_articles: Sequence[ArticleClaims],
    claim_links: Iterable[ClaimLink | Mapping[str, Any]],
    copy_links: Iterable[Link | Mapping[str, Any]] = (),
    *,
    story_id: str | None = None,
    register: Register | None = None,
) -> list[ClaimAssessment]:
    """Claim groups of one story with supporting, disputing and conflicting sources and a status.

    ``register`` folds outlets with one owner, and state media of one state, into one origin.
    """
    found = assess_groups(
        StoryReadings.of(story_articles), claim_links, copy_links, story_id=story_id, register=register
    )
    return sorted(found.values(), key=lambda a: (-a.independent, a.label))


Inputs = tuple[Any, ...]
"""What decides one group's assessment: its claims, their origins, and the claims against it with theirs."""


def assess_groups(
    story: StoryReadings,
    claim_links: Iterable[ClaimLink | Mapping[str, Any]],
    copy_links: Iterable[Link | Mapping[str, Any]] = (),
    *,
    story_id: str | None = None,
    earlier: Mapping[Inputs, ClaimAssessment] | None = None,
    register: Register | None = None,
) -> dict[Inputs, ClaimAssessment]:
    """The assessment of each claim group of a story read already, by what decides it.

    A group whose claims, origins and opposing claims are those of an assessment in ``earlier``
    (what this function returned for the story before) keeps that assessment, renamed when the
    story's id changed, and is not assessed again: a new article re-assesses the groups it
    touches, and those whose sources it changes (a copy that folds two origins into one).
    ``register`` folds outlets with one owner, and state media of one state, into one origin.
    """
    readings = story.readings
    at = {(r.article_id, r.start, r.end): n for n, r in enumerate(readings)}
    links = [link if isinstance(link, ClaimLink) else ClaimLink.from_dict(link) for link in claim_links]
    copies = _Copies(story.articles, copy_links)
    resolver = _Origins(readings, story.articles, copies, register or Register())
    origins = resolver.resolve()
    groups = _groups(readings, links, at)
    group_of = {n: g for g, members in enumerate(groups) for n in members}
    against = _against(readings, links, at, group_of)
    updates = _updates(readings, story.articles, links, at, group_of, origins)
    out: dict[Inputs, ClaimAssessment] = {}
    for g, members in enumerate(groups):
        opposing = against.get(g, {})
        history, later = updates.get(g, ((), ()))
        inputs = (*_inputs(readings, members, origins, opposing), history, later)
        kept = earlier.get(inputs) if earlier is not None else None
        if kept is None:
            found = _assessment(story_id, readings, members, origins, opposing)
            kept = _with_outlets(replace(found, history=history, superseded_by=later), story.articles, resolver)
        elif kept.story_id != story_id:
            kept = replace(kept, id=_ident(story_id, kept.key, kept.supporting[0]), story_id=story_id)
        out[inputs] = kept
    return out


def _inputs(
    readings: Sequence[ClaimReading], members: Sequence[int], origins: Sequence[str], against: Mapping[str, set[int]]
) -> Inputs:
    def keyed(numbers: Iterable[int]) -> tuple[tuple[str, int, str], ...]:
        return tuple(sorted((readings[n].article_id, readings[n].index, origins[n]) for n in numbers))

    return (keyed(members), keyed(against.get("disputing", ())), keyed(against.get("conflicting", ())))


def _ident(story_id: str | None, key: str | None, lead: ClaimSource) -> str:
    """An assessment's id: its story, key and leading claim."""
    text = f"{story_id}|{key}|{lead.article_id}:{lead.start}:{lead.end}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# --- copies -----------------------------------------------------------------------------------


class _Copies:
    """Which articles are copies of which, and which spans lie in shared passages."""

    def __init__(self, articles: Mapping[str, ArticleClaims], copy_links: Iterable[Link | Mapping[str, Any]]) -> None:
        self.parent = {aid: aid for aid in articles}
        self.passages: list[tuple[str, int, int, str]] = []
        self.earlier: dict[str, Any] = {
            aid: (a.published is None, str(a.published), aid) for aid, a in articles.items()
        }
        for raw in copy_links:
            link = raw if isinstance(raw, Link) else Link.from_dict(dict(raw))
            a, b = link.a.article_id, link.b.article_id
            if a not in self.parent or b not in self.parent:
                continue
            if link.kind in _COPY_KINDS:
                self._union(a, b)
            elif link.kind == "shared_passage":
                self.passages.append((a, link.a.start, link.a.end, b))
                self.passages.append((b, link.b.start, link.b.end, a))

    def _find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            first, second = sorted((ra, rb), key=lambda r: self.earlier[r])
            self.parent[second] = first

    def root(self, article_id: str, start: int | None = None, end: int | None = None) -> str:
        """The earliest article of the copy cluster; a span in a shared passage joins the passage's cluster."""
        root = self._find(article_id)
        if start is None or end is None:
            return root
        for aid, lo, hi, other in self.passages:
            if aid == article_id and lo <= start and end <= hi:
                other_root = self._find(other)
                if self.earlier[other_root] < self.earlier[root]:
                    root = other_root
        return root

    def related(self, a: ClaimReading, b: ClaimReading) -> bool:
        """Whether two claims are one text copied: copy articles, or both inside one shared passage."""
        if self._find(a.article_id) == self._find(b.article_id):
            return True
        return self._in_passage(a, b.article_id) and self._in_passage(b, a.article_id)

    def _in_passage(self, reading: ClaimReading, other: str) -> bool:
        return any(
            aid == reading.article_id and o == other and lo <= reading.start and reading.end <= hi
            for aid, lo, hi, o in self.passages
        )


# --- origins ----------------------------------------------------------------------------------


class _Origins:
    """The origin of every claim (see the module docstring)."""

    def __init__(
        self,
        readings: Sequence[ClaimReading],
        articles: Mapping[str, ArticleClaims],
        copies: _Copies,
        register: Register,
    ) -> None:
        self.readings = readings
        self.articles = articles
        self.copies = copies
        self.register = register
        self.registered: dict[str, tuple[str, str]] = {}
        """Origins the register gave -> (``owner`` or ``state``, the owner's or the state's name)."""
        self.media: dict[int, str] = {}
        """Reading number -> the register's name of the outlet or medium whose origin it took."""
        self._state_countries = {
            _root(e.country): e.country for e in register.entries.values() if e.affiliation == "state" and e.country
        }
        names = {_asserter(r) for r in readings if asserter_key(_asserter(r)) not in _PLACEHOLDERS}
        self.canonical = _canonical_names(names)
        self.states = _state_roots(names)
        media = {
            _root(m.group(1))
            for r in readings
            if r.claim.get("asserter_kind") == "state_media"
            and (m := re.match(r"(?:the\s+)?([A-Z][\w-]+)(?:'s|’s|n\b|an\b|ian\b|ese\b)", _asserter(r)))
        }
        self.media_root = media.pop() if len(media) == 1 else None
        self.officials = _officials(articles.values())
        self.organisations = _organisations(articles.values())

    def resolve(self) -> list[str]:
        out: list[str] = []
        previous: dict[str, str] = {}
        for n, reading in enumerate(self.readings):
            origin = self._origin(n, reading, previous.get(reading.article_id))
            previous[reading.article_id] = origin
            out.append(origin)
        return self._fold_copies(out)

    def _origin(self, n: int, reading: ClaimReading, previous: str | None) -> str:
        claim = reading.claim
        name = _asserter(reading)
        kind = str(claim.get("asserter_kind") or "")
        key = asserter_key(name)
        if kind == "outlet":
            root = self.copies.root(reading.article_id, reading.start, reading.end)
            article = self.articles[root]
            entry = self.register.find(article.outlet, article.url) if self.register else None
            return self._registered(n, entry) or "outlet:" + root
        if key in _PLACEHOLDERS or key.startswith("unknown"):
            return previous or f"unknown:{reading.article_id}"
        registered = self._registered(n, self.register.find(name)) if self.register else None
        if registered is not None:
            return registered
        canonical = self.canonical.get(name, name)
        role = _ROLE_FOR.search(key)
        if role is not None:
            return "source:" + role.group(0)  # the office speaks, whoever holds it and however it is named
        state = self._state(canonical, kind)
        if state is not None:
            return "state:" + state
        folded = _ROLE_OF.sub("", asserter_key(canonical))
        if kind == "speaker" and not _ORG_WORDS.search(folded) and folded.count(" ") <= 2:
            surname = folded.split()[-1]
            if surname in self.officials:
                return "state:" + self.officials[surname]
            organisation = self.organisations.get(surname)
            if organisation is not None:
                # "the head of the State Border Guard, Erik Valdar": the Guard's voice, when the
                # story names the Guard as a source too
                spoken_for = self._organisation_origin(organisation)
                if spoken_for is not None:
                    return spoken_for
            return "person:" + surname
        return "source:" + folded

    def _organisation_origin(self, organisation: str) -> str | None:
        """The origin of the story's source that names ``organisation``, if the story has one."""
        known = next((n for n in sorted(self.canonical) if same_source(n, organisation)), None)
        if known is None:
            return None
        canonical = self.canonical[known]
        state = self._state(canonical, "speaker")
        if state is not None:
            return "state:" + state
        return "source:" + _ROLE_OF.sub("", asserter_key(canonical))

    def _state(self, name: str, kind: str) -> str | None:
        """The country a state voice speaks for: state media, government, ministries, military, the country itself."""
        lowered = fold_name(name)
        if lowered.startswith(("a ", "an ", "one ")):
            return None  # one unnamed official is a source of their own
        is_state = (
            kind == "state_media"
            or bool(_OFFICIAL.search(name))
            or (_root(name) in self.states and " " not in name.strip())
        )
        if not is_state:
            return None
        owner = re.match(r"(?:the\s+)?([A-Z][\w-]+)(?:'s|’s|n\b|an\b|ian\b|ese\b|i\b)", name)
        if owner:
            return self._country(_root(owner.group(1)))
        if " " not in name.strip() and name[:1].isupper():
            return self._country(_root(name))
        if kind == "state_media":
            return self.media_root or "state-media"
        return None

    def _registered(self, n: int, entry: OutletEntry | None) -> str | None:
        """The origin the register gives an outlet: its state's voice for state media, else its owner."""
        if entry is None:
            return None
        if entry.affiliation == "state" and entry.country:
            origin, why = "state:" + _root(entry.country), ("state", entry.country)
        else:
            parent = self.register.parent(entry)
            if parent is None:
                return None
            origin, why = "owner:" + fold_outlet(parent), ("owner", parent)
        self.registered[origin] = why
        self.media[n] = entry.name
        return origin

    def _country(self, root: str) -> str:
        """A country's root as the register spells the state ("chine" from "Chinese" -> "china"), when only
        one state of the register begins like it; else the root itself."""
        if root in self._state_countries:
            return root
        matches = [r for r in self._state_countries if r[:4] == root[:4]]
        return matches[0] if len(matches) == 1 else root

    def _fold_copies(self, origins: list[str]) -> list[str]:
        """Identical claims in copies of one article share one origin, however the copy names the source."""
        parent = {o: o for o in origins}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        by_text: dict[str, list[int]] = {}
        for n, reading in enumerate(self.readings):
            by_text.setdefault(" ".join(reading.text.lower().split()), []).append(n)
        for members in by_text.values():
            for i in members:
                for j in members:
                    if i < j and self.copies.related(self.readings[i], self.readings[j]):
                        ri, rj = find(origins[i]), find(origins[j])
                        if ri != rj:
                            keep, drop = sorted((ri, rj))
                            parent[drop] = keep
        return [find(o) for o in origins]


def _officials(articles: Iterable[ArticleClaims]) -> dict[str, str]:
    """Surnames of speakers whose quoted role makes them a state's voice ("Varnian President") -> country."""
    out: dict[str, str] = {}
    for article in articles:
        for quote in article.quotes:
            speaker = quote.get("speaker") or {}
            role, name = speaker.get("role"), speaker.get("name")
            if not isinstance(role, str) or not isinstance(name, str) or " " not in name.strip():
                continue
            m = _OFFICIAL_ROLE.match(role)
            if m:
                out[asserter_key(name).split()[-1]] = _root(m.group(1))
    return out


def _organisations(articles: Iterable[ArticleClaims]) -> dict[str, str]:
    """Surnames of named speakers quoted with their organisation ("Erik Valdar" of the State Border Guard) -> it."""
    out: dict[str, str] = {}
    for article in articles:
        for quote in article.quotes:
            speaker = quote.get("speaker") or {}
            org, name = speaker.get("org"), speaker.get("name")
            if (
                isinstance(org, str)
                and isinstance(name, str)
                and " " in name.strip()
                and speaker.get("kind") == "named"
            ):
                out.setdefault(asserter_key(name).split()[-1], org)
    return out


def _canonical_names(names: Iterable[str]) -> dict[str, str]:
    """Each name mapped to the longest name of the story that names the same source.

    The names that may name the same source (:func:`~crosswire.link.claims.keys.same_source`:
    equal folded keys, one the initials of the other, one ending with the other's words, a one-word
    name that opens a person's name) are looked up by key, initials, word suffixes and first word
    rather than tried against every longer name,
    which would cost the square of a large story's names.
    """
    ordered = sorted(names, key=lambda n: (-len(n), n))
    by_key: dict[str, list[int]] = {}
    by_initials: dict[str, list[int]] = {}
    by_suffix: dict[str, list[int]] = {}
    by_first: dict[str, list[int]] = {}
    out: dict[str, str] = {}
    for i, name in enumerate(ordered):
        key = asserter_key(name)
        found = name
        if key:
            words = key.split()
            suffixes = [" ".join(words[k:]) for k in range(1, len(words))]
            candidates = [
                *by_key.get(key, ()),
                *by_initials.get(key, ()),
                *by_key.get(initials(key), ()),
                *by_suffix.get(key, ()),
                *(j for suffix in suffixes for j in by_key.get(suffix, ())),
                *by_first.get(key, ()),
            ]
            found = next((ordered[j] for j in sorted(candidates) if same_source(ordered[j], name)), name)
            by_key.setdefault(key, []).append(i)
            if letters := initials(key):
                by_initials.setdefault(letters, []).append(i)
            for suffix in suffixes:
                by_suffix.setdefault(suffix, []).append(i)
            if suffixes:
                by_first.setdefault(words[0], []).append(i)
        out[name] = found
    return out


def _state_roots(names: Iterable[str]) -> set[str]:
    """Countries the story's state voices belong to ("Osterland's military" -> "oster")."""
    roots = set()
    for name in names:
        m = re.match(r"(?:the\s+)?([A-Z][\w-]+)(?:'s|’s)\s", name)
        if m:
            roots.add(_root(m.group(1)))
        m = re.match(r"(?:the\s+)?([A-Z][a-z]+(?:n|an|ian|ese))\s+(?:[A-Z]|state)", name)
        if m:
            roots.add(_root(m.group(1)))
    return roots


def _root(word: str) -> str:
    """A country's name and its adjective share their first five letters (Varnia, Varnian)."""
    return fold_name(word).split("'")[0][:5]


def _asserter(reading: ClaimReading) -> str:
    return str(reading.claim.get("asserter") or "")


# --- groups -----------------------------------------------------------------------------------


def _groups(
    readings: Sequence[ClaimReading], links: Sequence[ClaimLink], at: Mapping[tuple[str, int, int], int]
) -> list[list[int]]:
    parent = list(range(len(readings)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        if link.kind != "agrees":
            continue
        i, j = at.get(_key(link.a)), at.get(_key(link.b))
        if i is None or j is None or readings[i].factual != readings[j].factual:
            continue
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = {}
    for n in range(len(readings)):
        groups.setdefault(find(n), []).append(n)
    return list(groups.values())


def _against(
    readings: Sequence[ClaimReading],
    links: Sequence[ClaimLink],
    at: Mapping[tuple[str, int, int], int],
    group_of: Mapping[int, int],
) -> dict[int, dict[str, set[int]]]:
    """Per group, the claims outside it that dispute it or conflict with it."""
    out: dict[int, dict[str, set[int]]] = {}
    for link in links:
        i, j = at.get(_key(link.a)), at.get(_key(link.b))
        if i is None or j is None or group_of[i] == group_of[j]:
            continue
        if link.kind == "disputes":
            doubter, target = (i, j) if link.by == "a" else (j, i)
            out.setdefault(group_of[target], {}).setdefault("disputing", set()).add(doubter)
        elif link.kind == "conflicts":
            for mine, other in ((i, j), (j, i)):
                if link.reason == "modality" and not readings[mine].factual:
                    continue  # a threat is not contradicted by a report that the thing was done
                out.setdefault(group_of[mine], {}).setdefault("conflicting", set()).add(other)
    return out


def _updates(
    readings: Sequence[ClaimReading],
    articles: Mapping[str, ArticleClaims],
    links: Sequence[ClaimLink],
    at: Mapping[tuple[str, int, int], int],
    group_of: Mapping[int, int],
    origins: Sequence[str],
) -> dict[int, tuple[tuple[ClaimSource, ...], tuple[ClaimSource, ...]]]:
    """Per group, the earlier figures it updates and the later ones that update it (never a conflict).

    Each oldest first (then by article id and place in the text), whatever the order of ``links``,
    so a group assessed again after a new article gets the record it gets in one go.
    """

    def order(n: int) -> tuple[bool, str, int]:
        published = articles[readings[n].article_id].published
        return (published is None, str(published), n)

    found: dict[int, tuple[set[int], set[int]]] = {}
    for link in links:
        if link.kind != "updates":
            continue
        i, j = at.get(_key(link.a)), at.get(_key(link.b))
        if i is None or j is None or group_of[i] == group_of[j]:
            continue
        early, late = (j, i) if link.link.direction == "b_earlier" else (i, j)
        found.setdefault(group_of[late], (set(), set()))[0].add(early)
        found.setdefault(group_of[early], (set(), set()))[1].add(late)
    return {
        g: (
            _sources(readings, origins, sorted(before, key=order)),
            _sources(readings, origins, sorted(after, key=order)),
        )
        for g, (before, after) in found.items()
    }


# --- the record -------------------------------------------------------------------------------


def _assessment(
    story_id: str | None,
    readings: Sequence[ClaimReading],
    members: Sequence[int],
    origins: Sequence[str],
    against: Mapping[str, set[int]],
) -> ClaimAssessment:
    ordered = sorted(members, key=lambda n: (not readings[n].supports, readings[n].article_id, readings[n].start))
    lead = readings[ordered[0]]
    figures = Counter(f.key for n in members for f in readings[n].figures)
    thing: str | None = lead.object_head
    unit: str | None = None
    interval: Interval | None = None
    factor = 1.0
    if figures:
        top = figures.most_common(1)[0][0]
        chosen = [f for n in members for f in readings[n].figures if f.key == top]
        thing, unit, factor = chosen[0].thing, chosen[0].unit, chosen[0].factor
        interval = reconcile(f.interval for f in chosen)
    values = interval.as_dict(factor) if interval is not None else {"value": None, "low": None, "high": None}
    supporting = _sources(readings, origins, [n for n in ordered if readings[n].supports])
    if not supporting:
        supporting = _sources(readings, origins, ordered)
    disputing = _sources(readings, origins, sorted(against.get("disputing", ())))
    conflicting = _sources(readings, origins, sorted(against.get("conflicting", ())))
    independent = len({s.origin for s in supporting})
    folded = _folded(supporting)
    if conflicting:
        status = "contradicted"
    elif disputing:
        status = "disputed"
    elif independent >= 2:
        status = "corroborated"
    else:
        status = "single-source"
    key = f"{lead.event}|{thing}" if thing else (str(lead.claim.get("key")) if lead.claim.get("key") else lead.event)
    return ClaimAssessment(
        id=_ident(story_id, key, supporting[0]),
        story_id=story_id,
        key=key,
        thing=thing,
        label=_label(lead.text),
        value=values["value"],
        low=values["low"],
        high=values["high"],
        unit=unit,
        modality=lead.modality,
        supporting=supporting,
        disputing=disputing,
        conflicting=conflicting,
        independent=independent,
        status=status,
        folded=folded,
    )


def _folded(sources: Sequence[ClaimSource]) -> tuple[str, ...]:
    """The sources that several differently named mentions were folded into, in words."""
    names: dict[str, set[str]] = {}
    for source in sources:
        names.setdefault(source.origin, set()).add(source.asserter)
    return tuple(
        f"{', '.join(sorted(mentions))}: one source ({origin})"
        for origin, mentions in sorted(names.items())
        if len(mentions) > 1
    )


def _with_outlets(found: ClaimAssessment, articles: Mapping[str, ArticleClaims], resolver: _Origins) -> ClaimAssessment:
    """The assessment with how many outlets carry it, and why the register folded some into one origin."""
    outlets = {_outlet_name(articles.get(s.article_id), s.article_id) for s in found.supporting}
    notes = []
    at = {(r.article_id, r.start, r.end): n for n, r in enumerate(resolver.readings)}
    for origin in dict.fromkeys(s.origin for s in found.supporting):
        why = resolver.registered.get(origin)
        if why is None:
            continue
        spots = (at.get((s.article_id, s.start, s.end), -1) for s in found.supporting if s.origin == origin)
        names = sorted({resolver.media[n] for n in spots if n in resolver.media}, key=str.casefold)
        if len(names) < 2:
            continue
        listed = ", ".join(names[:-1]) + " and " + names[-1]
        notes.append(f"{listed}: state media of {why[1]}" if why[0] == "state" else f"{listed}: one owner, {why[1]}")
    return replace(found, outlets=len(outlets), notes=tuple(notes))


def _outlet_name(article: ArticleClaims | None, article_id: str) -> str:
    return (article.outlet if article is not None else None) or f"article {article_id[:8]}"


def _sources(
    readings: Sequence[ClaimReading], origins: Sequence[str], numbers: Iterable[int]
) -> tuple[ClaimSource, ...]:
    """The sources of these readings, once per evidence span (one clause may be read once per figure)."""
    found: dict[tuple[str, int, int], ClaimSource] = {}
    for n in numbers:
        source = _source(readings[n], origins[n])
        found.setdefault((source.article_id, source.start, source.end), source)
    return tuple(found.values())


def _source(reading: ClaimReading, origin: str) -> ClaimSource:
    corrected = tuple(
        {"correction": m.get("correction"), "kind": m.get("kind"), "by": m.get("by")}
        for m in reading.claim.get("corrected") or ()
    )
    return ClaimSource(
        reading.article_id, reading.start, reading.end, _asserter(reading) or "unknown", origin, corrected
    )


def _label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _LABEL_LIMIT else text[: _LABEL_LIMIT - 1].rstrip() + "…"


def _key(end: Any) -> tuple[str, int, int]:
    return (end.article_id, end.start, end.end)
