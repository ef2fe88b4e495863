"""Health, readiness and metrics answer without credentials; readiness checks the schema."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import text

from eport.bootstrap import Platform


def test_alive_ready_and_metrics_need_no_login(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}
    client.get("/api/v1/me")  # an unauthenticated request, counted below
    metrics = client.get("/metrics")
    assert metrics.status_code == 200
    assert metrics.headers["content-type"].startswith("text/plain")
    assert 'eport_http_requests_total{method="GET",status="401"}' in metrics.text


def test_not_ready_when_the_schema_is_behind(client: TestClient, platform: Platform) -> None:
    with platform.engine.begin() as connection:
        (version,) = connection.execute(text("SELECT version_num FROM alembic_version")).one()
        connection.execute(text("UPDATE alembic_version SET version_num = '0001_foundation'"))
    try:
        answer = client.get("/readyz")
        assert answer.status_code == 503
        assert answer.headers["content-type"] == "application/problem+json"
        assert "migration" in answer.json()["detail"]
    finally:
        with platform.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": version})


def test_the_openapi_document_is_public(client: TestClient) -> None:
    document = client.get("/api/v1/openapi.json")
    assert document.status_code == 200
    assert "/api/v1/interchanges" in document.json()["paths"]
