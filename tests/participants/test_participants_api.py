"""The participants API: public applications, the operator's register, one's own record."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from eport.participants.models import Participant

Headers = Callable[[str], dict[str, str]]
APPLICATION = {
    "code": "NBFWD",
    "name_zh": "宁波货代有限公司",
    "roles": ["forwarder"],
    "credit_code": "91350100M000100Y43",
    "identifiers": [{"scheme": "edi", "value": "NBFWD", "qualifier": "ZZZ"}],
    "contact_name": "王经理",
    "contact_email": "ops@nbfwd.example",
}


@pytest.fixture
def operator_headers(
    make_participant: Callable[..., Participant],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> dict[str, str]:
    make_participant("EPORT", roles=["operator"])
    return auth_headers(make_token("EPORT", scopes=["participants:read", "participants:admin"]))


def test_apply_then_operator_approves(client: TestClient, operator_headers: dict[str, str]) -> None:
    response = client.post("/public/v1/applications", json=APPLICATION)
    assert response.status_code == 202, response.text
    assert response.json() == {"code": "NBFWD", "status": "applied"}
    listed = client.get("/api/v1/participants?status=applied", headers=operator_headers).json()
    assert [p["code"] for p in listed["items"]] == ["NBFWD"]
    assert listed["items"][0]["contact_email"] == "ops@nbfwd.example"
    approved = client.post("/api/v1/participants/NBFWD/approve", headers=operator_headers)
    assert approved.status_code == 200
    assert approved.json()["status"] == "active"


def test_an_application_with_a_bad_credit_code_is_refused(client: TestClient) -> None:
    response = client.post(
        "/public/v1/applications", json={**APPLICATION, "credit_code": "91350100M000100Y44"}
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert "credit code" in response.json()["detail"]


def test_applications_are_rate_limited_per_address(client: TestClient) -> None:
    statuses = [
        client.post(
            "/public/v1/applications", json={**APPLICATION, "code": f"APP{i}", "identifiers": []}
        ).status_code
        for i in range(7)
    ]
    assert statuses[:5] == [202] * 5
    assert statuses[5:] == [429, 429]


def test_operator_adds_and_suspends(client: TestClient, operator_headers: dict[str, str]) -> None:
    body = {
        "code": "MSC",
        "name_en": "MSC",
        "roles": ["carrier"],
        "identifiers": [{"scheme": "edi", "value": "MSCU"}],
    }
    created = client.post("/api/v1/participants", json=body, headers=operator_headers)
    assert created.status_code == 201, created.text
    assert created.json()["status"] == "active"
    assert (
        client.post("/api/v1/participants", json=body, headers=operator_headers).status_code == 409
    )
    suspended = client.post("/api/v1/participants/MSC/suspend", headers=operator_headers)
    assert suspended.json()["status"] == "suspended"
    assert (
        client.post("/api/v1/participants/MSC/reactivate", headers=operator_headers).json()[
            "status"
        ]
        == "active"
    )


def test_operator_edits_identifiers(
    client: TestClient,
    operator_headers: dict[str, str],
    make_participant: Callable[..., Participant],
) -> None:
    make_participant("MSK", roles=["carrier"])
    added = client.post(
        "/api/v1/participants/MSK/identifiers",
        json={"scheme": "scac", "value": "MAEU"},
        headers=operator_headers,
    )
    assert added.status_code == 201
    ident = added.json()["identifiers"][0]
    removed = client.delete(
        f"/api/v1/participants/MSK/identifiers/{ident['id']}", headers=operator_headers
    )
    assert removed.json()["identifiers"] == []


def test_list_is_paginated_by_cursor(
    client: TestClient,
    operator_headers: dict[str, str],
    make_participant: Callable[..., Participant],
) -> None:
    for i in range(5):
        make_participant(f"P{i}")
    seen: list[str] = []
    url = "/api/v1/participants?limit=2"
    while url:
        page = client.get(url, headers=operator_headers).json()
        seen += [p["code"] for p in page["items"]]
        url = (
            f"/api/v1/participants?limit=2&cursor={page['next_cursor']}"
            if page["next_cursor"]
            else ""
        )
    assert seen == ["EPORT", "P0", "P1", "P2", "P3", "P4"]


def test_other_participants_cannot_use_the_register(
    client: TestClient,
    make_participant: Callable[..., Participant],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> None:
    make_participant("NBCT", roles=["terminal"])
    headers = auth_headers(make_token("NBCT", scopes=["participants:read"]))
    assert client.get("/api/v1/participants", headers=headers).status_code == 403
    assert client.get("/api/v1/participants/NBCT", headers=headers).status_code == 403
    assert client.get("/api/v1/me", headers=headers).json()["code"] == "NBCT"


def test_operator_scope_is_needed_even_for_the_operator(
    client: TestClient,
    make_participant: Callable[..., Participant],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> None:
    make_participant("EPORT", roles=["operator"])
    headers = auth_headers(make_token("EPORT"))  # default: messages scopes only
    response = client.post("/api/v1/participants/EPORT/suspend", headers=headers)
    assert response.status_code == 403


def test_operator_sets_a_time_zone_and_an_unknown_one_is_refused(
    client: TestClient, operator_headers: dict[str, str]
) -> None:
    body = {"code": "NBCT", "name_en": "NBCT", "roles": ["terminal"], "time_zone": "Asia/Shanghai"}
    created = client.post("/api/v1/participants", json=body, headers=operator_headers)
    assert created.status_code == 201, created.text
    assert created.json()["time_zone"] == "Asia/Shanghai"

    changed = client.put(
        "/api/v1/participants/NBCT/time-zone",
        json={"time_zone": "Europe/Amsterdam"},
        headers=operator_headers,
    )
    assert changed.status_code == 200, changed.text
    read = client.get("/api/v1/participants/NBCT", headers=operator_headers).json()
    assert read["time_zone"] == "Europe/Amsterdam"

    refused = client.put(
        "/api/v1/participants/NBCT/time-zone",
        json={"time_zone": "Europe/Atlantis"},
        headers=operator_headers,
    )
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert "unknown time zone 'Europe/Atlantis'" in refused.json()["detail"]
    read = client.get("/api/v1/participants/NBCT", headers=operator_headers).json()
    assert read["time_zone"] == "Europe/Amsterdam"

    new = {**body, "code": "NBCT2", "time_zone": "Asia/Shang_hai"}
    refused = client.post("/api/v1/participants", json=new, headers=operator_headers)
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"


def test_without_a_time_zone_a_participant_keeps_the_platforms(
    client: TestClient, operator_headers: dict[str, str]
) -> None:
    body = {"code": "MSC", "name_en": "MSC", "roles": ["carrier"]}
    created = client.post("/api/v1/participants", json=body, headers=operator_headers)
    assert created.json()["time_zone"] == ""


def test_only_the_operator_sets_a_time_zone(
    client: TestClient,
    operator_headers: dict[str, str],
    make_participant: Callable[..., Participant],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> None:
    make_participant("NBCT", roles=["terminal"])
    own = auth_headers(make_token("NBCT"))
    response = client.put(
        "/api/v1/participants/NBCT/time-zone", json={"time_zone": "UTC"}, headers=own
    )
    assert response.status_code == 403
    read = client.get("/api/v1/participants/NBCT", headers=operator_headers).json()
    assert read["time_zone"] == ""
