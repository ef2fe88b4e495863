"""Receiving: the raw bytes of an interchange stored, committed and queued, before any answer.

Nothing is parsed here; the bytes are kept exactly as received (with their SHA-256, size,
sender participant, channel and time) and never changed. The pipeline runs in a worker.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from typing import cast

from sqlalchemy import Select, String, Table, bindparam, func, insert, literal, select, true
from sqlalchemy.orm import Session

from eport.bootstrap import Platform
from eport.db.types import UTCDateTime, utcnow
from eport.exchange import jobs, trace
from eport.exchange.models import InterchangeRecord, TraceEvent

INTERCHANGES = cast(Table, InterchangeRecord.__table__)
TRACE = cast(Table, TraceEvent.__table__)


class EmptyInterchange(ValueError):
    """Nothing was sent."""


class InterchangeTooLarge(ValueError):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"the interchange has {size} bytes; the limit is {limit}")
        self.size, self.limit = size, limit


@dataclass(frozen=True, slots=True)
class Receipt:
    id: int
    sha256: str
    size: int


def sender_lane(sender_id: int) -> str:
    """Interchanges of one sender are processed in order of receipt."""
    return f"in:{sender_id}"


def receive_interchange(
    platform: Platform, sender_id: int, raw: bytes, channel: str, content_type: str = ""
) -> Receipt:
    """Store the bytes and queue their processing, in one committed transaction."""
    if not raw:
        raise EmptyInterchange("the body is empty; send the interchange's bytes")
    limit = platform.settings.max_interchange_bytes
    if len(raw) > limit:
        raise InterchangeTooLarge(len(raw), limit)
    digest = hashlib.sha256(raw).hexdigest()
    now = utcnow()
    row: dict[str, object] = {
        "sender_id": sender_id,
        "channel": channel,
        "content_type": content_type[:100],
        "received_at": now,
        "sha256": digest,
        "size": len(raw),
        "raw": raw,
        "status": "received",
        "unb_sender": "",
        "unb_sender_qualifier": "",
        "unb_recipient": "",
        "unb_recipient_qualifier": "",
        "control_ref": "",
        "test": False,
        "message_count": 0,
        "message_types": "",
        "findings": [],
        "runs": 0,
    }
    step = trace.Step(
        trace.RECEIVE, trace.OK, f"{len(raw)} bytes by {channel}, sha256 {digest}", at=now
    )
    with platform.uow() as uow:
        session = uow.session
        if session.get_bind().dialect.name == "postgresql":
            interchange_id = _store_in_one_statement(session, row, step, sender_lane(sender_id))
        else:
            interchange_id = session.execute(
                insert(INTERCHANGES).returning(INTERCHANGES.c.id), row
            ).scalar_one()
            trace.write_steps(session, interchange_id, [step])
            jobs.enqueue(
                session, [jobs.NewJob(jobs.PROCESS, interchange_id, sender_lane(sender_id))]
            )
        uow.commit()
    return Receipt(interchange_id, digest, len(raw))


def _store_in_one_statement(
    session: Session, row: dict[str, object], step: trace.Step, lane: str
) -> int:
    """PostgreSQL: interchange, trace record, job and NOTIFY in one round trip (the receipt
    is what every sender waits for, so its round trips count)."""
    params = {
        **row,
        "step": step.step,
        "outcome": step.outcome,
        "detail": step.detail,
        "at": step.at,
        "kind": jobs.PROCESS,
        "lane": lane,
        "notify_channel": jobs.NOTIFY_CHANNEL,
    }
    return int(session.execute(_receipt_statement(tuple(row)), params).scalar_one())


@cache
def _receipt_statement(columns: tuple[str, ...]) -> Select[int]:
    """Built once: building it costs more CPU than the database spends running it."""
    values = {name: bindparam(name, type_=INTERCHANGES.c[name].type) for name in columns}
    stored = insert(INTERCHANGES).values(values).returning(INTERCHANGES.c.id).cte("stored")
    at = bindparam("at", type_=UTCDateTime())
    traced = (
        insert(TRACE)
        .from_select(
            ["interchange_id", "step", "outcome", "detail", "at"],
            select(
                stored.c.id,
                bindparam("step", type_=String()),
                bindparam("outcome", type_=String()),
                bindparam("detail", type_=String()),
                at,
            ),
        )
        .cte("traced")
    )
    queued = (
        insert(jobs.JOBS)
        .from_select(
            ["kind", "ref_id", "lane", "run_after", "attempts", "created_at"],
            select(
                bindparam("kind", type_=String()),
                stored.c.id,
                bindparam("lane", type_=String()),
                at,
                literal(0),
                at,
            ),
        )
        .cte("queued")
    )
    notified = select(
        func.pg_notify(bindparam("notify_channel", type_=String()), "").label("n")
    ).cte("notified")
    return select(stored.c.id).add_cte(traced, queued).join(notified, true())
