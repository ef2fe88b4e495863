"""Portal login: passwords, brute-force lock-out, sessions, audit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import update

from conftest import TEST_PASSWORD
from eport.auth.audit import list_events
from eport.auth.authenticate import principal_for_session
from eport.auth.login import LoginPolicy, LoginRefused, log_in, log_out
from eport.auth.models import User
from eport.bootstrap import Platform
from eport.db.types import utcnow
from eport.participants.models import Participant

POLICY = LoginPolicy(max_failures=3, lockout=timedelta(minutes=15))


@pytest.fixture
def user(make_participant: Callable[..., Participant], make_user: Callable[..., User]) -> User:
    make_participant("NBCT", roles=["terminal"])
    return make_user("NBCT", "nbct.admin", "admin")


def _actions(platform: Platform) -> list[str]:
    with platform.uow() as uow:
        events = list_events(uow, participant_id=None, before_id=None, limit=100)
        return [e.action for e in reversed(events) if e.action.startswith(("login", "logout"))]


def _login(platform: Platform, password: str, username: str = "nbct.admin") -> str:
    with platform.uow() as uow:
        return log_in(uow, username, password, "10.1.2.3", POLICY).secret


def test_the_right_password_opens_a_session(platform: Platform, user: User) -> None:
    secret = _login(platform, TEST_PASSWORD)
    with platform.uow() as uow:
        found = principal_for_session(uow, secret, utcnow())
        assert found is not None
        assert found.principal.username == "nbct.admin"
        assert "tokens:admin" in found.principal.scopes
    assert _actions(platform) == ["login.succeeded"]


def test_passwords_are_stored_as_argon2_hashes(platform: Platform, user: User) -> None:
    with platform.uow() as uow:
        stored = uow.session.get(User, user.id)
        assert stored is not None
        assert stored.password_hash.startswith("$argon2id$")
        assert TEST_PASSWORD not in stored.password_hash


def test_a_wrong_password_is_refused_and_audited(platform: Platform, user: User) -> None:
    with pytest.raises(LoginRefused):
        _login(platform, "not the password")
    with pytest.raises(LoginRefused):
        _login(platform, TEST_PASSWORD, username="nobody")
    assert _actions(platform) == ["login.failed", "login.failed"]


def test_repeated_failures_lock_the_user_even_for_the_right_password(
    platform: Platform, user: User
) -> None:
    for _ in range(POLICY.max_failures):
        with pytest.raises(LoginRefused):
            _login(platform, "guess")
    with pytest.raises(LoginRefused):
        _login(platform, TEST_PASSWORD)
    assert _actions(platform) == ["login.failed"] * 3 + ["login.locked", "login.failed"]


def test_the_lock_ends_after_the_lockout(platform: Platform, user: User) -> None:
    for _ in range(POLICY.max_failures):
        with pytest.raises(LoginRefused):
            _login(platform, "guess")
    with platform.uow() as uow:
        uow.session.execute(update(User).values(locked_until=utcnow() - timedelta(seconds=1)))
        uow.commit()
    assert _login(platform, TEST_PASSWORD)


def test_a_success_resets_the_failure_count(platform: Platform, user: User) -> None:
    for _ in range(POLICY.max_failures - 1):
        with pytest.raises(LoginRefused):
            _login(platform, "guess")
    _login(platform, TEST_PASSWORD)
    with pytest.raises(LoginRefused):
        _login(platform, "guess")
    assert _login(platform, TEST_PASSWORD)  # not locked: the count started again


def test_a_suspended_participants_users_cannot_log_in(platform: Platform, user: User) -> None:
    secret = _login(platform, TEST_PASSWORD)
    with platform.uow() as uow:
        uow.session.execute(update(Participant).values(status="suspended"))
        uow.commit()
    with pytest.raises(LoginRefused):
        _login(platform, TEST_PASSWORD)
    with platform.uow() as uow:
        assert principal_for_session(uow, secret, utcnow()) is None


def test_logout_ends_the_session(platform: Platform, user: User) -> None:
    secret = _login(platform, TEST_PASSWORD)
    with platform.uow() as uow:
        log_out(uow, secret, "10.1.2.3")
    with platform.uow() as uow:
        assert principal_for_session(uow, secret, utcnow()) is None
    assert _actions(platform) == ["login.succeeded", "logout"]


def test_an_admin_lifts_a_lock_out_and_a_disabled_user_cannot_log_in(
    platform: Platform, user: User
) -> None:
    from conftest import CLI_ORIGIN
    from eport.auth.users import change_user

    for _ in range(POLICY.max_failures):
        with pytest.raises(LoginRefused):
            _login(platform, "guess")
    with platform.uow() as uow:
        change_user(uow, user.id, CLI_ORIGIN, participant_id=None, unlock=True)
    assert _login(platform, TEST_PASSWORD)
    with platform.uow() as uow:
        change_user(uow, user.id, CLI_ORIGIN, participant_id=None, is_active=False)
    with pytest.raises(LoginRefused):
        _login(platform, TEST_PASSWORD)
