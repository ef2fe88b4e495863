"""Code maps as CSV (columns ``partner_code,standard_code``), with every bad cell reported.

The shared reader in :mod:`eport.codes.codemap` stops at the first bad row; a partner fixing
its file wants them all, each with its row and column, so this reader collects them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TextIO

from eport.codes.catalog import CodeCatalog, default_catalog
from eport.codes.codemap import CSV_COLUMNS, CodeMapping

MAX_CODE_LENGTH = 64  # the width of the table's code columns
MAX_ERRORS = 100  # enough to fix a file; a file that is wrong throughout says so soon


@dataclass(frozen=True, slots=True)
class RowError:
    """A bad row or cell; ``row`` is 1-based with the header as row 1, ``column`` a name."""

    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class CodeMapCsvError(ValueError):
    """A code map file with bad rows; ``errors`` lists them in file order."""

    def __init__(self, errors: Iterable[RowError]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(str(error) for error in self.errors))


def read_entries(
    list_name: str, source: TextIO, catalog: CodeCatalog | None = None
) -> list[CodeMapping]:
    """The rows of a code map file, checked: both codes present, the standard code in the
    list, no partner code and no standard code twice (a map must be reversible)."""
    checker = _Checker(list_name, catalog or default_catalog())
    reader = csv.reader(source)
    header = next(reader, None)
    if header is None or tuple(cell.strip().lower() for cell in header) != CSV_COLUMNS:
        raise CodeMapCsvError([RowError(1, None, f"header must be {','.join(CSV_COLUMNS)}")])
    for number, row in enumerate(reader, start=2):
        checker.check(number, row)
        if len(checker.errors) >= MAX_ERRORS:
            break
    if checker.errors:
        raise CodeMapCsvError(checker.errors)
    return checker.entries


def write_entries(entries: Iterable[CodeMapping], target: TextIO) -> None:
    """Write rows with the header ``partner_code,standard_code``, in the order given."""
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows((entry.partner_code, entry.standard_code) for entry in entries)


class _Checker:
    def __init__(self, list_name: str, catalog: CodeCatalog) -> None:
        self.list_name = list_name
        self.catalog = catalog
        self.entries: list[CodeMapping] = []
        self.errors: list[RowError] = []
        self._partner_rows: dict[str, int] = {}
        self._standard_rows: dict[str, int] = {}

    def check(self, number: int, row: list[str]) -> None:
        if not any(cell.strip() for cell in row):
            return
        if len(row) != len(CSV_COLUMNS):
            self.errors.append(RowError(number, None, f"expected 2 columns, found {len(row)}"))
            return
        partner, standard = (cell.strip() for cell in row)
        found = len(self.errors)
        self._code(number, "partner_code", partner, self._partner_rows)
        self._code(number, "standard_code", standard, self._standard_rows)
        if standard and not self.catalog.is_standard(self.list_name, standard):
            self._fail(
                number, "standard_code", f"{standard!r} is not a standard {self.list_name} code"
            )
        if len(self.errors) == found:
            self.entries.append(CodeMapping(partner, standard))

    def _code(self, number: int, column: str, code: str, seen: dict[str, int]) -> None:
        if not code:
            self._fail(number, column, "empty")
        elif len(code) > MAX_CODE_LENGTH:
            self._fail(number, column, f"longer than {MAX_CODE_LENGTH} characters")
        elif code in seen:
            self._fail(number, column, f"{code!r} is already in row {seen[code]}")
        else:
            seen[code] = number

    def _fail(self, number: int, column: str, message: str) -> None:
        self.errors.append(RowError(number, column, message))
