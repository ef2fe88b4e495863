"""Service segment formats: UNB, UNG and UNH values against ISO 9735, dates that exist, groups
of one message type."""

from __future__ import annotations

import pytest
from tests.edifact.samples import interchange, message

from eport.edifact import build_contrl, check_syntax, parse, serialize

Where = tuple[str | None, str | None, int | None, int | None]


def _found(data: str) -> list[Where]:
    return [
        (f.code, f.segment_tag, f.element_position, f.component_position)
        for f in check_syntax(data.encode())[1]
    ]


def _unb(data: str, old: str, new: str) -> str:
    head, _, rest = data.partition("'")
    assert old in head
    return head.replace(old, new, 1) + "'" + rest


def test_a_message_type_longer_than_six_is_too_long_at_its_component() -> None:
    data = interchange(message("1", kind="CODECO" * 50 + ":D:95B:UN:ITG13"))
    findings = check_syntax(data.encode())[1]
    assert [
        (f.code, f.segment_tag, f.element_position, f.component_position) for f in findings
    ] == [("39", "UNH", 2, 1)]
    assert (findings[0].message_index, findings[0].segment_position) == (1, 1)
    assert findings[0].byte_offset == data.index("UNH+")
    assert "0065 is an..6, got 300" in findings[0].text_en


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("CODECO:DDDD:95B:UN", [("39", "UNH", 2, 2)]),
        ("CODECO:D:95BB:UN", [("39", "UNH", 2, 3)]),
        ("CODECO:D:95B:UNO", [("39", "UNH", 2, 4)]),  # 0051 is an..2 before syntax 4
        ("CODECO:D:95B:UN:SMDG2.1", [("39", "UNH", 2, 5)]),
        ("CODECO:D:95B:UN:ITG13+" + "C" * 36, [("39", "UNH", 3, None)]),
        ("CODECO:D:95B:UN:ITG13++X1", [("37", "UNH", 4, 1)]),
    ],
)
def test_each_unh_data_element_is_held_to_its_format(kind: str, expected: list[Where]) -> None:
    assert _found(interchange(message("1", kind=kind))) == expected


def test_a_message_reference_longer_than_fourteen_is_too_long() -> None:
    assert _found(interchange(message("M" * 15))) == [("39", "UNH", 1, None)]


def test_syntax_4_allows_a_three_letter_agency_and_its_own_s009_components() -> None:
    data = interchange(message("1", kind="CODECO:D:95B:UNO:ITG13:1:X"), syntax="UNOC:4")
    assert _found(data.replace("260101:1200", "20260101:1200")) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("SENDER:ZZ", "S" * 36 + ":ZZ", [("39", "UNB", 2, 1)]),
        ("SENDER:ZZ", "SENDER:ZZZZZ", [("39", "UNB", 2, 2)]),
        ("RECIPIENT:ZZ", "R" * 36 + ":ZZ", [("39", "UNB", 3, 1)]),
        ("RECIPIENT:ZZ", "RECIPIENT:ZZ:" + "X" * 15, [("39", "UNB", 3, 3)]),
        ("260101:1200", "20260101:1200", [("39", "UNB", 4, 1)]),
        ("260101:1200", "26011:1200", [("40", "UNB", 4, 1)]),
        ("260101:1200", "26O101:12h0", [("37", "UNB", 4, 1), ("37", "UNB", 4, 2)]),
    ],
)
def test_unb_values_are_held_to_their_formats(old: str, new: str, expected: list[Where]) -> None:
    assert _found(_unb(interchange(message("1")), old, new)) == expected


def test_the_other_syntax_versions_form_of_the_date_is_only_a_warning() -> None:
    for syntax, date in (("UNOC:3", "20260101:1200"), ("UNOC:4", "260101:1200")):
        data = interchange(message("1"), syntax=syntax)
        data = data.replace("260101:1200", date) if syntax == "UNOC:3" else data
        findings = check_syntax(data.encode())[1]
        assert [(f.severity, f.segment_tag, f.element_position) for f in findings] == [
            ("warning", "UNB", 4)
        ], syntax


def test_an_interchange_control_reference_longer_than_fourteen_is_too_long() -> None:
    ref = "R" * 15
    assert _found(interchange(message("1"), ref=ref)) == [("39", "UNB", 5, None)]


@pytest.mark.parametrize(
    ("syntax", "good", "bad"),
    [
        ("UNOA:1", "240229:2359", "991399:2599"),
        ("UNOA:2", "240229:0000", "230229:1260"),
        ("UNOC:3", "260131:2400", "260431:2401"),
        ("UNOC:4", "20000229:1200", "21000229:2500"),
        ("UNOC:4", "20260101:1200", "19991399:2599"),
    ],
)
def test_the_date_and_time_of_preparation_must_exist(syntax: str, good: str, bad: str) -> None:
    data = interchange(message("1"), syntax=syntax)
    assert _found(_unb(data, "260101:1200", good)) == []
    assert _found(_unb(data, "260101:1200", bad)) == [
        ("12", "UNB", 4, 1),
        ("12", "UNB", 4, 2),
    ]


def _group(kind: str, *messages: str, date: str = "260101:1200") -> str:
    return f"UNG+{kind}+S+R+{date}+G1+UN+D:95B'" + "".join(messages) + f"UNE+{len(messages)}+G1'"


def test_a_group_of_the_type_it_declares_has_no_findings() -> None:
    assert _found(interchange(_group("CODECO", message("1"), message("2")), count=1)) == []


def test_a_group_declaring_another_message_type_is_an_invalid_value() -> None:
    data = interchange(_group("IFTMIN", message("1")), count=1)
    findings = check_syntax(data.encode())[1]
    assert [(f.code, f.segment_tag, f.element_position, f.message_index) for f in findings] == [
        ("12", "UNG", 1, None)
    ]
    assert findings[0].byte_offset == data.index("UNG+")
    assert "'IFTMIN' but holds 'CODECO'" in findings[0].text_en


def test_a_group_of_two_message_types_is_reported() -> None:
    other = message("2", kind="COARRI:D:95B:UN:ITG13")
    assert _found(interchange(_group("CODECO", message("1"), other), count=1)) == [
        ("31", "UNG", None, None)
    ]


def test_ung_values_are_held_to_their_formats() -> None:
    group = _group("CODECO", message("1"), date="261399:1200")
    group = group.replace("+G1+UN+", "+" + "G" * 15 + "+UN+").replace(
        "UNE+1+G1", "UNE+1+" + "G" * 15
    )
    assert _found(interchange(group, count=1)) == [("39", "UNG", 5, None), ("12", "UNG", 4, 1)]


def test_the_contrl_names_the_service_data_element_that_does_not_fit() -> None:
    data = interchange(message("1", kind="CODECO" * 50 + ":D:95B:UN:ITG13"))
    transmission, findings = check_syntax(data.encode())
    assert transmission is not None
    contrl = build_contrl(
        transmission.interchanges[0], findings, sender="EPORT", control_ref="ACK1"
    )
    assert contrl is not None
    ucm = next(s for s in parse(serialize(contrl)).messages[0].segments if s.tag == "UCM")
    assert ucm.elements[2:] == [["4"], ["39"], ["UNH"], ["3", "1"]]
