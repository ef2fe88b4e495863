"""Canonical documents → DCSA Track & Trace 2.2 events (equipment, transport, shipment).

Container movements become equipment events (gate in/out, load, discharge), vessel arrival and
departure times become transport events, and bookings, instructions, VGM and customs answers
become shipment events. The classifier follows the document: reports are actual (ACT), orders
and announcements planned (PLN), and a vessel time later than the document's issue is an
estimate (EST). Event ids are derived from the document, so rendering twice gives the same ids.
The shapes are those of ``schemas/dcsa-tnt-2.2-events.schema.json``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from eport.logistics import (
    AnnouncementPurpose,
    BayPlan,
    BookingConfirmation,
    BookingRequest,
    BookingStatus,
    CargoReport,
    ContainerAnnouncement,
    CustomsDeclaration,
    CustomsResponse,
    CustomsStatus,
    Document,
    GateDirection,
    GateEventReport,
    LoadDischargeOrder,
    LoadDischargeReport,
    MessageFunction,
    ShippingInstructions,
    StatusReport,
    VerifiedGrossMass,
    VesselOperation,
)
from eport.logistics.codes import IDENTITY, CodeMapper
from eport.logistics.equipment import Equipment, FullEmpty, SealIssuer
from eport.logistics.header import DocumentHeader
from eport.logistics.identifiers import UnLocode
from eport.logistics.locations import Location
from eport.logistics.references import Reference, ReferenceKind, find_reference
from eport.logistics.transport import Transport, TransportMode

if TYPE_CHECKING:
    from eport.translate.registry import Registry

MEDIA_TYPE = "application/json"

_BOOKING_STATUS = {
    BookingStatus.ACCEPTED: "CONF",
    BookingStatus.CONDITIONALLY_ACCEPTED: "PENU",
    BookingStatus.REJECTED: "REJE",
}
_CUSTOMS_STATUS = {
    CustomsStatus.ACCEPTED: "APPR",
    CustomsStatus.REJECTED: "REJE",
    CustomsStatus.INSPECTION_ORDERED: "HOLD",
    CustomsStatus.HELD: "HOLD",
    CustomsStatus.RELEASED: "RELS",
}


#: UN/ECE Recommendation 24 status codes that are a container movement in DCSA terms.
_STATUS_EQUIPMENT_EVENTS = {"29": "DISC"}  # 29: unloaded


class DcsaTranslationError(ValueError):
    """A document that cannot be said in DCSA events (e.g. a container of unknown full/empty
    status, which DCSA requires)."""


def document_to_events(document: Document, mapper: CodeMapper = IDENTITY) -> list[dict[str, Any]]:
    """The DCSA events a document stands for, in document order, codes in the recipient's lists."""
    factory = EventFactory(document.header, mapper)
    try:
        return list(_events(document, factory))
    except ValueError as error:
        raise DcsaTranslationError(f"document {document.header.number}: {error}") from error


def render_dcsa(document: Document, mapper: CodeMapper = IDENTITY) -> bytes:
    """The events as a UTF-8 JSON array, the body of a DCSA ``POST /events`` notification."""
    events = document_to_events(document, mapper)
    return (json.dumps(events, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_dcsa_documents(documents: Sequence[Document], mapper: CodeMapper = IDENTITY) -> bytes:
    """The events of several documents as one JSON array, in document order."""
    events = [event for document in documents for event in document_to_events(document, mapper)]
    return (json.dumps(events, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def register(registry: Registry) -> None:
    """Offer ``dcsa`` for writing (DCSA events are not read back into documents)."""
    registry.register_writer("dcsa", lambda documents, o: render_dcsa_documents(documents, o.codes))


def _events(document: Document, factory: EventFactory) -> Iterator[dict[str, Any]]:
    if isinstance(document, GateEventReport):
        yield from _gate_events(document, factory)
    elif isinstance(document, LoadDischargeReport | LoadDischargeOrder):
        yield from _vessel_moves(document, factory)
    elif isinstance(document, ContainerAnnouncement):
        yield from _announcement(document, factory)
    elif isinstance(document, BayPlan):
        yield from _bay_plan(document, factory)
    elif isinstance(document, CargoReport):
        port = next((loc for loc in document.locations if loc.locode), None)
        yield from _port_call(factory, document.transport, port)
    elif isinstance(document, StatusReport):
        yield from _status_events(document, factory)
    else:
        yield from _shipment_events(document, factory)


def _status_events(report: StatusReport, factory: EventFactory) -> Iterator[dict[str, Any]]:
    # A status report follows a shipment, so its containers are laden; the transport events
    # of a vessel named by several statuses are sent once.
    sent: set[tuple[str, str, str]] = set()
    for status in report.events:
        code = _STATUS_EQUIPMENT_EVENTS.get(status.code)
        if code is not None and status.container is not None:
            equipment = Equipment(status.container, status=FullEmpty.FULL)
            classifier = "ACT" if status.time <= factory.header.issued else "EST"
            call = (status.transport, status.location)
            yield factory.equipment_event(
                code, classifier, status.time, equipment, call, status.references
            )
        if status.transport is not None:
            for event in _port_call(factory, status.transport, status.location):
                key = (
                    event["transportEventTypeCode"],
                    event["eventDateTime"],
                    event["transportCall"]["transportCallID"],
                )
                if key not in sent:
                    sent.add(key)
                    yield event


def _gate_events(report: GateEventReport, factory: EventFactory) -> Iterator[dict[str, Any]]:
    code = "GTIN" if report.direction is GateDirection.IN else "GTOT"
    facility = report.facility
    for event in report.events:
        place = next((loc for loc in event.locations if loc.locode), facility)
        transport = event.inland_transport or report.transport
        yield factory.equipment_event(
            code, "ACT", event.time, event.equipment, (transport, place), report.references
        )


def _vessel_moves(
    document: LoadDischargeReport | LoadDischargeOrder, factory: EventFactory
) -> Iterator[dict[str, Any]]:
    load = document.operation is VesselOperation.LOAD
    code = "LOAD" if load else "DISC"
    classifier = "ACT" if isinstance(document, LoadDischargeReport) else "PLN"
    transport = document.transport
    vessel_time = transport.departure if load else transport.arrival
    port_of_call = next((loc for loc in document.locations if loc.locode), None)
    for move in document.containers:
        port: Place = move.port_of_loading if load else move.port_of_discharge
        if port_of_call is not None and port_of_call.locode == port:
            port = port_of_call  # the same port, with its terminal
        when = move.time or vessel_time or factory.header.issued
        yield factory.equipment_event(
            code, classifier, when, move.equipment, (transport, port), document.references
        )
    yield from _port_call(factory, transport, port_of_call)


def _announcement(
    announcement: ContainerAnnouncement, factory: EventFactory
) -> Iterator[dict[str, Any]]:
    # An empty release plans the container's gate-out from the depot; an acceptance order
    # plans its gate-in at the terminal.
    code = "GTOT" if announcement.purpose is AnnouncementPurpose.EMPTY_RELEASE else "GTIN"
    place = next((loc for loc in announcement.locations if loc.locode), None)
    transport = announcement.transport
    when = (transport.arrival if transport else None) or factory.header.issued
    for equipment in announcement.containers:
        yield factory.equipment_event(
            code, "PLN", when, equipment, (transport, place), announcement.references
        )


def _bay_plan(plan: BayPlan, factory: EventFactory) -> Iterator[dict[str, Any]]:
    # The plan lists everything on board; only containers loaded in this port were loaded now.
    when = plan.transport.departure or factory.header.issued
    for stowed in plan.containers:
        if stowed.port_of_loading == plan.port_of_departure:
            call = (plan.transport, plan.port_of_departure)
            yield factory.equipment_event("LOAD", "ACT", when, stowed.equipment, call, ())
    yield from _port_call(factory, plan.transport, plan.port_of_departure)


def _port_call(
    factory: EventFactory, transport: Transport, port: Place
) -> Iterator[dict[str, Any]]:
    for code, when in (("ARRI", transport.arrival), ("DEPA", transport.departure)):
        call = factory.transport_call(transport, port)
        if when is not None and call is not None:
            yield factory.transport_event(code, when, call)


def _shipment_events(document: Document, factory: EventFactory) -> Iterator[dict[str, Any]]:
    header = document.header
    cancelled = header.function is MessageFunction.CANCELLATION
    shipment = _shipment_status(document)
    if shipment is None:
        return
    status, document_type, document_id = shipment
    yield factory.shipment_event("VOID" if cancelled else status, document_type, document_id)


def _shipment_status(document: Document) -> tuple[str, str, str] | None:
    number = document.header.number
    if isinstance(document, BookingRequest):
        return "RECE", "CBR", number
    if isinstance(document, BookingConfirmation):
        return _BOOKING_STATUS[document.status], "BKG", document.booking
    if isinstance(document, ShippingInstructions):
        return "RECE", "SHI", number
    if isinstance(document, VerifiedGrossMass):
        return "RECE", "VGM", number
    if isinstance(document, CustomsDeclaration):
        return "SUBM", "CUS", number
    if isinstance(document, CustomsResponse):
        declaration = find_reference(document.references, ReferenceKind.DECLARATION)
        return _CUSTOMS_STATUS[document.status], "CUS", declaration or number
    return None


Place = Location | UnLocode | None

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:eport:dcsa-tnt")
_MODES = {
    TransportMode.SEA: "VESSEL",
    TransportMode.RAIL: "RAIL",
    TransportMode.ROAD: "TRUCK",
    TransportMode.INLAND_WATER: "BARGE",
}
_SEAL_SOURCES = {SealIssuer.CARRIER: "CAR", SealIssuer.SHIPPER: "SHI", SealIssuer.CUSTOMS: "CUS"}
_DOCUMENT_REFERENCES = {ReferenceKind.BOOKING: "BKG", ReferenceKind.BILL_OF_LADING: "TRD"}


@dataclass
class EventFactory:
    """Builds the events of one document: shared creation time, ids, the recipient's codes."""

    header: DocumentHeader
    mapper: CodeMapper
    _count: int = field(default=0, init=False)

    def base(self, event_type: str, classifier: str, when: datetime) -> dict[str, Any]:
        self._count += 1
        name = f"{self.header.number}|{self.header.function}|{self.header.issued}|{self._count}"
        return {
            "eventID": str(uuid.uuid5(_NAMESPACE, name)),
            "eventCreatedDateTime": self.header.issued.isoformat(),
            "eventType": event_type,
            "eventClassifierCode": classifier,
            "eventDateTime": when.isoformat(),
        }

    def shipment_event(self, status: str, document_type: str, document_id: str) -> dict[str, Any]:
        # DCSA 2.2: a shipment event's eventDateTime is its creation time.
        event = self.base("SHIPMENT", "ACT", self.header.issued)
        event.update(
            shipmentEventTypeCode=status, documentTypeCode=document_type, documentID=document_id
        )
        return event

    def transport_event(self, code: str, when: datetime, call: dict[str, Any]) -> dict[str, Any]:
        classifier = "ACT" if when <= self.header.issued else "EST"
        event = self.base("TRANSPORT", classifier, when)
        event.update(transportEventTypeCode=code, transportCall=call)
        return event

    def equipment_event(
        self,
        code: str,
        classifier: str,
        when: datetime,
        equipment: Equipment,
        call: tuple[Transport | None, Place],
        references: tuple[Reference, ...],
    ) -> dict[str, Any]:
        if equipment.status is None:
            raise ValueError(f"container {equipment.number}: DCSA needs its full/empty status")
        event = self.base("EQUIPMENT", classifier, when)
        event["equipmentEventTypeCode"] = code
        event["equipmentReference"] = str(equipment.number)
        if equipment.size_type:
            event["ISOEquipmentCode"] = self.mapper.from_standard("size-type", equipment.size_type)
        empty = equipment.status is FullEmpty.EMPTY
        event["emptyIndicatorCode"] = "EMPTY" if empty else "LADEN"
        transport, place = call
        location = self.location(place)
        if location:
            event["eventLocation"] = location
        transport_call = self.transport_call(transport, place)
        if transport_call:
            event["transportCall"] = transport_call
        _add_references(event, equipment, references)
        return event

    def location(self, place: Place) -> dict[str, str]:
        locode, facility, name = _place(place)
        result = {}
        if name:
            result["locationName"] = name[:100]
        if locode:
            result["UNLocationCode"] = self.mapper.from_standard("location", locode)
        if facility and len(facility) <= 6:
            result["facilityCode"] = facility
        return result

    def transport_call(self, transport: Transport | None, place: Place) -> dict[str, Any] | None:
        """The DCSA transport call, or None where DCSA has no mode for it (air) or no transport
        is known."""
        mode = _MODES.get(transport.mode) if transport else None
        if transport is None or mode is None:
            return None
        locode, facility, _ = _place(place)
        vessel = transport.vessel
        key = "|".join(
            str(part or "")
            for part in (
                mode,
                vessel and (vessel.imo or vessel.name),
                transport.voyage,
                transport.vehicle,
                locode,
                facility,
            )
        )
        call: dict[str, Any] = {"transportCallID": str(uuid.uuid5(_NAMESPACE, key))}
        if transport.voyage:
            call["exportVoyageNumber"] = transport.voyage[:50]
        if locode:
            call["UNLocationCode"] = self.mapper.from_standard("location", locode)
        if facility:
            # The model does not say whether a facility is a terminal or a depot; eport's
            # facilities are port terminals unless the partner's own code says otherwise.
            call["facilityTypeCode"] = "POTE"
            call["facilityCode" if len(facility) <= 6 else "otherFacility"] = facility[:50]
        call["modeOfTransport"] = mode
        if vessel is not None and vessel.imo is not None:
            call["vessel"] = self._vessel(transport)
        return call

    def _vessel(self, transport: Transport) -> dict[str, str]:
        vessel = transport.vessel
        assert vessel is not None and vessel.imo is not None
        result = {"vesselIMONumber": str(vessel.imo)}
        if vessel.name:
            result["vesselName"] = vessel.name[:35]
        if vessel.call_sign and len(vessel.call_sign) <= 10:
            result["vesselCallSignNumber"] = vessel.call_sign
        if transport.carrier:
            carrier = self.mapper.from_standard("carrier", transport.carrier)
            result["vesselOperatorCarrierCode"] = carrier[:10]
            # SCACs (issued by NMFTA) have four letters, SMDG liner codes three.
            result["vesselOperatorCarrierCodeListProvider"] = (
                "NMFTA" if len(transport.carrier) == 4 else "SMDG"
            )
        return result


def _place(place: Place) -> tuple[str | None, str | None, str | None]:
    if isinstance(place, UnLocode):
        return str(place), None, None
    if isinstance(place, Location):
        return (str(place.locode) if place.locode else None), place.facility, place.name
    return None, None, None


def _add_references(
    event: dict[str, Any], equipment: Equipment, references: tuple[Reference, ...]
) -> None:
    pairs = [("BKG", equipment.booking), ("TRD", equipment.bill_of_lading)]
    pairs += [
        (_DOCUMENT_REFERENCES[r.kind], r.value)
        for r in references
        if r.kind in _DOCUMENT_REFERENCES
    ]
    document_references = []
    for kind, value in pairs:
        item = {"documentReferenceType": kind, "documentReferenceValue": value}
        if value and item not in document_references:
            document_references.append(item)
    if document_references:
        event["documentReferences"] = document_references
    shipper = [r.value[:100] for r in references if r.kind is ReferenceKind.SHIPPER_REFERENCE]
    if shipper:
        event["references"] = [{"referenceType": "SI", "referenceValue": v} for v in shipper]
    if equipment.seals:
        event["seals"] = [_seal(seal.number, seal.issuer) for seal in equipment.seals]


def _seal(number: str, issuer: SealIssuer | None) -> dict[str, str]:
    # DCSA requires a seal type that the model does not record; container seals are ISO 17712
    # high-security bolt seals as a rule.
    seal = {"sealNumber": number[:15], "sealType": "BLT"}
    source = _SEAL_SOURCES.get(issuer) if issuer else None
    if source:
        seal["sealSource"] = source
    return seal
