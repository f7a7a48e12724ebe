"""Speakers of quotes: the noun phrase next to a cue verb, split into name, role and affiliation.

Used by :mod:`crosswire.extract.quotes.extractor`. Works on word tokens with offsets, in three positions:

- left of a cue, nearest first: "Defence Minister Karl Vogt said", "the minister added";
- opening a clause: "Lee Sung-joon, spokesperson for the Joint Chiefs of Staff, said" — with an
  appositive or a relative clause between the subject and the cue, the subject is the first
  noun phrase of the clause, not the words just before the cue;
- right of a cue: "said Karl Vogt, the defence minister", "said a senior official, speaking on
  condition of anonymity", "added Osterland's deputy envoy, Ilse Brandt".

Written by hand: general parsers are far too slow for the per-article budget, and news
attribution uses a small, regular set of noun-phrase shapes that a few word lists cover well.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crosswire.text.tokens import Token, tokenize

__all__ = [
    "DETERMINERS",
    "ROLE_WORDS",
    "Speaker",
    "Token",
    "parse_left",
    "parse_right",
    "parse_subject",
    "split_role",
    "tokenize",
    "wordset",
]


def wordset(words: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(words.split())


PRONOUNS = wordset("he she they we i you")

# Words that sit between a speaker and its cue ("Vogt has repeatedly said").
_ADVERBS = wordset(
    """
    also later previously then recently has had have was were is are would will once repeatedly
    further again publicly privately earlier reportedly flatly simply just quickly bluntly angrily
    often frequently already still even never not since subsequently initially first finally
    separately yesterday today tonight candidly openly emphatically firmly proudly herself himself
    themselves itself only immediately quietly loudly sharply tersely forcefully told
    """
)

DETERMINERS = wordset(
    """
    the a an one two three four five several some many other another this that these those its
    his her their our your both each few
    """
)
_INDEFINITE = wordset(
    """
    a an one two three four five several some many another both each few other
    """
)

# Role nouns: heads of descriptor speakers ("the spokesperson") and of appositives.
ROLE_WORDS = wordset(
    """
    media newspaper broadcaster councillor councilor councilman councilwoman
    spokesman spokeswoman spokesperson spokespeople spokesmen minister ministers official officials
    source sources president presidents prime chancellor secretary general commander chief head
    director ambassador envoy diplomat diplomats analyst analysts expert experts officer officers
    leader leaders governor senator senators representative mayor lawmaker lawmakers legislator
    adviser advisor advisers advisors aide aides candidate nominee chairman chairwoman chair member
    members researcher researchers professor economist economists strategist strategists
    consultant witness witnesses resident residents activist activists lawyer lawyers attorney
    prosecutor prosecutors judge police policeman soldier soldiers colonel captain lieutenant
    major admiral sergeant king queen prince emir premier deputy vice manager executive ceo founder
    pollster campaign statement report agency ministry government military army navy organizer
    organizers voter voters supporter supporters critic critics observer observers correspondent
    reporter journalist editor author authors scientist scientists doctor doctors negotiator
    negotiators mediator monitors monitor group people person man woman congressman congresswoman
    operative operatives strategist insider insiders donor donors veteran veterans staffer staffers
    worker workers owner owners student students teacher teachers father mother son daughter wife
    husband friend friends historian historians commentator host anchor chairperson coordinator
    director president's candidate's secretary-general commissioner commissioners inspector
    investigator investigators sheriff trooper officer delegate delegates elector electors
    republican republicans democrat democrats conservative conservatives liberal liberals
    """
)

# Capitalised words that are titles, not names ("Defence Minister Karl Vogt", "Sen. Berg").
TITLES = wordset(
    """
    mr mr. mrs mrs. ms ms. dr dr. prof prof. sen sen. rep rep. gov gov. gen gen. lt lt. col col. maj
    maj. capt capt. adm adm. sgt sgt. rev rev. president minister secretary senator governor
    representative congressman congresswoman mayor general colonel captain lieutenant major admiral
    sergeant commander chief spokesman spokeswoman spokesperson ambassador chancellor premier prime
    deputy vice director chairman chairwoman judge justice king queen prince princess sheikh pope
    cardinal bishop father sir lord lady dame professor doctor foreign defence defense interior
    finance health state former acting first press attorney speaker leader whip candidate nominee
    rabbi pastor reverend chair executive officer
    """
)
# Abbreviated titles and the role word they stand for ("Sen. Berg" ... "the senator").
TITLE_ROLES = {
    "sen.": "senator",
    "sen": "senator",
    "rep.": "representative",
    "rep": "representative",
    "gov.": "governor",
    "gov": "governor",
    "gen.": "general",
    "gen": "general",
    "col.": "colonel",
    "lt.": "lieutenant",
    "capt.": "captain",
    "adm.": "admiral",
    "sgt.": "sergeant",
    "prof.": "professor",
    "dr.": "doctor",
    "rev.": "reverend",
    "pres.": "president",
}
HONORIFICS = wordset("mr mr. mrs mrs. ms ms. dr dr. sir dame")

_JOINERS = wordset("de van von der bin al el la le da di du del dos")
_ORG_PREPOSITIONS = wordset("for of at with from")
_DESCRIPTOR_PREPOSITIONS = _ORG_PREPOSITIONS | {"in", "on"}
_ORG_PREPOSITIONS_THE = _ORG_PREPOSITIONS | {"the"}
# Capitalised words that open sentences or clauses rather than names.
STOP_CAPITALS = wordset(
    """
    The A An In On At But And Or So If When While After Before As Then That This It Yet Still
    However Meanwhile Asked Speaking Later Earlier Also Now There Here Since During Although
    Though Because For From With Without Under Over By To Of Not No Yes Even Despite Instead
    According Indeed Last Next Both Many Most Some Other Another These Those What Who Why How
    Likewise Similarly Nonetheless Nevertheless Besides Furthermore Additionally Ultimately Finally
    Where Which His Her Their Our Its My Your We They He She I You Such Several Every Each All
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
    July August September October November December Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sept.
    Sep. Oct. Nov. Dec. Today Tonight Yesterday Mr Mrs Ms Dr
    """
)
# Words that end a speaker phrase after a cue ("said Vogt on Monday", "said Vogt, who ...").
_RIGHT_STOP = wordset(
    """
    who which that whose in on at during after before when while as about to because but and or
    said says told tells adding saying speaking referring noting explaining last this next
    yesterday today tonight earlier later afterwards afterward recently then also in an
    """
)
_RELATIVE = wordset("who which whose where when whom that")
_CONJUNCTIONS = wordset("and but or then")
_SUBORDINATORS = wordset("as when while after before because since until if though although where whereas once")
_OPENERS = wordset(
    """
    but and so yet still however meanwhile also then now instead indeed moreover later earlier
    asked separately privately publicly afterwards afterward likewise similarly nonetheless
    nevertheless besides furthermore additionally ultimately finally first second third
    """
)
_PREPOSITIONS = wordset(
    """
    in on at during after before since by from with without under over for of to as about against
    in speaking asked according following despite amid through into across
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
            "antecedent": ({"start": self.antecedent[0], "end": self.antecedent[1]} if self.antecedent else None),
        }


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _is_name_word(word: str) -> bool:
    """A capitalised word that can be part of a name (not a sentence opener, a day or a month)."""
    return word[:1].isupper() and word not in STOP_CAPITALS


def _join(text: str, tokens: list[Token]) -> str:
    return text[tokens[0][0] : tokens[-1][1]] if tokens else ""


_POSSESSIVE_ENDS = ("'s", "’s", "s'", "s’")


def _possessive(word: str) -> bool:
    return word.endswith(_POSSESSIVE_ENDS)


def _strip_possessive(text: str) -> str:
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text.rstrip("'’")


def _capital_run_end(tokens: list[Token], i: int) -> int:
    """Index of the first token of the run of name words ending at ``i`` (``i + 1`` if none)."""
    j = i + 1
    while j > 0:
        prev = tokens[j - 1][2]
        if (prev[:1].isupper() and prev not in STOP_CAPITALS) or (  # a name word (``_is_name_word``)
            prev.lower() in _JOINERS and j > 1 and _is_name_word(tokens[j - 2][2]) and j <= i
        ):
            j -= 1
        else:
            break
    return j


def parse_left(text: str, tokens: list[Token]) -> Speaker | None:
    """The speaker that ends the token list (the words just before a cue), or ``None``."""
    i = len(tokens) - 1
    while i >= 0 and tokens[i][2].lower() in _ADVERBS:
        i -= 1
    if i < 0:
        return None
    if tokens[i][2] == ",":
        return _subject_with_apposition(text, tokens[:i])
    if tokens[i][2] == ")":  # "Sen. Anna Berg (Dolmek) said"
        j = i - 1
        while j >= 0 and tokens[j][2] != "(" and i - j <= 8:
            j -= 1
        if j <= 0 or tokens[j][2] != "(":
            return None
        i = j - 1
    word = tokens[i][2]
    lower = word.lower()
    if lower in PRONOUNS:
        return Speaker(word, tokens[i][0], tokens[i][1], None, None, "pronoun")
    if lower in _CONJUNCTIONS:
        return None  # "Vogt smiled and said": the subject is further left
    if _is_name_word(word) or (lower in TITLES and _is_cap(word)):
        j = _capital_run_end(tokens, i)
        if j > 1 and tokens[j - 1][2].lower() in _ORG_PREPOSITIONS_THE:
            with_org = _with_org(text, tokens, j, i)
            if with_org is not None:
                return with_org
        # lower-case role words before a name: "ministry spokesperson Anna Berg", "former Sen. X"
        k = j
        while k > 0 and (tokens[k - 1][2].lower() in ROLE_WORDS or tokens[k - 1][2].lower() in _MODIFIERS):
            k -= 1
        while k < j and tokens[k][2].lower() in DETERMINERS:
            k += 1
        if k > 0 and tokens[k - 1][2].lower() in _INDEFINITE:
            # "a Dolmek Liberal", "one Vogt confidant": an unnamed source
            return _descriptor(text, tokens[k - 1 : i + 1], [])
        return _named(text, tokens[k : i + 1], [])
    if word.isalpha() and word.islower():
        return _descriptor_left(text, tokens, i)
    return None


def _with_org(text: str, tokens: list[Token], j: int, i: int) -> Speaker | None:
    """'Piet Haas of the University of Halvik said', 'the senator from Dolmek said'."""
    k = j
    while k > 0 and i - k < 14:
        prev = tokens[k - 1][2]
        if _is_cap(prev) or prev.lower() in ("of", "the", "and", "&", "for", "from", "at", "with"):
            k -= 1
        else:
            break
    p = next((n for n in range(k, j) if tokens[n][2].lower() in _ORG_PREPOSITIONS), None)
    if p is None:
        return None
    org = tokens[p + 1 : i + 1]
    if org and org[0][2].lower() == "the":
        org = org[1:]
    if p > k:
        head = parse_left(text, tokens[k:p])
        if head is None or head.kind != "named":
            return None
        return Speaker(head.name, head.start, head.end, head.role, head.org or _join(text, org) or None)
    if p == 0:
        return None
    head = _descriptor_left(text, tokens, p - 1)
    if head is None:
        return None
    end = tokens[i][1]
    return Speaker(text[head.start : end], head.start, end, head.role, _join(text, org) or None, head.kind)


# Lower-case words that modify a role before a name ("campaign manager", "senior adviser").
_MODIFIERS = wordset(
    """
    former senior deputy chief top longtime veteran acting assistant associate executive press
    campaign foreign defence defense state federal local national regional party white house
    election communications political policy legal military security intelligence
    """
)


def _descriptor_left(text: str, tokens: list[Token], i: int) -> Speaker | None:
    # "a spokesman for the ministry", "the minister", "officials", "a senior military source"
    j = i
    limit = max(0, i - 9)
    org_from: int | None = None
    while j > limit:
        prev = tokens[j - 1][2]
        low = prev.lower()
        if low in DETERMINERS:
            j -= 1
            if org_from is None and j > 1 and tokens[j - 1][2].lower() in _DESCRIPTOR_PREPOSITIONS:
                continue  # "a spokesman for the ministry": the organisation's article
            break
        if low in _DESCRIPTOR_PREPOSITIONS and org_from is None and j - 1 > 0:
            org_from = j
            j -= 1
            continue
        if prev.isalpha() or _possessive(prev) or "-" in prev:
            if prev.islower() and low in _ADVERBS_OR_STOPS:
                break
            if _is_cap(prev) and prev in STOP_CAPITALS:
                break
            j -= 1
            continue
        break
    phrase = tokens[j : i + 1]
    if j > 0 and phrase[0][2].lower() in DETERMINERS:
        prev = tokens[j - 1][2]
        low = prev.lower()
        if prev.isalpha() and low not in _CONJUNCTIONS and low not in _OPENERS and low not in _SUBORDINATORS:
            return None  # "gave a sharp retort": an object, not the subject
    head = phrase if org_from is None else tokens[j : org_from - 1]
    words = [t[2].lower() for t in head if t[2].lower() not in DETERMINERS]
    if not words:
        return None
    has_det = phrase[0][2].lower() in DETERMINERS
    if not has_det and words[-1] not in ROLE_WORDS:
        return None
    if org_from is None and head and words[-1] not in ROLE_WORDS and not has_det:
        return None
    return _descriptor(text, phrase, [])


_LEAD_WORDS = TITLES | ROLE_WORDS | _MODIFIERS  # words of the role part of a named phrase


_STOP_LOWER = wordset(
    """
    and or but that said says as to in on at by when while if because than so then was were is are
    has have had be been will would could should may might can did does do not also which who
    """
)


_ADVERBS_OR_STOPS = _ADVERBS | _STOP_LOWER


def _descriptor(text: str, phrase: list[Token], appositive: list[Token]) -> Speaker | None:
    """An unnamed or descriptive speaker: "a senior official", "the minister", "officials"."""
    if not phrase:
        return None
    org_at = None
    for n in range(1, len(phrase)):
        if phrase[n][2].lower() in _DESCRIPTOR_PREPOSITIONS:
            org_at = n
            break
    head = phrase[:org_at] if org_at else phrase
    org_tokens = phrase[org_at + 1 :] if org_at else []
    if org_tokens and org_tokens[0][2].lower() == "the":
        org_tokens = org_tokens[1:]
    words = [t for t in head if t[2].lower() not in DETERMINERS]
    org = _join(text, org_tokens) or None
    p = len(words) - 1
    while p >= 0 and not words[p][2].endswith(_POSSESSIVE_ENDS):
        p -= 1
    if 0 <= p < len(words) - 1:  # the last possessive, before the role: "Vogt's spokesperson"
        org = org or _strip_possessive(_join(text, words[: p + 1])) or None
        words = words[p + 1 :]
    role = " ".join([t[2] for t in words]).lower() or None
    if appositive and not org:
        a_role, a_org = split_role(text, appositive)
        org = a_org
        role = role or a_role
    first = phrase[0][2].lower()
    kind = "descriptor" if first in ("the", "this", "that") else "unnamed"
    return Speaker(_join(text, phrase), phrase[0][0], phrase[-1][1], role, org, kind)


_ORG_HEADS = wordset(
    """
    Staff Ministry Agency Office Council Command Committee Department Army Navy Police Service
    Government Court Commission Institute Group Bureau Guard Forces Parliament Cabinet Embassy
    Mission Secretariat Directorate Headquarters Authority Union Alliance Party Company
    """
)


def _named(text: str, phrase: list[Token], appositive: list[Token]) -> Speaker | None:
    """Split a phrase ending in a name into role words, affiliation and the name proper."""
    if phrase and phrase[-1][2] in _ORG_HEADS:
        # "Osterland's Joint Defence Staff said": an organisation speaks; its words are no titles.
        possessive = [n for n, t in enumerate(phrase) if _possessive(t[2])]
        start = possessive[-1] + 1 if possessive else 0
        body = [t for t in phrase[start:] if t[2].lower() != "the"]
        if body and all(_is_cap(t[2]) for t in body):
            owner = _strip_possessive(_join(text, phrase[:start])) if possessive else None
            return Speaker(_join(text, body), body[0][0], body[-1][1], None, owner or None, "named")
    # the last title, role or lower-case word: the name proper follows it
    last_title = len(phrase) - 1
    while last_title >= 0:
        word = phrase[last_title][2]
        if word.lower() in _LEAD_WORDS or word.endswith(_POSSESSIVE_ENDS) or word.islower():
            break
        last_title -= 1
    role: str | None = None
    org: str | None = None
    if last_title >= 0:
        lead = phrase[: last_title + 1]
        p = len(lead) - 1
        while p >= 0 and not lead[p][2].endswith(_POSSESSIVE_ENDS):
            p -= 1
        if p >= 0:  # the last possessive: "Osterland's defence minister Karl Vogt"
            org = _strip_possessive(_join(text, lead[: p + 1])) or None
            lead = lead[p + 1 :]
        lead = [t for t in lead if t[2].lower() not in HONORIFICS]  # "Mr.", "Ms." are no role
        role = _join(text, lead) or None
    if appositive:
        a_role, a_org = split_role(text, appositive)
        role = role or a_role
        org = org or a_org
    if last_title == len(phrase) - 1:  # no name
        if not phrase:
            return None
        # "the Minister": a title without a name
        return Speaker(_join(text, phrase), phrase[0][0], phrase[-1][1], role, org, "descriptor")
    start = phrase[last_title + 1][0]
    end = phrase[-1][1]
    return Speaker(text[start:end], start, end, role, org, "named")


def split_role(text: str, tokens: list[Token]) -> tuple[str | None, str | None]:
    """Role and affiliation of an appositive: "spokesperson for the Joint Chiefs" -> both parts."""
    words = list(tokens)
    while words and words[0][2].lower() in DETERMINERS:
        words = words[1:]
    for n, tok in enumerate(words):
        if tok[2].lower() in _ORG_PREPOSITIONS and 0 < n < len(words) - 1:
            org_tokens = words[n + 1 :]
            if org_tokens and org_tokens[0][2].lower() == "the":
                org_tokens = org_tokens[1:]
            role_words = words[:n]
            possessive = [k for k, t in enumerate(role_words) if _possessive(t[2])]
            if possessive:
                role_words = role_words[possessive[-1] + 1 :]
            return _join(text, role_words) or None, _join(text, org_tokens) or None
    possessive = [n for n, t in enumerate(words) if _possessive(t[2])]
    if possessive and possessive[-1] < len(words) - 1:
        p = possessive[-1]
        return _join(text, words[p + 1 :]) or None, _strip_possessive(_join(text, words[: p + 1])) or None
    return (_join(text, words) or None), None


def _looks_appositive(tokens: list[Token]) -> bool:
    """A comma group that describes a person: "the defence minister", "spokesperson for X", "30"."""
    if not tokens:
        return False
    first = tokens[0][2]
    low = first.lower()
    if low in _RELATIVE:
        return False
    return (
        low in DETERMINERS
        or low in ROLE_WORDS
        or low in _MODIFIERS
        or low in TITLES
        or _possessive(first)
        or first.isdigit()
        or (first.islower() and len(tokens) <= 8 and tokens[-1][2].lower() in ROLE_WORDS)
        or (_is_cap(first) and len(tokens) <= 6 and any(t[2].lower() in ROLE_WORDS for t in tokens))
    )


def _groups(tokens: list[Token]) -> list[list[Token]]:
    """Comma-separated groups of tokens (commas inside parentheses do not split)."""
    words = [tok[2] for tok in tokens]
    if "(" not in words and ")" not in words:
        # no parentheses: cut at every comma (list.index runs in C)
        cut: list[list[Token]] = []
        begin = 0
        try:
            while True:
                comma = words.index(",", begin)
                cut.append(tokens[begin:comma])
                begin = comma + 1
        except ValueError:
            cut.append(tokens[begin:])
        return cut
    groups: list[list[Token]] = [[]]
    depth = 0
    for tok in tokens:
        w = tok[2]
        if w == "(":
            depth += 1
        elif w == ")":
            depth = max(0, depth - 1)
        if w == "," and depth == 0:
            groups.append([])
        else:
            groups[-1].append(tok)
    return groups


def _subject_with_apposition(text: str, tokens: list[Token]) -> Speaker | None:
    """'Lee Sung-joon, spokesperson for the JCS,' / 'Piet Haas, who led the campaign,' ..."""
    groups = _groups(tokens)
    # walk left over the groups between the subject and the cue: appositives, relative clauses,
    # ages and places ("Piet Haas, 30, of Halvik, Osterland, who was polled, said")
    n = len(groups) - 1
    appositive: list[Token] = []
    while n > 0:
        group = groups[n]
        if not group:
            return None
        first = group[0][2].lower()
        looks_appositive = first not in _RELATIVE and _looks_appositive(group)
        if first in _RELATIVE or looks_appositive or first in _PREPOSITIONS or _is_place(group):
            if looks_appositive:
                appositive = group
            n -= 1
            if len(groups) - n > 5:
                return None
            continue
        break
    if n == len(groups) - 1:
        return None
    speaker = _nearest_np(text, groups[n])
    if speaker is None:
        return None
    lead = [t for t in groups[n] if t[1] <= speaker.start]
    if lead and not all(
        t[2].lower() in _OPENERS
        or _is_cap(t[2])
        or t[2].lower() in ROLE_WORDS
        or t[2].lower() in _MODIFIERS
        or t[2].lower() in DETERMINERS
        for t in lead
    ):
        return None  # "Reached by VCNA, ...": the noun phrase must open its group
    if appositive:
        a_role, a_org = split_role(text, appositive)
        if speaker.kind == "named" or speaker.kind == "pronoun":
            return Speaker(
                speaker.name,
                speaker.start,
                speaker.end,
                speaker.role or a_role,
                speaker.org or a_org,
                speaker.kind,
            )
    return speaker


def _is_place(group: list[Token]) -> bool:
    """A short capitalised group after a comma: a place ("Osterland", "N.O.") in "X, of Y, Z,"."""
    return 0 < len(group) <= 3 and all(_is_cap(t[2]) or t[2] in ".-" for t in group)


def _nearest_np(text: str, tokens: list[Token]) -> Speaker | None:
    """The noun phrase ending ``tokens`` (no appositive handling)."""
    if not tokens:
        return None
    if tokens[-1][2] == ",":
        return None
    return parse_left(text, tokens)


def parse_subject(text: str, tokens: list[Token]) -> Speaker | None:
    """The subject opening a clause: "Vogt shook his head", "As Vogt put it", "The minister, ...".

    Skips an opening conjunction or adverb ("But", "However,", "As") and returns the noun phrase
    that follows, with an appositive when one is set off by commas.
    """
    k = 0
    while k < len(tokens) and k < 4 and (tokens[k][2].lower() in _OPENERS or tokens[k][2] in ",—–\"“”‘’'"):
        k += 1
    if k < len(tokens) and tokens[k][2].lower() == "as":
        k += 1
    tokens = tokens[k:]
    if not tokens:
        return None
    n = 0
    limit = min(len(tokens), 12)
    first = tokens[0][2]
    low = first.lower()
    if low in PRONOUNS:
        return Speaker(first, tokens[0][0], tokens[0][1], None, None, "pronoun")
    if low in DETERMINERS or low in _MODIFIERS or low in ROLE_WORDS or _is_cap(first):
        while n < limit:
            w = tokens[n][2]
            wl = w.lower()
            takes = (
                (_is_cap(w) and (n == 0 or w not in STOP_CAPITALS))
                or (wl in DETERMINERS and n == 0)
                or wl in ROLE_WORDS
                or wl in _MODIFIERS
                or wl in _JOINERS
                or _possessive(w)
                or (w in ".-" and n > 0)
                or (wl in ("of", "for") and n > 0 and n + 1 < limit and _is_cap(tokens[n + 1][2]))
                or (  # "Former Liberal presidential candidate Piet Haas"
                    w.isalpha()
                    and n + 1 < limit
                    and (tokens[n + 1][2].lower() in ROLE_WORDS or tokens[n + 1][2].lower() in _MODIFIERS)
                )
            )
            if not takes:
                break
            n += 1
    if n == 0:
        return None
    phrase = tokens[:n]
    if phrase[0][2] in STOP_CAPITALS and phrase[0][2].lower() not in DETERMINERS:
        return None
    if n < len(tokens) and tokens[n][2] == ",":
        rest = tokens[n + 1 :]
        close = next((m for m, t in enumerate(rest) if t[2] == ","), None)
        appositive = rest[:close] if close is not None else []
        if appositive and _looks_appositive(appositive):
            return _phrase_speaker(text, phrase, appositive)
    return _phrase_speaker(text, phrase, [])


def _phrase_speaker(text: str, phrase: list[Token], appositive: list[Token]) -> Speaker | None:
    """A speaker from a whole noun phrase: named when it ends in a name, else a descriptor."""
    while phrase and (phrase[-1][2].lower() in _ORG_PREPOSITIONS or phrase[-1][2].lower() in DETERMINERS):
        phrase = phrase[:-1]
    if not phrase:
        return None
    first = phrase[0][2].lower()
    if first in _INDEFINITE:
        return _descriptor(text, phrase, appositive)
    org_at = next(
        (n for n, t in enumerate(phrase) if n > 0 and t[2].lower() in ("of", "for", "at", "from", "with")),
        None,
    )
    head = phrase[:org_at] if org_at is not None else phrase
    org_tokens = phrase[org_at + 1 :] if org_at is not None else []
    if (head and _is_name_word(head[-1][2])) or (head and head[-1][2].endswith(".") and _is_cap(head[-1][2])):
        start = 1 if head[0][2].lower() in DETERMINERS else 0
        speaker = _named(text, head[start:], appositive)
        if speaker is not None and org_tokens and speaker.org is None and speaker.kind == "named":
            if org_tokens[0][2].lower() == "the":
                org_tokens = org_tokens[1:]
            return Speaker(
                speaker.name,
                speaker.start,
                speaker.end,
                speaker.role,
                _join(text, org_tokens) or None,
                "named",
            )
        return speaker
    words = [t[2].lower() for t in head if t[2].lower() not in DETERMINERS]
    if not words:
        return None
    if first not in DETERMINERS and words[-1] not in ROLE_WORDS:
        return None
    return _descriptor(text, phrase, appositive)


def parse_right(text: str, tokens: list[Token], *, strong: bool = False) -> Speaker | None:
    """The speaker that opens the token list (the words just after a cue), or ``None``.

    ``strong``: the cue directly follows a quotation ('"...," said a party veteran'), where any
    noun phrase after it is the speaker, not only one headed by a known role word.
    """
    if not tokens:
        return None
    word = tokens[0][2]
    lower = word.lower()
    if lower in PRONOUNS:
        return Speaker(word, tokens[0][0], tokens[0][1], None, None, "pronoun")
    j = 0
    while j < len(tokens) and j < 12:
        w = tokens[j][2]
        wl = w.lower()
        if not (w[0].isalnum() or w in "-&"):
            break
        if wl in _RIGHT_STOP and w.islower():
            if j == 0:
                return None
            break
        if j == 0 and not (
            _is_cap(w) or wl in DETERMINERS or wl in ROLE_WORDS or wl in _MODIFIERS or (strong and w.isalpha())
        ):
            return None
        j += 1
    phrase = tokens[:j]
    if not phrase:
        return None
    appositive: list[Token] = []
    if j < len(tokens) and tokens[j][2] == ",":
        k = j + 1
        while k < len(tokens) and tokens[k][2] not in ',.;:"“”()' and k - j <= 14:
            k += 1
        candidate = tokens[j + 1 : k]
        if candidate and _looks_appositive(candidate):
            appositive = candidate
        elif (
            candidate
            and all(_is_name_word(t[2]) or t[2] in ".-" or t[2].lower() in _JOINERS for t in candidate)
            and len(candidate) <= 4
            and not any(_is_name_word(t[2]) and not _possessive(t[2]) for t in phrase)
            and phrase[0][2].lower() not in _INDEFINITE
        ):
            # "said Osterland's deputy envoy, Ilse Brandt": the name follows its description
            described = _phrase_speaker(text, phrase, [])
            named = _named(text, candidate, [])
            if named is not None and described is not None:
                return Speaker(
                    named.name,
                    named.start,
                    named.end,
                    described.role,
                    described.org,
                    "named",
                )
    speaker = _phrase_speaker(text, phrase, appositive)
    if speaker is None and strong and phrase[0][2].lower() in DETERMINERS:
        return _descriptor(text, phrase, appositive)
    return speaker
