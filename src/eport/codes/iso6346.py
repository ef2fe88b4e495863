"""ISO 6346 container codes: owner code structure and size-type codes.

A size-type code is four characters: a length code, a height/width code and a two-character
detailed type code (ISO 6346:1995). The tables of each part ship as data files; any code whose
three parts are all defined is a standard code, whether or not it is in the list of common
codes.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

#: Category identifiers (4th letter of an owner prefix): U freight container, J detachable
#: freight-container-related equipment, Z trailer or chassis.
EQUIPMENT_CATEGORIES = {
    "U": "freight container",
    "J": "detachable freight container-related equipment",
    "Z": "trailer or chassis",
}

_OWNER_PREFIX = re.compile(r"[A-Z]{3}[UJZ]")


@dataclass(frozen=True)
class OwnerPrefix:
    """The four-letter prefix of a container number: owner code plus category identifier."""

    owner_code: str
    category: str

    @property
    def category_name(self) -> str:
        return EQUIPMENT_CATEGORIES[self.category]

    def __str__(self) -> str:
        return self.owner_code + self.category


def parse_owner_prefix(prefix: str) -> OwnerPrefix | None:
    """Split an owner prefix such as ``MSKU``; None when it does not have ISO 6346 structure."""
    if not _OWNER_PREFIX.fullmatch(prefix):
        return None
    return OwnerPrefix(owner_code=prefix[:3], category=prefix[3])


@dataclass(frozen=True)
class SizeType:
    """A decoded ISO 6346 size-type code such as ``45G1``."""

    code: str
    length_mm: int
    length_ft: str
    height_mm: str
    height_ft: str
    width_mm: str
    type_code: str
    type_group: str
    type_description: str
    common_name: str | None

    @property
    def teu(self) -> int:
        """Twenty-foot equivalent units: 1 up to 30', 2 from 40' on (the usual port counting)."""
        return 1 if self.length_mm < 12000 else 2

    @property
    def description(self) -> str:
        if self.common_name:
            return self.common_name
        length = f"{self.length_ft}'" if self.length_ft else f"{self.length_mm} mm"
        return f"{length} x {self.height_ft} {self.type_description}"


@dataclass(frozen=True)
class _Tables:
    lengths: dict[str, tuple[int, str]]
    heights: dict[str, tuple[str, str, str]]
    types: dict[str, tuple[str, str]]
    common: dict[str, str]


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("eport.codes").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def _tables() -> _Tables:
    return _Tables(
        lengths={
            r["code"]: (int(r["length_mm"]), r["length_ft"]) for r in _rows("iso6346_length.csv")
        },
        heights={
            r["code"]: (r["height_mm"], r["height_ft"], r["width"])
            for r in _rows("iso6346_height.csv")
        },
        types={r["code"]: (r["group"], r["description"]) for r in _rows("iso6346_type.csv")},
        common={r["code"]: r["name"] for r in _rows("size_types.csv")},
    )


def decode_size_type(code: str) -> SizeType | None:
    """Decode a size-type code; None unless length, height and type parts are all defined."""
    if len(code) != 4:
        return None
    tables = _tables()
    length = tables.lengths.get(code[0])
    height = tables.heights.get(code[1])
    kind = tables.types.get(code[2:])
    if length is None or height is None or kind is None:
        return None
    return SizeType(
        code=code,
        length_mm=length[0],
        length_ft=length[1],
        height_mm=height[0],
        height_ft=height[1],
        width_mm=height[2],
        type_code=code[2:],
        type_group=kind[0],
        type_description=kind[1],
        common_name=tables.common.get(code),
    )


def common_size_types() -> tuple[str, ...]:
    """The size-type codes in everyday use, in the order of the shipped list."""
    return tuple(_tables().common)
