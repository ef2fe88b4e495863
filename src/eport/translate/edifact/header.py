"""BGM and the message's own date: number, function and issue time of a document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from eport.edifact.model import Segment
from eport.logistics.header import DocumentHeader, MessageFunction
from eport.translate.edifact.context import Context, Envelope, TranslationError
from eport.translate.edifact.cursor import SegmentCursor
from eport.translate.edifact.dates import dtm, parse_dtm
from eport.translate.edifact.qualifiers import MESSAGE_FUNCTION, decode

ISSUED = "137"  # 2005: document/message date/time


@dataclass(frozen=True, slots=True)
class Beginning:
    """What BGM says."""

    document_code: str
    number: str
    function: MessageFunction
    response: str


def bgm(document_code: str, header: DocumentHeader, response: str = "") -> Segment:
    elements = [[document_code], [header.number], [MESSAGE_FUNCTION[header.function]]]
    if response:
        elements.append([response])
    return Segment("BGM", elements)


def issued(header: DocumentHeader, ctx: Context) -> Segment:
    return dtm(ISSUED, header.issued, ctx)


def read_bgm(cursor: SegmentCursor) -> Beginning:
    position = cursor.position
    segment = cursor.require("BGM")
    number = segment.component(2, 1)
    if not number:
        raise TranslationError("BGM has no document number", position=position, tag="BGM")
    function = decode(
        MESSAGE_FUNCTION, segment.element(3) or "9", "message function (1225)", position=position
    )
    return Beginning(segment.component(1, 1), number, function, segment.element(4))


def read_issued(cursor: SegmentCursor, ctx: Context) -> datetime | None:
    """The DTM+137 among the message-level DTMs that follow BGM, if any."""
    moment = None
    while cursor.at("DTM"):
        position = cursor.position
        segment = cursor.require("DTM")
        if segment.component(1, 1) == ISSUED:
            moment = parse_dtm(segment, ctx, position)
    return moment


def document_header(
    beginning: Beginning, moment: datetime | None, envelope: Envelope | None
) -> DocumentHeader:
    """The header; without DTM+137 (D.95B container messages have none) the UNB time is used."""
    when = moment or (envelope.prepared if envelope else None)
    if when is None:
        raise TranslationError(
            f"document {beginning.number} has no issue time (no DTM+137 and no interchange date)"
        )
    return DocumentHeader(
        number=beginning.number,
        issued=when,
        function=beginning.function,
        sender=envelope.sender if envelope else None,
        recipient=envelope.recipient if envelope else None,
    )
