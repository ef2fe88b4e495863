"""How strictly a sender is checked: the operator relaxes a legacy sender or tightens one."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from eport.cli.main import app
from eport.exchange.worker import Worker

from .samples import codeco
from .support import Community, bearer, mailbox, post_edi


def _set(client: TestClient, token: str, participant: str, level: str) -> Any:
    return client.put(
        f"/api/v1/exchange/strictness/{participant}",
        headers=bearer(token),
        json={"strictness": level},
    )


def _status(client: TestClient, community: Community, interchange_id: int) -> dict[str, Any]:
    response = client.get(
        f"/api/v1/interchanges/{interchange_id}", headers=bearer(community.terminal)
    )
    body: dict[str, Any] = response.json()
    return body


def _send(client: TestClient, community: Community, worker: Worker, body: bytes) -> dict[str, Any]:
    interchange_id = post_edi(client, community.terminal, body)
    worker.drain()
    return _status(client, community, interchange_id)


def test_a_lenient_sender_gets_a_miscounted_message_through_with_a_warning(
    client: TestClient, community: Community, worker: Worker
) -> None:
    standard = _send(client, community, worker, codeco(ref="CNT1", unt_count=3))
    assert standard["status"] == "rejected"
    assert mailbox(client, community.carrier) == []

    assert _set(client, community.operator, "TERMA", "lenient").status_code == 200
    lenient = _send(client, community, worker, codeco(ref="CNT2", unt_count=3))
    assert lenient["status"] == "routed"
    [count] = [f for f in lenient["findings"] if f["code"] == "29"]
    assert count["severity"] == "warning" and count["segment_tag"] == "UNT"
    assert len(mailbox(client, community.carrier)) == 1


def test_a_strict_sender_is_refused_what_the_standard_level_only_warns_of(
    client: TestClient, community: Community, worker: Worker
) -> None:
    stray = codeco(ref="SEP1").replace(b"LOC+165+CNNGB:139:6'", b"LOC+165+CNNGB:139:6+'")
    standard = _send(client, community, worker, stray)
    assert standard["status"] == "routed"
    assert any(f["code"] == "45" and f["severity"] == "warning" for f in standard["findings"])

    assert _set(client, community.operator, "TERMA", "strict").status_code == 200
    strict = _send(client, community, worker, stray.replace(b"SEP1", b"SEP2"))
    assert strict["status"] == "rejected"
    assert any(f["code"] == "45" and f["severity"] == "error" for f in strict["findings"])


def test_only_the_operator_sets_a_known_level(client: TestClient, community: Community) -> None:
    assert _set(client, community.terminal, "TERMA", "lenient").status_code == 403
    refused = _set(client, community.operator, "TERMA", "whatever")
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert _set(client, community.operator, "NOBODY", "lenient").status_code == 422
    assert _set(client, community.operator, "TERMA", "lenient").json() == {
        "participant": "TERMA",
        "strictness": "lenient",
    }
    listed = client.get("/api/v1/exchange/strictness", headers=bearer(community.operator))
    assert listed.json() == [{"participant": "TERMA", "strictness": "lenient"}]


def test_the_operator_sets_it_from_the_command_line(
    env: None, make_participant: Callable[..., object]
) -> None:
    make_participant("LEGACY", roles=["terminal"], edi_ids=["LEGACY"])
    runner = CliRunner()
    done = runner.invoke(app, ["profiles", "strictness", "LEGACY", "lenient"])
    assert done.exit_code == 0, done.output
    listed = runner.invoke(app, ["profiles", "strictness"])
    assert json.loads(listed.output) == [{"participant": "LEGACY", "strictness": "lenient"}]
    wrong = runner.invoke(app, ["profiles", "strictness", "LEGACY", "loose"])
    assert wrong.exit_code != 0
