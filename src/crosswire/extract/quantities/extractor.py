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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import ahocorasick

from crosswire.extract.component import Extractor, Found
from crosswire.extract.quantities.concepts import (
    Window,
    measured,
    offsets,
    referred,
    windows,
)
from crosswire.extract.quantities.units import CURRENCY_PREFIX_PATTERN, currency_name, match_unit, unit_name
from crosswire.model import Article
from crosswire.text.document import Document
from crosswire.text.numbers import (
    DIGITS,
    NUMBER_WORD,
    SCALES,
    VAGUE,
    Number,
    figure,
    parse_digits,
    parse_words,
    scale,
)

__all__ = ["QUANTITIES", "Quantity", "extract_quantities"]

logger = logging.getLogger(__name__)


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


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
    concept: str | None = None
    concept_start: int | None = None
    concept_end: int | None = None

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
            "concept": self.concept,
            "concept_start": self.concept_start,
            "concept_end": self.concept_end,
        }


# --- patterns -------------------------------------------------------------------------------

_SCALE_AFTER = (
    r"(?:hundred\s(?:thousand|million|billion)|hundred|thousand|million|billion|trillion"
    r"|Hundred|Thousand|Million|Billion|Trillion|bn|mn|mln|tn|trn|m|k|b|M|B|K|BN|Bn|MN)"
)
# A number in digits, with a currency before it and a scale after it ("US$48.2 million").
_DIGIT_NUMBER = re.compile(
    rf"(?P<cur>{CURRENCY_PREFIX_PATTERN.pattern})?(?P<neg>(?:minus|Minus)[- ]|[-−])?(?P<num>{DIGITS})"
    rf"(?:(?P<ssep>[ -]?)(?P<scale>{_SCALE_AFTER})(?![A-Za-z]))?"
)
_VAGUE = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in sorted(VAGUE, key=len, reverse=True))
# Number words and vague amounts ("twenty-five", "a dozen", "dozens of", "several").
_WORD_NUMBER = re.compile(
    rf"(?P<vague>{_VAGUE})\b"
    rf"|(?P<words>{NUMBER_WORD})(?:\s(?P<wscale>hundred|thousand|million|billion))?(?![A-Za-z])",
    re.IGNORECASE,
)
_POINT_NUMBER = re.compile(r"(?<![\w.])\.\d")  # ".001 per cent"
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5,
    "fifths": 5, "sixth": 6, "sixths": 6, "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10,
}  # fmt: skip
_COUNT_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten"
_SMALL_WORDS = "a|" + _COUNT_WORDS
# Fractions: "two-thirds of", "a third of", "half of", "one in three", "a two-in-three chance",
# "one out of five", "1/16 of" (digits over digits only before "of": "12/05" is a date); ratios
# written with hyphens: "six-to-one", "3-to-1" (one quantity, not two counts).
_FRACTION = re.compile(
    rf"(?:(?P<num>{_SMALL_WORDS}|\d+)[- ](?P<den>{'|'.join(_DENOMINATORS)})|(?P<half>half))(?=\s+of\s)"
    rf"|(?P<one>{_COUNT_WORDS}|\d{{1,3}})[\s-](?:in|out[\s-]of)[\s-](?P<of>{_COUNT_WORDS}|\d{{1,3}})\b"
    r"(?!-\w|[\d,.]\d|\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|games?|matches|races?)\b)"
    rf"|(?P<rnum>{_COUNT_WORDS}|\d+)-to-(?P<rden>{_COUNT_WORDS}|\d+)\b"
    r"|(?P<dnum>\d+)\s?[/⁄](?P<dden>\d+)(?=\s+of\s)",
    re.IGNORECASE,
)
_OF_UNIT = re.compile(r"\s+of\s+(?:an?\s|the\s)?(?:(?:US|U\.S\.|imperial)\s)?")
_ORDINAL_BEFORE = _set("the first second other latter last final")
_CURRENCY_TAIL = re.compile(
    r"(?:US\s?\$|\$US|\$A|[A-Z]{1,2}\s?\$|USD|EUR|GBP|JPY|AUD|CAD|CHF|INR|Rs\.?|RM|PS|Y=|[$£€¥₹₽₪])"
    r"\s?(?:minus[- ]|[-−])?$"
)

# Words that start a number word or a vague amount, found with one Aho-Corasick pass: far
# cheaper than a regular expression alternation tried at every position of the text. The pass
# runs over the text's a-z letters with every other character made a space (see ``_letters``),
# and every key starts with that space: the automaton then leaves its root only at word starts,
# which halves the pass; a hit is checked against the real text.
_AUTOMATON = ahocorasick.Automaton()
for _key in [
    *_set(
        """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
        fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
        eighty ninety dozens several hundreds thousands millions billions tens scores"""
    ),
    *["a dozen", "a couple", "a few", "a hundred", "a thousand", "a million", "a billion"],
    *["a third", "a quarter", "a half", "half", "a fifth", "a tenth"],
]:
    _AUTOMATON.add_word(" " + _key, _key)
_AUTOMATON.make_automaton()
_LETTERS_ONLY = bytes(code + 32 if 65 <= code <= 90 else code if 97 <= code <= 122 else 32 for code in range(256))

_MONTHS = _set(
    """jan feb mar apr jun jul aug sep sept oct nov dec january february march april may june july
    august september october november december"""
)
_TIME_AFTER = re.compile(r"\s?(?:[ap]\.?m\b\.?|[AP]\.?M\b|GMT|BST|EST|EDT|PST|PDT|CET|UTC|hrs\b|h\d\d|o'clock)")
_CLOCK = re.compile(r"[:.]\d\d\s?(?:[ap]\.?m\b|[AP]M\b)|:\d\d")
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
_IDENT_WORDS = _set(
    """category level number no no. page chapter article section version season phase round line
    gate room flight route highway channel episode grade tier stage unit game model type class
    zone term figure table vol apollo series mark pier platform bus interstate district ward act
    clause paragraph verse covid-19 covid sp ftse nasdaq dow ibex dax cac nikkei sensex
    h.r. s. h.res. s.res. h.j.res. s.j.res. a.b. s.b. h.b. s.f. h.f. l.d."""
)
_STREET = re.compile(
    r"(?:[-–]\d+)?\s(?:[NSEW]\.?\s)?(?:(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th))\s){0,2}"
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Drive|Way|Place|Square|Boulevard|Blvd)\b"
)
_YEAR_PREPOSITIONS = _set("""in since from by until till between and of circa c. to before after during""")
_PUNCT = "\"'“”‘’()[],;:"
_PUNCT_STOP = _PUNCT + "."
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "”")

_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|and|or)\s*(?:-|–|to\s)?\s*", re.IGNORECASE)
_PER = re.compile(
    r"[\s-]?(?:per|a|an|/|each)[\s-]?(?P<per>share|barrel|gallon|ounce|tonne|ton|head|person|capita"
    r"|night|day|week|month|year|hour|minute|second|kilo|kg|gram|litre|liter|sq\s?m|sq\s?ft"
    r"|square\s(?:foot|feet|metre|meter)|century|game|unit|pupil|household|mmBTU)\b"
    r"(?!\s(?:earlier|ago|later|before|after)\b)",
    re.IGNORECASE,
)
_CURRENCY_SIGNS = frozenset("$£€¥₹₽₪=")
_PHONE = re.compile(r"[-–]\d+[-–]\d+|\s\d{3,4}\s\d{3,4}|\)\s?\d{3}|-\d{4}\b")  # and ISBNs, ISO dates
_SCORE = re.compile(r"\s?[-–]\s?(\d+)(?![\d,%]|\.\d)")  # 2-0, 89-89
_WORD_AFTER = re.compile(r"\s*(?:of\s+)?([A-Za-z]+)")
_FROM_TO = re.compile(r"(?:[^,;!?\n.\d]|\.(?=\d)|\d(?![\d,.]*\s?(?:%|per\s?cent)))+?\sto\s+(?=[$£€\d])")
_US_AFTER = re.compile(r"\s(?:US|U\.S\.)(?![A-Za-z])")
_DIGIT_GROUPS = frozenset(_DIGIT_NUMBER.groupindex)
_WORD_GROUPS = frozenset(_WORD_NUMBER.groupindex)

_BOUND_WORDS = {
    "about": "~", "around": "~", "approximately": "~", "approx.": "~", "roughly": "~", "some": "~",
    "nearly": "~", "almost": "~", "circa": "~", "c.": "~", "~": "~", "≈": "~", "estimated": "~",
    "over": ">", "above": ">", "exceeding": ">", "under": "<", "below": "<",
}  # fmt: skip
_BOUND_PHRASES = {
    "close to": "~", "an estimated": "~", "more than": ">", "upwards of": ">", "in excess of": ">",
    "just over": ">", "well over": ">", "just above": ">", "at least": ">=", "no fewer than": ">=",
    "no less than": ">=", "a minimum of": ">=", "fewer than": "<", "less than": "<",
    "just under": "<", "well under": "<", "just below": "<", "up to": "<=", "at most": "<=",
    "no more than": "<=", "as many as": "<=", "as much as": "<=", "a maximum of": "<=",
}  # fmt: skip
_BOUND_AFTER = re.compile(r"(?:-odd|\sodd|\sor\sso|-plus|\sor\smore|\sor\sfewer|\sor\sless)\b|\+")

_STOP = _set(
    """a an the this that these those which who whom whose what when where while than as at by for
    from in into of off on onto out over to under up down with without within and or but nor yet
    if because since until after before during between among against across through his her its
    their our my your he she it they we you i them him us me there here not no last next each
    apiece ago later earlier more less also already now then so still too very just only about
    around per said says say were was are is be been being have has had will would could can may
    might did do does ever never all both either neither some such other another same own every
    any many much few including include includes via cent percent percentage versus vs year-on-
    year compared according like it's that's there's abroad overseas home worldwide annually
    alone today yesterday tomorrow behind beside near toward towards upon amid along beyond
    inside outside throughout despite except unlike"""
)
_IRREGULAR_PLURAL = _set(
    """people police personnel staff cattle feet teeth mice geese children data media crew
    livestock militia infantry artillery aircraft"""
)
_DETERMINERS = _set("""a an the its his her their our your this that these those""")
_NOUNS_LY = _set("""supply family rally assembly ally monopoly""")
# Units that may head a counted noun phrase: "517 rushing yards", "50 previous years".
_UNIT_NOUNS = _set("""yard mile year day week month hour minute decade km m ft kg t ton barrel gallon lb acre""")


# --- extraction -----------------------------------------------------------------------------


def extract_quantities(source: Article | Document) -> list[Quantity]:
    """Every quantity in an article's text (or its document's), sorted by start."""
    doc = Document.of(source)
    text = doc.text
    found: list[Quantity] = []
    consumed = 0
    for start, is_digit in _candidates(doc):
        if start < consumed:
            continue
        # the pattern is tried here first: it fails at almost every candidate
        fraction = _fraction(doc, start, found[-1] if found else None) if _FRACTION.match(text, start) else None
        if fraction is not None:
            found.append(fraction)
            consumed = fraction.end
            continue
        match = _match_number(text, start, is_digit)
        if match is None or match.start() < consumed:
            continue
        try:
            quantity, end = _read(doc, match, found[-1] if found else None)
        except (ValueError, OverflowError):  # a malformed number: not a quantity
            quantity, end = None, match.end()
        consumed = end
        if quantity is not None:
            found.append(quantity)
    return found


def _fraction(doc: Document, start: int, previous: Quantity | None) -> Quantity | None:
    """A fraction at ``start``: "two-thirds of", "half of", "one in three", "1/16 of a pint"."""
    text = doc.text
    match = _FRACTION.match(text, start)
    if match is None or (start and (text[start - 1].isalnum() or text[start - 1] in "./$£€")):
        return None
    groups = match.groupdict()
    num: Number
    den: Number
    if groups["half"] or groups["den"]:
        word = text[max(0, start - 12) : start].split()[-1:]
        if word and word[0].lower() in _ORDINAL_BEFORE:
            return None  # "the second half of the season"
        num = 1 if groups["half"] else parse_words(groups["num"]) or parse_digits(groups["num"])
        den = 2 if groups["half"] else _DENOMINATORS[groups["den"].lower()]
    elif groups["one"]:
        num = parse_words(groups["one"]) or parse_digits(groups["one"])
        den = parse_words(groups["of"]) or parse_digits(groups["of"])
    elif groups["rnum"]:
        num = parse_words(groups["rnum"]) or parse_digits(groups["rnum"])
        den = parse_words(groups["rden"]) or parse_digits(groups["rden"])
    else:
        num, den = parse_digits(groups["dnum"]), parse_digits(groups["dden"])
    if not num or not den or (num >= den and not groups["rnum"]) or figure(num) is None or figure(den) is None:
        return None
    end = match.end()
    unit = None
    of = _OF_UNIT.match(text, end)
    if of is not None:
        found = match_unit(text, of.end())
        if found is not None and not found[1] and found[2] not in ("percent", "USD"):
            unit, end = found[2], found[3]
    words_before = [w.strip(_PUNCT).lower() for w in text[max(0, start - 40) : start].split()[-3:]]
    bound, bound_start = _bound(text, start, words_before)
    quantity, _ = _finish(doc, bound_start, end, num / den, None, None, bound, unit, None, previous)
    return quantity


def _letters(doc: Document) -> str:
    """A space, then the text in lower case with every character but a-z as a space (offsets
    shift by one)."""
    # the Kelvin sign is the one character outside ASCII that lowers to a-z
    data = doc.lower.encode("ascii", "replace") if "\u212a" in doc.text else doc.ascii
    # one code point is one byte with "replace", so the offsets stay those of the text
    return " " + data.translate(_LETTERS_ONLY).decode("ascii")


def _candidates(doc: Document) -> list[tuple[int, bool]]:
    """Where numbers may start: runs of digits, and number words at word boundaries."""
    text = doc.text
    starts = [(start, True) for start in doc.number_starts]
    if " ." in text:
        starts.extend((m.start(), True) for m in _POINT_NUMBER.finditer(text))
    size = len(text)
    for last, key in _AUTOMATON.iter(_letters(doc)):
        begin = last - len(key)  # the key's first character in ``text`` (the pass has a lead space)
        end = last - 1
        # (lower case keeps a letter a letter: the tests read ``text`` itself)
        if (begin and text[begin - 1].isalpha()) or (end + 1 < size and text[end + 1].isalpha()):
            continue
        if text[begin : end + 1].lower() == key:  # not "a-dozen" or "two\nthirds" read as "a dozen", "two thirds"
            starts.append((begin, False))
    starts.sort()
    return starts


def _match_number(text: str, start: int, is_digit: bool) -> re.Match[str] | None:
    """The number at ``start``, widened to a currency or a sign written just before it."""
    if not is_digit:
        return _WORD_NUMBER.match(text, start)
    before = text[max(0, start - 8) : start]
    minus = before.endswith(("minus ", "minus-", "Minus ", "Minus-"))
    if not minus and start >= 2 and text[start - 1] in "-−" and text[start - 2].isalnum():
        return _DIGIT_NUMBER.match(text, start)  # "F-35", "sub-7": no sign
    plain = (before.islower() or before.isspace()) and _CURRENCY_SIGNS.isdisjoint(before)
    tail = None if plain else _CURRENCY_TAIL.search(text, max(0, start - 8), start)
    tail_start = tail.start() if tail is not None else start - 6 if minus else start
    if tail_start < start:
        match = _DIGIT_NUMBER.match(text, tail_start)
        if match is not None and match.start("num") == start:
            return match
    return _DIGIT_NUMBER.match(text, start)


def _read(doc: Document, match: re.Match[str], previous: Quantity | None) -> tuple[Quantity | None, int]:
    """The quantity around one number match, and where scanning should resume."""
    text = doc.text
    first = _value(text, match)
    if first is None:
        return None, match.end()
    value, currency, low, high, end = first
    start = match.start()
    before = text[max(0, start - 40) : start].split()
    if start > 40 and before and not text[start - 41].isspace():
        before = before[1:]  # a cut word
    words_before = [w.strip(_PUNCT).lower() for w in before[-3:]]

    unit, unit_end = (currency, end) if currency else _unit_at(text, end, match)
    if low is None and _excluded(text, match, value, currency or unit, before, words_before):
        return None, _skip_token(text, match.end())

    if low is None and value is not None:
        ranged = _range(text, match, value, currency, unit, unit_end, words_before)
        if ranged is not None:
            low, high, unit, unit_end = ranged
            value = None
    if unit is None and low is None and _is_age(text, match, value, before):
        unit = "year of age"  # "Maddon, 66, has used the downtime"
    if currency is not None:
        us = _US_AFTER.match(text, unit_end)
        if us is not None:
            unit_end = us.end()
    if unit is not None and " per " not in unit:
        per = _PER.match(text, unit_end)
        if per is not None:
            per_unit = unit_name(per.group("per")) or " ".join(per.group("per").lower().split())
            unit = f"{unit} per {per_unit}"
            unit_end = per.end()
    end = max(end, unit_end)

    bound, bound_start = _bound(text, start, words_before)
    start = min(start, bound_start)
    after = _BOUND_AFTER.match(text, end)
    if after is not None:
        word = after.group().strip()
        if word in ("-odd", "odd", "or so"):
            bound = "~"
        elif word in ("or fewer", "or less"):
            bound = "<="
        else:
            bound = ">="
        end = after.end()

    return _finish(doc, start, end, value, low, high, bound, unit, currency, previous)


def _finish(
    doc: Document,
    start: int,
    end: int,
    value: Number | None,
    low: Number | None,
    high: Number | None,
    bound: str,
    unit: str | None,
    currency: str | None,
    previous: Quantity | None,
) -> tuple[Quantity, int]:
    """The quantity at ``text[start:end]``, with the thing it counts and the concept it refers to."""
    text = doc.text
    left, right = windows(doc, start, end)
    counted = unit is None
    if counted:
        thing = _counted(right, value if value is not None else high)
    else:
        thing = measured(right, left, currency is not None)
    thing_span = offsets(text, right, *thing) if thing is not None else None
    if counted and thing_span is not None:
        unit = _unit_of_count(text, thing_span)
    if thing_span is not None and not counted:
        concept_span: tuple[int, int] | None = thing_span
    elif previous is not None and text[previous.end : start].strip() in ("(", "/", "or", ", or"):
        # "87 mph (140 km/h)", "10.5 million Australian dollars ($7.5 million)": the same concept
        concept_span = None
        if previous.concept_start is not None and previous.concept_end is not None:
            concept_span = (previous.concept_start, previous.concept_end)
    else:
        concept = referred(left, unit is not None)
        concept_span = offsets(text, left, *concept) if concept is not None else None
    # positional arguments: keywords make the constructor twice as slow
    quantity = Quantity(
        start,
        end,
        text[start:end],
        value,
        low,
        high,
        bound,
        unit,
        *_spanned(text, thing_span),
        *_spanned(text, concept_span),
    )
    return quantity, end


def _spanned(text: str, span: tuple[int, int] | None) -> tuple[str | None, int | None, int | None]:
    """The text, start and end of ``span`` (three ``None`` without one), as a record stores them."""
    if span is None:
        return None, None, None
    return text[span[0] : span[1]], span[0], span[1]


def _is_age(text: str, match: re.Match[str], value: Number | None, before: list[str]) -> bool:
    """An age in apposition after a name: "Jo Smith, 25, said"."""
    if not isinstance(value, int) or not 0 < value < 120 or _group(match, "words"):
        return False
    start, end = match.start(), match.end()
    if text[start - 2 : start] != ", " or text[end : end + 1] != ",":
        return False
    name = before[-1] if before else ""
    return len(name) > 2 and name[0].isupper() and name.endswith(",") and name[-2].isalpha()


def _value(
    text: str, match: re.Match[str]
) -> tuple[Number | None, str | None, Number | None, Number | None, int] | None:
    """(value, currency, low, high, end) of one number match; None when it is no number."""
    if match.re is _WORD_NUMBER:
        vague, words, wscale = match.group("vague", "words", "wscale")
        if vague:
            low, high = VAGUE[" ".join(vague.lower().split())]
            return None, None, low, high, match.end()
        amount: Number | None = parse_words(words)
        if amount is None:
            return None
        if wscale:
            amount = scale(amount, SCALES[wscale.lower()])
        return figure(amount), None, None, None, match.end()
    cur, neg, num, ssep, factor = match.group("cur", "neg", "num", "ssep", "scale")
    number: Number = parse_digits(num)
    if neg:
        number = -number
    currency = currency_name(cur) if cur else None
    end = match.end()
    if factor is not None:
        key = factor.lower()
        if (factor in ("m", "k", "b") and currency is None) or (ssep == "-" and len(key) < 3):
            key = ""  # "37m" is metres, "5k" a run: m/k/b are scales only after a currency
        elif key[0] in "htmb" and len(key) > 3 and ssep == "":
            key = ""  # "5million" is fine, but "3hundred" ... keep digits glued to words out
        if key:
            for part in key.split():
                number = scale(number, SCALES[part])
        else:
            end = match.end("num")
    return figure(number), currency, None, None, end  # beyond any figure: kept as text


def _excluded(
    text: str,
    match: re.Match[str],
    value: Number | None,
    unit: str | None,
    before: list[str],
    words_before: list[str],
) -> bool:
    """True when the number is a time, date, year, ordinal, score, phone number or a name."""
    start = match.start()
    prev_char = text[start - 1] if start else " "
    if prev_char.isalnum() or prev_char in "_./\\#@":
        return True
    prev = words_before[-1] if words_before else ""
    if match.re is _WORD_NUMBER and match.group("words"):
        return _excluded_word(text, match, prev)
    num_end = match.end("num")
    if prev_char in "-−" and match.start("num") == start:
        glued = prev.endswith(("sub-", "minus-", "now-", "mid-")) or start < 2 or text[start - 2] in " ($"
        if not glued:
            return True
    nxt = text[num_end : num_end + 1]
    if nxt == ":" or (nxt == "." and _CLOCK.match(text, num_end)) or _TIME_AFTER.match(text, match.end()):
        return True
    if nxt == "." and text[num_end + 1 : num_end + 2].isdigit():
        return True  # 192.168.1.2, 1.2.3
    if nxt.isalpha() and unit is None and not match.group("scale"):
        return True  # 2nd, 3D, 5G, 1990s, M21
    if nxt in "/⁄" and text[num_end + 1 : num_end + 2].isdigit():
        return True  # fractions and dates written 1/16, 12/05
    if match.group("cur") or unit not in (None, "year", "day", "month", "week", "hour"):
        return False
    digits = match.group("num")
    if isinstance(value, int) and not match.group("scale"):
        year_like = len(digits) == 4 and 1000 <= value <= 2199
        if year_like and (1900 <= value <= 2100 or prev in _YEAR_PREPOSITIONS or unit is not None):
            return True  # a year ("in 2023", "2019 review")
        if value <= 31 and (prev.rstrip(".") in _MONTHS or _month_after(text, num_end)):
            return True  # Nov. 4, 4 November
        if _PHONE.match(text, num_end, num_end + 12):
            return True  # phone numbers, ISBNs, ISO dates
        score = _SCORE.match(text, num_end, num_end + 8)
        if score and value < 200 and value >= int(score.group(1)):
            return True  # a score: 2-0, 89-89
        if _STREET.match(text, num_end):
            return True  # 575 Wilbraham Road
    if prev in _IDENT_WORDS:
        return True
    if before and unit is None:
        word = before[-1]
        if any(c.isupper() or c.isdigit() for c in word) and word[-1] not in _PUNCT_STOP:
            first_word = len(before) == 1 and start < 40
            after_stop = len(before) > 1 and before[-2].endswith(_SENTENCE_END)
            if not (first_word or after_stop) and word.lower() not in _BOUND_WORDS:
                return True  # iPhone 11, Channel 5, S&P 500
    return False


def _excluded_word(text: str, match: re.Match[str], prev: str) -> bool:
    """Number words that are no quantity: "no one", "one another", "the one", "one-off"."""
    words = match.group("words")
    if words[0].isupper() and match.start() > 1 and text[match.start() - 2].isalpha():
        before = text[max(0, match.start() - 30) : match.start()].split()
        if before and before[-1][0].isupper() and before[-1][-1].isalpha():
            return True  # a name: "BBC One", "Formula One", "Channel Four"
    if words.lower() != "one":
        return False
    tail = text[match.end() : match.end() + 10].lower()
    if tail.startswith(("-", " another", " day", " by one", " time", "'s", "’s", " or two")):
        return True
    if tail.startswith((",", ".", ";")) and prev not in ("of", "to", "than", "by", "from", "at"):
        return True  # "another one,", "they picked one.": a pronoun ("from four to one." stays a count)
    return prev in (
        "no", "the", "this", "that", "each", "any", "every", "which", "only", "someone", "another", "last", "such"
    )  # fmt: skip


def _month_after(text: str, pos: int) -> bool:
    found = _WORD_AFTER.match(text, pos, pos + 16)
    return found is not None and found.group(1).lower() in _MONTHS and found.group(1)[0].isupper()


def _skip_token(text: str, pos: int) -> int:
    """Past the rest of an excluded token (the ':27' of '10:27')."""
    size = len(text)
    while pos < size and (text[pos].isalnum() or text[pos] in ":.,/-"):
        if text[pos] in ".,-" and (pos + 1 >= size or not text[pos + 1].isalnum()):
            break
        pos += 1
    return pos


def _unit_at(text: str, pos: int, match: re.Match[str]) -> tuple[str | None, int]:
    """The normalised unit written at ``pos`` (right after a number), and where it ends."""
    found = match_unit(text, pos)
    if found is None:
        return None, pos
    surface, sep, name, unit_end = found
    if len(surface) == 1 and surface.isascii() and surface.isalpha():
        if sep and not (sep == " " and surface in _SPACED_LETTERS and _letter_alone(text, unit_end)):
            return None, pos  # "5 m", "4-s": single letters only when attached, but "5 W", "68 p at"
        if surface == "s" and "." not in (_group(match, "num") or ""):
            return None, pos  # "3s", "1990s": plurals; seconds are written "9.58s"
    if name == "lb" and surface.lower().startswith("pound") and _has_scale(match):
        name = "GBP"
    if name == "pence" and not text[pos - 1 : pos].isdigit():
        return None, pos
    return name, unit_end


# Single-letter units that news also writes after a space: "a 5 W charger", "12 C", "68 p".
_SPACED_LETTERS = frozenset("WVCp")


def _letter_alone(text: str, pos: int) -> bool:
    """True when the letter ending at ``pos`` is not an initial: "5 W charger", not "5 W. Smith"."""
    nxt = text[pos : pos + 2]
    return not nxt or (nxt[0] in " ,;)" and not (len(nxt) > 1 and nxt[0] == "." and nxt[1].isalpha()))


def _has_scale(match: re.Match[str]) -> bool:
    return bool(_group(match, "scale") or _group(match, "wscale"))


def _group(match: re.Match[str], name: str) -> str | None:
    """A named group of a number match; None when unmatched or not in its pattern (cheaper than
    ``groupdict``, which builds a dictionary of every group)."""
    groups = _DIGIT_GROUPS if match.re is _DIGIT_NUMBER else _WORD_GROUPS
    return match.group(name) if name in groups else None


def _range(
    text: str,
    match: re.Match[str],
    value: Number,
    currency: str | None,
    unit: str | None,
    pos: int,
    words_before: list[str],
) -> tuple[Number, Number, str | None, int] | None:
    """(low, high, unit, end) when the number starts a range: "18 to 25 percent"."""
    prev = words_before[-1] if words_before else ""
    sep = _RANGE_SEP.match(text, pos)
    if sep is None and prev == "from" and (unit is not None or currency is not None):
        sep = _FROM_TO.match(text, pos)  # "from $36,040 at 10.45pm to $34,935": a change, as a range
    if sep is None:
        return None
    word = sep.group().strip().lower()[:3].strip() if sep.re is _RANGE_SEP else "to"
    second_start = sep.end()
    second = _DIGIT_NUMBER.match(text, second_start) or _WORD_NUMBER.match(text, second_start)
    if second is None or second.start() != second_start or _group(second, "vague"):
        return None
    is_words = bool(_group(match, "words"))
    second_words = bool(_group(second, "words"))
    if word.startswith("and") and prev != "between":
        return None
    if word.startswith("or") and not (is_words and second_words):
        return None
    if word[0] in "-–—" and (is_words or second_words or unit is not None):
        return None
    parsed = _value(text, second)
    if parsed is None or parsed[0] is None:
        return None
    other, currency2, _, _, end2 = parsed
    if other is None:
        return None
    unit2, unit2_end = (currency2, end2) if currency2 else _unit_at(text, end2, second)
    if unit is not None and unit2 is not None and unit != unit2:
        return None  # "up 9.4 per cent to $84": two quantities
    if unit is not None and unit2 is None and prev != "from" and unit != currency:
        return None
    if unit is None and unit2 is not None and currency is None and currency2 is not None:
        return None
    low: Number = value
    factor = (_group(second, "scale") or _group(second, "wscale") or "").lower().split()
    if factor and len(factor[0]) > 1 and all(p in SCALES for p in factor) and not _has_scale(match):
        # "1 to 2 thousand", "$89 to $93 billion": the scale written once covers both ends
        scaled = low
        for part in factor:
            scaled = scale(scaled, SCALES[part])
        if scaled <= other:
            low = scaled
    if prev != "from" and low > other:
        return None
    if prev == "by" and low > 0 and other > 2 * low:
        return None  # "increased by $43.6 billion to $419.2 billion"
    if word[0] in "-–—" and low >= other:
        return None
    low, high = (low, other) if low <= other else (other, low)
    return low, high, unit2 or unit, unit2_end if unit2 else end2


_BOUND_PHRASE_ENDS = frozenset(phrase.split()[-1] for phrase in _BOUND_PHRASES)


def _bound(text: str, start: int, words_before: list[str]) -> tuple[str, int]:
    """The bound written before the quantity ("about", "more than", "up to"), and its start."""
    if start and text[start - 1] in "~≈":
        return "~", start - 1
    if not words_before:
        return "=", start
    for size in (3, 2) if words_before[-1] in _BOUND_PHRASE_ENDS else ():
        phrase = " ".join(words_before[-size:])
        if phrase in _BOUND_PHRASES:
            return _BOUND_PHRASES[phrase], _phrase_start(text, start, phrase)
    last = words_before[-1]
    if last in _BOUND_WORDS:
        if last == "some" and len(words_before) > 1 and words_before[-2] == "of":
            return "=", start
        return _BOUND_WORDS[last], _phrase_start(text, start, last)
    if last.endswith("sub-") or last == "sub-":
        return "<", start
    return "=", start


def _phrase_start(text: str, start: int, phrase: str) -> int:
    window = text[max(0, start - 40) : start].lower()
    first = phrase.split()[0]
    found = window.rfind(first)
    return start - len(window) + found if found >= 0 else start


def _is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in _IRREGULAR_PLURAL or lower.endswith("men"):
        return True
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is", "'s", "’s"))


def _counted(after: Window, amount: Number | None) -> tuple[int, int] | None:
    """Token indexes (in ``after``) of the noun phrase a count counts: content words up to the
    first plural noun ("250 multiple rocket launchers", "dozens of people", "Kia and Hyundai
    vehicles"); for one, the singular noun phrase ("one count")."""
    words, lows = after[0], after[1]
    k = 0
    if lows and lows[0] == "of":
        k = 1
        while k < len(lows) and lows[k] in _DETERMINERS:
            k += 1
    plural = amount != 1
    last = -1
    for i in range(k, min(len(words), k + 5)):
        word = words[i]
        lower = lows[i]
        if lower == "and" and plural and last >= 0 and i + 1 < len(words) and words[i + 1][0].isalpha():
            continue  # "Kia and Hyundai vehicles", "digital and physical sales"
        if word.isdigit() and last >= 0 and i + 1 < len(words) and words[i + 1][0].isupper():
            continue  # "two new 737 Max jets"
        stop = lower in _STOP and not (word.isupper() and len(word) > 1)  # "US", not "us"
        if not word[0].isalpha() or stop or (lower.endswith("ly") and lower not in _NOUNS_LY):
            break
        if not plural and last >= 0 and _is_plural(word):
            break  # "one proposal asks": a verb after the singular noun
        if unit_name(word) == "percent":
            break
        last = i
        if plural and _is_plural(word):
            return k, i
        if i >= k + 3:
            break
    if last < 0 or plural:
        return None
    return k, last


def _unit_of_count(text: str, span: tuple[int, int]) -> str | None:
    """The unit when a count's noun is one: "517 rushing yards", "one US fluid ounce"."""
    space = text.rfind(" ", span[0], span[1])
    head = text[space + 1 if space >= 0 else span[0] : span[1]]  # the last word (the whole span if one word)
    name = unit_name(head) if len(head) > 2 and head.islower() else None
    return name


def _extract(doc: Document, found: Mapping[str, Any]) -> Found:
    return {"quantities": tuple(extract_quantities(doc))}


QUANTITIES = Extractor("quantities", (), ("quantities",), _extract)
"""The quantities extractor as the extract stage runs it."""
