"""Writing what the pipeline decided, for a whole batch of interchanges, in bulk.

Deliveries, webhook jobs, dead letters, trace records, recipients' acknowledgements and the
interchanges' new status go to the database in a handful of statements, inside the caller's
transaction (which also completes the batch's jobs).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import fields
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from eport.db.types import utcnow
from eport.edifact import Finding
from eport.exchange import jobs, trace
from eport.exchange.acknowledgements import RecipientAck
from eport.exchange.models import DeadLetter, Delivery, InterchangeRecord
from eport.exchange.pipeline import Outcome
from eport.exchange.planning import MAILBOX, PlannedDelivery, Prior

MAILBOX_AVAILABLE, PUSH_PENDING = "available", "pending"


def load_prior(session: Session, interchange_ids: Sequence[int]) -> dict[int, Prior]:
    """Deliveries made on earlier runs of these interchanges (for replays)."""
    prior: dict[int, Prior] = {}
    rows = session.execute(
        select(
            Delivery.interchange_id,
            Delivery.recipient_id,
            Delivery.kind,
            Delivery.part,
            Delivery.message_indices,
        ).where(Delivery.interchange_id.in_(interchange_ids))
    )
    for interchange_id, recipient_id, kind, part, indices in rows:
        p = prior.setdefault(interchange_id, Prior())
        p.forwarded.setdefault(recipient_id, set()).update(indices or [])
        key = (recipient_id, kind)
        p.last_part[key] = max(part, p.last_part.get(key, -1))
    return prior


def write_outcomes(session: Session, outcomes: Sequence[Outcome]) -> None:
    now = utcnow()
    delivery_ids = _insert_deliveries(session, outcomes, now)
    jobs.enqueue(
        session,
        [
            jobs.NewJob(
                jobs.PUSH,
                delivery_ids[(o.interchange_id, *d.key)],
                f"out:{d.sender_id}:{d.recipient_id}",
            )
            for o in outcomes
            for d in o.deliveries
            if d.channel != MAILBOX
        ],
    )
    dead = [
        {
            "interchange_id": o.interchange_id,
            "reason": trace.safe_text(reason[:4000]),
            "status": "open",
            "created_at": now,
            "delivery_id": delivery_ids.get((o.interchange_id, *key)) if key else None,
        }
        for o in outcomes
        for reason, key in o.dead_letters
    ]
    if dead:
        session.execute(insert(DeadLetter), dead)
    rows: list[dict[str, Any]] = []
    for o in outcomes:
        own = {k[1:]: v for k, v in delivery_ids.items() if k[0] == o.interchange_id}
        rows += trace.rows_for(o.interchange_id, o.steps, own)
        for reason, _key in o.dead_letters:
            rows += trace.rows_for(
                o.interchange_id, [trace.Step(trace.DEAD_LETTER, trace.FAILED, reason)], {}
            )
    rows += _record_recipient_acks(session, outcomes, now)
    trace.write_many(session, rows)
    session.execute(
        update(InterchangeRecord),
        [
            {"id": o.interchange_id, "processed_at": now, "findings": _findings(o), **o.fields}
            for o in outcomes
        ],
    )


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


def _findings(o: Outcome) -> list[dict[str, Any]]:
    out = []
    for f in o.findings[:200]:
        values = (getattr(f, name) for name in _FINDING_FIELDS)
        out.append(
            {
                name: trace.safe_text(v) if isinstance(v, str) else v
                for name, v in zip(_FINDING_FIELDS, values, strict=True)
            }
        )
    return out


def _insert_deliveries(
    session: Session, outcomes: Sequence[Outcome], now: Any
) -> dict[tuple[int, int, str, int], int]:
    planned: list[tuple[int, PlannedDelivery]] = [
        (o.interchange_id, d) for o in outcomes for d in o.deliveries
    ]
    if not planned:
        return {}
    rows = [_delivery_row(interchange_id, d, now) for interchange_id, d in planned]
    table = cast(Table, Delivery.__table__)
    result = session.execute(
        insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
    )
    ids = [row[0] for row in result]
    return {
        (interchange_id, *d.key): i for (interchange_id, d), i in zip(planned, ids, strict=True)
    }


def _delivery_row(interchange_id: int, d: PlannedDelivery, now: Any) -> dict[str, Any]:
    return {
        "interchange_id": interchange_id,
        "recipient_id": d.recipient_id,
        "sender_id": d.sender_id,
        "kind": d.kind,
        "part": d.part,
        "channel": d.channel,
        "format": d.format,
        "status": MAILBOX_AVAILABLE if d.channel == MAILBOX else PUSH_PENDING,
        "control_ref": d.control_ref,
        "message_types": trace.safe_text(d.message_types)[:200],
        "message_refs": [trace.safe_text(r) for r in d.message_refs],
        "message_indices": d.message_indices,
        "test": d.test,
        "size": len(d.payload),
        "sha256": hashlib.sha256(d.payload).hexdigest(),
        "payload": d.payload,
        "created_at": now,
        "attempts": 0,
    }


def _record_recipient_acks(
    session: Session, outcomes: Sequence[Outcome], now: Any
) -> list[dict[str, Any]]:
    """Match each CONTRL/APERAK a recipient sent us to the delivery it acknowledges. One that
    matches nothing we sent is a finding, and rejects the interchange when none of its
    acknowledgements matched (never answered: acknowledging an acknowledgement could loop)."""
    rows: list[dict[str, Any]] = []
    for o in outcomes:
        unmatched = 0
        for ack in o.recipient_acks:
            found = _acknowledged(session, ack)
            if found is None:
                unmatched += 1
                finding = ack.unmatched(str(o.fields.get("control_ref", "")))
                o.findings.append(finding)
                rows += trace.rows_for(
                    o.interchange_id,
                    [
                        trace.Step(
                            trace.RECIPIENT_ACK,
                            trace.REJECTED,
                            f"{finding.text_en} ({finding.located()})",
                        )
                    ],
                    {},
                )
                continue
            delivery_id, original_id = found
            session.execute(
                update(Delivery)
                .where(Delivery.id == delivery_id)
                .values(
                    recipient_ack=ack.status,
                    recipient_ack_at=now,
                    recipient_ack_interchange_id=o.interchange_id,
                )
            )
            rows += trace.rows_for(
                original_id,
                [
                    trace.Step(
                        trace.RECIPIENT_ACK,
                        ack.status,
                        f"{ack.kind} from the recipient (interchange {o.interchange_id})",
                        delivery_id=delivery_id,
                    )
                ],
                {},
            )
        if unmatched:
            status = "rejected" if unmatched == len(o.recipient_acks) else "partial"
            o.status = o.fields["status"] = status
    return rows


def _acknowledged(session: Session, ack: RecipientAck) -> tuple[int, int] | None:
    """The delivery (id, interchange id) an acknowledgement refers to, if we made it."""
    if not ack.references:
        return None
    found = session.execute(
        select(Delivery.id, Delivery.interchange_id)
        .where(
            Delivery.recipient_id == ack.recipient_id,
            Delivery.control_ref.in_(ack.references),
        )
        .order_by(Delivery.id.desc())
    ).first()
    return None if found is None else (found[0], found[1])
