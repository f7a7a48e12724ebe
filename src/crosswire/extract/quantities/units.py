"""Units of measure and currencies as news writes them, with one normalised name each.

A unit is written after the number ("600mm", "25 per cent", "10.5 million Australian
dollars"); a currency may also come before it ("$48.2 million", "£2.7m", "HK$5.4m").
:func:`match_unit` reads a unit written after a number, :data:`CURRENCY_PREFIX_PATTERN`
matches a currency written before one; :func:`unit_name` and :func:`currency_name` give the normalised
name (ISO 4217 codes for currencies, short SI-style symbols or plain names for the rest).

Hand-written because the unit libraries (pint, quantulum3) parse units given to them rather
than find the few hundred spellings news uses inside running text, and quantulum3's finder
is both slow and wrong on common news forms ("2.15pm" read as picometres).
"""

from __future__ import annotations

import re

__all__ = [
    "CURRENCY_PREFIX_PATTERN",
    "TIME_UNITS",
    "currency_name",
    "match_unit",
    "unit_name",
]

# normalised name -> spellings after a number. Symbols are matched with their case as listed;
# words are matched in lower, Capitalised and UPPER case.
_SYMBOLS: dict[str, tuple[str, ...]] = {
    "percent": ("%", "pc", "pct"),
    "basis point": ("bps", "bp"),
    "mm": ("mm",), "cm": ("cm",), "m": ("m",), "km": ("km", "kms"), "nm": ("nm",),
    "µm": ("μm", "µm"), "ft": ("ft",), "inch": ("″",), "yard": ("yd", "yds"),
    "m2": ("m2", "m²", "sq m", "sqm", "sq. m"), "km2": ("km2", "km²", "sq km"),
    "sq ft": ("sq ft", "sq. ft", "sqft"), "sq mi": ("sq mi",), "ha": ("ha",),
    "l": ("l", "L"), "ml": ("ml", "mL"), "cc": ("cc",), "bbl": ("bbl",),
    "kg": ("kg", "kgs"), "g": ("g",), "mg": ("mg",), "µg": ("μg", "µg", "mcg"),
    "lb": ("lb", "lbs"), "oz": ("oz",), "t": ("t",),
    "mph": ("mph", "MPH"), "km/h": ("km/h", "kmh", "kph", "km/hr", "kmph"), "m/s": ("m/s",),
    "W": ("W",), "kW": ("kW", "KW"), "MW": ("MW",), "GW": ("GW",),
    "Wh": ("Wh",), "kWh": ("kWh", "KWh"), "MWh": ("MWh",), "GWh": ("GWh",), "TWh": ("TWh",),
    "hp": ("hp",), "bhp": ("bhp",), "PS": ("PS",), "mAh": ("mAh",), "V": ("V",), "kV": ("kV",),
    "Nm": ("Nm",), "lb-ft": ("lb-ft", "lb ft"),
    "°C": ("°C", "ºC", "° C", "C"), "°F": ("°F", "ºF", "° F", "F"), "degree": ("°", "º"),
    "Hz": ("Hz", "HZ"), "kHz": ("kHz",), "MHz": ("MHz",), "GHz": ("GHz",),
    "KB": ("KB", "kB"), "MB": ("MB",), "GB": ("GB",), "TB": ("TB",),
    "Mbps": ("Mbps", "Mb/s"), "Gbps": ("Gbps", "Gb/s"),
    "dB": ("dB",), "GPa": ("GPa",), "MPa": ("MPa",), "kPa": ("kPa",), "psi": ("psi",),
    "rpm": ("rpm",), "ppm": ("ppm",), "ppb": ("ppb",), "mpg": ("mpg",), "kcal": ("kcal",),
    "second": ("sec", "secs", "s"), "minute": ("min", "mins"), "hour": ("hr", "hrs", "h"),
    "pence": ("p",), "mmBtu": ("mmBtu", "mmBTU", "MMBtu", "MMBTU", "mmbtu"),
}  # fmt: skip

_WORDS: dict[str, tuple[str, ...]] = {
    "percent": ("per cent", "percent", "per-cent", "percentage points", "percentage point"),
    "basis point": ("basis points", "basis point"),
    "mm": ("millimetres", "millimetre", "millimeters", "millimeter"),
    "cm": ("centimetres", "centimetre", "centimeters", "centimeter"),
    "m": ("metres", "metre", "meters", "meter"),
    "km": ("kilometres", "kilometre", "kilometers", "kilometer"),
    "nm": ("nanometres", "nanometre", "nanometers", "nanometer"),
    "µm": ("micrometres", "micrometre", "micrometers", "micrometer", "microns", "micron"),
    "mile": ("miles", "mile"), "ft": ("feet", "foot"), "inch": ("inches", "inch"),
    "yard": ("yards", "yard"), "nautical mile": ("nautical miles", "nautical mile"),
    "light year": ("light years", "light-years", "light year"),
    "m2": ("square metres", "square metre", "square meters", "square meter"),
    "km2": ("square kilometres", "square kilometre", "square kilometers", "square kilometer"),
    "sq mi": ("square miles", "square mile"), "sq ft": ("square feet", "square foot"),
    "ha": ("hectares", "hectare"), "acre": ("acres", "acre"),
    "l": ("litres", "litre", "liters", "liter"), "ml": ("millilitres", "millilitre",
    "milliliters", "milliliter"), "gallon": ("gallons", "gallon"), "pint": ("pints", "pint"),
    "quart": ("quarts", "quart"), "barrel": ("barrels", "barrel"),
    "m3": ("cubic metres", "cubic metre", "cubic meters", "cubic meter"),
    "cu ft": ("cubic feet", "cubic foot"),
    "kg": ("kilograms", "kilogram", "kilogrammes", "kilogramme", "kilos", "kilo"),
    "g": ("grams", "gram", "grammes", "gramme"), "mg": ("milligrams", "milligram"),
    "µg": ("micrograms", "microgram"), "lb": ("pounds", "pound"), "oz": ("ounces", "ounce"),
    "t": ("tonnes", "tonne", "metric tons", "metric ton"), "ton": ("tons", "ton"),
    "mph": ("miles per hour", "miles an hour", "mile per hour"),
    "km/h": ("kilometres per hour", "kilometers per hour", "kilometres an hour",
             "kilometers an hour"), "knot": ("knots", "knot"),
    "W": ("watts", "watt"), "kW": ("kilowatts", "kilowatt"), "MW": ("megawatts", "megawatt"),
    "GW": ("gigawatts", "gigawatt"), "kWh": ("kilowatt-hours", "kilowatt hours",
    "kilowatt-hour", "kilowatt hour"), "GWh": ("gigawatt-hours", "gigawatt hours"),
    "hp": ("horsepower",), "V": ("volts", "volt"), "kV": ("kilovolts", "kilovolt"),
    "Nm": ("newton metres", "newton meters"), "lb-ft": ("pound-feet", "pound-foot"),
    "°C": ("degrees celsius", "degrees centigrade", "degree celsius", "celsius", "centigrade"),
    "°F": ("degrees fahrenheit", "degree fahrenheit", "fahrenheit"),
    "degree": ("degrees", "degree"),
    "Hz": ("hertz",), "kHz": ("kilohertz",), "MHz": ("megahertz",), "GHz": ("gigahertz",),
    "MB": ("megabytes", "megabyte"), "GB": ("gigabytes", "gigabyte"),
    "TB": ("terabytes", "terabyte"), "Mbps": ("megabits per second",),
    "dB": ("decibels", "decibel"), "GPa": ("gigapascals", "gigapascal"),
    "ppm": ("parts per million",), "ppb": ("parts per billion",),
    "mpg": ("miles per gallon", "miles a gallon"), "calorie": ("calories", "calorie"),
    "second": ("seconds", "second"), "minute": ("minutes", "minute"), "hour": ("hours", "hour"),
    "day": ("days", "day"), "week": ("weeks", "week"), "month": ("months", "month"),
    "year": ("years", "year"), "decade": ("decades", "decade"),
    "century": ("centuries", "century"), "times": ("times",),
    "year of age": ("years old", "year-old", "years-old", "-year-old", "-years-old"),
    "month of age": ("months old", "month-old", "-month-old"),
    "week of age": ("weeks old", "week-old", "-week-old"),
    "day of age": ("days old", "day-old", "-day-old"),
    # currencies written after the number
    "USD": ("us dollars", "u.s. dollars", "dollars", "dollar"),
    "AUD": ("australian dollars",), "CAD": ("canadian dollars",), "HKD": ("hong kong dollars",),
    "NZD": ("new zealand dollars",), "SGD": ("singapore dollars",), "TWD": ("taiwan dollars",),
    "EUR": ("euros", "euro"), "GBP": ("pounds sterling", "sterling"), "JPY": ("yen",),
    "CNY": ("yuan", "renminbi"), "INR": ("rupees",), "RUB": ("roubles", "rubles"),
    "ILS": ("shekels", "shekel"), "DKK": ("danish crowns", "danish kroner"),
    "SEK": ("swedish kronor", "swedish crowns"), "NOK": ("norwegian kroner", "norwegian crowns"),
    "CHF": ("swiss francs",), "KRW": ("won",), "MYR": ("ringgit",), "ZAR": ("rand",),
    "TRY": ("lira", "liras"), "NGN": ("naira",), "MXN": ("pesos",), "UAH": ("hryvnias", "hryvnia"),
    "BTC": ("bitcoins", "bitcoin"), "cent": ("cents", "cent"), "pence": ("pence",),
    "sen": ("sen",),
}  # fmt: skip

_CODES = ("USD", "EUR", "GBP", "JPY", "CNY", "AUD", "CAD", "CHF", "INR", "HKD", "RUB", "ILS")

TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"})

_SURFACE_TO_UNIT: dict[str, str] = {}
_WORD_SURFACES: list[str] = []
for _name, _surfaces in _SYMBOLS.items():
    for _surface in _surfaces:
        _SURFACE_TO_UNIT[_surface] = _name
for _code in _CODES:
    _SURFACE_TO_UNIT[_code] = _code
_SURFACE_TO_UNIT["€"] = "EUR"
_SYMBOL_SURFACES = list(_SURFACE_TO_UNIT)
for _name, _surfaces in _WORDS.items():
    for _surface in _surfaces:
        _SURFACE_TO_UNIT.setdefault(_surface, _name)
        _WORD_SURFACES.append(_surface)


def _alternation(surfaces: list[str]) -> str:
    return "|".join(
        re.escape(s).replace(r"\ ", r"\s").replace(" ", r"\s") for s in sorted(surfaces, key=len, reverse=True)
    )


_SYMBOL_UNITS = {s: _SURFACE_TO_UNIT[s] for s in _SYMBOL_SURFACES}
_WORD_UNITS = {" ".join(s.lower().split()): _SURFACE_TO_UNIT[s] for s in _WORD_SURFACES}
_FIRST_WORDS = {s.split()[0].lower() for s in [*_SYMBOL_UNITS, *_WORD_UNITS] if " " in s}
# Up to three tokens after a number; a unit is looked up in dictionaries, longest first. A
# regular expression alternation of the few hundred spellings cost several microseconds per
# failed match (that is, for most numbers); this costs well under one.
_UNIT_TOKENS = re.compile(
    r"(\s?-?|\s)([^\s\d,;:()\"“”‘’!?\[\]][^\s,;:()\"“”‘’!?\[\]]*)"
    r"(?:\s([^\s,;:()\"“”‘’!?\[\]]+))?(?:\s([^\s,;:()\"“”‘’!?\[\]]+))?"
)


def match_unit(text: str, pos: int) -> tuple[str, str, str, int] | None:
    """The unit written at ``pos`` (right after a number): (surface, separator, normalised name,
    end). Symbols match as written (``m``, ``M``, ``g``, ``G``); words in any case."""
    found = _UNIT_TOKENS.match(text, pos)
    if found is None:
        return None
    # The answer depends only on the tokens read and the character after them: remembered per
    # such key, with its end relative to ``pos``. Only a first word that opens a unit of several
    # words ("per cent", "square metres") makes the next tokens count.
    last = found.end() if found.group(2).lower() in _FIRST_WORDS else found.end(2)
    key = text[pos : last + 1]
    try:
        known = _UNIT_MEMO[key]
    except KeyError:
        known = _match_tokens(text, found, pos)
        if len(_UNIT_MEMO) >= 1 << 16:
            _UNIT_MEMO.clear()
        _UNIT_MEMO[key] = known
    if known is None:
        return None
    surface, sep, name, length = known
    return surface, sep, name, pos + length


_UNIT_MEMO: dict[str, tuple[str, str, str, int] | None] = {}


def _match_tokens(text: str, found: re.Match[str], pos: int) -> tuple[str, str, str, int] | None:
    """``match_unit`` for one match of the unit tokens, with the end relative to ``pos``."""
    sep, *tokens = found.groups()
    begin = found.start(2)
    first = tokens[0]
    longest = 1
    if first.lower() in _FIRST_WORDS:
        longest = 3 if tokens[2] else 2 if tokens[1] else 1
    for size in range(longest, 0, -1):
        surface = " ".join(tokens[:size])
        stripped = surface.rstrip(".=")
        split = surface.split("-")[0] if size == 1 and "-" in surface else ""
        for candidate in (surface, stripped if stripped != surface else "", split):
            if not candidate:
                continue
            name = _SYMBOL_UNITS.get(candidate) or _WORD_UNITS.get(candidate.lower())
            if name is None:
                continue
            if size > 1 and text[begin : begin + len(candidate)] != candidate:
                break  # two spaces or a line break between the words
            end = begin + len(candidate)
            if end < len(text) and (text[end].isalnum() or text[end] == "²"):
                continue  # "5 mi" is no unit in "5 min"
            return candidate, sep, name, end - pos
    return None


_PREFIXES: dict[str, str] = {
    "$": "USD", "US$": "USD", "US $": "USD", "$US": "USD", "USD": "USD", "USD ": "USD",
    "A$": "AUD", "AU$": "AUD", "$A": "AUD", "AUD": "AUD", "C$": "CAD", "CA$": "CAD",
    "CAD": "CAD", "HK$": "HKD", "HK $": "HKD", "NZ$": "NZD", "S$": "SGD", "NT$": "TWD",
    "£": "GBP", "GBP": "GBP", "PS": "GBP", "€": "EUR", "EUR": "EUR", "¥": "JPY", "Y=": "JPY",
    "JPY": "JPY", "₹": "INR", "Rs": "INR", "Rs.": "INR", "RM": "MYR", "R$": "BRL",
    "₽": "RUB", "₪": "ILS", "CHF": "CHF", "Sh": "KES",
}  # fmt: skip

CURRENCY_PREFIX_PATTERN = re.compile(rf"(?:{_alternation(list(_PREFIXES))})\s?(?=[-−]?[\d.])")
"""A currency sign or code written right before a number: ``$``, ``US$``, ``£``, ``HK $``."""


def unit_name(surface: str) -> str | None:
    """The normalised name of a unit as written after a number (``per cent`` -> ``percent``)."""
    surface = " ".join(surface.split())
    return _SURFACE_TO_UNIT.get(surface) or _SURFACE_TO_UNIT.get(surface.lower())


def currency_name(prefix: str) -> str | None:
    """The ISO 4217 code of a currency sign or code written before a number."""
    return _PREFIXES.get(prefix.strip()) or _PREFIXES.get(" ".join(prefix.split()))
