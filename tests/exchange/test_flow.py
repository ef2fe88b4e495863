"""End to end through the API: a terminal's CODECO reaches the carrier it names, and no one else."""

from __future__ import annotations

from fastapi.testclient import TestClient

from eport.edifact import parse
from eport.exchange.worker import Worker

from .samples import codeco
from .support import Community, bearer, mailbox, post_edi


def test_codeco_reaches_the_named_carrier_reenveloped(
    client: TestClient, community: Community, worker: Worker
) -> None:
    sent = codeco(carrier="CARRB", ref="IC0001")
    interchange_id = post_edi(client, community.terminal, sent)
    worker.drain()

    items = mailbox(client, community.carrier)
    assert len(items) == 1
    item = items[0]
    assert item["sender"] == "TERMA" and item["message_types"] == ["CODECO"]
    body = client.get(f"/api/v1/mailbox/{item['id']}", headers=bearer(community.carrier))
    assert body.status_code == 200
    delivered = parse(body.content).interchanges[0]
    original = parse(sent).interchanges[0]
    assert (delivered.sender_id, delivered.sender_qualifier) == ("TERMA", "ZZZ")
    assert (delivered.recipient_id, delivered.recipient_qualifier) == ("CARRB", "ZZZ")
    assert delivered.control_ref not in ("", original.control_ref)
    start, end = original.messages[0].span
    assert sent[start:end] in body.content

    status = client.get(
        f"/api/v1/interchanges/{interchange_id}", headers=bearer(community.terminal)
    ).json()
    assert status["status"] == "routed"
    assert [d["recipient"] for d in status["deliveries"]] == ["CARRB"]
    steps = [t["step"] for t in status["trace"]]
    assert steps[0] == "receive" and "route" in steps and "deliver" in steps

    ack = client.post(f"/api/v1/mailbox/{item['id']}/ack", headers=bearer(community.carrier))
    assert ack.status_code == 204
    assert mailbox(client, community.carrier) == []


def test_a_third_participant_sees_nothing(
    client: TestClient, community: Community, worker: Worker
) -> None:
    interchange_id = post_edi(client, community.terminal, codeco(carrier="CARRB"))
    worker.drain()
    item_id = mailbox(client, community.carrier)[0]["id"]
    stranger = bearer(community.stranger)
    assert mailbox(client, community.stranger) == []
    assert client.get(f"/api/v1/interchanges/{interchange_id}", headers=stranger).status_code == 404
    assert client.get(f"/api/v1/mailbox/{item_id}", headers=stranger).status_code == 404
    assert client.post(f"/api/v1/mailbox/{item_id}/ack", headers=stranger).status_code == 404
    assert (
        client.get(
            f"/api/v1/interchanges/{interchange_id}", headers=bearer(community.carrier)
        ).status_code
        == 404
    )
    assert (
        client.get(
            f"/api/v1/interchanges/{interchange_id}", headers=bearer(community.operator)
        ).status_code
        == 200
    )
    assert len(mailbox(client, community.carrier)) == 1


def test_sender_gets_its_contrl_from_the_platform(
    client: TestClient, community: Community, worker: Worker
) -> None:
    post_edi(client, community.terminal, codeco(ack=True, ref="IC0042"))
    worker.drain()
    items = mailbox(client, community.terminal)
    assert [i["kind"] for i in items] == ["contrl"]
    body = client.get(f"/api/v1/mailbox/{items[0]['id']}", headers=bearer(community.terminal))
    contrl = parse(body.content).interchanges[0]
    assert contrl.sender_id == "EPORT" and contrl.recipient_id == "TERMA"
    assert contrl.messages[0].type == "CONTRL"
    uci = contrl.messages[0].segments[1]
    assert uci.tag == "UCI" and uci.element(1) == "IC0042" and uci.element(4) == "7"


def test_a_grouped_interchange_reaches_the_carrier_with_its_group(
    client: TestClient, community: Community, worker: Worker
) -> None:
    sent = codeco(carrier="CARRB", ref="GRP1")
    unb_end = sent.index(b"'", sent.index(b"UNB+")) + 1
    unz = sent.rindex(b"UNZ+")
    grouped = (
        sent[:unb_end]
        + b"UNG+CODECO+TERMA:ZZZ+EPORT:ZZZ+261127:0415+G1+UN+D:95B'"
        + sent[unb_end:unz]
        + b"UNE+1+G1'UNZ+1+GRP1'"
    )
    post_edi(client, community.terminal, grouped)
    worker.drain()
    [item] = mailbox(client, community.carrier)
    body = client.get(f"/api/v1/mailbox/{item['id']}", headers=bearer(community.carrier))
    delivered = parse(body.content).interchanges[0]
    assert [g.ref for g in delivered.groups] == ["G1"]
    assert delivered.groups[0].header.element(3) == "CARRB"
    assert len(delivered.groups[0].messages) == 1
