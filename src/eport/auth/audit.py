"""The append-only audit log: who did what security-relevant thing, when, from where.

Use cases add an event to their unit of work, so the event is written in the same
transaction as the act it records. Nothing in eport updates or deletes audit events;
on PostgreSQL a trigger refuses it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eport.auth.models import AuditEvent
from eport.auth.principal import Principal
from eport.db.uow import UnitOfWork


@dataclass(frozen=True)
class Origin:
    """Who acts and from where: the principal and its network address."""

    principal: Principal
    ip: str = ""
    detail: dict[str, Any] = field(default_factory=dict)


def record_event(
    session: Session,
    action: str,
    *,
    actor: str,
    participant_id: int | None,
    target: str = "",
    ip: str = "",
    outcome: str = "ok",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    event = AuditEvent(
        action=action,
        actor=actor[:100],
        participant_id=participant_id,
        target=target[:200],
        ip=ip[:64],
        outcome=outcome,
        detail=detail or {},
    )
    session.add(event)
    return event


def record_by(
    session: Session,
    origin: Origin,
    action: str,
    *,
    participant_id: int | None,
    target: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record an act of ``origin``'s principal."""
    return record_event(
        session,
        action,
        actor=origin.principal.actor,
        participant_id=participant_id,
        target=target,
        ip=origin.ip,
        detail={**origin.detail, **(detail or {})},
    )


def list_events(
    uow: UnitOfWork,
    *,
    participant_id: int | None,
    before_id: int | None,
    limit: int,
    action: str | None = None,
) -> list[AuditEvent]:
    """Events newest first; ``participant_id`` None means every participant's (operators)."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if participant_id is not None:
        query = query.where(AuditEvent.participant_id == participant_id)
    if before_id is not None:
        query = query.where(AuditEvent.id < before_id)
    if action:
        query = query.where(AuditEvent.action == action)
    return list(uow.session.scalars(query))
