"""The push loop: deliveries for pushed channels (webhooks, ...) sent out, retried, dead-lettered.

Sending happens outside any transaction: claim (commit the lease), send, then record the result
and complete or postpone the job in one transaction. A worker killed after sending and before
recording sends again after the lease; the receiver recognises the repeat by its idempotency
key. One lane per (sender, recipient) keeps pushes in the order of receipt: a later delivery
waits while an earlier one is being retried.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from eport.bootstrap import Platform
from eport.db.types import utcnow
from eport.exchange import jobs, trace
from eport.exchange.channels import OutboundChannel, Outgoing
from eport.exchange.models import DeadLetter, Delivery
from eport.exchange.webhooks import PushResult, retry_delay

log = logging.getLogger("eport.exchange.push")
PENDING, DELIVERED, DEAD = "pending", "delivered", "dead"


@dataclass(frozen=True, slots=True)
class _Attempt:
    job: jobs.ClaimedJob
    item: Outgoing | None
    channel: str
    created_at: datetime
    attempts: int
    result: PushResult


def push_once(
    platform: Platform,
    channels: Mapping[str, OutboundChannel],
    owner: str,
    pool: Executor,
    *,
    limit: int = 32,
    lease_seconds: float = 60.0,
) -> int:
    """Claim, send and record one batch; returns how many jobs were handled."""
    with platform.uow() as uow:
        claimed = jobs.claim(uow.session, jobs.PUSH, owner, limit, lease_seconds)
        uow.commit()
    if not claimed:
        return 0
    attempts = _send_all(platform, channels, claimed, pool)
    horizon = timedelta(seconds=platform.settings.webhook_retry_horizon_seconds)
    with platform.uow() as uow:
        for attempt in attempts:
            _record(uow.session, attempt, owner, horizon)
        uow.commit()
    return len(claimed)


def _send_all(
    platform: Platform,
    channels: Mapping[str, OutboundChannel],
    claimed: list[jobs.ClaimedJob],
    pool: Executor,
) -> list[_Attempt]:
    with platform.uow() as uow:
        rows = {
            row.id: row
            for row in uow.session.execute(
                select(
                    Delivery.id,
                    Delivery.status,
                    Delivery.channel,
                    Delivery.recipient_id,
                    Delivery.interchange_id,
                    Delivery.control_ref,
                    Delivery.attempts,
                    Delivery.payload,
                    Delivery.format,
                ).where(Delivery.id.in_([j.ref_id for j in claimed]))
            )
        }
        targets: dict[str, Mapping[int, object]] = {}
        for name, channel in channels.items():
            wanted = {d.recipient_id for d in rows.values() if d.channel == name}
            targets[name] = channel.targets(uow.session, wanted) if wanted else {}
    futures: list[
        tuple[
            jobs.ClaimedJob,
            Outgoing | None,
            str,
            datetime,
            int,
            PushResult | Future[PushResult] | None,
        ]
    ] = []
    for job in claimed:
        d = rows.get(job.ref_id)
        if d is None or d.status != PENDING:
            futures.append((job, None, "", job.created_at, 0, None))
            continue
        item = Outgoing(d.id, d.recipient_id, d.interchange_id, d.control_ref, d.payload, d.format)
        sender = channels.get(d.channel)
        target = targets.get(d.channel, {}).get(d.recipient_id)
        if sender is None or target is None:
            result = PushResult(False, f"no {d.channel} endpoint configured for the recipient")
            futures.append((job, item, d.channel, job.created_at, d.attempts, result))
            continue
        futures.append(
            (
                job,
                item,
                d.channel,
                job.created_at,
                d.attempts,
                pool.submit(sender.send, target, item),
            )
        )
    out: list[_Attempt] = []
    for job, maybe, name, created, count, pending in futures:
        if pending is None or isinstance(pending, PushResult):
            result = pending or PushResult(True, "nothing to send")
        else:
            result = pending.result()
        out.append(_Attempt(job, maybe, name, created, count, result))
    return out


def _record(session: Session, attempt: _Attempt, owner: str, horizon: timedelta) -> None:
    item, result, now = attempt.item, attempt.result, utcnow()
    if item is None:
        jobs.complete(session, [attempt.job], owner)
        return
    tries = attempt.attempts + 1
    if result.ok:
        if not jobs.complete(session, [attempt.job], owner):
            return
        session.execute(
            update(Delivery)
            .where(Delivery.id == item.delivery_id)
            .values(status=DELIVERED, delivered_at=now, attempts=tries, last_error=None)
        )
        _trace(session, item, trace.DELIVER, trace.OK, f"{attempt.channel}: {result.detail}")
        return
    if now - attempt.created_at >= horizon:
        if not jobs.complete(session, [attempt.job], owner):
            return
        reason = f"{attempt.channel} delivery failed for {horizon}: {result.detail}"
        session.execute(
            update(Delivery)
            .where(Delivery.id == item.delivery_id)
            .values(status=DEAD, attempts=tries, last_error=result.detail)
        )
        session.execute(
            insert(DeadLetter).values(
                interchange_id=item.interchange_id,
                delivery_id=item.delivery_id,
                reason=reason,
                status="open",
                created_at=now,
            )
        )
        _trace(session, item, trace.DEAD_LETTER, trace.FAILED, reason)
        return
    delay = retry_delay(tries)
    if not jobs.postpone(session, attempt.job, owner, delay, result.detail):
        return
    session.execute(
        update(Delivery)
        .where(Delivery.id == item.delivery_id)
        .values(attempts=tries, last_error=result.detail)
    )
    _trace(
        session,
        item,
        trace.RETRY,
        trace.FAILED,
        f"{attempt.channel}: {result.detail}; next attempt in {delay:.0f} s",
    )


def _trace(session: Session, item: Outgoing, step: str, outcome: str, detail: str) -> None:
    trace.write_steps(
        session,
        item.interchange_id,
        [trace.Step(step, outcome, detail, delivery_id=item.delivery_id)],
    )
