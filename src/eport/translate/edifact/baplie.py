"""BAPLIE 2: bay plan/stowage plan occupied and empty locations ⇄ BayPlan (SMDG 2 usage)."""

from __future__ import annotations

from eport.edifact.model import Segment
from eport.logistics.equipment import Equipment
from eport.logistics.locations import LocationFunction
from eport.logistics.terminal import BayPlan, StowagePosition, StowedContainer
from eport.translate.edifact.context import Context, Envelope, TranslationError
from eport.translate.edifact.cursor import SegmentCursor, guarded
from eport.translate.edifact.equipment import (
    dgs,
    eqd,
    number_text,
    read_equipment,
    tmp,
)
from eport.translate.edifact.header import document_header, issued, read_bgm, read_issued
from eport.translate.edifact.parties import nad
from eport.translate.edifact.places import port_loc, read_locode
from eport.translate.edifact.qualifiers import MESSAGE_FUNCTION, WEIGHT_UNIT
from eport.translate.edifact.transport import tdt, transport_dates
from eport.translate.edifact.vessel_call import read_parties, read_transport_group
from eport.translate.message_codes import carrier_code_reading

MESSAGE_TYPE = "BAPLIE"
DOCUMENT = BayPlan
ASSOCIATION = {"D95B": "SMDG22", "D00B": "SMDG22"}
DEPARTURE_PORT, NEXT_PORT, STOWAGE, LOADING, DISCHARGE = "5", "61", "147", "9", "11"


def write(plan: BayPlan, ctx: Context) -> list[Segment]:
    header = plan.header
    body = [
        Segment("BGM", [[""], [header.number], [MESSAGE_FUNCTION[header.function]]]),
        issued(header, ctx),
    ]
    body += [nad(party, ctx) for party in plan.parties]
    body.append(tdt(plan.transport, ctx))
    body.append(port_loc(DEPARTURE_PORT, plan.port_of_departure, ctx))
    if plan.next_port_of_call is not None:
        body.append(port_loc(NEXT_PORT, plan.next_port_of_call, ctx))
    body += transport_dates(plan.transport, ctx)
    for stowed in plan.containers:
        body += _cell(stowed, ctx)
    return body


def _cell(stowed: StowedContainer, ctx: Context) -> list[Segment]:
    equipment = stowed.equipment
    if equipment.seals or (equipment.booking and equipment.bill_of_lading):
        raise TranslationError(
            f"BAPLIE cannot carry seals, or both booking and bill of lading, of {equipment.number}"
        )
    segments = [Segment.of("LOC", STOWAGE, [str(stowed.position), "", "5"])]
    segments += _weights(equipment)
    if equipment.temperature is not None:
        segments.append(tmp(equipment.temperature, ctx))
    segments += [
        port_loc(LOADING, stowed.port_of_loading, ctx),
        port_loc(DISCHARGE, stowed.port_of_discharge, ctx),
    ]
    if equipment.bill_of_lading:
        segments.append(Segment.of("RFF", ["BM", equipment.bill_of_lading]))
    elif equipment.booking:
        segments.append(Segment.of("RFF", ["BN", equipment.booking]))
    segments.append(eqd(equipment, ctx))
    if stowed.carrier:
        carrier = Segment.of("NAD", "CA", [stowed.carrier, "172", "20"])
        carrier.elements[1][0] = ctx.partner(
            "carrier", stowed.carrier, carrier_code_reading(carrier)
        )
        segments.append(carrier)
    return segments + [dgs(goods) for goods in equipment.dangerous_goods]


def _weights(equipment: Equipment) -> list[Segment]:
    segments = []
    for qualifier, attribute, weight in (
        ("WT", "", equipment.gross_weight),
        ("WT", "T", equipment.tare_weight),
        ("VGM", "", equipment.vgm),
    ):
        if weight is not None:
            segments.append(
                Segment.of(
                    "MEA",
                    qualifier,
                    attribute,
                    [WEIGHT_UNIT[weight.unit], number_text(weight.value)],
                )
            )
    return segments


def read(segments: list[Segment], ctx: Context, envelope: Envelope | None) -> BayPlan:
    cursor = SegmentCursor(segments)
    beginning = read_bgm(cursor)
    moment = read_issued(cursor, ctx)
    cursor.take_all("RFF", "DTM")
    parties = read_parties(cursor, ctx)
    transport, places = read_transport_group(cursor, ctx, stop_at=STOWAGE)
    if transport is None:
        raise TranslationError(
            "BAPLIE without its vessel (TDT)", position=cursor.position, tag="TDT"
        )
    departure = next(
        (p.locode for p in places if p.function is LocationFunction.PORT_OF_LOADING), None
    )
    following = next(
        (p.locode for p in places if p.function is LocationFunction.NEXT_PORT_OF_CALL), None
    )
    if departure is None:
        raise TranslationError("BAPLIE without its port of departure (LOC+5)", tag="LOC")
    containers = [_read_cell(cell, start, ctx) for start, cell in _cells(cursor)]
    return BayPlan(
        header=document_header(beginning, moment, envelope),
        transport=transport,
        port_of_departure=departure,
        next_port_of_call=following,
        parties=parties,
        containers=tuple(c for c in containers if c is not None),
    )


def _cells(cursor: SegmentCursor) -> list[tuple[int, list[Segment]]]:
    """Each stowage location group: LOC+147 and everything up to the next LOC+147."""
    cells: list[tuple[int, list[Segment]]] = []
    while cursor.peek() is not None and not cursor.at("CNT", "UNT"):
        position = cursor.position
        segment = cursor.advance()
        if segment.tag == "LOC" and segment.element(1) == STOWAGE:
            cells.append((position, [segment]))
        elif cells:
            cells[-1][1].append(segment)
    return cells


def _read_cell(cell: list[Segment], start: int, ctx: Context) -> StowedContainer | None:
    """The container in a cell; None for a cell that holds no container (break-bulk)."""
    index = next((i for i, s in enumerate(cell) if s.tag == "EQD"), None)
    if index is None:
        return None
    weights = [_as_weight(s) for s in cell[:index] if s.tag == "MEA"]
    own = [cell[index], *weights, *(s for s in cell if s.tag in ("TMP", "DGS", "RFF"))]
    equipment = read_equipment(own, ctx, start + index)
    ports = {
        s.element(1): read_locode(s, ctx, start + i)
        for i, s in enumerate(cell)
        if s.tag == "LOC" and s.element(1) in (LOADING, DISCHARGE)
    }
    operator = next((s for s in cell if s.tag == "NAD"), None)
    carrier = operator.component(2, 1) if operator is not None else ""
    loading, discharge = ports.get(LOADING), ports.get(DISCHARGE)
    if loading is None or discharge is None:
        raise TranslationError(
            "stowage cell without port of loading or discharge", position=start, tag="LOC"
        )
    position = guarded(cell[0], start, lambda: StowagePosition.parse(cell[0].component(2, 1)))
    return StowedContainer(
        position,
        equipment,
        loading,
        discharge,
        ctx.standard("carrier", carrier, carrier_code_reading(operator))
        if operator is not None and carrier
        else None,
    )


def _as_weight(segment: Segment) -> Segment:
    """BAPLIE weights (MEA+WT, MEA+VGM) in the MEA+AAE form the equipment reader knows."""
    attribute = "VGM" if segment.element(1) == "VGM" else (segment.component(2, 1) or "G")
    return Segment("MEA", [["AAE"], [attribute], segment.components(3)])
