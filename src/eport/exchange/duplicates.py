"""Duplicate interchanges: the same sender sending the same control reference, or the same
bytes, again within the configured window (``duplicate_window_hours``).

Only interchanges that were accepted count as originals: a rejected one may be sent again
once corrected. Interchanges of one sender are processed in order of receipt (one lane per
sender), so the earlier one has always been decided when a later one is checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from eport.exchange.models import InterchangeRecord

# Statuses of interchanges that were accepted, wholly or in part.
ORIGINAL_STATUSES = ("routed", "partial", "dead")


@dataclass(frozen=True, slots=True)
class Candidate:
    """An interchange to check: its id, sender, control reference, digest and receipt time."""

    id: int
    sender_id: int
    control_ref: str
    sha256: str
    received_at: datetime


@dataclass(frozen=True, slots=True)
class Original:
    id: int
    sender_id: int
    control_ref: str
    sha256: str
    received_at: datetime


def find_earlier(session: Session, candidate: Candidate, window_hours: int) -> Original | None:
    """The earliest accepted interchange within the window that the candidate duplicates."""
    t = InterchangeRecord
    same = t.sha256 == candidate.sha256
    if candidate.control_ref:
        same = or_(same, t.control_ref == candidate.control_ref)
    row = session.execute(
        select(t.id, t.sender_id, t.control_ref, t.sha256, t.received_at)
        .where(
            t.sender_id == candidate.sender_id,
            t.received_at >= candidate.received_at - timedelta(hours=window_hours),
            t.id < candidate.id,
            t.status.in_(ORIGINAL_STATUSES),
            same,
        )
        .order_by(t.id)
        .limit(1)
    ).first()
    return Original(*row) if row is not None else None
