"""Reading the UN/LOCODE CSV that UNECE publishes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eport.codes import UnLocodeFormatError, default_catalog, read_unlocode_csv
from eport.codes.unlocode import parse_coordinates

SAMPLE = Path(__file__).parent / "samples" / "unlocode_part.csv"


def _sample() -> list[str]:
    return SAMPLE.read_text(encoding="utf-8").splitlines()


def test_reads_locations_and_skips_headings_removals_and_references() -> None:
    entries = list(read_unlocode_csv(_sample()))
    assert [e.code for e in entries] == ["CNNGB", "CNSHA", "CNXYZ", "DEHAM", "DKAAR", "CLSAI"]


def test_fields_are_read() -> None:
    entries = {e.code: e for e in read_unlocode_csv(_sample())}
    ningbo = entries["CNNGB"]
    assert ningbo.country == "CN" and ningbo.subdivision == "ZJ" and ningbo.status == "AI"
    assert ningbo.is_port
    assert ningbo.functions == ("port", "rail terminal", "road terminal", "airport")
    assert ningbo.latitude == pytest.approx(29 + 52 / 60, abs=1e-4)
    assert ningbo.longitude == pytest.approx(121 + 33 / 60, abs=1e-4)
    assert entries["DKAAR"].name == "Århus" and entries["DKAAR"].name_ascii == "Arhus"
    assert entries["CNXYZ"].latitude is None
    san_antonio = entries["CLSAI"]
    assert san_antonio.latitude is not None and san_antonio.latitude < 0
    assert san_antonio.longitude is not None and san_antonio.longitude < 0


def test_reads_files_without_header() -> None:
    entries = list(read_unlocode_csv(_sample()[1:]))
    assert len(entries) == 6


def test_imported_locations_become_standard() -> None:
    catalog = default_catalog().with_locations(read_unlocode_csv(_sample()))
    assert catalog.is_standard("location", "CNXYZ")
    entry = catalog.lookup("location", "DEHAM")
    assert entry is not None and entry.details["function"] == "12345---"


def test_bad_rows_name_their_line() -> None:
    lines = _sample()
    lines[3] = ',"CN","S1A","Bad","Bad","","AI","1-------","0601","","",""'
    with pytest.raises(UnLocodeFormatError) as error:
        list(read_unlocode_csv(lines))
    assert error.value.line == 4
    lines[3] = ',"CN","SHA","Shanghai","Shanghai","SH","AI","1-------","0601","","31N 121E",""'
    with pytest.raises(UnLocodeFormatError, match="coordinates"):
        list(read_unlocode_csv(lines))
    with pytest.raises(UnLocodeFormatError, match="columns"):
        list(read_unlocode_csv(['"CN","SHA","Shanghai"']))


@settings(deadline=None)  # the first example loads the code lists
@given(
    st.integers(0, 89),
    st.integers(0, 59),
    st.sampled_from("NS"),
    st.integers(0, 179),
    st.integers(0, 59),
    st.sampled_from("EW"),
)
def test_coordinates_round_to_the_minute(
    lat: int, lat_min: int, ns: str, lon: int, lon_min: int, ew: str
) -> None:
    parsed = parse_coordinates(f"{lat:02d}{lat_min:02d}{ns} {lon:03d}{lon_min:02d}{ew}")
    assert parsed is not None
    latitude, longitude = parsed
    assert abs(latitude) == pytest.approx(lat + lat_min / 60, abs=1e-4)
    assert abs(longitude) == pytest.approx(lon + lon_min / 60, abs=1e-4)
    assert (latitude < 0) == (ns == "S" and (lat, lat_min) != (0, 0))
    assert (longitude < 0) == (ew == "W" and (lon, lon_min) != (0, 0))
