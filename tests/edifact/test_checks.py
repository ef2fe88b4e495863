"""Envelope checks: control counts and references, compared as numbers, every finding."""

from __future__ import annotations

from tests.edifact.samples import interchange, message

from eport.edifact import check_envelope, check_syntax, parse


def _found(data: str) -> list[tuple[str | None, str | None, int | None]]:
    return [(f.code, f.segment_tag, f.element_position) for f in check_syntax(data.encode())[1]]


def test_valid_interchange_has_no_findings() -> None:
    assert _found(interchange(message("1"), message("2"))) == []


def test_counts_compare_as_numbers() -> None:
    data = interchange(
        message(body="BGM+34+1+9'", count=3).replace("UNT+3", "UNT+000003"), count=1
    ).replace("UNZ+1+", "UNZ+0001+")
    assert _found(data) == []


def test_wrong_unt_count_and_reference() -> None:
    data = interchange(message("1", count=7).replace("UNT+7+1", "UNT+7+2"))
    assert _found(data) == [("29", "UNT", 1), ("28", "UNT", 2)]


def test_wrong_unz_count_and_reference() -> None:
    data = interchange(message("1"), count=3).replace("UNZ+3+IC0001", "UNZ+3+OTHER")
    assert _found(data) == [("29", "UNZ", 1), ("28", "UNZ", 2)]


def test_non_numeric_count_is_invalid_value() -> None:
    data = interchange(message("1")).replace("UNZ+1+", "UNZ+ONE+")
    assert _found(data) == [("12", "UNZ", 1)]


def test_group_counts_and_unz_counts_groups() -> None:
    group = "UNG+CODECO+S+R+260101:1200+G1+UN+D:95B'" + message("1") + message("2") + "UNE+3+G9'"
    assert _found(interchange(group, count=1)) == [("29", "UNE", 1), ("28", "UNE", 2)]


def test_duplicate_message_reference() -> None:
    assert _found(interchange(message("1"), message("1"))) == [("26", "UNH", 1)]


def test_every_finding_is_reported_and_positions_are_right() -> None:
    bad = message("1", body="BGM+34+1+9'bgm+x'DTM+137:1::'", count=99)
    data = interchange(bad, message("2"), count=5)
    findings = check_syntax(data.encode())[1]
    assert [(f.code, f.message_index, f.segment_position, f.segment_tag) for f in findings] == [
        ("29", 1, 5, "UNT"),
        ("29", None, None, "UNZ"),
        ("12", 1, 3, "bgm"),
        ("45", 1, 4, "DTM"),
    ]
    assert findings[0].byte_offset == data.index("UNT+99")


def test_recovers_after_a_missing_unt_and_stray_segments() -> None:
    data = (
        "UNB+UNOC:3+S+R+260101:1200+1'UNH+1+CODECO:D:95B:UN'BGM+1'"
        "UNH+2+CODECO:D:95B:UN'BGM+2'UNT+3+2'FTX+x'UNZ+1+1'"
    )
    findings = check_syntax(data.encode())[1]
    assert [(f.code, f.segment_tag) for f in findings] == [
        ("13", "UNT"),
        ("33", "FTX"),
        ("29", "UNZ"),
    ]


def test_bare_messages_warn() -> None:
    findings = check_syntax((message("1") + message("2")).encode())[1]
    assert [(f.severity, f.code, f.segment_tag) for f in findings] == [("warning", "13", "UNB")]


def test_check_envelope_on_parsed_interchange() -> None:
    ic = parse(interchange(message("1", count=2)).encode()).interchanges[0]
    assert [f.code for f in check_envelope(ic)] == ["29"]


def test_findings_serialize_to_plain_dicts() -> None:
    f = check_syntax(interchange(message("1", count=2)).encode())[1][0]
    d = f.to_dict()
    assert set(d) == {
        "severity",
        "code",
        "text_en",
        "text_zh",
        "interchange_ref",
        "message_ref",
        "message_index",
        "segment_position",
        "segment_tag",
        "element_position",
        "component_position",
        "byte_offset",
    }
    assert d["interchange_ref"] == "IC0001" and d["text_zh"]
