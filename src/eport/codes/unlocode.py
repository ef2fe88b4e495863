"""UN/LOCODE: reading the code list that UNECE publishes as CSV.

UNECE ships the list in parts (``2024-1 UNLOCODE CodeListPart1.csv`` ...) with the columns
Change, Country, Location, Name, NameWoDiacritics, Subdivision, Status, Function, Date, IATA,
Coordinates, Remarks; the files may come with or without that header line. Rows without a
location are country headings, rows marked ``X`` are to be removed and rows marked ``=`` are
cross references to another name; none of them is a location.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

COLUMNS = (
    "Change",
    "Country",
    "Location",
    "Name",
    "NameWoDiacritics",
    "Subdivision",
    "Status",
    "Function",
    "Date",
    "IATA",
    "Coordinates",
    "Remarks",
)

#: Function classifier positions (UN/LOCODE manual, column "Function").
FUNCTIONS = {
    "0": "function not known",
    "1": "port",
    "2": "rail terminal",
    "3": "road terminal",
    "4": "airport",
    "5": "postal exchange office",
    "6": "multimodal function",
    "7": "fixed transport installation",
    "B": "border crossing",
}

_CODE = re.compile(r"[A-Z]{2}[A-Z2-9]{3}")
_COORDINATES = re.compile(r"(\d{2})(\d{2})([NS])\s+(\d{3})(\d{2})([EW])")
_SKIPPED_CHANGES = {"X", "="}


class UnLocodeFormatError(ValueError):
    """A row of a UN/LOCODE file that cannot be read; ``line`` is 1-based."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass(frozen=True)
class UnLocodeEntry:
    """One location of the UN/LOCODE list."""

    code: str
    name: str
    name_ascii: str
    subdivision: str
    status: str
    function: str
    iata: str
    latitude: float | None
    longitude: float | None
    remarks: str

    @property
    def country(self) -> str:
        return self.code[:2]

    @property
    def functions(self) -> tuple[str, ...]:
        """The functions named by the function classifier, e.g. ``("port", "rail terminal")``."""
        return tuple(FUNCTIONS[c] for c in self.function if c in FUNCTIONS)

    @property
    def is_port(self) -> bool:
        return self.function.startswith("1")


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """Turn UN/LOCODE coordinates (``3114N 12129E``: degrees and minutes) into decimal degrees."""
    match = _COORDINATES.fullmatch(text.strip())
    if match is None:
        return None
    lat_deg, lat_min, ns, lon_deg, lon_min, ew = match.groups()
    latitude = int(lat_deg) + int(lat_min) / 60
    longitude = int(lon_deg) + int(lon_min) / 60
    if int(lat_min) >= 60 or int(lon_min) >= 60 or latitude > 90 or longitude > 180:
        return None
    return (
        round(latitude if ns == "N" else -latitude, 4),
        round(longitude if ew == "E" else -longitude, 4),
    )


def read_unlocode_csv(lines: Iterable[str]) -> Iterator[UnLocodeEntry]:
    """Yield the locations of one UNECE UN/LOCODE CSV file (any part, header optional)."""
    for number, row in enumerate(csv.reader(lines), start=1):
        if not row or (number == 1 and row[0].strip() == "Change"):
            continue
        if len(row) < len(COLUMNS) - 1:
            raise UnLocodeFormatError(number, f"expected {len(COLUMNS)} columns, found {len(row)}")
        entry = _entry(number, row + [""] * (len(COLUMNS) - len(row)))
        if entry is not None:
            yield entry


def _entry(number: int, row: list[str]) -> UnLocodeEntry | None:
    fields = dict(zip(COLUMNS, (cell.strip() for cell in row), strict=False))
    if not fields["Location"] or fields["Change"] in _SKIPPED_CHANGES:
        return None
    code = fields["Country"] + fields["Location"]
    if not _CODE.fullmatch(code):
        raise UnLocodeFormatError(number, f"{code!r} is not a UN/LOCODE")
    coordinates = None
    if fields["Coordinates"]:
        coordinates = parse_coordinates(fields["Coordinates"])
        if coordinates is None:
            raise UnLocodeFormatError(
                number, f"coordinates {fields['Coordinates']!r} are not DDMM[NS] DDDMM[EW]"
            )
    return UnLocodeEntry(
        code=code,
        name=fields["Name"],
        name_ascii=fields["NameWoDiacritics"] or fields["Name"],
        subdivision=fields["Subdivision"],
        status=fields["Status"],
        function=fields["Function"],
        iata=fields["IATA"],
        latitude=coordinates[0] if coordinates else None,
        longitude=coordinates[1] if coordinates else None,
        remarks=fields["Remarks"],
    )
