"""The durable job queue: jobs live in the database and workers claim them under a lease.

A claim is a short transaction that stamps ``claimed_until`` (the lease) and ``claimed_by`` on a
batch of jobs; on PostgreSQL the candidates are chosen ``FOR UPDATE SKIP LOCKED`` so that
concurrent workers never pick the same rows, on SQLite the single writer lock does the same.
A worker that dies leaves its jobs claimed until the lease runs out; then any worker takes them
over. Only the head of each lane (the lowest id of the lane still queued) is claimable, which
keeps the order of receipt per lane across any number of workers. A finished job is deleted in
the transaction that commits its effects, fenced by ``claimed_by`` so that a worker whose lease
was taken over cannot also commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import (
    ColumnElement,
    Table,
    and_,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session, aliased

from eport.db.types import utcnow
from eport.exchange.models import Job

NOTIFY_CHANNEL = "eport_jobs"
JOBS = cast(Table, Job.__table__)  # Core inserts: cheaper than the ORM's bulk path
DEFAULT_LEASE_SECONDS = 30.0

PROCESS = "process"  # run the pipeline for one received interchange
PUSH = "push"  # push one delivery out through its channel (webhook, ...)


@dataclass(frozen=True, slots=True)
class ClaimedJob:
    id: int
    kind: str
    ref_id: int
    lane: str
    attempts: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class NewJob:
    kind: str
    ref_id: int
    lane: str
    run_after: datetime | None = None


def enqueue(session: Session, jobs: Iterable[NewJob]) -> None:
    """Queue jobs in the caller's transaction; on PostgreSQL workers are woken at commit."""
    now = utcnow()
    rows = [
        {
            "kind": j.kind,
            "ref_id": j.ref_id,
            "lane": j.lane,
            "run_after": j.run_after or now,
            "attempts": 0,
            "created_at": now,
        }
        for j in jobs
    ]
    if not rows:
        return
    session.execute(insert(JOBS), rows)
    if _is_postgres(session):
        # NOTIFY is transactional: listeners hear it only once the jobs are committed.
        session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": NOTIFY_CHANNEL})


def claim(
    session: Session,
    kind: str,
    owner: str,
    limit: int,
    lease_seconds: float = DEFAULT_LEASE_SECONDS,
) -> list[ClaimedJob]:
    """Claim up to ``limit`` ready jobs of ``kind`` at the head of their lanes, oldest first."""
    now = utcnow()
    candidates = (
        select(Job.id)
        .where(Job.kind == kind, *_claimable(now))
        .order_by(Job.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    stmt = (
        update(Job)
        .where(Job.id.in_(candidates.scalar_subquery()))
        .values(
            claimed_until=now + timedelta(seconds=lease_seconds),
            claimed_by=owner,
            attempts=Job.attempts + 1,
        )
        .returning(Job.id, Job.kind, Job.ref_id, Job.lane, Job.attempts, Job.created_at)
        .execution_options(synchronize_session=False)
    )
    rows = session.execute(stmt).all()
    return sorted((ClaimedJob(*row) for row in rows), key=lambda j: j.id)


def complete(session: Session, jobs: Sequence[ClaimedJob], owner: str) -> bool:
    """Delete finished jobs; False when any was taken over by another worker (roll back then)."""
    if not jobs:
        return True
    result = session.execute(
        delete(Job)
        .where(Job.id.in_([j.id for j in jobs]), Job.claimed_by == owner)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount) == len(jobs)  # type: ignore[attr-defined]


def postpone(
    session: Session, job: ClaimedJob, owner: str, delay_seconds: float, error: str
) -> bool:
    """Release a job to run again after ``delay_seconds``, recording why."""
    result = session.execute(
        update(Job)
        .where(Job.id == job.id, Job.claimed_by == owner)
        .values(
            claimed_until=None,
            claimed_by=None,
            run_after=utcnow() + timedelta(seconds=delay_seconds),
            last_error=error[:2000],
        )
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount) == 1  # type: ignore[attr-defined]


def has_ready(session: Session, kinds: Sequence[str]) -> bool:
    """A cheap read: is any job of these kinds ready now (used for polling on SQLite)."""
    row = session.execute(
        select(Job.id).where(Job.kind.in_(kinds), *_claimable(utcnow())).limit(1)
    ).first()
    return row is not None


def _claimable(now: datetime) -> tuple[ColumnElement[bool], ...]:
    """Ready, not under a live lease, and the head of its lane."""
    earlier = aliased(Job)
    return (
        Job.run_after <= now,
        or_(Job.claimed_until.is_(None), Job.claimed_until < now),
        ~exists().where(and_(earlier.lane == Job.lane, earlier.id < Job.id)),
    )


def pending_count(session: Session, kind: str | None = None) -> int:
    stmt = select(func.count()).select_from(Job)
    if kind is not None:
        stmt = stmt.where(Job.kind == kind)
    return int(session.execute(stmt).scalar_one())


def _is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"
