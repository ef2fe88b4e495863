"""The users, tokens and audit API, for a participant's admin and for the operator."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from eport.auth.scopes import ALL_SCOPES, PARTICIPANT_SCOPES
from eport.participants.models import Participant

Headers = Callable[[str], dict[str, str]]


@pytest.fixture
def nbct(
    make_participant: Callable[..., Participant],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> dict[str, str]:
    make_participant("NBCT", roles=["terminal"])
    return auth_headers(make_token("NBCT", scopes=sorted(PARTICIPANT_SCOPES)))


@pytest.fixture
def operator(
    make_participant: Callable[..., Participant],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> dict[str, str]:
    make_participant("EPORT", roles=["operator"])
    return auth_headers(make_token("EPORT", scopes=sorted(ALL_SCOPES)))


def test_a_participant_creates_and_revokes_its_own_token(
    client: TestClient, nbct: dict[str, str]
) -> None:
    created = client.post("/api/v1/tokens", json={"name": "gate system"}, headers=nbct)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["scopes"] == ["messages:receive", "messages:send"]
    secret = body["token"]
    listed = client.get("/api/v1/tokens", headers=nbct).json()["items"]
    assert all("token" not in item for item in listed)
    assert secret not in str(listed)
    revoked = client.delete(f"/api/v1/tokens/{body['id']}", headers=nbct)
    assert revoked.json()["revoked_at"] is not None
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    )


def test_nobody_grants_scopes_they_lack(client: TestClient, nbct: dict[str, str]) -> None:
    response = client.post("/api/v1/tokens", json={"scopes": ["participants:admin"]}, headers=nbct)
    assert response.status_code == 422  # an operator scope on a non-operator's token
    narrow = client.post("/api/v1/tokens", json={"scopes": ["messages:send"]}, headers=nbct).json()[
        "token"
    ]
    escalate = client.post(
        "/api/v1/tokens",
        json={"scopes": ["audit:read"]},
        headers={"Authorization": f"Bearer {narrow}"},
    )
    assert escalate.status_code == 403  # lacks tokens:admin in the first place


def test_unknown_scopes_are_refused(client: TestClient, nbct: dict[str, str]) -> None:
    response = client.post("/api/v1/tokens", json={"scopes": ["root"]}, headers=nbct)
    assert response.status_code == 422


def test_a_participant_admin_adds_users_to_itself_only(
    client: TestClient, nbct: dict[str, str], operator: dict[str, str]
) -> None:
    created = client.post(
        "/api/v1/users", json={"username": "gate.clerk", "role": "clerk"}, headers=nbct
    )
    assert created.status_code == 201, created.text
    assert len(created.json()["password"]) >= 12
    other = client.post(
        "/api/v1/users",
        json={"participant": "EPORT", "username": "mole", "role": "admin"},
        headers=nbct,
    )
    assert other.status_code == 404
    names = [u["username"] for u in client.get("/api/v1/users", headers=nbct).json()["items"]]
    assert names == ["gate.clerk"]


def test_the_operator_administers_everyone(
    client: TestClient, nbct: dict[str, str], operator: dict[str, str]
) -> None:
    made = client.post(
        "/api/v1/users",
        json={
            "participant": "NBCT",
            "username": "nbct.admin",
            "role": "admin",
            "password": "a-long-password",
        },
        headers=operator,
    )
    assert made.status_code == 201
    assert made.json()["password"] is None  # the caller chose it
    token = client.post("/api/v1/tokens", json={"participant": "NBCT"}, headers=operator)
    assert token.status_code == 201
    assert client.get("/api/v1/tokens?participant=NBCT", headers=operator).json()["items"]
    assert client.get("/api/v1/users?participant=NOPE", headers=operator).status_code == 404


def test_audit_log_shows_own_events_to_a_participant_and_all_to_the_operator(
    client: TestClient, nbct: dict[str, str], operator: dict[str, str]
) -> None:
    client.post("/api/v1/tokens", json={}, headers=nbct)
    own = client.get("/api/v1/audit", headers=nbct).json()["items"]
    assert own and {e["target"] for e in own if e["action"] == "participant.added"} == {"NBCT"}
    everyone = client.get("/api/v1/audit?action=participant.added", headers=operator).json()
    assert {e["target"] for e in everyone["items"]} == {"NBCT", "EPORT"}
    created = [e for e in own if e["action"] == "token.created"]
    assert created[0]["actor"].startswith("token:") and created[0]["ip"]


def test_audit_log_is_paginated_newest_first(client: TestClient, operator: dict[str, str]) -> None:
    for _ in range(3):
        client.post("/api/v1/tokens", json={}, headers=operator)
    first = client.get("/api/v1/audit?limit=2", headers=operator).json()
    second = client.get(
        f"/api/v1/audit?limit=2&cursor={first['next_cursor']}", headers=operator
    ).json()
    ids = [e["id"] for e in first["items"] + second["items"]]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 4


def test_an_admin_unlocks_disables_and_changes_a_user(
    client: TestClient,
    nbct: dict[str, str],
    platform: object,
) -> None:
    made = client.post(
        "/api/v1/users", json={"username": "gate.clerk", "role": "clerk"}, headers=nbct
    ).json()
    url = f"/api/v1/users/{made['id']}"
    changed = client.patch(url, json={"role": "viewer", "is_active": False}, headers=nbct)
    assert changed.status_code == 200
    assert (changed.json()["role"], changed.json()["is_active"]) == ("viewer", False)
    assert client.patch(url, json={"role": "root"}, headers=nbct).status_code == 422
    audit = client.get("/api/v1/audit?action=user.changed", headers=nbct).json()["items"]
    assert audit[0]["detail"] == {"role": "viewer", "is_active": False}
