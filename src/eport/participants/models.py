"""Tables of participants, their roles and their identification codes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from eport.db.base import Base
from eport.db.types import UTCDateTime, utcnow


class Participant(Base):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_zh: Mapped[str] = mapped_column(String(200), default="")
    name_en: Mapped[str] = mapped_column(String(200), default="")
    credit_code: Mapped[str | None] = mapped_column(String(18))
    customs_code: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(16), default="applied")
    # Whom the operator contacts about an application; filled by applicants.
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(200), default="")
    contact_phone: Mapped[str] = mapped_column(String(50), default="")
    # The IANA zone the participant's systems keep time in: EDIFACT times carry no zone, so the
    # hub reads its messages and writes to it in this zone. Empty: the platform's local zone.
    time_zone: Mapped[str] = mapped_column(String(64), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    roles: Mapped[list[ParticipantRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ParticipantRole.role"
    )
    identifiers: Mapped[list[ParticipantIdentifier]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="ParticipantIdentifier.id"
    )

    @property
    def role_names(self) -> list[str]:
        return [r.role for r in self.roles]


class ParticipantRole(Base):
    __tablename__ = "participant_roles"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True)


class ParticipantIdentifier(Base):
    """A code by which a participant is known: its UNB interchange ID, SCAC, terminal code, ...

    For scheme ``edi`` an empty qualifier means "any UNB qualifier".
    """

    __tablename__ = "participant_identifiers"
    __table_args__ = (
        UniqueConstraint("scheme", "qualifier", "value"),
        Index("ix_participant_identifiers_lookup", "scheme", "value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    scheme: Mapped[str] = mapped_column(String(16))
    qualifier: Mapped[str] = mapped_column(String(8), default="")
    value: Mapped[str] = mapped_column(String(64))
