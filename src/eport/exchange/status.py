"""What a sender (or the operator) may see of an interchange: its status, deliveries and trace."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from eport.bootstrap import Platform
from eport.exchange.models import Delivery, InterchangeRecord
from eport.exchange.trace import trace_of
from eport.participants.models import Participant


def interchange_status(
    platform: Platform, interchange_id: int, participant_id: int, is_operator: bool
) -> dict[str, Any] | None:
    """None unless the caller sent the interchange or is the operator."""
    with platform.uow() as uow:
        session = uow.session
        rec = session.get(InterchangeRecord, interchange_id)
        if rec is None or (rec.sender_id != participant_id and not is_operator):
            return None
        deliveries = session.execute(
            select(
                Delivery.id,
                Participant.code,
                Delivery.kind,
                Delivery.part,
                Delivery.channel,
                Delivery.status,
                Delivery.control_ref,
                Delivery.message_types,
                Delivery.created_at,
                Delivery.delivered_at,
                Delivery.recipient_ack,
            )
            .join(Participant, Participant.id == Delivery.recipient_id)
            .where(Delivery.interchange_id == interchange_id)
            .order_by(Delivery.id)
        ).all()
        return {
            "id": rec.id,
            "status": rec.status,
            "received_at": rec.received_at.isoformat(),
            "processed_at": rec.processed_at.isoformat() if rec.processed_at else None,
            "channel": rec.channel,
            "size": rec.size,
            "sha256": rec.sha256,
            "sender": {"id": rec.unb_sender, "qualifier": rec.unb_sender_qualifier},
            "recipient": {"id": rec.unb_recipient, "qualifier": rec.unb_recipient_qualifier},
            "control_ref": rec.control_ref,
            "test": rec.test,
            "message_count": rec.message_count,
            "message_types": [t for t in rec.message_types.split(",") if t],
            "duplicate_of": rec.duplicate_of_id,
            "findings": rec.findings,
            "deliveries": [
                {
                    "id": d.id,
                    "recipient": d.code,
                    "kind": d.kind,
                    "part": d.part,
                    "channel": d.channel,
                    "status": d.status,
                    "control_ref": d.control_ref,
                    "message_types": [t for t in d.message_types.split(",") if t],
                    "created_at": d.created_at.isoformat(),
                    "delivered_at": d.delivered_at.isoformat() if d.delivered_at else None,
                    "recipient_ack": d.recipient_ack,
                }
                for d in deliveries
            ],
            "trace": trace_of(session, interchange_id),
        }
