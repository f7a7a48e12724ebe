"""Quantities in news text: value or range, bound, unit, and the thing counted or measured.

``extract_quantities(article)`` scans the text once for numbers (digits, number words, vague
amounts such as "dozens"), skips what a news reader does not call a quantity (times of day,
dates, years, ordinals, scores, phone numbers, names such as "iPhone 11" or "Covid-19"), then
reads around each number:

1. a currency before it ("$", "US$", "£", "HK $") and a scale after it ("million", "bn", "m");
2. a range ("18 to 25 percent", "between 200 and 300", "1,200-1,800"), never averaged;
3. a unit after it ("600mm", "per cent", "km/h", "Australian dollars", "$3,500 a month");
4. a bound before or after it ("about", "more than", "up to", "30-odd", "or more");
5. the thing: for a count, the noun phrase counted ("some 250 launchers" -> "launchers");
   for a measure, the noun phrase measured ("60 per cent of its revenue" -> "revenue",
   "a 6kW electric motor" -> "electric motor", "Tesla jumped 8.5%" -> "Tesla").

Hand-written rules: quantulum3 and CQE are far too slow for the per-article budget (and
quantulum3 averages ranges and reads "2.15pm" as picometres); the rules here are regular
expressions compiled once at import.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from crosswire.model import Article
from crosswire.numbers import (
    DIGITS,
    NUMBER_WORD,
    SCALES,
    VAGUE,
    Number,
    parse_digits,
    parse_words,
    scale,
)
from crosswire.units import CURRENCY_PREFIX_PATTERN, UNIT_PATTERN, unit_name

__all__ = ["Quantity", "extract_quantities"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity: a value (or a low-high range), its bound, unit and the thing it counts."""

    start: int
    end: int
    text: str
    value: Number | None
    low: Number | None = None
    high: Number | None = None
    bound: str = "="
    unit: str | None = None
    thing: str | None = None
    thing_start: int | None = None
    thing_end: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "bound": self.bound,
            "unit": self.unit,
            "thing": self.thing,
            "thing_start": self.thing_start,
            "thing_end": self.thing_end,
        }


# --- patterns -------------------------------------------------------------------------------

_VAGUE = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(VAGUE, key=len, reverse=True))
_SHORT_SCALE = r"(?:hundred|thousand|million|billion|trillion|bn|mn|mln|tn|trn|m|k|b|M|B|K|BN)"
_NUMBER = re.compile(
    rf"(?P<cur>{CURRENCY_PREFIX_PATTERN.pattern})?(?P<neg>[-−](?=\d))?(?P<num>{DIGITS})"
    rf"(?:(?P<ssep>\s?)(?P<scale>{_SHORT_SCALE})(?![A-Za-z]))?"
    rf"|\b(?P<vague>{_VAGUE})\b"
    rf"|\b(?P<words>{NUMBER_WORD})\b(?:\s(?P<wscale>(?:hundred|thousand|million|billion)))?(?![\w-])",
    re.IGNORECASE,
)
# Case matters for currencies and scales (PS2.7m is pounds, "m" after a bare number is metres):
# re-checked below, the pattern itself stays case-insensitive for the words.

_MONTHS = (
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January|February|March|April|May|June"
    r"|July|August|September|October|November|December"
)
_MONTH_BEFORE = re.compile(rf"(?:{_MONTHS})\s*$")
_MONTH_AFTER = re.compile(rf"\s*(?:of\s+)?(?:{_MONTHS})\b")
_TIME_AFTER = re.compile(
    r"\s?(?:[ap]\.?m\b\.?|[ap]\.m\.|GMT|BST|EST|EDT|PST|PDT|CET|UTC|hrs\b|h\d\d|o'clock)"
)
_CLOCK = re.compile(r"[:.]\d\d\s?(?:[ap]\.?m\b|[AP]M\b)|:\d\d")
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b|s\b|'s\b|’s\b")
_IDENT_WORDS = frozenset(
    "category level number no no. page chapter article section version season phase round line gate"
    " room flight route highway channel episode grade tier stage unit game model type class zone"
    " term figure table vol week day apollo series mark pier platform bus interstate road street"
    " avenue district ward act clause paragraph verse covid-19 covid height".split()
)
_PREV_TOKEN = re.compile(r"([A-Za-z][\w&.'’-]*)[ \t]*$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“(\n]\s*)$")
_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|and|or)\s*(?:-|to\s)?\s*", re.IGNORECASE)
_PER = re.compile(
    r"\s?(?:per|a|an|/|each)\s?(?P<per>share|barrel|gallon|ounce|tonne|ton|head|person|capita"
    r"|night|day|week|month|year|hour|minute|second|kilo|kg|gram|litre|liter|sq\s?m|square\s(?:foot|feet|metre|meter)"
    r"|sq\s?ft|century|game|unit|pupil|household|mmBTU)\b",
    re.IGNORECASE,
)
_US_AFTER = re.compile(r"\s(?:US|U\.S\.)(?![A-Za-z])")

_BOUND_BEFORE = re.compile(
    r"(?P<b>about|around|approximately|approx\.|roughly|some|nearly|almost|close\sto|an\sestimated"
    r"|estimated|circa|c\.|~|≈|more\sthan|over|above|upwards\sof|in\sexcess\sof|exceeding"
    r"|at\sleast|no\sfewer\sthan|no\sless\sthan|a\sminimum\sof|fewer\sthan|less\sthan|under|below"
    r"|up\sto|at\smost|no\smore\sthan|as\smany\sas|as\smuch\sas|a\smaximum\sof|sub-|just\sunder"
    r"|just\sover|well\sover|well\sunder|just\sbelow|just\sabove)\s*$",
    re.IGNORECASE,
)
_BOUNDS = {
    "more than": ">", "over": ">", "above": ">", "upwards of": ">", "in excess of": ">",
    "exceeding": ">", "just over": ">", "well over": ">", "just above": ">",
    "at least": ">=", "no fewer than": ">=", "no less than": ">=", "a minimum of": ">=",
    "fewer than": "<", "less than": "<", "under": "<", "below": "<", "sub-": "<",
    "just under": "<", "well under": "<", "just below": "<",
    "up to": "<=", "at most": "<=", "no more than": "<=", "as many as": "<=", "as much as": "<=",
    "a maximum of": "<=",
}  # fmt: skip
_BOUND_AFTER = re.compile(r"(?:-odd|\sodd|\sor\sso|-plus|\+|\sor\smore|\sor\sfewer|\sor\sless)\b|\+")

_WORD = re.compile(r"[ \t]*([A-Za-z][A-Za-z0-9'’&-]*|[^\sA-Za-z])")
_STOP = frozenset(
    """a an the this that these those which who whom whose what when where while than as at by for
    from in into of off on onto out over to under up down with without within and or but nor yet if
    because since until after before during between among against across through his her its their
    our my your he she it they we you i them him us me there here not no last next each apiece ago
    later earlier more less also already now then so still too very just only about around per said
    says say were was are is be been being have has had will would could can may might did do does
    ever never all both either neither some such other another same own every any many much few
    including include includes against via per cent percent percentage versus vs than year-on-year
    compared according like who's it's that's there's be up""".split()
)
_IRREGULAR_PLURAL = frozenset(
    """people police personnel staff cattle feet teeth mice geese children data media crew
    livestock militia infantry artillery aircraft""".split()
)
_VERBS_BEFORE = frozenset(
    """rose fell jumped gained climbed slid dropped lost added advanced plunged cost costs reached hit
    stood ended finished closed traded trades increased decreased grew shrank declined surged soared
    tumbled sank slipped eased edged was is are were be been rise rises fall falls drop drops up down
    higher lower at to by from of worth totalled totaled amounted stretched measured weighed employs
    employed has have had reach reaching topped tops jump jumps gain gains climb climbs
    plummeted plunge skyrocketed spiked dipped dip shed sheds sold sells sell paid pay pays raised
    raise estimated estimates expected valued""".split()
)
_DETERMINERS = frozenset("a an the its his her their our your this that these those".split())
_GENERIC_THINGS = frozenset("total average sum number amount figure rate level value".split())


# --- extraction -----------------------------------------------------------------------------


def extract_quantities(article: Article) -> list[Quantity]:
    """Every quantity in the article's text, sorted by start."""
    text = article.text
    found: list[Quantity] = []
    pos = 0
    while True:
        match = _NUMBER.search(text, pos)
        if match is None:
            break
        pos = match.end()
        try:
            quantity, pos = _read(text, match)
        except (ValueError, OverflowError):  # a malformed number: not a quantity
            quantity = None
        if quantity is not None:
            found.append(quantity)
    return found


def _read(text: str, match: re.Match[str]) -> tuple[Quantity | None, int]:
    """The quantity around one number match, and where scanning should resume."""
    start = match.start()
    end = match.end()
    first = _value(text, match)
    if first is None:
        return None, end
    value, currency, low, high, end = first
    if low is None and _excluded(text, match, value, currency):
        return None, max(end, _skip_token(text, match.end()))

    # a range: "18 to 25", "between 200 and 300", "1,200-1,800"
    if low is None:
        ranged = _range(text, match, value, currency, end)
        if ranged is not None:
            low, high, currency2, end = ranged
            currency = currency or currency2
            value = None
    unit: str | None = currency
    unit_end = end
    if unit is None:
        found = UNIT_PATTERN.match(text, end)
        if found is not None:
            unit, unit_end = _unit(text, found, match, value if value is not None else high)
    else:
        found = UNIT_PATTERN.match(text, end)  # "10.5 million Australian dollars" after "$"? rare
        us = _US_AFTER.match(text, end)
        if us is not None:
            unit_end = us.end()
    if unit is not None:
        per = _PER.match(text, unit_end)
        if per is not None:
            per_unit = unit_name(per.group("per")) or per.group("per").lower()
            unit = f"{unit} per {per_unit}"
            unit_end = per.end()
    end = max(end, unit_end)

    bound = _bound(text, start, end)
    if bound is not None and bound[1] < start:
        start = bound[1]
    bound_sign = bound[0] if bound else "="
    after = _BOUND_AFTER.match(text, end)
    if after is not None:
        word = after.group().strip()
        bound_sign = (
            "~"
            if word in ("-odd", "odd", "or so")
            else (">=" if "more" in word or "+" in word or "plus" in word else "<=")
        )
        end = after.end()

    thing, thing_start, thing_end = _thing(text, start, end, unit, value, high)
    quantity = Quantity(
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        low=low,
        high=high,
        bound=bound_sign,
        unit=unit,
        thing=thing,
        thing_start=thing_start,
        thing_end=thing_end,
    )
    return quantity, end


def _value(
    text: str, match: re.Match[str]
) -> tuple[Number | None, str | None, Number | None, Number | None, int] | None:
    """(value, currency, low, high, end) of one number match; None when it is no number."""
    if match.group("vague"):
        low, high = VAGUE[" ".join(match.group("vague").lower().split())]
        return None, None, low, high, match.end()
    if match.group("words"):
        words = match.group("words")
        if words[0].isupper() and words.lower() == "one" and False:
            return None
        value = parse_words(words)
        if value is None:
            return None
        if match.group("wscale"):
            value = scale(value, SCALES[match.group("wscale").lower()])
        return value, None, None, None, match.end()
    number: Number = parse_digits(match.group("num"))
    if match.group("neg"):
        number = -number
    currency = None
    cur = match.group("cur")
    if cur is not None:
        from crosswire.units import currency_name

        currency = currency_name(cur)
        if currency is None or (cur.strip() in ("PS", "RM", "Sh", "Rs") and not cur[0].isupper()):
            currency = None
    end = match.end()
    factor = match.group("scale")
    if factor is not None:
        key = factor.lower()
        if factor in ("m", "k", "b", "B", "K") and currency is None:
            # "37m" is metres, "5k" a run: only with a currency are m/k/b scales
            after = UNIT_PATTERN.match(text, match.end("num"))
            end = match.end("num")
            if factor in ("B", "K") or after is not None:
                pass
            key = ""
        elif key in ("hundred", "thousand", "million", "billion", "trillion") and match.group("ssep") == "":
            key = ""
            end = match.end("num")
        if key:
            number = scale(number, SCALES[key])
    return number, currency, None, None, end


def _excluded(text: str, match: re.Match[str], value: Number | None, currency: str | None) -> bool:
    """True when the number is a time, date, year, ordinal, score, phone number or a name."""
    start = match.start()
    num_start = match.start("num") if match.group("num") else start
    num_end = match.end("num") if match.group("num") else match.end()
    before = text[max(0, start - 24) : start]
    if start and (text[start - 1].isalnum() or text[start - 1] in "_./"):
        return True
    if start and text[start - 1] == "-" and not re.search(r"(?:sub|minus|now|over|under)-$", before, re.I):
        if not (start >= 2 and text[start - 2] in " ($"):
            return True
    if match.group("num"):
        nxt = text[num_end : num_end + 1]
        if nxt == ":" or _CLOCK.match(text, num_end) or _TIME_AFTER.match(text, match.end()):
            return True
        if nxt.isalpha() and _ORDINAL_AFTER.match(text, num_end) and not match.group("scale"):
            if UNIT_PATTERN.match(text, num_end) is None:
                return True
        if "." in match.group("num") and text[num_end : num_end + 2] in ("pm", "am", "GM"):
            return True
        if nxt == "." and text[num_end + 1 : num_end + 2].isdigit():  # 192.168.1.2
            return True
        if currency is None and not match.group("scale"):
            digits = match.group("num")
            if (
                isinstance(value, int)
                and len(digits) == 4
                and 1000 <= value <= 2100
                and not text.startswith(("s ", "s,", "s.", "'s"), num_end)
            ):
                # a year, unless a unit follows ("1500 metres")
                found = UNIT_PATTERN.match(text, num_end)
                if found is None or unit_name(found.group("unit")) in ("year", "day", "month"):
                    return True
            if text.startswith("s", num_end) and not text[num_end + 1 : num_end + 2].isalpha():
                return True  # 1990s, the 80s
            if _MONTH_BEFORE.search(before) and isinstance(value, int) and value <= 31:
                return True
            if isinstance(value, int) and value <= 31 and _MONTH_AFTER.match(text, num_end):
                return True
            if re.match(r"[-–]\d+[-–]\d+|\s\d{3,4}\s\d{3,4}|\)\s?\d{3}", text[num_end : num_end + 12]):
                return True  # phone numbers, ISBNs, dates like 2019-05-01
            if re.match(r"\s?[-–]\s?\d+\b", text[num_end : num_end + 8]):
                second = re.match(r"\s?[-–]\s?(\d+)", text[num_end : num_end + 8])
                if second and isinstance(value, int) and value >= int(second.group(1)) and value < 200:
                    if not UNIT_PATTERN.match(text, num_end + second.end()):
                        return True  # a score: 2-0, 89-89
    prev = _PREV_TOKEN.search(before)
    if prev is not None and num_start == start:
        word = prev.group(1)
        if word.lower().rstrip(".") in _IDENT_WORDS or word.lower() in _IDENT_WORDS:
            return True
        if (word[0].isupper() or any(c.isdigit() for c in word)) and not _BOUND_BEFORE.search(before):
            head = before[: prev.start()]
            if not _SENTENCE_START.search(head) and word not in ("US", "U.S.", "UK"):
                return True  # iPhone 11, S&P 500, Channel 5
    if match.group("words"):
        words = match.group("words").lower()
        if words == "one":
            tail = text[match.end() : match.end() + 12].lower()
            head = text[max(0, start - 8) : start].lower()
            if tail.startswith(("-", " another", " day", " by one", " time", "'s", "’s")) or head.endswith(
                ("no ", "the ", "this ", "that ", "each ", "any ", "every ", "which ", "only ")
            ):
                return True
    return False


def _skip_token(text: str, pos: int) -> int:
    """Past the rest of an excluded token (the ':27' of '10:27')."""
    while pos < len(text) and (text[pos].isalnum() or text[pos] in ":.,/-") and not text[pos].isspace():
        if text[pos] in ".," and (pos + 1 >= len(text) or not text[pos + 1].isalnum()):
            break
        pos += 1
    return pos


def _range(
    text: str, match: re.Match[str], value: Number | None, currency: str | None, end: int
) -> tuple[Number, Number, str | None, int] | None:
    """(low, high, currency, end) when the number starts a range."""
    if value is None:
        return None
    sep = _RANGE_SEP.match(text, end)
    if sep is None:
        return None
    word = sep.group().strip().lower()
    second = _NUMBER.match(text, sep.end())
    if second is None or second.group("vague"):
        return None
    before = text[max(0, match.start() - 12) : match.start()].lower()
    if word.startswith("and") and not before.rstrip().endswith("between"):
        return None
    if word.startswith("or") and not (match.group("words") and second.group("words")):
        return None
    if word.startswith("to") and before.rstrip().endswith(("by", "up", "down", "rose", "fell")):
        return None
    if word in ("-", "–", "—") and not (match.group("num") and second.group("num")):
        return None
    parsed = _value(text, second)
    if parsed is None or parsed[0] is None:
        return None
    other, currency2, _, _, end2 = parsed
    if currency and currency2 and currency != currency2:
        return None
    # explicit, different units on both sides are two quantities ("up 9.4 per cent to $84")
    unit1 = UNIT_PATTERN.match(text, end)
    if unit1 is not None and unit_name(unit1.group("unit")) and unit1.end() <= sep.start() + 1:
        return None
    if (currency is None) != (currency2 is None) and currency is not None:
        return None
    low = value
    factor = second.group("scale") or second.group("wscale")
    if factor and not (match.group("scale") or match.group("wscale")) and factor.lower() in SCALES:
        scaled = scale(low, SCALES[factor.lower()])
        if scaled <= other:
            low = scaled
    if word in ("-", "–", "—") and low >= other:
        return None
    low, high = (low, other) if low <= other else (other, low)
    return low, high, currency2, end2


def _unit(
    text: str, found: re.Match[str], match: re.Match[str], value: Number | None
) -> tuple[str | None, int]:
    """The normalised unit written after the number, and where it ends."""
    surface = found.group("unit")
    sep = found.group("sep")
    name = unit_name(surface)
    if name is None:
        return None, match.end()
    if len(surface) == 1 and surface.isascii() and surface.isalpha() and sep.strip(" ") != "" and " " in sep:
        return None, match.end()  # "5 m", "3 C": single letters only when written attached
    if len(surface) == 1 and surface in "sh" and " " in sep:
        return None, match.end()
    if (
        name == "lb"
        and surface.lower().startswith("pound")
        and (match.group("scale") or match.group("wscale"))
    ):
        name = "GBP"
    if name in ("°C", "°F") and surface in ("C", "F") and "-" in sep:
        return None, match.end()
    return name, found.end()


def _bound(text: str, start: int, end: int) -> tuple[str, int] | None:
    """The bound written before the quantity, and where it starts."""
    before = text[max(0, start - 24) : start]
    found = _BOUND_BEFORE.search(before)
    if found is None:
        return None
    word = " ".join(found.group("b").lower().split())
    offset = max(0, start - 24) + found.start("b")
    if offset and text[offset - 1].isalpha():
        return None
    if word in ("some",) and re.search(r"\bof\s+$", text[max(0, offset - 8) : offset]):
        return None
    return _BOUNDS.get(word, "~"), offset


def _is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in _IRREGULAR_PLURAL or lower.endswith("men"):
        return True
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is", "'s", "’s"))


def _words(text: str, pos: int, limit: int = 6) -> list[tuple[str, int, int]]:
    """Up to ``limit`` tokens after ``pos``: (token, start, end); punctuation tokens included."""
    out: list[tuple[str, int, int]] = []
    while len(out) < limit:
        found = _WORD.match(text, pos)
        if found is None:
            break
        out.append((found.group(1), found.start(1), found.end(1)))
        pos = found.end()
    return out


def _noun_phrase(tokens: list[tuple[str, int, int]], plural: bool) -> tuple[int, int] | None:
    """The noun phrase at the start of ``tokens`` (content words up to the head noun)."""
    first = last = None
    for i, (token, _, _) in enumerate(tokens):
        if not token[0].isalpha() or token.lower() in _STOP or token.lower().endswith("ly"):
            break
        if first is None:
            first = i
        last = i
        if plural and _is_plural(token):
            return tokens[first][1], tokens[i][2]
        if i >= 3:
            break
    if first is None or last is None or plural:
        return None
    return tokens[first][1], tokens[last][2]


def _thing(
    text: str, start: int, end: int, unit: str | None, value: Number | None, high: Number | None
) -> tuple[str | None, int | None, int | None]:
    """The thing counted (no unit) or measured (with a unit), with its span."""
    tokens = _words(text, end)
    if tokens and tokens[0][0].lower() == "of" and unit is None:
        tokens = tokens[1:]
        if tokens and tokens[0][0].lower() in ("the", "its", "their", "his", "her"):
            tokens = tokens[1:]
    if unit is None:
        amount = value if value is not None else high
        span = _noun_phrase(tokens, plural=amount != 1)
        if span is not None:
            return text[span[0] : span[1]], span[0], span[1]
        return None, None, None
    # a measure: "60 per cent of its revenue", "a 6kW electric motor", "a fine of $5m",
    # "Tesla jumped 8.5%"
    if tokens and tokens[0][0].lower() == "of":
        rest = tokens[1:]
        while rest and rest[0][0].lower() in _DETERMINERS:
            rest = rest[1:]
        span = _noun_phrase(rest, plural=False)
        if span is not None:
            return text[span[0] : span[1]], span[0], span[1]
    if unit == "times" and tokens:
        span = _noun_phrase(tokens, plural=False)
        if span is not None:
            return text[span[0] : span[1]], span[0], span[1]
    before = text[max(0, start - 80) : start]
    words = re.findall(r"[A-Za-z][\w'’&.-]*|[^\sA-Za-z]", before)
    if words and words[-1].lower() in _DETERMINERS | {"-"}:
        span = _noun_phrase(tokens, plural=False)
        if span is not None:
            return text[span[0] : span[1]], span[0], span[1]
    # walk left over verbs and prepositions to the subject, or over "of" to the measured noun
    i = len(words) - 1
    skipped = 0
    while i >= 0 and words[i].lower() in _VERBS_BEFORE and skipped < 4:
        i -= 1
        skipped += 1
    if skipped == 0:
        return None, None, None
    phrase: list[str] = []
    while i >= 0 and len(phrase) < 4:
        word = words[i]
        if not word[0].isalpha() or word.lower() in _STOP or word.lower().endswith("ly"):
            break
        phrase.insert(0, word)
        i -= 1
    phrase = [w for w in phrase if w.lower() not in _GENERIC_THINGS] or phrase
    if not phrase:
        return None, None, None
    joined = " ".join(phrase)
    where = text.rfind(phrase[0], max(0, start - 80), start)
    last = text.rfind(phrase[-1], max(0, start - 80), start)
    if where < 0 or last < where:
        return joined, None, None
    span_text = text[where : last + len(phrase[-1])]
    return span_text, where, last + len(phrase[-1])
