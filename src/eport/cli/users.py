"""``eport users``: the people of a participant."""

from __future__ import annotations

import sys

import typer

from eport.auth import users
from eport.auth.passwords import generate_password
from eport.auth.scopes import USER_ROLES
from eport.cli.admin import administering, cli_origin
from eport.participants.services import get_participant

users_app = typer.Typer(help="Users of participants (portal logins).", no_args_is_help=True)


@users_app.command("add")
def add(
    participant: str = typer.Option(..., "--participant", help="Participant code"),
    username: str = typer.Option(..., "--username"),
    role: str = typer.Option("clerk", "--role", help=f"One of: {', '.join(USER_ROLES)}"),
    display_name: str = typer.Option("", "--display-name"),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help="Read the password from the first line of stdin"
    ),
) -> None:
    """Add a user; without --password-stdin a password is generated and printed last."""
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else generate_password()
    with administering() as platform, platform.uow() as uow:
        user = users.add_user(
            uow, participant, username, role, password, cli_origin(), display_name=display_name
        )
        typer.echo(f"user {user.username} ({user.role}) added to {participant.upper()}", err=True)
    if not password_stdin:
        typer.echo(password)


@users_app.command("list")
def list_(
    participant: str | None = typer.Option(None, "--participant", help="Participant code"),
) -> None:
    """List users: username, participant id, role, active, last login (tab-separated)."""
    with administering() as platform, platform.uow() as uow:
        owner = get_participant(uow.session, participant).id if participant else None
        after: int | None = None
        while batch := users.list_users(uow, participant_id=owner, after_id=after, limit=500):
            for user in batch:
                last = user.last_login_at.isoformat() if user.last_login_at else "-"
                typer.echo(
                    "\t".join(
                        [
                            user.username,
                            str(user.participant_id),
                            user.role,
                            "active" if user.is_active else "disabled",
                            last,
                        ]
                    )
                )
            after = batch[-1].id


def _change(username: str, *, is_active: bool | None = None, unlock: bool = False) -> None:
    with administering() as platform, platform.uow() as uow:
        user = users.get_user_by_username(uow, username)
        user = users.change_user(
            uow, user.id, cli_origin(), participant_id=None, is_active=is_active, unlock=unlock
        )
        typer.echo(f"{user.username}\t{'active' if user.is_active else 'disabled'}")


@users_app.command("unlock")
def unlock(username: str = typer.Argument(..., help="Username")) -> None:
    """Lift a lock-out after too many failed logins."""
    _change(username, unlock=True)


@users_app.command("disable")
def disable(username: str = typer.Argument(..., help="Username")) -> None:
    """Stop a user from logging in; its portal sessions end at once."""
    _change(username, is_active=False)


@users_app.command("enable")
def enable(username: str = typer.Argument(..., help="Username")) -> None:
    """Let a disabled user log in again."""
    _change(username, is_active=True)
