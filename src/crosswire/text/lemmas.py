"""Normal forms for grouping claims across articles: verb lemmas, event families, singular nouns.

Used by :mod:`crosswire.extract.claims.extractor` to build a claim's ``event``, ``thing`` and
``key``, and by :mod:`crosswire.link.claims.keys` to align claims across articles, so that
articles saying the same thing in different words group together (one lemma, one singular, one
table of verb families for both):

- :func:`lemma`: the dictionary form of a verb form ("moved", "moving", "moves" -> "move",
  "flew" -> "fly", "test-fired" -> "test-fire");
- :func:`event_of_noun`: the verb behind an event noun ("deployment" -> "deploy", "movement" ->
  "move", "launch" -> "launch", "shelling" -> "shell"), for claims whose event is named by a
  noun ("the deployment of launchers began on Sunday");
- :func:`family`: one name for verbs that report the same kind of event ("move", "send",
  "position" -> "deploy"; "launch", "shell", "strike" -> "fire"); a verb with several senses
  joins its family only when its clause names that sense ("missiles hit the depot" is firing,
  "prices hit a record" and "the storm hit" are not); the claim key uses it, ``event`` keeps
  the lemma, and claim alignment (:mod:`crosswire.link.claims.keys`) reads the family from
  the key;
- :func:`singular`: the singular of a plural noun ("launchers" -> "launcher", "batteries" ->
  "battery");
- :func:`stem`: a light stem for matching words rather than naming them ("moved", "movement",
  "moves" -> "mov"), the one stemmer of story features and of quote paraphrase matching.

Written by hand: English inflection for the closed vocabulary of news events is a few rules
and a table of irregular forms; a general lemmatiser (a model or a large dictionary) is far
over the time budget and would still need the event families below.
"""

from __future__ import annotations

import re

__all__ = ["event_of_noun", "family", "family_of", "lemma", "singular", "stem"]

# Irregular verb forms news uses most, mapped to their lemma.
_IRREGULAR = {
    "flew": "fly", "flown": "fly", "flies": "fly", "sent": "send", "fell": "fall", "fallen": "fall",
    "took": "take", "taken": "take", "began": "begin", "begun": "begin", "came": "come",
    "left": "leave", "held": "hold", "struck": "strike", "shot": "shoot", "hit": "hit",
    "made": "make", "said": "say", "told": "tell", "gave": "give", "given": "give", "went": "go",
    "gone": "go", "saw": "see", "seen": "see", "built": "build", "brought": "bring",
    "bought": "buy", "sold": "sell", "lost": "lose", "won": "win", "led": "lead", "met": "meet",
    "kept": "keep", "sank": "sink", "sunk": "sink", "rose": "rise", "risen": "rise",
    "stood": "stand", "spent": "spend", "found": "find", "thought": "think", "drove": "drive",
    "driven": "drive", "broke": "break", "broken": "break", "ran": "run", "put": "put",
    "set": "set", "cut": "cut", "quit": "quit", "spread": "spread", "fought": "fight",
    "caught": "catch", "heard": "hear", "wrote": "write", "written": "write", "knew": "know",
    "known": "know", "chose": "choose", "chosen": "choose", "blew": "blow", "blown": "blow",
    "slept": "sleep", "grew": "grow", "grown": "grow", "threw": "throw", "thrown": "throw",
    "has": "have", "had": "have", "is": "be", "are": "be", "was": "be", "were": "be",
    "been": "be", "being": "be", "am": "be", "'s": "be", "'re": "be", "did": "do", "does": "do",
    "done": "do", "got": "get", "shown": "show", "became": "become", "fled": "flee",
    "bled": "bleed", "swept": "sweep", "dealt": "deal", "meant": "mean", "paid": "pay",
    "laid": "lay", "withdrew": "withdraw", "withdrawn": "withdraw", "overtook": "overtake",
    "undertook": "undertake", "sought": "seek", "lay": "lie", "lain": "lie", "wo": "will",
    "ca": "can", "having": "have", "lit": "light", "used": "use", "owed": "owe", "aged": "age",
    "cost": "cost", "hurt": "hurt", "shut": "shut", "let": "let", "cast": "cast", "burst": "burst",
    "goes": "go",
}  # fmt: skip

# Stems whose -ed / -ing form doubles no consonant and drops no "e" the usual rules would guess.
_KEEP_STEM = frozenset(
    [
        "add",
        "visit",
        "limit",
        "credit",
        "edit",
        "exit",
        "audit",
        "deposit",
        "profit",
        "benefit",
        "target",
        "budget",
        "market",
        "pocket",
        "offer",
        "enter",
        "order",
        "murder",
        "gather",
        "render",
        "consider",
        "deliver",
        "discover",
        "cover",
        "recover",
        "answer",
        "happen",
        "open",
        "listen",
        "threaten",
        "strengthen",
        "widen",
        "tighten",
        "shorten",
        "weaken",
        "worsen",
    ]
)


_CACHE_LIMIT = 50_000
_LEMMAS: dict[str, str] = {}
_SINGULARS: dict[str, str] = {}


def lemma(word: str) -> str:
    """The dictionary form of an English verb form ("moved" -> "move", "carries" -> "carry")."""
    found = _LEMMAS.get(word)
    if found is None:
        if len(_LEMMAS) > _CACHE_LIMIT:
            _LEMMAS.clear()
        found = _LEMMAS[word] = _lemma(word)
    return found


def _lemma(word: str) -> str:
    w = word.lower().replace("’", "'")
    if "-" in w:  # "test-fired" -> "test-fire"
        head, _, last = w.rpartition("-")
        return f"{head}-{_lemma(last)}"
    found = _IRREGULAR.get(w)
    if found is not None:
        return found
    if w.endswith("ied") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("ed") and len(w) > 4:
        return _restore(w[:-2])
    if w.endswith("ing") and len(w) > 5:
        return _restore(w[:-3])
    if w.endswith(("ches", "shes", "sses", "xes", "zzes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


def _restore(stem: str) -> str:
    """Undo the spelling changes of -ed / -ing: "stopp" -> "stop", "mov" -> "move"."""
    if stem in _KEEP_STEM:
        return stem
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]
    if len(stem) > 5 and stem.endswith("ll") and stem[-3] in "aeiou" and stem[-4] not in "aeiou":
        return stem[:-1]  # British spelling: "travelled", "cancelled"
    if stem.endswith(("v", "c", "z", "u", "g")) and not stem.endswith(("ng", "gg")):
        return stem + "e"
    if stem.endswith("uat"):
        return stem + "e"  # "graduated", "evaluated"
    if len(stem) > 4 and stem.endswith("ng") and stem[-3] in "aeu":
        return stem + "e"  # "changed", "arranged", "plunged" (but "banged", "belonged")
    last2 = stem[-2:]
    if len(stem) >= 2 and (
        (last2[1] == "s" and last2[0] in "aeiou")
        or (last2 in ("at", "it") and len(stem) > 2 and stem[-3] not in "aeiou")
        or last2 in ("ur", "ir")
        or (last2 == "ar" and stem[-3:-2] != "e")
        or (len(stem) > 2 and stem[-1] not in "aeiouwxyrlnt" and stem[-2] in "aeiou" and stem[-3] not in "aeiou")
    ):
        if last2 == "it" and len(stem) > 4:
            return stem  # "visit", "limit", "credit"
        return stem + "e"
    return stem


# Event nouns and the verbs they name; regular -ment / -ion / -al / -ing nouns are derived.
_NOUN_VERBS = {
    "launch": "launch", "launches": "launch", "test": "test", "tests": "test", "attack": "attack",
    "attacks": "attack", "strike": "strike", "strikes": "strike", "visit": "visit",
    "withdrawal": "withdraw", "arrival": "arrive", "removal": "remove", "approval": "approve",
    "refusal": "refuse", "denial": "deny", "purchase": "buy", "purchases": "buy", "sale": "sell",
    "sales": "sell", "flight": "fly", "shipment": "ship", "shipments": "ship", "deployment": "deploy",
    "deployments": "deploy", "movement": "move", "movements": "move", "redeployment": "redeploy",
    "agreement": "agree", "investment": "invest", "payment": "pay", "announcement": "announce",
    "incursion": "incur", "invasion": "invade", "explosion": "explode", "collision": "collide",
    "decision": "decide", "expansion": "expand", "suspension": "suspend", "closure": "close",
    "evacuation": "evacuate", "mobilisation": "mobilise", "mobilization": "mobilize",
    "relocation": "relocate", "escalation": "escalate", "construction": "build",
    "production": "produce", "reduction": "reduce", "destruction": "destroy", "build-up": "build up",
    "buildup": "build up", "transfer": "transfer", "transfers": "transfer", "delivery": "deliver",
    "deliveries": "deliver", "crossing": "cross", "shelling": "shell", "bombing": "bomb",
    "firing": "fire", "killing": "kill", "killings": "kill", "fighting": "fight",
}  # fmt: skip


def event_of_noun(noun: str) -> str | None:
    """The verb an event noun names ("deployment" -> "deploy"), or ``None`` for other nouns."""
    return _NOUN_VERBS.get(noun.lower())


# Verbs that report the same kind of event, under one name (the first of each line): the one
# table for claim keys (crosswire.extract.claims) and claim alignment (crosswire.link.claims).
# Firing, shelling and striking are one kind of event ("guns fired 40 shells" / "shelled"), and
# leaving a garrison is moving ("launchers were moved" / "not one has left its garrison"); verbs
# of several senses join their family only in that sense (_SENSES below).
_FAMILIES = """
deploy move send position station transfer relocate redeploy dispatch mass bring build up shift roll leave
fire launch test-fire shoot attack shell bomb bombard strike hit open fire
injure wound hurt hospitalise hospitalize
kill die
fly travel cover
withdraw pull back pull out retreat
cross enter
buy purchase acquire order
build construct
form set up create establish raise
fund provide allocate set aside earmark invest spend cost budget pay
close shut shut down suspend halt
reinforce strengthen boost
test conduct
deny reject dismiss refute
threaten warn vow
"""
_FAMILY: dict[str, str] = {}
for _line in _FAMILIES.strip().split("\n"):
    _words = _line.split()
    # two-word verbs ("set up", "pull back", "open fire") are written as pairs after the family name
    _i = 1
    while _i < len(_words):
        _w = _words[_i]
        if _i + 1 < len(_words) and _words[_i + 1] in ("up", "back", "out", "down", "aside", "fire"):
            _w = f"{_w} {_words[_i + 1]}"
            _i += 1
        _FAMILY.setdefault(_w, _words[0])
        _i += 1
    _FAMILY.setdefault(_words[0], _words[0])


# Verbs of several senses, in their family only when the clause (lower case) names that sense:
# "hit", "strike", "attack" and "launch" are firing with a weapon or an armed force in the clause
# ("a missile hit the depot", "troops attacked the post") and not in "prices hit a record",
# "struck a deal", "attacked the legislation", "launched a campaign"; "leave" is moving when a
# place of troops is left ("has left its garrison"), not in "left Americans with savings" or
# "were left homeless"; "raise" is forming a unit, not raising prices; "cover" is flying a
# distance, not covering the news.
_ARMED = (
    r"missile|rocket|shell|shelling|drone|bomb|artillery|mortar|air ?strike|warplane|gunship|howitzer|"
    r"launcher|salvo|barrage|projectile|torpedo|gunfire|gunmen|gunman|troop|soldier|army|military|"
    r"militant|rebel|insurgent|fighter|garrison|observation post|battery|batteries|warship|navy"
)
_SENSES: dict[str, re.Pattern[str]] = {
    verb: re.compile(rf"\b(?:{words})(?:s|es)?\b")
    for verb, words in (
        ("hit", _ARMED),
        ("strike", _ARMED),
        ("attack", _ARMED),
        ("launch", _ARMED + "|attack|offensive|assault|raid|strike"),
        ("leave", r"garrison|base(?! rate)|barracks|port|harbou?r|airfield|airbase|depot|camp|position|border"),
        ("raise", r"battalion|brigade|regiment|militia|army|force|division|corps"),
        ("cover", r"km|kilomet(?:re|er)|mile|met(?:re|er)|nautical"),
    )
}


def family_of(verb: str, clause: str = "") -> str | None:
    """The family of a verb lemma or two-word verb ("shell" -> "fire", "set aside" -> "fund"), or
    ``None`` for a verb in no family; a verb of several senses ("hit", "leave") has its family
    only when ``clause`` (the words around it, any case) names that sense."""
    found = _FAMILY.get(verb)
    if found is not None:
        sense = _SENSES.get(verb)
        if sense is not None and sense.search(clause.lower()) is None:
            return None
    return found


def family(event: str, clause: str = "") -> str:
    """One name for verbs that report the same kind of event ("move" -> "deploy"); a verb of
    several senses is its own unless ``clause`` names the sense of its family ("hit" -> "fire"
    with "missiles hit the depot", "hit" with "prices hit a record")."""
    return family_of(event, clause) or event


_IRREGULAR_PLURALS = {
    "men": "man", "women": "woman", "children": "child", "people": "person", "feet": "foot",
    "mice": "mouse", "teeth": "tooth", "geese": "goose", "aircraft": "aircraft",
    "personnel": "personnel", "police": "police", "troops": "troop", "arms": "arms",
    "news": "news", "series": "series", "species": "species", "means": "means",
    "headquarters": "headquarters", "crossroads": "crossroads", "data": "data", "media": "media",
    "crises": "crisis", "analyses": "analysis", "kronor": "crown", "kroner": "crown", "lire": "lira",
}  # fmt: skip


def singular(noun: str) -> str:
    """The singular of a plural noun, in lower case and without a possessive ending ("launchers" ->
    "launcher", "people" -> "person", "Varnia's" -> "varnia"); other nouns unchanged ("arms",
    "police", "news")."""
    found = _SINGULARS.get(noun)
    if found is None:
        if len(_SINGULARS) > _CACHE_LIMIT:
            _SINGULARS.clear()
        found = _SINGULARS[noun] = _singular(noun)
    return found


def _singular(noun: str) -> str:
    noun = noun.lower().replace("’", "'")
    if noun.endswith("'s"):
        noun = noun[:-2]
    found = _IRREGULAR_PLURALS.get(noun)
    if found is not None:
        return found
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith(("ches", "shes", "sses", "xes", "zzes")):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is")) and len(noun) > 3:
        return noun[:-1]
    return noun


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """A light stem: lower case, possessive, plural, common verb endings and a final "e" folded.

    "move" ~ "moved" ~ "moves" ~ "movement" ~ "moving"; "planned" -> "plan", "hitting" -> "hit".
    """
    found = _STEMS.get(word)
    if found is None:
        if len(_STEMS) > _CACHE_LIMIT:
            _STEMS.clear()
        found = _STEMS[word] = _stem(word)
    return found


# Words of more than five letters ending in "ly" that are no adverbs: their "ly" stays, so that
# "supply" ~ "supplies" and "family" ~ "families".
_NOT_ADVERBS = frozenset(
    {"anomaly", "assembly", "butterfly", "comply", "duopoly", "dragonfly", "family", "firefly", "gadfly",
     "homily", "melancholy", "monopoly", "multiply", "oligopoly", "panoply", "resupply", "sicily", "supply",
     "underbelly"}
)  # fmt: skip

_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ments", ""), ("ment", ""), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    word = word.strip("'-")
    if len(word) <= 3:
        return word
    if word.endswith("ly") and len(word) > 5 and word not in _NOT_ADVERBS:
        # "reportedly" ~ "reported", "heavily" ~ "heavy"
        word = word[:-3] + "y" if word.endswith("ily") else word[:-2]
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= (4 if suffix.startswith("ment") else 3):
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            if suffix == "es" and not word.endswith(("ches", "shes", "sses", "xes", "zes")):
                continue
            base = word[: -len(suffix)] + replacement
            if suffix in ("ing", "ed") and len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "ls":
                base = base[:-1]  # "planned" -> "plan", "hitting" -> "hit"
            return base[:-1] if base.endswith("e") and len(base) >= 4 else base
    return word[:-1] if word.endswith("e") and len(word) >= 4 else word
