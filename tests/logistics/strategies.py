"""Hypothesis strategies for every document of the canonical model.

Generated documents hold what the EDIFACT translation can carry (minute-precision times, one
vessel identifier, at least one party where the message requires one), so that
canonical → EDIFACT → canonical must give back an equal document. Other translators reuse them.
"""

from __future__ import annotations

import string
from datetime import UTC, datetime

from hypothesis import strategies as st

from eport.logistics import (
    CarriageStage,
    CodeScheme,
    ContainerNumber,
    DangerousGoods,
    DocumentHeader,
    Equipment,
    FullEmpty,
    GateDirection,
    GateEvent,
    GateEventReport,
    ImoNumber,
    Location,
    LocationFunction,
    MessageFunction,
    Party,
    PartyRole,
    Reference,
    ReferenceKind,
    Seal,
    SealIssuer,
    Temperature,
    TemperatureUnit,
    Transport,
    TransportMode,
    UnLocode,
    Vessel,
    Weight,
    WeightUnit,
)
from eport.logistics.identifiers import iso6346_check_digit

UPPER = string.ascii_uppercase
# Text that every EDIFACT character set can carry, including the separators themselves.
text = (
    st.text(alphabet=UPPER + string.digits + " -/.+:'?", min_size=1, max_size=20)
    .map(str.strip)
    .filter(bool)
)
codes = st.text(alphabet=UPPER + string.digits, min_size=1, max_size=12)


@st.composite
def container_numbers(draw: st.DrawFn) -> ContainerNumber:
    owner = draw(st.text(alphabet=UPPER, min_size=3, max_size=3))
    serial = draw(st.text(alphabet=string.digits, min_size=6, max_size=6))
    first = owner + "U" + serial
    return ContainerNumber(first + str(iso6346_check_digit(first)))


@st.composite
def imo_numbers(draw: st.DrawFn) -> ImoNumber:
    digits = draw(st.text(alphabet=string.digits, min_size=6, max_size=6))
    check = sum(int(d) * w for d, w in zip(digits, range(7, 1, -1), strict=True)) % 10
    return ImoNumber(digits + str(check))


unlocodes = st.builds(
    lambda country, place: UnLocode(country + place),
    st.sampled_from(["CN", "NL", "DE", "SG", "US", "KR", "JP", "BE"]),
    st.text(alphabet=UPPER + "23456789", min_size=3, max_size=3),
)
size_types = st.sampled_from(["22G1", "42G1", "45G1", "22R1", "45R1", "22T6", "L5G1", "22U1"])
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2040, 12, 31), timezones=st.just(UTC)
).map(lambda d: d.replace(second=0, microsecond=0))
decimals = st.decimals(min_value=0, max_value=99999, places=1).map(lambda d: d.normalize() + 0)
temperatures = st.builds(
    Temperature,
    st.decimals(min_value=-40, max_value=40, places=1).map(lambda d: d.normalize() + 0),
    st.sampled_from(TemperatureUnit),
)
weights = st.builds(Weight, decimals, st.sampled_from(WeightUnit))
dangerous_goods = st.builds(
    DangerousGoods,
    st.text(alphabet=string.digits, min_size=4, max_size=4),
    st.sampled_from(["1.4", "2.1", "3", "4.1", "5.1", "6.1", "8", "9"]),
)
seals = st.builds(Seal, codes, st.none() | st.sampled_from(SealIssuer))


def parties(roles: list[PartyRole] | None = None) -> st.SearchStrategy[Party]:
    role = st.sampled_from(roles or list(PartyRole))
    coded = st.builds(Party, role, codes, st.none() | st.sampled_from(CodeScheme), st.none() | text)
    named = st.builds(Party, role, st.none(), st.none(), text)
    return coded | named


party_lists = st.lists(parties(), min_size=1, max_size=3).map(tuple)
references = st.builds(Reference, st.sampled_from(ReferenceKind), codes)


def locations(functions: list[LocationFunction] | None = None) -> st.SearchStrategy[Location]:
    return st.builds(
        Location,
        st.sampled_from(functions or list(LocationFunction)),
        unlocodes,
        st.none() | codes,
        st.none() | text,
    )


@st.composite
def vessels(draw: st.DrawFn) -> Vessel:
    name = draw(st.none() | text)
    if draw(st.booleans()):
        return Vessel(name=name, imo=draw(imo_numbers()))
    return Vessel(name=name, call_sign=draw(codes))


def sea_transport(
    stage: CarriageStage = CarriageStage.MAIN_CARRIAGE,
) -> st.SearchStrategy[Transport]:
    return st.builds(
        Transport,
        st.just(TransportMode.SEA),
        st.just(stage),
        codes,
        vessels(),
        st.none() | codes,
        st.none(),
        st.none() | moments,
        st.none() | moments,
    )


inland_transport = st.builds(
    Transport,
    st.sampled_from([TransportMode.ROAD, TransportMode.RAIL]),
    st.sampled_from([CarriageStage.PRE_CARRIAGE, CarriageStage.ON_CARRIAGE]),
    st.none(),
    st.none(),
    st.none() | codes,
    codes,
)

equipment = st.builds(
    Equipment,
    container_numbers(),
    st.none() | size_types,
    st.none() | st.sampled_from(FullEmpty),
    st.lists(seals, max_size=2).map(tuple),
    st.none() | weights,
    st.none() | weights,
    st.none() | weights,
    st.none() | temperatures,
    st.lists(dangerous_goods, max_size=2).map(tuple),
    st.none() | codes,
    st.none() | codes,
)


def headers() -> st.SearchStrategy[DocumentHeader]:
    return st.builds(
        DocumentHeader,
        codes,
        moments,
        st.sampled_from(MessageFunction),
        st.builds(Party, st.just(PartyRole.MESSAGE_SENDER), codes),
        st.builds(Party, st.just(PartyRole.MESSAGE_RECIPIENT), codes),
    )


gate_event_reports = st.builds(
    GateEventReport,
    headers(),
    st.sampled_from(GateDirection),
    st.none() | locations([LocationFunction.PLACE_OF_EVENT]),
    party_lists,
    st.lists(references, max_size=2).map(tuple),
    st.none() | sea_transport(),
    st.lists(
        st.builds(
            GateEvent,
            equipment,
            moments,
            st.none() | inland_transport,
            st.lists(locations(), max_size=2).map(tuple),
        ),
        max_size=3,
        unique_by=lambda event: event.equipment.number,
    ).map(tuple),
)
