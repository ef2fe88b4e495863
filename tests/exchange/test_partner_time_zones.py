"""Partners' time zones: EDIFACT times carry no zone, so the hub reads a sender's in the
sender's zone and writes a recipient's in the recipient's (its own, else the platform's)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from conftest import CLI_ORIGIN
from eport.bootstrap import Platform
from eport.edifact import parse
from eport.exchange import configuration as config
from eport.exchange.community import CommunityCache, load_community
from eport.exchange.worker import Worker
from eport.participants.models import Participant
from eport.participants.services import set_time_zone

from .samples import container_number
from .support import Community, bearer, mailbox, post_edi

CONTAINER = container_number("time zones")
GATE_IN = "DTM+7:202611270800:203"  # 08:00 wall-clock time of the sender
MEANT = datetime(2026, 11, 27, 0, 0, tzinfo=UTC)  # what a Ningbo terminal means by it


def codeco() -> bytes:
    """A D.95B gate-in CODECO for the carrier CARRB, prepared at 04:15 the sender's time."""
    body = [
        "UNH+M1+CODECO:D:95B:UN:ITG14",
        "BGM+34+GATETZ1+9",
        "NAD+CF+CARRB:160:ZZZ",
        f"EQD+CN+{CONTAINER}+45G1:102:5++2+5",
        GATE_IN,
        "LOC+165+CNNGB",
        "CNT+16:1",
        "UNT+8+M1",
    ]
    unb = "UNB+UNOA:2+NBCT:ZZZ+EPORT:ZZZ+261127:0415+TZ1"
    return ("UNA:+.? '" + "'".join([unb, *body, "UNZ+1+TZ1"]) + "'").encode("ascii")


@pytest.fixture
def ningbo(
    community: Community,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
) -> Callable[..., str]:
    """The terminal NBCT, in the zone given (empty: the platform's); its token."""

    def make(time_zone: str = "Asia/Shanghai") -> str:
        make_participant("NBCT", roles=["terminal"], edi_ids=["NBCT"], time_zone=time_zone)
        return make_token("NBCT")

    return make


def _carrier_in(platform: Platform, zone: str, fmt: str = "", version: str = "") -> None:
    with platform.uow() as uow:
        set_time_zone(uow, "CARRB", zone, CLI_ORIGIN)
    if fmt:
        config.set_profile(
            platform,
            "CARRB",
            config.ProfileDraft(message_type="CODECO", format=fmt, version=version),
        )


def _delivered(client: TestClient, token: str) -> bytes:
    items = mailbox(client, token)
    assert len(items) == 1, items
    response = client.get(f"/api/v1/mailbox/{items[0]['id']}", headers=bearer(token))
    assert response.status_code == 200
    return response.content


def _json_times(body: bytes) -> tuple[str, str]:
    document = json.loads(body)
    document = document[0] if isinstance(document, list) else document
    return document["events"][0]["time"], document["header"]["issued"]


def _dcsa_times(body: bytes) -> tuple[str, str]:
    event: dict[str, Any] = json.loads(body)[0]
    return event["eventDateTime"], event["eventCreatedDateTime"]


@pytest.mark.parametrize(("fmt", "times"), [("json", _json_times), ("dcsa", _dcsa_times)])
def test_a_translated_recipient_gets_the_instant_the_sender_meant(
    platform: Platform,
    client: TestClient,
    community: Community,
    ningbo: Callable[..., str],
    worker: Worker,
    fmt: str,
    times: Callable[[bytes], tuple[str, str]],
) -> None:
    token = ningbo("Asia/Shanghai")
    _carrier_in(platform, "Europe/Amsterdam", fmt)
    post_edi(client, token, codeco())
    worker.drain()

    event_time, issued = times(_delivered(client, community.carrier))
    assert datetime.fromisoformat(event_time) == MEANT
    assert datetime.fromisoformat(issued) == datetime(2026, 11, 26, 20, 15, tzinfo=UTC)


def _d00b(body: bytes) -> tuple[list[str], str]:
    delivered = parse(body).interchanges[0]
    assert delivered.header is not None
    unh = delivered.messages[0].header
    assert (unh.component(2, 1), unh.component(2, 3)) == ("CODECO", "00B")
    dtm = [
        f"{s.component(1, 1)}:{s.component(1, 2)}:{s.component(1, 3)}"
        for s in delivered.messages[0].segments
        if s.tag == "DTM"
    ]
    prepared = f"{delivered.header.component(4, 1)}:{delivered.header.component(4, 2)}"
    return dtm, prepared


def test_an_edifact_recipient_gets_wall_clock_times_in_its_own_zone(
    platform: Platform,
    client: TestClient,
    community: Community,
    ningbo: Callable[..., str],
    worker: Worker,
) -> None:
    token = ningbo("Asia/Shanghai")
    _carrier_in(platform, "Europe/Amsterdam", "edifact", "D00B")
    post_edi(client, token, codeco())
    worker.drain()

    dtm, prepared = _d00b(_delivered(client, community.carrier))
    # 08:00 in Ningbo is 01:00 in Amsterdam in November; prepared at 04:15 in Ningbo is 21:15
    # the day before there (the document's date, DTM 137, and the UNB's).
    assert dtm == ["137:202611262115:203", "7:202611270100:203"]
    assert prepared.endswith("261126:2115")


def test_zones_default_to_the_platforms_local_zone(
    platform: Platform,
    client: TestClient,
    community: Community,
    ningbo: Callable[..., str],
    worker: Worker,
) -> None:
    assert platform.settings.local_timezone == "Asia/Shanghai"
    token = ningbo("")
    _carrier_in(platform, "", "edifact", "D00B")
    config.subscribe(platform, community.ids["CUSTA"], "CODECO")
    config.set_profile(platform, "CUSTA", config.ProfileDraft(message_type="CODECO", format="json"))
    post_edi(client, token, codeco())
    worker.drain()

    dtm, prepared = _d00b(_delivered(client, community.carrier))
    assert dtm == ["137:202611270415:203", "7:202611270800:203"]  # both keep Ningbo's time
    assert prepared.endswith("261127:0415")
    event_time, _ = _json_times(_delivered(client, community.customs))
    assert datetime.fromisoformat(event_time) == MEANT


def test_edifact_as_received_keeps_the_senders_bytes(
    platform: Platform,
    client: TestClient,
    community: Community,
    ningbo: Callable[..., str],
    worker: Worker,
) -> None:
    token = ningbo("Asia/Shanghai")
    _carrier_in(platform, "America/Los_Angeles")
    sent = codeco()
    post_edi(client, token, sent)
    worker.drain()

    body = _delivered(client, community.carrier)
    message = sent[sent.index(b"UNH+") : sent.index(b"UNZ+")]
    assert message in body and GATE_IN.encode() in body
    assert parse(body).interchanges[0].recipient_id == "CARRB"


def test_the_community_gives_members_without_a_zone_the_local_one(
    platform: Platform, make_participant: Callable[..., Participant]
) -> None:
    own = make_participant("NBCT", time_zone="Asia/Shanghai").id
    none = make_participant("CARRB").id
    with platform.uow() as uow:
        members = load_community(uow.session, "Europe/Amsterdam").members
        assert members[own].tz == ZoneInfo("Asia/Shanghai")
        assert members[none].tz == ZoneInfo("Europe/Amsterdam")
        cached = CommunityCache(local_timezone="America/Los_Angeles").get(uow.session)
        assert cached.members[none].tz == ZoneInfo("America/Los_Angeles")


def test_a_zone_the_zone_database_no_longer_knows_falls_back_to_the_local_one(
    platform: Platform, make_participant: Callable[..., Participant]
) -> None:
    pid = make_participant("NBCT", time_zone="Asia/Shanghai").id
    with platform.uow() as uow:  # as if tzdata dropped the zone after it was set
        uow.session.execute(
            update(Participant).where(Participant.id == pid).values(time_zone="Asia/Atlantis")
        )
        uow.commit()
    with platform.uow() as uow:
        assert load_community(uow.session, "Asia/Shanghai").members[pid].tz == ZoneInfo(
            "Asia/Shanghai"
        )
        assert load_community(uow.session, "Not/A_Zone").members[pid].tz == UTC


def test_the_hub_uses_the_configured_local_zone(
    platform: Platform,
    client: TestClient,
    community: Community,
    ningbo: Callable[..., str],
) -> None:
    in_utc = dataclasses.replace(
        platform, settings=platform.settings.model_copy(update={"local_timezone": "UTC"})
    )
    worker = Worker(in_utc)
    try:
        token = ningbo("")
        _carrier_in(platform, "", "json")
        post_edi(client, token, codeco())
        worker.drain()
    finally:
        worker.close()
    event_time, _ = _json_times(_delivered(client, community.carrier))
    assert datetime.fromisoformat(event_time) == datetime(2026, 11, 27, 8, 0, tzinfo=UTC)
