"""The token cache: a cached token costs no database access, and never outlives its validity."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, select, update

from conftest import CLI_ORIGIN
from eport.auth.credentials import fingerprint
from eport.auth.models import ApiToken
from eport.auth.principal import Principal
from eport.auth.token_cache import CachedToken, TokenCache, forget_participant, forget_token
from eport.bootstrap import Platform
from eport.db.types import utcnow
from eport.participants.services import reactivate_participant, suspend_participant
from eport.settings import Settings
from eport.web.app import create_app

Headers = Callable[[str], dict[str, str]]

# Authenticated, then 404 from the router: the request reaches no use case, so every
# statement it causes comes from authentication.
NOWHERE = "/api/v1/no-such-resource"


@dataclass
class Statements:
    """The SQL statements run on the platform's engine, as they happen."""

    seen: list[str] = field(default_factory=list)

    def during(self, action: Callable[[], Any]) -> list[str]:
        start = len(self.seen)
        action()
        return self.seen[start:]


@pytest.fixture
def statements(platform: Platform) -> Iterator[Statements]:
    found = Statements()

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        found.seen.append(statement)

    event.listen(platform.engine, "before_cursor_execute", record)
    yield found
    event.remove(platform.engine, "before_cursor_execute", record)


def _token_id(platform: Platform, token: str) -> int:
    with platform.uow() as uow:
        return uow.session.scalars(
            select(ApiToken.id).where(ApiToken.token_hash == fingerprint(token))
        ).one()


def _last_used(platform: Platform, token: str) -> datetime | None:
    with platform.uow() as uow:
        return uow.session.scalars(
            select(ApiToken.last_used_at).where(ApiToken.token_hash == fingerprint(token))
        ).one()


def _move_clock(monkeypatch: pytest.MonkeyPatch, when: datetime) -> None:
    monkeypatch.setattr("eport.auth.middleware.utcnow", lambda: when)


def test_a_cached_token_costs_no_database_statement(
    client: TestClient,
    platform: Platform,
    statements: Statements,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> None:
    make_participant("NBCT", roles=["terminal"])
    token = make_token("NBCT")
    first = statements.during(lambda: client.get(NOWHERE, headers=auth_headers(token)))
    assert any("api_tokens" in sql for sql in first)
    for _ in range(3):
        response = None

        def call() -> None:
            nonlocal response
            response = client.get(NOWHERE, headers=auth_headers(token))

        assert statements.during(call) == []
        assert response is not None and response.status_code == 404
    assert fingerprint(token) in platform.token_cache._entries
    assert token not in repr(platform.token_cache._entries)


def test_the_cached_principal_is_the_token_s(
    client: TestClient,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> None:
    make_participant("NBCT", roles=["terminal"])
    make_participant("NBFWD", roles=["forwarder"])
    terminal = make_token("NBCT", scopes=["participants:read"])
    forwarder = make_token("NBFWD", scopes=["participants:read", "messages:send"])
    for _ in range(2):  # a miss, then a hit
        me = client.get("/api/v1/me", headers=auth_headers(terminal)).json()
        assert (me["code"], me["scopes"]) == ("NBCT", ["participants:read"])
        me = client.get("/api/v1/me", headers=auth_headers(forwarder)).json()
        assert (me["code"], me["scopes"]) == ("NBFWD", ["messages:send", "participants:read"])


def test_a_token_revoked_through_the_api_is_refused_on_the_next_request(
    client: TestClient,
    platform: Platform,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> None:
    make_participant("NBCT", roles=["terminal"])
    token = make_token("NBCT", scopes=["participants:read"])
    admin = make_token("NBCT", scopes=["tokens:admin"])
    assert client.get(NOWHERE, headers=auth_headers(token)).status_code == 404
    assert client.get(NOWHERE, headers=auth_headers(token)).status_code == 404  # from the cache
    revoked = client.delete(
        f"/api/v1/tokens/{_token_id(platform, token)}", headers=auth_headers(admin)
    )
    assert revoked.status_code == 200, revoked.text
    assert client.get(NOWHERE, headers=auth_headers(token)).status_code == 401
    assert client.get(NOWHERE, headers=auth_headers(admin)).status_code == 404


def test_suspending_a_participant_refuses_its_cached_tokens_at_once(
    client: TestClient,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> None:
    make_participant("PORT", roles=["operator"])
    make_participant("NBCT", roles=["terminal"])
    make_participant("NBFWD", roles=["forwarder"])
    operator = make_token("PORT", scopes=["participants:admin"])
    terminal = make_token("NBCT")
    forwarder = make_token("NBFWD")
    for token in (terminal, forwarder, terminal, forwarder):
        assert client.get(NOWHERE, headers=auth_headers(token)).status_code == 404
    suspended = client.post("/api/v1/participants/NBCT/suspend", headers=auth_headers(operator))
    assert suspended.status_code == 200, suspended.text
    assert client.get(NOWHERE, headers=auth_headers(terminal)).status_code == 401
    assert client.get(NOWHERE, headers=auth_headers(forwarder)).status_code == 404


def test_a_reactivated_participant_s_token_works_again(
    client: TestClient,
    platform: Platform,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> None:
    make_participant("NBCT", roles=["terminal"])
    token = make_token("NBCT")
    assert client.get(NOWHERE, headers=auth_headers(token)).status_code == 404
    with platform.uow() as uow:
        suspend_participant(uow, "NBCT", CLI_ORIGIN)
    assert client.get(NOWHERE, headers=auth_headers(token)).status_code == 401
    assert len(platform.token_cache) == 0  # a refused token is not cached
    with platform.uow() as uow:
        reactivate_participant(uow, "NBCT", CLI_ORIGIN)
    assert client.get(NOWHERE, headers=auth_headers(token)).status_code == 404


def test_an_expired_token_is_refused_from_the_cache_without_the_database(
    client: TestClient,
    statements: Statements,
    monkeypatch: pytest.MonkeyPatch,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> None:
    make_participant("NBCT", roles=["terminal"])
    token = make_token("NBCT", expires_days=1)
    assert client.get(NOWHERE, headers=auth_headers(token)).status_code == 404
    _move_clock(monkeypatch, utcnow() + timedelta(days=1, seconds=1))
    status: list[int] = []
    ran = statements.during(
        lambda: status.append(client.get(NOWHERE, headers=auth_headers(token)).status_code)
    )
    assert status == [401]
    assert ran == []


def test_unknown_tokens_are_not_cached(
    client: TestClient,
    platform: Platform,
    statements: Statements,
    auth_headers: Headers,
) -> None:
    stranger = auth_headers("ept_not-a-token-anyone-was-given")
    for _ in range(2):
        ran = statements.during(lambda: client.get(NOWHERE, headers=stranger))
        assert any("api_tokens" in sql for sql in ran)
    assert len(platform.token_cache) == 0


def test_last_use_is_still_written_once_a_minute_on_a_cached_token(
    client: TestClient,
    platform: Platform,
    statements: Statements,
    monkeypatch: pytest.MonkeyPatch,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> None:
    make_participant("NBCT", roles=["terminal"])
    token = make_token("NBCT")
    assert client.get(NOWHERE, headers=auth_headers(token)).status_code == 404
    first = _last_used(platform, token)
    assert first is not None
    later = first + timedelta(seconds=30)
    _move_clock(monkeypatch, later)
    assert statements.during(lambda: client.get(NOWHERE, headers=auth_headers(token))) == []
    assert _last_used(platform, token) == first

    later = first + timedelta(seconds=61)
    _move_clock(monkeypatch, later)
    ran = statements.during(lambda: client.get(NOWHERE, headers=auth_headers(token)))
    assert any(sql.lstrip().upper().startswith("UPDATE API_TOKENS") for sql in ran)
    assert _last_used(platform, token) == later
    assert statements.during(lambda: client.get(NOWHERE, headers=auth_headers(token))) == []


def test_a_token_revoked_elsewhere_is_refused_when_its_use_is_next_recorded(
    client: TestClient,
    platform: Platform,
    monkeypatch: pytest.MonkeyPatch,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> None:
    make_participant("NBCT", roles=["terminal"])
    token = make_token("NBCT")
    assert client.get(NOWHERE, headers=auth_headers(token)).status_code == 404
    with platform.uow() as uow:  # as another process would: this process is not told
        uow.session.execute(update(ApiToken).values(revoked_at=utcnow()))
        uow.commit()
    assert client.get(NOWHERE, headers=auth_headers(token)).status_code == 404
    _move_clock(monkeypatch, utcnow() + timedelta(minutes=2))
    assert client.get(NOWHERE, headers=auth_headers(token)).status_code == 401
    assert len(platform.token_cache) == 0


def test_a_zero_time_to_live_turns_the_cache_off(
    settings: Settings,
    platform: Platform,
    statements: Statements,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
    auth_headers: Headers,
) -> None:
    uncached = settings.model_copy(update={"token_cache_seconds": 0.0})
    own = Platform(uncached, platform.engine, platform.session_factory, platform.secret_key)
    assert not own.token_cache.enabled
    make_participant("NBCT", roles=["terminal"])
    token = make_token("NBCT")
    with TestClient(create_app(uncached, own)) as client:
        for _ in range(2):
            ran = statements.during(lambda: client.get(NOWHERE, headers=auth_headers(token)))
            assert any("api_tokens" in sql for sql in ran)
        with own.uow() as uow:
            uow.session.execute(update(ApiToken).values(revoked_at=utcnow()))
            uow.commit()
        assert client.get(NOWHERE, headers=auth_headers(token)).status_code == 401
    assert len(own.token_cache) == 0


def test_the_time_to_live_is_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    assert Settings(data_dir=tmp_path).token_cache_seconds == 5.0
    monkeypatch.setenv("EPORT_TOKEN_CACHE_SECONDS", "0")
    assert Settings(data_dir=tmp_path).token_cache_seconds == 0.0


# The cache on its own, with a clock the test moves.

NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _cached(participant_id: int = 1, **fields: Any) -> CachedToken:
    principal = Principal(
        kind="token",
        participant_id=participant_id,
        participant_code=f"P{participant_id}",
        roles=frozenset({"terminal"}),
        scopes=frozenset({"messages:send"}),
        token_id=participant_id,
    )
    return CachedToken(principal, fields.get("expires_at"), fields.get("last_used_at", NOW))


def test_an_entry_lives_for_the_time_to_live() -> None:
    clock = Clock()
    cache = TokenCache(5.0, clock=clock)
    cache.put("a", _cached(), cache.generation)
    clock.now += 4.9
    assert cache.get("a") == _cached()
    clock.now += 0.1
    assert cache.get("a") is None
    assert len(cache) == 0


def test_the_least_recently_used_entry_goes_first() -> None:
    cache = TokenCache(5.0, max_entries=2)
    cache.put("a", _cached(1), cache.generation)
    cache.put("b", _cached(2), cache.generation)
    assert cache.get("a") is not None
    cache.put("c", _cached(3), cache.generation)
    assert (cache.get("a"), cache.get("b")) == (_cached(1), None)
    assert cache.get("c") is not None
    assert len(cache) == 2


def test_an_answer_read_before_an_invalidation_is_not_kept() -> None:
    cache = TokenCache(5.0)
    before = cache.generation
    cache.forget_token("other")  # e.g. a revocation committed while the lookup ran
    assert not cache.put("a", _cached(), before)
    assert cache.get("a") is None
    assert cache.put("a", _cached(), cache.generation)


def test_forgetting_drops_only_the_affected_entries_of_every_live_cache() -> None:
    first, second = TokenCache(5.0), TokenCache(5.0)
    for cache in (first, second):
        cache.put("a1", _cached(1), cache.generation)
        cache.put("a2", _cached(1), cache.generation)
        cache.put("b", _cached(2), cache.generation)
    forget_participant(1)
    forget_token("b")
    for cache in (first, second):
        assert [cache.get(key) for key in ("a1", "a2", "b")] == [None, None, None]
    first.put("c", _cached(3), first.generation)
    forget_token("a1")
    assert first.get("c") == _cached(3)


def test_one_caller_a_minute_records_the_use() -> None:
    cache = TokenCache(300.0)
    assert not cache.claim_touch("a", NOW, MINUTE)  # nothing cached
    cache.put("a", _cached(last_used_at=NOW), cache.generation)
    assert not cache.claim_touch("a", NOW + timedelta(seconds=59), MINUTE)
    assert cache.claim_touch("a", NOW + MINUTE, MINUTE)
    assert not cache.claim_touch("a", NOW + MINUTE, MINUTE)
    touched = cache.get("a")
    assert touched is not None and touched.last_used_at == NOW + MINUTE
    cache.put("b", _cached(2, last_used_at=None), cache.generation)
    assert cache.claim_touch("b", NOW, MINUTE)


def test_expiry_is_the_token_s_own() -> None:
    assert _cached(expires_at=NOW).expired(NOW)
    assert not _cached(expires_at=NOW + timedelta(seconds=1)).expired(NOW)
    assert not _cached().expired(NOW)


def test_a_zero_time_to_live_keeps_nothing() -> None:
    cache = TokenCache(0.0)
    assert not cache.put("a", _cached(), cache.generation)
    assert cache.get("a") is None


def test_concurrent_use_keeps_the_cache_bounded() -> None:
    cache = TokenCache(5.0, max_entries=50)
    errors: list[Exception] = []

    def work(worker: int) -> None:
        try:
            for i in range(2000):
                key = f"k{(worker * 7 + i) % 120}"
                if cache.get(key) is None:
                    cache.put(key, _cached(i % 5), cache.generation)
                if i % 97 == 0:
                    cache.forget_participant(i % 5)
        except Exception as exc:  # reported by the main thread
            errors.append(exc)

    _run_together(8, work)
    assert errors == []
    assert 0 < len(cache) <= 50


def test_concurrent_hits_record_the_use_once() -> None:
    cache = TokenCache(5.0)
    cache.put("a", _cached(last_used_at=None), cache.generation)
    claims: list[bool] = []
    start = threading.Barrier(8)

    def work(_worker: int) -> None:
        start.wait()
        claims.extend(cache.claim_touch("a", NOW, MINUTE) for _ in range(200))

    _run_together(8, work)
    assert claims.count(True) == 1


def _run_together(count: int, work: Callable[[int], None]) -> None:
    threads = [threading.Thread(target=work, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
