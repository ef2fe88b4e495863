"""COPARN: container announcement ⇄ ContainerAnnouncement (empty release or acceptance order)."""

from __future__ import annotations

from eport.edifact.model import Segment
from eport.logistics.booking import EquipmentRequirement
from eport.logistics.equipment import Equipment
from eport.logistics.terminal import AnnouncementPurpose, ContainerAnnouncement
from eport.translate.edifact.context import Context, Envelope, TranslationError
from eport.translate.edifact.cursor import SegmentCursor, guarded
from eport.translate.edifact.equipment import (
    dgs,
    eqd,
    equipment_refs,
    read_equipment,
    read_tmp,
    sel,
    tmp,
    weight_segments,
)
from eport.translate.edifact.header import bgm, document_header, issued, read_bgm, read_issued
from eport.translate.edifact.parties import nad
from eport.translate.edifact.places import loc, read_loc
from eport.translate.edifact.qualifiers import FULL_EMPTY, decode_optional
from eport.translate.edifact.references import read_rff, rff
from eport.translate.edifact.transport import tdt, transport_dates
from eport.translate.edifact.vessel_call import read_parties, read_transport_group

MESSAGE_TYPE = "COPARN"
DOCUMENT = ContainerAnnouncement
_CODES = {  # 1001: D.95B as the ITIGG/SMDG guides use it, D.00B from its own code list
    "D95B": {AnnouncementPurpose.EMPTY_RELEASE: "12", AnnouncementPurpose.ACCEPTANCE: "11"},
    "D00B": {AnnouncementPurpose.EMPTY_RELEASE: "129", AnnouncementPurpose.ACCEPTANCE: "126"},
}
_PURPOSES = {code: purpose for table in _CODES.values() for purpose, code in table.items()}


def write(announcement: ContainerAnnouncement, ctx: Context) -> list[Segment]:
    body = [bgm(_CODES[ctx.version][announcement.purpose], announcement.header)]
    places = [loc(location, ctx) for location in announcement.locations]
    transport = announcement.transport
    if ctx.version == "D00B":
        body.append(issued(announcement.header, ctx))
        body += places
        body += [rff(reference) for reference in announcement.references]
        if transport is not None:
            body += [tdt(transport, ctx), *transport_dates(transport, ctx)]
    else:
        body += [rff(reference) for reference in announcement.references]
        if transport is not None or places:
            body.append(tdt(transport, ctx) if transport else Segment.of("TDT", "20", "", "1"))
            body += places + (transport_dates(transport, ctx) if transport else [])
    body += [nad(party, ctx) for party in announcement.parties]
    for equipment in announcement.containers:
        body += _container(equipment, ctx)
    for requirement in announcement.unassigned:
        body += _requirement(requirement, ctx)
    count = len(announcement.containers) + sum(r.quantity for r in announcement.unassigned)
    body.append(Segment.of("CNT", ["16", str(count)]))
    return body


def _container(equipment: Equipment, ctx: Context) -> list[Segment]:
    segments = [eqd(equipment, ctx), *equipment_refs(equipment), *weight_segments(equipment)]
    if equipment.temperature is not None:
        segments.append(tmp(equipment.temperature, ctx))
    segments += [sel(seal) for seal in equipment.seals]
    return segments + [dgs(goods) for goods in equipment.dangerous_goods]


def _requirement(requirement: EquipmentRequirement, ctx: Context) -> list[Segment]:
    status = [FULL_EMPTY[requirement.status]] if requirement.status else [""]
    size = [ctx.partner("size-type", requirement.size_type), "102", "5"]
    segments = [
        Segment(
            "EQD",
            [["CN"], [""], size, [""], [""], status]
            if requirement.status
            else [["CN"], [""], size],
        ),
        Segment.of("EQN", str(requirement.quantity)),
    ]
    if requirement.temperature is not None:
        segments.append(tmp(requirement.temperature, ctx))
    return segments


def read(segments: list[Segment], ctx: Context, envelope: Envelope | None) -> ContainerAnnouncement:
    cursor = SegmentCursor(segments)
    beginning = read_bgm(cursor)
    purpose = _PURPOSES.get(beginning.document_code)
    if purpose is None:
        raise TranslationError(
            f"COPARN document code {beginning.document_code!r} is neither a "
            "release nor an acceptance order",
            position=2,
            tag="BGM",
        )
    cursor.take_all("TMD")
    moment = read_issued(cursor, ctx)
    cursor.take_all("TSR", "FTX")
    places = []
    references = []
    while cursor.at("LOC", "RFF", "DTM"):
        position = cursor.position
        segment = cursor.advance()
        if segment.tag == "LOC":
            places.append(read_loc(segment, ctx, position))
        elif segment.tag == "RFF":
            references.append(read_rff(segment, position))
    transport, group_places = read_transport_group(cursor, ctx)
    parties = read_parties(cursor, ctx)
    cursor.skip_until("EQD", "CNT")
    containers, unassigned = _read_boxes(cursor, ctx)
    return ContainerAnnouncement(
        header=document_header(beginning, moment, envelope),
        purpose=purpose,
        parties=parties,
        references=tuple(references),
        transport=transport,
        locations=tuple(places) + group_places,
        containers=tuple(containers),
        unassigned=tuple(unassigned),
    )


def _read_boxes(
    cursor: SegmentCursor, ctx: Context
) -> tuple[list[Equipment], list[EquipmentRequirement]]:
    containers, unassigned = [], []
    while cursor.at("EQD"):
        start = cursor.position
        group = next(cursor.groups("EQD", ("CNT",)))
        if group[0].component(2, 1):
            containers.append(read_equipment(group, ctx, start))
        else:
            unassigned.append(_read_requirement(group, start, ctx))
    return containers, unassigned


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
