"""REST API of participants: one's own record, the operator's register, public applications."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, status

from eport.auth.scopes import PARTICIPANTS_ADMIN, PARTICIPANTS_READ
from eport.auth.throttle import AttemptLimit
from eport.participants import services
from eport.participants.rules import Identifier
from eport.participants.schemas import (
    ApplicationIn,
    ApplicationOut,
    IdentifierIn,
    MeOut,
    ParticipantDetail,
    ParticipantIn,
    ParticipantOut,
    ParticipantPage,
    TimeZoneIn,
)
from eport.participants.services import ParticipantDraft
from eport.web.deps import (
    OriginDep,
    PlatformDep,
    client_ip,
    require_operator,
    require_scope,
)
from eport.web.pagination import clamp_limit, decode_cursor, encode_cursor
from eport.web.problems import Problem

router = APIRouter(tags=["participants"])
operator_read = [Depends(require_operator), Depends(require_scope(PARTICIPANTS_READ))]
operator_admin = [Depends(require_operator), Depends(require_scope(PARTICIPANTS_ADMIN))]
OPERATOR_READ = "Caller: the operator, with scope participants:read."
OPERATOR_ADMIN = "Caller: the operator, with scope participants:admin. Audited."


def _draft(body: ParticipantIn) -> ParticipantDraft:
    extra = body.model_dump(include={"contact_name", "contact_email", "contact_phone"})
    return ParticipantDraft(
        code=body.code,
        roles=body.roles,
        name_en=body.name_en,
        name_zh=body.name_zh,
        credit_code=body.credit_code,
        customs_code=body.customs_code,
        identifiers=[Identifier.checked(i.scheme, i.value, i.qualifier) for i in body.identifiers],
        time_zone=body.time_zone,
        **extra,
    )


@router.get(
    "/me",
    response_model=MeOut,
    description="The caller's own participant and how the caller is authenticated. "
    "Caller: anyone authenticated (token or portal session), no scope needed.",
)
def read_me(platform: PlatformDep, origin: OriginDep) -> MeOut:
    principal = origin.principal
    with platform.uow() as uow:
        participant = services.get_participant_by_id(uow.session, principal.participant_id)
        return MeOut(
            **ParticipantOut.of(participant).model_dump(),
            authenticated_as=principal.actor,
            scopes=sorted(principal.scopes),
        )


@router.get(
    "/participants",
    response_model=ParticipantPage,
    dependencies=operator_read,
    description=f"All participants, by id, paginated. {OPERATOR_READ}",
)
def list_participants(
    platform: PlatformDep,
    cursor: str | None = None,
    limit: int | None = None,
    participant_status: Annotated[str | None, Query(alias="status")] = None,
    role: str | None = None,
) -> ParticipantPage:
    after = decode_cursor(cursor)
    size = clamp_limit(limit)
    with platform.uow() as uow:
        rows = services.list_participants(
            uow, after_id=after, limit=size + 1, status=participant_status, role=role
        )
        items = [ParticipantDetail.of(p) for p in rows[:size]]
    next_cursor = encode_cursor(items[-1].id) if len(rows) > size else None
    return ParticipantPage(items=items, next_cursor=next_cursor)


@router.post(
    "/participants",
    response_model=ParticipantDetail,
    status_code=201,
    dependencies=operator_admin,
    description=f"Register a participant, active at once. {OPERATOR_ADMIN}",
)
def add_participant(
    body: ParticipantIn, platform: PlatformDep, origin: OriginDep
) -> ParticipantDetail:
    with platform.uow() as uow:
        return ParticipantDetail.of(services.add_participant(uow, _draft(body), origin))


@router.get(
    "/participants/{code}",
    response_model=ParticipantDetail,
    dependencies=operator_read,
    description=f"One participant. {OPERATOR_READ}",
)
def get_participant(code: str, platform: PlatformDep) -> ParticipantDetail:
    with platform.uow() as uow:
        return ParticipantDetail.of(services.get_participant(uow.session, code))


@router.post(
    "/participants/{code}/approve",
    response_model=ParticipantDetail,
    dependencies=operator_admin,
    description=f"Approve an application (applied → active). {OPERATOR_ADMIN}",
)
def approve(code: str, platform: PlatformDep, origin: OriginDep) -> ParticipantDetail:
    with platform.uow() as uow:
        return ParticipantDetail.of(services.approve_participant(uow, code, origin))


@router.post(
    "/participants/{code}/suspend",
    response_model=ParticipantDetail,
    dependencies=operator_admin,
    description=f"Suspend (active → suspended); its tokens and logins stop working. "
    f"{OPERATOR_ADMIN}",
)
def suspend(code: str, platform: PlatformDep, origin: OriginDep) -> ParticipantDetail:
    with platform.uow() as uow:
        return ParticipantDetail.of(services.suspend_participant(uow, code, origin))


@router.post(
    "/participants/{code}/reactivate",
    response_model=ParticipantDetail,
    dependencies=operator_admin,
    description=f"Reactivate (suspended → active). {OPERATOR_ADMIN}",
)
def reactivate(code: str, platform: PlatformDep, origin: OriginDep) -> ParticipantDetail:
    with platform.uow() as uow:
        return ParticipantDetail.of(services.reactivate_participant(uow, code, origin))


@router.put(
    "/participants/{code}/time-zone",
    response_model=ParticipantDetail,
    dependencies=operator_admin,
    description="Set the IANA time zone the participant's systems keep time in (empty: the "
    "platform's local zone); the hub reads its EDIFACT times and writes those it receives "
    f"in that zone. An unknown zone is refused (422). {OPERATOR_ADMIN}",
)
def set_time_zone(
    code: str, body: TimeZoneIn, platform: PlatformDep, origin: OriginDep
) -> ParticipantDetail:
    with platform.uow() as uow:
        return ParticipantDetail.of(services.set_time_zone(uow, code, body.time_zone, origin))


@router.post(
    "/participants/{code}/identifiers",
    response_model=ParticipantDetail,
    status_code=201,
    dependencies=operator_admin,
    description=f"Add an identification code (EDI ID, SCAC, ...). {OPERATOR_ADMIN}",
)
def add_identifier(
    code: str, body: IdentifierIn, platform: PlatformDep, origin: OriginDep
) -> ParticipantDetail:
    ident = Identifier.checked(body.scheme, body.value, body.qualifier)
    with platform.uow() as uow:
        return ParticipantDetail.of(services.add_identifier(uow, code, ident, origin))


@router.delete(
    "/participants/{code}/identifiers/{identifier_id}",
    response_model=ParticipantDetail,
    dependencies=operator_admin,
    description=f"Remove an identification code. {OPERATOR_ADMIN}",
)
def remove_identifier(
    code: str, identifier_id: int, platform: PlatformDep, origin: OriginDep
) -> ParticipantDetail:
    with platform.uow() as uow:
        return ParticipantDetail.of(services.remove_identifier(uow, code, identifier_id, origin))


public_router = APIRouter(prefix="/public/v1", tags=["public"])


def _rate_limit(request: Request) -> AttemptLimit:
    limiter: AttemptLimit | None = getattr(request.app.state, "application_limit", None)
    if limiter is None:
        limiter = request.app.state.application_limit = AttemptLimit(5, 3600.0)
    return limiter


@public_router.post(
    "/applications",
    response_model=ApplicationOut,
    status_code=status.HTTP_202_ACCEPTED,
    description="An enterprise applies to join the port community; an operator approves it. "
    "Caller: anyone, no login; at most 5 applications per address and hour. Audited.",
)
def apply(body: ApplicationIn, request: Request, platform: PlatformDep) -> ApplicationOut:
    if not _rate_limit(request).admit(client_ip(request)):
        raise Problem(
            429,
            "too many applications from this address; try again later",
            headers={"Retry-After": "3600"},
        )
    with platform.uow() as uow:
        participant = services.apply_for_participation(uow, _draft(body), client_ip(request))
        return ApplicationOut(code=participant.code, status=participant.status)
