"""CUSDEC: customs declaration ⇄ CustomsDeclaration (export or import, goods items by CST)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from eport.edifact.model import Segment
from eport.logistics.cargo import GoodsItem
from eport.logistics.customs import CustomsDeclaration, TradeDirection
from eport.logistics.identifiers import ContainerNumber
from eport.logistics.locations import Location
from eport.logistics.parties import Party
from eport.logistics.references import Reference
from eport.logistics.transport import Transport
from eport.translate.edifact.context import Context, Envelope, TranslationError
from eport.translate.edifact.cursor import SegmentCursor
from eport.translate.edifact.dates import parse_dtm
from eport.translate.edifact.equipment import GROSS, mea, read_container_number
from eport.translate.edifact.goods import ftx_description, moa, read_goods
from eport.translate.edifact.header import ISSUED, bgm, document_header, issued, read_bgm
from eport.translate.edifact.parties import nad, read_nad
from eport.translate.edifact.places import loc, read_loc
from eport.translate.edifact.references import read_rff, rff
from eport.translate.edifact.transport import read_tdt, tdt

MESSAGE_TYPE = "CUSDEC"
DOCUMENT = CustomsDeclaration
ASSOCIATION = {"D95B": "ITG12", "D00B": "ITG20"}
DIRECTIONS = {TradeDirection.EXPORT: "830", TradeDirection.IMPORT: "929"}  # 1001


def write(declaration: CustomsDeclaration, ctx: Context) -> list[Segment]:
    if declaration.transport is not None and (
        declaration.transport.arrival or declaration.transport.departure
    ):
        raise TranslationError("CUSDEC has no place for arrival or departure times")
    body = [bgm(DIRECTIONS[declaration.direction], declaration.header)]
    body += [loc(location, ctx) for location in declaration.locations]
    body.append(issued(declaration.header, ctx))
    body += [Segment.of("EQD", "CN", str(number)) for number in declaration.containers]
    body += [rff(reference) for reference in declaration.references]
    if declaration.transport is not None:
        body.append(tdt(declaration.transport, ctx))
    body += [nad(party, ctx) for party in declaration.parties]
    body.append(Segment.of("UNS", "D"))
    for item in declaration.goods:
        body += _item(item, ctx)
    body.append(Segment.of("UNS", "S"))
    return body


def _item(item: GoodsItem, ctx: Context) -> list[Segment]:
    if item.containers or item.dangerous_goods:
        raise TranslationError(
            f"goods item {item.sequence}: CUSDEC items carry no containers or hazards"
        )
    head = [str(item.sequence), [item.hs_code, "122"]] if item.hs_code else [str(item.sequence)]
    segments = [Segment.of("CST", *head)]
    if item.description:
        segments.append(ftx_description(item.description))
    if item.gross_weight is not None:
        segments.append(mea(GROSS, item.gross_weight))
    if item.package_count is not None or item.package_type:
        count = str(item.package_count) if item.package_count is not None else ""
        package = ctx.partner("package", item.package_type) if item.package_type else ""
        segments.append(
            Segment.of("PAC", count, "", package) if package else Segment.of("PAC", count)
        )
    if item.value is not None:
        segments.append(moa(item.value, ctx))
    return segments


def read(segments: list[Segment], ctx: Context, envelope: Envelope | None) -> CustomsDeclaration:
    cursor = SegmentCursor(segments)
    beginning = read_bgm(cursor)
    direction = next((d for d, code in DIRECTIONS.items() if code == beginning.document_code), None)
    if direction is None:
        raise TranslationError(
            f"CUSDEC document code {beginning.document_code!r} is neither an "
            "export (830) nor an import (929) declaration",
            position=2,
            tag="BGM",
        )
    heading = _read_heading(cursor, ctx)
    cursor.take("UNS")
    goods = []
    while cursor.at("CST"):
        position = cursor.position
        goods.append(read_goods(next(cursor.groups("CST", ("UNS",))), ctx, position))
    return CustomsDeclaration(
        header=document_header(beginning, heading.issued, envelope),
        direction=direction,
        parties=tuple(heading.parties),
        references=tuple(heading.references),
        transport=heading.transport,
        locations=tuple(heading.places),
        goods=tuple(goods),
        containers=tuple(heading.containers),
    )


@dataclass(slots=True)
class _Heading:
    """What the heading section (before UNS+D) says."""

    issued: datetime | None = None
    transport: Transport | None = None
    places: list[Location] = field(default_factory=list)
    containers: list[ContainerNumber] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    parties: list[Party] = field(default_factory=list)


def _read_heading(cursor: SegmentCursor, ctx: Context) -> _Heading:
    heading = _Heading()
    while cursor.peek() is not None and not cursor.at("UNS"):
        position = cursor.position
        segment = cursor.advance()
        if segment.tag == "LOC":
            heading.places.append(read_loc(segment, ctx, position))
        elif segment.tag == "DTM" and segment.component(1, 1) == ISSUED:
            heading.issued = parse_dtm(segment, ctx, position)
        elif segment.tag == "EQD":
            number = read_container_number(segment.component(2, 1), segment, position)
            heading.containers.append(number)
        elif segment.tag == "RFF":
            heading.references.append(read_rff(segment, position))
        elif segment.tag == "TDT" and heading.transport is None:
            heading.transport = read_tdt(segment, ctx, position)
        elif segment.tag == "NAD":
            heading.parties.append(read_nad(segment, ctx, position))
    return heading
