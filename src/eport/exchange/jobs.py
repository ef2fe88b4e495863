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
from functools import cache
from typing import cast

from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    and_,
    bindparam,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.dml import ReturningUpdate

from eport.db.types import UTCDateTime, utcnow
from eport.exchange.models import Job

JOBS = cast(Table, Job.__table__)  # Core inserts: cheaper than the ORM's bulk path
DEFAULT_LEASE_SECONDS = 30.0

PROCESS = "process"  # run the pipeline for one received interchange
PUSH = "push"  # push one delivery out through its channel (webhook, ...)


def notify_channel(kind: str) -> str:
    """The LISTEN/NOTIFY channel that wakes the workers of one kind of job only (a receipt
    must not wake the pushers, nor a delivery the interchange workers)."""
    return f"eport_jobs_{kind}"


NOTIFY_CHANNEL = notify_channel(PROCESS)


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
        for channel in sorted({notify_channel(str(row["kind"])) for row in rows}):
            session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": channel})


def claim(
    session: Session,
    kind: str,
    owner: str,
    limit: int,
    lease_seconds: float = DEFAULT_LEASE_SECONDS,
    *,
    lane_depth: int = 1,
) -> list[ClaimedJob]:
    """Claim up to ``limit`` ready jobs of ``kind``, oldest lanes first.

    With ``lane_depth`` 1 only the head of each lane is taken, so a lane's jobs can run in
    parallel with nothing of their own lane (pushes sent side by side). A caller that runs
    its batch in id order may ask for more: then up to ``lane_depth`` consecutive jobs of each
    claimed lane are taken with its head, from no more than a quarter of ``limit`` lanes, so a
    backlog goes through in large batches while other workers still find lanes of their own.
    """
    now = utcnow()
    lanes = limit if lane_depth <= 1 else max(1, limit // 4)
    heads = session.execute(_heads(), {"kind": kind, "now": now, "lanes": lanes}).all()
    if not heads:
        return []
    chosen = [h.id for h in heads]
    if lane_depth > 1 and len(heads) < limit:
        chosen += _followers(session, kind, heads, now, limit - len(heads), lane_depth - 1)
    params = {
        "ids": chosen,
        "until": now + timedelta(seconds=lease_seconds),
        "owner": owner,
    }
    rows = session.execute(_lease(), params).all()
    return sorted((ClaimedJob(*row) for row in rows), key=lambda j: j.id)


# The statements of a claim are built once: a worker claims many times a second, and
# building them (aliases, subqueries) costs more than running them on the indexes.


@cache
def _heads() -> Select[int, str]:
    return (
        select(Job.id, Job.lane)
        .where(Job.kind == bindparam("kind"), *_claimable(bindparam("now", type_=UTCDateTime())))
        .order_by(Job.id)
        .limit(bindparam("lanes"))
        .with_for_update(skip_locked=True)
    )


@cache
def _lease() -> ReturningUpdate[int, str, int, str, int, datetime]:
    return (
        update(Job)
        .where(Job.id.in_(bindparam("ids", expanding=True)))
        .values(
            claimed_until=bindparam("until", type_=UTCDateTime()),
            claimed_by=bindparam("owner"),
            attempts=Job.attempts + 1,
        )
        .returning(Job.id, Job.kind, Job.ref_id, Job.lane, Job.attempts, Job.created_at)
        .execution_options(synchronize_session=False)
    )


@cache
def _lane_runs() -> Select[int, str, datetime, datetime | None]:
    ranked = (
        select(
            Job.id,
            Job.lane,
            Job.run_after,
            Job.claimed_until,
            func.row_number().over(partition_by=Job.lane, order_by=Job.id).label("depth"),
        )
        .where(
            Job.kind == bindparam("kind"),
            Job.lane.in_(bindparam("lanes", expanding=True)),
            Job.id.not_in(bindparam("heads", expanding=True)),
        )
        .subquery()
    )
    return (
        select(ranked.c.id, ranked.c.lane, ranked.c.run_after, ranked.c.claimed_until)
        .where(ranked.c.depth <= bindparam("depth"))
        .order_by(ranked.c.depth, ranked.c.id)
    )


def _followers(
    session: Session,
    kind: str,
    heads: Sequence[Row[int, str]],
    now: datetime,
    room: int,
    depth: int,
) -> list[int]:
    """Jobs that follow the claimed heads in their lanes, breadth first, up to the first one
    that is not ready. Nobody else can claim them: only heads are claimable, and the heads
    are locked by this transaction (then leased)."""
    params = {
        "kind": kind,
        "lanes": sorted({h.lane for h in heads}),
        "heads": [h.id for h in heads],
        "depth": depth,
    }
    taken: list[int] = []
    stopped: set[str] = set()
    for job_id, lane, run_after, claimed_until in session.execute(_lane_runs(), params):
        if lane in stopped:
            continue
        if run_after > now or (claimed_until is not None and claimed_until >= now):
            stopped.add(lane)  # keep the lane's order: nothing after a job that must wait
            continue
        taken.append(job_id)
        if len(taken) == room:
            break
    return taken


def release(session: Session, jobs: Sequence[ClaimedJob], owner: str) -> None:
    """Give claimed jobs back untouched (their attempt not counted), for another run."""
    if not jobs:
        return
    session.execute(
        update(Job)
        .where(Job.id.in_([j.id for j in jobs]), Job.claimed_by == owner)
        .values(claimed_until=None, claimed_by=None, attempts=Job.attempts - 1)
        .execution_options(synchronize_session=False)
    )


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
    row = session.execute(_ready(), {"kinds": list(kinds), "now": utcnow()}).first()
    return row is not None


@cache
def _ready() -> Select[int]:
    now = bindparam("now", type_=UTCDateTime())
    return (
        select(Job.id)
        .where(Job.kind.in_(bindparam("kinds", expanding=True)), *_claimable(now))
        .limit(1)
    )


def _claimable(now: ColumnElement[datetime]) -> tuple[ColumnElement[bool], ...]:
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
