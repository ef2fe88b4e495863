"""End to end: partners' own codes are mapped on the way in and out, and a recipient's profile
chooses the format and version it gets."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from conftest import CLI_ORIGIN
from eport.bootstrap import Platform
from eport.codemaps.services import set_entry, set_unknown_code_policy
from eport.codes.mapper import UnknownCodePolicy
from eport.edifact import parse
from eport.exchange import configuration as config
from eport.exchange.worker import Worker

from .samples import container_number
from .support import Community, bearer, mailbox, post_edi

CONTAINER = container_number("translation")


def partner_codeco(size_type: str = "40HC", place: str = "NGB", ref: str = "NB0001") -> bytes:
    """A D.95B gate-in CODECO written with the terminal NBCT's own codes."""
    body = [
        "UNH+M1+CODECO:D:95B:UN:ITG14",
        f"BGM+34+GATE{ref}+9",
        "NAD+CF+CARRB:160:ZZZ",
        f"EQD+CN+{CONTAINER}+{size_type}:102:5++2+5",
        "DTM+7:202611270415:203",
        f"LOC+165+{place}",
        "CNT+16:1",
        "UNT+8+M1",
    ]
    unb = f"UNB+UNOA:2+NBCT:ZZZ+EPORT:ZZZ+261127:0415+{ref}"
    return ("UNA:+.? '" + "'".join([unb, *body, f"UNZ+1+{ref}"]) + "'").encode("ascii")


@pytest.fixture
def nbct(
    platform: Platform,
    community: Community,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
) -> str:
    """The terminal NBCT, which calls a 40' high cube 40HC and Ningbo NGB; its token."""
    make_participant("NBCT", roles=["terminal"], edi_ids=["NBCT"])
    with platform.uow() as uow:
        set_entry(uow, "NBCT", "size-type", "40HC", "45G1", CLI_ORIGIN)
    with platform.uow() as uow:
        set_entry(uow, "NBCT", "location", "NGB", "CNNGB", CLI_ORIGIN)
    return make_token("NBCT")


def _delivered(client: TestClient, token: str) -> bytes:
    items = mailbox(client, token)
    assert len(items) == 1, items
    response = client.get(f"/api/v1/mailbox/{items[0]['id']}", headers=bearer(token))
    assert response.status_code == 200
    return response.content


def _status(client: TestClient, token: str, interchange_id: int) -> dict[str, object]:
    response = client.get(f"/api/v1/interchanges/{interchange_id}", headers=bearer(token))
    assert response.status_code == 200
    status: dict[str, object] = response.json()
    return status


def test_partner_codes_reach_the_carrier_as_standard_codes(
    client: TestClient, community: Community, nbct: str, worker: Worker
) -> None:
    post_edi(client, nbct, partner_codeco())
    worker.drain()

    body = _delivered(client, community.carrier)
    delivered = parse(body).interchanges[0]
    assert (delivered.sender_id, delivered.recipient_id) == ("NBCT", "CARRB")
    segments = {s.tag: s for s in delivered.messages[0].segments}
    assert segments["EQD"].component(3, 1) == "45G1"
    assert segments["LOC"].component(2, 1) == "CNNGB"
    assert b"40HC" not in body and b"+NGB" not in body


def _map_warnings(trace: object) -> list[str]:
    assert isinstance(trace, list)
    return [t["detail"] for t in trace if t["step"] == "map" and t["outcome"] == "warning"]


def test_unknown_code_is_a_warning_by_default_and_passes_on(
    client: TestClient, community: Community, nbct: str, worker: Worker
) -> None:
    interchange_id = post_edi(client, nbct, partner_codeco(place="XXNBX"))
    worker.drain()

    body = _delivered(client, community.carrier)
    assert b"XXNBX" in body and b"45G1" in body and b"40HC" not in body
    warnings = _map_warnings(_status(client, nbct, interchange_id)["trace"])
    assert any("'XXNBX'" in w and "LOC" in w for w in warnings), warnings


def test_unknown_size_type_is_mapped_before_validation_rejects_it(
    client: TestClient, community: Community, nbct: str, worker: Worker
) -> None:
    interchange_id = post_edi(client, nbct, partner_codeco(size_type="XXXX"))
    worker.drain()

    status = _status(client, nbct, interchange_id)
    trace = status["trace"]
    assert isinstance(trace, list)
    steps = [t["step"] for t in trace]
    assert steps.index("map") < steps.index("validate")
    assert any("'XXXX'" in w and "EQD" in w for w in _map_warnings(trace))
    assert mailbox(client, community.carrier) == []


def test_unknown_code_rejected_by_the_senders_policy(
    platform: Platform, client: TestClient, community: Community, nbct: str, worker: Worker
) -> None:
    with platform.uow() as uow:
        set_unknown_code_policy(uow, "NBCT", UnknownCodePolicy.REJECT, CLI_ORIGIN)
    interchange_id = post_edi(client, nbct, partner_codeco(size_type="XXXX"))
    worker.drain()

    assert mailbox(client, community.carrier) == []
    aperak = parse(_delivered(client, nbct)).interchanges[0]
    assert [m.type for m in aperak.messages] == ["APERAK"]
    text = b"'".join(
        s.tag.encode() + b"+" + b"+".join(b":".join(c.encode() for c in e) for e in s.elements)
        for s in aperak.messages[0].segments
    )
    assert b"XXXX" in text and b"EQD" in text and b"neither standard nor mapped" in text
    status = _status(client, nbct, interchange_id)
    assert status["status"] == "rejected"
    findings = status["findings"]
    assert isinstance(findings, list)
    located = [(f["segment_tag"], f["code"]) for f in findings]
    assert ("EQD", "14") in located  # rejected by the code mapping step
    assert all(code != "12" for _, code in located)  # before validation could see it


def test_json_profile_gets_json_naming_the_container(
    platform: Platform, client: TestClient, community: Community, nbct: str, worker: Worker
) -> None:
    config.set_profile(platform, "CARRB", config.ProfileDraft(message_type="CODECO", format="json"))
    post_edi(client, nbct, partner_codeco())
    worker.drain()

    document = json.loads(_delivered(client, community.carrier))
    text = json.dumps(document)
    assert CONTAINER in text and "45G1" in text and "40HC" not in text


def test_d00b_profile_gets_the_codeco_in_d00b(
    platform: Platform, client: TestClient, community: Community, nbct: str, worker: Worker
) -> None:
    config.set_profile(
        platform,
        "CARRB",
        config.ProfileDraft(message_type="CODECO", format="edifact", version="D00B"),
    )
    sent = partner_codeco()
    post_edi(client, nbct, sent)
    worker.drain()

    assert parse(sent).interchanges[0].messages[0].header.component(2, 3) == "95B"
    delivered = parse(_delivered(client, community.carrier)).interchanges[0]
    assert (delivered.sender_id, delivered.recipient_id) == ("NBCT", "CARRB")
    unh = delivered.messages[0].header
    assert (unh.component(2, 1), unh.component(2, 2), unh.component(2, 3)) == ("CODECO", "D", "00B")
    eqd = next(s for s in delivered.messages[0].segments if s.tag == "EQD")
    assert eqd.element(2) == CONTAINER and eqd.component(3, 1) == "45G1"


def test_recipient_with_code_maps_gets_its_own_codes(
    platform: Platform, client: TestClient, community: Community, nbct: str, worker: Worker
) -> None:
    with platform.uow() as uow:
        set_entry(uow, "CARRB", "location", "NINGBO", "CNNGB", CLI_ORIGIN)
    post_edi(client, nbct, partner_codeco())
    worker.drain()

    body = _delivered(client, community.carrier)
    delivered = parse(body).interchanges[0]
    segments = {s.tag: s for s in delivered.messages[0].segments}
    assert segments["LOC"].component(2, 1) == "NINGBO"
    assert segments["EQD"].component(3, 1) == "45G1"
    assert (delivered.sender_id, delivered.recipient_id) == ("NBCT", "CARRB")


@pytest.mark.parametrize(
    ("fmt", "version", "reason"),
    [
        ("xml", "", "no renderer for format 'xml'"),
        ("edifact", "D99Z", "no EDIFACT version 'D99Z'"),
    ],
)
def test_a_profile_nobody_renders_ends_as_a_dead_letter(
    platform: Platform,
    client: TestClient,
    community: Community,
    nbct: str,
    worker: Worker,
    fmt: str,
    version: str,
    reason: str,
) -> None:
    config.set_profile(
        platform, "CARRB", config.ProfileDraft(message_type="CODECO", format=fmt, version=version)
    )
    interchange_id = post_edi(client, nbct, partner_codeco())
    worker.drain()

    assert mailbox(client, community.carrier) == []
    status = _status(client, nbct, interchange_id)
    trace = status["trace"]
    assert isinstance(trace, list)
    failed = [t["detail"] for t in trace if t["step"] == "render" and t["outcome"] == "failed"]
    assert len(failed) == 1 and reason in failed[0], failed


def test_csv_profile_gets_one_row_per_container_event(
    platform: Platform, client: TestClient, community: Community, nbct: str, worker: Worker
) -> None:
    config.set_profile(platform, "CARRB", config.ProfileDraft(message_type="CODECO", format="csv"))
    post_edi(client, nbct, partner_codeco())
    worker.drain()

    rows = list(csv.DictReader(io.StringIO(_delivered(client, community.carrier).decode())))
    assert [(r["container"], r["size_type"], r["locode"]) for r in rows] == [
        (CONTAINER, "45G1", "CNNGB")
    ]


def test_json_recipient_with_code_maps_gets_its_own_codes(
    platform: Platform, client: TestClient, community: Community, nbct: str, worker: Worker
) -> None:
    config.set_profile(platform, "CARRB", config.ProfileDraft(message_type="CODECO", format="json"))
    with platform.uow() as uow:
        set_entry(uow, "CARRB", "location", "NINGBO", "CNNGB", CLI_ORIGIN)
    post_edi(client, nbct, partner_codeco())
    worker.drain()

    text = json.dumps(json.loads(_delivered(client, community.carrier)))
    assert "NINGBO" in text and "CNNGB" not in text
