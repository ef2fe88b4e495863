"""Identifiers that validate themselves: ISO 6346 container numbers, UN/LOCODEs, IMO numbers."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

# ISO 6346 letter values skip multiples of 11 (11, 22, 33), so A=10, B=12, ..., K=21, L=23 ...
_LETTER_VALUES: dict[str, int] = {}
_value = 10
for _letter in string.ascii_uppercase:
    if _value % 11 == 0:
        _value += 1
    _LETTER_VALUES[_letter] = _value
    _value += 1

_CONTAINER_PATTERN = re.compile(r"[A-Z]{3}[UJZR][0-9]{7}")
_LOCODE_PATTERN = re.compile(r"[A-Z]{2}[A-Z2-9]{3}")
_IMO_PATTERN = re.compile(r"[0-9]{7}")


class IdentifierError(ValueError):
    """An identifier that does not follow its standard's structure."""


def iso6346_check_digit(first_ten: str) -> int:
    """The ISO 6346 check digit of an owner code, category and six-digit serial number."""
    total = 0
    for position, char in enumerate(first_ten):
        value = _LETTER_VALUES[char] if char.isalpha() else int(char)
        total += value * (2**position)
    return total % 11 % 10


@dataclass(frozen=True, slots=True)
class ContainerNumber:
    """An ISO 6346 container number: owner code, equipment category, serial, check digit."""

    value: str

    def __post_init__(self) -> None:
        if not _CONTAINER_PATTERN.fullmatch(self.value):
            raise IdentifierError(f"not an ISO 6346 container number: {self.value!r}")
        expected = iso6346_check_digit(self.value[:10])
        if int(self.value[10]) != expected:
            raise IdentifierError(
                f"container number {self.value!r} has check digit {self.value[10]},"
                f" ISO 6346 gives {expected}"
            )

    @classmethod
    def parse(cls, text: str) -> ContainerNumber:
        """Read a number as people write it: spaces, dashes and lower case are tolerated."""
        return cls("".join(ch for ch in text.upper() if ch.isalnum()))

    @property
    def owner_code(self) -> str:
        return self.value[:3]

    @property
    def category(self) -> str:
        return self.value[3]

    @property
    def serial(self) -> str:
        return self.value[4:10]

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class UnLocode:
    """A UN/LOCODE: ISO 3166 country code and a three-character location code."""

    value: str

    def __post_init__(self) -> None:
        if not _LOCODE_PATTERN.fullmatch(self.value):
            raise IdentifierError(f"not a UN/LOCODE: {self.value!r}")

    @property
    def country(self) -> str:
        return self.value[:2]

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class ImoNumber:
    """An IMO ship identification number (seven digits, the last a check digit)."""

    value: str

    def __post_init__(self) -> None:
        if not _IMO_PATTERN.fullmatch(self.value):
            raise IdentifierError(f"not an IMO number: {self.value!r}")
        weighted = sum(int(d) * w for d, w in zip(self.value[:6], range(7, 1, -1), strict=True))
        if weighted % 10 != int(self.value[6]):
            raise IdentifierError(f"IMO number {self.value!r} fails its check digit")

    def __str__(self) -> str:
        return self.value
