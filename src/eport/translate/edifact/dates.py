"""DTM: dates and times, written in the partner's local time and read back into it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from eport.edifact.model import Segment
from eport.translate.edifact.context import Context, TranslationError

# 2379 date/time format codes this translator reads; it writes 203, or 204 with seconds.
_FORMATS = {
    "102": "%Y%m%d",
    "203": "%Y%m%d%H%M",
    "204": "%Y%m%d%H%M%S",
    "101": "%y%m%d",
    "201": "%y%m%d%H%M",
}


def format_dtm(moment: datetime, ctx: Context) -> tuple[str, str]:
    """Text and 2379 format code of an instant in the partner's local time."""
    local = moment.astimezone(ctx.tz)
    if local.second or local.microsecond:
        return local.strftime("%Y%m%d%H%M%S"), "204"
    return local.strftime("%Y%m%d%H%M"), "203"


def dtm(qualifier: str, moment: datetime, ctx: Context) -> Segment:
    text, fmt = format_dtm(moment, ctx)
    return Segment.of("DTM", [qualifier, text, fmt])


def parse_dtm(segment: Segment, ctx: Context, position: int = 0) -> datetime:
    """The instant a DTM names; times without a zone are the partner's local time."""
    text, fmt = segment.component(1, 2), segment.component(1, 3) or "203"
    try:
        if fmt in _DIGITS and len(text) == _DIGITS[fmt] and text.isdigit():
            return _from_digits(text, ctx)
        if fmt == "303":
            return _parse_with_zone(text)
        pattern = _FORMATS[fmt]
        return _local(datetime.strptime(text, pattern), ctx)
    except (KeyError, ValueError) as error:
        raise TranslationError(
            f"unreadable date/time {text!r} (format {fmt})", position=position, tag="DTM"
        ) from error


# The common formats, read by slicing (strptime is slow on the hot path of big files).
_DIGITS = {"102": 8, "203": 12, "204": 14}


def _from_digits(text: str, ctx: Context) -> datetime:
    """CCYYMMDD[HHMM[SS]] in the partner's zone; a bad date raises ValueError."""
    hour = int(text[8:10]) if len(text) > 8 else 0
    minute = int(text[10:12]) if len(text) > 8 else 0
    second = int(text[12:14]) if len(text) > 12 else 0
    return _local(
        datetime(int(text[:4]), int(text[4:6]), int(text[6:8]), hour, minute, second), ctx
    )


def _local(wall: datetime, ctx: Context) -> datetime:
    """A wall-clock time in the partner's zone, pinned to its UTC offset then.

    In the hour a zone's clocks go back, a wall time names two instants; without a zone the
    message cannot say which, so the first (summer time) is taken. Pinning the offset makes
    the instant plain: Python never finds an ambiguous zone-aware time equal to another zone's.
    """
    offset = wall.replace(tzinfo=ctx.tz).utcoffset()
    return wall.replace(tzinfo=timezone(offset if offset is not None else timedelta(0)))


def _parse_with_zone(text: str) -> datetime:
    """Format 303, CCYYMMDDHHMMZZZ: a zone as an offset in hours (``+08``) or ``UTC``."""
    stamp, zone = text[:12], text[12:]
    moment = datetime.strptime(stamp, "%Y%m%d%H%M")
    offset = timedelta(0) if zone in ("", "UTC", "GMT", "Z") else timedelta(hours=int(zone))
    return moment.replace(tzinfo=timezone(offset))


def read_interchange_time(date: str, time: str, ctx: Context) -> datetime | None:
    """UNB preparation date and time (YYMMDD or CCYYMMDD, HHMM) in the partner's zone."""
    pattern = "%y%m%d%H%M" if len(date) == 6 else "%Y%m%d%H%M"
    try:
        return _local(datetime.strptime(date + time, pattern), ctx)
    except ValueError:
        return None
