"""REST API of users, API tokens and the audit log.

A participant's admin manages its own; the operator manages everyone's. Another
participant's users and tokens answer 404, as if they did not exist.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from eport.auth import tokens, users
from eport.auth.audit import list_events
from eport.auth.passwords import generate_password
from eport.auth.principal import Principal
from eport.auth.schemas import (
    AuditEventOut,
    AuditPage,
    NewTokenOut,
    NewUserOut,
    TokenIn,
    TokenOut,
    TokenPage,
    UserChange,
    UserIn,
    UserOut,
    UserPage,
)
from eport.auth.scopes import AUDIT_READ, TOKENS_ADMIN, USERS_ADMIN
from eport.db.uow import UnitOfWork
from eport.participants.errors import NotFound
from eport.participants.services import get_participant
from eport.web.deps import OriginDep, PlatformDep, require_scope
from eport.web.pagination import clamp_limit, decode_cursor, encode_cursor

router = APIRouter(tags=["access"])
OWN_OR_ALL = (
    "Caller: a participant (its own only) or the operator (everyone's, "
    "filter with ?participant=CODE)"
)


def _scope(name: str) -> list[Any]:
    return [Depends(require_scope(name))]


def _participant_filter(uow: UnitOfWork, principal: Principal, code: str | None) -> int | None:
    """Whose rows the caller sees: its own, or for the operator everyone's or one's."""
    if principal.is_operator:
        return get_participant(uow.session, code).id if code else None
    if code and code.upper() != principal.participant_code:
        raise NotFound(f"no participant {code}")
    return principal.participant_id


def _target_code(principal: Principal, code: str | None) -> str:
    """Which participant a new user or token is for; others than one's own look unknown."""
    if not code:
        return principal.participant_code
    if not principal.is_operator and code.upper() != principal.participant_code:
        raise NotFound(f"no participant {code}")
    return code


Limit = Annotated[int | None, Query(description="page size, 1-500 (default 50)")]


@router.get(
    "/users",
    response_model=UserPage,
    dependencies=_scope(USERS_ADMIN),
    description=f"Users, by id. {OWN_OR_ALL}, with scope users:admin.",
)
def list_users(
    platform: PlatformDep,
    origin: OriginDep,
    participant: str | None = None,
    cursor: str | None = None,
    limit: Limit = None,
) -> UserPage:
    size = clamp_limit(limit)
    with platform.uow() as uow:
        owner = _participant_filter(uow, origin.principal, participant)
        rows = users.list_users(
            uow, participant_id=owner, after_id=decode_cursor(cursor), limit=size + 1
        )
        items = [UserOut.of(u) for u in rows[:size]]
    return UserPage(
        items=items, next_cursor=encode_cursor(items[-1].id) if len(rows) > size else None
    )


@router.post(
    "/users",
    response_model=NewUserOut,
    status_code=201,
    dependencies=_scope(USERS_ADMIN),
    description="Add a user. Caller: a participant's admin (to its own participant) or "
    "the operator (to any), with scope users:admin. Audited.",
)
def add_user(body: UserIn, platform: PlatformDep, origin: OriginDep) -> NewUserOut:
    code = _target_code(origin.principal, body.participant)
    password = body.password or generate_password()
    with platform.uow() as uow:
        user = users.add_user(
            uow, code, body.username, body.role, password, origin, display_name=body.display_name
        )
        return NewUserOut(
            **UserOut.of(user).model_dump(), password=None if body.password else password
        )


@router.get(
    "/users/{user_id}",
    response_model=UserOut,
    dependencies=_scope(USERS_ADMIN),
    description=f"One user. {OWN_OR_ALL}, with scope users:admin.",
)
def get_user(user_id: int, platform: PlatformDep, origin: OriginDep) -> UserOut:
    with platform.uow() as uow:
        owner = _participant_filter(uow, origin.principal, None)
        return UserOut.of(users.get_user(uow, user_id, owner))


@router.patch(
    "/users/{user_id}",
    response_model=UserOut,
    dependencies=_scope(USERS_ADMIN),
    description=f"Change a user's role, disable or enable it, lift a lock-out. "
    f"{OWN_OR_ALL}, with scope users:admin. Audited.",
)
def change_user(
    user_id: int, body: UserChange, platform: PlatformDep, origin: OriginDep
) -> UserOut:
    with platform.uow() as uow:
        owner = _participant_filter(uow, origin.principal, None)
        return UserOut.of(
            users.change_user(
                uow,
                user_id,
                origin,
                participant_id=owner,
                role=body.role,
                is_active=body.is_active,
                unlock=body.unlock,
            )
        )


@router.get(
    "/tokens",
    response_model=TokenPage,
    dependencies=_scope(TOKENS_ADMIN),
    description=f"API tokens (never their secret), by id. {OWN_OR_ALL}, with scope tokens:admin.",
)
def list_tokens(
    platform: PlatformDep,
    origin: OriginDep,
    participant: str | None = None,
    cursor: str | None = None,
    limit: Limit = None,
) -> TokenPage:
    size = clamp_limit(limit)
    with platform.uow() as uow:
        owner = _participant_filter(uow, origin.principal, participant)
        rows = tokens.list_tokens(
            uow, participant_id=owner, after_id=decode_cursor(cursor), limit=size + 1
        )
        items = [TokenOut.of(t) for t in rows[:size]]
    return TokenPage(
        items=items, next_cursor=encode_cursor(items[-1].id) if len(rows) > size else None
    )


@router.post(
    "/tokens",
    response_model=NewTokenOut,
    status_code=201,
    dependencies=_scope(TOKENS_ADMIN),
    description="Create an API token, shown once. Caller: a participant (for itself) "
    "or the operator (for any), with scope tokens:admin; nobody grants scopes they "
    "do not hold. Audited.",
)
def create_token(body: TokenIn, platform: PlatformDep, origin: OriginDep) -> NewTokenOut:
    code = _target_code(origin.principal, body.participant)
    with platform.uow() as uow:
        issued = tokens.issue_token(
            uow,
            code,
            origin,
            name=body.name,
            expires_days=body.expires_days,
            scopes=frozenset(body.scopes) if body.scopes is not None else None,
        )
    return NewTokenOut(
        id=issued.id,
        participant=issued.participant_code,
        name=issued.name,
        prefix=issued.prefix,
        scopes=sorted(issued.scopes),
        expires_at=issued.expires_at,
        token=issued.secret,
    )


@router.get(
    "/tokens/{token_id}",
    response_model=TokenOut,
    dependencies=_scope(TOKENS_ADMIN),
    description=f"One API token (never its secret). {OWN_OR_ALL}, with scope tokens:admin.",
)
def get_token(token_id: int, platform: PlatformDep, origin: OriginDep) -> TokenOut:
    with platform.uow() as uow:
        owner = _participant_filter(uow, origin.principal, None)
        return TokenOut.of(tokens.find_token(uow, str(token_id), owner))


@router.delete(
    "/tokens/{token_id}",
    response_model=TokenOut,
    dependencies=_scope(TOKENS_ADMIN),
    description=f"Revoke an API token at once. {OWN_OR_ALL}, with scope tokens:admin. Audited.",
)
def revoke_token(token_id: int, platform: PlatformDep, origin: OriginDep) -> TokenOut:
    with platform.uow() as uow:
        owner = _participant_filter(uow, origin.principal, None)
        return TokenOut.of(tokens.revoke_token(uow, str(token_id), origin, participant_id=owner))


@router.get(
    "/audit",
    response_model=AuditPage,
    dependencies=_scope(AUDIT_READ),
    description=f"The audit log, newest first. {OWN_OR_ALL}, with scope audit:read.",
)
def read_audit_log(
    platform: PlatformDep,
    origin: OriginDep,
    participant: str | None = None,
    action: str | None = None,
    cursor: str | None = None,
    limit: Limit = None,
) -> AuditPage:
    size = clamp_limit(limit)
    with platform.uow() as uow:
        owner = _participant_filter(uow, origin.principal, participant)
        rows = list_events(
            uow,
            participant_id=owner,
            before_id=decode_cursor(cursor),
            limit=size + 1,
            action=action,
        )
        items = [AuditEventOut.of(e) for e in rows[:size]]
    return AuditPage(
        items=items, next_cursor=encode_cursor(items[-1].id) if len(rows) > size else None
    )
