"""The layout IFTMBF, IFTMBC and IFTMIN share: places, references, legs, parties, goods, boxes."""

from __future__ import annotations

from dataclasses import dataclass

from eport.edifact.model import Segment
from eport.logistics.booking import EquipmentRequirement
from eport.logistics.cargo import GoodsItem
from eport.logistics.equipment import Equipment
from eport.logistics.header import DocumentHeader
from eport.logistics.locations import Location
from eport.logistics.parties import Party
from eport.logistics.references import Reference
from eport.logistics.transport import Transport
from eport.translate.edifact.context import Context, Envelope, TranslationError
from eport.translate.edifact.cursor import SegmentCursor, guarded
from eport.translate.edifact.equipment import (
    eqd,
    read_equipment,
    read_tmp,
    sel,
    tmp,
    weight_segments,
)
from eport.translate.edifact.goods import GoodsLayout, goods_segments, read_goods
from eport.translate.edifact.header import (
    Beginning,
    bgm,
    document_header,
    issued,
    read_bgm,
    read_issued,
)
from eport.translate.edifact.parties import nad, read_nad
from eport.translate.edifact.places import loc, read_loc
from eport.translate.edifact.qualifiers import FULL_EMPTY, decode_optional
from eport.translate.edifact.references import read_rff, rff
from eport.translate.edifact.transport import read_tdt, tdt, transport_dates, with_dates


@dataclass(frozen=True, slots=True)
class Shipment:
    """The parts of a forwarding message, as read or to be written."""

    header: DocumentHeader
    parties: tuple[Party, ...]
    references: tuple[Reference, ...]
    transport: tuple[Transport, ...]
    locations: tuple[Location, ...]
    goods: tuple[GoodsItem, ...]
    requirements: tuple[EquipmentRequirement, ...] = ()
    equipment: tuple[Equipment, ...] = ()


def write_shipment(
    code: str, shipment: Shipment, layout: GoodsLayout, ctx: Context, response: str = ""
) -> list[Segment]:
    body = [bgm(code, shipment.header, response), issued(shipment.header, ctx)]
    body += [loc(location, ctx) for location in shipment.locations]
    body += [rff(reference) for reference in shipment.references]
    for leg in shipment.transport:
        body += [tdt(leg, ctx), *transport_dates(leg, ctx)]
    body += [nad(party, ctx) for party in shipment.parties]
    for item in shipment.goods:
        body += goods_segments(item, ctx, layout)
    for requirement in shipment.requirements:
        body += _requirement(requirement, ctx)
    for equipment in shipment.equipment:
        body += _equipment(equipment, ctx)
    return body


def _requirement(requirement: EquipmentRequirement, ctx: Context) -> list[Segment]:
    size = [ctx.partner("size-type", requirement.size_type), "102", "5"]
    elements = [["CN"], [""], size]
    if requirement.status:
        elements += [[""], [""], [FULL_EMPTY[requirement.status]]]
    segments = [Segment("EQD", elements), Segment.of("EQN", str(requirement.quantity))]
    if requirement.temperature is not None:
        segments.append(tmp(requirement.temperature, ctx))
    return segments


def _equipment(equipment: Equipment, ctx: Context) -> list[Segment]:
    if equipment.dangerous_goods or equipment.booking or equipment.bill_of_lading:
        raise TranslationError(
            f"container {equipment.number}: hazards and references go with the goods and the"
            " document in IFTMIN, not with the container"
        )
    segments = [eqd(equipment, ctx), *weight_segments(equipment)]
    segments += [sel(seal) for seal in equipment.seals]
    if equipment.temperature is not None:
        segments.append(tmp(equipment.temperature, ctx))
    return segments


def read_shipment(
    segments: list[Segment], ctx: Context, envelope: Envelope | None
) -> tuple[Beginning, Shipment]:
    cursor = SegmentCursor(segments)
    beginning = read_bgm(cursor)
    cursor.take_all("CTA", "COM")
    moment = read_issued(cursor, ctx)
    places, references, parties = [], [], []
    legs: list[Transport] = []
    while cursor.peek() is not None and not cursor.at("GID", "EQD"):
        position = cursor.position
        segment = cursor.advance()
        if segment.tag == "LOC" and not legs:
            places.append(read_loc(segment, ctx, position))
        elif segment.tag == "RFF" and not legs:
            references.append(read_rff(segment, position))
        elif segment.tag == "TDT":
            dates = cursor.take_all("DTM")
            legs.append(with_dates(read_tdt(segment, ctx, position), dates, ctx))
        elif segment.tag == "NAD":
            parties.append(read_nad(segment, ctx, position))
    goods = []
    while cursor.at("GID"):
        position = cursor.position
        goods.append(read_goods(next(cursor.groups("GID", ("EQD",))), ctx, position))
    requirements, equipment = _read_boxes(cursor, ctx)
    shipment = Shipment(
        document_header(beginning, moment, envelope),
        tuple(parties),
        tuple(references),
        tuple(legs),
        tuple(places),
        tuple(goods),
        tuple(requirements),
        tuple(equipment),
    )
    return beginning, shipment


def _read_boxes(
    cursor: SegmentCursor, ctx: Context
) -> tuple[list[EquipmentRequirement], list[Equipment]]:
    """EQD groups: containers named by number, or a quantity of a size-type (EQN)."""
    requirements, equipment = [], []
    while cursor.at("EQD"):
        start = cursor.position
        group = next(cursor.groups("EQD", ()))
        if group[0].component(2, 1):
            equipment.append(read_equipment(group, ctx, start))
        else:
            requirements.append(_read_requirement(group, start, ctx))
    return requirements, equipment


def _read_requirement(group: list[Segment], start: int, ctx: Context) -> EquipmentRequirement:
    head = group[0]
    quantity = next((s.element(1) for s in group if s.tag == "EQN"), "1")
    temperature = next((read_tmp(s, start) for s in group if s.tag == "TMP"), None)
    size = head.component(3, 1)
    return guarded(
        head,
        start,
        lambda: EquipmentRequirement(
            size_type=ctx.standard("size-type", size),
            quantity=int(quantity) if quantity.isdigit() else 0,
            status=decode_optional(FULL_EMPTY, head.element(6), "full/empty indicator (8169)"),
            temperature=temperature,
        ),
    )
