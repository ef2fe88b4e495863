"""Serializing, building and re-enveloping."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from tests.edifact.samples import interchange, message

from eport.edifact import (
    EdifactSyntaxError,
    Segment,
    Separators,
    build_interchange,
    build_message,
    check_syntax,
    parse,
    reenveloped,
    serialize,
    splice_interchange,
)

WHEN = datetime(2026, 1, 2, 3, 4, tzinfo=UTC)


def test_release_characters_added_exactly_where_needed() -> None:
    seg = Segment.of("FTX", "AAA", "", "", ["It's", "a+b:c?d", "plain"])
    assert serialize(seg) == b"FTX+AAA+++It?'s:a?+b?:c??d:plain'"


def test_repetitions_written_back_in_syntax_4() -> None:
    seg = Segment("NAD", [["A", "1"]], repetitions={0: [["A", "1"], ["B*"]]})
    assert serialize(seg, separators=Separators()) == b"NAD+A:1*B?*'"


def test_no_release_character_refuses_service_characters_in_values() -> None:
    seps = Separators(release="")
    with pytest.raises(EdifactSyntaxError):
        serialize(Segment.of("FTX", "a+b"), separators=seps)


def test_build_message_counts_segments() -> None:
    m = build_message("77", "APERAK", "D", "95B", [Segment.of("BGM", "", "DOC", "9")])
    assert serialize(m) == b"UNH+77+APERAK:D:95B:UN'BGM++DOC+9'UNT+3+77'"


def test_build_interchange_is_valid_and_counts_messages() -> None:
    msgs = [
        build_message(str(i), "IFTSTA", "D", "95B", [Segment.of("BGM", "23", f"D{i}", "9")])
        for i in (1, 2, 3)
    ]
    ic = build_interchange(("EPORT", "ZZ"), "PARTNER", "REF42", msgs, prepared=WHEN, test=True)
    data = serialize(ic)
    assert data.startswith(b"UNA:+.? 'UNB+UNOC:3+EPORT:ZZ+PARTNER+260102:0304+REF42++++++1'")
    assert data.endswith(b"UNZ+3+REF42'")
    transmission, findings = check_syntax(data)
    assert transmission is not None and findings == []
    assert parse(data).interchanges[0].test_indicator == "1"


def test_build_interchange_syntax_4_uses_century_dates() -> None:
    ic = build_interchange("A", "B", "R", [], syntax=("UNOY", 4), prepared=WHEN, una=False)
    assert serialize(ic) == b"UNB+UNOY:4+A+B+20260102:0304+R'UNZ+0+R'"


@pytest.mark.parametrize("syntax_id", ["XXXX", "", "UNOX"])
def test_build_interchange_writes_unoc_for_a_syntax_identifier_it_cannot_write(
    syntax_id: str,
) -> None:
    msg = build_message("1", "CONTRL", "D", "3", [Segment.of("UCI", "R\u00c9F", "S", "R", "7")])
    ic = build_interchange("A", "B", "R", [msg], syntax=(syntax_id, 3), prepared=WHEN, una=False)
    data = serialize(ic)
    assert data.startswith(b"UNB+UNOC:3+A+B+")
    assert parse(data).messages[0].segments[1].element(1) == "R\u00c9F"


@pytest.mark.parametrize(
    ("syntax_id", "value", "written"),
    [
        ("UNOA", "T\u00c9RMA", "T?RMA"),
        ("UNOA", "B\udcffD", "B?D"),  # an undecodable byte echoed from the input
        ("UNOC", "\u96c6\u88c5\u7bb1", "???"),
        ("UNOY", "B\udcffD \u96c6", "B?D \u96c6"),
        ("UNOC", "M\u00fcller", "M\u00fcller"),
    ],
)
def test_build_interchange_writes_what_its_character_set_cannot_carry_as_a_question_mark(
    syntax_id: str, value: str, written: str
) -> None:
    seg = Segment("NAD", [["CZ", value]], repetitions={0: [["CZ", value], [value]]})
    msg = build_message("1", "IFTSTA", "D", "95B", [seg])
    ic = build_interchange(value, ("B", value), value, [msg], syntax=(syntax_id, 4), prepared=WHEN)
    parsed = parse(serialize(ic)).interchanges[0]
    assert (parsed.sender_id, parsed.recipient_qualifier, parsed.control_ref) == (written,) * 3
    assert parsed.trailer is not None and parsed.trailer.element(2) == written
    assert parsed.messages[0].segments[1].occurrences(1) == [["CZ", written], [written]]
    assert msg.segments[1].elements == [["CZ", value]]  # the caller's message is left as it was


def test_splice_copies_messages_byte_for_byte() -> None:
    odd = message("2", body="FTX+AAA+++keep ?'as is?''", count=3)
    source = ("UNA:+.? '" + interchange(message("1"), odd, message("3"))).encode()
    original = parse(source).interchanges[0]
    spliced = splice_interchange(
        source, original, [original.messages[1]], control_ref="NEW1", recipient=("OTHER", "ZZ")
    )
    assert odd.encode() in spliced
    again = parse(spliced).interchanges[0]
    assert (again.control_ref, again.recipient_id, len(again.messages)) == ("NEW1", "OTHER", 1)
    assert again.trailer is not None and again.trailer.elements == [["1"], ["NEW1"]]
    assert check_syntax(spliced)[1] == []


def test_splice_keeps_a_line_feed_terminator_written_cr_lf() -> None:
    text = "UNA:+.? \n" + interchange(message("1"), message("2")).replace("'", "\r\n")
    source = text.encode()
    original = parse(source).interchanges[0]
    spliced = splice_interchange(source, original, [original.messages[1]], control_ref="NEW1")
    assert spliced.count(b"\n") == spliced.count(b"\r\n") + 1  # the UNA's terminator alone
    again = parse(spliced).interchanges[0]
    assert again.trailer is not None and again.trailer.elements == [["1"], ["NEW1"]]
    assert check_syntax(spliced)[1] == []


def test_splice_keeps_the_functional_groups_of_the_messages_it_copies() -> None:
    ung = "UNG+CODECO+SENDER:ZZ+RECIPIENT:ZZ+260101:1200+{ref}+UN+D:95B'"
    groups = (
        ung.format(ref="G1")
        + message("1")
        + message("2")
        + "UNE+2+G1'"
        + ung.format(ref="G2")
        + message("3")
        + "UNE+1+G2'"
    )
    source = interchange(groups, count=2).encode()
    original = parse(source).interchanges[0]
    assert len(original.groups) == 2
    chosen = [original.messages[1], original.messages[2]]
    spliced = splice_interchange(
        source, original, chosen, control_ref="NEW2", recipient=("OTHER", "ZZ")
    )
    again = parse(spliced).interchanges[0]
    assert {g.header.element(3) for g in again.groups} == {"OTHER"}
    assert [(g.ref, [m.ref for m in g.messages]) for g in again.groups] == [
        ("G1", ["2"]),
        ("G2", ["3"]),
    ]
    trailers = [g.trailer.elements if g.trailer else None for g in again.groups]
    assert trailers == [[["1"], ["G1"]], [["1"], ["G2"]]]
    assert again.trailer is not None and again.trailer.elements == [["2"], ["NEW2"]]
    assert check_syntax(spliced)[1] == []
    only_first = splice_interchange(source, original, [original.messages[0]], control_ref="N3")
    assert [g.ref for g in parse(only_first).interchanges[0].groups] == ["G1"]
    assert b"UNZ+1+N3'" in only_first


def _grouped_source() -> bytes:
    ung = "UNG+CODECO+SENDER:ZZ+RECIPIENT:ZZ+260101:1200+{ref}+UN+D:95B'"
    groups = (
        ung.format(ref="G1")
        + message("1")
        + message("2")
        + "UNE+2+G1'"
        + ung.format(ref="G2")
        + message("3")
        + "UNE+1+G2'"
    )
    return ("UNA:+.? '" + interchange(groups, count=2)).encode()


def test_reenveloped_changed_copies_go_in_the_groups_of_their_originals() -> None:
    original = parse(_grouped_source()).interchanges[0]
    second = original.messages[1]
    bgm = Segment("BGM", [["34"], ["CHANGED"], ["9"]])
    copy = replace(second, segments=[second.segments[0], bgm, *second.segments[2:]])
    header = Segment(
        "UNB", [["UNOC", "3"], ["SENDER", "ZZ"], ["OTHER", "ZZ"], ["260101", "1200"], ["NEW1"]]
    )
    built = reenveloped(original, [copy, original.messages[2]], header, recipient=("OTHER", "ZZ"))
    data = serialize(built)
    assert data.startswith(b"UNA:+.? 'UNB+UNOC:3+SENDER:ZZ+OTHER:ZZ+260101:1200+NEW1'UNG+")
    again = parse(data).interchanges[0]
    assert [(g.ref, [m.ref for m in g.messages]) for g in again.groups] == [
        ("G1", ["2"]),
        ("G2", ["3"]),
    ]
    assert {g.header.elements[2][0] for g in again.groups} == {"OTHER"}
    assert [g.trailer.elements if g.trailer else None for g in again.groups] == [
        [["1"], ["G1"]],
        [["1"], ["G2"]],
    ]
    assert again.trailer is not None and again.trailer.elements == [["2"], ["NEW1"]]
    assert again.messages[0].segments[1].element(2) == "CHANGED"
    assert check_syntax(data)[1] == []


def test_reenveloped_without_groups_counts_messages() -> None:
    original = parse(interchange(message("1"), message("2")).encode()).interchanges[0]
    assert original.header is not None
    header = replace(original.header, elements=[*original.header.elements[:4], ["NEW2"]])
    data = serialize(reenveloped(original, original.messages, header))
    again = parse(data).interchanges[0]
    assert again.groups == [] and [m.ref for m in again.messages] == ["1", "2"]
    assert again.trailer is not None and again.trailer.elements == [["2"], ["NEW2"]]
    assert check_syntax(data)[1] == []


def test_round_trip_of_consistent_layouts() -> None:
    for data in (
        interchange(message("1"), message("2"), una=True),
        interchange(message("1")).replace("'", "'\r\n"),
        message("1") + "\n",
    ):
        assert serialize(parse(data.encode())) == data.encode()
