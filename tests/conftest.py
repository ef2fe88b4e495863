"""Shared fixtures of eport's tests.

Database
    ``EPORT_TEST_DATABASE_URL`` (e.g. ``postgresql+psycopg://postgres@127.0.0.1:5432/scratch``)
    names the test database; without it a temporary SQLite file is used. The schema comes
    from the Alembic migrations (``eport.db.migrate.upgrade``), once per test session. Every
    test that uses ``platform`` (directly or through ``app``, ``client``, ``make_*``) starts
    on empty tables. Tests marked ``@pytest.mark.postgres`` are skipped on SQLite.

Fixtures
    ``database_url``   the migrated test database (session scope)
    ``settings``       Settings with a temporary data_dir, environment "test", a test secret
    ``platform``       a Platform on the test database (tables emptied before the test)
    ``app``            ``create_app(settings, platform)``
    ``client``         a ``fastapi.testclient.TestClient`` of ``app``
    ``make_participant(code, roles=["forwarder"], edi_ids=["ID" or "QUAL:ID"], status="active")``
                       registers a participant, returns the ``Participant`` row
    ``make_token(participant_code, scopes=None) -> str``
                       a new API token (default scopes: messages:send messages:receive)
    ``make_user(participant_code, username, role="admin", password=...) -> User``
    ``auth_headers(token) -> dict``   ``{"Authorization": "Bearer <token>"}``

Helpers
    ``api_routes(app) -> list[(method, path, APIRoute)]``: every route under /api/v1 that
    needs credentials (FastAPI includes routers lazily, so ``app.routes`` alone misses them).

Isolation between participants ("a participant never sees another's data")
    ``tests/web/test_isolation.py`` checks, for every route that serves a resource owned by
    a participant, that a second participant gets 404 (or, for a list, does not see it).
    To cover your routes, create a module named ``owned_routes.py`` anywhere under
    ``tests/`` holding ``OWNED_ROUTES: list[OwnedRoute]`` (import ``OwnedRoute`` and
    ``Owner`` from ``conftest``). Each entry's ``create(owner)`` makes a resource owned by
    ``owner`` (a participant with a token holding every participant scope) and returns the
    path parameters and, for list routes, a text that must not leak. The same test fails
    for any ``/api/v1`` route with a path parameter that is neither registered nor
    operator-only, so new routes cannot be forgotten.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import Engine, MetaData, text
from sqlalchemy.exc import DBAPIError

from eport.auth.audit import Origin
from eport.auth.models import User
from eport.auth.principal import CLI_PRINCIPAL
from eport.bootstrap import Platform
from eport.db.engine import make_engine, make_session_factory
from eport.db.migrate import upgrade
from eport.participants.models import Participant
from eport.settings import Settings, load_settings

# CI explores the same examples every run, so a red build always reproduces; locally
# hypothesis keeps searching new ones.
if os.environ.get("CI"):
    from hypothesis import settings as hypothesis_settings

    hypothesis_settings.register_profile("ci", derandomize=True, deadline=None)
    hypothesis_settings.load_profile("ci")

TEST_SECRET = "test-secret-key-that-is-long-enough-to-be-real-0123456789"
TEST_PASSWORD = "correct horse battery staple"


def api_routes(app: FastAPI) -> list[tuple[str, str, APIRoute]]:
    from eport.web.app import API_PREFIX, PUBLIC_API_PATHS

    found = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        path = context.path or ""
        if not isinstance(route, APIRoute) or not path.startswith(API_PREFIX + "/"):
            continue
        if path in PUBLIC_API_PATHS:
            continue
        for method in sorted((context.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((method, path, route))
    return found


def _test_database_url(tmp_root: Path) -> str:
    return os.environ.get("EPORT_TEST_DATABASE_URL") or f"sqlite:///{tmp_root / 'test.db'}"


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing() -> Iterator[None]:
    """Tests need argon2's behaviour, not its cost (a second per hash on a busy machine)."""
    from argon2 import PasswordHasher, profiles

    from eport.auth import passwords

    strong = passwords._hasher
    passwords._hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)
    yield
    passwords._hasher = strong


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = _test_database_url(tmp_path_factory.mktemp("db"))
    upgrade(url)
    return url


@dataclass
class _Database:
    engine: Engine
    tables: list[str]  # dependents first, so deleting in this order respects foreign keys


@pytest.fixture(scope="session")
def _database(database_url: str) -> Iterator[_Database]:
    engine = make_engine(database_url)
    reflected = MetaData()
    reflected.reflect(engine)
    tables = [t.name for t in reversed(reflected.sorted_tables) if t.name != "alembic_version"]
    yield _Database(engine, tables)
    engine.dispose()


def _empty_tables(database: _Database) -> None:
    if database.engine.dialect.name == "postgresql":
        try:
            _delete_rows_without_triggers(database)
        except DBAPIError:  # not a superuser: TRUNCATE is slower but needs no privilege
            names = ", ".join(f'"{name}"' for name in database.tables)
            with database.engine.begin() as connection:
                connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        return
    with database.engine.begin() as connection:
        for name in database.tables:
            connection.execute(text(f'DELETE FROM "{name}"'))


def _delete_rows_without_triggers(database: _Database) -> None:
    # The replica role skips triggers (the audit log's append-only guard among them);
    # DELETE on small tables is ten times faster than TRUNCATE, which rewrites files.
    with database.engine.begin() as connection:
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        for name in database.tables:
            connection.execute(text(f'DELETE FROM "{name}"'))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    url = os.environ.get("EPORT_TEST_DATABASE_URL", "")
    if url.startswith("postgres"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set EPORT_TEST_DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings(
        environment="test",
        data_dir=tmp_path / "data",
        database_url=database_url,
        secret_key=TEST_SECRET,
        log_json=True,
    )


@pytest.fixture
def platform(settings: Settings, _database: _Database) -> Platform:
    _empty_tables(_database)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return Platform(
        settings=settings,
        engine=_database.engine,
        session_factory=make_session_factory(_database.engine),
        secret_key=TEST_SECRET,
    )


@pytest.fixture
def app(settings: Settings, platform: Platform) -> FastAPI:
    from eport.web.app import create_app

    return create_app(settings, platform)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


CLI_ORIGIN = Origin(CLI_PRINCIPAL, "127.0.0.1")


@pytest.fixture
def make_participant(platform: Platform) -> Callable[..., Participant]:
    from eport.participants.rules import Identifier
    from eport.participants.services import ParticipantDraft, add_participant

    def make(
        code: str,
        roles: list[str] | None = None,
        edi_ids: list[str] | None = None,
        status: str = "active",
        **fields: Any,
    ) -> Participant:
        draft = ParticipantDraft(
            code=code,
            roles=roles or ["forwarder"],
            name_en=fields.pop("name_en", f"{code} Ltd."),
            identifiers=[Identifier.edi(text) for text in edi_ids or []],
            **fields,
        )
        with platform.uow() as uow:
            participant = add_participant(uow, draft, CLI_ORIGIN)
        if status != "active":
            with platform.uow() as uow:
                row = uow.session.get(Participant, participant.id)
                assert row is not None
                row.status = status
                uow.commit()
            participant.status = status
        return participant

    return make


@pytest.fixture
def make_token(platform: Platform) -> Callable[..., str]:
    from eport.auth.tokens import issue_token

    def make(
        participant_code: str, scopes: list[str] | None = None, expires_days: int | None = None
    ) -> str:
        with platform.uow() as uow:
            issued = issue_token(
                uow,
                participant_code,
                CLI_ORIGIN,
                scopes=frozenset(scopes) if scopes is not None else None,
                expires_days=expires_days,
            )
        return issued.secret

    return make


@pytest.fixture
def make_user(platform: Platform) -> Callable[..., User]:
    from eport.auth.users import add_user

    def make(
        participant_code: str, username: str, role: str = "admin", password: str = TEST_PASSWORD
    ) -> User:
        with platform.uow() as uow:
            return add_user(uow, participant_code, username, role, password, CLI_ORIGIN)

    return make


@pytest.fixture
def auth_headers() -> Callable[[str], dict[str, str]]:
    def headers(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    return headers


@dataclass(frozen=True)
class Owner:
    """The participant that owns the resource an ``OwnedRoute`` creates."""

    platform: Platform
    client: TestClient
    participant: Participant
    token: str  # holds every participant scope

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass(frozen=True)
class Owned:
    """What ``OwnedRoute.create`` returns: path parameters and, for lists, a tell-tale text."""

    params: dict[str, str] = field(default_factory=dict)
    marker: str | None = None


@dataclass(frozen=True)
class OwnedRoute:
    """A route serving data owned by one participant; a second participant must not reach it.

    ``path`` is the route's path as declared (``/api/v1/tokens/{token_id}``); ``create``
    makes the owner's resource; ``body`` is sent as JSON for unsafe methods. A stranger
    gets ``stranger_status`` (404), or, when ``marker`` is set, a response without it.
    """

    method: str
    path: str
    create: Callable[[Owner], Owned]
    body: dict[str, Any] | None = None
    roles: tuple[str, ...] = ("forwarder",)  # of both the owner and the stranger
    stranger_status: int = 404
    owner_status: int | None = None  # checked when set, to show the route really works
