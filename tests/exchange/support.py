"""Helpers of the exchange hub's tests: the community's tokens and API calls."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi.testclient import TestClient


@dataclass
class Community:
    """Tokens of a terminal, a carrier, customs, a stranger and the operator."""

    terminal: str
    carrier: str
    customs: str
    stranger: str
    operator: str
    ids: dict[str, int]


def post_edi(client: TestClient, token: str, body: bytes) -> int:
    response = client.post(
        "/api/v1/interchanges",
        content=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/edifact"},
    )
    assert response.status_code == 202, response.text
    interchange_id: int = response.json()["id"]
    return interchange_id


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def mailbox(client: TestClient, token: str) -> list[dict[str, object]]:
    response = client.get("/api/v1/mailbox", headers=bearer(token))
    assert response.status_code == 200, response.text
    items: list[dict[str, object]] = response.json()["items"]
    return items
