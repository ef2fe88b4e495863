"""CONTRL and APERAK: layouts against the service directories, references, error pointers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.edifact.reference import unece_dir
from tests.edifact.samples import interchange, message

from eport.edifact import (
    Finding,
    FindingCode,
    Segment,
    build_aperak,
    build_contrl,
    check_syntax,
    parse,
    serialize,
)
from eport.edifact.mig import default_catalog
from eport.edifact.validate import validate_message

WHEN = datetime(2026, 3, 4, 5, 6, tzinfo=UTC)


def _unece() -> Path:
    return unece_dir("service-v4/segments.xml")


def _contrl(
    data: str, version: int | None = None, extra: list[Finding] | None = None
) -> list[Segment]:
    transmission, findings = check_syntax(data.encode())
    assert transmission is not None
    ic = build_contrl(
        transmission.interchanges[0],
        findings + (extra or []),
        sender=("EPORT", "ZZ"),
        control_ref="ACK1",
        syntax_version=version,
        prepared=WHEN,
    )
    assert ic is not None
    again = parse(serialize(ic))
    assert check_syntax(serialize(ic))[1] == []
    return again.messages[0].segments


def test_contrl_accepts_a_valid_interchange() -> None:
    segs = _contrl(interchange(message("1"), message("2")))
    assert [s.tag for s in segs] == ["UNH", "UCI", "UNT"]
    assert segs[0].elements[1] == ["CONTRL", "D", "3", "UN"]
    assert segs[1].elements == [["IC0001"], ["SENDER", "ZZ"], ["RECIPIENT", "ZZ"], ["7"]]


def test_contrl_rejects_messages_pointing_at_segments_and_elements() -> None:
    bad = message("2", body="BGM+34+1+9'bgm+x'DTM+137:1::'", count=5)
    too_long = Finding.of(
        FindingCode.TOO_LONG,
        message_index=2,
        segment_position=4,
        segment_tag="DTM",
        element_position=1,
        component_position=2,
    )
    segs = _contrl(interchange(message("1"), bad), version=4, extra=[too_long])
    assert segs[0].elements[1] == ["CONTRL", "4", "1", "UN"]
    assert [(s.tag, s.elements) for s in segs[1:-1]] == [
        ("UCI", [["IC0001"], ["SENDER", "ZZ"], ["RECIPIENT", "ZZ"], ["7"]]),
        ("UCM", [["2"], ["CODECO", "D", "95B", "UN", "ITG13"], ["4"]]),
        ("UCS", [["3"], ["12"]]),
        ("UCS", [["4"]]),
        ("UCD", [["39"], ["2", "2"]]),  # 0098 counts the tag as 1: data element 1 is 2
    ]


def test_contrl_reports_service_segment_errors_in_ucm_and_uci() -> None:
    data = interchange(message("1", count=3), count=2)
    segs = _contrl(data)
    assert (segs[1].tag, segs[1].elements[3:]) == ("UCI", [["4"], ["29"], ["UNZ"], ["2"]])
    assert (segs[2].tag, segs[2].elements[2:]) == ("UCM", [["4"], ["29"], ["UNT"], ["2"]])


def test_contrl_is_never_acknowledged() -> None:
    data = interchange(message("1", body="UCI+X+S+R+7'", kind="CONTRL:D:3:UN"))
    ic = parse(data.encode()).interchanges[0]
    assert build_contrl(ic, [], sender="EPORT", control_ref="A") is None


def test_contrl_with_groups_reports_ucf() -> None:
    group = "UNG+CODECO+S+R+260101:1200+G1+UN+D:95B'" + message("1") + "UNE+2+G1'"
    segs = _contrl(interchange(group, count=1))
    assert [(s.tag, s.elements[0], s.elements[3:]) for s in segs[1:3]] == [
        ("UCI", ["IC0001"], [["7"]]),
        ("UCF", ["G1"], [["4"], ["29"], ["UNE"], ["2"]]),
    ]


@pytest.mark.parametrize("version", ["3", "4"])
def test_contrl_segments_fit_the_service_directory(version: str) -> None:
    root = _unece() / f"service-v{version}"
    tree = ET.parse(root / "segments.xml")
    sizes = {s.get("id"): [len(list(e)) or 1 for e in s] for s in tree.getroot()}
    bad = message("2", body="BGM+34+1+9'bgm+x'DTM+137:1::'", count=5)
    segs = _contrl(interchange(message("1", count=9), bad, count=3), version=int(version))
    structure = ET.parse(root / "contrl.xml").getroot()
    allowed = {e.get("id") for e in structure.iter("segment")}
    for seg in segs:
        assert seg.tag in allowed
        layout = sizes[seg.tag]
        assert len(seg.elements) <= len(layout), seg
        for element, max_components in zip(seg.elements, layout, strict=False):
            assert len(element) <= max_components, seg


def test_aperak_rejects_and_references_the_message() -> None:
    data = interchange(message("M7"), ref="IC9")
    received = parse(data.encode()).messages[0]
    finding = check_syntax(interchange(message("M7", count=4), ref="IC9").encode())[1][0]
    aperak = build_aperak(
        received,
        [finding],
        accepted=False,
        message_ref="A1",
        document_number="ERR1",
        interchange_ref="IC9",
        release="00B",
        prepared=WHEN,
    )
    text = serialize(aperak).decode()
    assert text.startswith("UNH+A1+APERAK:D:00B:UN'BGM+305+ERR1+27+RE'DTM+137:202603040506:203'")
    assert "RFF+ACW:M7'RFF+ACE:GATE0001'RFF+ZZZ:IC9'ERC+29'FTX+AAO+++(interchange IC9" in text
    assert aperak.segments[-1].elements == [[str(len(aperak.segments))], ["A1"]]


def test_aperak_accepts_without_errors_in_d95b() -> None:
    received = parse(interchange(message("M1")).encode()).messages[0]
    aperak = build_aperak(
        received, [], accepted=True, message_ref="A2", document_number="OK1", prepared=WHEN
    )
    assert [s.tag for s in aperak.segments] == ["UNH", "BGM", "DTM", "RFF", "RFF", "UNT"]
    assert aperak.segments[1].elements == [["", "", "", "APERAK"], ["OK1"], ["29"], ["AP"]]


def test_aperak_free_text_is_cut_into_directory_lengths() -> None:
    received = parse(interchange(message("M1")).encode()).messages[0]
    finding = check_syntax(interchange(message("M1", count=4)).encode())[1][0]
    aperak = build_aperak(
        received,
        [finding],
        accepted=False,
        message_ref="A3",
        document_number="E",
        prepared=WHEN,
        language="zh",
    )
    ftx = next(s for s in aperak.segments if s.tag == "FTX")
    assert all(len(part) <= 70 for part in ftx.elements[3]) and len(ftx.elements[3]) <= 5
    text = "".join(ftx.elements[3])
    assert text.startswith(f"（{finding.located_zh()}）控制计数")
    assert text.startswith("（交换 IC0001，第 1 个报文（参考号 M1），第 8 段 UNT，第 1 个数据元")


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("release", ["95B", "00B"])
@pytest.mark.parametrize("accepted", [True, False], ids=["accepted", "rejected"])
def test_the_aperak_we_build_passes_our_own_aperak_mig(
    release: str, accepted: bool, language: str
) -> None:
    # A message whose document number and reference are far too long, as bad input brings them.
    huge = message("M" * 300, body="BGM+34+" + "9" * 5000 + "+9'")
    received = parse(interchange(huge, ref="IC1").encode()).messages[0]
    finding = Finding.of(
        FindingCode.TOO_LONG,
        "1004 is an..35, got 5000: '" + "9" * 600 + "'",
        interchange_ref="R" * 300,
        message_ref="M" * 300,
        message_index=1,
        segment_position=2,
        segment_tag="BGM",
        element_position=2,
    )
    aperak = build_aperak(
        received,
        [] if accepted else [finding],
        accepted=accepted,
        message_ref="A" * 20,
        document_number="D" * 50,
        interchange_ref="I" * 300,
        release=release,
        prepared=WHEN,
        language=language,
    )
    found = validate_message(aperak, catalog=default_catalog())
    assert [(f.located(), f.text_en) for f in found if f.is_error] == []
    assert aperak.segments[1].element(3) == ("29" if accepted else "27")


def test_the_aperak_position_comes_first_and_is_never_cut_off() -> None:
    received = parse(interchange(message("M1")).encode()).messages[0]
    finding = Finding.of(
        FindingCode.TOO_LONG,
        "x" * 1000,
        interchange_ref="R" * 300,
        message_ref="M" * 300,
        message_index=1,
        segment_position=2,
        segment_tag="BGM",
        element_position=2,
    )
    aperak = build_aperak(received, [finding], False, message_ref="A1", document_number="E")
    ftx = next(s for s in aperak.segments if s.tag == "FTX")
    text = "".join(ftx.components(4))
    assert len(ftx.components(4)) == 5 and all(len(p) <= 70 for p in ftx.components(4))
    assert text.startswith("(interchange RRR")
    assert "segment 2 BGM, element 2) Data element too long: xxx" in text
    assert text.endswith("x...")


def test_the_chinese_aperak_text_also_starts_with_the_position() -> None:
    received = parse(interchange(message("M1")).encode()).messages[0]
    finding = Finding.of(
        FindingCode.TOO_LONG,
        "x" * 1000,
        "值" * 1000,
        interchange_ref="R" * 300,
        message_ref="M1",
        message_index=1,
        segment_position=2,
        segment_tag="BGM",
        element_position=2,
        component_position=1,
        byte_offset=77,
    )
    aperak = build_aperak(
        received, [finding], False, message_ref="A1", document_number="E", language="zh"
    )
    parts = next(s for s in aperak.segments if s.tag == "FTX").components(4)
    assert len(parts) == 5 and all(len(p) <= 70 for p in parts)
    text = "".join(parts)
    assert text.startswith("（交换 " + "R" * 32 + "...，第 1 个报文（参考号 M1），")
    assert "第 2 段 BGM，第 2 个数据元第 1 个成分，第 77 个字节）数据元过长：值值" in text
    assert text.endswith("值...")


@pytest.mark.parametrize("version", [3, 4])
def test_the_contrl_for_oversized_service_values_passes_our_own_contrl_mig(version: int) -> None:
    oversized = message("M" * 300, kind="CODECO" * 50 + ":DDDD:95BB:UNOO:ITG13" + "X" * 20)
    data = interchange(oversized, ref="R" * 300).replace("SENDER:ZZ", "S" * 300 + ":ZZZZZZ")
    transmission, findings = check_syntax(data.encode())
    assert transmission is not None and findings
    built = build_contrl(
        transmission.interchanges[0],
        findings,
        sender="EPORT",
        control_ref="ACK1",
        syntax_version=version,
        prepared=WHEN,
    )
    assert built is not None
    contrl = parse(serialize(built)).interchanges[0]
    assert (contrl.recipient_id, contrl.recipient_qualifier) == ("S" * 35, "ZZZZ")
    segments = contrl.messages[0].segments
    assert segments[1].elements[:2] == [["R" * 14], ["S" * 35, "ZZZZ"]]
    agency = "UNO" if version == 4 else "UN"
    assert segments[2].elements[:2] == [["M" * 14], ["CODECO", "DDD", "95B", agency, "ITG13X"]]
    assert [f.located() for f in validate_message(contrl.messages[0]) if f.is_error] == []


def test_a_contrl_for_an_unknown_character_set_is_written_in_unoc() -> None:
    data = interchange(message("1"), syntax="XXXX:3").encode("latin-1")
    data = data.replace(b"SENDER", b"S\xffNDER")
    transmission, findings = check_syntax(data)
    assert transmission is not None
    built = build_contrl(transmission.interchanges[0], findings, sender="EPORT", control_ref="A1")
    assert built is not None
    contrl = parse(serialize(built)).interchanges[0]
    assert (contrl.syntax_id, contrl.recipient_id) == ("UNOC", "S\xffNDER")
    assert contrl.messages[0].segments[1].elements[3:6] == [["4"], ["46"], ["UNB"]]
