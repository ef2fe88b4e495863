"""Use cases of users: the people of a participant, with a role inside it."""

from __future__ import annotations

import re

from sqlalchemy import select

from eport.auth.audit import Origin, record_by
from eport.auth.models import User
from eport.auth.passwords import MIN_LENGTH, hash_password
from eport.auth.scopes import USER_ROLES
from eport.db.uow import UnitOfWork
from eport.participants.errors import Conflict, Invalid, NotFound
from eport.participants.services import get_participant

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._@-]{2,63}$")


def check_new_password(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise Invalid(f"a password has at least {MIN_LENGTH} characters")


def add_user(
    uow: UnitOfWork,
    participant_code: str,
    username: str,
    role: str,
    password: str,
    origin: Origin,
    *,
    display_name: str = "",
) -> User:
    """Add a user to a participant; usernames are unique across the platform."""
    participant = get_participant(uow.session, participant_code)
    username = username.strip().lower()
    if not USERNAME_PATTERN.match(username):
        raise Invalid(f"username {username!r}: 3-64 of a-z, 0-9, '.', '_', '@', '-'")
    if role not in USER_ROLES:
        raise Invalid(f"user role {role!r}; known: {', '.join(USER_ROLES)}")
    check_new_password(password)
    if uow.session.scalar(select(User.id).where(User.username == username)) is not None:
        raise Conflict(f"username {username} is taken")
    user = User(
        participant_id=participant.id,
        username=username,
        display_name=display_name.strip(),
        password_hash=hash_password(password),
        role=role,
    )
    uow.session.add(user)
    uow.flush()
    record_by(
        uow.session,
        origin,
        "user.added",
        participant_id=participant.id,
        target=f"user:{username}",
        detail={"role": role},
    )
    uow.commit()
    return user


def list_users(
    uow: UnitOfWork, *, participant_id: int | None, after_id: int | None, limit: int
) -> list[User]:
    query = select(User).order_by(User.id).limit(limit)
    if participant_id is not None:
        query = query.where(User.participant_id == participant_id)
    if after_id is not None:
        query = query.where(User.id > after_id)
    return list(uow.session.scalars(query))


def get_user(uow: UnitOfWork, user_id: int, participant_id: int | None) -> User:
    """A user by id; with ``participant_id``, only among that participant's users."""
    user = uow.session.get(User, user_id)
    if user is None or (participant_id is not None and user.participant_id != participant_id):
        raise NotFound(f"no user #{user_id}")
    return user


def change_user(
    uow: UnitOfWork,
    user_id: int,
    origin: Origin,
    *,
    participant_id: int | None,
    role: str | None = None,
    is_active: bool | None = None,
    unlock: bool = False,
) -> User:
    """Change a user's role, disable or enable it, or lift a lock-out. Audited."""
    user = get_user(uow, user_id, participant_id)
    changes: dict[str, object] = {}
    if role is not None and role != user.role:
        if role not in USER_ROLES:
            raise Invalid(f"user role {role!r}; known: {', '.join(USER_ROLES)}")
        changes["role"] = user.role = role
    if is_active is not None and is_active != user.is_active:
        if user.id == origin.principal.user_id and not is_active:
            raise Conflict("you cannot disable yourself")
        changes["is_active"] = user.is_active = is_active
    if unlock and (user.locked_until is not None or user.failed_logins):
        user.locked_until, user.failed_logins = None, 0
        changes["unlocked"] = True
    if changes:
        record_by(
            uow.session,
            origin,
            "user.changed",
            participant_id=user.participant_id,
            target=f"user:{user.username}",
            detail=changes,
        )
        uow.commit()
    return user


def get_user_by_username(uow: UnitOfWork, username: str) -> User:
    user = uow.session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None:
        raise NotFound(f"no user {username}")
    return user
