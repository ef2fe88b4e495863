"""Parsing: separators, release characters, repetitions, layouts, envelopes, structural errors."""

from __future__ import annotations

import pytest
from tests.edifact.samples import interchange, message

from eport.edifact import EdifactSyntaxError, Separators, parse, serialize


def test_default_separators_and_envelope_fields() -> None:
    t = parse(interchange(message("M1"), message("M2")).encode())
    (ic,) = t.interchanges
    assert (ic.syntax_id, ic.syntax_version, ic.control_ref) == ("UNOC", 3, "IC0001")
    assert (ic.sender_id, ic.sender_qualifier, ic.recipient_id) == ("SENDER", "ZZ", "RECIPIENT")
    assert [m.ref for m in ic.messages] == ["M1", "M2"]
    assert [m.index for m in ic.messages] == [1, 2]
    m = ic.messages[0]
    assert (m.type, m.version, m.release, m.agency, m.association) == (
        "CODECO",
        "D",
        "95B",
        "UN",
        "ITG13",
    )
    eqd = m.segments[4]
    assert eqd.tag == "EQD"
    assert eqd.element(2) == "MSCU1234565"
    assert eqd.component(3, 2) == "102"
    assert eqd.component(9, 9) == "" and eqd.element(42) == ""
    assert ic.layout.una is None and ic.separators.repetition == ""


def test_una_with_unusual_separators() -> None:
    data = (
        "UNA|^,\\ ~UNB^UNOC|3^S^R^260101|1200^1~UNH^1^IFTSTA|D|95B|UN~"
        "FTX^AAA^^^a\\~b\\^c\\|d\\\\e,5~UNT^3^1~UNZ^1^1~"
    )
    t = parse(data.encode())
    ic = t.interchanges[0]
    assert ic.separators == Separators("|", "^", ",", "\\", "", "~")
    assert ic.messages[0].segments[1].elements[3] == ["a~b^c|d\\e,5"]
    assert serialize(t) == data.encode()


def test_release_character_before_every_service_character() -> None:
    body = "FTX+AAA+++It?'s 5?+3?:1 ?? done'"
    t = parse(interchange(message(body=body)).encode())
    assert t.messages[0].segments[1].elements[3] == ["It's 5+3:1 ? done"]


def test_repetition_separator_in_syntax_4() -> None:
    data = interchange(message(body="NAD+CZ+A:1*B:2*C+X'"), syntax="UNOC:4")
    seg = parse(data.encode()).messages[0].segments[1]
    assert seg.elements[1] == ["A", "1"]
    assert seg.occurrences(2) == [["A", "1"], ["B", "2"], ["C"]]
    assert seg.occurrences(3) == [["X"]]


def test_asterisk_is_data_before_syntax_4() -> None:
    seg = parse(interchange(message(body="FTX+AAA+++5*3'")).encode()).messages[0].segments[1]
    assert seg.elements[3] == ["5*3"] and seg.repetitions is None


def test_level_b_information_separators() -> None:
    data = (
        "UNB\x1dUNOB\x1f3\x1dS\x1dR\x1d260101\x1f1200\x1d1\x1c"
        "UNH\x1d1\x1dIFTSTA\x1fD\x1f95B\x1fUN\x1cUNT\x1d2\x1d1\x1cUNZ\x1d1\x1d1\x1c"
    )
    t = parse(data.encode())
    assert t.interchanges[0].messages[0].type == "IFTSTA"
    assert serialize(t) == data.encode()


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
def test_line_breaks_after_terminators(line_end: str) -> None:
    data = interchange(message()).replace("'", "'" + line_end)
    t = parse(data.encode())
    assert len(t.messages[0].segments) == 8
    assert t.interchanges[0].layout.line_end == line_end
    assert serialize(t) == data.encode()


def test_byte_order_mark_and_trailing_newline() -> None:
    data = b"\xef\xbb\xbf" + interchange(message(), syntax="UNOY:3").encode() + b"\n"
    t = parse(data)
    assert t.bom == b"\xef\xbb\xbf" and t.trailing == "\n"
    assert t.messages[0].span[0] == data.index(b"UNH")
    assert serialize(t) == data


def test_several_interchanges_and_groups() -> None:
    group = (
        "UNG+CODECO+SENDER+RECIPIENT+260101:1200+G1+UN+D:95B'"
        + message("1")
        + message("2")
        + "UNE+2+G1'"
    )
    data = interchange(message("A")) + interchange(group, ref="IC0002", count=1)
    t = parse(data.encode())
    first, second = t.interchanges
    assert [m.ref for m in first.messages] == ["A"]
    assert [g.ref for g in second.groups] == ["G1"]
    assert [m.ref for m in second.groups[0].messages] == ["1", "2"]
    assert serialize(t) == data.encode()


def test_message_and_interchange_spans_are_byte_offsets() -> None:
    data = interchange(message("1"), message("2")).encode()
    t = parse(data)
    for m in t.messages:
        start, end = m.span
        assert data[start:end].startswith(b"UNH+" + m.ref.encode())
        assert data[start:end].endswith(b"UNT+8+" + m.ref.encode() + b"'")
    assert t.interchanges[0].span == (0, len(data))


def test_spans_count_bytes_of_multibyte_characters() -> None:
    body = "FTX+AAA+++集装箱已放行'"
    data = interchange(message("1", body=body), message("2"), syntax="UNOY:3").encode()
    second = parse(data).messages[1]
    assert data[second.span[0] : second.span[1]].startswith(b"UNH+2+")


def test_bare_messages_parse() -> None:
    t = parse((message("1") + message("2")).encode())
    (ic,) = t.interchanges
    assert ic.header is None and [m.ref for m in ic.messages] == ["1", "2"]


def test_counts_are_not_checked_by_parse() -> None:
    t = parse(interchange(message(count=99), count=7).encode())
    assert t.messages[0].trailer is not None and t.messages[0].trailer.element(1) == "99"


@pytest.mark.parametrize(
    ("data", "offset"),
    [
        ("UNB+UNOC:3+S+R+260101:1200+1'UNH+1+X:D:95B:UN'BGM+1", 46),  # no final terminator
        ("UNB+UNOC:3+S+R+260101:1200+1'BGM+1'UNZ+0+1'", 29),  # segment outside a message
        ("UNB+UNOC:3+S+R+260101:1200+1'UNH+1+X:D:95B:UN'BGM+1'UNZ+1+1'", 52),  # no UNT
    ],
)
def test_structural_errors_raise_with_byte_offset(data: str, offset: int) -> None:
    with pytest.raises(EdifactSyntaxError) as caught:
        parse(data.encode())
    assert caught.value.byte_offset == offset


def test_missing_unz_raises() -> None:
    with pytest.raises(EdifactSyntaxError, match="UNZ"):
        parse(interchange(message()).removesuffix("UNZ+1+IC0001'").encode())


def test_undecodable_byte_raises_with_position() -> None:
    data = interchange(message(body="FTX+AAA+++caf\xe9'"), syntax="UNOY:3").encode("latin-1")
    with pytest.raises(EdifactSyntaxError) as caught:
        parse(data)
    assert caught.value.byte_offset == data.index(b"\xe9")


def test_empty_input_raises() -> None:
    with pytest.raises(EdifactSyntaxError):
        parse(b"")


def test_size_limit() -> None:
    from eport.edifact import Limits

    with pytest.raises(EdifactSyntaxError, match="larger"):
        parse(interchange(message()).encode(), limits=Limits(max_size=100))


def test_segment_length_limit() -> None:
    from eport.edifact import Limits

    data = interchange(message(body="FTX+AAA+++" + "A" * 500 + "'")).encode()
    with pytest.raises(EdifactSyntaxError, match="longer"):
        parse(data, limits=Limits(max_segment_length=200))
