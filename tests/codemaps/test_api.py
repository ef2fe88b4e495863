"""REST API of the code maps: a participant keeps its own maps, the operator anyone's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eport.auth.scopes import CONFIG_ADMIN, PARTICIPANT_SCOPES, PARTICIPANTS_READ
from eport.participants.models import Participant

Headers = dict[str, str]
SIZES = "partner_code,standard_code\n40HC,45G1\n20GP,22G1\n"


@pytest.fixture
def terminal(
    make_participant: Callable[..., Participant],
    make_token: Callable[..., str],
    auth_headers: Callable[[str], Headers],
) -> Headers:
    make_participant("NBCT", roles=["terminal"])
    return auth_headers(make_token("NBCT", sorted(PARTICIPANT_SCOPES)))


def _import(
    client: TestClient,
    headers: Headers,
    text: str,
    *,
    participant: str = "NBCT",
    list_name: str = "size-type",
    merge: bool = False,
) -> Any:  # the test client's response
    return client.post(
        f"/api/v1/code-maps/{participant}/{list_name}/import",
        params={"merge": str(merge).lower()},
        content=text.encode("utf-8"),
        headers={**headers, "Content-Type": "text/csv"},
    )


def test_import_list_export_and_delete(client: TestClient, terminal: Headers) -> None:
    imported = client.post(
        "/api/v1/code-maps/NBCT/size-type/import",
        content=SIZES,
        headers={**terminal, "Content-Type": "text/csv"},
    )
    assert imported.status_code == 200, imported.text
    assert imported.json() == {"participant": "NBCT", "list_name": "size-type", "entries": 2}
    listed = client.get("/api/v1/code-maps/NBCT/size-type", headers=terminal).json()
    assert listed["entries"] == [
        {"partner_code": "40HC", "standard_code": "45G1"},
        {"partner_code": "20GP", "standard_code": "22G1"},
    ]
    exported = client.get("/api/v1/code-maps/NBCT/size-type/export", headers=terminal)
    assert exported.headers["content-type"].startswith("text/csv")
    assert exported.text == SIZES
    deleted = client.delete("/api/v1/code-maps/NBCT/size-type/entries/20GP", headers=terminal)
    assert deleted.status_code == 204
    summary = client.get("/api/v1/code-maps/NBCT", headers=terminal).json()
    assert summary == {
        "participant": "NBCT",
        "unknown_codes": "warn",
        "entries": {
            "size-type": 1,
            "location": 0,
            "carrier": 0,
            "package": 0,
            "country": 0,
            "currency": 0,
        },
    }


def test_set_entry_and_policy(client: TestClient, terminal: Headers) -> None:
    put = client.put(
        "/api/v1/code-maps/NBCT/location/entries/NGB",
        json={"standard_code": "CNNGB"},
        headers=terminal,
    )
    assert put.status_code == 200, put.text
    assert put.json() == {"partner_code": "NGB", "standard_code": "CNNGB"}
    clash = client.put(
        "/api/v1/code-maps/NBCT/location/entries/NB",
        json={"standard_code": "CNNGB"},
        headers=terminal,
    )
    assert clash.status_code == 409
    invalid = client.put(
        "/api/v1/code-maps/NBCT/location/entries/X",
        json={"standard_code": "NOWHERE"},
        headers=terminal,
    )
    assert invalid.status_code == 422
    policy = client.put(
        "/api/v1/code-maps/NBCT/policy", json={"unknown_codes": "reject"}, headers=terminal
    )
    assert policy.status_code == 200 and policy.json()["unknown_codes"] == "reject"


def test_bad_rows_answer_with_row_and_column(client: TestClient, terminal: Headers) -> None:
    response = _import(client, terminal, "partner_code,standard_code\n40HC,45G1\n20GP,NOPE\n")
    assert response.status_code == 422
    body = response.json()
    assert response.headers["content-type"] == "application/problem+json"
    assert body["errors"] == [
        {"row": 3, "column": "standard_code", "message": "'NOPE' is not a standard size-type code"},
    ]
    assert client.get("/api/v1/code-maps/NBCT/size-type", headers=terminal).json()["entries"] == []


def test_unknown_list_is_404(client: TestClient, terminal: Headers) -> None:
    assert client.get("/api/v1/code-maps/NBCT/colours", headers=terminal).status_code == 404


def test_another_participant_sees_nothing(
    client: TestClient,
    terminal: Headers,
    make_participant: Callable[..., Participant],
    make_token: Callable[..., str],
    auth_headers: Callable[[str], Headers],
) -> None:
    _import(client, terminal, SIZES)
    make_participant("COSCO", roles=["carrier"])
    stranger = auth_headers(make_token("COSCO", sorted(PARTICIPANT_SCOPES)))
    assert client.get("/api/v1/code-maps/NBCT/size-type", headers=stranger).status_code == 404
    assert _import(client, stranger, SIZES).status_code == 404
    own = client.get("/api/v1/code-maps/COSCO/size-type", headers=stranger)
    assert own.status_code == 200 and own.json()["entries"] == []


def test_the_operator_keeps_anyones_maps(
    client: TestClient,
    terminal: Headers,
    make_participant: Callable[..., Participant],
    make_token: Callable[..., str],
    auth_headers: Callable[[str], Headers],
) -> None:
    make_participant("PORTOP", roles=["operator"])
    operator = auth_headers(make_token("PORTOP", [PARTICIPANTS_READ, CONFIG_ADMIN]))
    assert _import(client, operator, SIZES).status_code == 200
    listed = client.get("/api/v1/code-maps/NBCT/size-type", headers=terminal).json()
    assert len(listed["entries"]) == 2


def test_reading_is_not_keeping(
    client: TestClient,
    terminal: Headers,
    make_token: Callable[..., str],
    auth_headers: Callable[[str], Headers],
) -> None:
    reader = auth_headers(make_token("NBCT", [PARTICIPANTS_READ]))
    assert client.get("/api/v1/code-maps/NBCT", headers=reader).status_code == 200
    assert _import(client, reader, SIZES).status_code == 403


def test_credentials_are_required(client: TestClient, terminal: Headers) -> None:
    assert client.get("/api/v1/code-maps/NBCT").status_code == 401
    assert _import(client, {}, SIZES).status_code == 401
