"""Per-partner code maps (代码转换): a partner's own code ⇄ the standard code, per code list.

A map is built from rows ``(partner_code, standard_code)``, so it can come from a CSV file,
a database table or a test alike. Several partner codes may stand for one standard code
(``40HC`` and ``4HC`` both meaning ``45G1``); outbound, the first of them in row order is
the one the partner receives.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from eport.codes.catalog import CodeCatalog, default_catalog

CSV_COLUMNS = ("partner_code", "standard_code")


class CodeMapError(ValueError):
    """A row that cannot go into a code map; ``row`` is 1-based (the CSV header is row 1)."""

    def __init__(self, row: int, message: str) -> None:
        super().__init__(f"row {row}: {message}")
        self.row = row


@dataclass(frozen=True)
class CodeMapping:
    """One row of a code map."""

    partner_code: str
    standard_code: str


class CodeMap:
    """A partner's codes for one code list, in both directions."""

    def __init__(self, list_name: str, mappings: Iterable[CodeMapping] = ()) -> None:
        self.list_name = list_name
        self._rows: list[CodeMapping] = []
        self._to_standard: dict[str, str] = {}
        self._to_partner: dict[str, str] = {}
        for number, mapping in enumerate(mappings, start=1):
            self._add(number, mapping)

    @classmethod
    def from_rows(cls, list_name: str, rows: Iterable[tuple[str, str]]) -> CodeMap:
        """Build a map from ``(partner_code, standard_code)`` pairs, e.g. database rows."""
        return cls(list_name, (CodeMapping(p, s) for p, s in rows))

    def _add(self, number: int, mapping: CodeMapping) -> None:
        partner, standard = mapping.partner_code, mapping.standard_code
        if not partner or not standard:
            raise CodeMapError(number, "partner_code and standard_code must both be given")
        known = self._to_standard.get(partner)
        if known is not None and known != standard:
            raise CodeMapError(
                number, f"partner code {partner!r} already maps to {known!r}, not {standard!r}"
            )
        if known is None:
            self._rows.append(mapping)
            self._to_standard[partner] = standard
            self._to_partner.setdefault(standard, partner)

    def to_standard(self, partner_code: str) -> str | None:
        return self._to_standard.get(partner_code)

    def to_partner(self, standard_code: str) -> str | None:
        return self._to_partner.get(standard_code)

    def rows(self) -> tuple[CodeMapping, ...]:
        return tuple(self._rows)

    def __iter__(self) -> Iterator[CodeMapping]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CodeMap):
            return NotImplemented
        return self.list_name == other.list_name and self._rows == other._rows

    __hash__ = None  # type: ignore[assignment]  # mutable-looking container: compare, never hash

    def __repr__(self) -> str:
        return f"CodeMap({self.list_name!r}, {len(self._rows)} rows)"


def check_standard_codes(code_map: CodeMap, catalog: CodeCatalog | None = None) -> list[str]:
    """The standard codes of ``code_map`` that its list does not know (a map must lead to
    standard codes, or it would bring partner codes in under another name)."""
    catalog = catalog or default_catalog()
    return [
        m.standard_code
        for m in code_map
        if not catalog.is_standard(code_map.list_name, m.standard_code)
    ]


def read_code_map_csv(
    list_name: str, source: TextIO, catalog: CodeCatalog | None = None
) -> CodeMap:
    """Read a code map from CSV with the header ``partner_code,standard_code``.

    Every standard code must be a code of the list in ``catalog`` (the shipped lists by
    default); the first bad row raises :class:`CodeMapError` naming its row.
    """
    catalog = catalog or default_catalog()
    reader = csv.reader(source)
    header = next(reader, None)
    if header is None or tuple(cell.strip() for cell in header) != CSV_COLUMNS:
        raise CodeMapError(1, f"header must be {','.join(CSV_COLUMNS)}")
    code_map = CodeMap(list_name)
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(CSV_COLUMNS):
            raise CodeMapError(number, f"expected 2 columns, found {len(row)}")
        partner, standard = (cell.strip() for cell in row)
        if standard and not catalog.is_standard(list_name, standard):
            raise CodeMapError(number, f"{standard!r} is not a standard {list_name} code")
        code_map._add(number, CodeMapping(partner, standard))
    return code_map


def write_code_map_csv(code_map: CodeMap, target: TextIO) -> None:
    """Write ``code_map`` as CSV (header ``partner_code,standard_code``), rows in map order."""
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for mapping in code_map:
        writer.writerow((mapping.partner_code, mapping.standard_code))
