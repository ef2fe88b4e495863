"""The unified social credit code (统一社会信用代码, GB 32100-2015) of Chinese organisations.

18 characters: registration authority (1), organisation kind (1), administrative division (6),
organisation code (9), and a check character computed modulo 31 over the first 17.
"""

from __future__ import annotations

# The code's alphabet: digits and capitals without I, O, Z, S, V (easily misread).
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
LENGTH = 18
_VALUE = {char: index for index, char in enumerate(ALPHABET)}


class CreditCodeError(ValueError):
    """The text is not a valid unified social credit code; the message says why."""


def check_character(body: str) -> str:
    """The check character for the first 17 characters of a code."""
    if len(body) != LENGTH - 1:
        raise CreditCodeError(f"expected {LENGTH - 1} characters, got {len(body)}")
    total = 0
    for position, (char, weight) in enumerate(zip(body, WEIGHTS, strict=True), start=1):
        if char not in _VALUE:
            raise CreditCodeError(f"character {position} {char!r} is not allowed")
        total += _VALUE[char] * weight
    return ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(text: str) -> str:
    """The code in canonical form (upper case, trimmed), or ``CreditCodeError``."""
    code = text.strip().upper()
    if len(code) != LENGTH:
        raise CreditCodeError(f"a credit code has {LENGTH} characters, got {len(code)}")
    expected = check_character(code[:-1])
    if code[-1] != expected:
        raise CreditCodeError(f"check character is {code[-1]!r}, expected {expected!r}")
    return code
