"""Goods: items with packages, weights, commodity codes and values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from eport.logistics.equipment import DangerousGoods, Weight
from eport.logistics.identifiers import ContainerNumber

_CURRENCY_PATTERN = re.compile(r"[A-Z]{3}")
_HS_PATTERN = re.compile(r"[0-9]{4,10}")


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in an ISO 4217 currency."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not self.amount.is_finite():
            raise ValueError(f"an amount must be finite: {self.amount}")
        if not _CURRENCY_PATTERN.fullmatch(self.currency):
            raise ValueError(f"not an ISO 4217 currency code: {self.currency!r}")


@dataclass(frozen=True, slots=True)
class GoodsItem:
    """One line of goods.

    `package_type` is a UN/ECE Recommendation 21 code; `hs_code` the Harmonized System
    commodity code; `containers` the containers the item is stuffed in.
    """

    sequence: int
    description: str | None = None
    package_count: int | None = None
    package_type: str | None = None
    gross_weight: Weight | None = None
    hs_code: str | None = None
    value: Money | None = None
    dangerous_goods: tuple[DangerousGoods, ...] = ()
    containers: tuple[ContainerNumber, ...] = ()

    def __post_init__(self) -> None:
        if self.sequence < 1:
            raise ValueError(f"goods item numbers start at 1, got {self.sequence}")
        if self.package_count is not None and self.package_count < 0:
            raise ValueError(f"a negative package count: {self.package_count}")
        if self.hs_code is not None and not _HS_PATTERN.fullmatch(self.hs_code):
            raise ValueError(f"not an HS commodity code: {self.hs_code!r}")
