"""Receiving: the raw bytes of an interchange stored, committed and queued, before any answer.

Nothing is parsed here; the bytes are kept exactly as received (with their SHA-256, size,
sender participant, channel and time) and never changed. The pipeline runs in a worker.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, insert

from eport.bootstrap import Platform
from eport.db.types import utcnow
from eport.exchange import jobs, trace
from eport.exchange.models import InterchangeRecord

INTERCHANGES = cast(Table, InterchangeRecord.__table__)


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
    """Interchanges of one sender are processed one at a time, in order of receipt."""
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
    with platform.uow() as uow:
        session = uow.session
        interchange_id = session.execute(
            insert(INTERCHANGES).returning(INTERCHANGES.c.id),
            {
                "sender_id": sender_id, "channel": channel, "content_type": content_type[:100],
                "received_at": now, "sha256": digest, "size": len(raw), "raw": raw,
                "status": "received", "unb_sender": "", "unb_sender_qualifier": "",
                "unb_recipient": "", "unb_recipient_qualifier": "", "control_ref": "",
                "test": False, "message_count": 0, "message_types": "", "findings": [],
                "runs": 0,
            },
        ).scalar_one()
        trace.write_steps(session, interchange_id, [trace.Step(
            trace.RECEIVE, trace.OK, f"{len(raw)} bytes by {channel}, sha256 {digest}", at=now)])
        jobs.enqueue(session, [jobs.NewJob(jobs.PROCESS, interchange_id, sender_lane(sender_id))])
        uow.commit()
    return Receipt(interchange_id, digest, len(raw))
