"""LOC: places by UN/LOCODE (code list 139, agency 6) and the facility within them."""

from __future__ import annotations

from eport.edifact.model import Segment
from eport.logistics.identifiers import UnLocode
from eport.logistics.locations import Location, LocationFunction
from eport.translate.edifact.context import Context, TranslationError
from eport.translate.edifact.qualifiers import LOCATION_ALIASES, LOCATION_FUNCTION, decode


def loc(location: Location, ctx: Context) -> Segment:
    place = ["", "", "", location.name or ""]
    if location.locode:
        place[:3] = [ctx.partner("location", str(location.locode)), "139", "6"]
    while len(place) > 1 and not place[-1]:
        place.pop()
    elements = [[LOCATION_FUNCTION[location.function]], place]
    if location.facility:
        elements.append([location.facility, "TER", "ZZZ"])
    return Segment("LOC", elements)


def port_loc(qualifier: str, locode: UnLocode, ctx: Context) -> Segment:
    return Segment("LOC", [[qualifier], [ctx.partner("location", str(locode)), "139", "6"]])


def read_locode(segment: Segment, ctx: Context, position: int = 0) -> UnLocode | None:
    code = segment.component(2, 1)
    if not code:
        return None
    standard = ctx.standard("location", code)
    try:
        return UnLocode(standard)
    except ValueError as error:
        raise TranslationError(
            f"location {code!r} is not a UN/LOCODE and has no mapping",
            position=position,
            tag="LOC",
        ) from error


def location_function(segment: Segment, position: int = 0) -> LocationFunction:
    return decode(
        LOCATION_FUNCTION, segment.element(1), "place qualifier (3227)", LOCATION_ALIASES, position
    )


def read_loc(segment: Segment, ctx: Context, position: int = 0) -> Location:
    return Location(
        function=location_function(segment, position),
        locode=read_locode(segment, ctx, position),
        facility=segment.component(3, 1) or None,
        name=segment.component(2, 4) or None,
    )
