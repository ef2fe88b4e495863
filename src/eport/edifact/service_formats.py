"""Formats of the service segments' data elements (ISO 9735): UNB, UNG and UNH.

Each service data element has a representation (an..14, n6, ...); a value that does not fit
is a syntax error: 39 too long, 40 too short, 37 a non-digit in a numeric element, and 12 a
date or time of preparation that names no day or minute. The tables follow the service
directories of syntax versions 3 and 4 (versions 1 and 2 write their service segments as 3
does). Empty values are left to the checks of mandatory elements. Only service segments are
looked at: a few comparisons per message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eport.edifact.findings import Finding, FindingCode
from eport.edifact.model import Segment


@dataclass(frozen=True, slots=True)
class Format:
    """Where a service data element sits and how long it may be."""

    element: int  # 1-based data element position after the tag
    component: int | None  # 1-based component of a composite; None for a simple element
    number: str  # data element number, e.g. "0065"
    representation: str  # as the directory writes it: "an..6", "n4"
    numeric: bool
    shortest: int
    longest: int


def _format(spec: str) -> Format:
    position, number, representation = spec.split()
    element, _, component = position.partition(".")
    kind, _, size = representation.partition("..")
    if size:  # variable length: an..14
        shortest, longest = 1, int(size)
    else:  # fixed length: n6
        kind, longest = representation.rstrip("0123456789"), int(representation.lstrip("an"))
        shortest = longest
    return Format(
        int(element),
        int(component) if component else None,
        number,
        representation,
        kind == "n",
        shortest,
        longest,
    )


def _table(*specs: str) -> tuple[Format, ...]:
    """Formats from lists like "1 0062 an..14, 2.1 0065 an..6", in the order of the segment."""
    formats = [_format(spec) for text in specs for spec in text.split(", ")]
    return tuple(sorted(formats, key=lambda f: (f.element, f.component or 0)))


_UNB_3 = "2.1 0004 an..35, 2.2 0007 an..4, 2.3 0008 an..14, 3.1 0010 an..35, 3.2 0007 an..4, "
_UNB_3 += "3.3 0014 an..14, 4.2 0019 n4, 5 0020 an..14"
_UNB_4 = "2.1 0004 an..35, 2.2 0007 an..4, 2.3 0008 an..35, 2.4 0042 an..35, 3.1 0010 an..35, "
_UNB_4 += "3.2 0007 an..4, 3.3 0014 an..35, 3.4 0046 an..35, 4.2 0019 n4, 5 0020 an..14"
_UNG = "1 0038 an..6, 2.1 0040 an..35, 2.2 0007 an..4, 3.1 0044 an..35, 3.2 0007 an..4, "
_UNG += "4.2 0019 n4, 5 0048 an..14, 7.1 0052 an..3, 7.2 0054 an..3, 7.3 0057 an..6, 8 0058 an..14"
_UNH = "1 0062 an..14, 2.1 0065 an..6, 2.2 0052 an..3, 2.3 0054 an..3, 2.5 0057 an..6, "
_UNH += "3 0068 an..35, 4.1 0070 n..2"

# By version_key: 3 for syntax versions 1 to 3, 4 for 4, 0 without a usable version (already
# an error of its own), where a date of either length is read.
UNB_FORMATS = {
    3: _table(_UNB_3, "4.1 0017 n6"),
    4: _table(_UNB_4, "4.1 0017 n8"),
    0: _table(_UNB_4, "4.1 0017 n..8"),
}
UNG_FORMATS = {
    3: _table(_UNG, "4.1 0017 n6, 6 0051 an..2"),
    4: _table(_UNG, "4.1 0017 n8, 6 0051 an..3"),
    0: _table(_UNG, "4.1 0017 n..8, 6 0051 an..3"),
}
UNH_FORMATS = {
    3: _table(_UNH, "2.4 0051 an..2"),
    4: _table(_UNH, "2.4 0051 an..3, 2.6 0110 an..6, 2.7 0113 an..6"),
}
UNH_FORMATS[0] = UNH_FORMATS[4]


def version_key(syntax_version: int) -> int:
    """Which table applies: 3 for syntax versions 1 to 3, 4 for 4, 0 when there is none."""
    return 3 if 1 <= syntax_version <= 3 else 4 if syntax_version == 4 else 0


def check_formats(
    seg: Segment, formats: tuple[Format, ...], where: dict[str, Any]
) -> list[Finding]:
    """A finding for every value of `seg` that does not fit its format (one per value)."""
    out: list[Finding] = []
    elements = seg.elements
    count = len(elements)
    for f in formats:
        if f.element > count:
            continue
        components = elements[f.element - 1]
        at = f.component - 1 if f.component is not None else 0
        if at >= len(components):
            continue
        value = components[at]
        size = len(value)
        if not value or (
            f.shortest <= size <= f.longest
            and (not f.numeric or (value.isascii() and value.isdigit()))
        ):
            continue
        out.append(_misfit(seg.tag, f, value, where))
    return out


def _misfit(tag: str, f: Format, value: str, where: dict[str, Any]) -> Finding:
    shown = value if len(value) <= 20 else value[:20] + "..."
    if f.number == "0017" and len(value) in (6, 8) and value.isascii() and value.isdigit():
        # Real partners write CCYYMMDD under syntax 3 (and YYMMDD under 4): the day is plain
        # either way, so the other version's form is worth a warning, not a rejection.
        return Finding.of(
            FindingCode.TOO_LONG if len(value) > f.longest else FindingCode.TOO_SHORT,
            f"0017 is {f.representation} in this syntax version, got {len(value)} digits",
            f"本语法版本中0017为{f.representation}，实际{len(value)}位",
            severity="warning",
            segment_tag=tag,
            element_position=f.element,
            component_position=f.component,
            **where,
        )
    if f.numeric and not (value.isascii() and value.isdigit()):
        code = FindingCode.INVALID_CHARACTER_TYPE
        en, zh = f"{f.number} is {f.representation}", f"{f.number}应为数字（{f.representation}）"
    else:
        code = FindingCode.TOO_LONG if len(value) > f.longest else FindingCode.TOO_SHORT
        en = f"{f.number} is {f.representation}, got {len(value)}"
        zh = f"{f.number}为{f.representation}，实际长度{len(value)}"
    return Finding.of(
        code,
        f"{en}: {shown!r}",
        f"{zh}：{shown!r}",
        segment_tag=tag,
        element_position=f.element,
        component_position=f.component,
        **where,
    )


def check_preparation_time(seg: Segment, where: dict[str, Any]) -> list[Finding]:
    """S004 (element 4 of UNB and UNG): a real calendar day (YYMMDD or CCYYMMDD) and HHMM.

    Only digits of a known length are judged here; other values get their format finding.
    """
    out: list[Finding] = []
    date, time = seg.component(4, 1), seg.component(4, 2)
    if len(date) in (6, 8) and date.isascii() and date.isdigit() and not _is_day(date):
        out.append(_impossible(seg.tag, 1, "date", "日期", date, where))
    if len(time) == 4 and time.isascii() and time.isdigit() and not _is_time(time):
        out.append(_impossible(seg.tag, 2, "time", "时间", time, where))
    return out


_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_day(date: str) -> bool:
    year, month, day = int(date[:-4]), int(date[-4:-2]), int(date[-2:])
    if not 1 <= month <= 12 or not 1 <= day <= _DAYS[month - 1]:
        return False
    # YY names no century: 29 February stands in any year divisible by four.
    leap = year % 4 == 0 and (len(date) == 6 or year % 100 != 0 or year % 400 == 0)
    return month != 2 or day < 29 or leap


def _is_time(time: str) -> bool:
    # 2400, the end of a day, is how some systems write midnight
    return time == "2400" or (int(time[:2]) < 24 and int(time[2:]) < 60)


def _impossible(
    tag: str, component: int, en: str, zh: str, value: str, where: dict[str, Any]
) -> Finding:
    return Finding.of(
        FindingCode.INVALID_VALUE,
        f"{value!r} is not a {en} of preparation",
        f"{value!r}不是有效的准备{zh}",
        segment_tag=tag,
        element_position=4,
        component_position=component,
        **where,
    )
