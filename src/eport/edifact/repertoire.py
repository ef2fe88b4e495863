"""Character checks (validation level 1): syntax identifier, undecodable bytes, characters
outside the declared repertoire (syntax error 21) and trailing separators (45).

Scans run over the decoded text with regular expressions; positions are worked out only for
the findings made, at most MAX_CHARACTER_FINDINGS of each kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from eport.edifact.charsets import SYNTAX_CODECS, repertoire_pattern
from eport.edifact.findings import Finding, FindingCode, Severity
from eport.edifact.locate import Locator
from eport.edifact.model import Interchange, Transmission
from eport.edifact.parser import Reading

MAX_CHARACTER_FINDINGS = 50


def check_charset(reading: Reading, severity: Severity = "warning") -> list[Finding]:
    """Syntax identifier and version, and characters outside the declared repertoire (21).

    `severity` grades the repertoire findings (a warning unless the partner says otherwise);
    undecodable bytes are always errors.
    """
    findings: list[Finding] = []
    t = reading.transmission
    for ic in t.interchanges:
        findings += _check_syntax_identifier(ic, reading.charset.overridden)
    findings += _undecodable(reading)
    findings += _utf8_declared_as_latin(reading)
    charset = reading.charset
    if charset.overridden or not charset.syntax_id or not charset.supported:
        return findings
    service = "".join({c for ic in t.interchanges for c in ic.separators.specials()})
    service += "".join({ic.separators.decimal for ic in t.interchanges})
    pattern = repertoire_pattern(charset.syntax_id, service)
    locator: Locator | None = None
    count = 0
    skip_until = -1
    for start, end in _outside(pattern, reading.text, t):
        if start < skip_until:
            continue  # one finding per segment is enough to point at the problem
        count += 1
        if count > MAX_CHARACTER_FINDINGS:
            continue  # enough located: count the rest without the cost of locating them
        locator = locator or Locator(t, reading.text)
        place = locator.place(start)
        skip_until = place.segment_end
        owner = place.interchange
        chars = reading.text[start:end]
        shown = chars if len(chars) <= 20 else chars[:20] + "..."
        findings.append(
            Finding.of(
                FindingCode.INVALID_CHARACTER,
                f"{shown!r} (U+{ord(chars[0]):04X}...) is not in the "
                f"{charset.syntax_id} repertoire",
                f"字符{shown!r}不属于{charset.syntax_id}字符集",
                severity=severity,
                **place.where(owner.byte_offset(start) if owner is not None else None),
            )
        )
    if count > MAX_CHARACTER_FINDINGS:
        findings.append(
            Finding.of(
                FindingCode.INVALID_CHARACTER,
                f"{count - MAX_CHARACTER_FINDINGS} more runs of characters outside the repertoire",
                f"另有{count - MAX_CHARACTER_FINDINGS}处字符不属于该字符集",
                severity=severity,
            )
        )
    return findings


def _undecodable(reading: Reading) -> list[Finding]:
    locator = Locator(reading.transmission, reading.text) if reading.undecodable else None
    out: list[Finding] = []
    for bad in reading.undecodable:
        assert locator is not None
        where = locator.place(bad.char_offset).where(bad.byte_offset)
        out.append(
            Finding.of(
                FindingCode.INVALID_CHARACTER,
                f"{bad.length} byte(s) cannot be decoded as {reading.charset.codec}",
                f"{bad.length}个字节无法按{reading.charset.codec}解码",
                **where,
            )
        )
    return out


def _utf8_declared_as_latin(reading: Reading) -> list[Finding]:
    """UTF-8 text in an interchange that declares an ISO 8859 level (UNOC..UNOK).

    A common habit of partners' newer systems; each such character reads as two wrong ones
    (\u00fc as \u00c3\u00bc), so say so once, where the first one is.
    """
    text, charset = reading.text, reading.charset
    if charset.overridden or not charset.codec.startswith(("latin-1", "iso8859")):
        return []
    if text.isascii() or reading.undecodable:
        return []
    try:
        raw = text.encode(charset.codec)
        if raw.decode("utf-8") == text:
            return []
    except (UnicodeEncodeError, UnicodeDecodeError):
        return []
    at = next(i for i, c in enumerate(text) if c >= "\x80")
    place = Locator(reading.transmission, text).place(at)
    owner = place.interchange
    return [
        Finding.of(
            FindingCode.INVALID_CHARACTER,
            f"the bytes are UTF-8 but UNB declares {charset.syntax_id} ({charset.codec})",
            f"字节为UTF-8编码，但UNB声明为{charset.syntax_id}（{charset.codec}）",
            severity="warning",
            **place.where(owner.byte_offset(at) if owner is not None else None),
        )
    ]


def _outside(pattern: re.Pattern[str], text: str, t: Transmission) -> Iterator[tuple[int, int]]:
    """Runs of characters outside the repertoire, except layout line breaks and bad bytes."""
    terms = {ic.separators.segment for ic in t.interchanges}
    # Padding after the last terminator and anything before the first interchange are
    # reported (or passed) when the text is cut; they are not characters of a value.
    first = _first_offset(t)
    last = len(text) - len(t.trailing)
    for m in pattern.finditer(text):
        start, end = m.span()
        if start < first or start >= last:
            continue
        run = m.group()
        if all("\udc80" <= c <= "\udcff" for c in run):
            continue  # undecodable bytes, reported on their own
        if run.strip("\r\n") == "" and _layout_break(text, start, end, terms):
            continue
        yield start, end


def _first_offset(t: Transmission) -> int:
    """Character offset of the first segment (UNA counts as one), or 0."""
    if not t.interchanges:
        return 0
    ic = t.interchanges[0]
    first = ic.header if ic.header is not None else ic.messages[0].header if ic.messages else None
    if first is None:
        return 0
    una = len(ic.layout.una or "")
    return max(first.offset - una, 0) if una else first.offset


def _layout_break(text: str, start: int, end: int, terms: set[str]) -> bool:
    """Whether the line breaks text[start:end] follow a terminator, or are the CR of a line
    feed terminator written CR LF."""
    if text[start:end] == "\r" and text[end : end + 1] == "\n" and "\n" in terms:
        return True
    i = start - 1
    while i >= 0 and text[i] not in terms and text[i] in "\r\n":
        i -= 1
    return i >= 0 and text[i] in terms


def _check_syntax_identifier(ic: Interchange, overridden: bool) -> list[Finding]:
    if ic.header is None:
        return []
    where: dict[str, Any] = {
        "interchange_ref": ic.control_ref,
        "segment_tag": "UNB",
        "element_position": 1,
        "byte_offset": ic.byte_offset(ic.header.offset),
    }
    out: list[Finding] = []
    sid, version = ic.header.component(1, 1), ic.header.component(1, 2)
    if sid not in SYNTAX_CODECS and not overridden:
        out.append(
            Finding.of(
                FindingCode.CHARACTER_SET_NOT_SUPPORTED,
                f"syntax identifier {sid!r}",
                f"语法标识{sid!r}",
                component_position=1,
                **where,
            )
        )
    if not version:
        out.append(
            Finding.of(
                FindingCode.MISSING,
                "syntax version number (0002 is mandatory in S001)",
                "缺少语法版本号（S001中0002为必备项）",
                component_position=2,
                **where,
            )
        )
    elif version not in ("1", "2", "3", "4"):
        out.append(
            Finding.of(
                FindingCode.SYNTAX_VERSION_NOT_SUPPORTED,
                f"syntax version {version!r}",
                f"语法版本{version!r}",
                component_position=2,
                **where,
            )
        )
    return out


def check_trailing_separators(reading: Reading) -> list[Finding]:
    """Separators with nothing after them before the end of the element or segment (45).

    Searched in the text rather than the segments: one pass of a regular expression instead of
    a look at every element.
    """
    t = reading.transmission
    if not t.interchanges:
        return []
    seps = t.interchanges[0].separators
    comp, elem, term = (re.escape(c) for c in (seps.component, seps.element, seps.segment))
    pattern = re.compile(f"{comp}(?={elem}|{term})|{elem}(?={term})")
    text = reading.text
    out: list[Finding] = []
    locator: Locator | None = None
    for m in pattern.finditer(text):
        at = m.start()
        if _released_at(text, at, seps.release) or "UNA" in text[max(at - 8, 0) : at]:
            continue
        locator = locator or Locator(t, text)
        place = locator.place(at)
        if place.segment is None:
            continue
        where = place.where(
            place.interchange.byte_offset(place.segment.offset)
            if place.interchange is not None
            else None
        )
        if m.group() == seps.element:  # an empty data element closes the segment
            where["element_position"], where["component_position"] = (place.element or 0) + 1, None
        else:  # an empty component closes the element
            where["component_position"] = (place.component or 1) + 1
        out.append(
            Finding.of(
                FindingCode.TRAILING_SEPARATOR,
                "empty data at the end of an element or segment",
                "元素或段末尾有多余的分隔符",
                severity="warning",
                **where,
            )
        )
        if len(out) >= MAX_CHARACTER_FINDINGS:
            break
    return out


def _released_at(text: str, at: int, rel: str) -> bool:
    n = 0
    while rel and at - n - 1 >= 0 and text[at - n - 1] == rel:
        n += 1
    return n % 2 == 1
