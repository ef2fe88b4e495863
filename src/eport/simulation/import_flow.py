"""The import flow (进口) of one vessel call, bill of lading by bill of lading.

import manifest (CUSCAR) and its receipt → discharge order (COPRAR) → discharge (COARRI) →
status to the consignee's forwarder (IFTSTA) → declaration (CUSDEC) → receipts, inspection
for some, release (CUSRES) → gate-out full (terminal CODECO) → empty return (depot CODECO).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from eport.logistics import (
    CarriageStage,
    Consignment,
    CustomsDeclaration,
    DocumentHeader,
    GateDirection,
    GateEvent,
    GateEventReport,
    LocationFunction,
    Party,
    PartyRole,
    Reference,
    ReferenceKind,
    TradeDirection,
    UnLocode,
    VesselOperation,
)
from eport.simulation.cargo import Stuffing, choose_size_type, empty_box, stuff_container
from eport.simulation.clearance import Declared, clear, report_manifest
from eport.simulation.community import Member, Role
from eport.simulation.flows import (
    Port,
    carrier_of,
    declared_goods,
    declared_transport,
    member_party,
    operator_party,
    place,
    split_into_shipments,
    truck,
)
from eport.simulation.schedule import PortCall
from eport.simulation.traffic import Step
from eport.simulation.vessel_ops import (
    UNLOADED,
    move_of,
    order_moves,
    report_move,
    report_status,
    working_times,
)

_SHIPPERS = (
    "HAMBURG MACHINERY GMBH",
    "ROTTERDAM FOODS BV",
    "CALIFORNIA NUTS INC",
    "BUSAN STEEL CO LTD",
    "SINGAPORE PETROCHEMICALS PTE LTD",
)
_CONSIGNEES = (
    "NINGBO IMPORT AND EXPORT CO LTD",
    "ZHEJIANG RETAIL GROUP CO LTD",
    "YINCHUAN TRADING CO LTD",
    "HANGZHOU MACHINERY CO LTD",
)


@dataclass(frozen=True, slots=True)
class BillOfLading:
    """One import shipment, known by its bill of lading."""

    number: str
    forwarder: Member
    broker: Member
    carrier: Member
    shipper: str
    consignee: str
    port_of_loading: UnLocode
    stuffings: tuple[Stuffing, ...]

    @property
    def containers(self) -> tuple[str, ...]:
        return tuple(s.equipment.number.value for s in self.stuffings)

    def references(self) -> tuple[Reference, ...]:
        return (Reference(ReferenceKind.BILL_OF_LADING, self.number),)

    def consignment(self, port_of_discharge: UnLocode) -> Consignment:
        return Consignment(
            self.number,
            parties=(
                Party(PartyRole.SHIPPER, name=self.shipper),
                Party(PartyRole.CONSIGNEE, name=self.consignee),
            ),
            locations=(
                place(LocationFunction.PORT_OF_LOADING, self.port_of_loading),
                place(LocationFunction.PORT_OF_DISCHARGE, port_of_discharge),
            ),
            goods=tuple(s.goods for s in self.stuffings),
        )


def run_import(port: Port, call: PortCall, count: int) -> None:
    """All messages of the import containers of `call` (`count` of them)."""
    carrier = carrier_of(port, call)
    bills = [_new_bill(port, call, carrier, size) for size in split_into_shipments(port.rng, count)]
    for bill in bills:
        report_manifest(
            port,
            call,
            carrier,
            bill.consignment(port.locode),
            tuple(s.equipment for s in bill.stuffings),
            call.eta - port.hours(24, 72),
            export=False,
        )
    boxes = [(b, s.equipment) for b in bills for s in b.stuffings]
    order_moves(
        port,
        call,
        carrier,
        VesselOperation.DISCHARGE,
        [move_of(e, b.port_of_loading, port.locode) for b, e in boxes],
        call.eta - port.hours(12, 24),
    )
    alongside = call.atd - call.ata
    times = working_times(
        port, call.ata + port.minutes(30, 60), call.ata + alongside * 0.45, len(boxes)
    )
    port.rng.shuffle(boxes)
    discharged: dict[str, datetime] = {}
    for index, ((bill, box), time) in enumerate(zip(boxes, times, strict=True)):
        move = move_of(box, bill.port_of_loading, port.locode, index, time)
        report_move(port, call, carrier, VesselOperation.DISCHARGE, move)
        discharged[box.number.value] = time
    for bill in bills:
        landed = max(discharged[c] for c in bill.containers)
        told = landed + port.minutes(61, 180)
        report_status(
            port, call, carrier, bill, [s.equipment for s in bill.stuffings], UNLOADED, landed, told
        )
        # The consignee's broker declares once the forwarder hears the boxes are landed.
        released = _declare(port, call, bill, told + port.minutes(30, 20 * 60))
        for stuffing in bill.stuffings:
            _deliver(port, call, bill, stuffing, released + port.hours(2, 48))


def _new_bill(port: Port, call: PortCall, carrier: Member, size: int) -> BillOfLading:
    n = port.serial(f"bill:{carrier.code}")
    loading = port.rng.choice(call.before)
    number = f"{carrier.scac}{loading.value[2:]}{call.eta:%y}{n:06d}"
    size_type, tare = choose_size_type(port.rng)
    stuffings = tuple(
        stuff_container(
            port.rng, port.pool.number(carrier.owner_prefixes), size_type, tare, i, None, number
        )
        for i in range(1, size + 1)
    )
    return BillOfLading(
        number,
        port.any(Role.FORWARDER),
        port.any(Role.CUSTOMS_BROKER),
        carrier,
        port.rng.choice(_SHIPPERS),
        port.rng.choice(_CONSIGNEES),
        loading,
        stuffings,
    )


def _declare(port: Port, call: PortCall, bill: BillOfLading, at: datetime) -> datetime:
    """Import declaration, broker to customs, and its clearance; returns the release."""
    broker = bill.broker
    numbers = tuple(s.equipment.number for s in bill.stuffings)

    def make(header: DocumentHeader) -> CustomsDeclaration:
        return CustomsDeclaration(
            header,
            TradeDirection.IMPORT,
            parties=(
                member_party(broker, PartyRole.DECLARANT),
                Party(PartyRole.CONSIGNEE, name=bill.consignee),
            ),
            references=bill.references(),
            transport=declared_transport(call, bill.carrier, export=False),
            locations=(
                place(LocationFunction.PORT_OF_LOADING, bill.port_of_loading),
                place(LocationFunction.PORT_OF_DISCHARGE, port.locode),
            ),
            goods=declared_goods(s.goods for s in bill.stuffings),
            containers=numbers,
        )

    declaration = port.outbox.send(
        at, broker, port.one(Role.CUSTOMS), "CUSDEC", Step.DECLARATION, make, bill.containers
    )
    return clear(
        port,
        Declared(
            declaration.header.number,
            at,
            broker,
            call.terminal,
            (Reference(ReferenceKind.DECLARATION, declaration.header.number), *bill.references()),
            numbers,
        ),
    )


def _deliver(
    port: Port, call: PortCall, bill: BillOfLading, stuffing: Stuffing, at: datetime
) -> None:
    """Gate-out full at the terminal (提箱), then the empty's return to the depot (还箱)."""
    full = stuffing.equipment
    assert full.size_type is not None and full.tare_weight is not None
    box = (full.number.value,)
    depot = port.any(Role.DEPOT)
    moves = (
        (call.terminal, GateDirection.OUT, full, at, Step.GATE_OUT_FULL, CarriageStage.ON_CARRIAGE),
        (
            depot,
            GateDirection.IN,
            empty_box(full.number, full.size_type, int(full.tare_weight.value), None),
            at + port.hours(12, 96),
            Step.EMPTY_RETURN,
            CarriageStage.PRE_CARRIAGE,
        ),
    )
    for facility, direction, equipment, when, step, stage in moves:
        event = GateEvent(equipment, when, truck(port, stage))

        def make(
            header: DocumentHeader,
            facility: Member = facility,
            direction: GateDirection = direction,
            event: GateEvent = event,
        ) -> GateEventReport:
            return GateEventReport(
                header,
                direction,
                facility=place(LocationFunction.PLACE_OF_EVENT, port.locode, facility.facility),
                parties=(operator_party(bill.carrier),),
                references=bill.references(),
                events=(event,),
            )

        port.outbox.send(when, facility, bill.carrier, "CODECO", step, make, box)
