"""Code map files: every bad row named with its column; writing then reading gives the rows."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eport.codemaps.csvfile import MAX_CODE_LENGTH, CodeMapCsvError, read_entries, write_entries
from eport.codes import CodeMapping, default_catalog

_LOCATIONS = sorted(entry.code for entry in default_catalog().entries("location"))
# Partner codes as partners write them, including the characters CSV must quote.
_partner_codes = (
    st.text(alphabet=st.sampled_from('ABCXYZ019 -/,"'), min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)


@given(st.lists(st.tuples(_partner_codes, st.sampled_from(_LOCATIONS)), max_size=20))
def test_written_maps_read_back_the_same(pairs: list[tuple[str, str]]) -> None:
    rows, partners, standards = [], set(), set()
    for partner, standard in pairs:
        if partner not in partners and standard not in standards:
            rows.append(CodeMapping(partner, standard))
            partners.add(partner)
            standards.add(standard)
    text = io.StringIO()
    write_entries(rows, text)
    assert read_entries("location", io.StringIO(text.getvalue())) == rows


def test_every_bad_row_is_reported() -> None:
    text = (
        "partner_code,standard_code\n"
        "NGB,CNNGB\n"
        "SHA,CNNGB\n"  # a standard code twice: the map could not be reversed
        "NGB,CNSHA\n"  # a partner code twice
        f"{'X' * (MAX_CODE_LENGTH + 1)},CNSZX\n"
        "\n"  # blank lines are skipped
        "TAO,QINGDAO\n"
        "ONE\n"
    )
    with pytest.raises(CodeMapCsvError) as caught:
        read_entries("location", io.StringIO(text))
    assert [str(error) for error in caught.value.errors] == [
        "row 3, column standard_code: 'CNNGB' is already in row 2",
        "row 4, column partner_code: 'NGB' is already in row 2",
        f"row 5, column partner_code: longer than {MAX_CODE_LENGTH} characters",
        "row 7, column standard_code: 'QINGDAO' is not a standard location code",
        "row 8: expected 2 columns, found 1",
    ]


@pytest.mark.parametrize("header", ["", "partner,standard\n", "standard_code,partner_code\n"])
def test_the_header_is_required(header: str) -> None:
    with pytest.raises(CodeMapCsvError, match="row 1: header must be"):
        read_entries("location", io.StringIO(header + "NGB,CNNGB\n"))
