"""The shipped standard code lists."""

from __future__ import annotations

import pycountry
import pytest

from eport.codes import (
    LIST_NAMES,
    CodeCatalog,
    UnknownCodeList,
    default_catalog,
    is_standard,
    lookup,
)
from eport.codes.unlocode import UnLocodeEntry


@pytest.mark.parametrize(
    ("list_name", "code", "name_part"),
    [
        ("size-type", "45G1", "high cube"),
        ("size-type", "22G1", "20'"),
        ("size-type", "L5G1", "45'"),
        ("location", "CNNGB", "Ningbo"),
        ("location", "CNSHA", "Shanghai"),
        ("location", "NLRTM", "Rotterdam"),
        ("carrier", "MSK", "Maersk"),
        ("carrier", "MAEU", "Maersk"),
        ("carrier", "COSU", "COSCO"),
        ("package", "CT", "Carton"),
        ("package", "PX", "Pallet"),
        ("country", "CN", "China"),
        ("currency", "CNY", "Yuan"),
        ("dcsa-event", "GTIN", "Gated in"),
        ("dcsa-facility", "POTE", "Port terminal"),
    ],
)
def test_lookup_finds_standard_codes(list_name: str, code: str, name_part: str) -> None:
    entry = lookup(list_name, code)
    assert entry is not None
    assert entry.list_name == list_name
    assert entry.code == code
    assert name_part in entry.name
    assert is_standard(list_name, code)


@pytest.mark.parametrize(
    ("list_name", "code"),
    [
        ("size-type", "40HC"),
        ("size-type", "45G7"),  # G7 is not a defined type code
        ("size-type", "7XG1"),
        ("location", "NGB"),
        ("location", "ZZZZZ"),
        ("carrier", "NOPE"),
        ("package", "Q9"),
        ("country", "XX"),
        ("currency", "RMB"),
        ("dcsa-event", "GATE"),
        ("dcsa-facility", "PORT"),
    ],
)
def test_lookup_refuses_unknown_codes(list_name: str, code: str) -> None:
    assert lookup(list_name, code) is None
    assert not is_standard(list_name, code)


def test_unknown_list_name_is_an_error() -> None:
    with pytest.raises(UnknownCodeList):
        lookup("colour", "RED")


def test_every_list_has_entries() -> None:
    catalog = default_catalog()
    for list_name in LIST_NAMES:
        assert list(catalog.entries(list_name)), list_name


def test_size_type_details_give_length_height_and_group() -> None:
    entry = lookup("size-type", "45R1")
    assert entry is not None
    assert entry.details["length_ft"] == "40"
    assert entry.details["height_mm"] == "2895"
    assert entry.details["type_group"] == "RT"
    assert entry.details["teu"] == "2"


def test_carrier_smdg_and_scac_name_the_same_carrier() -> None:
    for entry in default_catalog().entries("carrier"):
        for code in (entry.details.get("smdg"), entry.details.get("scac")):
            if code:
                other = lookup("carrier", code)
                assert other is not None and other.name == entry.name


def test_scac_codes_have_four_letters_and_smdg_three() -> None:
    for entry in default_catalog().entries("carrier"):
        assert len(entry.details["scac"]) == 4
        assert len(entry.details.get("smdg", "SMD")) == 3


def test_locations_are_well_formed_and_chinese_ports_carry_province() -> None:
    entries = list(default_catalog().entries("location"))
    assert len(entries) >= 100
    for entry in entries:
        assert len(entry.code) == 5 and entry.code.isupper()
        assert pycountry.countries.get(alpha_2=entry.code[:2]) is not None, entry.code
        if entry.code.startswith("CN"):
            assert entry.details["subdivision"], entry.code
            assert pycountry.subdivisions.get(code="CN-" + entry.details["subdivision"])


def test_countries_and_currencies_follow_pycountry() -> None:
    assert sum(1 for _ in default_catalog().entries("country")) == len(pycountry.countries)
    assert sum(1 for _ in default_catalog().entries("currency")) == len(pycountry.currencies)


def test_dcsa_event_categories() -> None:
    categories = {
        entry.code: entry.details["category"] for entry in default_catalog().entries("dcsa-event")
    }
    for code in (
        "LOAD",
        "DISC",
        "GTIN",
        "GTOT",
        "STUF",
        "STRP",
        "PICK",
        "DROP",
        "INSP",
        "RSEA",
        "RMVD",
    ):
        assert categories[code] == "equipment-event"
    assert categories["ARRI"] == categories["DEPA"] == "transport-event"
    assert {code for code, c in categories.items() if c == "classifier"} == {"ACT", "PLN", "EST"}


def test_with_locations_extends_only_the_location_list() -> None:
    extra = UnLocodeEntry(
        code="DEXYZ",
        name="Example",
        name_ascii="Example",
        subdivision="",
        status="AI",
        function="1-------",
        iata="",
        latitude=53.5,
        longitude=9.9667,
        remarks="",
    )
    catalog: CodeCatalog = default_catalog().with_locations([extra])
    entry = catalog.lookup("location", "DEXYZ")
    assert entry is not None and entry.details["latitude"] == "53.5000"
    assert catalog.is_standard("location", "CNSHA")
    assert not default_catalog().is_standard("location", "DEXYZ")
    assert catalog.is_standard("carrier", "MSK")


def test_china_port_codes_that_are_easily_confused() -> None:
    # Codes checked against the UN/LOCODE list: Taicang is CNTAG, Qinhuangdao CNSHP,
    # Qinzhou (Guangxi) CNQZH and Quanzhou (Fujian) CNQZJ.
    names = {code: lookup("location", code) for code in ("CNTAG", "CNSHP", "CNQZH", "CNQZJ")}
    assert {code: e.name for code, e in names.items() if e} == {
        "CNTAG": "Taicang",
        "CNSHP": "Qinhuangdao",
        "CNQZH": "Qinzhou",
        "CNQZJ": "Quanzhou",
    }
