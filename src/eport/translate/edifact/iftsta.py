"""IFTSTA: international multimodal status report ⇄ StatusReport (one CNI per status event)."""

from __future__ import annotations

from eport.edifact.model import Segment
from eport.logistics.identifiers import ContainerNumber
from eport.logistics.status import StatusEvent, StatusReport
from eport.translate.edifact.context import Context, Envelope, TranslationError
from eport.translate.edifact.cursor import SegmentCursor, guarded
from eport.translate.edifact.dates import dtm, parse_dtm
from eport.translate.edifact.header import bgm, document_header, issued, read_bgm, read_issued
from eport.translate.edifact.places import loc, read_loc
from eport.translate.edifact.references import read_rff, rff
from eport.translate.edifact.transport import read_tdt, tdt, transport_dates, with_dates

MESSAGE_TYPE = "IFTSTA"
ASSOCIATION = {"D95B": "ITG12", "D00B": "ITG20"}
DOCUMENT = StatusReport
STATUS_REPORT = "77"  # 1001
STATUS_TIME = "334"  # 2005: status change date/time
TRANSPORT_STATUS = "1"  # 9015: transport


def write(report: StatusReport, ctx: Context) -> list[Segment]:
    body = [bgm(STATUS_REPORT, report.header), issued(report.header, ctx)]
    for number, event in enumerate(report.events, start=1):
        body.append(Segment.of("CNI", str(number)))
        body += _status(event, ctx)
    return body


def _status(event: StatusEvent, ctx: Context) -> list[Segment]:
    status = [event.code, "", "", event.description] if event.description else [event.code]
    segments = [Segment("STS", [[TRANSPORT_STATUS], status])]
    segments += [rff(reference) for reference in event.references]
    segments.append(dtm(STATUS_TIME, event.time, ctx))
    if event.location is not None:
        segments.append(loc(event.location, ctx))
    if event.transport is not None:
        segments += [tdt(event.transport, ctx), *transport_dates(event.transport, ctx)]
    if event.container is not None:
        segments.append(Segment.of("EQD", "CN", str(event.container)))
    return segments


def read(segments: list[Segment], ctx: Context, envelope: Envelope | None) -> StatusReport:
    cursor = SegmentCursor(segments)
    beginning = read_bgm(cursor)
    moment = read_issued(cursor, ctx)
    cursor.skip_until("CNI")
    events = []
    while cursor.at("CNI"):
        cursor.advance()
        cursor.take_all("LOC", "CNT")
        while cursor.at("STS"):
            start = cursor.position
            group = next(cursor.groups("STS", ("CNI",)))
            events.append(_read_status(group, start, ctx))
    return StatusReport(header=document_header(beginning, moment, envelope), events=tuple(events))


def _read_status(group: list[Segment], start: int, ctx: Context) -> StatusEvent:
    head = group[0]
    transport_at = next((i for i, s in enumerate(group) if s.tag == "TDT"), None)
    own = group if transport_at is None else group[:transport_at]
    references = tuple(read_rff(s, start + i) for i, s in enumerate(own) if s.tag == "RFF")
    times = [
        parse_dtm(s, ctx, start + i)
        for i, s in enumerate(own)
        if s.tag == "DTM" and s.component(1, 1) == STATUS_TIME
    ]
    if not times:
        raise TranslationError("status without its time (DTM+334)", position=start, tag="STS")
    location = next(
        (read_loc(s, ctx, start + i) for i, s in enumerate(own) if s.tag == "LOC"), None
    )
    transport = None
    if transport_at is not None:
        rest = group[transport_at + 1 :]
        dates = [s for s in rest if s.tag == "DTM"]
        transport = with_dates(read_tdt(group[transport_at], ctx, start + transport_at), dates, ctx)
    number = next((s.component(2, 1) for s in group if s.tag == "EQD"), "")
    container = guarded(head, start, lambda: ContainerNumber.parse(number)) if number else None
    return guarded(
        head,
        start,
        lambda: StatusEvent(
            code=head.component(2, 1),
            time=times[0],
            location=location,
            container=container,
            references=references,
            transport=transport,
            description=head.component(2, 4) or None,
        ),
    )
