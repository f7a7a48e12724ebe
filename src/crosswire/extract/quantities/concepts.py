"""What a quantity is about: the concept a number refers to, found without a parser.

The extractor tokenises a bounded window on each side of a quantity once (:func:`windows`);
:func:`measured` then finds the noun phrase a measure directly applies to (after it), and
:func:`referred` the one the quantity is said of (before it, within its sentence), following
NewsQuant's notion of a quantity's "referred concept":

1. a measure followed by ``of`` + noun phrase: "60 per cent of its revenue" -> "revenue";
2. a measure used as a modifier: "a 25% tax", "a 6kW electric motor", "$1bn in gains";
3. the noun phrase right before ``of``/``worth``/``(`` + the quantity: "a fine of $5m" -> "fine",
   "a grant worth $8m" -> "grant", "Gant (0.5 WAR)" -> "Gant";
4. otherwise the subject of the clause: the noun phrase before the nearest verb to the left
   ("Nvidia advanced 8%" -> "Nvidia", "OHSU has performed more than 700 transplants" ->
   "OHSU", "Ford, which has 13,000 workers" -> "Ford"); a quantity with no verb before it in
   its sentence is itself the subject, and has no concept ("Dozens of people were hurt").

For a count ("13,000 workers") the counted noun is the quantity's thing, not its concept, so
rules 1 and 2 apply to measures only.

Written by hand: a dependency parser would find the subject more reliably, but no parser fits
the per-article budget (a few microseconds per quantity); these rules read a bounded window of
tokens on each side with one compiled regular expression and set lookups.
"""

from __future__ import annotations

from functools import lru_cache

from crosswire.text.document import Document

__all__ = ["Window", "measured", "offsets", "referred", "windows"]


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Tokens are white-space separated words, with these marks split off as tokens of their own
# (and "." or "," when a space follows: "U.S." and "1,200" stay whole).
_MARKS = '();:!?"“”[]'
_WINDOW_BEFORE = 120
_WINDOW_AFTER = 60

_DETERMINERS = _set("a an the its his her their our your my this that these those some any each every")
_FUNCTION = _set(
    """a an the this that these those which who whom whose what when where while than as at by
    for from in into of off on onto out over to under up down with without within and or but nor
    yet if because since until after before during between among against across through his her
    its their our my your he she it they we you i them him us me there here not no each apiece
    ago also already now then so still too very just only about around per some such other
    another same own every any many much more most less least few both either neither all
    including versus vs via like unlike despite amid along beyond toward towards upon whether
    how why abroad overseas worldwide nationwide annually home -"""
)
_PRONOUNS = _set("it he she they we i you there")
_ARTICLES = _set("a an the its his her their our your my")
# Verbs of saying and thinking: "the company said it has 1,000 customers" -> "company".
_REPORTING = _set(
    """said says say told tells thinks think believes believe expects expect estimates estimate
    announced announces reported reports added adds warned warns claimed claims that"""
)
# Verb forms that end a noun phrase read forwards ("a 5% pay rise" keeps "rise").
_PAST = _set(
    """rose fell grew said told made took gave got went came ran won lost paid sold bought held
    sent built spent hit cut set put left led saw shed sank slid"""
)
_RELATIVES = _set("which who that")
_AUXILIARIES = _set(
    """is are was were be been being am has have had having will would can could may might shall
    should must do does did 's ’s"""
)
_ADVERBS = _set(
    """also now already just still only even then again yet reportedly currently recently
    previously initially officially finally last first today yesterday tonight not never
    typically usually roughly nearly almost about around approximately some barely slightly
    marginally sharply nearly"""
)
_PIVOTS = _set("up down higher lower +")
_SUBORDINATORS = _set("if when whenever while although though because unless whereas after before since")
# Words after a measure that describe it rather than name what it measures: "90 miles wide".
_PREDICATES = _set(
    """wide long tall high deep thick old away apart higher lower early earlier later next last
    more less fewer ahead behind below above short heavy up down ago each apiece overall combined
    alone annually apiece per cent percent off back"""
)
_TEMPORAL = _set(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight
    morning afternoon evening night week month year quarter weekend decade january february
    march april may june july august september october november december"""
)
_AMOUNTS = _set(
    """one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred thousand million billion dozen dozens hundreds thousands millions billions several
    few couple"""
)
_NOT_ADVERBS = _set(
    """supply family rally assembly monopoly anomaly ally belly reply italy july daily weekly monthly
    quarterly yearly early holy jelly fly sly apply comply multiply butterfly lily"""
)
_NOT_VERBS_ED = _set(
    """red bed need speed seed hundred united limited based red shed feed breed deed weed
    embed bred sled shred naked sacred wicked beloved alleged aged ragged rugged wretched
    advanced detailed skilled talented"""
)
# Verbs in news about figures, in the forms that are rarely nouns (no "shares", "sales", "costs").
_VERBS = _set(
    """say says said tell told report reported reports announce announced announces expect
    expected expects estimate estimated estimates showed shown rise rises rose
    risen rising fall falls fell fallen falling jump jumped jumps jumping gain gained gains
    gaining climb climbed climbs climbing slide slid slides sliding drop dropped drops dropping
    lose lost loses losing add added adds adding advance advanced advances plunge plunged
    plunges plummet plummeted plummeting surge surged surges soar soared soars tumble tumbled
    tumbles sink sank sinks slump slumped slip slipped slips ease eased eases edge edged edges
    decline declined declines grow grew grows grown growing shrink shrank shrinks increase
    increased increases increasing decrease decreased decreases reach reached reaches hit hits
    stand stood stands end ended ends finish finished close closed closes trade traded trades
    cost costs total totalled totaled totals amount amounted amounts measure measured measures
    weigh weighed weighs top topped tops spike spiked dip dipped dips shed sheds sell sold
    sells buy bought buys pay paid pays raise raised raises value valued values earn earned
    earns make made makes take took takes taken get got gets give gave gives given have has
    had hold held holds employ employed employs hire hired hires cut cuts lay laid lays kill
    killed kills injure injured wound wounded arrest arrested deploy deployed deploys send sent
    sends launch launched launches fire fired fires score scored scores win won wins beat
    scored deliver delivered delivers produce produced produces build built builds create
    created creates spend spent spends invest invested invests borrow borrowed owe owed owes
    generate generated generates post posted posts record recorded forecast forecasts
    predicted predicts plan planned plans offer offered offers provide provided provides
    receive received receives acquire acquired acquires own owned owns contain contained
    contains include included includes cover covered covers host hosted hosts serve served
    serves carry carried carries need needs use used uses require required requires see saw
    seen sees claim claimed claims lead led leads account accounted accounts represent
    represented represents average averaged averages fetch fetched comes came come go went
    goes gone run ran runs remain remained remains become became becomes seem seemed seems
    look looked looks feature featured features boast boasted boasts offer exceed exceeded
    exceeds surpass surpassed top approve approved approves vote voted votes perform performed
    performs complete completed completes repair repaired repairs procure procured study
    studied studies face faced faces sign signed signs join joined joins range ranged want
    wants"""
)
# Verb forms in -s that are never a plural noun, so no modifier before them makes them one
# ("profit includes gains", "Varnia wants lower rates"; but "price increases", "job cuts").
_NEVER_NOUNS = _set(
    """says tells expects announces adds includes contains wants needs requires seems becomes
    goes comes owns owes employs hires receives provides gives takes makes gets has does"""
)


@lru_cache(maxsize=1 << 16)  # asked again and again of the same words in every window
def _is_verb(word: str) -> bool:
    """True when ``word`` reads as a verb."""
    lower = word.lower()
    if lower in _VERBS or lower in _AUXILIARIES:
        return True
    if word[0].isupper():
        return False
    if len(lower) > 4 and lower.endswith("ed") and lower not in _NOT_VERBS_ED:
        return True
    return len(lower) > 5 and lower.endswith("ing") and lower not in ("building", "funding", "spending")


@lru_cache(maxsize=1 << 16)
def _is_content(word: str) -> bool:
    """A word that may be part of a noun phrase."""
    lower = word.lower()
    first = word[0]
    if not first.isalpha() and not (first.isdigit() and any(c.isalpha() for c in word)):
        return False  # words, and digits with letters ("5G", "A2"); not "7%" or "$84"
    if (lower in _FUNCTION or lower in _AUXILIARIES) and not (word.isupper() and len(word) > 1):
        return False  # "US", "IT" are names
    return not (lower.endswith("ly") and first.islower() and lower not in _NOT_ADVERBS)


def _nonfinite(lower: str) -> bool:
    return lower == "having" or (lower.endswith("ing") and len(lower) > 5)


_LINKS = _set("of in for on at to from")
_BEFORE_PREPOSITIONS = _set("from to by at than between of and or with")
_LINKS_OR_DETERMINERS = _LINKS | _DETERMINERS


def _link_before(words: list[str], lows: list[str], j: int) -> int:
    """Index of the content word before the preposition at ``j`` ("price of the X"), or -1."""
    m = j - 1
    while m >= 0 and lows[m] in _DETERMINERS:
        m -= 1
    if m < 0 or not _is_content(words[m]) or _is_verb(words[m]):
        return -1
    return m


def _noun_phrase_back(words: list[str], lows: list[str], k: int) -> tuple[int, int] | None:
    """The noun phrase ending at token ``k`` (walking left), as (first, last) token indexes."""
    if k >= 1 and lows[k].isdigit() and len(lows[k]) == 4 and lows[k - 1] in ("in", "since"):
        k -= 2  # "China's economy in 2022 grew": the year is no part of the concept
    elif k >= 1 and lows[k].isdigit() and _is_content(words[k - 1]):
        pass  # "the S&P 500 is", "Boeing 737"
    first = last = -1
    names = False
    j = k
    size = 0
    while j >= 0 and size < 7:
        word = words[j]
        lower = lows[j]
        if first >= 0 and lower in _LINKS_OR_DETERMINERS:
            m = j
            while m >= 0 and lows[m] in _DETERMINERS:
                m -= 1
            if m < 0 or lows[m] not in _LINKS:
                break
            if lows[m] == "to" and (m < j or not words[j + 1][0].isupper()):
                break  # "exports to China", but not "access to the information"
            m = _link_before(words, lows, m)
            if m < 0:
                break
            j = m
            names = False
            continue
        if word == ")":  # skip a parenthesis: "Ford (F)"
            m = j - 1
            while m > 0 and m > j - 6 and words[m] != "(":
                m -= 1
            if m <= 0 or words[m] != "(":
                break
            j = m - 1
            continue
        if j == k and lower.isdigit() and j > 0 and _is_content(words[j - 1]):
            last = first = j
            j -= 1
            continue
        if not _is_content(word):
            break
        if _is_verb(word):
            if first >= 0 or lower.endswith(("ed", "ing")) or lower in _AUXILIARIES or j == 0:
                break
            if lower in _NEVER_NOUNS or (lows[j - 1] not in _DETERMINERS and not _is_content(words[j - 1])):
                break  # a verb unless after a determiner or a modifier: "a run of", "price increases"
        if first >= 0 and lower in _TEMPORAL and words[j + 1][0].isupper():
            break
        if word[0].isupper():
            names = True
        elif names and word[0].isalpha():
            break  # a lower-case word left of a name: "season Chris Wood"
        if first < 0:
            last = j
        first = j
        size += 1
        j -= 1
    if first < 0:
        return None
    while first <= last and not words[first][0].isalpha():
        first += 1  # a number is a modifier, never the phrase's start: "2018 sales" keeps "sales"
    if first > last or lows[first] in _AMOUNTS:
        return None  # "Dozens of people were hurt at two sites": a quantity is no concept
    return first, last


def _noun_phrase_forward(words: list[str], lows: list[str], k: int) -> tuple[int, int] | None:
    """The noun phrase starting at token ``k``: content words, at most four."""
    while k < len(words) and lows[k] in _DETERMINERS:
        k += 1
    last = -1
    j = k
    while j < len(words) and j < k + 4:
        word = words[j]
        lower = lows[j]
        if not _is_content(word) or lower in _TEMPORAL or lower in _PREDICATES:
            break
        if j > k and (lower in _AUXILIARIES or lower in _PAST or lower.endswith(("ed", "ing"))):
            break
        last = j
        j += 1
    return (k, last) if last >= k else None


def _object(words: list[str], lows: list[str], i: int) -> tuple[int, int] | None:
    """The object between the verb at ``i`` and the quantity: "pulled the sector 0.7% lower",
    "boost the range by 35 miles", "grow sales by 35%"."""
    j = i + 1
    end = len(words) - 1
    if j <= end and lows[j] in ("up", "down", "back", "out", "off"):
        j += 1
    followed = lows[end] in ("by", "to")
    if followed:
        end -= 1
    has_determiner = j <= end and lows[j] in _DETERMINERS
    if not (followed or has_determiner) or j > end or (not followed and lows[j] in ("a", "an")):
        return None  # "included an additional 15 miles": the quantity's own determiner
    phrase = _noun_phrase_forward(words, lows, j)
    if phrase is None or phrase[1] != end or words[phrase[0]][0].isupper():
        return None  # not "the first quarter ended December to $84bn"
    return phrase


def _subject(words: list[str], lows: list[str]) -> tuple[int, int] | None:
    """What the quantity ending the tokens is said of: the subject of its clause (the noun
    phrase before the nearest verb), or an object between that verb and the quantity."""
    i = len(words) - 1
    attempts = 0
    while i >= 0 and attempts < 4:
        # left to the nearest verb (or "up"/"down" after a name), within the sentence
        while i >= 0:
            lower = lows[i]
            if lower in _SCAN_WORDS:
                if lower in _SENTENCE_MARKS:
                    return None
                if lower in _SUBORDINATORS and not (i + 1 < len(lows) and _nonfinite(lows[i + 1])):
                    return None  # "If growth turns down they would add ten users": another clause
            if (lower in _PIVOTS or _is_verb(words[i])) and (i == 0 or lows[i - 1] not in _ARTICLES):
                break
            i -= 1
        if i < 0:
            return None
        attempts += 1
        if attempts == 1:
            found = _object(words, lows, i)
            if found is not None:
                return found
        # over the verb chain: auxiliaries, adverbs, "not"
        nonfinite = _nonfinite(lows[i])
        j = i - 1
        while j >= 0:
            lower = lows[j]
            if lower in _AUXILIARIES or lower in _ADVERBS or lower.endswith(("n't", "n’t")):
                if lower in _AUXILIARIES:  # "is trending" is finite, "having risen" is not
                    nonfinite = lower == "having"
                j -= 1
            elif lower.endswith("ly") and words[j][0].islower() and lower not in _NOT_ADVERBS:
                j -= 1
            else:
                break
        if j < 0:
            return None
        if nonfinite:  # "after plummeting 65%", "having increased by $43bn": the main clause's
            i = j
            continue
        if lows[j] in _TEMPORAL and words[j][0].isupper() and j >= 2:  # "Dell on Monday announced"
            j -= 2 if lows[j - 1] in ("on", "in", "last", "this") else 1
        if lows[j] in _RELATIVES and j > 0:  # "Ford, which has ...": the noun before "which"
            j -= 1
            if words[j] == "," and j > 0:
                j -= 1
        elif words[j] == "," and j > 0:
            j = _before_comma(words, lows, j)
            if j < 0:
                i -= 1
                continue
        if lows[j] in _PRONOUNS:  # "the company said it has": past a verb of saying only
            if j == 0 or lows[j - 1] not in _REPORTING:
                return None
            i = j - 1 if lows[j - 1] != "that" else j - 2
            continue
        phrase = _noun_phrase_back(words, lows, j)
        if phrase is not None:
            return phrase
        i = j  # "plans to lay off": try the verb before
    return None


def _before_comma(words: list[str], lows: list[str], j: int) -> int:
    """Where the subject ends when a verb follows a comma at ``j``, or -1 to look further.

    "Healthcare, the worst sector, dropped" -> the apposition; "The material, which is made of
    carbon, reached" -> before the relative clause; "Unite Group, down 68p" -> the name.
    """
    if j >= 3 and words[j - 1].isdigit() and words[j - 2] == ",":
        return j - 3  # "Maddon, 66, has used": the name before the age
    for m in range(j - 1, max(-1, j - 14), -1):
        if words[m] == "," and m + 1 < j and lows[m + 1] in _RELATIVES and m > 0:
            return m - 1
        if lows[m] in _SENTENCE_MARKS:
            break
    if words[j - 1][0].isupper() or lows[j + 1] not in _PIVOTS:
        return j - 1
    return -1


_SENTENCE_MARKS = frozenset(".;!?:")
_SCAN_WORDS = _SENTENCE_MARKS | _SUBORDINATORS | _PIVOTS  # words the scan for a verb looks at first


Window = tuple[list[str], list[str], int, int]
"""Tokens of a window of text: (words, the words in lower case, window start, window end)."""


def windows(doc: Document, start: int, end: int) -> tuple[Window, Window]:
    """The tokens before ``start`` (within its sentence, the document's) and after ``end``, split in one go.

    ``str.split`` after spacing out the marks: several times faster than a regular expression
    ``findall``, which matters at one call per quantity.
    """
    text = doc.text
    lo = max(0, start - _WINDOW_BEFORE, doc.sentence_start(start))
    hi = min(len(text), end + _WINDOW_AFTER)
    left = text[lo:start]
    if lo == start - _WINDOW_BEFORE and lo and not text[lo - 1].isspace():
        space = left.find(" ")
        lo += space + 1 if space >= 0 else len(left)  # a word cut by the window's edge
        left = left[space + 1 :] if space >= 0 else ""
    if text.find("\x00", lo, hi) >= 0:  # the separator below: no context rather than a wrong one
        return ([], [], start, start), ([], [], end, end)
    window = f"{left} \x00 {text[end:hi]}"
    window = window.replace(". ", " . ").replace(".\n", " . ").replace(", ", " , ")
    if window.endswith((".", ",")):
        window = window[:-1] + " " + window[-1]
    for mark in _MARKS:
        if mark in window:
            window = window.replace(mark, f" {mark} ")
    before, after = window.split("\x00")
    return (before.split(), before.lower().split(), lo, start), (after.split(), after.lower().split(), end, hi)


def offsets(text: str, window: Window, first: int, last: int) -> tuple[int, int]:
    """Character offsets of tokens ``first`` to ``last`` of ``window``.

    Tokens are separated by nothing but white space, so each one is the next ``find`` (or the
    previous ``rfind``) of its text; the walk starts from the nearer end of the window.
    """
    words, _, lo, hi = window
    if first < len(words) - last:
        pos = lo
        for word in words[:first]:
            pos = text.find(word, pos) + len(word)
        begin = pos = text.find(words[first], pos)
        for word in words[first : last + 1]:
            pos = text.find(word, pos) + len(word)
        return begin, pos
    pos = hi
    for word in reversed(words[last + 1 :]):
        pos = text.rfind(word, lo, pos)
    finish = pos = text.rfind(words[last], lo, pos) + len(words[last])
    for word in reversed(words[first : last + 1]):
        pos = text.rfind(word, lo, pos)
    return pos, finish


def measured(after: Window, before: Window, currency: bool) -> tuple[int, int] | None:
    """Token indexes (in ``after``) of what a measure directly applies to: "60 per cent of its
    revenue" -> "revenue", "a 25% tax" -> "tax", "$1bn in gains" -> "gains"."""
    words, lows = after[0], after[1]
    if not words:
        return None
    previous = before[1][-1] if before[1] else "."
    head = lows[0]
    if head == "of":
        k = 1
    elif head == "in" and len(words) > 1 and words[1][0].islower() and currency:
        k = 1  # "$1bn in gains", not "$5m in 2019" or "40 miles in London"
    elif previous not in _BEFORE_PREPOSITIONS and _is_content(words[0]):
        # a measure as a modifier: "a 25% tax", "a 5 W USB-C charger", "a 5% pay rise"
        determined = previous in _DETERMINERS or previous in ("’s", "'s")
        if not determined and (not words[0][0].islower() or _is_verb(words[0])):
            return None
        k = 0
    else:
        return None
    return _noun_phrase_forward(words, lows, k)


def referred(before: Window, measure: bool) -> tuple[int, int] | None:
    """Token indexes (in ``before``) of what the quantity right after the window is said of:
    "a fine of $5m" -> "fine", "Nvidia advanced 8%" -> "Nvidia"."""
    words, lows = before[0], before[1]
    if not words:
        return None
    last = len(words) - 1
    if last >= 2 and lows[last] == "of" and lows[last - 1] == "total":
        last -= 3 if lows[last - 2] == "a" else 2  # "paid a total of $5m": as if "paid $5m"
    while last > 0 and lows[last] in ("between", "from", "exactly", "just", "only"):
        if lows[last] == "from" and not _is_verb(words[last - 1]):
            break
        last -= 1
    if last < 0:
        return None
    phrase = None
    if last > 0 and lows[last] in ("of", "worth", "(", "from", ","):
        k = last - 1 if words[last - 1] != "," else last - 2  # "Manhattan, worth $56m"
        if k >= 0 and (lows[last] != "," or words[k][0].isupper()):  # "Maddon, 66,"
            phrase = _noun_phrase_back(words, lows, k)  # "a fine of $5m", "Gant (0.5 WAR)"
    elif last > 0 and lows[last] in ("by", "at") and words[last - 1][0].isupper():
        if last == 1 or words[last - 2] == ",":  # "X was down 2.3%, Burlington by 2.6%"
            phrase = _noun_phrase_back(words, lows, last - 1)
    elif measure and words[last][0].isupper() and lows[last] not in _TEMPORAL:
        phrase = _noun_phrase_back(words, lows, last)  # "MacBook Pro 16 inch"
    if phrase is None:
        if last < len(words) - 1:
            words, lows = words[: last + 1], lows[: last + 1]
        phrase = _subject(words, lows)
    return phrase
