"""A participant never sees or changes another participant's data, route by route.

The routes come from every ``owned_routes.py`` under tests/ (see conftest.py).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from conftest import OwnedRoute, Owner, api_routes
from eport.auth.scopes import PARTICIPANT_SCOPES
from eport.participants.models import Participant
from eport.settings import Settings
from eport.web.app import create_app
from eport.web.deps import require_operator

TESTS = Path(__file__).resolve().parents[1]


def _registered() -> list[OwnedRoute]:
    found: list[OwnedRoute] = []
    for index, path in enumerate(sorted(TESTS.rglob("owned_routes.py"))):
        spec = importlib.util.spec_from_file_location(f"_owned_routes_{index}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found += module.OWNED_ROUTES
    return found


REGISTERED = _registered()


def _operator_only(dependant: Dependant) -> bool:
    return any(
        dep.call is require_operator or _operator_only(dep) for dep in dependant.dependencies
    )


def test_every_route_with_a_path_parameter_is_checked() -> None:
    settings = Settings(environment="test", database_url="sqlite://", secret_key="x" * 40)
    registered = {(r.method, r.path) for r in REGISTERED}
    unchecked = [
        f"{method} {path}"
        for method, path, route in api_routes(create_app(settings))
        if "{" in path
        and (method, path) not in registered
        and not _operator_only(_dependant(route))
    ]
    assert not unchecked, "register these in an owned_routes.py (see tests/conftest.py)"


def _dependant(route: APIRoute) -> Dependant:
    return route.dependant


@pytest.mark.parametrize("owned", REGISTERED, ids=[f"{r.method} {r.path}" for r in REGISTERED])
def test_a_stranger_cannot_reach_anothers_resource(
    owned: OwnedRoute,
    client: TestClient,
    make_participant: Callable[..., Participant],
    make_token: Callable[..., str],
    auth_headers: Callable[[str], dict[str, str]],
) -> None:
    scopes = sorted(PARTICIPANT_SCOPES)
    participant = make_participant("OWNER1", roles=list(owned.roles))
    make_participant("STRANGER", roles=list(owned.roles))
    owner = Owner(client.app.state.platform, client, participant, make_token("OWNER1", scopes))
    resource = owned.create(owner)
    path = owned.path.format(**resource.params)
    stranger = auth_headers(make_token("STRANGER", scopes))
    response = client.request(owned.method, path, headers=stranger, json=owned.body)
    if resource.marker is not None:
        assert response.status_code == 200, response.text
        assert resource.marker not in response.text
    else:
        assert response.status_code == owned.stranger_status, response.text
    if owned.owner_status is not None:
        mine = client.request(owned.method, path, headers=owner.headers, json=owned.body)
        assert mine.status_code == owned.owner_status, mine.text
        if resource.marker is not None:
            assert resource.marker in mine.text
