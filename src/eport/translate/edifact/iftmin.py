"""IFTMIN: instruction message (shipping instructions) ⇄ ShippingInstructions."""

from __future__ import annotations

from dataclasses import replace

from eport.edifact.model import Segment
from eport.logistics.booking import ShippingInstructions
from eport.logistics.references import Reference, ReferenceKind
from eport.translate.edifact.context import Context, Envelope, TranslationError
from eport.translate.edifact.forwarding import Shipment, read_shipment, write_shipment
from eport.translate.edifact.goods import GoodsLayout

MESSAGE_TYPE = "IFTMIN"
DOCUMENT = ShippingInstructions
ASSOCIATION = {"D95B": "ITG12", "D00B": "ITG20"}
SHIPPING_INSTRUCTIONS = "340"  # 1001
LAYOUT = GoodsLayout()


def write(instructions: ShippingInstructions, ctx: Context) -> list[Segment]:
    booking = Reference(ReferenceKind.BOOKING, instructions.booking)
    shipment = Shipment(
        instructions.header,
        instructions.parties,
        (booking, *instructions.references),
        instructions.transport,
        instructions.locations,
        instructions.goods,
        equipment=instructions.equipment,
    )
    return write_shipment(SHIPPING_INSTRUCTIONS, shipment, LAYOUT, ctx)


def read(segments: list[Segment], ctx: Context, envelope: Envelope | None) -> ShippingInstructions:
    _, shipment = read_shipment(segments, ctx, envelope)
    references = list(shipment.references)
    booking = next((r for r in references if r.kind is ReferenceKind.BOOKING), None)
    if booking is None:
        raise TranslationError("shipping instructions without their booking number (RFF+BN)")
    references.remove(booking)
    if shipment.requirements:
        raise TranslationError("shipping instructions name their containers by number", tag="EQD")
    shipment = replace(shipment, references=tuple(references))
    return ShippingInstructions(
        shipment.header,
        booking.value,
        shipment.parties,
        shipment.references,
        shipment.transport,
        shipment.locations,
        shipment.goods,
        shipment.equipment,
    )
