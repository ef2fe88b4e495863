"""Hypothesis strategies for every document of the canonical model.

Generated documents hold what the EDIFACT translation can carry (minute-precision times, one
vessel identifier, at least one party where the message requires one), so that
canonical → EDIFACT → canonical must give back an equal document. Other translators reuse them.
"""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

from hypothesis import strategies as st

from eport.logistics import (  # noqa: F401  (the full model, for strategies and their users)
    AnnouncementPurpose,
    BayPlan,
    BookingConfirmation,
    BookingRequest,
    BookingStatus,
    CargoReport,
    CarriageStage,
    CodeListName,
    CodeMapper,
    CodeScheme,
    Consignment,
    ContainerAnnouncement,
    ContainerMove,
    ContainerNumber,
    CustomsDeclaration,
    CustomsResponse,
    CustomsStatus,
    DangerousGoods,
    Document,
    DocumentHeader,
    Equipment,
    EquipmentRequirement,
    FullEmpty,
    GateDirection,
    GateEvent,
    GateEventReport,
    GoodsItem,
    IdentifierError,
    IdentityCodeMapper,
    ImoNumber,
    LoadDischargeOrder,
    LoadDischargeReport,
    Location,
    LocationFunction,
    MessageFunction,
    Money,
    Party,
    PartyRole,
    PlainFormError,
    Reference,
    ReferenceKind,
    Seal,
    SealIssuer,
    ShippingInstructions,
    StatusEvent,
    StatusReport,
    StowagePosition,
    StowedContainer,
    Temperature,
    TemperatureUnit,
    TradeDirection,
    Transport,
    TransportMode,
    UnLocode,
    VerifiedGrossMass,
    Vessel,
    VesselOperation,
    VgmDeclaration,
    WeighingMethod,
    Weight,
    WeightUnit,
)
from eport.logistics.identifiers import iso6346_check_digit

UPPER = string.ascii_uppercase
# Text that every EDIFACT character set can carry, including the separators themselves.
# At most 17 characters: a place name (3224) is an..17 in D.95B.
text = (
    st.text(alphabet=UPPER + string.digits + " -/.+:'?", min_size=1, max_size=17)
    .map(str.strip)
    .filter(bool)
)
# Codes fit the shortest EDIFACT slot they go into (a means-of-transport id is an..9).
codes = st.text(alphabet=UPPER + string.digits, min_size=1, max_size=9)


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
# Whole degrees: D.95B's temperature (6246) is n3.
temperatures = st.builds(
    Temperature,
    st.integers(-40, 40).map(Decimal),
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
        # The functions the community MIGs accept in BGM (1225: 9, 5, 1).
        st.sampled_from(
            [MessageFunction.ORIGINAL, MessageFunction.REPLACEMENT, MessageFunction.CANCELLATION]
        ),
        st.builds(Party, st.just(PartyRole.MESSAGE_SENDER), codes),
        st.builds(Party, st.just(PartyRole.MESSAGE_RECIPIENT), codes),
    )


gate_event_reports = st.builds(
    GateEventReport,
    headers(),
    st.sampled_from(GateDirection),
    st.none() | locations([LocationFunction.PLACE_OF_EVENT]),
    # The roles the CODECO MIGs accept in NAD.
    st.lists(
        parties(
            [
                PartyRole.CONTAINER_OPERATOR,
                PartyRole.CARRIER,
                PartyRole.SHIPPER,
                PartyRole.TERMINAL,
                PartyRole.HAULIER,
                PartyRole.MESSAGE_SENDER,
            ]
        ),
        min_size=1,
        max_size=3,
    ).map(tuple),
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
        min_size=1,
        max_size=3,
        unique_by=lambda event: event.equipment.number,
    ).map(tuple),
)

container_moves = st.builds(
    ContainerMove,
    equipment,
    st.none() | unlocodes,
    st.none() | unlocodes,
    st.none()
    | st.builds(StowagePosition, st.integers(0, 999), st.integers(0, 99), st.integers(0, 99)),
    st.none() | moments,
)
_call_locations = st.lists(
    locations(
        [
            LocationFunction.PORT_OF_CALL,
            LocationFunction.NEXT_PORT_OF_CALL,
            LocationFunction.PORT_OF_LOADING,
            LocationFunction.PORT_OF_DISCHARGE,
        ]
    ),
    max_size=2,
).map(tuple)


def _vessel_call(cls: type) -> st.SearchStrategy:
    return st.builds(
        cls,
        headers(),
        st.sampled_from(VesselOperation),
        sea_transport(),
        party_lists,
        st.lists(references, min_size=1, max_size=2).map(tuple),
        _call_locations,
        st.lists(container_moves, min_size=1, max_size=3).map(tuple),
    )


load_discharge_orders = _vessel_call(LoadDischargeOrder)
load_discharge_reports = _vessel_call(LoadDischargeReport)

equipment_requirements = st.builds(
    EquipmentRequirement,
    size_types,
    st.integers(1, 50),
    st.none() | st.sampled_from(FullEmpty),
    st.none() | temperatures,
)
# D.95B COPARN allows one DGS per container.
_announced = equipment.filter(lambda e: len(e.dangerous_goods) <= 1)
container_announcements = st.builds(
    ContainerAnnouncement,
    headers(),
    st.sampled_from(AnnouncementPurpose),
    party_lists,
    st.lists(references, min_size=1, max_size=2).map(tuple),
    st.none() | sea_transport(),
    st.lists(
        locations(
            [
                LocationFunction.EMPTY_PICKUP,
                LocationFunction.EMPTY_RETURN,
                LocationFunction.PORT_OF_LOADING,
            ]
        ),
        max_size=2,
    ).map(tuple),
    st.lists(_announced, max_size=2).map(tuple),
    st.lists(equipment_requirements, max_size=2).map(tuple),
).filter(lambda a: a.containers or a.unassigned)

# A BAPLIE cell has no SEL, one RFF and a weight, which the guide requires.
_stowable = equipment.filter(
    lambda e: (
        not e.seals and bool(e.booking) != bool(e.bill_of_lading) and e.gross_weight is not None
    )
)
stowage_positions = st.builds(
    StowagePosition, st.integers(0, 999), st.integers(0, 99), st.integers(0, 99)
)
bay_plans = st.builds(
    BayPlan,
    headers(),
    sea_transport().filter(lambda t: t.arrival is not None or t.departure is not None),
    unlocodes,
    st.none() | unlocodes,
    st.lists(parties([PartyRole.CARRIER, PartyRole.MESSAGE_SENDER]), max_size=2).map(tuple),
    st.lists(
        st.builds(
            StowedContainer, stowage_positions, _stowable, unlocodes, unlocodes, st.none() | codes
        ),
        max_size=4,
    ).map(tuple),
)

status_events = st.builds(
    StatusEvent,
    st.sampled_from(["1", "7", "21", "24", "45", "AE", "12"]),
    moments,
    st.none() | locations(),
    st.none() | container_numbers(),
    st.lists(references, max_size=2).map(tuple),
    st.none() | sea_transport() | inland_transport,
    st.none() | text,
)
status_reports = st.builds(StatusReport, headers(), st.lists(status_events, max_size=3).map(tuple))

moneys = st.builds(
    Money,
    st.decimals(min_value=0, max_value=10**9, places=2).map(lambda d: d.normalize() + 0),
    st.sampled_from(["CNY", "USD", "EUR", "JPY"]),
)


def goods_items(
    *, containers: bool = True, hazards: bool = True, hs: bool = True, value: bool = True
) -> st.SearchStrategy[GoodsItem]:
    return st.builds(
        GoodsItem,
        st.integers(1, 999),
        st.none() | text,
        st.none() | st.integers(0, 99999),
        st.none() | st.sampled_from(["CT", "PK", "BG", "PX", "CS"]),
        st.none() | weights,
        st.none() | st.text(alphabet=string.digits, min_size=6, max_size=10) if hs else st.none(),
        st.none() | moneys if value else st.none(),
        st.lists(dangerous_goods, max_size=2).map(tuple) if hazards else st.just(()),
        st.lists(container_numbers(), max_size=2).map(tuple) if containers else st.just(()),
    )


def _goods_list(**kinds: bool) -> st.SearchStrategy[tuple[GoodsItem, ...]]:
    return st.lists(goods_items(**kinds), max_size=3, unique_by=lambda item: item.sequence).map(
        tuple
    )


_legs = st.lists(sea_transport() | inland_transport, max_size=2).map(tuple)
_shipment_places = st.lists(
    locations(
        [
            LocationFunction.PLACE_OF_RECEIPT,
            LocationFunction.PORT_OF_LOADING,
            LocationFunction.PORT_OF_DISCHARGE,
            LocationFunction.PLACE_OF_DELIVERY,
        ]
    ),
    max_size=3,
).map(tuple)
_non_booking_references = st.builds(
    Reference, st.sampled_from([k for k in ReferenceKind if k is not ReferenceKind.BOOKING]), codes
)
# Containers described by a forwarding message carry no hazards or references of their own.
_plain_equipment = equipment.filter(
    lambda e: not e.dangerous_goods and not e.booking and not e.bill_of_lading
)

booking_requests = st.builds(
    BookingRequest,
    headers(),
    party_lists,
    st.lists(references, max_size=2).map(tuple),
    _legs,
    _shipment_places,
    _goods_list(containers=False),
    st.lists(equipment_requirements, max_size=2).map(tuple),
)
booking_confirmations = st.builds(
    BookingConfirmation,
    headers(),
    codes,
    st.sampled_from(BookingStatus),
    party_lists,
    st.lists(_non_booking_references, max_size=2).map(tuple),
    _legs,
    _shipment_places,
    _goods_list(containers=False, hs=False, value=False),
    st.lists(equipment_requirements, max_size=2).map(tuple),
)
shipping_instructions = st.builds(
    ShippingInstructions,
    headers(),
    codes,
    party_lists,
    st.lists(_non_booking_references, max_size=2).map(tuple),
    _legs,
    _shipment_places,
    _goods_list(),
    st.lists(_plain_equipment, max_size=2, unique_by=lambda e: e.number).map(tuple),
)

consignments = st.builds(
    Consignment,
    codes,
    st.lists(
        parties([PartyRole.SHIPPER, PartyRole.CONSIGNEE, PartyRole.NOTIFY_PARTY]), max_size=3
    ).map(tuple),
    _shipment_places,
    _goods_list().filter(bool),
)
cargo_reports = st.builds(
    CargoReport,
    headers(),
    sea_transport(),
    st.lists(parties([PartyRole.SHIP_AGENT, PartyRole.CARRIER]), max_size=2).map(tuple),
    st.lists(
        locations([LocationFunction.PORT_OF_CALL, LocationFunction.CUSTOMS_OFFICE]), max_size=2
    ).map(tuple),
    st.lists(
        _plain_equipment.filter(lambda e: e.temperature is None),
        max_size=3,
        unique_by=lambda e: e.number,
    ).map(tuple),
    st.lists(consignments, max_size=3).map(tuple),
)
customs_responses = st.builds(
    CustomsResponse,
    headers(),
    st.sampled_from(CustomsStatus),
    st.lists(references, min_size=1, max_size=3).map(tuple),
    st.lists(container_numbers(), max_size=3).map(tuple),
    st.lists(text, max_size=2).map(tuple),
)
customs_declarations = st.builds(
    CustomsDeclaration,
    headers(),
    st.sampled_from(TradeDirection),
    st.lists(
        parties(
            [PartyRole.DECLARANT, PartyRole.SHIPPER, PartyRole.CONSIGNEE, PartyRole.CUSTOMS_BROKER]
        ),
        max_size=3,
    ).map(tuple),
    st.lists(references, max_size=2).map(tuple),
    st.none() | sea_transport().map(lambda t: replace(t, arrival=None, departure=None)),
    st.lists(
        locations([LocationFunction.CUSTOMS_OFFICE, LocationFunction.PORT_OF_LOADING]), max_size=2
    ).map(tuple),
    _goods_list(containers=False, hazards=False).filter(bool),
    st.lists(container_numbers(), max_size=3).map(tuple),
)

vgm_declarations = st.builds(
    VgmDeclaration,
    container_numbers(),
    weights,
    st.sampled_from(WeighingMethod),
    st.none() | moments,
    st.none() | codes,
    st.none() | parties([PartyRole.SHIPPER]),
    st.none() | text,
).filter(lambda d: d.signatory is None or d.responsible_party is not None)
verified_gross_masses = st.builds(
    VerifiedGrossMass,
    headers(),
    st.lists(vgm_declarations, min_size=1, max_size=3).map(tuple),
)

# Documents by the EDIFACT message type (D.95B and D.00B) that carries them.
BY_MESSAGE_TYPE = {
    "CODECO": gate_event_reports,
    "COARRI": load_discharge_reports,
    "COPRAR": load_discharge_orders,
    "COPARN": container_announcements,
    "BAPLIE": bay_plans,
    "IFTSTA": status_reports,
    "IFTMBF": booking_requests,
    "IFTMBC": booking_confirmations,
    "IFTMIN": shipping_instructions,
    "CUSCAR": cargo_reports,
    "CUSRES": customs_responses,
    "CUSDEC": customs_declarations,
}
# Every document type of the model.
any_document = st.one_of(*BY_MESSAGE_TYPE.values(), verified_gross_masses)
