"""CODECO: container gate-in/gate-out report ⇄ GateEventReport (SMDG segment usage)."""

from __future__ import annotations

from dataclasses import replace

from eport.edifact.model import Segment
from eport.logistics.equipment import Equipment
from eport.logistics.locations import LocationFunction
from eport.logistics.terminal import GateDirection, GateEvent, GateEventReport
from eport.translate.edifact.context import Context, Envelope, TranslationError
from eport.translate.edifact.cursor import SegmentCursor
from eport.translate.edifact.dates import dtm, parse_dtm
from eport.translate.edifact.equipment import (
    dgs,
    eqd,
    equipment_refs,
    read_dgs,
    read_equipment,
    read_tmp,
    sel,
    tmp,
    weight_segments,
)
from eport.translate.edifact.header import (
    bgm,
    document_header,
    issued,
    read_bgm,
    read_issued,
)
from eport.translate.edifact.parties import nad
from eport.translate.edifact.places import loc, read_loc
from eport.translate.edifact.references import read_rff, rff
from eport.translate.edifact.transport import read_tdt, tdt, transport_dates, with_dates
from eport.translate.edifact.vessel_call import read_parties, read_transport_group

MESSAGE_TYPE = "CODECO"
DOCUMENT = GateEventReport
GATE_IN, GATE_OUT = "34", "36"  # 1001 as SMDG uses them
_DIRECTIONS = {
    GATE_IN: GateDirection.IN,
    GATE_OUT: GateDirection.OUT,
    "109": GateDirection.IN,
    "111": GateDirection.OUT,
}
EVENT_TIME = "7"  # 2005: effective date/time of the gate move


def write(report: GateEventReport, ctx: Context) -> list[Segment]:
    if not report.parties:
        raise TranslationError("a CODECO needs at least one party (NAD group is mandatory)")
    code = GATE_IN if report.direction is GateDirection.IN else GATE_OUT
    body = [bgm(code, report.header)]
    if ctx.version == "D00B":
        body.append(issued(report.header, ctx))
    body += [rff(reference) for reference in report.references]
    body += _transport_group(report, ctx)
    body += [nad(party, ctx) for party in report.parties]
    if ctx.version == "D95B":
        body += _goods_placements(report, ctx)
    for event in report.events:
        body += _event(event, ctx)
    body.append(Segment.of("CNT", ["16", str(len(report.events))]))
    return body


def _transport_group(report: GateEventReport, ctx: Context) -> list[Segment]:
    if report.transport is None and report.facility is None:
        return []
    transport = report.transport
    segments = [tdt(transport, ctx)] if transport else [Segment.of("TDT", "20", "", "1")]
    dates = transport_dates(transport, ctx) if transport else []
    place = [loc(report.facility, ctx)] if report.facility else []
    return segments + (place + dates if ctx.version == "D95B" else dates + place)


def _goods_placements(report: GateEventReport, ctx: Context) -> list[Segment]:
    """D.95B has no TMP or DGS in the EQD group: reefer and hazard data go in GID groups."""
    segments: list[Segment] = []
    for event in report.events:
        equipment = event.equipment
        if equipment.temperature is None and not equipment.dangerous_goods:
            continue
        segments.append(Segment.of("GID", str(len(segments) + 1)))
        if equipment.temperature is not None:
            segments.append(tmp(equipment.temperature, ctx))
        segments.append(Segment.of("SGP", str(equipment.number)))
        segments += [dgs(goods) for goods in equipment.dangerous_goods]
    return _renumber_gid(segments)


def _renumber_gid(segments: list[Segment]) -> list[Segment]:
    number = 0
    for segment in segments:
        if segment.tag == "GID":
            number += 1
            segment.elements = [[str(number)]]
    return segments


def _event(event: GateEvent, ctx: Context) -> list[Segment]:
    equipment = event.equipment
    segments = [eqd(equipment, ctx), *equipment_refs(equipment), dtm(EVENT_TIME, event.time, ctx)]
    segments += [loc(location, ctx) for location in event.locations]
    segments += weight_segments(equipment)
    segments += [sel(seal) for seal in equipment.seals]
    if event.inland_transport is not None:
        segments.append(tdt(event.inland_transport, ctx))
    if ctx.version == "D00B":
        segments += [dgs(goods) for goods in equipment.dangerous_goods]
        if equipment.temperature is not None:
            segments.append(tmp(equipment.temperature, ctx))
    return segments


def read(segments: list[Segment], ctx: Context, envelope: Envelope | None) -> GateEventReport:
    cursor = SegmentCursor(segments)
    beginning = read_bgm(cursor)
    direction = _DIRECTIONS.get(beginning.document_code)
    if direction is None:
        raise TranslationError(
            f"CODECO document code {beginning.document_code!r} is neither "
            "gate-in (34) nor gate-out (36)",
            position=2,
            tag="BGM",
        )
    moment = read_issued(cursor, ctx)
    cursor.take_all("FTX")
    references = []
    while cursor.at("RFF", "DTM"):
        position = cursor.position
        segment = cursor.advance()
        if segment.tag == "RFF":
            references.append(read_rff(segment, position))
    transport, places = read_transport_group(cursor, ctx)
    facility = next((p for p in places if p.function is LocationFunction.PLACE_OF_EVENT), None)
    parties = read_parties(cursor, ctx)
    placements = _read_goods_placements(cursor)
    events = []
    for group_start, group in _eqd_groups(cursor):
        events.append(_read_event(group, group_start, ctx, placements))
    return GateEventReport(
        header=document_header(beginning, moment, envelope),
        direction=direction,
        facility=facility,
        parties=parties,
        references=tuple(references),
        transport=transport,
        events=tuple(events),
    )


def _eqd_groups(cursor: SegmentCursor) -> list[tuple[int, list[Segment]]]:
    groups = []
    while cursor.at("EQD"):
        start = cursor.position
        group = next(cursor.groups("EQD", ("CNT", "UNT")))
        groups.append((start, group))
    return groups


def _read_goods_placements(cursor: SegmentCursor) -> dict[str, list[Segment]]:
    """GID groups of a D.95B CODECO: the TMP and DGS segments of each container (by SGP)."""
    placements: dict[str, list[Segment]] = {}
    for group in cursor.groups("GID", ("EQD", "CNT")):
        containers = [s.element(1) for s in group if s.tag == "SGP"]
        details = [s for s in group if s.tag in ("TMP", "DGS")]
        for container in containers:
            placements.setdefault(container, []).extend(details)
    return placements


def _read_event(
    group: list[Segment], start: int, ctx: Context, placements: dict[str, list[Segment]]
) -> GateEvent:
    split = next((i for i, s in enumerate(group) if s.tag == "TDT"), len(group))
    end = split + 1
    while end < len(group) and group[end].tag in ("DTM", "LOC"):
        end += 1
    own, inland = group[:split] + group[end:], group[split:end]
    equipment = read_equipment(own, ctx, start)
    equipment = _with_placements(equipment, placements.get(str(equipment.number), []), start)
    times = [
        parse_dtm(s, ctx, start + i)
        for i, s in enumerate(own)
        if s.tag == "DTM" and s.component(1, 1) == EVENT_TIME
    ]
    if not times:
        raise TranslationError("gate event without its time (DTM+7)", position=start, tag="EQD")
    locations = tuple(read_loc(s, ctx, start + i) for i, s in enumerate(own) if s.tag == "LOC")
    transport = None
    if inland:
        transport = with_dates(read_tdt(inland[0], ctx, start + split), inland[1:], ctx)
    return GateEvent(
        equipment=equipment, time=times[0], inland_transport=transport, locations=locations
    )


def _with_placements(equipment: Equipment, details: list[Segment], start: int) -> Equipment:
    if not details:
        return equipment
    temperature = next((read_tmp(s, start) for s in details if s.tag == "TMP"), None)
    goods = tuple(read_dgs(s) for s in details if s.tag == "DGS")
    return replace(
        equipment,
        temperature=equipment.temperature or temperature,
        dangerous_goods=equipment.dangerous_goods or goods,
    )
