"""Dead letters: what could not be routed, rendered or delivered, with the reason.

The operator lists and inspects them, fixes the configuration (a routing rule, a profile, a
webhook) and replays: a failed push is queued again; anything else runs the interchange's
pipeline again, which delivers only what was not delivered before.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update

from eport.bootstrap import Platform
from eport.db.types import utcnow
from eport.exchange import jobs, trace
from eport.exchange.models import DeadLetter, Delivery, InterchangeRecord
from eport.exchange.receiving import sender_lane

OPEN, REPLAYED = "open", "replayed"


class DeadLetterNotFound(LookupError):
    pass


def _as_dict(d: DeadLetter) -> dict[str, Any]:
    return {
        "id": d.id,
        "interchange_id": d.interchange_id,
        "delivery_id": d.delivery_id,
        "reason": d.reason,
        "status": d.status,
        "created_at": d.created_at.isoformat(),
        "replayed_at": d.replayed_at.isoformat() if d.replayed_at else None,
    }


def list_dead_letters(
    platform: Platform, status: str | None = OPEN, limit: int = 100, after_id: int | None = None
) -> list[dict[str, Any]]:
    stmt = select(DeadLetter).order_by(DeadLetter.id).limit(limit)
    if status is not None:
        stmt = stmt.where(DeadLetter.status == status)
    if after_id is not None:
        stmt = stmt.where(DeadLetter.id > after_id)
    with platform.uow() as uow:
        return [_as_dict(d) for d in uow.session.scalars(stmt)]


def show_dead_letter(platform: Platform, dead_letter_id: int) -> dict[str, Any]:
    with platform.uow() as uow:
        d = uow.session.get(DeadLetter, dead_letter_id)
        if d is None:
            raise DeadLetterNotFound(f"no dead letter {dead_letter_id}")
        out = _as_dict(d)
        out["trace"] = trace.trace_of(uow.session, d.interchange_id)
        return out


def replay(platform: Platform, dead_letter_id: int) -> dict[str, Any]:
    """Queue the failed work again; replaying twice is refused."""
    with platform.uow() as uow:
        s = uow.session
        d = s.get(DeadLetter, dead_letter_id)
        if d is None:
            raise DeadLetterNotFound(f"no dead letter {dead_letter_id}")
        if d.status != OPEN:
            return _as_dict(d)
        if d.delivery_id is not None:
            delivery = s.get(Delivery, d.delivery_id)
            assert delivery is not None
            delivery.status, delivery.last_error = "pending", None
            job = jobs.NewJob(
                jobs.PUSH, delivery.id, f"out:{delivery.sender_id}:{delivery.recipient_id}"
            )
            what = f"push of delivery {delivery.id} queued again"
        else:
            sender_id = s.scalar(
                select(InterchangeRecord.sender_id).where(InterchangeRecord.id == d.interchange_id)
            )
            assert sender_id is not None
            job = jobs.NewJob(jobs.PROCESS, d.interchange_id, sender_lane(sender_id))
            what = "pipeline queued again"
        jobs.enqueue(s, [job])
        now = utcnow()
        # Every open dead letter of the same work is answered by this one replay.
        s.execute(
            update(DeadLetter)
            .where(
                DeadLetter.interchange_id == d.interchange_id,
                DeadLetter.delivery_id.is_(d.delivery_id)
                if d.delivery_id is None
                else DeadLetter.delivery_id == d.delivery_id,
                DeadLetter.status == OPEN,
            )
            .values(status=REPLAYED, replayed_at=now)
        )
        trace.write_steps(
            s,
            d.interchange_id,
            [
                trace.Step(
                    trace.REPLAY, trace.OK, f"dead letter {d.id}: {what}", delivery_id=d.delivery_id
                )
            ],
        )
        uow.commit()
        s.refresh(d)
        return _as_dict(d)
