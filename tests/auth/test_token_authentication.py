"""API tokens: scopes, expiry, revocation, suspension, last use, storage as a hash."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from conftest import CLI_ORIGIN
from eport.auth.audit import list_events
from eport.auth.credentials import fingerprint
from eport.auth.models import ApiToken
from eport.auth.tokens import revoke_token
from eport.bootstrap import Platform
from eport.db.types import utcnow

Headers = Callable[[str], dict[str, str]]


def test_a_valid_token_reaches_the_api(
    client: TestClient,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> None:
    make_participant("NBCT", roles=["terminal"])
    token = make_token("NBCT", scopes=["participants:read"])
    response = client.get("/api/v1/me", headers=auth_headers(token))
    assert response.status_code == 200, response.text
    assert response.json()["code"] == "NBCT"


def test_only_the_hash_of_a_token_is_stored(
    platform: Platform, make_participant: Callable[..., object], make_token: Callable[..., str]
) -> None:
    make_participant("NBCT", roles=["terminal"])
    token = make_token("NBCT")
    with platform.uow() as uow:
        stored = uow.session.scalars(select(ApiToken)).one()
        assert stored.token_hash == fingerprint(token)
        assert token not in (stored.token_hash, stored.prefix, stored.name)
        assert set(stored.scopes.split()) == {"messages:send", "messages:receive"}


def test_a_missing_scope_is_refused_with_403(
    client: TestClient,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> None:
    make_participant("NBCT", roles=["terminal"])
    token = make_token("NBCT")  # messages scopes only
    response = client.get("/api/v1/tokens", headers=auth_headers(token))
    assert response.status_code == 403
    assert response.json()["required_scope"] == "tokens:admin"
    me = client.get("/api/v1/me", headers=auth_headers(token)).json()
    assert me["scopes"] == ["messages:receive", "messages:send"]
    assert me["authenticated_as"].startswith("token:")


def test_an_expired_token_is_refused(
    client: TestClient,
    platform: Platform,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> None:
    make_participant("NBCT", roles=["terminal"])
    token = make_token("NBCT", scopes=["participants:read"], expires_days=1)
    assert client.get("/api/v1/me", headers=auth_headers(token)).status_code == 200
    with platform.uow() as uow:
        uow.session.execute(update(ApiToken).values(expires_at=utcnow() - timedelta(seconds=1)))
        uow.commit()
    # A change made outside the use cases reaches this process when its cache entry lapses.
    platform.token_cache.clear()
    assert client.get("/api/v1/me", headers=auth_headers(token)).status_code == 401


def test_a_revoked_token_is_refused_at_once_and_audited(
    client: TestClient,
    platform: Platform,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> None:
    make_participant("NBCT", roles=["terminal"])
    token = make_token("NBCT", scopes=["participants:read"])
    assert client.get("/api/v1/me", headers=auth_headers(token)).status_code == 200
    with platform.uow() as uow:
        revoke_token(uow, token[:12], CLI_ORIGIN)
    assert client.get("/api/v1/me", headers=auth_headers(token)).status_code == 401
    with platform.uow() as uow:
        actions = [
            e.action for e in list_events(uow, participant_id=None, before_id=None, limit=10)
        ]
    assert actions[:2] == ["token.revoked", "token.created"]


@pytest.mark.parametrize("status", ["applied", "suspended"])
def test_a_token_of_an_inactive_participant_is_refused(
    client: TestClient,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
    auth_headers: Headers,
    status: str,
) -> None:
    make_participant("NBCT", roles=["terminal"], status=status)
    token = make_token("NBCT", scopes=["participants:read"])
    assert client.get("/api/v1/me", headers=auth_headers(token)).status_code == 401


def test_last_use_is_written_at_most_once_a_minute(
    client: TestClient,
    platform: Platform,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> None:
    make_participant("NBCT", roles=["terminal"])
    token = make_token("NBCT", scopes=["participants:read"])

    def last_used() -> object:
        with platform.uow() as uow:
            return uow.session.scalars(select(ApiToken.last_used_at)).one()

    assert last_used() is None
    client.get("/api/v1/me", headers=auth_headers(token))
    first = last_used()
    assert first is not None
    client.get("/api/v1/me", headers=auth_headers(token))
    assert last_used() == first
