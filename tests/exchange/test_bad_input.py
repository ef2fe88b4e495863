"""Bad input: whatever a sender posts, the hub answers it precisely and never crashes.

A property test posts many kinds of broken interchanges (CODECOs cut, doubled, flipped and
re-separated at random places; wrong counts and references; unknown or Unicode syntax
identifiers; missing trailers, garbage after them, two interchanges in one body; groups; empty,
unknown and oversized messages; acknowledgements about interchanges we never sent) through the
API and a worker. Each must end in a final status, leave no job behind, never become a
"processing failed" dead letter, and, when rejected, carry a trace that says where it went
wrong and, when its UNB could be read, a CONTRL or APERAK naming the segment. Explicit examples
pin the exact acknowledgement for the most common mistakes.
"""

from __future__ import annotations

import itertools
import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from eport.bootstrap import Platform
from eport.edifact import (
    EdifactSyntaxError,
    Interchange,
    Segment,
    build_aperak,
    build_interchange,
    parse,
    serialize,
)
from eport.exchange import jobs
from eport.exchange.models import DeadLetter, Job
from eport.exchange.worker import Worker

from .samples import codeco, contrl_from
from .support import Community, bearer

# Raise to search longer locally (EPORT_BAD_INPUT_EXAMPLES=2000); CI keeps the default.
EXAMPLES = int(os.environ.get("EPORT_BAD_INPUT_EXAMPLES", "120"))
FINAL = frozenset({"routed", "partial", "rejected", "duplicate", "dead"})
# A position as `Finding.located()` writes it: a segment (number and/or tag) or a byte offset.
WHERE = re.compile(r"\bsegment( \d+)?( [A-Z0-9]{3})?\b|\bbyte \d+")
ACK_KINDS = frozenset({"contrl", "aperak"})


@dataclass
class Settled:
    """What the hub made of one posted body."""

    body: bytes
    status: dict[str, Any]
    acks: list[tuple[str, bytes]]  # kind, payload of each acknowledgement to the sender


class Settle(Protocol):
    def __call__(self, body: bytes, token: str = ...) -> Settled: ...


@pytest.fixture
def settle(
    client: TestClient,
    community: Community,
    worker: Worker,
    platform: Platform,
    caplog: pytest.LogCaptureFixture,
) -> Settle:
    """Post a body as the terminal, run the worker, and check what every input must get."""
    caplog.set_level(logging.ERROR, logger="eport.exchange.processing")

    def run(body: bytes, token: str = community.terminal) -> Settled:
        caplog.clear()
        response = client.post(
            "/api/v1/interchanges",
            content=body,
            headers={**bearer(token), "Content-Type": "application/edifact"},
        )
        assert response.status_code == 202, response.text
        interchange_id = response.json()["id"]
        worker.drain()
        crashed = caplog.text
        with platform.uow() as uow:
            mine = (Job.kind == jobs.PROCESS, Job.ref_id == interchange_id)
            left = uow.session.scalars(select(Job.attempts).where(*mine)).all()
            # A job put off for a retry heads the sender's lane and would hold up every later
            # example: gone, so that each failing example fails for its own reason.
            uow.session.execute(delete(Job).where(*mine))
            reasons = uow.session.scalars(
                select(DeadLetter.reason).where(DeadLetter.interchange_id == interchange_id)
            ).all()
            uow.commit()
        assert not left, f"processing raised for {body!r}:\n{crashed}"
        assert not any("processing failed" in r for r in reasons), f"{body!r}:\n{crashed}"
        status = client.get(f"/api/v1/interchanges/{interchange_id}", headers=bearer(token))
        assert status.status_code == 200, status.text
        found: dict[str, Any] = status.json()
        assert found["status"] in FINAL, (body, found)
        if found["status"] == "dead":
            assert reasons and all(r.startswith("no recipient") for r in reasons), (body, reasons)
        acks = [
            (
                d["kind"],
                client.get(f"/api/v1/mailbox/{d['id']}", headers=bearer(token)).content,
            )
            for d in found["deliveries"]
            if d["kind"] in ACK_KINDS
        ]
        return Settled(body, found, acks)

    return run


# --- what a broken interchange looks like ----------------------------------------------------

_refs = itertools.count(1)


def _fresh_ref() -> str:
    """A control reference no earlier example used, so that no example is a duplicate."""
    return f"BAD{next(_refs):06d}"


def _base(containers: int = 1, **kwargs: Any) -> str:
    names = tuple(f"C{i}" for i in range(containers))
    return codeco(ref=_fresh_ref(), containers=names, **kwargs).decode("ascii")


def _segments(text: str) -> list[str]:
    return text.removeprefix("UNA:+.? '").rstrip("'").split("'")


def _join(segments: list[str]) -> str:
    return "UNA:+.? '" + "'".join(segments) + "'"


def _envelope(*segments: str) -> str:
    """UNB, the segments and a UNZ that counts their messages, under a fresh reference."""
    ref = _fresh_ref()
    count = sum(s.startswith("UNH+") for s in segments)
    unb = f"UNB+UNOA:2+TERMA:ZZZ+EPORT:ZZZ+261127:0415+{ref}"
    return _join([unb, *segments, f"UNZ+{count}+{ref}"])


def _aperak_about(interchange_ref: str) -> str:
    """A recipient's APERAK to the platform accepting a message of `interchange_ref`."""
    received = parse(codeco(ref=interchange_ref)).messages[0]
    aperak = build_aperak(
        received,
        [],
        True,
        message_ref="A1",
        document_number="ACK1",
        interchange_ref=interchange_ref,
    )
    # 1225 as the APERAK D.95B MIG wants it: 29, accepted without amendment.
    aperak.segments[1].elements[2] = ["29"]
    ic = build_interchange(("TERMA", "ZZZ"), ("EPORT", "ZZZ"), _fresh_ref(), [aperak])
    return serialize(ic).decode("latin-1")


def _replace_segment(text: str, tag: str, new: Callable[[str], str], nth: int = 0) -> str:
    segments = _segments(text)
    hits = [i for i, s in enumerate(segments) if s.startswith(tag + "+") or s == tag]
    i = hits[nth % len(hits)]
    segments[i] = new(segments[i])
    return _join(segments)


def _with_syntax(identifier: str) -> Callable[[], str]:
    return lambda: _base().replace("UNB+UNOA:2+", f"UNB+{identifier}+", 1)


def _group(text: str, une_count: str = "1", une_ref: str = "G1", ung_type: str = "CODECO") -> str:
    segments = _segments(text)
    ung = f"UNG+{ung_type}+TERMA:ZZZ+EPORT:ZZZ+261127:0415+G1+UN+D:95B"
    une = f"UNE+{une_count}+{une_ref}" if une_count != "none" else ""
    inner = segments[1:-1]
    grouped = [segments[0], ung, *inner, *([une] if une else []), segments[-1]]
    return _join(grouped)


def _empty_message() -> str:
    return _replace_segment(
        _base(unz_count=2),
        "UNH",
        lambda _: "UNH+E1+CODECO:D:95B:UN'UNT+2+E1'UNH+M1+CODECO:D:95B:UN:ITG14",
    )


STRUCTURAL: dict[str, Callable[[], str]] = {
    "unt count": lambda: _base(unt_count=3),
    "unt count not a number": lambda: _replace_segment(_base(), "UNT", lambda s: "UNT+X+M1"),
    "unt ref": lambda: _replace_segment(_base(), "UNT", lambda s: s[: s.rindex("+")] + "+M9"),
    "unt missing": lambda: _join([s for s in _segments(_base()) if not s.startswith("UNT")]),
    "unh missing": lambda: _join([s for s in _segments(_base()) if not s.startswith("UNH")]),
    "unz count": lambda: _base(unz_count=7),
    "unz ref": lambda: _replace_segment(_base(), "UNZ", lambda s: "UNZ+1+OTHER"),
    "unz missing": lambda: _join(_segments(_base())[:-1]),
    "unb missing": lambda: _join(_segments(_base())[1:]),
    "una only": lambda: "UNA:+.? '",
    "una truncated": lambda: "UNA:+" + _base()[9:],
    "una same separators": lambda: "UNA++.? '" + _base()[9:],
    "una odd separators": lambda: _base().replace("'", "~").replace("UNA:+.? ~", "UNA:+.? ~"),
    "syntax UNOY": _with_syntax("UNOY:4"),
    "syntax UNOW": _with_syntax("UNOW:4"),
    "syntax UNOX": _with_syntax("UNOX:3"),
    "syntax unknown": _with_syntax("XXXX:2"),
    "syntax version 9": _with_syntax("UNOA:9"),
    "syntax version empty": _with_syntax("UNOA"),
    "syntax empty": _with_syntax(""),
    "unb sender empty": lambda: _base().replace("+TERMA:ZZZ+", "++", 1),
    "unb recipient unknown": lambda: _base(recipient="NOBODY"),
    "unb control ref empty": lambda: _replace_segment(
        _base(), "UNB", lambda s: s[: s.rindex("+")] + "+"
    ),
    "unb too few elements": lambda: _replace_segment(_base(), "UNB", lambda s: "UNB+UNOA:2"),
    "unb date invalid": lambda: _base().replace("+261127:0415+", "+991399:2599+", 1),
    "garbage after unz": lambda: _base() + "this is not EDIFACT\x00\xff",
    "segment after unz": lambda: _base() + "BGM+34+X+9'",
    "two interchanges": lambda: _base() + _base(),
    "interchange then message": lambda: _base() + "UNH+9+CODECO:D:95B:UN'UNT+2+9'",
    "group": lambda: _group(_base(unz_count=1)),
    "group count": lambda: _group(_base(unz_count=1), une_count="5"),
    "group ref": lambda: _group(_base(unz_count=1), une_ref="G9"),
    "group without une": lambda: _group(_base(unz_count=1), une_count="none"),
    "group of another type": lambda: _group(_base(unz_count=1), ung_type="IFTMIN"),
    "group and message mixed": lambda: _replace_segment(
        _group(_base(unz_count=2)),
        "UNZ",
        lambda s: "UNH+X1+CODECO:D:95B:UN'BGM+34+X+9'UNT+3+X1'" + s,
    ),
    "empty message": _empty_message,
    "only an empty message": lambda: _envelope("UNH+E1+CODECO:D:95B:UN", "UNT+2+E1"),
    "no messages": lambda: _envelope(),
    "unknown message type": lambda: _base().replace("CODECO:D:95B:UN:ITG14", "XYZZY:D:95B:UN"),
    "unknown release": lambda: _base().replace("CODECO:D:95B:UN:ITG14", "CODECO:D:99Z:UN"),
    "unh without type": lambda: _replace_segment(_base(), "UNH", lambda s: "UNH+M1"),
    "unknown segment": lambda: _replace_segment(
        _base(unt_count=9), "LOC", lambda s: "XYZ+1+2'" + s
    ),
    "lowercase tag": lambda: _replace_segment(_base(), "BGM", lambda s: "bgm" + s[3:]),
    "too many elements": lambda: _replace_segment(_base(), "BGM", lambda s: s + "+1+2+3+4+5+6+7"),
    "too many components": lambda: _replace_segment(_base(), "BGM", lambda s: s + ":1:2:3:4:5"),
    "long value": lambda: _replace_segment(_base(), "BGM", lambda s: "BGM+34+" + "9" * 5000),
    "long unb sender": lambda: _base(sender="T" * 300),
    "long control ref": lambda: _base().replace("BAD", "R" * 300 + "BAD"),
    "long message ref": lambda: _base().replace("M1", "M" * 300),
    "long message type": lambda: _base().replace("CODECO:D", "CODECO" * 50 + ":D"),
    "many messages": lambda: _base(containers=60, unz_count=60),
    "unknown code in mandatory element": lambda: _replace_segment(
        _base(), "BGM", lambda s: "BGM+ZZZ" + s[6:]
    ),
    "bad check digit": lambda: _base().replace(
        "EQD+CN+" + _segments(_base())[4][7:18], "EQD+CN+MSCU0000000"
    ),
    "release at end": lambda: _base()[:-1] + "?",
    "release before terminator": lambda: _replace_segment(_base(), "BGM", lambda s: s + "?"),
    "crlf between segments": lambda: _base().replace("'", "'\r\n"),
    "bom": lambda: "\ufeff" + _base(),
    "non-ascii in UNOA": lambda: _replace_segment(_base(), "BGM", lambda s: s + "é集"),
    "non-ascii sender": lambda: _base().replace("TERMA", "TÉRMA", 1),
    "non-ascii control ref": lambda: _base().replace("BAD", "BÄD"),
    "undecodable control ref": lambda: _base().replace("BAD", "B\udcffD"),
    "undecodable message ref": lambda: _base().replace("M1", "M\udcfe1"),
    "undecodable sender of unknown syntax": lambda: (
        _base().replace("TERMA", "T\udcffRMA", 1).replace("UNOA:2", "QQQQ:2")
    ),
    "utf-8 in UNOY": lambda: _replace_segment(
        _with_syntax("UNOY:4")(), "BGM", lambda s: s + "集装箱"
    ),
    "latin-1 in UNOY": lambda: _replace_segment(
        _with_syntax("UNOY:4")(), "BGM", lambda s: s + "\udce9"
    ),
    "nul in a tag": lambda: _base().replace("UNB+", "U\x00NB+", 1),
    "nul in a message ref": lambda: _base().replace("M1", "M\x001"),
    "contrl about nothing": lambda: contrl_from("TERMA", _fresh_ref()).decode(),
    "contrl with wrong count": lambda: (
        contrl_from("TERMA", _fresh_ref()).decode().replace("UNT+3+C1", "UNT+9+C1")
    ),
    "aperak about nothing": lambda: _aperak_about("NOSUCH1"),
}


def _encode(text: str) -> bytes:
    """UTF-8, with lone surrogates standing for undecodable bytes (b"\\xff" as "\\udcff")."""
    return text.encode("utf-8", "surrogateescape")


_INSERTS = st.sampled_from(
    [
        b"\xff",
        b"\xc3",
        b"\xe4\xb8",
        "集装箱".encode(),
        "é".encode("latin-1"),
        b"\x00",
        b"\x1c\x1d\x1f",
        b"'",
        b"+",
        b":",
        b"?",
        b"*",
        b"UNH+",
        b"UNT+",
        b"UNZ+1+X'",
        b"UNB+UNOA:2+TERMA:ZZZ+EPORT:ZZZ+261127:0415+",
        b"\r\n",
        b"\xef\xbb\xbf",
        b"\xfe\xff\x00U",
    ]
) | st.binary(min_size=1, max_size=8)

_SEPARATORS = st.sampled_from([b"'", b"+", b":", b"?", b".", b"*", b" ", b"\n", b"\x1d"])


@st.composite
def _mutation(draw: st.DrawFn) -> Callable[[bytes], bytes]:
    kind = draw(st.sampled_from(["delete", "duplicate", "truncate", "flip", "insert", "separator"]))
    at = draw(st.integers(min_value=0, max_value=10**6))
    size = draw(st.integers(min_value=1, max_value=40))
    byte = draw(st.integers(min_value=0, max_value=255))
    inserted = draw(_INSERTS)
    old, new = draw(_SEPARATORS), draw(_SEPARATORS)

    def mutate(body: bytes) -> bytes:
        i = at % (len(body) + 1)
        if kind == "delete":
            return body[:i] + body[i + size :]
        if kind == "duplicate":
            return body[:i] + body[i : i + size] + body[i:]
        if kind == "truncate":
            return body[:i] or body[:1]
        if kind == "flip" and i < len(body):
            return body[:i] + bytes([body[i] ^ (byte or 1)]) + body[i + 1 :]
        if kind == "separator":
            return body.replace(old, new, 1 + byte % 3)
        return body[:i] + inserted + body[i:]

    return mutate


@st.composite
def broken_interchanges(draw: st.DrawFn) -> bytes:
    """A structural defect, a few random byte mutations, or both."""
    name = draw(st.sampled_from(sorted(STRUCTURAL)))
    text = (
        STRUCTURAL[name]()
        if draw(st.booleans())
        else _base(containers=draw(st.sampled_from([1, 2])))
    )
    body = _encode(text)
    for mutate in draw(st.lists(_mutation(), max_size=3)):
        body = mutate(body)
    return body or b"'"


# --- what every answer must hold -------------------------------------------------------------


def _rejected_where(settled: Settled) -> None:
    """A rejection is traced with the place it went wrong."""
    status = settled.status
    rejecting = [t for t in status["trace"] if t["outcome"] == "rejected"]
    assert rejecting, (settled.body, status["trace"])
    assert any(WHERE.search(t["detail"]) for t in rejecting), (settled.body, rejecting)
    assert status["findings"], settled.body


def _readable_header(body: bytes) -> Interchange | None:
    try:
        interchanges = parse(body).interchanges
    except EdifactSyntaxError:
        return None
    return interchanges[0] if interchanges and interchanges[0].header is not None else None


def _ack_names_a_segment(kind: str, payload: bytes) -> bool:
    ack = parse(payload).messages[0]
    if kind == "aperak":
        texts = " ".join("".join(s.components(4)) for s in ack.segments if s.tag == "FTX")
        return any(s.tag == "ERC" for s in ack.segments) and WHERE.search(texts) is not None
    uci = next(s for s in ack.segments if s.tag == "UCI")
    if uci.element(4) == "4":
        return bool(uci.element(5))
    return any(
        s.tag == "UCM" and s.element(3) == "4" and (s.element(5) or _next_is_ucs(ack.segments, s))
        for s in ack.segments
    ) or any(s.tag == "UCF" and s.element(4) == "4" for s in ack.segments)


def _next_is_ucs(segments: list[Segment], ucm: Segment) -> bool:
    i = segments.index(ucm)
    return i + 1 < len(segments) and segments[i + 1].tag == "UCS"


def _answered(settled: Settled) -> None:
    """When the UNB could be read, the sender gets a CONTRL or APERAK that names the segment,
    except for acknowledgements: a CONTRL is never answered, nor an APERAK that fails the
    application checks, nor a recipient's CONTRL or APERAK to the platform that refers to
    nothing we sent (answering could loop)."""
    ic = _readable_header(settled.body)
    if ic is None or any(m.type == "CONTRL" for m in ic.messages):
        return
    steps = settled.status["trace"]
    if any(t["step"] == "recipient-ack" and t["outcome"] == "rejected" for t in steps):
        assert ic.recipient_id == "EPORT", (settled.body, steps)
        return
    acknowledgements_only = all(m.type in ("CONTRL", "APERAK") for m in ic.messages)
    if acknowledgements_only and not settled.acks:
        # an APERAK failing the application checks gets no APERAK back, and says so
        assert any("no APERAK in reply" in t["detail"] for t in steps), (settled.body, steps)
        return
    assert settled.acks, (settled.body, settled.status)
    assert any(_ack_names_a_segment(kind, payload) for kind, payload in settled.acks), (
        settled.body,
        settled.acks,
    )


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=broken_interchanges())
def test_every_broken_interchange_gets_a_precise_answer(settle: Settle, body: bytes) -> None:
    settled = settle(body)
    if settled.status["status"] in ("rejected", "duplicate"):
        _rejected_where(settled)
    if settled.status["status"] == "rejected":
        _answered(settled)


@pytest.mark.parametrize("name", sorted(STRUCTURAL))
def test_each_kind_of_broken_interchange_is_answered(settle: Settle, name: str) -> None:
    settled = settle(_encode(STRUCTURAL[name]()))
    if settled.status["status"] in ("rejected", "duplicate"):
        _rejected_where(settled)
    if settled.status["status"] == "rejected":
        _answered(settled)


# --- the exact answer to the most common mistakes --------------------------------------------


def _only_ack(settled: Settled, kind: str) -> Interchange:
    assert [k for k, _ in settled.acks] == [kind], (settled.status, settled.acks)
    return parse(settled.acks[0][1]).interchanges[0]


def _dump(ic: Interchange) -> list[str]:
    return [serialize(s).decode().rstrip("'") for s in ic.messages[0].segments]


def _segment(ic: Interchange, tag: str) -> str:
    return next(d for d in _dump(ic) if d.startswith(tag + "+"))


def _ftx(ic: Interchange) -> str:
    return " ".join("".join(s.components(4)) for s in ic.messages[0].segments if s.tag == "FTX")


def test_wrong_unt_count_gets_a_contrl_naming_unt(settle: Settle) -> None:
    settled = settle(codeco(ref="UNT1", unt_count=3))
    assert settled.status["status"] == "rejected"
    contrl = _only_ack(settled, "contrl")
    assert (contrl.sender_id, contrl.recipient_id) == ("EPORT", "TERMA")
    assert _segment(contrl, "UCI") == "UCI+UNT1+TERMA:ZZZ+EPORT:ZZZ+7"
    assert _segment(contrl, "UCM") == "UCM+M1+CODECO:D:95B:UN:ITG14+4+29+UNT+2"
    assert any("segment 8 UNT, element 1" in t["detail"] for t in settled.status["trace"])


def test_wrong_unz_count_gets_a_contrl_naming_unz(settle: Settle) -> None:
    contrl = _only_ack(settle(codeco(ref="UNZ1", unz_count=7)), "contrl")
    assert _segment(contrl, "UCI") == "UCI+UNZ1+TERMA:ZZZ+EPORT:ZZZ+4+29+UNZ+2"


def test_unknown_code_in_a_mandatory_element_gets_an_aperak_naming_it(
    settle: Settle,
) -> None:
    good = codeco(ref="CODE1").decode()
    settled = settle(good.replace("BGM+34+", "BGM+ZZZ+").encode())
    assert settled.status["status"] == "rejected"
    aperak = _only_ack(settled, "aperak")
    assert _segment(aperak, "RFF").startswith("RFF+ACW:M1")
    assert [d for d in _dump(aperak) if d.startswith("ERC")] == ["ERC+12"]
    assert "'ZZZ' is not a code of 1001" in _ftx(aperak)
    assert "segment 2 BGM, element 1.1" in _ftx(aperak)


def test_an_oversized_value_does_not_push_the_position_out(
    settle: Settle,
) -> None:
    settled = settle(STRUCTURAL["long value"]().encode())
    assert "segment 2 BGM, element 2)" in _ftx(_only_ack(settled, "aperak"))
    rejecting = [t["detail"] for t in settled.status["trace"] if t["outcome"] == "rejected"]
    assert any(d.endswith("segment 2 BGM, element 2)") and len(d) < 1000 for d in rejecting)


def test_undecodable_bytes_in_the_unb_are_answered_in_the_senders_character_set(
    settle: Settle,
) -> None:
    contrl = _only_ack(settle(_encode(STRUCTURAL["undecodable control ref"]())), "contrl")
    assert contrl.syntax_id == "UNOA"
    assert _segment(contrl, "UCI").endswith("+TERMA:ZZZ+EPORT:ZZZ+4+21+UNB+6:1")
    assert contrl.messages[0].segments[1].element(1).startswith("B?D")


def test_an_unknown_syntax_identifier_is_answered_in_unoc(
    settle: Settle,
) -> None:
    contrl = _only_ack(settle(_encode(STRUCTURAL["syntax unknown"]())), "contrl")
    assert contrl.syntax_id == "UNOC"
    assert _segment(contrl, "UCI").endswith("+4+46+UNB+2:1")


def test_an_interchange_without_messages_is_rejected(settle: Settle) -> None:
    settled = settle(_encode(STRUCTURAL["no messages"]()))
    assert settled.status["status"] == "rejected"
    assert _segment(_only_ack(settled, "contrl"), "UCI").endswith("+4+32+UNB")


def test_two_interchanges_in_one_body_are_rejected_not_half_routed(
    settle: Settle, client: TestClient, community: Community
) -> None:
    settled = settle(codeco(ref="TWO1") + codeco(ref="TWO2"))
    assert settled.status["status"] == "rejected"
    assert _segment(_only_ack(settled, "contrl"), "UCI").endswith("+4+15+UNB")
    assert client.get("/api/v1/mailbox", headers=bearer(community.carrier)).json()["items"] == []


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (lambda: contrl_from("TERMA", "NOSUCH1"), "segment 2 UCI, element 1"),
        (lambda: _aperak_about("NOSUCH2").encode(), "segment 4 RFF, element 1.2"),
    ],
    ids=["contrl", "aperak"],
)
def test_an_acknowledgement_about_nothing_we_sent_is_rejected_unanswered(
    settle: Settle, body: Callable[[], bytes], where: str
) -> None:
    settled = settle(body())
    status = settled.status
    assert status["status"] == "rejected" and status["deliveries"] == []
    assert [f["code"] for f in status["findings"] if f["severity"] == "error"] == ["28"]
    rejected = [t for t in status["trace"] if t["outcome"] == "rejected"]
    assert [t["step"] for t in rejected] == ["recipient-ack"]
    assert where in rejected[0]["detail"] and "NOSUCH" in rejected[0]["detail"]


def test_acknowledgements_that_match_in_part_leave_the_interchange_partial(
    settle: Settle, client: TestClient, community: Community
) -> None:
    original = settle(codeco(ref="ACKED1")).status["id"]
    item = client.get("/api/v1/mailbox", headers=bearer(community.carrier)).json()["items"][0]
    messages = [
        f"UNH+C{i}+CONTRL:D:3:UN'UCI+{ref}+EPORT:ZZZ+CARRB:ZZZ+7'UNT+3+C{i}"
        for i, ref in enumerate([item["control_ref"], "NOSUCH3"], start=1)
    ]
    body = "'".join(["UNB+UNOA:3+CARRB:ZZZ+EPORT:ZZZ+261127:0500+CTMIX", *messages, "UNZ+2+CTMIX"])
    settled = settle((body + "'").encode(), community.carrier)
    assert settled.status["status"] == "partial"
    assert [f["message_index"] for f in settled.status["findings"] if f["code"] == "28"] == [2]
    acked = client.get(f"/api/v1/interchanges/{original}", headers=bearer(community.terminal))
    assert [d["recipient_ack"] for d in acked.json()["deliveries"]] == ["accepted"]


# --- service segment formats, dates and groups, and our own APERAK ---------------------------


def test_a_message_type_longer_than_six_is_a_syntax_error(
    settle: Settle,
) -> None:
    settled = settle(STRUCTURAL["long message type"]().encode())
    assert settled.status["status"] == "rejected"
    assert _segment(_only_ack(settled, "contrl"), "UCM").endswith("+4+39+UNH+3:1")


def test_an_impossible_unb_date_is_rejected(settle: Settle) -> None:
    settled = settle(STRUCTURAL["unb date invalid"]().encode())
    assert settled.status["status"] == "rejected"


def test_a_group_of_another_message_type_is_rejected(settle: Settle) -> None:
    settled = settle(STRUCTURAL["group of another type"]().encode())
    assert settled.status["status"] == "rejected"


def test_the_aperak_we_send_passes_our_own_mig(settle: Settle) -> None:
    from eport.exchange.validation import message_validator

    settled = settle(STRUCTURAL["long value"]().encode())
    aperak = _only_ack(settled, "aperak")
    found = message_validator()(aperak, aperak.messages[0])
    assert [f.located() for f in found if f.is_error] == []
