"""API shapes of users, tokens and audit events (pydantic, at the edge)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from eport.auth.models import ApiToken, AuditEvent, User


class UserIn(BaseModel):
    participant: str | None = Field(
        None,
        description="participant code; omitted: the caller's own (only the operator "
        "may name another)",
    )
    username: str
    role: str = Field(description="admin, clerk or viewer")
    display_name: str = ""
    password: str | None = Field(None, description="omitted: one is generated and returned once")


class UserChange(BaseModel):
    role: str | None = Field(None, description="admin, clerk or viewer")
    is_active: bool | None = Field(None, description="false: the user can no longer log in")
    unlock: bool = Field(False, description="lift a lock-out after failed logins")


class UserOut(BaseModel):
    id: int
    participant_id: int
    username: str
    display_name: str
    role: str
    is_active: bool
    locked_until: datetime | None
    last_login_at: datetime | None
    created_at: datetime

    @classmethod
    def of(cls, user: User) -> UserOut:
        return cls(
            id=user.id,
            participant_id=user.participant_id,
            username=user.username,
            display_name=user.display_name,
            role=user.role,
            is_active=user.is_active,
            locked_until=user.locked_until,
            last_login_at=user.last_login_at,
            created_at=user.created_at,
        )


class NewUserOut(UserOut):
    password: str | None = Field(None, description="the generated password, shown this once")


class UserPage(BaseModel):
    items: list[UserOut]
    next_cursor: str | None


class TokenIn(BaseModel):
    participant: str | None = Field(
        None,
        description="participant code; omitted: the caller's own (only the operator "
        "may name another)",
    )
    name: str = ""
    scopes: list[str] | None = Field(None, description="omitted: messages:send messages:receive")
    expires_days: int | None = Field(None, gt=0)


class TokenOut(BaseModel):
    id: int
    participant_id: int
    name: str
    prefix: str
    scopes: list[str]
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None

    @classmethod
    def of(cls, token: ApiToken) -> TokenOut:
        return cls(
            id=token.id,
            participant_id=token.participant_id,
            name=token.name,
            prefix=token.prefix,
            scopes=token.scopes.split(),
            created_at=token.created_at,
            expires_at=token.expires_at,
            revoked_at=token.revoked_at,
            last_used_at=token.last_used_at,
        )


class NewTokenOut(BaseModel):
    id: int
    participant: str
    name: str
    prefix: str
    scopes: list[str]
    expires_at: datetime | None
    token: str = Field(description="the token itself, shown this once; only its hash is kept")


class TokenPage(BaseModel):
    items: list[TokenOut]
    next_cursor: str | None


class AuditEventOut(BaseModel):
    id: int
    at: datetime
    action: str
    actor: str
    participant_id: int | None
    target: str
    ip: str
    outcome: str
    detail: dict[str, Any]

    @classmethod
    def of(cls, event: AuditEvent) -> AuditEventOut:
        return cls(
            id=event.id,
            at=event.at,
            action=event.action,
            actor=event.actor,
            participant_id=event.participant_id,
            target=event.target,
            ip=event.ip,
            outcome=event.outcome,
            detail=event.detail,
        )


class AuditPage(BaseModel):
    items: list[AuditEventOut]
    next_cursor: str | None
