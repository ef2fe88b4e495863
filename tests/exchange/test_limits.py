"""Limits on receiving: size per interchange (413), rate per participant (429), media type."""

from __future__ import annotations

import httpx
from fastapi.testclient import TestClient

from eport.bootstrap import Platform
from eport.exchange.ratelimit import RateLimiter

from .samples import codeco
from .support import Community, bearer


def _post(
    client: TestClient, token: str, body: bytes, content_type: str = "application/edifact"
) -> httpx.Response:
    return client.post(
        "/api/v1/interchanges",
        content=body,
        headers={**bearer(token), "Content-Type": content_type},
    )


def test_too_large_is_413_problem_json(
    client: TestClient, community: Community, platform: Platform
) -> None:
    platform.settings.max_interchange_bytes = 200
    response = _post(client, community.terminal, codeco(containers=("A", "B", "C")))
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["max_bytes"] == 200


def test_rate_limit_is_429_with_retry_after(client: TestClient, community: Community) -> None:
    client.app.state.exchange_rate_limiter = RateLimiter(rate=0.5, burst=2)  # type: ignore[attr-defined]
    codes = [_post(client, community.terminal, codeco(ref=f"RL{i}")).status_code for i in range(3)]
    assert codes == [202, 202, 429]
    refused = _post(client, community.terminal, codeco(ref="RL9"))
    assert refused.headers["content-type"] == "application/problem+json"
    assert int(refused.headers["retry-after"]) >= 1
    # Another participant has its own bucket.
    assert _post(client, community.customs, codeco(ref="RLX")).status_code == 202


def test_default_limits_do_not_stop_a_busy_terminal(
    client: TestClient, community: Community
) -> None:
    codes = {_post(client, community.terminal, codeco(ref=f"B{i}")).status_code for i in range(300)}
    assert codes == {202}


def test_only_edifact_media_types_and_credentials(client: TestClient, community: Community) -> None:
    assert _post(client, community.terminal, b"{}", "application/json").status_code == 415
    assert _post(client, community.terminal, codeco(), "text/plain").status_code == 202
    assert _post(client, community.terminal, b"").status_code == 400
    anonymous = client.post(
        "/api/v1/interchanges", content=codeco(), headers={"Content-Type": "application/edifact"}
    )
    assert anonymous.status_code == 401


def test_token_bucket() -> None:
    limiter = RateLimiter(rate=10, burst=3)
    assert [limiter.acquire(1, now=0.0) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.acquire(1, now=0.0) > 0
    assert limiter.acquire(1, now=0.1) == 0.0
    assert limiter.acquire(2, now=0.0) == 0.0
