"""Value types of the canonical model refuse what the business does not allow."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from eport.logistics import (
    DangerousGoods,
    DocumentHeader,
    EquipmentRequirement,
    GoodsItem,
    Location,
    LocationFunction,
    Money,
    Party,
    PartyRole,
    StowagePosition,
    Transport,
    TransportMode,
    Vessel,
    Weight,
)


def test_datetimes_must_carry_a_zone() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        DocumentHeader("1", datetime(2026, 1, 1, 8, 0))
    with pytest.raises(ValueError, match="timezone-aware"):
        Transport(TransportMode.SEA, arrival=datetime(2026, 1, 1))


def test_parties_need_a_code_or_a_name() -> None:
    with pytest.raises(ValueError):
        Party(PartyRole.CARRIER)
    assert Party(PartyRole.CARRIER, name="COSCO").code is None


def test_locations_and_vessels_need_an_identity() -> None:
    with pytest.raises(ValueError):
        Location(LocationFunction.PORT_OF_LOADING)
    with pytest.raises(ValueError):
        Vessel()


@pytest.mark.parametrize("value", [Decimal("-1"), Decimal("NaN"), Decimal("Infinity")])
def test_weights_are_finite_and_not_negative(value: Decimal) -> None:
    with pytest.raises(ValueError):
        Weight(value)


def test_dangerous_goods_codes() -> None:
    assert DangerousGoods("1203", "3").imdg_class == "3"
    with pytest.raises(ValueError):
        DangerousGoods("123", "3")
    with pytest.raises(ValueError):
        DangerousGoods("1203", "10")


def test_equipment_requirements() -> None:
    with pytest.raises(ValueError):
        EquipmentRequirement("40HC")  # a partner's code must be mapped before the model sees it
    with pytest.raises(ValueError):
        EquipmentRequirement("45G1", quantity=0)


def test_goods_and_money() -> None:
    with pytest.raises(ValueError):
        GoodsItem(0)
    with pytest.raises(ValueError):
        GoodsItem(1, hs_code="84X1")
    with pytest.raises(ValueError):
        Money(Decimal("1"), "usd")


@pytest.mark.parametrize(
    ("text", "position"),
    [("0120304", (12, 3, 4)), ("120304", (12, 3, 4)), ("1000082", (100, 0, 82))],
)
def test_stowage_positions_read_bay_row_tier(text: str, position: tuple[int, int, int]) -> None:
    parsed = StowagePosition.parse(text)
    assert (parsed.bay, parsed.row, parsed.tier) == position
    assert str(parsed) == text.zfill(7)


@pytest.mark.parametrize("text", ["", "12A0304", "12345678"])
def test_malformed_stowage_positions(text: str) -> None:
    with pytest.raises(ValueError):
        StowagePosition.parse(text)
