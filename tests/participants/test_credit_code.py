"""The unified social credit code check (GB 32100-2015)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eport.participants.credit_code import (
    ALPHABET,
    CreditCodeError,
    check_character,
    validate_credit_code,
)

# The example printed in GB 32100-2015, and a code published by a registered company.
PUBLISHED = ["91350100M000100Y43", "91110000100006485K"]

bodies = st.text(alphabet=ALPHABET, min_size=17, max_size=17)


@pytest.mark.parametrize("code", PUBLISHED)
def test_published_codes_are_valid(code: str) -> None:
    assert validate_credit_code(code) == code


def test_lower_case_and_spaces_are_normalised() -> None:
    assert validate_credit_code(" 91350100m000100y43 ") == "91350100M000100Y43"


@pytest.mark.parametrize(
    "text", ["", "9135010", "91350100M000100Y4", "91350100M000100Y433", "91350100M000100I43"]
)
def test_malformed_codes_are_refused(text: str) -> None:
    with pytest.raises(CreditCodeError):
        validate_credit_code(text)


@pytest.mark.parametrize("letter", "IOZSV")
def test_misreadable_letters_are_not_in_the_alphabet(letter: str) -> None:
    with pytest.raises(CreditCodeError):
        check_character("9135010" + letter + "M000100Y4")


@given(bodies)
def test_a_code_with_its_check_character_is_valid(body: str) -> None:
    assert validate_credit_code(body + check_character(body)) == body + check_character(body)


@given(bodies, st.integers(min_value=0, max_value=17), st.sampled_from(ALPHABET))
def test_any_single_changed_character_is_refused(body: str, position: int, char: str) -> None:
    code = body + check_character(body)
    changed = code[:position] + char + code[position + 1 :]
    if changed == code:
        return
    # Modulo 31 with weights coprime to 31 catches every single substitution.
    with pytest.raises(CreditCodeError):
        validate_credit_code(changed)
