"""What the portal pages show, as plain data read in one unit of work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from eport.auth.principal import Principal
from eport.auth.scopes import TOKENS_ADMIN, USERS_ADMIN
from eport.auth.tokens import list_tokens
from eport.auth.users import get_user, list_users
from eport.db.uow import UnitOfWork
from eport.participants.services import get_participant_by_id


@dataclass(frozen=True)
class UserRow:
    username: str
    display_name: str
    role: str
    last_login_at: datetime | None


@dataclass(frozen=True)
class TokenRow:
    id: int
    name: str
    prefix: str
    scopes: str
    expires_at: datetime | None
    revoked: bool
    last_used_at: datetime | None


@dataclass(frozen=True)
class HomePage:
    code: str
    name_zh: str
    name_en: str
    status: str
    roles: list[str]
    identifiers: list[str]
    users: list[UserRow]
    tokens: list[TokenRow] | None  # None: the user may not see them
    can_create_tokens: bool


MAX_ROWS = 200


def home_page(uow: UnitOfWork, principal: Principal) -> HomePage:
    participant = get_participant_by_id(uow.session, principal.participant_id)
    if principal.has_scope(USERS_ADMIN):
        people = list_users(uow, participant_id=participant.id, after_id=None, limit=MAX_ROWS)
    else:
        assert principal.user_id is not None
        people = [get_user(uow, principal.user_id, participant.id)]
    tokens = None
    if principal.has_scope(TOKENS_ADMIN):
        tokens = [
            TokenRow(
                t.id,
                t.name,
                t.prefix,
                t.scopes,
                t.expires_at,
                t.revoked_at is not None,
                t.last_used_at,
            )
            for t in list_tokens(uow, participant_id=participant.id, after_id=None, limit=MAX_ROWS)
        ]
    return HomePage(
        code=participant.code,
        name_zh=participant.name_zh,
        name_en=participant.name_en,
        status=participant.status,
        roles=participant.role_names,
        identifiers=[
            f"{i.scheme}: {i.qualifier + ':' if i.qualifier else ''}{i.value}"
            for i in participant.identifiers
        ],
        users=[UserRow(u.username, u.display_name, u.role, u.last_login_at) for u in people],
        tokens=tokens,
        can_create_tokens=principal.has_scope(TOKENS_ADMIN),
    )
