"""ISO 6346 container numbers, UN/LOCODEs and IMO numbers validate themselves."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.logistics.strategies import container_numbers

from eport.logistics import ContainerNumber, IdentifierError, ImoNumber, UnLocode
from eport.logistics.identifiers import iso6346_check_digit


def test_the_iso_6346_example_number_is_valid() -> None:
    number = ContainerNumber("CSQU3054383")
    assert (number.owner_code, number.category, number.serial) == ("CSQ", "U", "305438")


@pytest.mark.parametrize("wrong", ["CSQU3054384", "CSQU3054380"])
def test_a_wrong_check_digit_is_refused(wrong: str) -> None:
    with pytest.raises(IdentifierError, match="check digit"):
        ContainerNumber(wrong)


@pytest.mark.parametrize(
    "malformed", ["", "CSQU305438", "CSQX3054383", "csqu3054383", "1SQU3054383"]
)
def test_malformed_numbers_are_refused(malformed: str) -> None:
    with pytest.raises(IdentifierError):
        ContainerNumber(malformed)


def test_parse_tolerates_how_people_write_numbers() -> None:
    assert ContainerNumber.parse("csqu 305438-3") == ContainerNumber("CSQU3054383")


@given(container_numbers(), st.integers(0, 9))
def test_only_the_computed_check_digit_is_accepted(number: ContainerNumber, digit: int) -> None:
    candidate = number.value[:10] + str(digit)
    if digit == iso6346_check_digit(number.value[:10]):
        assert ContainerNumber(candidate) == number
    else:
        with pytest.raises(IdentifierError):
            ContainerNumber(candidate)


# Letter values from ISO 6346 (multiples of 11 skipped), written out as an independent oracle.
_LETTER_VALUES = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        [
            10,
            12,
            13,
            14,
            15,
            16,
            17,
            18,
            19,
            20,
            21,
            23,
            24,
            25,
            26,
            27,
            28,
            29,
            30,
            31,
            32,
            34,
            35,
            36,
            37,
            38,
        ],
        strict=True,
    )
)


def _remainder(first_ten: str) -> int:
    weighted = (
        (_LETTER_VALUES[c] if c.isalpha() else int(c)) * 2**i for i, c in enumerate(first_ten)
    )
    return sum(weighted) % 11


@given(container_numbers())
def test_check_digit_agrees_with_the_standard_table(number: ContainerNumber) -> None:
    assert iso6346_check_digit(number.value[:10]) == _remainder(number.value[:10]) % 10


def test_a_remainder_of_ten_is_written_zero() -> None:
    first = next(f"ABCU{n:06d}" for n in range(1_000_000) if _remainder(f"ABCU{n:06d}") == 10)
    assert ContainerNumber(first + "0").value == first + "0"


@pytest.mark.parametrize("code", ["CNNGB", "CNSHA", "NLRTM", "US2NY"])
def test_un_locodes(code: str) -> None:
    assert UnLocode(code).country == code[:2]


@pytest.mark.parametrize("code", ["NGB", "CNNG", "CNNGB1", "cnngb", "CN1GB"])
def test_not_un_locodes(code: str) -> None:
    with pytest.raises(IdentifierError):
        UnLocode(code)


def test_imo_numbers_carry_a_check_digit() -> None:
    assert str(ImoNumber("9074729")) == "9074729"
    with pytest.raises(IdentifierError):
        ImoNumber("9074728")
    with pytest.raises(IdentifierError):
        ImoNumber("907472")
