"""ISO 6346 freight containers: container numbers (check digit) and size-type codes.

A container number is an owner code (3 letters), a category identifier (U freight container,
J detachable freight container equipment, Z trailer or chassis), a 6-digit serial number and a
check digit computed over the first ten characters. Size-type codes are the ISO 6346:1995
four-character codes (length, height/width, type) including the type group codes (e.g. 45G1,
22GP, L5R1); the numeric codes of ISO 6346:1984 (e.g. 2210, 4510), still found in traffic, are
accepted by structure.
"""

from __future__ import annotations

import re

CATEGORIES = frozenset("UJZ")

# Letter values skip multiples of 11 (11, 22, 33) so that no letter equals a check remainder.
_LETTER_VALUES: dict[str, int] = {}
_value = 10
for _letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
    if _value % 11 == 0:
        _value += 1
    _LETTER_VALUES[_letter] = _value
    _value += 1


def letter_value(letter: str) -> int:
    """The ISO 6346 equivalent value of an owner code or category letter (A=10 ... Z=38)."""
    return _LETTER_VALUES[letter]


_NUMBER = re.compile(r"^[A-Z]{3}[UJZ]\d{7}$")


def check_remainder(first_ten: str) -> int:
    """The weighted sum modulo 11 of an owner code + category + serial number (10 characters).

    ISO 6346 recommends not issuing numbers whose remainder is 10: their check digit is 0,
    like remainder 0, so a single wrong character between such a pair goes unnoticed.
    """
    if len(first_ten) != 10 or not re.fullmatch(r"[A-Z]{4}\d{6}", first_ten):
        raise ValueError(f"not an owner code, category and serial number: {first_ten!r}")
    total = 0
    for i, ch in enumerate(first_ten):
        total += (_LETTER_VALUES[ch] if ch.isalpha() else int(ch)) << i
    return total % 11


def check_digit(first_ten: str) -> int:
    """The check digit for an owner code + category + serial number (10 characters)."""
    return check_remainder(first_ten) % 10


# the value of each character at each of the ten positions, weight (2 ** position) applied
_WEIGHTED: tuple[dict[str, int], ...] = tuple(
    {**{ch: v << i for ch, v in _LETTER_VALUES.items()}, **{str(d): d << i for d in range(10)}}
    for i in range(10)
)


def is_valid_container_number(text: str) -> bool:
    """True for a well-formed container number whose check digit is right (no spaces)."""
    if not _NUMBER.match(text):
        return False
    if not text.isascii():  # other Unicode digits match \d; the general path reads them
        return check_digit(text[:10]) == int(text[10])
    # structure checked above: a table sum is enough (this runs for every container seen)
    return sum(map(dict.__getitem__, _WEIGHTED, text[:10])) % 11 % 10 == int(text[10])


# --- size-type codes (ISO 6346:1995 annexes E and F) -------------------------------------

LENGTH_CODES: dict[str, str] = {
    "1": "2991 mm (10 ft)",
    "2": "6068 mm (20 ft)",
    "3": "9125 mm (30 ft)",
    "4": "12192 mm (40 ft)",
    "A": "7150 mm",
    "B": "7315 mm (24 ft)",
    "C": "7430 mm (24 ft 6 in)",
    "D": "7450 mm",
    "E": "7820 mm",
    "F": "8100 mm",
    "G": "12500 mm (41 ft)",
    "H": "13106 mm (43 ft)",
    "K": "13600 mm",
    "L": "13716 mm (45 ft)",
    "M": "14630 mm (48 ft)",
    "N": "14935 mm (49 ft)",
    "P": "16154 mm (53 ft)",
}

HEIGHT_WIDTH_CODES: dict[str, str] = {
    "0": "2438 mm high",
    "2": "2591 mm high",
    "4": "2743 mm high",
    "5": "2895 mm high",
    "6": "over 2895 mm high",
    "8": "1295 mm high",
    "9": "1219 mm high or less",
    "C": "2591 mm high, 2438-2500 mm wide",
    "D": "2743 mm high, 2438-2500 mm wide",
    "E": "2895 mm high, 2438-2500 mm wide",
    "F": "over 2895 mm high, 2438-2500 mm wide",
    "L": "2591 mm high, over 2500 mm wide",
    "M": "2743 mm high, over 2500 mm wide",
    "N": "2895 mm high, over 2500 mm wide",
    "P": "over 2895 mm high, over 2500 mm wide",
}

TYPE_CODES: dict[str, str] = {
    "G0": "general purpose, openings at one or both ends",
    "G1": "general purpose, passive vents at upper part of cargo space",
    "G2": "general purpose, openings at one or both ends plus full openings on one or both sides",
    "G3": "general purpose, openings at one or both ends plus partial openings on sides",
    "V0": "ventilated, non-mechanical, vents at lower and upper parts",
    "V2": "ventilated, mechanical ventilation system located internally",
    "V4": "ventilated, mechanical ventilation system located externally",
    "B0": "dry bulk, closed",
    "B1": "dry bulk, airtight",
    "B3": "dry bulk, horizontal discharge, test pressure 150 kPa",
    "B4": "dry bulk, horizontal discharge, test pressure 265 kPa",
    "B5": "dry bulk, tipping discharge, test pressure 150 kPa",
    "B6": "dry bulk, tipping discharge, test pressure 265 kPa",
    "S0": "named cargo, livestock carrier",
    "S1": "named cargo, automobile carrier",
    "S2": "named cargo, live fish carrier",
    "R0": "thermal, mechanically refrigerated",
    "R1": "thermal, mechanically refrigerated and heated",
    "R2": "thermal, self-powered mechanically refrigerated",
    "R3": "thermal, self-powered mechanically refrigerated and heated",
    "H0": "thermal, refrigerated or heated with removable equipment located externally",
    "H1": "thermal, refrigerated or heated with removable equipment located internally",
    "H2": "thermal, refrigerated or heated with removable equipment located externally",
    "H5": "thermal, insulated, heat transfer coefficient K=0.4 W/(m2 K)",
    "H6": "thermal, insulated, heat transfer coefficient K=0.7 W/(m2 K)",
    "U0": "open top, openings at one or both ends",
    "U1": "open top, idem plus removable top members in end frames",
    "U2": "open top, openings at one or both ends plus openings at one or both sides",
    "U3": "open top, idem plus removable top members in end frames",
    "U4": "open top, openings at one or both ends plus partial opening on one side",
    "U5": "open top, complete, fixed side and end walls",
    "P0": "platform, plain",
    "P1": "platform, two complete and fixed ends",
    "P2": "platform, fixed posts, free-standing or with removable top members",
    "P3": "platform, folding complete end structure",
    "P4": "platform, folding posts, free-standing or with removable top members",
    "P5": "platform, open top, open ends (skeletal)",
    "T0": "tank, non-dangerous liquids, minimum pressure 45 kPa",
    "T1": "tank, non-dangerous liquids, minimum pressure 150 kPa",
    "T2": "tank, non-dangerous liquids, minimum pressure 265 kPa",
    "T3": "tank, dangerous liquids, minimum pressure 150 kPa",
    "T4": "tank, dangerous liquids, minimum pressure 265 kPa",
    "T5": "tank, dangerous liquids, minimum pressure 400 kPa",
    "T6": "tank, dangerous liquids, minimum pressure 600 kPa",
    "T7": "tank, gases, minimum pressure 910 kPa",
    "T8": "tank, gases, minimum pressure 2200 kPa",
    "T9": "tank, gases, minimum pressure to be decided",
    "A0": "air/surface container",
    # type group codes
    "GP": "general purpose",
    "VH": "ventilated",
    "BU": "dry bulk, non-pressurized",
    "BK": "dry bulk, pressurized",
    "SN": "named cargo",
    "RE": "refrigerated",
    "RT": "refrigerated and heated",
    "RS": "self-powered refrigerated and heated",
    "HR": "refrigerated or heated with removable equipment",
    "HI": "insulated",
    "UT": "open top",
    "PL": "platform",
    "PF": "platform, fixed ends",
    "PC": "platform, collapsible",
    "PS": "platform, superstructure",
    "TN": "tank, non-dangerous",
    "TD": "tank, dangerous",
    "TG": "tank, gases",
    "AS": "air/surface",
}

_OLD_CODE = re.compile(r"^[1-4][0-9]\d\d$")


def is_valid_size_type(code: str) -> bool:
    """True for an ISO 6346:1995 size-type code, or a structurally valid 1984 numeric code."""
    if len(code) != 4:
        return False
    if code[0] in LENGTH_CODES and code[1] in HEIGHT_WIDTH_CODES and code[2:] in TYPE_CODES:
        return True
    return bool(_OLD_CODE.match(code))


def describe_size_type(code: str) -> str:
    """A readable description of a 1995 size-type code (raises KeyError if unknown)."""
    return f"{LENGTH_CODES[code[0]]}, {HEIGHT_WIDTH_CODES[code[1]]}, {TYPE_CODES[code[2:]]}"
