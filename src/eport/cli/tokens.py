"""``eport tokens``: API tokens of participants' systems."""

from __future__ import annotations

from typing import Annotated

import typer

from eport.auth import tokens
from eport.auth.scopes import DEFAULT_TOKEN_SCOPES, SCOPES
from eport.cli.admin import administering, cli_origin
from eport.participants.services import get_participant

SCOPE_HELP = f"Added to {' '.join(sorted(DEFAULT_TOKEN_SCOPES))}; known: {', '.join(SCOPES)}"
tokens_app = typer.Typer(help="API tokens (Authorization: Bearer).", no_args_is_help=True)


@tokens_app.command("create")
def create(
    participant: str = typer.Option(..., "--participant", help="Participant code"),
    scope: Annotated[list[str] | None, typer.Option("--scope", help=SCOPE_HELP)] = None,
    expires_days: int | None = typer.Option(None, "--expires-days", help="Days until expiry"),
    name: str = typer.Option("", "--name", help="What the token is for"),
) -> None:
    """Create a token; it is printed once, alone on the last line of standard output."""
    with administering() as platform, platform.uow() as uow:
        issued = tokens.issue_token(
            uow,
            participant,
            cli_origin(),
            scopes=DEFAULT_TOKEN_SCOPES | frozenset(scope or []),
            name=name,
            expires_days=expires_days,
        )
    expiry = issued.expires_at.isoformat() if issued.expires_at else "never"
    typer.echo(
        f"token {issued.id} ({issued.prefix}…) for {issued.participant_code}, "
        f"scopes {' '.join(sorted(issued.scopes))}, expires {expiry}",
        err=True,
    )
    typer.echo(issued.secret)


@tokens_app.command("revoke")
def revoke(token: str = typer.Argument(..., help="Token id or prefix (ept_…)")) -> None:
    """Revoke a token at once."""
    with administering() as platform, platform.uow() as uow:
        revoked = tokens.revoke_token(uow, token, cli_origin())
        typer.echo(f"revoked token {revoked.id} ({revoked.prefix})")


@tokens_app.command("list")
def list_(
    participant: str | None = typer.Option(None, "--participant", help="Participant code"),
) -> None:
    """List tokens: id, prefix, participant id, scopes, expiry, revoked, name (tab-separated)."""
    with administering() as platform, platform.uow() as uow:
        owner = get_participant(uow.session, participant).id if participant else None
        after: int | None = None
        while batch := tokens.list_tokens(uow, participant_id=owner, after_id=after, limit=500):
            for t in batch:
                typer.echo(
                    "\t".join(
                        [
                            str(t.id),
                            t.prefix,
                            str(t.participant_id),
                            t.scopes.replace(" ", ","),
                            t.expires_at.isoformat() if t.expires_at else "-",
                            "revoked" if t.revoked_at else "valid",
                            t.name or "-",
                        ]
                    )
                )
            after = batch[-1].id
