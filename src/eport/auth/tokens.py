"""Use cases of API tokens: issue (shown once), list, revoke."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select

from eport.auth.audit import Origin, record_by
from eport.auth.credentials import fingerprint, new_api_token, token_prefix
from eport.auth.models import ApiToken
from eport.auth.scopes import DEFAULT_TOKEN_SCOPES, OPERATOR_SCOPES, unknown_scopes
from eport.auth.token_cache import forget_token
from eport.db.types import utcnow
from eport.db.uow import UnitOfWork
from eport.participants.errors import Forbidden, Invalid, NotFound
from eport.participants.models import Participant
from eport.participants.services import get_participant


@dataclass(frozen=True)
class IssuedToken:
    """A new token; ``secret`` exists only here and is never stored."""

    id: int
    participant_code: str
    name: str
    prefix: str
    scopes: frozenset[str]
    expires_at: datetime | None
    secret: str


def _granted_scopes(
    participant: Participant, wanted: frozenset[str] | None, origin: Origin
) -> frozenset[str]:
    scopes = DEFAULT_TOKEN_SCOPES if wanted is None else wanted
    if unknown := unknown_scopes(scopes):
        raise Invalid(f"unknown scope(s): {', '.join(sorted(unknown))}")
    if scopes & OPERATOR_SCOPES and "operator" not in participant.role_names:
        raise Invalid("only the operator's tokens can carry operator scopes")
    # Nobody hands out more than they hold.
    if not scopes <= origin.principal.scopes:
        missing = sorted(scopes - origin.principal.scopes)
        raise Forbidden(f"you cannot grant scopes you do not hold: {', '.join(missing)}")
    return scopes


def issue_token(
    uow: UnitOfWork,
    participant_code: str,
    origin: Origin,
    *,
    scopes: frozenset[str] | None = None,
    name: str = "",
    expires_days: int | None = None,
) -> IssuedToken:
    """Create a token for a participant's system; the secret is returned once."""
    participant = get_participant(uow.session, participant_code)
    granted = _granted_scopes(participant, scopes, origin)
    if expires_days is not None and expires_days <= 0:
        raise Invalid("expires_days must be positive")
    secret = new_api_token()
    token = ApiToken(
        participant_id=participant.id,
        name=name.strip()[:100],
        token_hash=fingerprint(secret),
        prefix=token_prefix(secret),
        scopes=" ".join(sorted(granted)),
        expires_at=utcnow() + timedelta(days=expires_days) if expires_days else None,
    )
    uow.session.add(token)
    uow.flush()
    record_by(
        uow.session,
        origin,
        "token.created",
        participant_id=participant.id,
        target=f"token:{token.id}",
        detail={"prefix": token.prefix, "scopes": sorted(granted), "name": token.name},
    )
    uow.commit()
    return IssuedToken(
        token.id, participant.code, token.name, token.prefix, granted, token.expires_at, secret
    )


def find_token(uow: UnitOfWork, id_or_prefix: str, participant_id: int | None) -> ApiToken:
    """A token by its id or prefix; with ``participant_id``, only among that one's tokens."""
    query = select(ApiToken)
    if id_or_prefix.isdigit():
        query = query.where(or_(ApiToken.id == int(id_or_prefix), ApiToken.prefix == id_or_prefix))
    else:
        query = query.where(ApiToken.prefix == id_or_prefix)
    if participant_id is not None:
        query = query.where(ApiToken.participant_id == participant_id)
    found = list(uow.session.scalars(query.limit(2)))
    if len(found) != 1:
        raise NotFound(f"no single token {id_or_prefix}")
    return found[0]


def revoke_token(
    uow: UnitOfWork, id_or_prefix: str, origin: Origin, *, participant_id: int | None = None
) -> ApiToken:
    """Revoke at once; a revoked token never authenticates again. Revoking twice is harmless.

    This process stops accepting it with the next request; other processes within their
    token cache's time-to-live (``EPORT_TOKEN_CACHE_SECONDS``).
    """
    token = find_token(uow, id_or_prefix, participant_id)
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        record_by(
            uow.session,
            origin,
            "token.revoked",
            participant_id=token.participant_id,
            target=f"token:{token.id}",
            detail={"prefix": token.prefix},
        )
        uow.commit()
    # Even when it was revoked already: another process may have done it, leaving it cached here.
    forget_token(token.token_hash)
    return token


def list_tokens(
    uow: UnitOfWork, *, participant_id: int | None, after_id: int | None, limit: int
) -> list[ApiToken]:
    query = select(ApiToken).order_by(ApiToken.id).limit(limit)
    if participant_id is not None:
        query = query.where(ApiToken.participant_id == participant_id)
    if after_id is not None:
        query = query.where(ApiToken.id > after_id)
    return list(uow.session.scalars(query))
