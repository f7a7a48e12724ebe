"""The grammar of time expressions: vocabulary, one regular expression per kind, and head words.

:mod:`crosswire.extract.times.extractor` finds head words (a month, a weekday, a unit, "today", "now"...) and tries
the grammar branches that can hold that kind of head at the word starts just before it. Each branch
has a resolver in :mod:`crosswire.extract.times.dates` or :mod:`crosswire.extract.times.spans`, named after it.

Written by hand: no library offers an English TIMEX3 grammar with spans; HeidelTime's resources are
Java and GPL, and dateparser matches whole date strings, not expressions inside running text.
"""

from __future__ import annotations

import re

import ahocorasick

__all__ = [
    "ADVERB_SETS",
    "BRANCH",
    "CLASS_PATTERNS",
    "HEADS",
    "MODS",
    "MONTH_NUMBERS",
    "NUMBER_HEAD",
    "OPENERS",
    "PART_CODES",
    "WEEKDAYS",
    "head_view",
    "month_number",
]

# --- vocabulary -------------------------------------------------------------------------------

MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_FULL_MONTHS = [n for n in MONTH_NUMBERS if len(n) > 4 or n in ("may", "june", "july")]
_ABBR_MONTHS = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
PART_CODES = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "dawn": "MO", "daybreak": "MO", "dusk": "EV", "nightfall": "NI", "midday": "MI",
}  # fmt: skip
ADVERB_SETS = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
    "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W", "fortnightly": "P2W",
    "semiannually": "P6M", "semi-annually": "P6M", "bimonthly": "P2M", "quarterly": "P3M",
}  # fmt: skip
MODS = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN",
    "under": "LESS_THAN", "fewer than": "LESS_THAN", "just under": "LESS_THAN",
    "up to": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "more than": "MORE_THAN",
    "over": "MORE_THAN", "just over": "MORE_THAN", "well over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "early": "START", "beginning": "START", "start": "START",
    "mid": "MID", "middle": "MID", "late": "END", "end": "END",
}  # fmt: skip


def month_number(word: str) -> int:
    """The number of a month name or abbreviation ("Sept." -> 9)."""
    return MONTH_NUMBERS[word.lower().rstrip(".")]


def _cased(words: list[str]) -> str:
    """Title-case and upper-case forms only: "May" and "MAY", never the verb "may"."""
    forms = [w.title() for w in words] + [w.upper() for w in words]
    return "(?-i:" + "|".join(sorted(forms, key=len, reverse=True)) + ")"


_MONTH = _cased(_FULL_MONTHS)
_MONTH_ABBR = "(?-i:" + "|".join(_ABBR_MONTHS) + r")\.?"
_ANY_MONTH = rf"(?:{_MONTH}|{_MONTH_ABBR})"
_WEEKDAY = _cased(WEEKDAYS)
_PART = r"morning|afternoon|evening|night"
_UNITS_WORDS = r"one|two|three|four|five|six|seven|eight|nine"
_NUMW = (
    rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:{_UNITS_WORDS})\b)?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|(?:a |one )?hundred|a dozen|a couple of|couple of"
    r"|half an?|an?)"
)
_VAGUE = r"(?:several|a\s+few|few|many|some|a\s+number\s+of|dozens\s+of|hundreds\s+of)"
_NUM = rf"(?:\d+(?:\.\d+)?(?:\s+1/2|½)?|{_NUMW})"
_UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century|centurie)s?"
_MOD_WORDS = (
    r"(?:about|around|approximately|roughly|some|nearly|almost|more\s+than|over|less\s+than|under"
    r"|at\s+least|up\s+to|at\s+most|fewer\s+than|just\s+over|just\s+under|well\s+over|only)"
)
_POINT_MOD = r"(?:(?P<pm>early|mid|late)(?:-|\s+)|the\s+(?P<pm2>beginning|start|middle|end)\s+of\s+)"
# Spelled-out years, as in broadcast transcripts: "nineteen ninety-six", "two thousand (and) one".
_TEENS = r"(?:nineteen|eighteen|seventeen|sixteen)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_SPELLED_YEAR = (
    rf"(?P<sy>{_TEENS}\s+(?:{_TENS}(?:[- ](?:{_UNITS_WORDS}))?|hundred|oh[- ](?:{_UNITS_WORDS})"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{_UNITS_WORDS}|ten|eleven|twelve))?)"
)

# --- grammar: one branch per kind of expression, tried in this order at each word start -------

_CLOCK_DAY = (
    r"(?:\s+(?P<cday>today|tonight|tomorrow|yesterday|this\s+(?:morning|afternoon|evening)"
    r"|(?:tomorrow|yesterday)\s+(?:morning|afternoon|evening|night)|last\s+night))?"
)
_BRANCHES: list[tuple[str, str]] = [
    ("iso", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:T(?P<hh>\d\d):(?P<mm>\d\d)(?::\d\d)?)?(?![\d-])"),
    (
        "clock",
        r"(?:(?P<approx>about|around|approximately|shortly\s+after|shortly\s+before|just\s+after"
        r"|just\s+before)\s+)?"
        r"(?:(?P<h>\d{1,2})(?:[:.](?P<min>\d\d))?\s*(?P<ampm>[ap]\.?m\b\.?)"
        r"|(?P<h24>[012]?\d):(?P<min24>[0-5]\d)(?![\d:])(?:\s*hrs\b|\s*h\b)?"
        rf"|(?P<oc>\d{{1,2}}|{_UNITS_WORDS}|ten|eleven|twelve)\s+o'clock"
        rf"|(?P<frac>half|a\s+quarter|quarter|ten|twenty|five|twenty-five)\s+(?P<dir>past|to)\s+"
        rf"(?P<hw>\d{{1,2}}|{_UNITS_WORDS}|ten|eleven|twelve)\b(?:\s+o'clock)?"
        r"|(?P<noon>noon|midday|midnight)"
        r"|(?P<hp>\d{1,2})\s+in\s+the\s+(?P<pp>morning|afternoon|evening))"
        r"(?:\s+(?P<zone>GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|local\s+time)\b)?" + _CLOCK_DAY,
    ),
    (
        "dmy",
        rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<mon>{_ANY_MONTH})(?:,?\s+(?P<y>\d{{4}})\b)?",
    ),
    (
        "mdy",
        rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mon>{_ANY_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
        r"(?![\d:.]\d)(?:\s*(?:-|–|to|and)\s*(?P<d2>\d{1,2})\b(?![:.]\d))?(?:,?\s+(?P<y>\d{4})\b)?",
    ),
    (
        "my",
        rf"{_POINT_MOD}?(?P<mon>{_ANY_MONTH}),?\s+(?:of\s+)?(?:(?P<y>\d{{4}})\b|{_SPELLED_YEAR}\b"
        r"|(?P<rel>last|this|next)\s+year\b)",
    ),
    (
        "quarter",
        r"(?:(?P<yr>\d{4}|this\s+year|last\s+year|next\s+year)'s\s+|the\s+)?"
        r"(?:(?P<adj>latest|last|previous|prior|current|this|that|same|comparable|year-earlier|year-ago"
        r"|prior-year|next|coming|recent|just-ended|just-completed|(?:the\s+)?\d{4})\s+)?"
        r"(?:fiscal[- ])?(?:(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?)?"
        r"(?P<qh>quarter|half(?!\s+an?\b)|period)(?![-s]\w)(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<y>\d{4}|this\s+year"
        r"|last\s+year|next\s+year))?"
        r"|(?P<yq>\d{4})?\s*Q(?P<qn>[1-4])\b(?:\s*(?P<y2>\d{4}))?",
    ),
    ("yearago", r"year-(?:earlier|ago)"),
    (
        "decade",
        r"(?:the\s+)?(?:(?P<pm>early|mid|late)[- ]?)?(?:(?P<dec>1[0-9]|20)(?P<dd>\d)0'?s\b|'(?P<d2>\d)0s\b"
        r"|(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
    ),
    (
        "century",
        r"(?:the\s+)?(?:(?P<pm>early|mid|late)[- ])?(?:(?P<cn>\d{1,2})(?:st|nd|rd|th)|(?P<cw>first|second"
        r"|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth"
        r"|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first))[- ]century\b",
    ),
    (
        "ago",
        rf"(?:(?P<mod>{_MOD_WORDS})\s+)?(?:(?P<vague>{_VAGUE})\s+|(?P<num>{_NUM})[\s-]+)?(?P<unit>{_UNIT})"
        r"(?P<orso>\s+or\s+so)?\s+(?P<dir>ago|earlier|later|before|after|from\s+now|hence|since)\b",
    ),
    (
        "anchored",
        r"the\s+(?:(?P<rel>previous|next|following|preceding|prior|same)\s+(?P<unit>day|week|month|year"
        r"|morning|afternoon|evening|night)|day\s+(?P<dir>before|after|earlier))",
    ),
    (
        "recent",
        r"(?:the\s+)?(?:most\s+)?(?:recent|coming|upcoming)\s+(?P<unit>days|weeks|months|years|decades"
        r"|quarters)\b|the\s+(?P<unit2>days|weeks|months|years)\s+ahead\b",
    ),
    (
        "duration",
        rf"(?:(?P<mod>{_MOD_WORDS})\s+)?(?:(?P<the>the\s+)?(?P<rel>past|last|next|first|previous|final"
        rf"|coming|following|initial|remaining|latest|preceding)\s+)?(?:(?P<vague>{_VAGUE})\s+"
        rf"|(?P<num>{_NUM})(?:\s+(?:to|or|-)\s+(?P<num2>{_NUM}))?(?:\s+and\s+a\s+half)?[\s-]+)"
        rf"(?P<unit>{_UNIT})(?P<half>\s+and\s+a\s+half)?(?P<old>[\s-]old)?\b(?:\s+or\s+so)?",
    ),
    (
        "set",
        rf"(?P<every>every|each|per)\s+(?:other\s+)?(?:(?P<num>{_NUM})\s+)?(?:(?P<unit>{_UNIT})"
        rf"|(?P<wd>{_WEEKDAY})|(?P<mon>{_MONTH}))\b"
        rf"|(?P<adv>daily|weekly|monthly|yearly|annually|hourly|nightly|biweekly|fortnightly"
        rf"|semiannually|semi-annually|bimonthly)\b"
        rf"|(?P<times>once|twice|thrice|{_NUM}\s+times)\s+(?:a|an|per|every)\s+(?P<unit2>{_UNIT})\b",
    ),
    (
        "relday",
        rf"(?:(?P<pre>early|late|mid-?)\s*)?(?:(?P<day>today|tonight|yesterday|tomorrow)"
        rf"(?:\s+(?P<part>{_PART}))?|the\s+day\s+(?P<far>before\s+yesterday|after\s+tomorrow)"
        rf"|(?P<which>this|last)\s+(?P<part2>{_PART})|(?P<over>overnight))\b"
        rf"|(?P<pre2>early|late|mid-?)\s*(?P<part3>morning|afternoon|evening)\b",
    ),
    (
        "weekday",
        rf"(?:(?P<pod>dawn|daybreak|dusk|nightfall|early|late)\s+on\s+"
        rf"|(?P<rel>last|this|next|coming|past|previous|early|late|earlier|later)\s+)?(?P<wd>{_WEEKDAY})"
        rf"(?P<pl>s\b)?(?:\s+(?P<part>{_PART})s?\b)?",
    ),
    (
        "holiday",
        r"(?:(?P<rel>last|this|next)\s+)?(?P<name>(?-i:Christmas\s+Day|Christmas\s+Eve|Christmas"
        r"|New\s+Year's\s+(?:Day|Eve)|Thanksgiving(?:\s+Day)?|Independence\s+Day|Halloween"
        r"|Valentine's\s+Day|Easter\s+(?:Sunday|Monday)|Easter|Good\s+Friday|Boxing\s+Day|Labou?r\s+Day"
        r"|Memorial\s+Day|Bastille\s+Day|Veterans\s+Day|Armistice\s+Day))(?:\s+(?P<y>\d{4})\b)?",
    ),
    (
        "season",
        rf"{_POINT_MOD}?(?:(?P<rel>last|this|next|coming|past|the\s+coming|the\s+past|this\s+past)\s+"
        r"|(?P<the>the)\s+)?(?P<season>spring|summer|fall|autumn|winter)(?!-)\b(?:\s+(?:of\s+)?(?:(?P<y>\d{4})\b"
        rf"|{_SPELLED_YEAR}\b))?",
    ),
    (
        "year",
        rf"(?:{_POINT_MOD}|(?P<fy>fiscal(?:\s+year)?|FY|the\s+year|calendar)\s*)?(?:(?P<y>1[6-9]\d\d|20\d\d)\b"
        rf"|(?:(?<=\byear\s)|(?<=\bin\s)|(?<=\bof\s)|(?<=\bsince\s)|(?=[Nn]ineteen\s+{_TENS})){_SPELLED_YEAR}\b)",
    ),
    (
        "deictic",
        rf"(?:(?P<el>earlier|later)\s+|{_POINT_MOD})?(?:(?P<rel>this\s+past|this|last|next|past|previous"
        r"|coming|current|that)|the\s+(?P<rel2>past|last|previous|coming|next|current|same|following"
        r"|preceding|prior|full|whole|entire)|the)?\s*(?P<fiscal>fiscal\s+)?(?P<unit>week|weekend|month|year|decade"
        r"|century)\b(?!-(?:ago|earlier|old|long))(?P<yend>[- ]end\b|'s\s+end\b)?",
    ),
    (
        "month",
        rf"{_POINT_MOD}?(?:(?P<rel>last|this|next|coming|past)\s+)?(?P<mon>{_MONTH}|{_MONTH_ABBR})",
    ),
    (
        "ref",
        r"(?P<present>now|currently|current(?!\s+accounts?)|nowadays|these\s+days"
        r"|at\s+the\s+moment|right\s+now|the\s+present|at\s+present)\b"
        r"|(?P<past>recently|recent|lately|the\s+past)\b"
        r"|(?P<future>(?P<the>the\s+(?:near\s+|distant\s+|immediate\s+)?)?future|soon"
        r"|the\s+(?:near|short)\s+term)\b",
    ),
    ("bareunits", r"(?P<unit>years|months|weeks|days|hours|decades|minutes)\b"),
]

_NAMED = re.compile(r"\?P<\w+>")
_PATTERNS = dict(_BRANCHES)


def _combined(names: list[str]) -> re.Pattern[str]:
    """One expression trying the named branches in order, each in a group named after it."""
    alternatives = "|".join(f"(?P<{name}>{_NAMED.sub('?:', _PATTERNS[name])})" for name in names)
    return re.compile(rf"(?<![\w$£€#'’.-])(?:{alternatives})", re.IGNORECASE)


BRANCH = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in _BRANCHES}

# --- head words ---------------------------------------------------------------------------------
# Every time expression holds a head word or a year/clock number. Which branches can hold each kind
# of head, in the order of _BRANCHES:
_CLASS_BRANCHES = {
    "month": ("mdy", "dmy", "my", "set", "holiday", "month"),
    "weekday": ("mdy", "set", "weekday"),
    "part": ("clock", "anchored", "relday", "weekday"),
    "relday": ("relday",),
    "unit": (
        "quarter",
        "yearago",
        "century",
        "ago",
        "anchored",
        "recent",
        "duration",
        "set",
        "relday",
        "deictic",
        "year",
        "bareunits",
    ),
    "season": ("set", "season"),
    "adverb": ("set",),
    "modifier": ("quarter", "ago", "anchored", "recent", "duration", "season", "deictic", "ref"),
    "ref": ("ref",),
    "holiday": ("holiday",),
    "quarter": ("quarter",),
    "year": ("iso", "quarter", "decade", "year"),
    "clock": ("clock",),
    "decade": ("decade",),
    "spelled": ("clock", "year", "decade"),
}


def _words(text: str) -> list[str]:
    return text.split()


_HEAD_CLASSES = {
    # abbreviations only with a period or a space after ("Oct. 24", "Nov 4"), never "market"
    "month": [n for n in MONTH_NUMBERS if n in _FULL_MONTHS]
    + [f"{n}{end}" for n in MONTH_NUMBERS if n not in _FULL_MONTHS for end in ". "],
    "weekday": WEEKDAYS,
    "part": [*PART_CODES, "overnight", "noon", "midnight", "o'clock"],
    "relday": ["today", "tomorrow", "yesterday"],
    "unit": _words(
        "second minute hour day week weekend fortnight month quarter half period year decade century centuries"
    ),
    "season": _words("spring summer fall autumn winter"),
    "adverb": [*ADVERB_SETS],
    # words that also open longer expressions ("the past two months", "the current quarter")
    "modifier": _words("current recent past coming upcoming"),
    "ref": [*_words("now currently present nowadays moment recently lately future soon"), "near term", "short term"],
    "holiday": [
        *_words("christmas thanksgiving halloween valentine easter"),
        *["new year", "independence day", "good friday", "boxing day", "labor day", "labour day"],
        *["memorial day", "bastille day", "veterans day", "armistice day"],
    ],
    "quarter": ["q1", "q2", "q3", "q4"],
    "decade": [f"'{digit}0s" for digit in range(10)]
    + _words("twenties thirties forties fifties sixties seventies eighties nineties"),
    "spelled": ["half past", "quarter past", "quarter to", "nineteen", "two thousand"],
}
# Head words are found by one Aho-Corasick pass over a copy of the lower-cased text (``head_view``)
# in which the characters a head can hold (a-z, digits, "'", ".", "-" and the space) are kept and
# every other one is "|". Every key opens with one of the characters that may stand before a head
# (anything but a letter), so the automaton leaves its root only at word starts: twice as fast as
# a pass that tries every letter. A head word ending in such a character ("oct." or "oct ", "q1")
# is keyed without it and the character is checked after the pass, so that a key never takes the
# character a head right after it opens with. Values: (length of the key without its lead, length
# of the head word, head class, the characters one of which must follow the key, or "").
_KEPT = "abcdefghijklmnopqrstuvwxyz0123456789'.- "
_LEADS = " |'.-0123456789"
_VIEW = bytes(code if chr(code) in _KEPT else ord("|") for code in range(256))
_HEAD_KEYS: dict[str, tuple[int, int, str, str]] = {}
for _class, _members in _HEAD_CLASSES.items():
    for _word in _members:
        assert set(_word) <= set(_KEPT) and _word[0] != " ", _word
        _core, _follow = (_word[:-1], _word[-1]) if _word[-1] in _LEADS else (_word, "")
        _known = _HEAD_KEYS.get(_core, (len(_core), len(_word), _class, ""))
        assert _known[1:3] == (len(_word), _class), _word
        _HEAD_KEYS[_core] = (len(_core), len(_word), _class, _known[3] + _follow)
HEADS = ahocorasick.Automaton()
for _core, _value in _HEAD_KEYS.items():
    for _lead in _LEADS:
        HEADS.add_word(_lead + _core, _value)
HEADS.make_automaton()


def head_view(lowered: str) -> str:
    """What ``HEADS`` runs over: "|", then ``lowered`` with every character a head cannot hold as "|"."""
    # one code point is one byte with "replace" (non-ASCII becomes "?", then "|"): offsets shift by one
    return "|" + lowered.encode("ascii", "replace").translate(_VIEW).decode("ascii")


CLASS_PATTERNS = {
    head_class: _combined(sorted(names, key=list(_PATTERNS).index)) for head_class, names in _CLASS_BRANCHES.items()
}
# Years and clock times, found by one scan: only the first digit of a number can start one.
NUMBER_HEAD = re.compile(
    r"[0-9](?<![\d.,][0-9])(?:(?P<year>\d{3}(?!\d))|(?P<clock>\d?(?:[:.]\d\d|\s*[ap]\.?m\b|\s+o'clock"
    r"|\s+in\s+the\b)))"
)
OPENERS = frozenset(
    """the a an about around approximately roughly some nearly almost more than over less under at
    least up to most fewer just well only past last next first previous final coming following
    initial remaining latest preceding this that early late mid earlier later every each per other
    once twice thrice times several few many number of dozens hundreds couple and or half fiscal fy
    calendar beginning start middle end same current recent prior comparable year-earlier year-ago
    just-ended just-completed shortly after before second third fourth 1st 2nd 3rd 4th one two
    three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred dozen
    this year's last year's next year's dawn daybreak dusk nightfall on quarter past to near
    distant immediate most full whole entire""".split()  # noqa: SIM905
)
