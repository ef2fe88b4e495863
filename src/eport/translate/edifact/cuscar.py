"""CUSCAR: customs cargo report (manifest) ⇄ CargoReport: vessel, containers, bills of lading."""

from __future__ import annotations

from eport.edifact.model import Segment
from eport.logistics.customs import CargoReport, Consignment
from eport.logistics.equipment import Equipment
from eport.translate.edifact.context import Context, Envelope, TranslationError
from eport.translate.edifact.cursor import SegmentCursor
from eport.translate.edifact.equipment import eqd, read_equipment, sel, weight_segments
from eport.translate.edifact.goods import GoodsLayout, goods_segments, read_goods
from eport.translate.edifact.header import bgm, document_header, issued, read_bgm, read_issued
from eport.translate.edifact.parties import nad, read_nad
from eport.translate.edifact.places import loc, read_loc
from eport.translate.edifact.transport import tdt, transport_dates
from eport.translate.edifact.vessel_call import read_parties, read_transport_group

MESSAGE_TYPE = "CUSCAR"
DOCUMENT = CargoReport
ASSOCIATION = {"D95B": "ITG12", "D00B": "ITG20"}
CUSTOMS_MANIFEST = "85"  # 1001
LAYOUT = GoodsLayout(commodity="CST", value_first=False)


def write(report: CargoReport, ctx: Context) -> list[Segment]:
    body = [bgm(CUSTOMS_MANIFEST, report.header), issued(report.header, ctx)]
    places = [loc(location, ctx) for location in report.locations]
    parties = [nad(party, ctx) for party in report.parties]
    transport = [tdt(report.transport, ctx), *transport_dates(report.transport, ctx)]
    if ctx.version == "D95B":
        body += parties + transport[:1] + places + transport[1:]
    else:
        body += places + parties + transport
    for equipment in report.equipment:
        body += _equipment(equipment, ctx)
    body.append(Segment.of("CNT", ["16", str(len(report.equipment))]))
    for number, consignment in enumerate(report.consignments, start=1):
        body += _consignment(number, consignment, ctx)
    return body


def _equipment(equipment: Equipment, ctx: Context) -> list[Segment]:
    if (
        equipment.dangerous_goods
        or equipment.booking
        or equipment.bill_of_lading
        or equipment.temperature is not None
    ):
        raise TranslationError(
            f"CUSCAR lists container {equipment.number} without hazards, references or reefer"
            " setting: the community guide keeps them with the goods items and consignments"
        )
    segments = [eqd(equipment, ctx), *weight_segments(equipment)]
    return segments + [sel(seal) for seal in equipment.seals]


def _consignment(number: int, consignment: Consignment, ctx: Context) -> list[Segment]:
    segments = [
        Segment.of("CNI", str(number)),
        Segment.of("RFF", ["BM", consignment.bill_of_lading]),
    ]
    segments += [loc(location, ctx) for location in consignment.locations]
    segments += [nad(party, ctx) for party in consignment.parties]
    for item in consignment.goods:
        segments += goods_segments(item, ctx, LAYOUT)
    return segments


def read(segments: list[Segment], ctx: Context, envelope: Envelope | None) -> CargoReport:
    cursor = SegmentCursor(segments)
    beginning = read_bgm(cursor)
    moment = read_issued(cursor, ctx)
    places = []
    while cursor.at("LOC", "QTY", "RFF", "DTM"):
        position = cursor.position
        segment = cursor.advance()
        if segment.tag == "LOC":
            places.append(read_loc(segment, ctx, position))
    parties = read_parties(cursor, ctx)
    cursor.take_all("FTX")
    transport, transport_places = read_transport_group(cursor, ctx)
    if transport is None:
        raise TranslationError(
            "cargo report without its means of transport (TDT)", position=cursor.position, tag="TDT"
        )
    cursor.take_all("GIS")
    equipment = []
    while cursor.at("EQD"):
        start = cursor.position
        equipment.append(read_equipment(next(cursor.groups("EQD", ("CNT", "CNI"))), ctx, start))
    cursor.take_all("CNT")
    consignments = []
    while cursor.at("CNI"):
        start = cursor.position
        consignments.append(_read_consignment(next(cursor.groups("CNI", ())), start, ctx))
    return CargoReport(
        header=document_header(beginning, moment, envelope),
        transport=transport,
        parties=parties,
        locations=tuple(places) + transport_places,
        equipment=tuple(equipment),
        consignments=tuple(consignments),
    )


def _read_consignment(group: list[Segment], start: int, ctx: Context) -> Consignment:
    bill = next(
        (s.component(1, 2) for s in group if s.tag == "RFF" and s.component(1, 1) == "BM"), ""
    )
    if not bill:
        raise TranslationError(
            "consignment without its bill of lading (RFF+BM)", position=start, tag="CNI"
        )
    first_goods = next((i for i, s in enumerate(group) if s.tag == "GID"), len(group))
    head = group[:first_goods]
    places = tuple(read_loc(s, ctx, start + i) for i, s in enumerate(head) if s.tag == "LOC")
    parties = tuple(read_nad(s, ctx, start + i) for i, s in enumerate(head) if s.tag == "NAD")
    goods = []
    cursor = SegmentCursor(group[first_goods:], start + first_goods)
    while cursor.at("GID"):
        position = cursor.position
        goods.append(read_goods(next(cursor.groups("GID", ())), ctx, position))
    return Consignment(bill, parties, places, tuple(goods))
