"""A worker killed with SIGKILL in the middle of a batch loses nothing and delivers nothing twice.

Real worker processes (``python -m eport worker``) run against the test database. On
PostgreSQL the test holds a lock that stops the worker inside its batch transaction (after it
has claimed the jobs and processed them, at the first insert), then kills it; on SQLite it kills
the worker as soon as deliveries start to appear. A second worker takes the jobs over once the
lease has run out, and every interchange ends with exactly one delivery to its recipient.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import func, select, text

from eport.bootstrap import Platform
from eport.exchange import configuration as config
from eport.exchange.models import Delivery, InterchangeRecord, Job
from eport.exchange.receiving import receive_interchange
from eport.settings import Settings

from .samples import codeco

LEASE_SECONDS = 3
SENDERS = 12
PER_SENDER = 4
MESSAGES = 10


def _spawn(settings: Settings) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.update(
        EPORT_DATABASE_URL=settings.database_url,
        EPORT_DATA_DIR=str(settings.data_dir),
        EPORT_SECRET_KEY=settings.secret_key,
        EPORT_ENVIRONMENT="test",
        EPORT_WORKERS="1",
    )
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "eport",
            "worker",
            "--batch-size",
            "5",
            "--lease-seconds",
            str(LEASE_SECONDS),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@contextmanager
def _worker(settings: Settings) -> Iterator[subprocess.Popen[bytes]]:
    process = _spawn(settings)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _count(platform: Platform, stmt: object) -> int:
    with platform.uow() as uow:
        return int(uow.session.execute(stmt).scalar_one())  # type: ignore[call-overload]


def _wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def _load(platform: Platform, make_participant: Callable[..., object]) -> list[int]:
    make_participant("CARRB", roles=["carrier"], edi_ids=["CARRB"])
    senders = [
        make_participant(f"T{i:02d}", roles=["terminal"], edi_ids=[f"T{i:02d}"])
        for i in range(SENDERS)
    ]
    config.add_rule(platform, config.RuleDraft(message_type="CODECO", party_qualifier="CF"))
    ids = []
    for n in range(PER_SENDER):
        for i, sender in enumerate(senders):
            body = codeco(
                sender=f"T{i:02d}",
                ref=f"K{n}S{i}",
                carrier="CARRB",
                containers=tuple(f"MSCU{j:07d}" for j in range(MESSAGES)),
            )
            ids.append(receive_interchange(platform, sender.id, body, "test").id)  # type: ignore[attr-defined]
    return ids


def _assert_each_delivered_once(platform: Platform, ids: list[int]) -> None:
    with platform.uow() as uow:
        s = uow.session
        statuses = dict(s.execute(select(InterchangeRecord.id, InterchangeRecord.status)).all())
        assert {statuses[i] for i in ids} == {"routed"}
        per_interchange = dict(
            s.execute(
                select(Delivery.interchange_id, func.count()).group_by(Delivery.interchange_id)
            ).all()
        )
        assert per_interchange == {i: 1 for i in ids}
        sizes = [len(d) for d in s.scalars(select(Delivery.message_indices))]
        assert sizes == [MESSAGES] * len(ids)
        assert s.scalar(select(func.count()).select_from(Job)) == 0


def _stop_at_first_insert(platform: Platform) -> Iterator[None]:
    """PostgreSQL: a SHARE lock on deliveries blocks the worker's insert mid-transaction."""
    with platform.engine.connect() as connection:
        connection.execute(text("BEGIN"))
        connection.execute(text("LOCK TABLE deliveries IN SHARE MODE"))
        yield
        connection.execute(text("ROLLBACK"))


def test_kill_9_mid_batch_loses_and_duplicates_nothing(
    platform: Platform, settings: Settings, make_participant: Callable[..., object]
) -> None:
    ids = _load(platform, make_participant)
    claimed = select(func.count()).select_from(Job).where(Job.claimed_by.is_not(None))
    delivered = select(func.count()).select_from(Delivery)
    if platform.is_sqlite:
        with _worker(settings) as first:
            _wait_for(lambda: _count(platform, delivered) > 0, 60, "the first deliveries")
            first.send_signal(signal.SIGKILL)
            first.wait()
    else:
        blocker = _stop_at_first_insert(platform)
        next(blocker)
        with _worker(settings) as first:
            _wait_for(lambda: _count(platform, claimed) > 0, 60, "a claimed batch")
            time.sleep(1.0)  # the worker is now waiting on the lock inside its transaction
            assert _count(platform, delivered) == 0
            first.send_signal(signal.SIGKILL)
            first.wait()
        next(blocker, None)
        assert _count(platform, claimed) > 0  # its lease still holds the jobs
    killed_at = time.monotonic()
    with _worker(settings):
        _wait_for(
            lambda: _count(platform, select(func.count()).select_from(Job)) == 0,
            90,
            "every job to be done",
        )
    if not platform.is_sqlite:
        assert time.monotonic() - killed_at >= LEASE_SECONDS - 0.5
    _assert_each_delivered_once(platform, ids)
