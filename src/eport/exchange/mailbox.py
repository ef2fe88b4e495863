"""The mailbox of a participant: deliveries waiting to be pulled, oldest first, until acked.

Every function takes the participant whose mailbox it is; another participant's item is
simply not found (the API answers 404, revealing nothing). Each item says the format its
recipient's profile asked for and the media type of its bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from eport.bootstrap import Platform
from eport.db.types import utcnow
from eport.exchange import trace
from eport.exchange.models import Delivery
from eport.exchange.translation import content_type_for
from eport.participants.models import Participant

AVAILABLE, ACKED = "available", "acked"
MAILBOX = "mailbox"
# File name extensions by media type (without parameters), so that every format name that
# content_type_for knows (DCSA events are JSON, any EDIFACT version is EDIFACT) gets one.
EXTENSIONS = {"application/edifact": "edi", "application/json": "json", "text/csv": "csv"}


def file_extension(content_type: str) -> str:
    return EXTENSIONS.get(content_type.split(";", 1)[0].strip(), "bin")


@dataclass(frozen=True, slots=True)
class MailboxItem:
    id: int
    interchange_id: int
    kind: str
    sender: str
    control_ref: str
    message_types: str
    message_count: int
    test: bool
    size: int
    sha256: str
    created_at: datetime
    format: str

    @property
    def content_type(self) -> str:
        return content_type_for(self.format)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "interchange_id": self.interchange_id,
            "kind": self.kind,
            "sender": self.sender,
            "control_ref": self.control_ref,
            "message_types": [t for t in self.message_types.split(",") if t],
            "message_count": self.message_count,
            "test": self.test,
            "size": self.size,
            "sha256": self.sha256,
            "created_at": self.created_at.isoformat(),
            "format": self.format,
            "content_type": self.content_type,
        }


@dataclass(frozen=True, slots=True)
class MailboxPayload:
    """The bytes of one mailbox item, with their format."""

    id: int
    format: str
    payload: bytes

    @property
    def content_type(self) -> str:
        return content_type_for(self.format)

    @property
    def filename(self) -> str:
        return f"{self.id}.{file_extension(self.content_type)}"


def list_items(
    platform: Platform, participant_id: int, limit: int, after_id: int | None = None
) -> list[MailboxItem]:
    """Unacknowledged mailbox deliveries of the participant, oldest first, after a cursor."""
    d = Delivery
    stmt = (
        select(
            d.id,
            d.interchange_id,
            d.kind,
            Participant.code,
            d.control_ref,
            d.message_types,
            d.message_indices,
            d.test,
            d.size,
            d.sha256,
            d.created_at,
            d.format,
        )
        .join(Participant, Participant.id == d.sender_id)
        .where(d.recipient_id == participant_id, d.status == AVAILABLE, d.channel == MAILBOX)
        .order_by(d.id)
        .limit(limit)
    )
    if after_id is not None:
        stmt = stmt.where(d.id > after_id)
    items = []
    with platform.uow() as uow:
        rows = uow.session.execute(stmt).all()
    for row in rows:
        (
            item_id,
            interchange_id,
            kind,
            sender,
            ref,
            types,
            indices,
            test,
            size,
            digest,
            created,
            fmt,
        ) = row
        items.append(
            MailboxItem(
                item_id,
                interchange_id,
                kind,
                "platform" if kind != "forward" else sender,
                ref,
                types,
                len(indices or []) or 1,
                test,
                size,
                digest,
                created,
                fmt,
            )
        )
    return items


def item_payload(platform: Platform, participant_id: int, item_id: int) -> MailboxPayload | None:
    """The bytes of one of the participant's deliveries (acknowledged or not), or None."""
    with platform.uow() as uow:
        return _payload(uow.session, participant_id, item_id)


def _payload(session: Session, participant_id: int, item_id: int) -> MailboxPayload | None:
    row = session.execute(
        select(Delivery.format, Delivery.payload).where(
            Delivery.id == item_id,
            Delivery.recipient_id == participant_id,
            Delivery.channel == MAILBOX,
        )
    ).first()
    return None if row is None else MailboxPayload(item_id, row.format, row.payload)


def acknowledge(platform: Platform, participant_id: int, item_id: int) -> bool:
    """Mark an item collected; acknowledging twice is fine. False if it is not theirs."""
    with platform.uow() as uow:
        found = _acknowledge(uow.session, participant_id, item_id)
        uow.commit()
    return found


def _acknowledge(session: Session, participant_id: int, item_id: int) -> bool:
    row = session.execute(
        select(Delivery.id, Delivery.status, Delivery.interchange_id).where(
            Delivery.id == item_id,
            Delivery.recipient_id == participant_id,
            Delivery.channel == MAILBOX,
        )
    ).first()
    if row is None:
        return False
    if row.status == AVAILABLE:
        now = utcnow()
        session.execute(
            update(Delivery)
            .where(Delivery.id == item_id)
            .values(status=ACKED, acked_at=now, delivered_at=now)
        )
        trace.write_steps(
            session,
            row.interchange_id,
            [
                trace.Step(
                    trace.DELIVER, trace.OK, "collected from the mailbox", delivery_id=item_id
                )
            ],
        )
    return True
