"""Every request under /api/v1/ needs credentials, for every route, known or not."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from conftest import TEST_SECRET, api_routes
from eport.bootstrap import Platform
from eport.db.engine import make_session_factory
from eport.settings import Settings, load_settings
from eport.web.app import API_PREFIX, create_app


@pytest.fixture(scope="module")
def anonymous(
    tmp_path_factory: pytest.TempPathFactory, database_url: str, _database: Any
) -> Iterator[TestClient]:
    """One app for all refusals: they touch no data, so no test needs empty tables."""
    settings = load_settings(
        environment="test",
        data_dir=tmp_path_factory.mktemp("data"),
        database_url=database_url,
        secret_key=TEST_SECRET,
    )
    platform = Platform(
        settings=settings,
        engine=_database.engine,
        session_factory=make_session_factory(_database.engine),
        secret_key=TEST_SECRET,
    )
    with TestClient(create_app(settings, platform)) as test_client:
        yield test_client


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def _route_table() -> list[tuple[str, str]]:
    # Built without a database: the route table does not depend on one.
    settings = Settings(environment="test", database_url="sqlite://", secret_key="x" * 40)
    return [(method, path) for method, path, _ in api_routes(create_app(settings))]


def test_there_are_api_routes_to_check(app: FastAPI) -> None:
    paths = {path for _, path, _ in api_routes(app)}
    assert {"/api/v1/me", "/api/v1/participants"} <= paths


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "api_route" in metafunc.fixturenames:
        routes = _route_table()
        metafunc.parametrize("api_route", routes, ids=[f"{m} {p}" for m, p in routes])


def _assert_unauthorized(
    response_status: int, headers: dict[str, str], body: dict[str, object]
) -> None:
    assert response_status == 401
    assert headers["content-type"] == "application/problem+json"
    assert headers["www-authenticate"].startswith("Bearer")
    assert body["status"] == 401


def test_every_route_refuses_missing_credentials(
    anonymous: TestClient, api_route: tuple[str, str]
) -> None:
    method, path = api_route
    response = anonymous.request(method, _concrete(path), json={})
    _assert_unauthorized(response.status_code, dict(response.headers), response.json())


def test_every_route_refuses_an_unknown_token(
    anonymous: TestClient,
    api_route: tuple[str, str],
    auth_headers: Callable[[str], dict[str, str]],
) -> None:
    method, path = api_route
    response = anonymous.request(method, _concrete(path), headers=auth_headers("ept_forged"))
    _assert_unauthorized(response.status_code, dict(response.headers), response.json())


@pytest.mark.parametrize("path", ["/api/v1/no-such-route", "/api/v1", "/api/v1/x/y/z"])
@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
def test_unknown_routes_refuse_missing_credentials(
    anonymous: TestClient, method: str, path: str
) -> None:
    response = anonymous.request(method, path)
    _assert_unauthorized(response.status_code, dict(response.headers), response.json())


def test_openapi_document_needs_no_login(client: TestClient) -> None:
    assert client.get(f"{API_PREFIX}/openapi.json").status_code == 200


def test_a_malformed_authorization_header_is_refused(client: TestClient) -> None:
    response = client.get(f"{API_PREFIX}/me", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert response.status_code == 401
