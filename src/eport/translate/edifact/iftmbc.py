"""IFTMBC: booking confirmation ⇄ BookingConfirmation (status in BGM 4343, number in RFF+BN)."""

from __future__ import annotations

from dataclasses import replace

from eport.edifact.model import Segment
from eport.logistics.booking import BookingConfirmation, BookingStatus
from eport.logistics.references import Reference, ReferenceKind
from eport.translate.edifact.context import Context, Envelope, TranslationError
from eport.translate.edifact.forwarding import Shipment, read_shipment, write_shipment
from eport.translate.edifact.goods import GoodsLayout

MESSAGE_TYPE = "IFTMBC"
DOCUMENT = BookingConfirmation
ASSOCIATION = {"D95B": "ITG12", "D00B": "ITG20"}
BOOKING_CONFIRMATION = "770"  # 1001
LAYOUT = GoodsLayout(commodity="", value=False, placement=False)
STATUS = {  # 4343 response type
    BookingStatus.ACCEPTED: "AP",
    BookingStatus.CONDITIONALLY_ACCEPTED: "CA",
    BookingStatus.REJECTED: "RE",
}


def write(confirmation: BookingConfirmation, ctx: Context) -> list[Segment]:
    booking = Reference(ReferenceKind.BOOKING, confirmation.booking)
    shipment = Shipment(
        confirmation.header,
        confirmation.parties,
        (booking, *confirmation.references),
        confirmation.transport,
        confirmation.locations,
        confirmation.goods,
        confirmation.equipment,
    )
    return write_shipment(BOOKING_CONFIRMATION, shipment, LAYOUT, ctx, STATUS[confirmation.status])


def read(segments: list[Segment], ctx: Context, envelope: Envelope | None) -> BookingConfirmation:
    beginning, shipment = read_shipment(segments, ctx, envelope)
    status = next(
        (s for s, code in STATUS.items() if code == beginning.response), BookingStatus.ACCEPTED
    )
    references = list(shipment.references)
    booking = next((r for r in references if r.kind is ReferenceKind.BOOKING), None)
    if booking is None:
        raise TranslationError("booking confirmation without its booking number (RFF+BN)")
    references.remove(booking)
    shipment = replace(shipment, references=tuple(references))
    return BookingConfirmation(
        shipment.header,
        booking.value,
        status,
        shipment.parties,
        shipment.references,
        shipment.transport,
        shipment.locations,
        shipment.goods,
        shipment.requirements,
    )
