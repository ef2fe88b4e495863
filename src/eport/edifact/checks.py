"""Syntax and envelope checks (validation level 1): report every finding, never stop early.

`check_syntax` works on raw bytes and also reports on input that does not fully parse;
`check_envelope` compares UNT, UNE and UNZ control counts and references (as numbers, so
`UNT+007956` counts 7956) for one parsed interchange.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from eport.edifact.errors import EdifactSyntaxError
from eport.edifact.findings import Finding, FindingCode, Severity
from eport.edifact.model import Group, Interchange, Message, Segment, Transmission
from eport.edifact.parser import DEFAULT_LIMITS, Limits, read
from eport.edifact.repertoire import check_charset, check_trailing_separators
from eport.edifact.service_formats import (
    UNB_FORMATS,
    UNG_FORMATS,
    UNH_FORMATS,
    Format,
    check_formats,
    check_preparation_time,
    version_key,
)

# How strict each finding code is for a partner: code -> severity, or None to accept silently.
Strictness = Mapping[str, Severity | None]
DEFAULT_STRICTNESS: Strictness = {
    FindingCode.INVALID_CHARACTER.value: "warning",  # only repertoire findings; see below
    FindingCode.TRAILING_SEPARATOR.value: "warning",
}
_TAG = re.compile(r"[A-Z][A-Z0-9]{2}\Z")


def check_syntax(
    data: bytes | str,
    *,
    encoding: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    strictness: Strictness | None = None,
) -> tuple[Transmission | None, list[Finding]]:
    """Parse as far as possible and return every syntax, character-set and envelope finding."""
    try:
        reading = read(data, encoding=encoding, limits=limits)
    except EdifactSyntaxError as exc:
        return None, [Finding.of(None, exc.reason, "输入无法处理", byte_offset=exc.byte_offset)]
    findings = list(reading.findings)
    table = dict(strictness) if strictness is not None else DEFAULT_STRICTNESS
    findings += check_charset(
        reading, table.get(FindingCode.INVALID_CHARACTER.value, "warning") or "warning"
    )
    for ic in reading.transmission.interchanges:
        findings += check_envelope(ic)
        findings += check_segments(ic)
    findings += check_trailing_separators(reading)
    return reading.transmission, apply_strictness(findings, strictness, keep_21_errors=True)


def apply_strictness(
    findings: list[Finding], strictness: Strictness | None, keep_21_errors: bool = False
) -> list[Finding]:
    """Re-grade findings by the partner's strictness (default: strict except a few codes)."""
    table = dict(strictness) if strictness is not None else {}
    out: list[Finding] = []
    for f in findings:
        if f.code is None or f.code not in table:
            out.append(f)
            continue
        severity = table[f.code]
        if keep_21_errors and f.code == FindingCode.INVALID_CHARACTER.value and f.is_error:
            out.append(f)  # undecodable bytes stay errors whatever the profile says
        elif severity is not None:
            out.append(f if f.severity == severity else _regrade(f, severity))
    return out


def _regrade(f: Finding, severity: Severity) -> Finding:
    return Finding(
        severity,
        f.code,
        f.text_en,
        f.text_zh,
        f.interchange_ref,
        f.message_ref,
        f.message_index,
        f.segment_position,
        f.segment_tag,
        f.element_position,
        f.component_position,
        f.byte_offset,
    )


def _number(value: str) -> int | None:
    return int(value) if value.isdigit() else None


def check_envelope(ic: Interchange) -> list[Finding]:
    """UNB/UNZ, UNG/UNE and UNH/UNT: presence, control counts and matching references."""
    out: list[Finding] = []
    ref = ic.control_ref if ic.header is not None else None
    if ic.header is not None:
        out += _check_unb(ic)
    seen: dict[str, int] = {}
    unh_formats = UNH_FORMATS[version_key(ic.syntax_version)]
    for msg in ic.messages:
        out += _check_message_envelope(ic, msg, ref, unh_formats)
        if msg.ref in seen:
            out.append(
                Finding.of(
                    FindingCode.DUPLICATE,
                    f"message reference {msg.ref!r} already used by message {seen[msg.ref]}",
                    f"报文参考号{msg.ref!r}重复",
                    interchange_ref=ref,
                    message_ref=msg.ref,
                    message_index=msg.index,
                    segment_position=1,
                    segment_tag="UNH",
                    element_position=1,
                    byte_offset=ic.byte_offset(msg.header.offset),
                )
            )
        seen.setdefault(msg.ref, msg.index)
    for g in ic.groups:
        out += _check_group(ic, g, ref)
        if g.trailer is not None:
            out += _check_trailer(ic, g.trailer, len(g.messages), g.ref, "UNE", ref)
    if ic.groups and len(ic.messages) != sum(len(g.messages) for g in ic.groups):
        out.append(
            Finding.of(
                FindingCode.GROUPS_AND_MESSAGES_MIXED,
                "",
                "",
                interchange_ref=ref,
                segment_tag="UNG",
                byte_offset=ic.byte_offset(ic.groups[0].header.offset),
            )
        )
    if ic.trailer is not None:
        count = len(ic.groups) if ic.groups else len(ic.messages)
        out += _check_trailer(ic, ic.trailer, count, ic.control_ref, "UNZ", ref)
    return out


def _check_unb(ic: Interchange) -> list[Finding]:
    assert ic.header is not None
    out: list[Finding] = []
    place: dict[str, Any] = {
        "interchange_ref": ic.control_ref,
        "byte_offset": ic.byte_offset(ic.header.offset),
    }
    where = {**place, "segment_tag": "UNB"}
    required = [
        (2, 1, "interchange sender", "交换发送方"),
        (3, 1, "interchange recipient", "交换接收方"),
        (4, 1, "date of preparation", "准备日期"),
        (4, 2, "time of preparation", "准备时间"),
        (5, 1, "interchange control reference", "交换控制参考号"),
    ]
    for e, c, en, zh in required:
        value = ic.header.component(e, c)
        if not value:
            out.append(
                Finding.of(
                    FindingCode.MISSING,
                    en,
                    zh,
                    element_position=e,
                    component_position=c if e != 5 else None,
                    **where,
                )
            )
    out += check_formats(ic.header, UNB_FORMATS[version_key(ic.syntax_version)], place)
    out += check_preparation_time(ic.header, place)
    if not ic.messages and not ic.groups:
        out.append(
            Finding.of(
                FindingCode.LOWER_LEVEL_EMPTY,
                "interchange without messages",
                "交换中没有报文",
                severity="warning",
                **where,
            )
        )
    return out


def _check_message_envelope(
    ic: Interchange, msg: Message, ref: str | None, formats: tuple[Format, ...]
) -> list[Finding]:
    out: list[Finding] = []
    where: dict[str, Any] = {
        "interchange_ref": ref,
        "message_ref": msg.ref,
        "message_index": msg.index,
    }
    unh = msg.header
    located = {**where, "segment_position": 1, "byte_offset": ic.byte_offset(unh.offset)}
    for c, en, zh in (
        (1, "message type", "报文类型"),
        (2, "message version", "报文版本号"),
        (3, "message release", "报文发布号"),
        (4, "controlling agency", "控制机构"),
    ):
        if not unh.component(2, c):
            out.append(
                Finding.of(
                    FindingCode.MISSING,
                    en,
                    zh,
                    segment_position=1,
                    segment_tag="UNH",
                    element_position=2,
                    component_position=c,
                    byte_offset=ic.byte_offset(unh.offset),
                    **where,
                )
            )
    if not msg.ref:
        out.append(
            Finding.of(
                FindingCode.MISSING,
                "message reference number",
                "报文参考号",
                segment_position=1,
                segment_tag="UNH",
                element_position=1,
                byte_offset=ic.byte_offset(unh.offset),
                **where,
            )
        )
    out += check_formats(unh, formats, located)
    unt = msg.trailer
    if unt is None:
        return out
    pos = len(msg.segments)
    here: dict[str, Any] = {
        "segment_position": pos,
        "segment_tag": "UNT",
        "byte_offset": ic.byte_offset(unt.offset),
        **where,
    }
    count = _number(unt.element(1))
    if count is None:
        out.append(
            Finding.of(
                FindingCode.INVALID_VALUE,
                f"segment count {unt.element(1)!r}",
                f"段数{unt.element(1)!r}",
                element_position=1,
                **here,
            )
        )
    elif count != pos:
        out.append(
            Finding.of(
                FindingCode.CONTROL_COUNT,
                f"UNT says {count} segments, the message has {pos}",
                f"UNT段数为{count}，实际为{pos}",
                element_position=1,
                **here,
            )
        )
    if unt.element(2) != msg.ref:
        out.append(
            Finding.of(
                FindingCode.REFERENCES_DO_NOT_MATCH,
                f"UNT reference {unt.element(2)!r}, UNH reference {msg.ref!r}",
                f"UNT参考号{unt.element(2)!r}与UNH参考号{msg.ref!r}不一致",
                element_position=2,
                **here,
            )
        )
    return out


def _check_group(ic: Interchange, group: Group, ref: str | None) -> list[Finding]:
    """UNG formats, and its message type (0038) against the messages it holds."""
    ung = group.header
    where: dict[str, Any] = {"interchange_ref": ref, "byte_offset": ic.byte_offset(ung.offset)}
    out = check_formats(ung, UNG_FORMATS[version_key(ic.syntax_version)], where)
    out += check_preparation_time(ung, where)
    types = sorted({m.type for m in group.messages})
    declared = ung.element(1)
    if len(types) > 1:
        out.append(
            Finding.of(
                FindingCode.MORE_THAN_ONE_TYPE_IN_GROUP,
                f"group {group.ref!r} holds {', '.join(t[:6] for t in types)}",
                f"功能组{group.ref!r}包含{', '.join(t[:6] for t in types)}",
                segment_tag="UNG",
                **where,
            )
        )
    elif declared and types and types[0] != declared:
        out.append(
            Finding.of(
                FindingCode.INVALID_VALUE,
                f"the group is of {declared[:6]!r} but holds {types[0][:6]!r} messages",
                f"功能组类型为{declared[:6]!r}，但其中的报文为{types[0][:6]!r}",
                segment_tag="UNG",
                element_position=1,
                **where,
            )
        )
    return out


def _check_trailer(
    ic: Interchange, seg: Segment, actual: int, expected_ref: str, tag: str, ref: str | None
) -> list[Finding]:
    out: list[Finding] = []
    where: dict[str, Any] = {
        "interchange_ref": ref,
        "segment_tag": tag,
        "byte_offset": ic.byte_offset(seg.offset),
    }
    count = _number(seg.element(1))
    what = "groups" if tag == "UNZ" and ic.groups else "messages"
    if count is None:
        out.append(
            Finding.of(
                FindingCode.INVALID_VALUE,
                f"control count {seg.element(1)!r}",
                f"控制计数{seg.element(1)!r}",
                element_position=1,
                **where,
            )
        )
    elif count != actual:
        out.append(
            Finding.of(
                FindingCode.CONTROL_COUNT,
                f"{tag} says {count} {what}, found {actual}",
                f"{tag}计数为{count}，实际为{actual}",
                element_position=1,
                **where,
            )
        )
    if seg.element(2) != expected_ref:
        out.append(
            Finding.of(
                FindingCode.REFERENCES_DO_NOT_MATCH,
                f"{tag} reference {seg.element(2)!r}, expected {expected_ref!r}",
                f"{tag}参考号{seg.element(2)!r}应为{expected_ref!r}",
                element_position=2,
                **where,
            )
        )
    return out


def check_segments(ic: Interchange) -> list[Finding]:
    """Segment tags in every message of the interchange (three upper-case letters or digits)."""
    out: list[Finding] = []
    ref = ic.control_ref if ic.header is not None else None
    good: set[str] = set()
    for msg in ic.messages:
        for pos, seg in enumerate(msg.segments, start=1):
            if seg.tag in good:
                continue
            if _TAG.match(seg.tag):
                good.add(seg.tag)
                continue
            out.append(
                Finding.of(
                    FindingCode.INVALID_VALUE,
                    f"segment tag {seg.tag[:20]!r}",
                    f"段标签{seg.tag[:20]!r}无效",
                    interchange_ref=ref,
                    message_ref=msg.ref,
                    message_index=msg.index,
                    segment_position=pos,
                    segment_tag=seg.tag[:20],
                    byte_offset=ic.byte_offset(seg.offset),
                )
            )
    return out
