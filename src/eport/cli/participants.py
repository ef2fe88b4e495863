"""``eport participants``: the register of the port community."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from eport.cli.admin import administering, cli_origin
from eport.participants import services
from eport.participants.models import Participant
from eport.participants.rules import ROLES, Identifier
from eport.participants.services import ParticipantDraft

ROLE_HELP = "One of: " + ", ".join(ROLES)
TIME_ZONE_HELP = (
    "IANA zone its systems keep time in, e.g. Asia/Shanghai; empty: the platform's local zone"
)
participants_app = typer.Typer(help="Participants of the port community.", no_args_is_help=True)


def _edi_ids(values: list[str]) -> list[Identifier]:
    return [Identifier.edi(value) for value in values]


def _summary(participant: Participant) -> str:
    edi = ",".join(
        f"{i.qualifier}:{i.value}" if i.qualifier else i.value
        for i in participant.identifiers
        if i.scheme == "edi"
    )
    name = participant.name_en or participant.name_zh
    return "\t".join(
        [participant.code, participant.status, ",".join(participant.role_names), edi or "-", name]
    )


@participants_app.command("add")
def add(
    code: Annotated[str, typer.Option("--code", help="Short unique code, e.g. NBCT")],
    name: Annotated[str, typer.Option("--name", help="Name (English)")],
    role: Annotated[list[str], typer.Option("--role", help=ROLE_HELP)],
    edi_id: Annotated[
        list[str] | None, typer.Option("--edi-id", help="UNB ID, as ID or QUALIFIER:ID")
    ] = None,
    name_zh: str = typer.Option("", "--name-zh", help="Name (Chinese)"),
    credit_code: str | None = typer.Option(None, "--credit-code", help="统一社会信用代码"),
    customs_code: str | None = typer.Option(None, "--customs-code", help="10 characters"),
    time_zone: str = typer.Option("", "--time-zone", help=TIME_ZONE_HELP),
) -> None:
    """Register a participant; it is active at once."""
    with administering() as platform:
        draft = ParticipantDraft(
            code=code,
            roles=role,
            name_en=name,
            name_zh=name_zh,
            credit_code=credit_code,
            customs_code=customs_code,
            identifiers=_edi_ids(edi_id or []),
            time_zone=time_zone,
        )
        with platform.uow() as uow:
            typer.echo(_summary(services.add_participant(uow, draft, cli_origin())))


@participants_app.command("list")
def list_(
    status: str | None = typer.Option(None, "--status", help="applied, active or suspended"),
    role: str | None = typer.Option(None, "--role"),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line"),
) -> None:
    """List participants: code, status, roles, EDI IDs, name (tab-separated)."""
    with administering() as platform, platform.uow() as uow:
        after: int | None = None
        while batch := services.list_participants(
            uow, after_id=after, limit=500, status=status, role=role
        ):
            for participant in batch:
                typer.echo(_json(participant) if as_json else _summary(participant))
            after = batch[-1].id


def _json(participant: Participant) -> str:
    return json.dumps(
        {
            "code": participant.code,
            "status": participant.status,
            "roles": participant.role_names,
            "name_en": participant.name_en,
            "name_zh": participant.name_zh,
            "credit_code": participant.credit_code,
            "time_zone": participant.time_zone,
            "identifiers": [
                {"scheme": i.scheme, "qualifier": i.qualifier, "value": i.value}
                for i in participant.identifiers
            ],
        },
        ensure_ascii=False,
    )


@participants_app.command("approve")
def approve(code: str = typer.Argument(..., help="Participant code")) -> None:
    """Approve an application (applied → active)."""
    with administering() as platform, platform.uow() as uow:
        typer.echo(_summary(services.approve_participant(uow, code, cli_origin())))


@participants_app.command("suspend")
def suspend(code: str = typer.Argument(..., help="Participant code")) -> None:
    """Suspend a participant; its tokens and logins stop working at once."""
    with administering() as platform, platform.uow() as uow:
        typer.echo(_summary(services.suspend_participant(uow, code, cli_origin())))


@participants_app.command("reactivate")
def reactivate(code: str = typer.Argument(..., help="Participant code")) -> None:
    """Reactivate a suspended participant."""
    with administering() as platform, platform.uow() as uow:
        typer.echo(_summary(services.reactivate_participant(uow, code, cli_origin())))


@participants_app.command("add-id")
def add_id(
    code: str = typer.Argument(..., help="Participant code"),
    scheme: str = typer.Argument(..., help="edi, smdg, scac, terminal, bic or local"),
    value: str = typer.Argument(..., help="The code; for edi also QUALIFIER:ID"),
) -> None:
    """Add an identification code to a participant."""
    with administering() as platform, platform.uow() as uow:
        ident = Identifier.edi(value) if scheme == "edi" else Identifier.checked(scheme, value)
        typer.echo(_summary(services.add_identifier(uow, code, ident, cli_origin())))


@participants_app.command("set-time-zone")
def set_time_zone(
    code: str = typer.Argument(..., help="Participant code"),
    time_zone: str = typer.Argument(..., help=TIME_ZONE_HELP),
) -> None:
    """Set the time zone the hub reads a participant's EDIFACT times in and writes them in."""
    with administering() as platform, platform.uow() as uow:
        participant = services.set_time_zone(uow, code, time_zone, cli_origin())
        typer.echo(f"{participant.code}\t{participant.time_zone or '-'}")
