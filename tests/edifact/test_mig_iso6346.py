"""ISO 6346 container numbers and size-type codes, and the other MIG value checks."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eport.edifact.codecheck import check_country, check_unlocode
from eport.edifact.codecheck_iso6346 import (
    check_digit,
    check_remainder,
    describe_size_type,
    is_valid_container_number,
    is_valid_size_type,
    letter_value,
)

owner = st.text(alphabet=string.ascii_uppercase, min_size=3, max_size=3)
category = st.sampled_from("UJZ")
serial = st.text(alphabet=string.digits, min_size=6, max_size=6)


@given(owner, category, serial)
def test_computed_check_digit_validates(o: str, c: str, s: str) -> None:
    number = o + c + s + str(check_digit(o + c + s))
    assert is_valid_container_number(number)


@given(owner, category, serial, st.integers(0, 10), st.data())
def test_any_single_character_change_is_detected(
    o: str, c: str, s: str, where: int, data: st.DataObject
) -> None:
    number = o + c + s + str(check_digit(o + c + s))
    pool = string.digits if where >= 4 else string.ascii_uppercase
    replacement = data.draw(st.sampled_from(pool).filter(lambda ch: ch != number[where]))
    changed = number[:where] + replacement + number[where + 1 :]
    # ISO 6346's known blind spots: remainders 0 and 10 share the check digit 0, and letters
    # whose values differ by 11 or 22 (A/K, B/L ...) weigh the same modulo 11
    blind_spot = {check_remainder(number[:10]), check_remainder(changed[:10])} == {0, 10}
    if where < 4:
        blind_spot |= (letter_value(replacement) - letter_value(number[where])) % 11 == 0
    assert blind_spot or not is_valid_container_number(changed)


@given(owner, category, serial, st.integers(4, 10), st.data())
def test_any_digit_change_is_detected_for_recommended_numbers(
    o: str, c: str, s: str, where: int, data: st.DataObject
) -> None:
    first_ten = o + c + s
    number = first_ten + str(check_digit(first_ten))
    replacement = data.draw(st.sampled_from(string.digits).filter(lambda ch: ch != number[where]))
    changed = number[:where] + replacement + number[where + 1 :]
    if check_remainder(first_ten) != 10 and check_remainder(changed[:10]) != 10:
        assert not is_valid_container_number(changed)


@pytest.mark.parametrize("number", ["CSQU3054383", "MSCU1234566", "TRLZ1002009"])
def test_known_numbers(number: str) -> None:
    assert is_valid_container_number(number)


@pytest.mark.parametrize(
    "number",
    ["CSQU3054384", "CSQ3054383", "CSQX3054383", "csqu3054383", "CSQU 3054383", "CSQU30543831", ""],
)
def test_malformed_numbers(number: str) -> None:
    assert not is_valid_container_number(number)


def test_check_digit_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        check_digit("CSQU30543")


@pytest.mark.parametrize(
    "code",
    [
        "22G1",
        "45G1",
        "42R1",
        "L5G1",
        "22T6",
        "45R1",
        "22GP",
        "45RT",
        "2210",
        "4510",
        "22U1",
        "M5P5",
    ],
)
def test_valid_size_types(code: str) -> None:
    assert is_valid_size_type(code)


@pytest.mark.parametrize("code", ["22G9", "X2G1", "2XG1", "22Q1", "22G", "22G1X", "", "9910"])
def test_invalid_size_types(code: str) -> None:
    assert not is_valid_size_type(code)


def test_describe_size_type() -> None:
    assert describe_size_type("45G1").startswith("12192 mm (40 ft), 2895 mm high")


@pytest.mark.parametrize("code", ["CNSHA", "NLRTM", "DEHAM", "USNYC", "CNNGB", "XZ234"])
def test_unlocode_structure_accepts_real_codes(code: str) -> None:
    assert check_unlocode(code) is None


@pytest.mark.parametrize("code", ["CNSH", "QQSHA", "cnsha", "CNSH1", "CN SH", "CNSHA1"])
def test_unlocode_structure_rejects(code: str) -> None:
    problem = check_unlocode(code)
    assert problem is not None and code in problem[0]


@given(
    st.sampled_from(["CN", "NL", "DE", "US", "SG"]),
    st.text(alphabet=string.ascii_uppercase + "23456789", min_size=3, max_size=3),
)
def test_any_structural_locode_is_accepted(country: str, place: str) -> None:
    assert check_unlocode(country + place) is None


def test_country() -> None:
    assert check_country("CN") is None
    assert check_country("XX") is not None
