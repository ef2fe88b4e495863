"""CUSRES: customs response ⇄ CustomsResponse (accepted, rejected, inspection, released, held)."""

from __future__ import annotations

from eport.edifact.model import Segment
from eport.logistics.customs import CustomsResponse, CustomsStatus
from eport.translate.edifact.context import Context, Envelope, TranslationError
from eport.translate.edifact.cursor import SegmentCursor
from eport.translate.edifact.equipment import read_container_number
from eport.translate.edifact.goods import free_text
from eport.translate.edifact.header import bgm, document_header, issued, read_bgm, read_issued
from eport.translate.edifact.references import read_rff, rff

MESSAGE_TYPE = "CUSRES"
ASSOCIATION = {"D95B": "ITG12", "D00B": "ITG20"}
DOCUMENT = CustomsResponse
DOCUMENT_RESPONSE = "962"  # 1001: document response (Customs)
REMARK = "AAI"  # 4451: general information
STATUS: dict[CustomsStatus, str] = {  # 7365 processing indicator
    CustomsStatus.ACCEPTED: "1",
    CustomsStatus.REJECTED: "2",
    CustomsStatus.RELEASED: "4",
    CustomsStatus.INSPECTION_ORDERED: "5",
    CustomsStatus.HELD: "7",
}
_STATUS_ALIASES = {"3": CustomsStatus.REJECTED, "9": CustomsStatus.ACCEPTED}


def write(response: CustomsResponse, ctx: Context) -> list[Segment]:
    status = Segment.of("GIS", STATUS[response.status])
    remarks = [free_text(REMARK, remark) for remark in response.remarks]
    body = [bgm(DOCUMENT_RESPONSE, response.header), issued(response.header, ctx)]
    body += [status, *remarks] if ctx.version == "D95B" else [*remarks, status]
    body += [Segment.of("EQD", "CN", str(number)) for number in response.containers]
    return body + [rff(reference) for reference in response.references]


def read(segments: list[Segment], ctx: Context, envelope: Envelope | None) -> CustomsResponse:
    cursor = SegmentCursor(segments)
    beginning = read_bgm(cursor)
    cursor.take_all("NAD", "LOC")
    moment = read_issued(cursor, ctx)
    status: CustomsStatus | None = None
    remarks, containers, references = [], [], []
    while cursor.peek() is not None:
        position = cursor.position
        segment = cursor.advance()
        if segment.tag == "GIS" and status is None:
            status = _status(segment, position)
        elif segment.tag == "FTX" and segment.element(1) == REMARK:
            remarks.append("".join(segment.components(4)))
        elif segment.tag == "EQD":
            containers.append(read_container_number(segment.component(2, 1), segment, position))
        elif segment.tag == "RFF":
            references.append(read_rff(segment, position))
    if status is None:
        raise TranslationError("customs response without its status (GIS)", tag="GIS")
    return CustomsResponse(
        header=document_header(beginning, moment, envelope),
        status=status,
        references=tuple(references),
        containers=tuple(containers),
        remarks=tuple(remarks),
    )


def _status(segment: Segment, position: int) -> CustomsStatus:
    code = segment.component(1, 1)
    for status, value in STATUS.items():
        if value == code:
            return status
    if code in _STATUS_ALIASES:
        return _STATUS_ALIASES[code]
    raise TranslationError(f"unsupported customs status {code!r}", position=position, tag="GIS")
