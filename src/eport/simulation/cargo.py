"""Containers and what is in them: ISO 6346 numbers, size-types, weights, reefers, hazards."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from eport.logistics import (
    ContainerNumber,
    DangerousGoods,
    Equipment,
    FullEmpty,
    GoodsItem,
    Seal,
    SealIssuer,
    Temperature,
    Weight,
)
from eport.logistics.identifiers import iso6346_check_digit

# (size-type, share of the traffic, tare in kg); reefers carry a set point.
_SIZE_TYPES: tuple[tuple[str, int, int], ...] = (
    ("45G1", 40, 3900),
    ("22G1", 30, 2200),
    ("42G1", 20, 3750),
    ("45R1", 7, 4800),
    ("22R1", 2, 3000),
    ("22T3", 1, 3600),
)
_REEFER_SET_POINTS = (Decimal("-18"), Decimal("-25"), Decimal("2"), Decimal("5"), Decimal("13"))

# (description, HS code, UN/ECE Rec. 21 package type)
_DRY_GOODS = (
    ("FURNITURE", "940360", "PK"),
    ("LED LIGHTING", "940540", "CT"),
    ("COTTON GARMENTS", "620342", "CT"),
    ("AUTO PARTS", "870899", "PK"),
    ("HOUSEHOLD APPLIANCES", "851660", "CT"),
    ("PLASTIC TOYS", "950300", "CT"),
    ("STEEL FASTENERS", "731815", "BX"),
    ("SOLAR PANELS", "854143", "PX"),
)
_REEFER_GOODS = (
    ("FROZEN FISH FILLETS", "030489", "CT"),
    ("FROZEN SHRIMP", "030617", "CT"),
    ("FRESH APPLES", "080810", "CT"),
)
# (description, HS code, package type, UN number, IMDG class)
_DANGEROUS_GOODS = (
    ("PAINT", "320890", "1A", "1263", "3"),
    ("LITHIUM ION BATTERIES", "850760", "4G", "3480", "9"),
    ("AEROSOLS", "340540", "CT", "1950", "2.1"),
    ("ENVIRONMENTALLY HAZARDOUS SUBSTANCE, LIQUID", "382499", "1A", "3082", "9"),
    ("CORROSIVE LIQUID", "281000", "3H", "1760", "8"),
)
_DANGEROUS_SHARE = 0.04


@dataclass(frozen=True, slots=True)
class Stuffing:
    """A full container: the box, the goods in it and its verified gross mass."""

    equipment: Equipment
    goods: GoodsItem


class ContainerPool:
    """Hands out unique container numbers in a carrier's owner prefixes."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def number(self, prefixes: tuple[str, ...]) -> ContainerNumber:
        while True:
            first_ten = self._rng.choice(prefixes) + f"{self._rng.randrange(1_000_000):06d}"
            if first_ten not in self._used:
                self._used.add(first_ten)
                return ContainerNumber(first_ten + str(iso6346_check_digit(first_ten)))


def choose_size_type(rng: random.Random) -> tuple[str, int]:
    """A size-type by its share of the traffic, with its tare in kg."""
    code, _, tare = rng.choices(_SIZE_TYPES, weights=[s[1] for s in _SIZE_TYPES])[0]
    return code, tare


def stuff_container(
    rng: random.Random,
    number: ContainerNumber,
    size_type: str,
    tare_kg: int,
    sequence: int,
    booking: str | None,
    bill_of_lading: str,
) -> Stuffing:
    """Goods for one container, matched to its type: reefer cargo in reefers, hazards in tanks."""
    reefer = size_type[2] == "R"
    text, hs, package, hazards = _choose_goods(rng, size_type)
    limit = 26_000 if size_type.startswith("2") else 28_000
    cargo_kg = rng.randrange(4_000, limit, 10)
    temperature = Temperature(rng.choice(_REEFER_SET_POINTS)) if reefer else None
    equipment = Equipment(
        number=number,
        size_type=size_type,
        status=FullEmpty.FULL,
        seals=(Seal(f"CN{rng.randrange(10_000_000):07d}", SealIssuer.CARRIER),),
        gross_weight=Weight(Decimal(cargo_kg + tare_kg)),
        tare_weight=Weight(Decimal(tare_kg)),
        vgm=Weight(Decimal(cargo_kg + tare_kg)),
        temperature=temperature,
        dangerous_goods=hazards,
        booking=booking,
        bill_of_lading=bill_of_lading,
    )
    goods = GoodsItem(
        sequence=sequence,
        description=text,
        package_count=rng.randint(20, 1200),
        package_type=package,
        gross_weight=Weight(Decimal(cargo_kg)),
        hs_code=hs,
        dangerous_goods=hazards,
        containers=(number,),
    )
    return Stuffing(equipment, goods)


def _choose_goods(
    rng: random.Random, size_type: str
) -> tuple[str, str, str, tuple[DangerousGoods, ...]]:
    """Description, HS code, package type and hazards of a container's cargo."""
    if size_type[2] == "R":
        return (*rng.choice(_REEFER_GOODS), ())
    if size_type[2] == "T" or rng.random() < _DANGEROUS_SHARE:
        text, hs, package, un_number, imdg = rng.choice(_DANGEROUS_GOODS)
        return text, hs, package, (DangerousGoods(un_number, imdg),)
    return (*rng.choice(_DRY_GOODS), ())


def empty_box(
    number: ContainerNumber, size_type: str, tare_kg: int, booking: str | None
) -> Equipment:
    """An empty container, as a depot or terminal reports it at the gate."""
    return Equipment(
        number=number,
        size_type=size_type,
        status=FullEmpty.EMPTY,
        tare_weight=Weight(Decimal(tare_kg)),
        booking=booking,
    )
