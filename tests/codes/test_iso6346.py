"""ISO 6346 owner prefixes and size-type codes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eport.codes import decode_size_type, parse_owner_prefix
from eport.codes.iso6346 import common_size_types

_LENGTHS = "1234ABCDEFGHKLMNP"
_HEIGHTS = "024568 9CDEFLMNP".replace(" ", "")


def test_owner_prefix_structure() -> None:
    prefix = parse_owner_prefix("MSKU")
    assert prefix is not None
    assert prefix.owner_code == "MSK" and prefix.category == "U"
    assert prefix.category_name == "freight container"
    assert str(prefix) == "MSKU"
    assert parse_owner_prefix("TRLZ") is not None
    for bad in ("MSK", "MSKX", "MS1U", "mskU", "MSKUU"):
        assert parse_owner_prefix(bad) is None


def test_decode_common_codes() -> None:
    hc = decode_size_type("45G1")
    assert hc is not None
    assert (hc.length_mm, hc.height_ft, hc.type_group, hc.teu) == (12192, "9'6\"", "GP", 2)
    reefer = decode_size_type("22R1")
    assert reefer is not None and reefer.type_group == "RT" and reefer.teu == 1
    forty_five = decode_size_type("L5G1")
    assert forty_five is not None and forty_five.length_mm == 13716
    tank = decode_size_type("22T6")
    assert tank is not None and tank.type_group == "TD"


def test_every_common_code_decodes() -> None:
    codes = common_size_types()
    assert {"22G1", "22R1", "22U1", "22P1", "42G1", "42P1", "45G1", "45R1", "45U1", "L5G1"} <= set(
        codes
    )
    for code in codes:
        decoded = decode_size_type(code)
        assert decoded is not None, code
        assert decoded.common_name


@settings(deadline=None)  # the first example loads the code lists
@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=4, max_size=4))
def test_decoding_agrees_with_the_parts(code: str) -> None:
    decoded = decode_size_type(code)
    if decoded is None:
        return
    assert code[0] in _LENGTHS and code[1] in _HEIGHTS
    assert decoded.code == code and decoded.type_code == code[2:]
    assert decoded.type_group[0] == code[2]


@settings(deadline=None)  # the first example loads the code lists
@given(st.text(max_size=8).filter(lambda s: len(s) != 4))
def test_wrong_length_never_decodes(code: str) -> None:
    assert decode_size_type(code) is None
