"""What a sender has sent, newest first, and the bytes it sent: its own interchanges only.

A clerk looks for yesterday's rejected CODECOs or one control reference; the operator looks
across every sender. Either way each row is what `InterchangeRecord` keeps; the full status
and trace of one interchange is in `status.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, get_args

from sqlalchemy import Select, select

from eport.bootstrap import Platform
from eport.exchange.models import InterchangeRecord
from eport.participants.models import Participant

Status = Literal["received", "routed", "partial", "rejected", "duplicate", "dead"]
STATUSES: tuple[str, ...] = get_args(Status)
AnySelect = Select[*tuple[Any, ...]]


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    """Conditions on a listing; None means any. ``sender`` (a participant code) is the
    operator's: a participant always sees only what it sent."""

    status: str | None = None
    message_type: str | None = None
    control_ref: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    test: bool | None = None
    sender: str | None = None


@dataclass(frozen=True, slots=True)
class SentRaw:
    id: int
    content_type: str
    raw: bytes


def list_interchanges(
    platform: Platform,
    participant_id: int,
    is_operator: bool,
    conditions: HistoryFilter,
    limit: int,
    before_id: int | None = None,
) -> list[dict[str, Any]]:
    """Interchanges newest first; a page continues below ``before_id``."""
    t = InterchangeRecord
    query: AnySelect = (
        select(
            t.id,
            Participant.code,
            t.status,
            t.channel,
            t.received_at,
            t.processed_at,
            t.size,
            t.sha256,
            t.unb_sender,
            t.unb_sender_qualifier,
            t.unb_recipient,
            t.unb_recipient_qualifier,
            t.control_ref,
            t.test,
            t.message_count,
            t.message_types,
            t.duplicate_of_id,
        )
        .join(Participant, Participant.id == t.sender_id)
        .order_by(t.id.desc())
        .limit(limit)
    )
    if not is_operator:
        query = query.where(t.sender_id == participant_id)
    elif conditions.sender is not None:
        query = query.where(Participant.code == conditions.sender)
    query = _filtered(query, conditions)
    if before_id is not None:
        query = query.where(t.id < before_id)
    with platform.uow() as uow:
        rows = uow.session.execute(query).all()
    return [
        {
            "id": r.id,
            "sender": r.code,
            "status": r.status,
            "channel": r.channel,
            "received_at": r.received_at.isoformat(),
            "processed_at": r.processed_at.isoformat() if r.processed_at else None,
            "size": r.size,
            "sha256": r.sha256,
            "unb_sender": {"id": r.unb_sender, "qualifier": r.unb_sender_qualifier},
            "unb_recipient": {"id": r.unb_recipient, "qualifier": r.unb_recipient_qualifier},
            "control_ref": r.control_ref,
            "test": r.test,
            "message_count": r.message_count,
            "message_types": [m for m in r.message_types.split(",") if m],
            "duplicate_of": r.duplicate_of_id,
        }
        for r in rows
    ]


def _filtered(query: AnySelect, c: HistoryFilter) -> AnySelect:
    t = InterchangeRecord
    if c.status is not None:
        query = query.where(t.status == c.status)
    if c.control_ref is not None:
        query = query.where(t.control_ref == c.control_ref)
    if c.message_type is not None:
        # message_types holds the interchange's types joined by commas
        query = query.where(("," + t.message_types + ",").contains(f",{c.message_type},"))
    if c.since is not None:
        query = query.where(t.received_at >= c.since)
    if c.until is not None:
        query = query.where(t.received_at < c.until)
    if c.test is not None:
        query = query.where(t.test.is_(c.test))
    return query


def sent_raw(
    platform: Platform, interchange_id: int, participant_id: int, is_operator: bool
) -> SentRaw | None:
    """The bytes exactly as received; None unless the caller sent them or is the operator."""
    t = InterchangeRecord
    with platform.uow() as uow:
        row = uow.session.execute(
            select(t.id, t.sender_id, t.content_type, t.raw).where(t.id == interchange_id)
        ).first()
    if row is None or (row.sender_id != participant_id and not is_operator):
        return None
    return SentRaw(row.id, row.content_type or "application/edifact", row.raw)
