"""Containers and what is known about them: size-type, status, seals, weights, reefer, hazards."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from eport.logistics.identifiers import ContainerNumber

# Length, height/width, then the type code: a letter and a digit (ISO 6346 Annex E).
_SIZE_TYPE_PATTERN = re.compile(r"[1-9A-Z][0-9A-Z][A-Z][0-9]")
_UN_NUMBER_PATTERN = re.compile(r"[0-9]{4}")
_IMDG_CLASS_PATTERN = re.compile(r"[1-9](\.[1-6])?")


class FullEmpty(StrEnum):
    FULL = "full"
    EMPTY = "empty"


class WeightUnit(StrEnum):
    KILOGRAM = "kg"
    POUND = "lb"


class TemperatureUnit(StrEnum):
    CELSIUS = "C"
    FAHRENHEIT = "F"


class SealIssuer(StrEnum):
    """Who applied a seal (ISO 17712 practice: carrier, shipper, customs, terminal)."""

    CARRIER = "carrier"
    SHIPPER = "shipper"
    CUSTOMS = "customs"
    TERMINAL = "terminal"


@dataclass(frozen=True, slots=True)
class Weight:
    """A mass with its unit; never negative."""

    value: Decimal
    unit: WeightUnit = WeightUnit.KILOGRAM

    def __post_init__(self) -> None:
        if not self.value.is_finite() or self.value < 0:
            raise ValueError(f"a weight must be a finite non-negative number: {self.value}")


@dataclass(frozen=True, slots=True)
class Temperature:
    """A reefer set point."""

    value: Decimal
    unit: TemperatureUnit = TemperatureUnit.CELSIUS

    def __post_init__(self) -> None:
        if not self.value.is_finite():
            raise ValueError(f"a temperature must be finite: {self.value}")


@dataclass(frozen=True, slots=True)
class Seal:
    number: str
    issuer: SealIssuer | None = None

    def __post_init__(self) -> None:
        if not self.number:
            raise ValueError("an empty seal number")


@dataclass(frozen=True, slots=True)
class DangerousGoods:
    """A dangerous-goods entry: UN number and IMDG class."""

    un_number: str
    imdg_class: str

    def __post_init__(self) -> None:
        if not _UN_NUMBER_PATTERN.fullmatch(self.un_number):
            raise ValueError(f"not a four-digit UN number: {self.un_number!r}")
        if not _IMDG_CLASS_PATTERN.fullmatch(self.imdg_class):
            raise ValueError(f"not an IMDG class: {self.imdg_class!r}")


def validate_size_type(code: str) -> None:
    """Check the ISO 6346 size-type structure; the table of codes lives in eport.codes."""
    if not _SIZE_TYPE_PATTERN.fullmatch(code):
        raise ValueError(f"not an ISO 6346 size-type code: {code!r}")


@dataclass(frozen=True, slots=True)
class Equipment:
    """One container as a document describes it.

    `size_type` is the ISO 6346 code (e.g. ``45G1``), after the sender's codes were mapped.
    `booking` and `bill_of_lading` tie the container to its shipment.
    """

    number: ContainerNumber
    size_type: str | None = None
    status: FullEmpty | None = None
    seals: tuple[Seal, ...] = ()
    gross_weight: Weight | None = None
    tare_weight: Weight | None = None
    vgm: Weight | None = None
    temperature: Temperature | None = None
    dangerous_goods: tuple[DangerousGoods, ...] = ()
    booking: str | None = None
    bill_of_lading: str | None = None

    def __post_init__(self) -> None:
        if self.size_type is not None:
            validate_size_type(self.size_type)
