"""Customs: manifests and their receipts, declarations cleared, inspected, released (放行)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from eport.logistics import (
    CargoReport,
    Consignment,
    ContainerNumber,
    CustomsResponse,
    CustomsStatus,
    DocumentHeader,
    Equipment,
    PartyRole,
    Reference,
    ReferenceKind,
)
from eport.simulation.community import Member, Role
from eport.simulation.flows import Port, carrier_party, member_party, vessel_transport
from eport.simulation.schedule import PortCall
from eport.simulation.traffic import Step

INSPECTION_SHARE = 0.06  # share of declarations customs selects for inspection (查验)


@dataclass(frozen=True, slots=True)
class Declared:
    """A lodged declaration: who lodged it, when, what it covers, which terminal holds it."""

    number: str
    lodged: datetime
    broker: Member
    terminal: Member
    references: tuple[Reference, ...]
    containers: tuple[ContainerNumber, ...]


def clear(port: Port, declared: Declared) -> datetime:
    """Customs' receipts for a declaration; returns the moment of release.

    The broker gets every receipt; the terminal gets the inspection order and the release,
    since it moves the boxes to inspection and may load or deliver only released ones.
    """
    customs = port.one(Role.CUSTOMS)
    accepted = declared.lodged + port.minutes(2, 30)
    _respond(port, customs, declared.broker, accepted, CustomsStatus.ACCEPTED, declared)
    decided = accepted
    if port.rng.random() < INSPECTION_SHARE:
        decided = accepted + port.hours(0.5, 4)
        for recipient in (declared.broker, declared.terminal):
            _respond(port, customs, recipient, decided, CustomsStatus.INSPECTION_ORDERED, declared)
        released = decided + port.hours(4, 12)
    else:
        released = decided + port.minutes(10, 120)
    for recipient in (declared.broker, declared.terminal):
        _respond(port, customs, recipient, released, CustomsStatus.RELEASED, declared)
    return released


def _respond(
    port: Port,
    customs: Member,
    recipient: Member,
    at: datetime,
    status: CustomsStatus,
    declared: Declared,
) -> None:
    step = {
        CustomsStatus.ACCEPTED: Step.DECLARATION_ACCEPTED,
        CustomsStatus.INSPECTION_ORDERED: Step.INSPECTION_ORDERED,
        CustomsStatus.RELEASED: Step.RELEASE,
    }[status]

    def make(header: DocumentHeader) -> CustomsResponse:
        return CustomsResponse(
            header=header,
            status=status,
            references=declared.references,
            containers=declared.containers,
        )

    port.outbox.send(
        at, customs, recipient, "CUSRES", step, make, tuple(c.value for c in declared.containers)
    )


def report_manifest(
    port: Port,
    call: PortCall,
    carrier: Member,
    consignment: Consignment,
    equipment: tuple[Equipment, ...],
    at: datetime,
    *,
    export: bool,
) -> None:
    """A manifest of one bill of lading (CUSCAR) and customs' acceptance (CUSRES)."""
    customs = port.one(Role.CUSTOMS)
    transport = vessel_transport(call, carrier, export=export)

    def make(header: DocumentHeader) -> CargoReport:
        return CargoReport(
            header,
            transport,
            parties=(member_party(call.agent, PartyRole.SHIP_AGENT), carrier_party(carrier)),
            locations=consignment.locations,
            # hazards and references belong to goods items and consignments;
            # customs has no use for reefer set points
            equipment=tuple(
                replace(e, booking=None, bill_of_lading=None, dangerous_goods=(), temperature=None)
                for e in equipment
            ),
            consignments=(consignment,),
        )

    boxes = tuple(e.number.value for e in equipment)
    report = port.outbox.send(at, call.agent, customs, "CUSCAR", Step.MANIFEST, make, boxes)

    def receipt(header: DocumentHeader) -> CustomsResponse:
        return CustomsResponse(
            header,
            CustomsStatus.ACCEPTED,
            references=(
                Reference(ReferenceKind.MANIFEST, report.header.number),
                Reference(ReferenceKind.BILL_OF_LADING, consignment.bill_of_lading),
            ),
            containers=tuple(e.number for e in equipment),
        )

    port.outbox.send(
        at + port.minutes(2, 30),
        customs,
        call.agent,
        "CUSRES",
        Step.MANIFEST_ACCEPTED,
        receipt,
        boxes,
    )
