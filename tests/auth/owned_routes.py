"""Routes of users, tokens and the audit log that serve one participant's data."""

from __future__ import annotations

from conftest import Owned, OwnedRoute, Owner


def _token(owner: Owner) -> Owned:
    made = owner.client.post("/api/v1/tokens", json={"name": "owned"}, headers=owner.headers)
    assert made.status_code == 201, made.text
    return Owned({"token_id": str(made.json()["id"])}, made.json()["prefix"])


def _token_id(owner: Owner) -> Owned:
    return Owned(_token(owner).params)


def _user(owner: Owner) -> Owned:
    made = owner.client.post(
        "/api/v1/users", json={"username": "owned.user", "role": "viewer"}, headers=owner.headers
    )
    assert made.status_code == 201, made.text
    return Owned({"user_id": str(made.json()["id"])}, "owned.user")


def _user_id(owner: Owner) -> Owned:
    return Owned(_user(owner).params)


OWNED_ROUTES = [
    OwnedRoute("GET", "/api/v1/tokens/{token_id}", _token_id, owner_status=200),
    OwnedRoute("DELETE", "/api/v1/tokens/{token_id}", _token_id, owner_status=200),
    OwnedRoute("GET", "/api/v1/tokens", _token, owner_status=200),
    OwnedRoute("GET", "/api/v1/users/{user_id}", _user_id, owner_status=200),
    OwnedRoute("GET", "/api/v1/users", _user, owner_status=200),
    OwnedRoute(
        "PATCH", "/api/v1/users/{user_id}", _user_id, body={"is_active": False}, owner_status=200
    ),
    OwnedRoute("GET", "/api/v1/audit", _token, owner_status=200),
]
