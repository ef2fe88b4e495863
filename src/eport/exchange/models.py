"""Tables of the exchange hub: received interchanges, jobs, deliveries, trace and configuration.

Raw bytes are kept in the database (every node of a cluster reaches them) and never updated;
rendered deliveries keep their own bytes, so what was sent can always be shown again.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column

from eport.db.base import Base
from eport.db.types import UTCDateTime, utcnow

# SQLite only autoincrements an INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit key.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class InterchangeRecord(Base):
    """One interchange as received: raw bytes, who sent it, how, and what became of it."""

    __tablename__ = "interchanges"
    __table_args__ = (
        Index("ix_interchanges_sender_control", "sender_id", "control_ref"),
        Index("ix_interchanges_sender_sha256", "sender_id", "sha256"),
        Index("ix_interchanges_sender_id", "sender_id", "id"),  # a sender's, newest first
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    sender_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    channel: Mapped[str] = mapped_column(String(16))
    content_type: Mapped[str] = mapped_column(String(100), default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    raw: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    status: Mapped[str] = mapped_column(String(16), default="received", index=True)
    unb_sender: Mapped[str] = mapped_column(String(70), default="")
    unb_sender_qualifier: Mapped[str] = mapped_column(String(8), default="")
    unb_recipient: Mapped[str] = mapped_column(String(70), default="")
    unb_recipient_qualifier: Mapped[str] = mapped_column(String(8), default="")
    control_ref: Mapped[str] = mapped_column(String(35), default="")
    test: Mapped[bool] = mapped_column(Boolean, default=False)
    message_count: Mapped[int] = mapped_column(Integer, default=0)
    message_types: Mapped[str] = mapped_column(String(200), default="")
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    duplicate_of_id: Mapped[int | None] = mapped_column(BigId)
    runs: Mapped[int] = mapped_column(Integer, default=0)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Job(Base):
    """A unit of background work, claimed by a worker under a lease (``claimed_until``).

    Jobs of one ``lane`` run in id order; a finished job is deleted in the transaction that
    commits its effects, so the table only holds work still to do.
    """

    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_kind_id", "kind", "id"),
        Index("ix_jobs_lane_id", "lane", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    ref_id: Mapped[int] = mapped_column(BigInteger)
    lane: Mapped[str] = mapped_column(String(64))
    run_after: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Delivery(Base):
    """What one recipient gets of one received interchange (or an acknowledgement of it).

    The unique key makes delivering idempotent: a re-run or a second worker cannot put the
    same interchange twice into one mailbox.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("interchange_id", "recipient_id", "kind", "part"),
        Index("ix_deliveries_mailbox", "recipient_id", "status", "id"),
        Index("ix_deliveries_recipient_control", "recipient_id", "control_ref"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    interchange_id: Mapped[int] = mapped_column(ForeignKey("interchanges.id"), index=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    sender_id: Mapped[int] = mapped_column(ForeignKey("participants.id"))
    kind: Mapped[str] = mapped_column(String(8), default="forward")
    part: Mapped[int] = mapped_column(Integer, default=0)
    channel: Mapped[str] = mapped_column(String(16), default="mailbox")
    format: Mapped[str] = mapped_column(String(32), default="edifact")
    status: Mapped[str] = mapped_column(String(16))
    control_ref: Mapped[str] = mapped_column(String(35))
    message_types: Mapped[str] = mapped_column(String(200), default="")
    message_refs: Mapped[list[str]] = mapped_column(JSON, default=list)
    message_indices: Mapped[list[int]] = mapped_column(JSON, default=list)
    test: Mapped[bool] = mapped_column(Boolean, default=False)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    payload: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    acked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    recipient_ack: Mapped[str | None] = mapped_column(String(16))
    recipient_ack_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    recipient_ack_interchange_id: Mapped[int | None] = mapped_column(BigId)


class TraceEvent(Base):
    """One step done to an interchange or delivery: when, what, with what outcome."""

    __tablename__ = "trace_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    interchange_id: Mapped[int] = mapped_column(BigInteger, index=True)
    delivery_id: Mapped[int | None] = mapped_column(BigInteger)
    step: Mapped[str] = mapped_column(String(24))
    outcome: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class DeadLetter(Base):
    """Something that could not be routed or delivered, with the reason, until replayed."""

    __tablename__ = "dead_letters"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    interchange_id: Mapped[int] = mapped_column(BigInteger, index=True)
    delivery_id: Mapped[int | None] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    replayed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class RoutingRule(Base):
    """An operator's rule: which messages (type, sender) also go to whom.

    The target is a fixed participant, every active participant of a role, or the party named
    in the message under a NAD qualifier (optionally required to hold a role).
    """

    __tablename__ = "routing_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    description: Mapped[str] = mapped_column(String(200), default="")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    message_type: Mapped[str | None] = mapped_column(String(6))
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    recipient_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE")
    )
    recipient_role: Mapped[str | None] = mapped_column(String(32))
    party_qualifier: Mapped[str | None] = mapped_column(String(3))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RecipientProfile(Base):
    """How a participant wants one message type (``*`` for any): format, channel, test, CONTRL."""

    __tablename__ = "recipient_profiles"
    __table_args__ = (UniqueConstraint("participant_id", "message_type"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    message_type: Mapped[str] = mapped_column(String(6), default="*")
    format: Mapped[str] = mapped_column(String(32), default="edifact")
    version: Mapped[str] = mapped_column(String(16), default="")
    channel: Mapped[str] = mapped_column(String(16), default="mailbox")
    accepts_test: Mapped[bool] = mapped_column(Boolean, default=False)
    wants_contrl: Mapped[bool] = mapped_column(Boolean, default=False)


class SenderCheck(Base):
    """How strictly a participant's interchanges are checked (`strictness.py`); a participant
    without a row is checked at the standard level."""

    __tablename__ = "sender_checks"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    strictness: Mapped[str] = mapped_column(String(16), default="standard")


class Subscription(Base):
    """A participant's standing order for copies of a message type (optionally of one sender)."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("participant_id", "message_type", "sender_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    message_type: Mapped[str] = mapped_column(String(6))
    sender_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SenderPermission(Base):
    """The operator's override of which roles may send a message type."""

    __tablename__ = "sender_permissions"

    message_type: Mapped[str] = mapped_column(String(6), primary_key=True)
    roles: Mapped[str] = mapped_column(String(400))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class WebhookEndpoint(Base):
    """Where a participant wants its deliveries pushed, and the secret that signs them."""

    __tablename__ = "webhook_endpoints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), unique=True
    )
    url: Mapped[str] = mapped_column(String(500))
    secret: Mapped[str] = mapped_column(String(128))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ConfigStamp(Base):
    """A counter bumped by every change of exchange configuration, so workers reload it."""

    __tablename__ = "exchange_config_stamp"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
