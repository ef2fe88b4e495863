"""VERMAS (D.16A, SMDG VERMAS 1.0): verified gross mass ⇄ VerifiedGrossMass."""

from __future__ import annotations

from eport.edifact.model import Segment
from eport.logistics.parties import Party, PartyRole
from eport.logistics.vgm import VerifiedGrossMass, VgmDeclaration, WeighingMethod
from eport.translate.edifact.context import Context, Envelope, TranslationError, Version
from eport.translate.edifact.cursor import SegmentCursor, guarded
from eport.translate.edifact.dates import dtm, parse_dtm
from eport.translate.edifact.equipment import VGM, mea, read_container_number, read_weight
from eport.translate.edifact.header import bgm, document_header, issued, read_bgm, read_issued
from eport.translate.edifact.qualifiers import CODE_SCHEME, decode

MESSAGE_TYPE = "VERMAS"
DOCUMENT = VerifiedGrossMass
VERSIONS: tuple[Version, ...] = ("D16A",)  # VERMAS is not in D.95B or D.00B
ASSOCIATION = {"D16A": "SMDG10"}
VGM_MESSAGE = "749"  # 1001: transport equipment gross mass verification message
DETERMINED = "798"  # 2005: verified gross mass determination date/time
RESPONSIBLE = "SPC"  # 3035: SOLAS verified gross mass responsible party
AUTHORISED = "RP"  # 3139: authorized responsible person
METHODS = {WeighingMethod.METHOD_1: "SM1", WeighingMethod.METHOD_2: "SM2"}  # SMDG list "VGM"


def write(submission: VerifiedGrossMass, ctx: Context) -> list[Segment]:
    body = [bgm(VGM_MESSAGE, submission.header), issued(submission.header, ctx)]
    for declaration in submission.declarations:
        body += _declaration(declaration, ctx)
    return body


def _declaration(declaration: VgmDeclaration, ctx: Context) -> list[Segment]:
    segments = [Segment.of("EQD", "CN", str(declaration.container))]
    if declaration.booking:
        segments.append(Segment.of("RFF", ["BN", declaration.booking]))
    segments.append(mea(VGM, declaration.mass))
    if declaration.weighed is not None:
        segments.append(dtm(DETERMINED, declaration.weighed, ctx))
    segments.append(Segment.of("DOC", [METHODS[declaration.method], "VGM", "306"]))
    party = declaration.responsible_party
    if party is not None:
        segments.append(_responsible(party))
        if declaration.signatory:
            segments.append(Segment.of("CTA", AUTHORISED, ["", declaration.signatory]))
    elif declaration.signatory:
        raise TranslationError("a VGM signatory is named under its responsible party")
    return segments


def _responsible(party: Party) -> Segment:
    """NAD+SPC: SOLAS makes the shipper responsible for the verified gross mass."""
    code = [party.code or ""]
    if party.code and party.scheme:
        code += ["160", CODE_SCHEME[party.scheme]]
    elements = [[RESPONSIBLE], code]
    if party.name:
        elements += [[""], [party.name]]
    return Segment("NAD", elements)


def read(segments: list[Segment], ctx: Context, envelope: Envelope | None) -> VerifiedGrossMass:
    cursor = SegmentCursor(segments)
    beginning = read_bgm(cursor)
    moment = read_issued(cursor, ctx)
    cursor.skip_until("EQD")
    declarations = []
    while cursor.at("EQD"):
        start = cursor.position
        declarations.append(_read_declaration(next(cursor.groups("EQD", ())), start, ctx))
    return VerifiedGrossMass(document_header(beginning, moment, envelope), tuple(declarations))


def _read_declaration(group: list[Segment], start: int, ctx: Context) -> VgmDeclaration:
    head = group[0]
    fields: dict[str, object] = {}
    for offset, segment in enumerate(group[1:], start=1):
        position = start + offset
        tag, qualifier = segment.tag, segment.component(1, 1)
        if tag == "RFF" and qualifier == "BN":
            fields["booking"] = segment.component(1, 2)
        elif tag == "MEA" and segment.component(2, 1) == VGM:
            fields["mass"] = read_weight(segment, position)[1]
        elif tag == "DTM" and qualifier == DETERMINED:
            fields["weighed"] = parse_dtm(segment, ctx, position)
        elif tag == "DOC":
            fields["method"] = decode(
                METHODS, qualifier, "weighing method (SM1/SM2)", position=position
            )
        elif tag == "NAD" and qualifier == RESPONSIBLE:
            fields["responsible_party"] = _read_responsible(segment, position)
        elif tag == "CTA" and qualifier == AUTHORISED:
            fields["signatory"] = segment.component(2, 2)
    if "mass" not in fields or "method" not in fields:
        raise TranslationError(
            "VGM without its mass (MEA+AAE+VGM) or method (DOC)", position=start, tag="EQD"
        )
    container = read_container_number(head.component(2, 1), head, start)
    return guarded(head, start, lambda: VgmDeclaration(container=container, **fields))  # type: ignore[arg-type]


def _read_responsible(segment: Segment, position: int) -> Party:
    agency = segment.component(2, 3)
    code = segment.component(2, 1) or None
    return guarded(
        segment,
        position,
        lambda: Party(
            PartyRole.SHIPPER,
            code=code,
            scheme=decode(CODE_SCHEME, agency, "code list agency (3055)")
            if agency and code
            else None,
            name=segment.component(4, 1) or None,
        ),
    )
