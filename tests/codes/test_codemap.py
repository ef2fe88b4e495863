"""Per-partner code maps and their CSV form."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eport.codes import (
    CodeMap,
    CodeMapError,
    CodeMapping,
    check_standard_codes,
    read_code_map_csv,
    write_code_map_csv,
)


def test_both_directions() -> None:
    code_map = CodeMap.from_rows("size-type", [("40HC", "45G1"), ("4HC", "45G1"), ("20GP", "22G1")])
    assert code_map.to_standard("40HC") == "45G1"
    assert code_map.to_standard("4HC") == "45G1"
    assert code_map.to_partner("45G1") == "40HC"  # the first row for a standard code wins
    assert code_map.to_partner("22G1") == "20GP"
    assert code_map.to_standard("22G1") is None
    assert code_map.to_partner("42G1") is None
    assert len(code_map) == 3


def test_a_partner_code_cannot_mean_two_things() -> None:
    with pytest.raises(CodeMapError) as error:
        CodeMap.from_rows("location", [("NGB", "CNNGB"), ("SHA", "CNSHA"), ("NGB", "CNSHA")])
    assert error.value.row == 3
    repeated = CodeMap.from_rows("location", [("NGB", "CNNGB"), ("NGB", "CNNGB")])
    assert len(repeated) == 1


def test_csv_reading_checks_header_columns_and_standard_codes() -> None:
    good = "partner_code,standard_code\n40HC,45G1\n\n20GP,22G1\n"
    code_map = read_code_map_csv("size-type", io.StringIO(good))
    assert code_map.rows() == (CodeMapping("40HC", "45G1"), CodeMapping("20GP", "22G1"))
    with pytest.raises(CodeMapError) as error:
        read_code_map_csv("size-type", io.StringIO("partner,standard\n40HC,45G1\n"))
    assert error.value.row == 1
    with pytest.raises(CodeMapError) as error:
        read_code_map_csv("size-type", io.StringIO("partner_code,standard_code\n40HC,45G1,x\n"))
    assert error.value.row == 2
    with pytest.raises(CodeMapError, match="not a standard size-type") as error:
        read_code_map_csv("size-type", io.StringIO("partner_code,standard_code\na,22G1\nb,40HC\n"))
    assert error.value.row == 3
    with pytest.raises(CodeMapError, match="both be given"):
        read_code_map_csv("size-type", io.StringIO("partner_code,standard_code\n,22G1\n"))


def test_check_standard_codes_lists_offenders() -> None:
    code_map = CodeMap.from_rows("location", [("NGB", "CNNGB"), ("XX", "ZZZZZ")])
    assert check_standard_codes(code_map) == ["ZZZZZ"]


_partner_codes = (
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(deadline=None)  # the first example loads the code lists
@given(st.dictionaries(_partner_codes, st.sampled_from(["22G1", "42G1", "45G1", "L5G1", "22R1"])))
def test_csv_round_trip(pairs: dict[str, str]) -> None:
    code_map = CodeMap.from_rows("size-type", pairs.items())
    buffer = io.StringIO()
    write_code_map_csv(code_map, buffer)
    buffer.seek(0)
    assert read_code_map_csv("size-type", buffer) == code_map
