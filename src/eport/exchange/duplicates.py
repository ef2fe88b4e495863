"""Duplicate interchanges: the same sender sending the same control reference, or the same
bytes, again within the configured window (``duplicate_window_hours``).

Only interchanges that were accepted count as originals: a rejected one may be sent again
once corrected. Interchanges of one sender are processed in order of receipt (one lane per
sender), so the earlier one has always been decided when a later one is checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, or_, select
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


def load_originals(
    session: Session, candidates: Sequence[Candidate], window_hours: int
) -> list[Original]:
    """Earlier accepted interchanges of the same senders that could make any candidate a
    duplicate: one query for a whole batch."""
    if not candidates:
        return []
    t = InterchangeRecord
    oldest = min(c.received_at for c in candidates) - timedelta(hours=window_hours)
    senders = {c.sender_id for c in candidates}
    refs = {c.control_ref for c in candidates if c.control_ref}
    same: ColumnElement[bool] = t.sha256.in_({c.sha256 for c in candidates})
    if refs:
        same = or_(same, t.control_ref.in_(refs))
    rows = session.execute(
        select(t.id, t.sender_id, t.control_ref, t.sha256, t.received_at).where(
            t.sender_id.in_(senders),
            t.received_at >= oldest,
            t.id < max(c.id for c in candidates),
            t.status.in_(ORIGINAL_STATUSES),
            same,
        )
    )
    return [Original(*row) for row in rows]


def find_original(
    candidate: Candidate, originals: Sequence[Original], window_hours: int
) -> Original | None:
    """The earliest of ``originals`` that the candidate duplicates, if any."""
    since = candidate.received_at - timedelta(hours=window_hours)
    best: Original | None = None
    for o in originals:
        if o.id >= candidate.id or o.sender_id != candidate.sender_id or o.received_at < since:
            continue
        same_ref = bool(candidate.control_ref) and o.control_ref == candidate.control_ref
        if (o.sha256 == candidate.sha256 or same_ref) and (best is None or o.id < best.id):
            best = o
    return best
