"""TDT: the means of transport, its voyage, carrier and vessel (IMO number or call sign)."""

from __future__ import annotations

from dataclasses import replace

from eport.edifact.model import Segment
from eport.logistics.identifiers import ImoNumber
from eport.logistics.transport import Transport, TransportMode, Vessel
from eport.translate.edifact.context import Context
from eport.translate.edifact.dates import dtm, parse_dtm
from eport.translate.edifact.qualifiers import (
    CARRIAGE_STAGE,
    STAGE_ALIASES,
    TRANSPORT_MODE,
    decode,
)
from eport.translate.message_codes import carrier_code_reading

IMO_QUALIFIER = "146"  # 1131: ship's IMO (Lloyd's) number, agency 11
CALL_SIGN_QUALIFIER = "103"  # 1131: call sign directory
CARRIER_CODE = "172"  # 1131: carrier code
# 3055 of the carrier code: a shipping line's is of the carrier list, given under 20 (BIC) as
# SMDG's guides do; a haulier's or rail operator's is in no standard list, so it is mutually
# defined (ZZZ), as the truck legs of the community's CODECOs carry it (`NBHL:172:ZZZ`).
_SHIPPING_MODES = (TransportMode.SEA, TransportMode.INLAND_WATER)
BIC = "20"
MUTUALLY_DEFINED = "ZZZ"


def tdt(transport: Transport, ctx: Context) -> Segment:
    """TDT+stage+voyage+mode++carrier+++vessel or vehicle.

    One identifier fits the vessel slot: the IMO number when known, else the call sign.
    """
    agency = BIC if transport.mode in _SHIPPING_MODES else MUTUALLY_DEFINED
    carrier = [transport.carrier, CARRIER_CODE, agency] if transport.carrier else [""]
    elements: list[list[str]] = [
        [CARRIAGE_STAGE[transport.stage]],
        [transport.voyage or ""],
        [TRANSPORT_MODE[transport.mode]],
        [""],
        carrier,
        [""],
        [""],
        _means(transport),
    ]
    while elements and not any(elements[-1]):
        elements.pop()
    segment = Segment("TDT", elements)
    if transport.carrier:
        carrier[0] = ctx.partner("carrier", transport.carrier, carrier_code_reading(segment))
    return segment


def _means(transport: Transport) -> list[str]:
    vessel = transport.vessel
    if vessel is not None:
        name = vessel.name or ""
        if vessel.imo is not None:
            means = [str(vessel.imo), IMO_QUALIFIER, "11", name]
        elif vessel.call_sign:
            means = [vessel.call_sign, CALL_SIGN_QUALIFIER, "", name]
        else:
            means = ["", "", "", name]
        while len(means) > 1 and not means[-1]:
            means.pop()
        return means
    return [transport.vehicle] if transport.vehicle else [""]


def read_tdt(segment: Segment, ctx: Context, position: int = 0) -> Transport:
    stage = decode(
        CARRIAGE_STAGE, segment.element(1), "transport stage (8051)", STAGE_ALIASES, position
    )
    mode_code = segment.component(3, 1) or "1"
    mode = decode(TRANSPORT_MODE, mode_code, "transport mode (8067)", position=position)
    carrier = segment.component(5, 1)
    ident, qualifier, name = (
        segment.component(8, 1),
        segment.component(8, 2),
        segment.component(8, 4),
    )
    vessel: Vessel | None = None
    vehicle: str | None = None
    if mode in (TransportMode.SEA, TransportMode.INLAND_WATER) and (ident or name):
        vessel = Vessel(
            name=name or None,
            imo=ImoNumber(ident) if ident and qualifier == IMO_QUALIFIER else None,
            call_sign=ident if ident and qualifier != IMO_QUALIFIER else None,
        )
    elif ident:
        vehicle = ident
    return Transport(
        mode=mode,
        stage=stage,
        voyage=segment.element(2) or None,
        vessel=vessel,
        carrier=ctx.standard("carrier", carrier, carrier_code_reading(segment))
        if carrier
        else None,
        vehicle=vehicle,
    )


ARRIVAL = "132"  # 2005: arrival date/time, estimated
DEPARTURE = "133"  # 2005: departure date/time, estimated


def transport_dates(transport: Transport, ctx: Context) -> list[Segment]:
    dates = []
    if transport.arrival is not None:
        dates.append(dtm(ARRIVAL, transport.arrival, ctx))
    if transport.departure is not None:
        dates.append(dtm(DEPARTURE, transport.departure, ctx))
    return dates


def with_dates(transport: Transport, segments: list[Segment], ctx: Context) -> Transport:
    """The transport with the arrival and departure times found among `segments`."""
    found = {s.component(1, 1): parse_dtm(s, ctx) for s in segments if s.tag == "DTM"}
    return replace(transport, arrival=found.get(ARRIVAL), departure=found.get(DEPARTURE))
