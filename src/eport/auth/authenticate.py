"""Turning a presented credential (API token, portal session cookie) into a Principal.

The exchange hub authenticates hundreds of requests a second with the same few tokens, so a
token is looked up in a per-process cache first (``eport.auth.token_cache``: no database
access on a hit); a miss costs one indexed query (token, participant and roles joined), and
the token's last use is written at most once a minute.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, or_, select, update

from eport.auth.credentials import fingerprint
from eport.auth.models import ApiToken, PortalSession, User
from eport.auth.principal import Principal
from eport.auth.scopes import user_scopes
from eport.auth.token_cache import CachedToken, TokenCache
from eport.db.uow import UnitOfWork
from eport.participants.models import Participant, ParticipantRole

LAST_USED_RESOLUTION = timedelta(minutes=1)
ACTIVE = "active"


# Built once: constructing the statement costs more than running it on an indexed column.
_TOKEN_QUERY = (
    select(
        ApiToken.id,
        ApiToken.participant_id,
        ApiToken.scopes,
        ApiToken.expires_at,
        ApiToken.revoked_at,
        ApiToken.last_used_at,
        Participant.code,
        Participant.status,
        ParticipantRole.role,
    )
    .join(Participant, Participant.id == ApiToken.participant_id)
    .outerjoin(ParticipantRole, ParticipantRole.participant_id == Participant.id)
    .where(ApiToken.token_hash == bindparam("token_hash"))
)


def authenticate_token(
    token: str, now: datetime, cache: TokenCache, open_uow: Callable[[], UnitOfWork]
) -> Principal | None:
    """The principal of a valid token, from the cache when it can be; None when refused.

    A unit of work is opened only on a miss, or once a minute per token to record its use
    (which checks the token afresh as well).
    """
    token_hash = fingerprint(token)
    cached = cache.get(token_hash)
    if cached is not None:
        if cached.expired(now):
            return None
        if not cache.claim_touch(token_hash, now, LAST_USED_RESOLUTION):
            return cached.principal
    generation = cache.generation  # before the query: a later invalidation voids its answer
    with open_uow() as uow:
        found = token_by_hash(uow, token_hash, now)
    if found is None:
        if cached is not None:  # refused since it was cached (by another process)
            cache.forget_token(token_hash)
        return None
    cache.put(token_hash, found, generation)
    return found.principal


def token_by_hash(uow: UnitOfWork, token_hash: str, now: datetime) -> CachedToken | None:
    """A valid token by its fingerprint, its use recorded; None when it must be refused."""
    rows = uow.session.connection().execute(_TOKEN_QUERY, {"token_hash": token_hash}).all()
    if not rows:
        return None
    first = rows[0]
    if first.revoked_at is not None or first.status != ACTIVE:
        return None
    if first.expires_at is not None and first.expires_at <= now:
        return None
    last_used_at = first.last_used_at
    if last_used_at is None or now - last_used_at >= LAST_USED_RESOLUTION:
        _touch_token(uow, first.id, now)
        last_used_at = now
    principal = Principal(
        kind="token",
        participant_id=first.participant_id,
        participant_code=first.code,
        roles=_roles(rows),
        scopes=frozenset(first.scopes.split()),
        token_id=first.id,
    )
    return CachedToken(principal, first.expires_at, last_used_at)


def _touch_token(uow: UnitOfWork, token_id: int, now: datetime) -> None:
    # The condition keeps concurrent requests from all writing the same minute.
    uow.session.execute(
        update(ApiToken)
        .where(ApiToken.id == token_id)
        .where(
            or_(
                ApiToken.last_used_at.is_(None),
                ApiToken.last_used_at < now - LAST_USED_RESOLUTION,
            )
        )
        .values(last_used_at=now)
    )
    uow.commit()


@dataclass(frozen=True)
class SessionPrincipal:
    principal: Principal
    csrf_token: str
    session_id: int


_SESSION_QUERY = (
    select(
        PortalSession.id,
        PortalSession.csrf_token,
        PortalSession.expires_at,
        User.id.label("user_id"),
        User.username,
        User.role.label("user_role"),
        User.is_active,
        Participant.id.label("participant_id"),
        Participant.code,
        Participant.status,
        ParticipantRole.role,
    )
    .join(User, User.id == PortalSession.user_id)
    .join(Participant, Participant.id == User.participant_id)
    .outerjoin(ParticipantRole, ParticipantRole.participant_id == Participant.id)
    .where(PortalSession.session_hash == bindparam("session_hash"))
)


def principal_for_session(uow: UnitOfWork, secret: str, now: datetime) -> SessionPrincipal | None:
    """The principal of a live portal session; None when unknown, expired or disabled."""
    rows = (
        uow.session.connection()
        .execute(_SESSION_QUERY, {"session_hash": fingerprint(secret)})
        .all()
    )
    if not rows:
        return None
    first = rows[0]
    if first.expires_at <= now or not first.is_active or first.status != ACTIVE:
        return None
    roles = _roles(rows)
    principal = Principal(
        kind="session",
        participant_id=first.participant_id,
        participant_code=first.code,
        roles=roles,
        scopes=user_scopes(first.user_role, roles),
        user_id=first.user_id,
        username=first.username,
    )
    return SessionPrincipal(principal, first.csrf_token, first.id)


def _roles(rows: Sequence[Any]) -> frozenset[str]:
    return frozenset(str(row.role) for row in rows if row.role is not None)
