"""Use cases of participants: apply, add, approve, suspend, reactivate, identify, set the time
zone, look up.

Each takes a UnitOfWork and, when it changes something, commits it once with its audit event.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from eport.auth.audit import Origin, record_by, record_event
from eport.auth.token_cache import forget_participant
from eport.db.uow import UnitOfWork
from eport.participants.credit_code import CreditCodeError, validate_credit_code
from eport.participants.errors import Conflict, Invalid, NotFound
from eport.participants.models import Participant, ParticipantIdentifier, ParticipantRole
from eport.participants.rules import (
    ACTIVE,
    APPLIED,
    SUSPENDED,
    Identifier,
    check_code,
    check_customs_code,
    check_roles,
    check_time_zone,
    check_transition,
)


@dataclass(frozen=True)
class ParticipantDraft:
    """What an applicant or an operator gives to register a participant."""

    code: str
    roles: list[str]
    name_en: str = ""
    name_zh: str = ""
    credit_code: str | None = None
    customs_code: str | None = None
    identifiers: list[Identifier] = field(default_factory=list)
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    time_zone: str = ""  # IANA name; empty: the platform's local zone


def _build(draft: ParticipantDraft, status: str) -> Participant:
    if not (draft.name_en.strip() or draft.name_zh.strip()):
        raise Invalid("a participant needs a name (English or Chinese)")
    try:
        credit = validate_credit_code(draft.credit_code) if draft.credit_code else None
    except CreditCodeError as exc:
        raise Invalid(f"unified social credit code: {exc}") from exc
    participant = Participant(
        code=check_code(draft.code),
        name_en=draft.name_en.strip(),
        name_zh=draft.name_zh.strip(),
        credit_code=credit,
        customs_code=check_customs_code(draft.customs_code) if draft.customs_code else None,
        status=status,
        contact_name=draft.contact_name.strip(),
        contact_email=draft.contact_email.strip(),
        contact_phone=draft.contact_phone.strip(),
        time_zone=check_time_zone(draft.time_zone),
    )
    participant.roles = [ParticipantRole(role=r) for r in check_roles(draft.roles)]
    participant.identifiers = [
        ParticipantIdentifier(scheme=i.scheme, qualifier=i.qualifier, value=i.value)
        for i in dict.fromkeys(draft.identifiers)
    ]
    return participant


def _insert(uow: UnitOfWork, participant: Participant) -> None:
    if uow.session.scalar(select(Participant.id).where(Participant.code == participant.code)):
        raise Conflict(f"participant code {participant.code} is taken")
    for ident in participant.identifiers:
        _check_identifier_free(uow.session, ident.scheme, ident.qualifier, ident.value)
    uow.session.add(participant)
    try:
        uow.flush()
    except IntegrityError as exc:  # a concurrent registration took the code first
        raise Conflict(f"participant {participant.code} or one of its codes is taken") from exc


def apply_for_participation(uow: UnitOfWork, draft: ParticipantDraft, ip: str) -> Participant:
    """An enterprise applies; it stays ``applied`` until an operator approves it."""
    if "operator" in draft.roles:
        raise Invalid("the operator role cannot be applied for")
    participant = _build(draft, APPLIED)
    _insert(uow, participant)
    record_event(
        uow.session,
        "participant.applied",
        actor=f"applicant:{participant.code}",
        participant_id=participant.id,
        target=participant.code,
        ip=ip,
    )
    uow.commit()
    return participant


def add_participant(uow: UnitOfWork, draft: ParticipantDraft, origin: Origin) -> Participant:
    """An operator registers a participant, active at once."""
    participant = _build(draft, ACTIVE)
    _insert(uow, participant)
    record_by(
        uow.session,
        origin,
        "participant.added",
        participant_id=participant.id,
        target=participant.code,
        detail={"roles": participant.role_names},
    )
    uow.commit()
    return participant


def _change_status(uow: UnitOfWork, code: str, wanted: str, origin: Origin) -> Participant:
    participant = get_participant(uow.session, code)
    check_transition(participant.status, wanted)
    before = participant.status
    participant.status = wanted
    action = {
        ACTIVE: "participant.approved" if before == APPLIED else "participant.reactivated",
        SUSPENDED: "participant.suspended",
    }[wanted]
    record_by(
        uow.session,
        origin,
        action,
        participant_id=participant.id,
        target=participant.code,
        detail={"from": before, "to": wanted},
    )
    uow.commit()
    # After the commit, so no request can cache the old status again; other processes
    # follow within their token cache's time-to-live.
    forget_participant(participant.id)
    return participant


def approve_participant(uow: UnitOfWork, code: str, origin: Origin) -> Participant:
    """An operator accepts an application; the participant becomes active."""
    status = _status(uow, code)
    if status != APPLIED:
        raise Conflict(f"participant {code} is {status}, not an open application")
    return _change_status(uow, code, ACTIVE, origin)


def _status(uow: UnitOfWork, code: str) -> str:
    return get_participant(uow.session, code).status


def suspend_participant(uow: UnitOfWork, code: str, origin: Origin) -> Participant:
    return _change_status(uow, code, SUSPENDED, origin)


def reactivate_participant(uow: UnitOfWork, code: str, origin: Origin) -> Participant:
    if _status(uow, code) != SUSPENDED:
        raise Conflict(f"participant {code} is not suspended")
    return _change_status(uow, code, ACTIVE, origin)


def set_time_zone(uow: UnitOfWork, code: str, time_zone: str, origin: Origin) -> Participant:
    """Set the IANA zone the participant's systems keep time in; empty: the platform's local
    zone. The exchange hub reads and writes the participant's EDIFACT times in it within a few
    seconds (its community cache's age)."""
    participant = get_participant(uow.session, code)
    before = participant.time_zone
    participant.time_zone = check_time_zone(time_zone)
    record_by(
        uow.session,
        origin,
        "participant.time_zone_set",
        participant_id=participant.id,
        target=participant.code,
        detail={"from": before, "to": participant.time_zone},
    )
    uow.commit()
    return participant


def get_participant(session: Session, code: str) -> Participant:
    participant = session.scalar(select(Participant).where(Participant.code == code.upper()))
    if participant is None:
        raise NotFound(f"no participant {code}")
    return participant


def get_participant_by_id(session: Session, participant_id: int) -> Participant:
    participant = session.get(Participant, participant_id)
    if participant is None:
        raise NotFound(f"no participant #{participant_id}")
    return participant


def list_participants(
    uow: UnitOfWork,
    *,
    after_id: int | None,
    limit: int,
    status: str | None = None,
    role: str | None = None,
) -> list[Participant]:
    query = select(Participant).order_by(Participant.id).limit(limit)
    if after_id is not None:
        query = query.where(Participant.id > after_id)
    if status:
        query = query.where(Participant.status == status)
    if role:
        query = query.where(Participant.roles.any(ParticipantRole.role == role))
    return list(uow.session.scalars(query))


def _check_identifier_free(session: Session, scheme: str, qualifier: str, value: str) -> None:
    # For EDI IDs an empty qualifier matches any, so it clashes with every qualifier.
    query = select(ParticipantIdentifier.id).where(
        ParticipantIdentifier.scheme == scheme, ParticipantIdentifier.value == value
    )
    if scheme != "edi" or qualifier:
        qualifiers = [qualifier, ""] if scheme == "edi" else [qualifier]
        query = query.where(ParticipantIdentifier.qualifier.in_(qualifiers))
    if session.scalar(query.limit(1)) is not None:
        shown = f"{qualifier}:{value}" if qualifier else value
        raise Conflict(f"{scheme} identifier {shown} already belongs to a participant")


def add_identifier(uow: UnitOfWork, code: str, ident: Identifier, origin: Origin) -> Participant:
    participant = get_participant(uow.session, code)
    _check_identifier_free(uow.session, ident.scheme, ident.qualifier, ident.value)
    participant.identifiers.append(
        ParticipantIdentifier(scheme=ident.scheme, qualifier=ident.qualifier, value=ident.value)
    )
    record_by(
        uow.session,
        origin,
        "participant.identifier_added",
        participant_id=participant.id,
        target=participant.code,
        detail={"scheme": ident.scheme, "value": ident.value, "qualifier": ident.qualifier},
    )
    uow.commit()
    return participant


def remove_identifier(
    uow: UnitOfWork, code: str, identifier_id: int, origin: Origin
) -> Participant:
    participant = get_participant(uow.session, code)
    found = next((i for i in participant.identifiers if i.id == identifier_id), None)
    if found is None:
        raise NotFound(f"participant {code} has no identifier #{identifier_id}")
    participant.identifiers.remove(found)
    record_by(
        uow.session,
        origin,
        "participant.identifier_removed",
        participant_id=participant.id,
        target=participant.code,
        detail={"scheme": found.scheme, "value": found.value, "qualifier": found.qualifier},
    )
    uow.commit()
    return participant


def find_by_edi_id(session: Session, value: str, qualifier: str = "") -> Participant | None:
    """The participant known by a UNB interchange ID, in any status (callers check it).

    An ID registered with the same qualifier wins over one registered without a qualifier
    (which matches any). The answer depends only on the identifiers table, so callers may
    cache it for a short while.
    """
    rows = session.execute(
        select(ParticipantIdentifier.participant_id, ParticipantIdentifier.qualifier).where(
            ParticipantIdentifier.scheme == "edi",
            ParticipantIdentifier.value == value,
            ParticipantIdentifier.qualifier.in_([qualifier, ""]),
        )
    ).all()
    if not rows:
        return None
    best = min(rows, key=lambda row: row.qualifier == "")  # exact qualifier first
    return session.get(Participant, best.participant_id)
