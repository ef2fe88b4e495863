"""IFTMBF: firm booking request ⇄ BookingRequest."""

from __future__ import annotations

from eport.edifact.model import Segment
from eport.logistics.booking import BookingRequest
from eport.translate.edifact.context import Context, Envelope, TranslationError
from eport.translate.edifact.forwarding import Shipment, read_shipment, write_shipment
from eport.translate.edifact.goods import GoodsLayout

MESSAGE_TYPE = "IFTMBF"
DOCUMENT = BookingRequest
ASSOCIATION = {"D95B": "ITG12", "D00B": "ITG20"}
BOOKING_REQUEST = "335"  # 1001
LAYOUT = GoodsLayout(placement=False)  # the community guide has no SGP in IFTMBF


def write(request: BookingRequest, ctx: Context) -> list[Segment]:
    shipment = Shipment(
        request.header,
        request.parties,
        request.references,
        request.transport,
        request.locations,
        request.goods,
        request.equipment,
    )
    return write_shipment(BOOKING_REQUEST, shipment, LAYOUT, ctx)


def read(segments: list[Segment], ctx: Context, envelope: Envelope | None) -> BookingRequest:
    _, shipment = read_shipment(segments, ctx, envelope)
    if shipment.equipment:
        raise TranslationError(
            "a booking request asks for equipment by type, not by number", tag="EQD"
        )
    return BookingRequest(
        shipment.header,
        shipment.parties,
        shipment.references,
        shipment.transport,
        shipment.locations,
        shipment.goods,
        shipment.requirements,
    )
