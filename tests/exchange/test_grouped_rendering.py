"""Re-enveloping keeps functional groups when a sender's codes were mapped, so that the messages
are written from their parsed form rather than copied byte for byte."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from conftest import CLI_ORIGIN
from eport.bootstrap import Platform
from eport.codemaps.services import set_entry
from eport.edifact import check_syntax, parse
from eport.exchange.worker import Worker

from .samples import container_number
from .support import Community, bearer, mailbox, post_edi

CONTAINERS = [container_number("grouped-1"), container_number("grouped-2")]


def _codeco(ref: str, container: str, size_type: str, place: str) -> str:
    body = [
        f"UNH+{ref}+CODECO:D:95B:UN:ITG14",
        f"BGM+34+GATE{ref}+9",
        "NAD+CF+CARRB:160:ZZZ",
        f"EQD+CN+{container}+{size_type}:102:5++2+5",
        "DTM+7:202611270415:203",
        f"LOC+165+{place}",
        "CNT+16:1",
        f"UNT+8+{ref}",
    ]
    return "'".join(body) + "'"


def grouped_codecos(ref: str = "GRP0001") -> bytes:
    """Two gate-ins by the terminal NBCT, each in a group of its own: the first in standard
    codes, the second in NBCT's own (40HC for 45G1, NGB for CNNGB)."""
    ung = "UNG+CODECO+NBCT:ZZZ+EPORT:ZZZ+261127:0415+{group}+UN+D:95B'"
    text = (
        "UNA:+.? '"
        + f"UNB+UNOA:2+NBCT:ZZZ+EPORT:ZZZ+261127:0415+{ref}'"
        + ung.format(group="G1")
        + _codeco("M1", CONTAINERS[0], "45G1", "CNNGB")
        + "UNE+1+G1'"
        + ung.format(group="G2")
        + _codeco("M2", CONTAINERS[1], "40HC", "NGB")
        + "UNE+1+G2'"
        + f"UNZ+2+{ref}'"
    )
    return text.encode("ascii")


@pytest.fixture
def nbct(
    platform: Platform,
    community: Community,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
) -> str:
    """The terminal NBCT with its own codes for a 40' high cube and for Ningbo; its token."""
    make_participant("NBCT", roles=["terminal"], edi_ids=["NBCT"])
    with platform.uow() as uow:
        set_entry(uow, "NBCT", "size-type", "40HC", "45G1", CLI_ORIGIN)
    with platform.uow() as uow:
        set_entry(uow, "NBCT", "location", "NGB", "CNNGB", CLI_ORIGIN)
    return make_token("NBCT")


def test_mapped_messages_reach_the_carrier_in_their_groups(
    client: TestClient, community: Community, nbct: str, worker: Worker
) -> None:
    post_edi(client, nbct, grouped_codecos())
    worker.drain()

    [item] = mailbox(client, community.carrier)
    body = client.get(f"/api/v1/mailbox/{item['id']}", headers=bearer(community.carrier)).content
    assert b"40HC" not in body and b"+NGB" not in body  # mapped, so written anew
    delivered = parse(body).interchanges[0]
    assert (delivered.sender_id, delivered.recipient_id) == ("NBCT", "CARRB")
    assert [(g.ref, [m.ref for m in g.messages]) for g in delivered.groups] == [
        ("G1", ["M1"]),
        ("G2", ["M2"]),
    ]
    assert {g.header.element(3) for g in delivered.groups} == {"CARRB"}
    assert [g.trailer.elements if g.trailer else None for g in delivered.groups] == [
        [["1"], ["G1"]],
        [["1"], ["G2"]],
    ]
    assert delivered.trailer is not None
    assert delivered.trailer.elements == [["2"], [delivered.control_ref]]
    segments = [{s.tag: s for s in m.segments} for m in delivered.messages]
    containers = [
        (s["EQD"].element(2), s["EQD"].component(3, 1), s["LOC"].element(2)) for s in segments
    ]
    assert containers == [
        (CONTAINERS[0], "45G1", "CNNGB"),
        (CONTAINERS[1], "45G1", "CNNGB"),
    ]
    assert [f for f in check_syntax(body)[1] if f.is_error] == []
