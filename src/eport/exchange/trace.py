"""The trace (lineage) of an interchange: every step done to it and to its deliveries.

Steps append records and never change them, so a re-run shows next to the first one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from eport.db.types import utcnow
from eport.exchange.models import TraceEvent

# Steps of the pipeline, in order (receive happens in the request, the others in a worker).
RECEIVE = "receive"
PARSE = "parse"
SENDER = "sender"
DUPLICATE = "duplicate"
PERMISSION = "permission"
VALIDATE = "validate"
MAP = "map"
ACKNOWLEDGE = "acknowledge"
ROUTE = "route"
RENDER = "render"
DELIVER = "deliver"
RECIPIENT_ACK = "recipient-ack"
DEAD_LETTER = "dead-letter"
REPLAY = "replay"
RETRY = "retry"

OK, REJECTED, SKIPPED, FAILED = "ok", "rejected", "skipped", "failed"


@dataclass(slots=True)
class Step:
    """A trace record not yet written; ``delivery_key`` links it to a delivery being created."""

    step: str
    outcome: str
    detail: str = ""
    delivery_key: tuple[int, str, int] | None = None  # (recipient_id, kind, part)
    delivery_id: int | None = None
    at: datetime = field(default_factory=utcnow)


def write_steps(
    session: Session,
    interchange_id: int,
    steps: Iterable[Step],
    delivery_ids: dict[tuple[int, str, int], int] | None = None,
) -> None:
    write_many(session, [_row(interchange_id, s, delivery_ids or {}) for s in steps])


def write_many(session: Session, rows: list[dict[str, Any]]) -> None:
    if rows:
        # Core insert: the ORM's bulk path costs more than the database here.
        session.execute(insert(cast(Table, TraceEvent.__table__)), rows)


def rows_for(
    interchange_id: int,
    steps: Iterable[Step],
    delivery_ids: dict[tuple[int, str, int], int],
) -> list[dict[str, Any]]:
    return [_row(interchange_id, s, delivery_ids) for s in steps]


def safe_text(text: str) -> str:
    """Text that any database and JSON take: undecodable bytes from bad input (held as lone
    surrogates) and NUL (which PostgreSQL refuses in text and jsonb) are written as escapes."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")


def _row(
    interchange_id: int, s: Step, delivery_ids: dict[tuple[int, str, int], int]
) -> dict[str, Any]:
    delivery_id = s.delivery_id
    if delivery_id is None and s.delivery_key is not None:
        delivery_id = delivery_ids.get(s.delivery_key)
    return {
        "interchange_id": interchange_id,
        "delivery_id": delivery_id,
        "step": s.step,
        "outcome": s.outcome,
        "detail": safe_text(s.detail[:4000]),
        "at": s.at,
    }


def trace_of(session: Session, interchange_id: int) -> list[dict[str, Any]]:
    """The trace of an interchange, oldest first, as plain data for the API and CLI."""
    events = session.scalars(
        select(TraceEvent)
        .where(TraceEvent.interchange_id == interchange_id)
        .order_by(TraceEvent.id)
    )
    return [
        {
            "at": e.at.isoformat(),
            "step": e.step,
            "outcome": e.outcome,
            "detail": e.detail,
            "delivery_id": e.delivery_id,
        }
        for e in events
    ]
