"""Tables of the per-partner code maps (代码转换) and each partner's policy for unknown codes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from eport.db.base import Base
from eport.db.types import UTCDateTime, utcnow


class CodeMapEntry(Base):
    """One partner code and the standard code it stands for, in one code list.

    Unique in both directions per participant and list, so that inbound and outbound mapping
    are each other's inverse.
    """

    __tablename__ = "code_map_entries"
    __table_args__ = (
        UniqueConstraint("participant_id", "list_name", "partner_code"),
        UniqueConstraint("participant_id", "list_name", "standard_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    list_name: Mapped[str] = mapped_column(String(16))
    partner_code: Mapped[str] = mapped_column(String(64))
    standard_code: Mapped[str] = mapped_column(String(64))


class CodeMapPolicy(Base):
    """A participant's policy for codes neither standard nor mapped, and its maps' version.

    ``version`` changes with every change to the participant's maps or policy, so that any
    process holding the maps in memory sees with one small query that they are stale.
    """

    __tablename__ = "code_map_policies"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True
    )
    unknown_codes: Mapped[str] = mapped_column(String(8), default="warn")
    version: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
