"""Use cases of portal login: log in with brute-force protection, look up, log out.

After ``max_failures`` wrong passwords in a row a user is locked for ``lockout_seconds``;
while locked even the right password is refused. Every attempt is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from eport.auth.audit import record_event
from eport.auth.credentials import fingerprint, new_csrf_token, new_session_secret
from eport.auth.models import PortalSession, User
from eport.auth.passwords import hash_password, needs_rehash, verify_password
from eport.db.types import utcnow
from eport.db.uow import UnitOfWork
from eport.participants.errors import AccessError
from eport.participants.models import Participant
from eport.settings import Settings


class LoginRefused(AccessError):
    """Wrong username or password, a locked user, or an inactive account (not said which)."""


@dataclass(frozen=True)
class LoginPolicy:
    max_failures: int = 5
    lockout: timedelta = timedelta(minutes=15)
    session_lifetime: timedelta = timedelta(hours=12)

    @classmethod
    def of(cls, settings: Settings) -> LoginPolicy:
        return cls(
            max_failures=settings.login_max_failures,
            lockout=timedelta(seconds=settings.login_lockout_seconds),
            session_lifetime=timedelta(hours=settings.session_hours),
        )


@dataclass(frozen=True)
class PortalLogin:
    """A new session; ``secret`` goes into the cookie and is stored only as a hash."""

    secret: str
    csrf_token: str
    expires_at: datetime
    user_id: int


REFUSED = "wrong username or password, or the account is locked"


def log_in(
    uow: UnitOfWork, username: str, password: str, ip: str, policy: LoginPolicy
) -> PortalLogin:
    now = utcnow()
    username = username.strip().lower()
    user = uow.session.scalar(select(User).where(User.username == username))
    if user is None:
        verify_password(None, password)  # spend the same time as for a known user
        _audit(uow, "login.failed", username, None, ip, "unknown user")
        uow.commit()
        raise LoginRefused(REFUSED)
    if user.locked_until is not None and user.locked_until > now:
        _audit(uow, "login.failed", username, user.participant_id, ip, "locked")
        uow.commit()
        raise LoginRefused(REFUSED)
    if not verify_password(user.password_hash, password):
        _count_failure(uow, user, ip, policy, now)
        uow.commit()
        raise LoginRefused(REFUSED)
    participant = uow.session.get(Participant, user.participant_id)
    if not user.is_active or participant is None or participant.status != "active":
        _audit(uow, "login.failed", username, user.participant_id, ip, "inactive")
        uow.commit()
        raise LoginRefused(REFUSED)
    return _open_session(uow, user, ip, policy, now, password)


def _count_failure(
    uow: UnitOfWork, user: User, ip: str, policy: LoginPolicy, now: datetime
) -> None:
    user.failed_logins += 1
    _audit(uow, "login.failed", user.username, user.participant_id, ip, "wrong password")
    if user.failed_logins >= policy.max_failures:
        user.locked_until = now + policy.lockout
        user.failed_logins = 0
        _audit(
            uow,
            "login.locked",
            user.username,
            user.participant_id,
            ip,
            f"locked for {int(policy.lockout.total_seconds())} s",
        )


def _open_session(
    uow: UnitOfWork, user: User, ip: str, policy: LoginPolicy, now: datetime, password: str
) -> PortalLogin:
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    secret, csrf = new_session_secret(), new_csrf_token()
    expires = now + policy.session_lifetime
    uow.session.add(
        PortalSession(
            user_id=user.id,
            session_hash=fingerprint(secret),
            csrf_token=csrf,
            expires_at=expires,
            ip=ip[:64],
        )
    )
    # Expired sessions of this user are cleared on the way.
    uow.session.execute(
        delete(PortalSession).where(
            PortalSession.user_id == user.id, PortalSession.expires_at <= now
        )
    )
    _audit(uow, "login.succeeded", user.username, user.participant_id, ip, "")
    uow.commit()
    return PortalLogin(secret, csrf, expires, user.id)


def log_out(uow: UnitOfWork, secret: str, ip: str) -> None:
    found = uow.session.scalar(
        select(PortalSession).where(PortalSession.session_hash == fingerprint(secret))
    )
    if found is None:
        return
    user = uow.session.get(User, found.user_id)
    uow.session.delete(found)
    if user is not None:
        _audit(uow, "logout", user.username, user.participant_id, ip, "")
    uow.commit()


def _audit(
    uow: UnitOfWork, action: str, username: str, participant_id: int | None, ip: str, why: str
) -> None:
    outcome = "ok" if action in ("login.succeeded", "logout") else "refused"
    record_event(
        uow.session,
        action,
        actor=f"user:{username}",
        participant_id=participant_id,
        target=f"user:{username}",
        ip=ip,
        outcome=outcome,
        detail={"reason": why} if why else {},
    )
