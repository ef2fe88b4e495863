"""Character sets: declared repertoires, Chinese text, undecodable bytes."""

from __future__ import annotations

import pytest
from tests.edifact.samples import interchange, message

from eport.edifact import EdifactSyntaxError, check_syntax, parse, serialize


def _codes(findings: list) -> list[tuple[str, str | None]]:  # type: ignore[type-arg]
    return [(f.severity, f.code) for f in findings]


def test_lower_case_under_unoa_is_a_warning_21_and_other_checks_go_on() -> None:
    data = interchange(message(body="FTX+AAA+++gate out'", count=9), syntax="UNOA:3").encode()
    transmission, findings = check_syntax(data)
    assert transmission is not None
    assert ("warning", "21") in _codes(findings)
    assert ("error", "29") in _codes(findings)  # the wrong UNT count is still reported
    lower = next(f for f in findings if f.code == "21")
    assert (lower.segment_tag, lower.segment_position, lower.element_position) == ("FTX", 2, 4)
    assert lower.byte_offset == data.index(b"gate")


def test_partner_strictness_turns_repertoire_warnings_into_errors_or_silence() -> None:
    data = interchange(message(body="FTX+AAA+++gate out'"), syntax="UNOA:3").encode()
    assert _codes(check_syntax(data, strictness={"21": "error"})[1]) == [("error", "21")]
    assert check_syntax(data, strictness={"21": None})[1] == []


def test_latin1_under_unoc() -> None:
    data = interchange(message(body="NAD+CZ+++Müller & Søn'"), syntax="UNOC:3").encode("latin-1")
    t = parse(data)
    assert t.messages[0].segments[1].elements[3] == ["Müller & Søn"]
    assert serialize(t) == data
    assert check_syntax(data)[1] == []


def test_utf8_chinese_under_unoy() -> None:
    data = interchange(message(body="FTX+AAA+++货物已放行，请提箱'"), syntax="UNOY:3").encode()
    t = parse(data)
    assert t.messages[0].segments[1].elements[3] == ["货物已放行，请提箱"]
    assert serialize(t) == data
    assert check_syntax(data)[1] == []


def test_gb18030_with_partner_encoding_override() -> None:
    text = interchange(message(body="NAD+CZ+++上海港集装箱码头有限公司'"), syntax="UNOY:3")
    data = text.encode("gb18030")
    t = parse(data, encoding="gb18030")
    assert t.messages[0].segments[1].elements[3] == ["上海港集装箱码头有限公司"]
    assert serialize(t) == data
    assert check_syntax(data, encoding="gb18030")[1] == []
    # Without the partner's override the bytes are not UTF-8: an error, never mojibake.
    assert ("error", "21") in _codes(check_syntax(data)[1])


def test_invalid_utf8_is_an_error_with_byte_position() -> None:
    data = interchange(message(body="FTX+AAA+++ok\xff\xfeok'"), syntax="UNOY:3").encode("latin-1")
    bad = data.index(b"\xff")
    with pytest.raises(EdifactSyntaxError) as caught:
        parse(data)
    assert caught.value.byte_offset == bad
    transmission, findings = check_syntax(data)
    errors = [f for f in findings if f.is_error]
    assert [(f.code, f.byte_offset, f.segment_tag) for f in errors] == [("21", bad, "FTX")]
    assert transmission is not None and transmission.messages[0].ref == "1"


def test_bytes_above_ascii_under_unoa_are_undecodable() -> None:
    data = interchange(message(body="FTX+AAA+++\xc9'"), syntax="UNOA:3").encode("latin-1")
    findings = check_syntax(data)[1]
    assert [(f.severity, f.code, f.byte_offset) for f in findings] == [
        ("error", "21", data.index(b"\xc9"))
    ]


def test_control_characters_are_outside_every_repertoire() -> None:
    data = interchange(message(body="FTX+AAA+++tab\there'"), syntax="UNOC:3").encode()
    assert _codes(check_syntax(data)[1]) == [("warning", "21")]


def test_unknown_syntax_identifier_and_version() -> None:
    data = interchange(message(), syntax="UNOZ:9").encode()
    codes = {f.code for f in check_syntax(data)[1]}
    assert {"46", "2"} <= codes


def test_missing_syntax_version_is_an_error() -> None:
    data = interchange(message(), syntax="UNOC").encode()
    assert _codes(check_syntax(data)[1]) == [("error", "13")]


def test_utf16_with_byte_order_mark() -> None:
    text = interchange(message(body="FTX+AAA+++中文'"), syntax="UNOY:4")
    data = b"\xff\xfe" + text.encode("utf-16-le")
    t = parse(data)
    assert t.messages[0].segments[1].elements[3] == ["中文"]
    assert serialize(t) == data
