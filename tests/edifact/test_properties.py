"""Property tests: round trips with every special character; random input never crashes."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eport.edifact import (
    EdifactSyntaxError,
    Segment,
    Separators,
    build_interchange,
    build_message,
    check_syntax,
    parse,
    serialize,
)

SPECIALS = "'+:?*\n\r"
values = st.text(alphabet=st.sampled_from("AZaz09 .-/" + SPECIALS + "中"), max_size=12)
tags = st.sampled_from(["BGM", "DTM", "FTX", "NAD", "EQD", "LOC", "RFF"])
elements = st.lists(st.lists(values, min_size=1, max_size=4), min_size=1, max_size=6)
segments = st.builds(lambda t, e: Segment(t, e), tags, elements)


def _normal(seg: Segment) -> list[list[str]]:
    return seg.elements


@given(
    st.lists(segments, min_size=1, max_size=8),
    st.sampled_from([3, 4]),
    st.sampled_from(["", "\n", "\r\n"]),
    st.booleans(),
)
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_random_segments_round_trip(
    body: list[Segment], version: int, line_end: str, una: bool
) -> None:
    msg = build_message("1", "IFTSTA", "D", "95B", body)
    ic = build_interchange(
        "S", "R", "REF", [msg], syntax=("UNOY", version), una=una, line_end=line_end
    )
    data = serialize(ic)
    parsed = parse(data)
    got = parsed.messages[0].body
    assert [s.tag for s in got] == [s.tag for s in body]
    assert [s.elements for s in got] == [s.elements for s in body]
    assert serialize(parsed) == data


@given(st.lists(st.lists(values, min_size=1, max_size=3), min_size=1, max_size=4))
def test_random_repetitions_round_trip(occurrences: list[list[str]]) -> None:
    seg = Segment(
        "NAD", [occurrences[0]], repetitions={0: occurrences} if len(occurrences) > 1 else None
    )
    seps = Separators()
    data = serialize(
        build_interchange(
            "S",
            "R",
            "1",
            [build_message("1", "X", "D", "95B", [seg])],
            syntax=("UNOY", 4),
            separators=seps,
        )
    )
    got = parse(data).messages[0].segments[1]
    assert got.occurrences(1) == occurrences


@given(st.binary(max_size=400))
@settings(max_examples=300, deadline=2000)
def test_random_bytes_never_crash(data: bytes) -> None:
    with contextlib.suppress(EdifactSyntaxError):
        parse(data)
    check_syntax(data)


edifactish = st.lists(
    st.sampled_from(
        [
            "UNA:+.? '",
            "UNB+UNOC:3+S+R+1:1+1'",
            "UNH+1+X:D:95B:UN'",
            "UNT+2+1'",
            "UNZ+1+1'",
            "UNG+X+S+R+1:1+G+UN+D:95B'",
            "UNE+1+G'",
            "BGM+1'",
            "?",
            "'",
            "+",
            ":",
            "\n",
            "é",
            "UNA",
        ]
    ),
    max_size=40,
).map(lambda parts: "".join(parts).encode("utf-8"))


@given(edifactish)
@settings(max_examples=300, deadline=2000)
def test_edifact_like_noise_never_crashes(data: bytes) -> None:
    with contextlib.suppress(EdifactSyntaxError):
        parse(data)
    transmission, findings = check_syntax(data)
    assert transmission is not None or findings
