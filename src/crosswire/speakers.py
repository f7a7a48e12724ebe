"""Speakers of quotes: the noun phrase next to a cue verb, split into name, role and affiliation.

Used by :mod:`crosswire.quotes`. Works on word tokens with offsets, walking left from a cue
("Defence Minister Karl Vogt said", "Lee Sung-joon, spokesperson for the Joint Chiefs of Staff,
said") or right from it ("said Karl Vogt, the defence minister"). Written by hand: general
parsers are far too slow for the per-article budget, and news attribution uses a small, regular
set of noun-phrase shapes that a few word lists cover well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["Speaker", "Token", "parse_left", "parse_right", "tokenize", "wordset"]


def wordset(words: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(words.split())


Token = tuple[int, int, str]
"""A word or punctuation mark: ``(start, end, text)`` into the article text."""

_TOKEN = re.compile(r"[\w][\w.'’&-]*[\w]|[\w]|[^\w\s]")

PRONOUNS = wordset(
    """
    he she they it we i you who which
    """
)
_PERSON_PRONOUNS = wordset(
    """
    he she i
    """
)

# Words that open or close the gap between a speaker and its cue ("Vogt has repeatedly said").
_ADVERBS = wordset(
    """
    also later previously then recently has had have was were is are would will once repeatedly
    further again publicly privately earlier reportedly flatly simply just quickly bluntly angrily
    often frequently already still even never not had has since subsequently initially first finally
    separately yesterday today tonight candidly openly emphatically firmly proudly
    """
)

DETERMINERS = wordset(
    """
    the a an one two three four several some many other another this that these those its his her
    their
    """
)

# Role nouns: heads of descriptor speakers ("the spokesperson") and of appositives.
ROLE_WORDS = wordset(
    """
    spokesman spokeswoman spokesperson spokespeople spokesmen minister ministers official officials
    source sources president presidents prime chancellor secretary general commander chief head
    director ambassador envoy diplomat diplomats analyst analysts expert experts officer officers
    leader leaders governor senator representative mayor lawmaker lawmakers legislator adviser
    advisor advisers advisors aide aides candidate nominee chairman chairwoman chair member members
    researcher researchers professor economist economists strategist strategists consultant witness
    witnesses resident residents activist activists lawyer lawyers attorney prosecutor prosecutors
    judge police policeman soldier soldiers general colonel captain lieutenant major admiral
    sergeant king queen prince emir premier deputy vice manager executive ceo founder pollster
    campaign campaigns statement report agency ministry government military army army navy
    spokesperson's organizer organizers voter voters supporter supporters critic critics observer
    observers correspondent reporter journalist editor author authors scientist scientists doctor
    doctors negotiator negotiators mediator monitors monitor group people
    """
)

# Capitalised words that are titles, not names ("Defence Minister Karl Vogt", "Sen. Graham").
TITLES = wordset(
    """
    mr mr. mrs mrs. ms ms. dr dr. prof prof. sen sen. rep rep. gov gov. gen gen. lt lt. col col. maj
    maj. capt capt. adm adm. sgt sgt. president minister secretary senator governor representative
    congressman congresswoman mayor general colonel captain lieutenant major admiral sergeant
    commander chief spokesman spokeswoman spokesperson ambassador chancellor premier prime deputy
    vice director chairman chairwoman judge justice king queen prince princess sheikh pope cardinal
    bishop father sir lord lady dame professor doctor foreign defence defense interior finance
    health justice state former acting first
    """
)

_JOINERS = wordset(
    """
    of for de van von der bin al el la le da di du
    """
)
_ORG_PREPOSITIONS = wordset(
    """
    for of at with from in
    """
)
_STOP_CAPITALS = wordset(
    """
    The A An In On At But And Or So If When While After Before As Then That This It Yet Still
    """
)


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to.

    ``start``/``end`` is the mention in this quote's attribution ("Karl Vogt", "he", "the
    spokesperson"); ``name`` is the name it stands for (for a resolved pronoun or descriptor,
    the name from the earlier mention, whose span is ``antecedent``). ``kind`` is ``named``,
    ``pronoun``, ``descriptor`` (resolved to a named person) or ``unnamed``.
    """

    name: str
    start: int
    end: int
    role: str | None = None
    org: str | None = None
    kind: str = "named"
    antecedent: tuple[int, int] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "start": self.start,
            "end": self.end,
            "role": self.role,
            "org": self.org,
            "kind": self.kind,
            "antecedent": (
                {"start": self.antecedent[0], "end": self.antecedent[1]} if self.antecedent else None
            ),
        }


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Word and punctuation tokens of ``text[start:end]`` with article offsets."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _join(text: str, tokens: list[Token]) -> str:
    return text[tokens[0][0] : tokens[-1][1]] if tokens else ""


def parse_left(text: str, tokens: list[Token]) -> Speaker | None:
    """The speaker that ends the token list (the words just before a cue), or ``None``."""
    i = len(tokens) - 1
    while i >= 0 and tokens[i][2].lower() in _ADVERBS:
        i -= 1
    if i < 0:
        return None
    appositive: list[Token] = []
    if tokens[i][2] == ",":
        # "Lee Sung-joon, spokesperson for the Joint Chiefs of Staff, said"
        j = i - 1
        while j >= 0 and tokens[j][2] not in ",;:()" and i - j <= 16:
            j -= 1
        if j < 0 or tokens[j][2] != "," or j == i - 1:
            return None
        appositive = tokens[j + 1 : i]
        if appositive[0][2].lower() in ("who", "which", "whose", "when", "where"):
            appositive = []
        i = j - 1
        if i < 0:
            return None
    if tokens[i][2] == ")":  # "Sen. Bernie Sanders (I-Vt.) said"
        j = i - 1
        while j >= 0 and tokens[j][2] != "(" and i - j <= 8:
            j -= 1
        if j <= 0 or tokens[j][2] != "(":
            return None
        i = j - 1
    word = tokens[i][2]
    lower = word.lower()
    if lower in PRONOUNS:
        if lower in ("who", "which"):
            return None
        return Speaker(word, tokens[i][0], tokens[i][1], kind="pronoun")
    if _is_cap(word) and word not in _STOP_CAPITALS:
        j = i
        while j > 0:
            prev = tokens[j - 1][2]
            if (_is_cap(prev) and prev not in _STOP_CAPITALS) or (
                prev.lower() in _JOINERS and j > 1 and _is_cap(tokens[j - 2][2])
            ):
                j -= 1
            else:
                break
        phrase = tokens[j : i + 1]
        # lower-case role words before a name: "ministry spokesperson Anna Berg", "former Sen. X"
        k = j
        while k > 0 and tokens[k - 1][2].lower() in ROLE_WORDS | {"former", "senior", "deputy", "chief"}:
            k -= 1
        lead = tokens[k:j]
        if k > 0 and tokens[k - 1][2].lower() == "the" and not lead:
            lead = []  # "the Foreign Ministry": an organisation named with its article
        return _named(text, lead + phrase, appositive)
    if lower.replace("-", "").isalpha() and word.islower():
        return _descriptor_left(text, tokens, i, appositive)
    return None


def _descriptor_left(text: str, tokens: list[Token], i: int, appositive: list[Token]) -> Speaker | None:
    # "a spokesman for the ministry", "the minister", "officials", "a senior military source"
    j = i
    limit = max(0, i - 8)
    org_tokens: list[Token] = []
    while j > limit:
        prev = tokens[j - 1][2]
        low = prev.lower()
        if low in _ORG_PREPOSITIONS and not org_tokens and j - 1 > 0:
            org_tokens = tokens[j : i + 1]
            j -= 1
            continue
        if low in DETERMINERS:
            j -= 1
            break
        if prev.isalpha() and (prev.islower() or _is_cap(prev)) and low not in _ADVERBS:
            if prev.islower() and low in ("and", "or", "but", "that", "said", "says", "as", "to"):
                break
            j -= 1
            continue
        if prev.endswith(("'s", "’s")):
            j -= 1
            continue
        break
    phrase = tokens[j : i + 1]
    head_tokens = phrase[: len(phrase) - len(org_tokens) - 1] if org_tokens else phrase
    head_words = [t[2].lower() for t in head_tokens if t[2].lower() not in DETERMINERS]
    if not head_words:
        return None
    has_det = phrase[0][2].lower() in DETERMINERS
    if not has_det and head_words[-1] not in ROLE_WORDS:
        return None
    role = " ".join(w for w in head_words) or None
    org = _join(text, org_tokens) if org_tokens else None
    if appositive and not org:
        org = _join(text, appositive)
    kind = "descriptor" if phrase[0][2].lower() in ("the", "this", "that") else "unnamed"
    return Speaker(_join(text, phrase), phrase[0][0], phrase[-1][1], role=role, org=org, kind=kind)


def _named(text: str, phrase: list[Token], appositive: list[Token]) -> Speaker | None:
    """Split a capitalised phrase into role words and the name proper."""
    last_title = -1
    for n, tok in enumerate(phrase):
        if tok[2].lower() in TITLES or tok[2].lower() in ROLE_WORDS or tok[2].endswith(("'s", "’s")):
            last_title = n
    name = phrase[last_title + 1 :]
    lead = phrase[: last_title + 1]
    role: str | None = None
    org: str | None = None
    if lead:
        possessive = [n for n, t in enumerate(lead) if t[2].endswith(("'s", "’s"))]
        if possessive:
            p = possessive[-1]
            org = _join(text, lead[: p + 1])[:-2] or None
            lead = lead[p + 1 :]
        role = _join(text, lead) or None
    if appositive:
        a_role, a_org = split_role(text, appositive)
        role = role or a_role
        org = org or a_org
    if not name:
        if not lead:
            return None
        # "the Minister": a title without a name
        return Speaker(
            _join(text, phrase), phrase[0][0], phrase[-1][1], role=role, org=org, kind="descriptor"
        )
    return Speaker(_join(text, name), name[0][0], name[-1][1], role=role, org=org, kind="named")


def split_role(text: str, tokens: list[Token]) -> tuple[str | None, str | None]:
    """Role and affiliation of an appositive: "spokesperson for the Joint Chiefs" -> both parts."""
    words = [t for t in tokens if t[2].lower() not in DETERMINERS or t is not tokens[0]]
    for n, tok in enumerate(words):
        if tok[2].lower() in _ORG_PREPOSITIONS and 0 < n < len(words) - 1:
            org_tokens = words[n + 1 :]
            if org_tokens and org_tokens[0][2].lower() == "the":
                org_tokens = org_tokens[1:]
            return _join(text, words[:n]) or None, _join(text, org_tokens) or None
    possessive = [n for n, t in enumerate(words) if t[2].endswith(("'s", "’s"))]
    if possessive and possessive[-1] < len(words) - 1:
        p = possessive[-1]
        return _join(text, words[p + 1 :]) or None, _join(text, words[: p + 1])[:-2] or None
    return (_join(text, words) or None), None


def parse_right(text: str, tokens: list[Token]) -> Speaker | None:
    """The speaker that opens the token list (the words just after a cue), or ``None``."""
    if not tokens:
        return None
    word = tokens[0][2]
    lower = word.lower()
    if lower in PRONOUNS and lower not in ("who", "which", "it"):
        return Speaker(word, tokens[0][0], tokens[0][1], kind="pronoun")
    j = 0
    if _is_cap(word) or lower in DETERMINERS or lower in ROLE_WORDS:
        while j < len(tokens) and j < 10:
            w = tokens[j][2]
            if w in ',.;:!?"“”()' or (w.islower() and w not in DETERMINERS and w not in ROLE_WORDS):
                if w in _JOINERS and j + 1 < len(tokens) and _is_cap(tokens[j + 1][2]):
                    j += 1
                    continue
                if w in _ORG_PREPOSITIONS and j > 0:
                    j += 1
                    continue
                break
            j += 1
    phrase = tokens[:j]
    while phrase and (phrase[-1][2].lower() in _ORG_PREPOSITIONS or phrase[-1][2].lower() in DETERMINERS):
        phrase = phrase[:-1]
    if not phrase:
        return None
    appositive: list[Token] = []
    if j < len(tokens) and tokens[j][2] == ",":
        k = j + 1
        while k < len(tokens) and tokens[k][2] not in ',.;:"“”' and k - j <= 14:
            k += 1
        candidate = tokens[j + 1 : k]
        if candidate and (candidate[0][2].lower() in DETERMINERS or candidate[0][2].lower() in ROLE_WORDS):
            appositive = candidate
    if _is_cap(phrase[0][2]) and phrase[0][2] not in _STOP_CAPITALS:
        caps = []
        for tok in phrase:
            if tok[2].islower() and tok[2] not in _JOINERS:
                break
            caps.append(tok)
        while caps and caps[-1][2] in _JOINERS:
            caps.pop()
        return _named(text, caps, appositive) if caps else None
    # "said the spokesperson", "said a spokesman for the ministry"
    org_at = next((n for n, t in enumerate(phrase) if t[2].lower() in _ORG_PREPOSITIONS), None)
    head = phrase[:org_at] if org_at else phrase
    words = [t[2].lower() for t in head if t[2].lower() not in DETERMINERS]
    if not words or words[-1] not in ROLE_WORDS:
        return None
    org = _join(text, phrase[org_at + 1 :]) if org_at else None
    kind = "descriptor" if head[0][2].lower() in ("the", "this", "that") else "unnamed"
    return Speaker(_join(text, phrase), phrase[0][0], phrase[-1][1], role=" ".join(words), org=org, kind=kind)
