"""The standard code lists: what a code means and whether it is standard.

Lists ship as data files in ``eport/codes/data`` (written from the standards), except countries
and currencies, which come from pycountry (ISO 3166-1 alpha-2 and ISO 4217). The shipped
catalog is built on first use and cached; a catalog with the full UN/LOCODE list is built with
:meth:`CodeCatalog.with_locations`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType

import pycountry

from eport.codes.iso6346 import SizeType, decode_size_type
from eport.codes.unlocode import UnLocodeEntry

SIZE_TYPE = "size-type"
LOCATION = "location"
CARRIER = "carrier"
PACKAGE = "package"
COUNTRY = "country"
CURRENCY = "currency"
DCSA_EVENT = "dcsa-event"
DCSA_FACILITY = "dcsa-facility"

#: Every list name that :func:`lookup` and :func:`is_standard` accept.
LIST_NAMES = (SIZE_TYPE, LOCATION, CARRIER, PACKAGE, COUNTRY, CURRENCY, DCSA_EVENT, DCSA_FACILITY)


class UnknownCodeList(KeyError):
    """A list name that is not one of :data:`LIST_NAMES`."""


@dataclass(frozen=True)
class CodeEntry:
    """One code of a standard list, with its name and list-specific details."""

    list_name: str
    code: str
    name: str
    details: Mapping[str, str] = field(default_factory=dict, hash=False)


class CodeCatalog:
    """A set of standard code lists, read-only once built."""

    def __init__(self, lists: Mapping[str, Mapping[str, CodeEntry]]) -> None:
        self._lists = {name: MappingProxyType(dict(entries)) for name, entries in lists.items()}

    def lookup(self, list_name: str, code: str) -> CodeEntry | None:
        """The entry for ``code`` in ``list_name``, or None when the code is not standard."""
        if list_name == SIZE_TYPE:
            listed = self._lists[SIZE_TYPE].get(code)
            if listed is not None:
                return listed
            return _decoded_size_type(code)
        return self._list(list_name).get(code)

    def is_standard(self, list_name: str, code: str) -> bool:
        return self.lookup(list_name, code) is not None

    def entries(self, list_name: str) -> Iterator[CodeEntry]:
        """The listed entries (for ``size-type``: the common codes, not every valid one)."""
        return iter(self._list(list_name).values())

    def with_locations(self, locations: Iterable[UnLocodeEntry]) -> CodeCatalog:
        """A catalog whose location list also holds ``locations`` (e.g. the full UN/LOCODE)."""
        merged = dict(self._list(LOCATION))
        for location in locations:
            merged[location.code] = location_entry(location)
        return CodeCatalog({**self._lists, LOCATION: merged})

    def _list(self, list_name: str) -> Mapping[str, CodeEntry]:
        try:
            return self._lists[list_name]
        except KeyError:
            raise UnknownCodeList(list_name) from None


def location_entry(location: UnLocodeEntry) -> CodeEntry:
    details = {
        "country": location.country,
        "subdivision": location.subdivision,
        "function": location.function,
        "status": location.status,
    }
    if location.latitude is not None and location.longitude is not None:
        details["latitude"] = f"{location.latitude:.4f}"
        details["longitude"] = f"{location.longitude:.4f}"
    return CodeEntry(LOCATION, location.code, location.name, _compact(details))


@lru_cache(maxsize=4096)  # bounded: the codes come from partners' messages
def _decoded_size_type(code: str) -> CodeEntry | None:
    decoded = decode_size_type(code)
    return _size_type_entry(decoded) if decoded else None


def _size_type_entry(size_type: SizeType) -> CodeEntry:
    details = {
        "length_mm": str(size_type.length_mm),
        "length_ft": size_type.length_ft,
        "height_mm": size_type.height_mm,
        "height_ft": size_type.height_ft,
        "width_mm": size_type.width_mm,
        "type_code": size_type.type_code,
        "type_group": size_type.type_group,
        "teu": str(size_type.teu),
    }
    return CodeEntry(SIZE_TYPE, size_type.code, size_type.description, _compact(details))


def _compact(details: dict[str, str]) -> Mapping[str, str]:
    return MappingProxyType({k: v for k, v in details.items() if v})


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("eport.codes").joinpath("data", name).read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    key = "code" if rows and "code" in rows[0] else "scac"
    seen: set[str] = set()
    for row in rows:
        if row[key] in seen:
            raise ValueError(f"{name} lists {row[key]} twice")
        seen.add(row[key])
    return rows


def _shipped_lists() -> dict[str, dict[str, CodeEntry]]:
    size_types = {}
    for row in _rows("size_types.csv"):
        decoded = decode_size_type(row["code"])
        if decoded is None:
            raise ValueError(f"size_types.csv lists {row['code']}, which ISO 6346 does not define")
        size_types[row["code"]] = _size_type_entry(decoded)
    return {
        SIZE_TYPE: size_types,
        LOCATION: _locations(),
        CARRIER: _carriers(),
        PACKAGE: {
            r["code"]: CodeEntry(PACKAGE, r["code"], r["name"]) for r in _rows("packages.csv")
        },
        COUNTRY: _countries(),
        CURRENCY: _currencies(),
        DCSA_EVENT: {
            r["code"]: CodeEntry(DCSA_EVENT, r["code"], r["name"], {"category": r["category"]})
            for r in _rows("dcsa_events.csv")
        },
        DCSA_FACILITY: {
            r["code"]: CodeEntry(
                DCSA_FACILITY, r["code"], r["name"], _compact({"deprecated": r["deprecated"]})
            )
            for r in _rows("dcsa_facilities.csv")
        },
    }


def _locations() -> dict[str, CodeEntry]:
    entries = {}
    for row in _rows("locations.csv"):
        details = {
            "country": row["code"][:2],
            "subdivision": row["subdivision"],
            "function": "1",
            "name_zh": row["name_zh"],
        }
        entries[row["code"]] = CodeEntry(LOCATION, row["code"], row["name"], _compact(details))
    return entries


def _carriers() -> dict[str, CodeEntry]:
    # A carrier is known by its SMDG liner code and by its SCAC; both look up the same carrier.
    entries = {}
    for row in _rows("carriers.csv"):
        details = _compact({"smdg": row["smdg_code"], "scac": row["scac"]})
        for code in (row["smdg_code"], row["scac"]):
            if code:
                entries[code] = CodeEntry(CARRIER, code, row["name"], details)
    return entries


def _countries() -> dict[str, CodeEntry]:
    return {
        c.alpha_2: CodeEntry(COUNTRY, c.alpha_2, c.name, {"alpha_3": c.alpha_3})
        for c in pycountry.countries
    }


def _currencies() -> dict[str, CodeEntry]:
    return {
        c.alpha_3: CodeEntry(CURRENCY, c.alpha_3, c.name, {"numeric": c.numeric})
        for c in pycountry.currencies
    }


@cache
def default_catalog() -> CodeCatalog:
    """The catalog of the shipped lists, built once."""
    return CodeCatalog(_shipped_lists())


def lookup(list_name: str, code: str) -> CodeEntry | None:
    """The standard entry for ``code`` in the shipped list ``list_name``, or None."""
    return default_catalog().lookup(list_name, code)


def is_standard(list_name: str, code: str) -> bool:
    """Whether ``code`` is a standard code of the shipped list ``list_name``."""
    return default_catalog().is_standard(list_name, code)
