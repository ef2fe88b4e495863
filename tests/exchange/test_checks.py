"""What the hub refuses, and how it answers: syntax errors, forged senders and message types,
duplicates, garbage, test traffic; and what it accepts from recipients (their CONTRL)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from eport.bootstrap import Platform
from eport.edifact import build_aperak, build_interchange, parse, serialize
from eport.exchange import configuration as config
from eport.exchange.worker import Worker

from .samples import codeco, contrl_from, cusres
from .support import Community, bearer, mailbox, post_edi


def _status(client: TestClient, token: str, interchange_id: int) -> dict[str, object]:
    response = client.get(f"/api/v1/interchanges/{interchange_id}", headers=bearer(token))
    assert response.status_code == 200
    result: dict[str, object] = response.json()
    return result


def _only_item(client: TestClient, token: str, kind: str) -> bytes:
    items = [i for i in mailbox(client, token) if i["kind"] == kind]
    assert len(items) == 1, items
    return client.get(f"/api/v1/mailbox/{items[0]['id']}", headers=bearer(token)).content


def test_broken_message_gets_a_contrl_naming_the_segment(
    client: TestClient, community: Community, worker: Worker
) -> None:
    sent = codeco(containers=("MSCU1234565", "TGHU7654321"), unt_count=99)
    interchange_id = post_edi(client, community.terminal, sent)
    worker.drain()
    assert mailbox(client, community.carrier) == []
    status = _status(client, community.terminal, interchange_id)
    assert status["status"] == "rejected"
    contrl = parse(_only_item(client, community.terminal, "contrl")).interchanges[0]
    segments = contrl.messages[0].segments
    ucms = [s for s in segments if s.tag == "UCM"]
    assert [u.element(1) for u in ucms] == ["M1", "M2"]
    assert all(u.element(3) == "4" and u.element(4) == "29" and u.element(5) == "UNT" for u in ucms)


def test_one_bad_message_does_not_stop_the_good_one(
    client: TestClient, community: Community, worker: Worker, platform: Platform
) -> None:
    good = codeco(ref="GOOD1", carrier="CARRB").decode()
    # Break the segment count of the second message only.
    two = codeco(ref="MIX1", containers=("MSCU1234565", "TGHU7654321")).decode()
    broken = two.replace("UNT+8+M2", "UNT+7+M2")
    assert broken != two and good
    interchange_id = post_edi(client, community.terminal, broken.encode())
    worker.drain()
    assert _status(client, community.terminal, interchange_id)["status"] == "partial"
    items = mailbox(client, community.carrier)
    assert len(items) == 1 and items[0]["message_count"] == 1
    delivered = parse(
        client.get(f"/api/v1/mailbox/{items[0]['id']}", headers=bearer(community.carrier)).content
    )
    assert [m.ref for m in delivered.messages] == ["M1"]
    contrl = parse(_only_item(client, community.terminal, "contrl")).messages[0]
    verdicts = {s.element(1): s.element(3) for s in contrl.segments if s.tag == "UCM"}
    assert verdicts == {"M1": "7", "M2": "4"}


def test_forged_customs_release_is_rejected_with_an_aperak(
    client: TestClient, community: Community, worker: Worker, make_token: object
) -> None:
    # A forwarder whose own ID is FWDX sends a CUSRES: only customs may.
    interchange_id = post_edi(client, community.stranger, cusres(sender="FWDX", recipient="TERMA"))
    worker.drain()
    assert _status(client, community.stranger, interchange_id)["status"] == "rejected"
    assert mailbox(client, community.terminal) == []
    aperak = parse(_only_item(client, community.stranger, "aperak")).messages[0]
    assert aperak.type == "APERAK"
    assert any(s.tag == "ERC" and s.element(1) == "17" for s in aperak.segments)
    assert any(
        s.tag == "RFF" and s.component(1, 1) == "ACW" and s.component(1, 2) == "1"
        for s in aperak.segments
    )
    # The same release from customs goes through.
    post_edi(client, community.customs, cusres(sender="CUSTA", recipient="TERMA"))
    worker.drain()
    assert [i["message_types"] for i in mailbox(client, community.terminal)] == [["CUSRES"]]


def test_unb_sender_must_be_the_participants_own_id(
    client: TestClient, community: Community, worker: Worker
) -> None:
    interchange_id = post_edi(client, community.stranger, codeco(sender="TERMA"))
    worker.drain()
    status = _status(client, community.stranger, interchange_id)
    assert status["status"] == "rejected"
    assert any(f["code"] == "23" for f in status["findings"])  # type: ignore[attr-defined, index]
    assert mailbox(client, community.carrier) == []
    contrl = parse(_only_item(client, community.stranger, "contrl")).interchanges[0]
    assert contrl.recipient_id == "FWDX"
    uci = contrl.messages[0].segments[1]
    assert uci.element(4) == "4" and uci.element(5) == "23"


def test_duplicates_are_answered_and_not_routed_again(
    client: TestClient, community: Community, worker: Worker
) -> None:
    first = post_edi(client, community.terminal, codeco(ref="DUP1"))
    worker.drain()
    same_bytes = post_edi(client, community.terminal, codeco(ref="DUP1"))
    same_ref = post_edi(client, community.terminal, codeco(ref="DUP1", containers=("X",)))
    worker.drain()
    assert len(mailbox(client, community.carrier)) == 1
    for dup in (same_bytes, same_ref):
        status = _status(client, community.terminal, dup)
        assert status["status"] == "duplicate" and status["duplicate_of"] == first
    contrls = [i for i in mailbox(client, community.terminal) if i["kind"] == "contrl"]
    assert len(contrls) == 2


def test_garbage_is_stored_and_answered_precisely(
    client: TestClient, community: Community, worker: Worker, platform: Platform
) -> None:
    garbage = b"\x00\xffthis is not EDIFACT at all"
    bad_id = post_edi(client, community.terminal, garbage)
    truncated = codeco(ref="TRUNC")[:-30]
    trunc_id = post_edi(client, community.terminal, truncated)
    good_id = post_edi(client, community.terminal, codeco(ref="FINE1"))
    worker.drain()
    for interchange_id in (bad_id, trunc_id):
        status = _status(client, community.terminal, interchange_id)
        assert status["status"] == "rejected"
        assert status["findings"]
    assert _status(client, community.terminal, good_id)["status"] == "routed"
    assert len(mailbox(client, community.carrier)) == 1
    from eport.exchange.models import InterchangeRecord

    with platform.uow() as uow:
        stored = uow.session.get(InterchangeRecord, bad_id)
        assert stored is not None and stored.raw == garbage and stored.size == len(garbage)


def test_test_traffic_only_to_recipients_that_accept_it(
    client: TestClient, community: Community, worker: Worker, platform: Platform
) -> None:
    test_id = post_edi(client, community.terminal, codeco(ref="T1", test=True))
    worker.drain()
    assert mailbox(client, community.carrier) == []
    assert _status(client, community.terminal, test_id)["status"] == "dead"
    config.set_profile(platform, "CARRB", config.ProfileDraft(accepts_test=True))
    post_edi(client, community.terminal, codeco(ref="T2", test=True))
    post_edi(client, community.terminal, codeco(ref="P1"))
    worker.drain()
    items = mailbox(client, community.carrier)
    assert [i["test"] for i in items] == [True, False]
    first = parse(
        client.get(f"/api/v1/mailbox/{items[0]['id']}", headers=bearer(community.carrier)).content
    ).interchanges[0]
    assert first.test_indicator == "1"


def test_order_of_receipt_is_kept_per_sender_and_recipient(
    client: TestClient, community: Community, worker: Worker
) -> None:
    refs = [f"ORD{i}" for i in range(12)]
    for ref in refs:
        post_edi(client, community.terminal, codeco(ref=ref))
    worker.drain()
    items = mailbox(client, community.carrier)
    got = []
    for item in items:
        body = client.get(f"/api/v1/mailbox/{item['id']}", headers=bearer(community.carrier))
        got.append(parse(body.content).messages[0].segments[1].element(2))
    assert got == [f"GATE{ref}1" for ref in refs]


def test_recipient_contrl_is_matched_to_what_we_sent(
    client: TestClient, community: Community, worker: Worker
) -> None:
    interchange_id = post_edi(client, community.terminal, codeco(ref="ACKME"))
    worker.drain()
    item = mailbox(client, community.carrier)[0]
    post_edi(
        client, community.carrier, contrl_from("CARRB", str(item["control_ref"]), recipient="EPORT")
    )
    worker.drain()
    status = _status(client, community.terminal, interchange_id)
    deliveries = status["deliveries"]
    assert deliveries[0]["recipient_ack"] == "accepted"  # type: ignore[index]
    assert any(t["step"] == "recipient-ack" for t in status["trace"])  # type: ignore[attr-defined]
    assert mailbox(client, community.terminal) == []


def test_unroutable_message_is_a_dead_letter_until_replayed(
    client: TestClient, community: Community, worker: Worker
) -> None:
    operator = bearer(community.operator)
    interchange_id = post_edi(client, community.terminal, codeco(ref="LOST1", carrier="NOBODY"))
    worker.drain()
    dead = client.get("/api/v1/exchange/deadletters", headers=operator).json()
    assert [d["interchange_id"] for d in dead] == [interchange_id]
    assert "no recipient" in dead[0]["reason"]
    assert (
        client.get("/api/v1/exchange/deadletters", headers=bearer(community.terminal)).status_code
        == 403
    )
    rule = client.post(
        "/api/v1/exchange/routes",
        headers=operator,
        json={"message_type": "CODECO", "sender": "TERMA", "recipient": "CARRB"},
    )
    assert rule.status_code == 201, rule.text
    replay = client.post(f"/api/v1/exchange/deadletters/{dead[0]['id']}/replay", headers=operator)
    assert replay.status_code == 200 and replay.json()["status"] == "replayed"
    worker.drain()
    assert len(mailbox(client, community.carrier)) == 1
    assert _status(client, community.terminal, interchange_id)["status"] == "routed"
    assert client.get("/api/v1/exchange/deadletters", headers=operator).json() == []


def test_message_failing_its_mig_gets_an_aperak_naming_the_segment(
    client: TestClient, community: Community, worker: Worker
) -> None:
    good = codeco(ref="MIG1", containers=("ok",)).decode()
    start = good.index("EQD+CN+") + len("EQD+CN+")
    bad = good[:start] + "MSCU1234560" + good[start + 11 :]  # wrong check digit
    interchange_id = post_edi(client, community.terminal, bad.encode())
    worker.drain()
    status = _status(client, community.terminal, interchange_id)
    assert status["status"] == "rejected"
    assert mailbox(client, community.carrier) == []
    aperak = parse(_only_item(client, community.terminal, "aperak")).messages[0]
    assert [s.element(1) for s in aperak.segments if s.tag == "ERC"] == ["12"]
    text = " ".join("".join(s.components(4)) for s in aperak.segments if s.tag == "FTX")
    assert "EQD" in text and "segment 4" in text


def test_a_rejected_aperak_is_not_answered_with_an_aperak(
    client: TestClient, community: Community, worker: Worker
) -> None:
    received = parse(codeco(ref="LOOP1")).messages[0]
    aperak = build_aperak(
        received, [], True, message_ref="A1", document_number="ACK1", interchange_ref="LOOP1"
    )
    aperak.segments[1].elements[2] = ["99"]  # 1225 not a code the APERAK guide allows
    ic = build_interchange(("CARRB", "ZZZ"), ("TERMA", "ZZZ"), "LOOPREF1", [aperak])
    interchange_id = post_edi(client, community.carrier, serialize(ic))
    worker.drain()
    status = client.get(
        f"/api/v1/interchanges/{interchange_id}", headers=bearer(community.carrier)
    ).json()
    assert status["status"] == "rejected"
    assert any(f["segment_tag"] == "BGM" for f in status["findings"])
    assert status["deliveries"] == []
    assert any("no APERAK in reply" in t["detail"] for t in status["trace"])
    assert mailbox(client, community.carrier) == []
