"""Webhook delivery to a real local HTTP server: signed, retried, dead-lettered, replayed."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from fastapi.testclient import TestClient

from eport.bootstrap import Platform
from eport.edifact import parse
from eport.exchange import configuration as config
from eport.exchange import webhooks
from eport.exchange.worker import Worker

from .samples import codeco
from .support import Community, bearer, mailbox, post_edi


class Receiver:
    """A partner's webhook endpoint: records every request; answers ``status``."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                receiver.requests.append((dict(self.headers.items()), self.rfile.read(length)))
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/edi"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.close()


def _use_webhook(client: TestClient, community: Community, url: str) -> str:
    set_hook = client.put(
        "/api/v1/exchange/webhook", headers=bearer(community.carrier), json={"url": url}
    )
    assert set_hook.status_code == 200, set_hook.text
    profile = client.put(
        "/api/v1/exchange/profiles/CARRB/*",
        headers=bearer(community.operator),
        json={"channel": "webhook"},
    )
    assert profile.status_code == 200, profile.text
    secret: str = set_hook.json()["secret"]
    return secret


def test_webhook_recipient_receives_it_signed(
    client: TestClient, community: Community, worker: Worker, receiver: Receiver
) -> None:
    secret = _use_webhook(client, community, receiver.url)
    interchange_id = post_edi(client, community.terminal, codeco(ref="HOOK1"))
    worker.drain()
    assert len(receiver.requests) == 1
    headers, body = receiver.requests[0]
    assert webhooks.verify(secret, headers[webhooks.SIGNATURE_HEADER], body)
    assert not webhooks.verify(secret, headers[webhooks.SIGNATURE_HEADER], body + b" ")
    assert not webhooks.verify("wrong", headers[webhooks.SIGNATURE_HEADER], body)
    assert headers[webhooks.IDEMPOTENCY_HEADER].startswith("eport-delivery-")
    assert headers["Content-Type"] == "application/edifact"
    delivered = parse(body).interchanges[0]
    assert delivered.recipient_id == "CARRB" and delivered.sender_id == "TERMA"
    assert mailbox(client, community.carrier) == []
    status = client.get(
        f"/api/v1/interchanges/{interchange_id}", headers=bearer(community.terminal)
    ).json()
    assert [d["status"] for d in status["deliveries"]] == ["delivered"]


def test_json_recipient_gets_a_json_push_that_verifies(
    client: TestClient,
    community: Community,
    worker: Worker,
    receiver: Receiver,
    platform: Platform,
) -> None:
    secret = _use_webhook(client, community, receiver.url)
    config.set_profile(platform, "CARRB", config.ProfileDraft(format="json", channel="webhook"))
    post_edi(client, community.terminal, codeco(ref="HOOKJ"))
    worker.drain()
    [(headers, body)] = receiver.requests
    assert headers["Content-Type"] == "application/json"
    assert webhooks.verify(secret, headers[webhooks.SIGNATURE_HEADER], body)
    assert not webhooks.verify(secret, headers[webhooks.SIGNATURE_HEADER], body + b" ")
    assert json.loads(body)


def test_failed_pushes_are_retried_then_dead_lettered_and_replayable(
    client: TestClient,
    community: Community,
    worker: Worker,
    receiver: Receiver,
    platform: Platform,
) -> None:
    _use_webhook(client, community, receiver.url)
    receiver.status = 503
    platform.settings.webhook_retry_horizon_seconds = 3600
    interchange_id = post_edi(client, community.terminal, codeco(ref="HOOK2"))
    worker.drain()
    assert len(receiver.requests) == 1
    trace = client.get(
        f"/api/v1/interchanges/{interchange_id}", headers=bearer(community.terminal)
    ).json()["trace"]
    assert any(t["step"] == "retry" and "503" in t["detail"] for t in trace)
    # The next attempt waits for its back-off; with no horizon left it ends as a dead letter.
    platform.settings.webhook_retry_horizon_seconds = 0
    from sqlalchemy import update

    from eport.db.types import utcnow
    from eport.exchange.models import Job

    with platform.uow() as uow:
        uow.session.execute(update(Job).values(run_after=utcnow()))
        uow.commit()
    worker.drain()
    assert len(receiver.requests) == 2
    first_key = receiver.requests[0][0][webhooks.IDEMPOTENCY_HEADER]
    assert receiver.requests[1][0][webhooks.IDEMPOTENCY_HEADER] == first_key
    operator = bearer(community.operator)
    dead = client.get("/api/v1/exchange/deadletters", headers=operator).json()
    assert len(dead) == 1 and "503" in dead[0]["reason"] and dead[0]["delivery_id"]
    receiver.status = 200
    platform.settings.webhook_retry_horizon_seconds = 3600
    assert (
        client.post(
            f"/api/v1/exchange/deadletters/{dead[0]['id']}/replay", headers=operator
        ).status_code
        == 200
    )
    worker.drain()
    assert len(receiver.requests) == 3
    assert receiver.requests[2][0][webhooks.IDEMPOTENCY_HEADER] == first_key
    status = client.get(
        f"/api/v1/interchanges/{interchange_id}", headers=bearer(community.terminal)
    ).json()
    assert [d["status"] for d in status["deliveries"]] == ["delivered"]


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        (
            "application/json",
            b'{"document": "container-event", "place": "\xe5\xae\x81\xe6\xb3\xa2"}\n',
        ),
        ("text/csv; charset=utf-8", b"container,locode\r\nMSCU1234565,CNNGB\r\n"),
        ("application/edifact", b"UNB+UNOA:2+A+B+261127:0415+1'UNZ+0+1'"),
    ],
)
def test_a_push_carries_its_media_type_and_a_signature_over_the_exact_body(
    receiver: Receiver, content_type: str, body: bytes
) -> None:
    with httpx.Client() as client:
        result = webhooks.push(
            client, webhooks.Push(7, receiver.url, "s3cret", body, "eport-delivery-7", content_type)
        )
    assert result.ok, result.detail
    [(headers, received)] = receiver.requests
    assert headers["Content-Type"] == content_type
    assert received == body
    assert webhooks.verify("s3cret", headers[webhooks.SIGNATURE_HEADER], received)
    assert headers[webhooks.DELIVERY_HEADER] == "7"


def test_signatures_and_backoff() -> None:
    body = b"UNB+UNOA:2+A+B+261127:0415+1'"
    header = webhooks.sign("s3cret", body, timestamp=1_800_000_000)
    assert webhooks.verify("s3cret", header, body, now=1_800_000_100)
    assert not webhooks.verify("s3cret", header, body, now=1_800_001_000)  # a replay
    delays = [webhooks.retry_delay(n) for n in range(1, 12)]
    assert all(d <= webhooks.MAX_RETRY_SECONDS for d in delays)
    assert webhooks.FIRST_RETRY_SECONDS / 2 <= delays[0] <= webhooks.FIRST_RETRY_SECONDS
    assert delays[6] >= webhooks.FIRST_RETRY_SECONDS * 2**5 / 2
    assert webhooks.check_url("https://partner.example/hook") is None
    assert webhooks.check_url("http://partner.example/hook") is not None
    assert webhooks.check_url("http://127.0.0.1:9000/hook") is None
