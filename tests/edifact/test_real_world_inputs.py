"""Files as partners really send them: layout habits, odd separators, old and new syntax
versions, broken envelopes and files that are not EDIFACT at all.

Each input is written here, modelled on patterns seen in the traffic of other EDIFACT parsers'
users. The engine must read well-formed ones correctly and report a located finding for broken
ones; it must never raise from `check_syntax`.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eport.edifact import (
    EdifactSyntaxError,
    Finding,
    Segment,
    Separators,
    check_syntax,
    iter_messages,
    parse,
    serialize,
)
from eport.edifact.validate import validate_bytes

MSG = "UNH+1+CODECO:D:95B:UN'BGM+34+GATE1+9'UNT+3+1'"


def interchange(
    body: str = MSG,
    *,
    syntax: str = "UNOC:3",
    una: str = "",
    ref: str = "IC1",
    date: str = "260101:1200",
    count: int = 1,
) -> str:
    return f"{una}UNB+{syntax}+SENDER:ZZ+RECIPIENT:ZZ+{date}+{ref}'{body}UNZ+{count}+{ref}'"


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_error]


def clean(data: bytes) -> None:
    """Well-formed input: no finding at all, and it writes back byte for byte."""
    transmission, findings = check_syntax(data)
    assert findings == []
    assert transmission is not None
    assert serialize(parse(data)) == data


# --- layout --------------------------------------------------------------------------------


def test_utf8_byte_order_mark_before_una() -> None:
    data = b"\xef\xbb\xbf" + interchange(una="UNA:+.? '").encode()
    clean(data)
    assert parse(data).interchanges[0].span[0] == 3


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_line_break_after_every_terminator(line_end: str) -> None:
    clean(interchange(una="UNA:+.? '").replace("'", "'" + line_end).encode())


@pytest.mark.parametrize("padding", ["\n\n", "\r\n  \r\n", "   ", "\t\n"])
def test_whitespace_after_the_last_segment_is_layout(padding: str) -> None:
    clean((interchange() + padding).encode())


@pytest.mark.parametrize("mark", ["\x1a", "\r\n\x1a", "\x00\x00\x00"])
def test_end_of_file_mark_or_nul_padding_is_a_warning(mark: str) -> None:
    data = (interchange() + mark).encode()
    transmission, findings = check_syntax(data)
    assert transmission is not None and len(transmission.messages) == 1
    assert [(f.severity, f.byte_offset) for f in findings] == [
        ("warning", len(interchange()) + mark.index(mark.strip("\r\n")[0]))
    ]
    assert serialize(parse(data)) == data


def test_leading_whitespace_and_space_between_una_and_unb() -> None:
    data = ("\r\n  UNA:+.? ' " + interchange()).encode()
    transmission, findings = check_syntax(data)
    assert findings == []
    assert transmission is not None
    assert transmission.interchanges[0].control_ref == "IC1"


# --- separators and release characters -----------------------------------------------------


def test_decimal_comma_in_una_is_kept_in_values() -> None:
    body = "UNH+1+CODECO:D:95B:UN'MEA+AAE+G+KGM:12345,5'UNT+3+1'"
    data = interchange(body, una="UNA:+,? '").encode()
    clean(data)
    transmission = parse(data)
    assert transmission.interchanges[0].separators.decimal == ","
    assert transmission.messages[0].segments[1].component(3, 2) == "12345,5"


def test_unusual_separators_pipe_caret_tilde() -> None:
    text = interchange(una="UNA^|.? ~")
    text = "UNA^|.? ~" + text[9:].replace("+", "|").replace(":", "^").replace("'", "~")
    data = text.encode()
    clean(data)
    seg = parse(data).messages[0].segments[1]
    assert (seg.tag, seg.element(2)) == ("BGM", "GATE1")


def test_line_feed_as_segment_terminator() -> None:
    text = "UNA:+.? \n" + interchange().replace("'", "\n")
    clean(text.encode())
    assert [s.tag for s in parse(text.encode()).messages[0].segments] == ["UNH", "BGM", "UNT"]


def test_line_feed_terminator_on_lines_ending_in_cr_lf() -> None:
    # Software on Windows writes the line feed terminator the UNA names as CR LF.
    text = "UNA:+.? \n" + interchange().replace("'", "\r\n")
    clean(text.encode())
    ic = parse(text.encode()).interchanges[0]
    assert ic.layout.before_terminator == "\r"
    assert ic.trailer is not None and ic.trailer.elements == [["1"], ["IC1"]]
    msg = ic.messages[0]
    assert [s.elements[-1] for s in msg.segments] == [["CODECO", "D", "95B", "UN"], ["9"], ["1"]]
    assert msg.span == (text.index("UNH"), text.index("UNZ"))


def test_line_feed_terminator_with_some_lines_in_cr_lf() -> None:
    text = "UNA:+.? \n" + interchange().replace("'", "\n").replace("+9\n", "+9\r\n")
    assert text.count("\r\n") == 1
    transmission, findings = check_syntax(text.encode())
    assert findings == []
    assert transmission is not None
    assert [s.elements[-1] for s in transmission.messages[0].segments[1:]] == [["9"], ["1"]]


def test_carriage_return_terminator_followed_by_line_feeds() -> None:
    # The same file with every line feed turned into CR LF, the UNA's included: the UNA now
    # names CR, and the line feed after each terminator is layout.
    text = "UNA:+.? \r\n" + interchange().replace("'", "\r\n")
    clean(text.encode())
    ic = parse(text.encode()).interchanges[0]
    assert (ic.layout.line_end, ic.layout.before_terminator) == ("\n", "")
    assert [s.tag for s in ic.messages[0].segments] == ["UNH", "BGM", "UNT"]


def test_released_service_characters_and_release_before_itself() -> None:
    body = "UNH+1+CODECO:D:95B:UN'FTX+AAI+++A?+B?:C?'D??E+F??'UNT+3+1'"
    data = interchange(body).encode()
    clean(data)
    ftx = parse(data).messages[0].segments[1]
    assert ftx.elements[3:] == [["A+B:C'D?E"], ["F?"]]


def test_release_character_at_the_very_end_is_reported() -> None:
    data = interchange().encode()[:-1] + b"?'"
    transmission, findings = check_syntax(data)
    assert transmission is not None
    missing = [f for f in findings if f.code == "13" and f.segment_tag is None]
    assert missing and missing[0].byte_offset == data.rindex(b"UNZ")
    with pytest.raises(EdifactSyntaxError):
        parse(data)


# --- syntax versions and character sets ----------------------------------------------------


@pytest.mark.parametrize("syntax", ["UNOW:4", "UNOY:4"])
def test_syntax_4_utf8_multibyte_text(syntax: str) -> None:
    body = "UNH+1+CODECO:D:95B:UN'FTX+AAI+++上海港 Üñí?'s'UNT+3+1'"
    data = interchange(body, syntax=syntax, date="20260101:1200").encode("utf-8")
    clean(data)
    msg = parse(data).messages[0]
    assert msg.segments[1].element(4) == "上海港 Üñí's"
    assert msg.span == (data.index(b"UNH"), data.index(b"UNZ"))


def test_syntax_4_repetition_separator_and_century_date() -> None:
    body = "UNH+1+CODECO:D:95B:UN'RFF+BN:A1*BN:A2'UNT+3+1'"
    data = interchange(body, syntax="UNOC:4", una="UNA:+.?*'", date="20260101:1200").encode()
    clean(data)
    rff = parse(data).messages[0].segments[1]
    assert rff.occurrences(1) == [["BN", "A1"], ["BN", "A2"]]


@pytest.mark.parametrize("version", ["1", "2", "3"])
def test_filled_reserved_una_position_before_syntax_4_is_data(version: str) -> None:
    body = "UNH+1+CODECO:D:95B:UN'FTX+AAI+++2*20FT'UNT+3+1'"
    data = interchange(body, syntax=f"UNOA:{version}", una="UNA:+.?*'").encode()
    transmission, findings = check_syntax(data)
    assert transmission is not None
    assert transmission.messages[0].segments[1].element(4) == "2*20FT"
    assert [(f.severity, f.code, f.segment_tag, f.byte_offset) for f in findings] == [
        ("warning", "22", "UNA", 0)
    ]
    assert serialize(parse(data)) == data


@pytest.mark.parametrize("syntax", ["UNOA:1", "UNOA:2", "UNOB:3"])
def test_older_syntax_versions_with_reserved_space(syntax: str) -> None:
    clean(interchange(syntax=syntax, una="UNA:+.? '").encode())


def test_unob_lower_case_is_in_repertoire() -> None:
    clean(
        interchange("UNH+1+CODECO:D:95B:UN'FTX+AAI+++lower case'UNT+3+1'", syntax="UNOB:3").encode()
    )


def test_latin1_bytes_in_unoc() -> None:
    data = interchange("UNH+1+CODECO:D:95B:UN'NAD+CZ+++Müller Straße'UNT+3+1'").encode("latin-1")
    clean(data)
    assert parse(data).messages[0].segments[1].element(4) == "Müller Straße"


def test_undecodable_byte_in_utf8_is_located() -> None:
    data = interchange(syntax="UNOY:4", date="20260101:1200").encode()
    at = data.index(b"GATE1")
    data = data[:at] + b"\xff" + data[at + 1 :]
    _, findings = check_syntax(data)
    bad = [f for f in findings if f.code == "21" and f.is_error]
    assert [(f.segment_tag, f.byte_offset) for f in bad] == [("BGM", at)]


# --- segments ------------------------------------------------------------------------------


def test_empty_trailing_elements_are_warnings_and_kept() -> None:
    data = interchange("UNH+1+CODECO:D:95B:UN'NAD+CA+MSC:160:++'UNT+3+1'").encode()
    transmission, findings = check_syntax(data)
    assert transmission is not None and not errors(findings)
    assert {(f.code, f.segment_tag) for f in findings} == {("45", "NAD")}
    assert serialize(parse(data)) == data


def test_long_segment_under_the_limit_parses_and_over_it_is_reported() -> None:
    text = "A" * 60_000
    ok = interchange(f"UNH+1+CODECO:D:95B:UN'FTX+AAI+++{text}'UNT+3+1'").encode()
    assert parse(ok).messages[0].segments[1].element(4) == text
    too_long = ok.replace(text.encode(), text.encode() * 2)
    _, findings = check_syntax(too_long)
    assert [(f.segment_tag, f.byte_offset) for f in errors(findings)] == [
        ("FTX", too_long.index(b"FTX"))
    ]


def test_lower_case_segment_tag_is_reported() -> None:
    data = interchange("UNH+1+CODECO:D:95B:UN'bgm+34+GATE1+9'UNT+3+1'").encode()
    _, findings = check_syntax(data)
    assert [(f.code, f.segment_tag, f.segment_position, f.byte_offset) for f in findings] == [
        ("12", "bgm", 2, data.index(b"bgm"))
    ]


def test_lower_case_service_tags_are_reported_as_such() -> None:
    data = interchange().lower().encode()
    _, findings = check_syntax(data)
    upper = [f for f in findings if "upper case" in f.text_en]
    assert [f.segment_tag for f in upper] == ["unb", "unh", "unt", "unz"]
    assert upper[0].byte_offset == 0


# --- envelopes -----------------------------------------------------------------------------


def test_groups_and_several_interchanges_in_one_file() -> None:
    grouped = (
        "UNB+UNOC:3+SENDER:ZZ+RECIPIENT:ZZ+260101:1200+IC1'"
        "UNG+CODECO+SENDER+RECIPIENT+260101:1200+G1+UN+D:95B'" + MSG + "UNE+1+G1'UNZ+1+IC1'"
    )
    data = (grouped + "\n" + "UNA:+.? '" + interchange(ref="IC2")).encode()
    transmission, findings = check_syntax(data)
    assert findings == []
    assert transmission is not None
    assert [ic.control_ref for ic in transmission.interchanges] == ["IC1", "IC2"]
    assert transmission.interchanges[0].groups[0].ref == "G1"


def test_missing_unz_is_located_at_the_end() -> None:
    data = interchange().encode()[: -len("UNZ+1+IC1'")]
    transmission, findings = check_syntax(data)
    assert transmission is not None and len(transmission.messages) == 1
    assert [(f.code, f.segment_tag, f.byte_offset) for f in findings] == [("13", "UNZ", len(data))]


def test_file_cut_in_the_middle_of_a_segment() -> None:
    data = interchange().encode()[:60]  # inside UNH
    transmission, findings = check_syntax(data)
    assert transmission is not None
    assert [(f.code, f.segment_tag, f.byte_offset) for f in errors(findings)][:3] == [
        ("13", None, data.index(b"UNH")),  # the unterminated segment starts here
        ("13", "UNT", len(data)),
        ("13", "UNZ", len(data)),
    ]


def test_unt_count_and_reference_mismatch() -> None:
    data = interchange("UNH+1+CODECO:D:95B:UN'BGM+34+GATE1+9'UNT+9+2'").encode()
    _, findings = check_syntax(data)
    unt = data.index(b"UNT")
    assert sorted((f.code, f.segment_tag, f.element_position, f.byte_offset) for f in findings) == [
        ("28", "UNT", 2, unt),
        ("29", "UNT", 1, unt),
    ]


def test_unh_with_association_code_and_common_access_reference() -> None:
    body = "UNH+1+CODECO:D:95B:UN:ITG14+BKG123+2:C'BGM+34+GATE1+9'UNT+3+1'"
    data = interchange(body).encode()
    clean(data)
    msg = parse(data).messages[0]
    assert (msg.association, msg.header.element(3), msg.header.components(4)) == (
        "ITG14",
        "BKG123",
        ["2", "C"],
    )


# --- not EDIFACT ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0" encoding="UTF-8"?><Invoice/>',
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << >> endobj\n",
        b"PK\x03\x04\x14\x00\x00\x00",
    ],
)
def test_not_edifact_is_one_clear_error_first(data: bytes) -> None:
    transmission, findings = check_syntax(data)
    assert transmission is None or transmission.messages == []
    assert findings[0].is_error and "not look like EDIFACT" in findings[0].text_en
    assert findings[0].byte_offset == 0
    assert all(len(f.segment_tag or "") <= 20 for f in findings)


@pytest.mark.parametrize("data", [b"", b"  \r\n\t\n", b"\xef\xbb\xbf"])
def test_empty_or_blank_input(data: bytes) -> None:
    _, findings = check_syntax(data)
    assert [(f.code, f.text_en) for f in findings] == [("13", "Missing: no segments in the input")]


def test_transport_header_before_unb_is_reported_and_the_interchange_still_read() -> None:
    data = b"$$ADD ID=PARTNER1 BATCH=7\r\n" + interchange().encode()
    transmission, findings = check_syntax(data)
    assert transmission is not None
    assert [ic.control_ref for ic in transmission.interchanges] == ["IC1"]
    assert [(f.code, f.byte_offset) for f in findings] == [("33", 0)]
    assert "27 character(s) before the first UNB" in findings[0].text_en


def test_stray_terminator_before_una() -> None:
    data = ("'" + interchange(una="UNA:+.? '")).encode()
    transmission, findings = check_syntax(data)
    assert transmission is not None and len(transmission.messages) == 1
    assert [(f.code, f.byte_offset) for f in findings] == [("33", 0)]


def test_binary_junk_inside_a_value_is_located() -> None:
    data = interchange().encode()
    at = data.index(b"GATE1")
    data = data[:at] + b"\x00\x07\x1b" + data[at:]
    transmission, findings = check_syntax(data)
    assert transmission is not None
    junk = [f for f in findings if f.code == "21"]
    assert [(f.segment_tag, f.segment_position, f.byte_offset) for f in junk] == [("BGM", 2, at)]


# --- the same files through the other entry points -----------------------------------------

QUIRKY = [
    b"\xef\xbb\xbf" + interchange(una="UNA:+.? '").replace("'", "'\r\n").encode() + b"\x1a",
    ("UNA:+.?*'" + interchange()).encode(),
    ("UNA:+.? \n" + interchange().replace("'", "\n")).encode(),
    ("UNA:+.? \n" + interchange().replace("'", "\r\n")).encode(),
    ("UNA:+.? \n" + interchange(ref="IC1" * 5).replace("'", "\r\n") + "\r\n").encode(),
    ("UNA:+.? \r\n" + interchange().replace("'", "\r\n")).encode(),
    (interchange() + "  \n\n").encode(),
    b"HDR\r\n" + interchange().encode(),
]


@pytest.mark.parametrize("data", QUIRKY)
def test_streaming_reads_the_same_messages_as_parse(data: bytes) -> None:
    transmission, _ = check_syntax(data)
    assert transmission is not None
    try:
        expected = [m.segments for m in parse(data).messages]
    except EdifactSyntaxError:
        with pytest.raises(EdifactSyntaxError):
            list(iter_messages(io.BytesIO(data), chunk=16))
        return
    for chunk in (16, 1 << 16):
        got = [m.segments for _, m in iter_messages(io.BytesIO(data), chunk=chunk)]
        assert [[(s.tag, s.elements) for s in m] for m in got] == [
            [(s.tag, s.elements) for s in m] for m in expected
        ]


@pytest.mark.parametrize("data", QUIRKY)
def test_validate_bytes_never_raises(data: bytes) -> None:
    assert isinstance(validate_bytes(data), list)


# --- properties ----------------------------------------------------------------------------

_padding = st.text(alphabet=" \t\r\n\x1a\x00", max_size=6)


@given(st.binary(max_size=300), _padding)
@settings(max_examples=300, deadline=2000)
def test_any_bytes_after_a_header_never_crash(junk: bytes, pad: str) -> None:
    data = pad.encode() + b"UNA:+.? 'UNB+UNOC:3+S+R+260101:1200+1'" + junk
    transmission, findings = check_syntax(data)
    assert transmission is not None or findings


_service = "+:'?*"
_value = st.text(
    alphabet=st.sampled_from(list("AZaz09 .,-/" + _service + "Üé上")), min_size=0, max_size=12
)


@given(st.lists(st.lists(_value, min_size=1, max_size=3), min_size=1, max_size=5), _padding)
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_values_with_service_characters_round_trip(elements: list[list[str]], pad: str) -> None:
    seps = Separators(repetition="")
    seg = Segment("FTX", elements)
    body = "UNH+1+CODECO:D:95B:UN'" + serialize(seg, separators=seps, encoding="utf-8").decode()
    data = (
        interchange(body + "UNT+3+1'", syntax="UNOY:3", una="UNA:+.? '") + pad.strip("\x00\x1a")
    ).encode("utf-8")
    got = parse(data).messages[0].segments[1]
    assert got.elements == elements


def test_utf8_bytes_declared_as_unoc_are_a_located_warning() -> None:
    data = interchange("UNH+1+CODECO:D:95B:UN'NAD+CZ+++Müller'UNT+3+1'").encode("utf-8")
    transmission, findings = check_syntax(data)
    assert transmission is not None
    assert [(f.severity, f.code, f.segment_tag, f.byte_offset) for f in findings] == [
        ("warning", "21", "NAD", data.index("ü".encode()))
    ]
    assert "UTF-8" in findings[0].text_en
