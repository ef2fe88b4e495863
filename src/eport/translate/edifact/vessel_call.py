"""The header groups container messages share: main transport with its places, and parties."""

from __future__ import annotations

from eport.logistics.locations import Location
from eport.logistics.parties import Party
from eport.logistics.transport import Transport
from eport.translate.edifact.context import Context
from eport.translate.edifact.cursor import SegmentCursor
from eport.translate.edifact.parties import read_nad
from eport.translate.edifact.places import read_loc
from eport.translate.edifact.transport import read_tdt, with_dates

_GROUP_TAGS = ("RFF", "LOC", "DTM", "FTX")


def read_transport_group(
    cursor: SegmentCursor, ctx: Context, stop_at: str = ""
) -> tuple[Transport | None, tuple[Location, ...]]:
    """TDT with its RFF, LOC and DTM segments (in either directory's order).

    A TDT that names no voyage, vessel, carrier or vehicle only carries the places. A LOC
    with the qualifier `stop_at` (BAPLIE's stowage cell) ends the group.
    """
    if not cursor.at("TDT"):
        return None, ()
    position = cursor.position
    transport = read_tdt(cursor.require("TDT"), ctx, position)
    places: list[Location] = []
    dates = []
    while cursor.at(*_GROUP_TAGS):
        upcoming = cursor.peek()
        if stop_at and cursor.at("LOC") and upcoming and upcoming.element(1) == stop_at:
            break
        position = cursor.position
        segment = cursor.advance()
        if segment.tag == "LOC":
            places.append(read_loc(segment, ctx, position))
        elif segment.tag == "DTM":
            dates.append(segment)
    transport = with_dates(transport, dates, ctx)
    empty = not (transport.voyage or transport.vessel or transport.carrier or transport.vehicle)
    return (None if empty else transport), tuple(places)


def read_parties(cursor: SegmentCursor, ctx: Context) -> tuple[Party, ...]:
    parties = []
    while cursor.at("NAD", "CTA", "COM"):
        position = cursor.position
        segment = cursor.advance()
        if segment.tag == "NAD":
            parties.append(read_nad(segment, ctx, position))
    return tuple(parties)
