"""The layout COPRAR and COARRI share: a vessel call and the containers loaded or discharged."""

from __future__ import annotations

from collections.abc import Mapping

from eport.edifact.model import Segment
from eport.logistics.header import DocumentHeader
from eport.logistics.locations import Location
from eport.logistics.parties import Party
from eport.logistics.references import Reference
from eport.logistics.terminal import ContainerMove, StowagePosition, VesselOperation
from eport.logistics.transport import Transport
from eport.translate.edifact.context import Context, Envelope, TranslationError
from eport.translate.edifact.cursor import SegmentCursor
from eport.translate.edifact.dates import dtm, parse_dtm
from eport.translate.edifact.equipment import (
    dgs,
    eqd,
    equipment_refs,
    read_equipment,
    sel,
    tmp,
    weight_segments,
)
from eport.translate.edifact.header import bgm, document_header, issued, read_bgm, read_issued
from eport.translate.edifact.parties import nad
from eport.translate.edifact.places import loc, port_loc, read_locode
from eport.translate.edifact.references import read_rff, rff
from eport.translate.edifact.transport import tdt, transport_dates
from eport.translate.edifact.vessel_call import read_parties, read_transport_group

MOVE_TIME = "203"  # 2005: execution date/time
STOWAGE, LOADING, DISCHARGE = "147", "9", "11"  # 3227

# SMDG's dummy reference (`RFF+XXX:1`): it fills a reference segment the directory makes
# mandatory when the sender has no reference to give; it carries no meaning.
NO_REFERENCE = "XXX"


def write_call(
    code: str,
    header: DocumentHeader,
    transport: Transport,
    locations: tuple[Location, ...],
    parties: tuple[Party, ...],
    references: tuple[Reference, ...],
    ctx: Context,
) -> list[Segment]:
    """BGM up to the NAD groups, in the chosen directory's order."""
    body = [bgm(code, header)]
    if ctx.version == "D00B":
        body.append(issued(header, ctx))
    body += [rff(reference) for reference in references]
    body.append(tdt(transport, ctx))
    places = [loc(location, ctx) for location in locations]
    dates = transport_dates(transport, ctx)
    body += places + dates if ctx.version == "D95B" else dates + places
    body += [nad(party, ctx) for party in parties]
    return body


def write_moves(moves: tuple[ContainerMove, ...], ctx: Context) -> list[Segment]:
    body: list[Segment] = []
    for move in moves:
        equipment = move.equipment
        body += [eqd(equipment, ctx), *equipment_refs(equipment)]
        if move.time is not None:
            body.append(dtm(MOVE_TIME, move.time, ctx))
        if move.stowage is not None:
            body.append(Segment.of("LOC", STOWAGE, [str(move.stowage), "", "5"]))
        if move.port_of_loading is not None:
            body.append(port_loc(LOADING, move.port_of_loading, ctx))
        if move.port_of_discharge is not None:
            body.append(port_loc(DISCHARGE, move.port_of_discharge, ctx))
        body += weight_segments(equipment)
        if equipment.temperature is not None:
            body.append(tmp(equipment.temperature, ctx))
        body += [sel(seal) for seal in equipment.seals]
        body += [dgs(goods) for goods in equipment.dangerous_goods]
    body.append(Segment.of("CNT", ["16", str(len(moves))]))
    return body


CallParts = tuple[
    VesselOperation,
    DocumentHeader,
    Transport,
    tuple[Location, ...],
    tuple[Party, ...],
    tuple[Reference, ...],
    tuple[ContainerMove, ...],
]


def read_call(
    segments: list[Segment],
    ctx: Context,
    envelope: Envelope | None,
    operations: Mapping[str, VesselOperation],
) -> CallParts:
    cursor = SegmentCursor(segments)
    beginning = read_bgm(cursor)
    operation = operations.get(beginning.document_code)
    if operation is None:
        raise TranslationError(
            f"document code {beginning.document_code!r} is neither loading nor discharge",
            position=2,
            tag="BGM",
        )
    moment = read_issued(cursor, ctx)
    cursor.take_all("FTX")
    references = []
    while cursor.at("RFF", "DTM"):
        position = cursor.position
        segment = cursor.advance()
        if segment.tag == "RFF" and segment.component(1, 1) != NO_REFERENCE:
            references.append(read_rff(segment, position))
    transport, places = read_transport_group(cursor, ctx)
    if transport is None:
        raise TranslationError("no vessel (TDT) for the call", position=cursor.position, tag="TDT")
    parties = read_parties(cursor, ctx)
    moves = []
    while cursor.at("EQD"):
        start = cursor.position
        group = next(cursor.groups("EQD", ("CNT",)))
        moves.append(_read_move(group, start, ctx))
    header = document_header(beginning, moment, envelope)
    return operation, header, transport, places, parties, tuple(references), tuple(moves)


def _read_move(group: list[Segment], start: int, ctx: Context) -> ContainerMove:
    equipment = read_equipment(group, ctx, start)
    time = stowage = loading = discharge = None
    for offset, segment in enumerate(group):
        position = start + offset
        if segment.tag == "DTM" and segment.component(1, 1) == MOVE_TIME:
            time = parse_dtm(segment, ctx, position)
        elif segment.tag == "LOC" and segment.element(1) == STOWAGE:
            stowage = _read_stowage(segment, position)
        elif segment.tag == "LOC" and segment.element(1) == LOADING:
            loading = read_locode(segment, ctx, position)
        elif segment.tag == "LOC" and segment.element(1) == DISCHARGE:
            discharge = read_locode(segment, ctx, position)
    return ContainerMove(equipment, loading, discharge, stowage, time)


def _read_stowage(segment: Segment, position: int) -> StowagePosition:
    try:
        return StowagePosition.parse(segment.component(2, 1))
    except ValueError as error:
        raise TranslationError(str(error), position=position, tag="LOC") from error
