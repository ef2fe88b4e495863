"""Hypothesis strategies for whole canonical documents, built from the model's types.

Shared by the JSON, DCSA and CSV translator tests; the test in this module checks that the
strategies produce every document type.
"""

from __future__ import annotations

import dataclasses
import string
import types
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from eport.codes.iso6346 import common_size_types
from eport.logistics import (
    ContainerNumber,
    DangerousGoods,
    Document,
    GoodsItem,
    ImoNumber,
    Money,
    StatusEvent,
    StowagePosition,
    StowedContainer,
    Transport,
    UnLocode,
)
from eport.logistics.booking import EquipmentRequirement
from eport.logistics.documents import DOCUMENT_TYPES
from eport.logistics.equipment import Equipment
from eport.logistics.identifiers import iso6346_check_digit

ZONES = [
    UTC,
    timezone(timedelta(hours=8)),
    timezone(timedelta(hours=-5)),
    timezone(timedelta(hours=5, minutes=30)),
]
LOCODES = ["CNSHA", "CNNGB", "CNYTN", "CNTAO", "SGSIN", "NLRTM", "DEHAM", "USLAX"]

# Text as partners write it: no surrounding blanks (CSV readers strip cells).
text = (
    st.text(alphabet=string.ascii_letters + string.digits + " -./中港", min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)


@st.composite
def container_numbers(draw: st.DrawFn) -> ContainerNumber:
    owner = draw(st.text(alphabet=string.ascii_uppercase, min_size=3, max_size=3))
    serial = draw(st.text(alphabet=string.digits, min_size=6, max_size=6))
    first = owner + "U" + serial
    return ContainerNumber(first + str(iso6346_check_digit(first)))


@st.composite
def imo_numbers(draw: st.DrawFn) -> ImoNumber:
    digits = draw(st.text(alphabet=string.digits, min_size=6, max_size=6))
    check = sum(int(d) * w for d, w in zip(digits, range(7, 1, -1), strict=True)) % 10
    return ImoNumber(digits + str(check))


aware_datetimes = st.builds(
    lambda moment, zone: moment.replace(tzinfo=zone),
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31)),
    st.sampled_from(ZONES),
)

FIELD_STRATEGIES: dict[tuple[type, str], st.SearchStrategy[Any]] = {
    (Equipment, "size_type"): st.sampled_from(common_size_types()),
    (EquipmentRequirement, "size_type"): st.sampled_from(common_size_types()),
    (EquipmentRequirement, "quantity"): st.integers(1, 20),
    (Transport, "carrier"): st.sampled_from(["MAEU", "MSCU", "COSU", "CMDU", "ONEY"]),
    (StowedContainer, "carrier"): st.sampled_from(["MSK", "MSC", "COS"]),
    (GoodsItem, "package_type"): st.sampled_from(["CT", "PX", "BG", "PK", "DR"]),
    (GoodsItem, "hs_code"): st.text(alphabet=string.digits, min_size=6, max_size=10),
    (GoodsItem, "sequence"): st.integers(1, 99),
    (GoodsItem, "package_count"): st.integers(0, 9999),
    (Money, "currency"): st.sampled_from(["CNY", "USD", "EUR"]),
    (DangerousGoods, "un_number"): st.text(alphabet=string.digits, min_size=4, max_size=4),
    (DangerousGoods, "imdg_class"): st.sampled_from(["3", "2.1", "8", "9", "6.1"]),
    (StowagePosition, "row"): st.integers(0, 99),
    (StowagePosition, "tier"): st.integers(0, 99),
    (StatusEvent, "code"): st.sampled_from(["1", "21", "24", "35", "98"]),
}


@cache
def strategy_for(kind: Any) -> st.SearchStrategy[Any]:
    origin = get_origin(kind)
    if origin is Union or origin is types.UnionType:
        inner = next(arg for arg in get_args(kind) if arg is not type(None))
        return st.none() | strategy_for(inner)
    if origin is tuple:
        return st.lists(strategy_for(get_args(kind)[0]), max_size=2).map(tuple)
    simple: dict[Any, st.SearchStrategy[Any]] = {
        ContainerNumber: container_numbers(),
        ImoNumber: imo_numbers(),
        UnLocode: st.sampled_from(LOCODES).map(UnLocode),
        str: text,
        int: st.integers(0, 999),
        bool: st.booleans(),
        Decimal: st.decimals(min_value=0, max_value=99999, places=2),
        datetime: aware_datetimes,
    }
    if kind in simple:
        return simple[kind]
    if isinstance(kind, type) and issubclass(kind, Enum):
        return st.sampled_from(list(kind))
    if dataclasses.is_dataclass(kind):
        return instances(kind)
    raise TypeError(f"no strategy for {kind!r}")


@st.composite
def instances(draw: st.DrawFn, cls: Any) -> Any:
    # A few values break a rule of the model (a party with a scheme but no code, ...); a
    # second draw is cheaper for Hypothesis than rejecting the whole document.
    for _ in range(4):
        try:
            return cls(**draw(_arguments(cls)))
        except ValueError:
            continue
    assume(False)


@st.composite
def _arguments(draw: st.DrawFn, cls: Any) -> dict[str, Any]:
    hints = get_type_hints(cls)
    arguments = {}
    for field in dataclasses.fields(cls):
        special = FIELD_STRATEGIES.get((cls, field.name))
        if special is None:
            strategy = strategy_for(hints[field.name])
        elif get_origin(hints[field.name]) in (Union, types.UnionType):
            strategy = st.none() | special
        else:
            strategy = special
        arguments[field.name] = draw(strategy)
    return arguments


def documents(*kinds: type) -> st.SearchStrategy[Document]:
    """Documents of the given types (all document types by default)."""
    return st.one_of([instances(kind) for kind in (kinds or DOCUMENT_TYPES)])


@pytest.mark.parametrize("kind", DOCUMENT_TYPES, ids=lambda kind: kind.__name__)
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_strategies_build_every_document_type(kind: type, data: st.DataObject) -> None:
    assert isinstance(data.draw(documents(kind)), kind)
