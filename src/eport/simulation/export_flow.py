"""The export flow (出口) of one vessel call, booking by booking and container by container.

booking (IFTMBF/IFTMBC) → empty release (COPARN to the depot) and acceptance order (COPARN
to the terminal) → gate-out empty (depot CODECO) → VGM (VERMAS) → gate-in full (terminal
CODECO) → arrival report (terminal CODECO to customs) → manifest (CUSCAR) and its receipt →
declaration (CUSDEC) → receipts, inspection for some, release (CUSRES) → load order (COPRAR)
→ load (COARRI) → bay plan (BAPLIE) → departure (IFTSTA).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from eport.logistics import (
    AnnouncementPurpose,
    BookingConfirmation,
    BookingRequest,
    CarriageStage,
    Consignment,
    ContainerAnnouncement,
    CustomsDeclaration,
    DocumentHeader,
    EquipmentRequirement,
    FullEmpty,
    GateDirection,
    GateEvent,
    GateEventReport,
    Location,
    LocationFunction,
    Party,
    PartyRole,
    Reference,
    ReferenceKind,
    TradeDirection,
    UnLocode,
    VerifiedGrossMass,
    VesselOperation,
    VgmDeclaration,
    WeighingMethod,
)
from eport.simulation.cargo import Stuffing, choose_size_type, empty_box, stuff_container
from eport.simulation.clearance import Declared, clear, report_manifest
from eport.simulation.community import Member, Role
from eport.simulation.flows import (
    Port,
    carrier_of,
    carrier_party,
    declared_goods,
    declared_transport,
    member_party,
    operator_party,
    place,
    split_into_shipments,
    truck,
    vessel_transport,
)
from eport.simulation.schedule import PortCall
from eport.simulation.traffic import Step
from eport.simulation.vessel_ops import (
    DEPARTED,
    move_of,
    order_moves,
    report_move,
    report_status,
    send_bay_plan,
    working_times,
)

_SHIPPERS = (
    "NINGBO HUAXIN TRADING CO LTD",
    "ZHEJIANG JIALI ELECTRIC CO LTD",
    "CIXI SUNRISE APPLIANCES CO LTD",
    "YUYAO BRIGHT LIGHTING CO LTD",
    "NINGBO OCEAN FOODS CO LTD",
    "ZHEJIANG TIANYUAN CHEMICAL CO LTD",
)
_CONSIGNEES = (
    "EURO HOME GMBH",
    "PACIFIC IMPORTS INC",
    "MEDITERRANEAN DISTRIBUTION SPA",
    "GULF TRADING LLC",
    "NORDIC RETAIL AB",
    "ATLAS WHOLESALE LTD",
)


@dataclass(frozen=True, slots=True)
class Booking:
    """One export shipment: a booking and bill of lading over one or more containers."""

    number: str
    bill_of_lading: str
    forwarder: Member
    broker: Member
    depot: Member
    carrier: Member
    shipper: str
    consignee: str
    port_of_discharge: UnLocode
    stuffings: tuple[Stuffing, ...]

    @property
    def containers(self) -> tuple[str, ...]:
        return tuple(s.equipment.number.value for s in self.stuffings)

    def references(self) -> tuple[Reference, ...]:
        return (
            Reference(ReferenceKind.BOOKING, self.number),
            Reference(ReferenceKind.BILL_OF_LADING, self.bill_of_lading),
        )

    def requirements(self, status: FullEmpty) -> tuple[EquipmentRequirement, ...]:
        first = self.stuffings[0].equipment
        assert first.size_type is not None
        return (
            EquipmentRequirement(first.size_type, len(self.stuffings), status, first.temperature),
        )


def run_export(port: Port, call: PortCall, count: int) -> None:
    """All messages of the export containers of `call` (`count` of them)."""
    carrier = carrier_of(port, call)
    cutoff = call.eta - timedelta(hours=12)
    bookings = [
        _new_booking(port, call, carrier, size) for size in split_into_shipments(port.rng, count)
    ]
    for booking in bookings:
        _ship(port, call, booking, cutoff)
    _load_vessel(port, call, carrier, bookings, cutoff)


def _new_booking(port: Port, call: PortCall, carrier: Member, size: int) -> Booking:
    n = port.serial(f"booking:{carrier.code}")
    number = f"{carrier.smdg}{call.eta:%y}{n:07d}"
    size_type, tare = choose_size_type(port.rng)
    bill = f"{carrier.scac}NGB{call.eta:%y}{n:06d}"
    stuffings = tuple(
        stuff_container(
            port.rng, port.pool.number(carrier.owner_prefixes), size_type, tare, i, number, bill
        )
        for i in range(1, size + 1)
    )
    return Booking(
        number,
        bill,
        port.any(Role.FORWARDER),
        port.any(Role.CUSTOMS_BROKER),
        port.any(Role.DEPOT),
        carrier,
        port.rng.choice(_SHIPPERS),
        port.rng.choice(_CONSIGNEES),
        port.rng.choice(call.after),
        stuffings,
    )


def _ship(port: Port, call: PortCall, booking: Booking, cutoff: datetime) -> None:
    """The life of one booking up to customs release, timed back from the cut-off."""
    gate_in = sorted(cutoff - port.hours(26, 96) for _ in booking.stuffings)
    vgm = [g - port.hours(1, 10) for g in gate_in]
    gate_out = [v - port.hours(4, 30) for v in vgm]
    release_order = min(gate_out) - port.hours(1, 24)
    confirmed = release_order - port.minutes(10, 120)
    requested = confirmed - port.minutes(30, 360)
    _book(port, call, booking, requested, confirmed)
    _announce(port, call, booking, release_order)
    for stuffing, out_at, vgm_at, in_at in zip(
        booking.stuffings, gate_out, vgm, gate_in, strict=True
    ):
        _pick_up_empty(port, call, booking, stuffing, out_at)
        _declare_vgm(port, booking, stuffing, vgm_at)
        _deliver_full(port, call, booking, stuffing, in_at)
    manifest_at = max(confirmed + timedelta(minutes=30), gate_in[0] - port.hours(2, 12))
    _manifest(port, call, booking, manifest_at)
    # Declared once the arrival reports are out: they go with the terminal's hourly batch
    # (up to 75 minutes after the gate move), so the broker waits more than that.
    _declare(port, call, booking, gate_in[-1] + port.minutes(121, 480))


def _book(
    port: Port, call: PortCall, booking: Booking, requested: datetime, confirmed: datetime
) -> None:
    transport = (vessel_transport(call, booking.carrier, export=True),)
    parties = (
        member_party(booking.forwarder, PartyRole.FORWARDER),
        Party(PartyRole.SHIPPER, name=booking.shipper),
        carrier_party(booking.carrier),
    )
    locations = (
        place(LocationFunction.PORT_OF_LOADING, port.locode),
        place(LocationFunction.PORT_OF_DISCHARGE, booking.port_of_discharge),
    )
    goods = tuple(replace(s.goods, containers=()) for s in booking.stuffings)
    requirements = booking.requirements(FullEmpty.FULL)
    request_ref = (Reference(ReferenceKind.SHIPPER_REFERENCE, f"SR{booking.number}"),)

    def request(header: DocumentHeader) -> BookingRequest:
        return BookingRequest(
            header, parties, request_ref, transport, locations, goods, requirements
        )

    def confirmation(header: DocumentHeader) -> BookingConfirmation:
        pickup = place(LocationFunction.EMPTY_PICKUP, port.locode, booking.depot.facility)
        # IFTMBC's goods items carry no commodity code (the carrier confirms, not classifies).
        return BookingConfirmation(
            header,
            booking.number,
            parties=parties,
            references=request_ref,
            transport=transport,
            locations=(*locations, pickup),
            goods=tuple(replace(g, hs_code=None) for g in goods),
            equipment=requirements,
        )

    out = port.outbox
    out.send(requested, booking.forwarder, booking.carrier, "IFTMBF", Step.BOOKING_REQUEST, request)
    out.send(
        confirmed,
        booking.carrier,
        booking.forwarder,
        "IFTMBC",
        Step.BOOKING_CONFIRMATION,
        confirmation,
    )


def _announce(port: Port, call: PortCall, booking: Booking, at: datetime) -> None:
    """Empty release to the depot (放箱) and acceptance order to the terminal (进箱)."""
    depot = booking.depot
    transport = vessel_transport(call, booking.carrier, export=True)
    discharge = place(LocationFunction.PORT_OF_DISCHARGE, booking.port_of_discharge)
    orders = (
        (
            depot,
            Step.EMPTY_RELEASE,
            AnnouncementPurpose.EMPTY_RELEASE,
            FullEmpty.EMPTY,
            place(LocationFunction.EMPTY_PICKUP, port.locode, depot.facility),
            at,
        ),
        (
            call.terminal,
            Step.ACCEPTANCE_ORDER,
            AnnouncementPurpose.ACCEPTANCE,
            FullEmpty.FULL,
            place(LocationFunction.PORT_OF_LOADING, port.locode, call.terminal.facility),
            at + port.minutes(5, 60),
        ),
    )
    for recipient, step, purpose, status, where, when in orders:

        def make(
            header: DocumentHeader,
            purpose: AnnouncementPurpose = purpose,
            status: FullEmpty = status,
            where: Location = where,
        ) -> ContainerAnnouncement:
            return ContainerAnnouncement(
                header,
                purpose,
                parties=(operator_party(booking.carrier),),
                references=(Reference(ReferenceKind.BOOKING, booking.number),),
                transport=transport,
                locations=(where, discharge),
                unassigned=booking.requirements(status),
            )

        port.outbox.send(when, booking.carrier, recipient, "COPARN", step, make)


def _pick_up_empty(
    port: Port, call: PortCall, booking: Booking, stuffing: Stuffing, at: datetime
) -> None:
    depot = booking.depot
    full = stuffing.equipment
    assert full.size_type is not None and full.tare_weight is not None
    box = empty_box(full.number, full.size_type, int(full.tare_weight.value), booking.number)

    def make(header: DocumentHeader) -> GateEventReport:
        return GateEventReport(
            header,
            GateDirection.OUT,
            facility=place(LocationFunction.PLACE_OF_EVENT, port.locode, depot.facility),
            parties=(operator_party(booking.carrier),),
            references=(Reference(ReferenceKind.BOOKING, booking.number),),
            events=(GateEvent(box, at, truck(port, CarriageStage.PRE_CARRIAGE)),),
        )

    port.outbox.send(
        at, depot, booking.carrier, "CODECO", Step.GATE_OUT_EMPTY, make, (full.number.value,)
    )


def _declare_vgm(port: Port, booking: Booking, stuffing: Stuffing, at: datetime) -> None:
    full = stuffing.equipment
    mass = full.vgm
    assert mass is not None

    def make(header: DocumentHeader) -> VerifiedGrossMass:
        return VerifiedGrossMass(
            header,
            (
                VgmDeclaration(
                    container=full.number,
                    mass=mass,
                    method=WeighingMethod.METHOD_1,
                    weighed=at - port.minutes(20, 90),
                    booking=booking.number,
                    responsible_party=Party(PartyRole.SHIPPER, name=booking.shipper),
                    signatory="WEIGHING CLERK",
                ),
            ),
        )

    port.outbox.send(
        at, booking.forwarder, booking.carrier, "VERMAS", Step.VGM, make, (full.number.value,)
    )


def _deliver_full(
    port: Port, call: PortCall, booking: Booking, stuffing: Stuffing, at: datetime
) -> None:
    """Gate-in full at the terminal (重箱进港), to the carrier and, as arrival report, customs."""
    terminal = call.terminal
    facility = place(LocationFunction.PLACE_OF_EVENT, port.locode, terminal.facility)
    event = GateEvent(stuffing.equipment, at, truck(port, CarriageStage.PRE_CARRIAGE))
    transport = vessel_transport(call, booking.carrier, export=True)

    def make(header: DocumentHeader) -> GateEventReport:
        return GateEventReport(
            header,
            GateDirection.IN,
            facility=facility,
            parties=(operator_party(booking.carrier),),
            references=booking.references(),
            transport=transport,
            events=(event,),
        )

    boxes = (stuffing.equipment.number.value,)
    port.outbox.send(at, terminal, booking.carrier, "CODECO", Step.GATE_IN_FULL, make, boxes)
    port.outbox.send(
        at + port.minutes(1, 15),
        terminal,
        port.one(Role.CUSTOMS),
        "CODECO",
        Step.ARRIVAL_REPORT,
        make,
        boxes,
    )


def _manifest(port: Port, call: PortCall, booking: Booking, at: datetime) -> None:
    """Pre-stow manifest (预配舱单), ship agent to customs, and customs' receipt."""
    consignment = Consignment(
        booking.bill_of_lading,
        parties=(
            Party(PartyRole.SHIPPER, name=booking.shipper),
            Party(PartyRole.CONSIGNEE, name=booking.consignee),
        ),
        locations=(
            place(LocationFunction.PORT_OF_LOADING, port.locode),
            place(LocationFunction.PORT_OF_DISCHARGE, booking.port_of_discharge),
        ),
        goods=tuple(s.goods for s in booking.stuffings),
    )
    report_manifest(
        port,
        call,
        booking.carrier,
        consignment,
        tuple(s.equipment for s in booking.stuffings),
        at,
        export=True,
    )


def _declare(port: Port, call: PortCall, booking: Booking, at: datetime) -> datetime:
    """Export declaration (报关), broker to customs, and its clearance; returns the release."""
    broker = booking.broker
    numbers = tuple(s.equipment.number for s in booking.stuffings)

    def make(header: DocumentHeader) -> CustomsDeclaration:
        return CustomsDeclaration(
            header,
            TradeDirection.EXPORT,
            parties=(
                member_party(broker, PartyRole.DECLARANT),
                Party(PartyRole.SHIPPER, name=booking.shipper),
            ),
            references=booking.references(),
            transport=declared_transport(call, booking.carrier, export=True),
            locations=(
                place(LocationFunction.PORT_OF_LOADING, port.locode),
                place(LocationFunction.PORT_OF_DISCHARGE, booking.port_of_discharge),
            ),
            goods=declared_goods(s.goods for s in booking.stuffings),
            containers=numbers,
        )

    declaration = port.outbox.send(
        at, broker, port.one(Role.CUSTOMS), "CUSDEC", Step.DECLARATION, make, booking.containers
    )
    return clear(
        port,
        Declared(
            declaration.header.number,
            at,
            broker,
            call.terminal,
            (
                Reference(ReferenceKind.DECLARATION, declaration.header.number),
                *booking.references(),
            ),
            numbers,
        ),
    )


def _load_vessel(
    port: Port, call: PortCall, carrier: Member, bookings: list[Booking], cutoff: datetime
) -> None:
    """Load order after the cut-off, loading in the second part of the call, bay plan, status."""
    boxes = [(b, s.equipment) for b in bookings for s in b.stuffings]
    orders = [move_of(e, port.locode, b.port_of_discharge) for b, e in boxes]
    order_moves(port, call, carrier, VesselOperation.LOAD, orders, cutoff + port.hours(0.5, 2))
    alongside = call.atd - call.ata
    times = working_times(
        port, call.ata + alongside * 0.45, call.atd - timedelta(hours=1), len(boxes)
    )
    port.rng.shuffle(boxes)
    loaded = [
        move_of(e, port.locode, b.port_of_discharge, i, t)
        for i, ((b, e), t) in enumerate(zip(boxes, times, strict=True))
    ]
    for move in loaded:
        report_move(port, call, carrier, VesselOperation.LOAD, move)
    send_bay_plan(port, call, carrier, loaded)
    for booking in bookings:
        report_status(
            port,
            call,
            carrier,
            booking,
            [s.equipment for s in booking.stuffings],
            DEPARTED,
            call.atd,
            call.atd + port.minutes(61, 240),
        )
