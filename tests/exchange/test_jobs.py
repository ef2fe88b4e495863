"""The job queue: lanes keep order, leases expire and are taken over, completion is fenced."""

from __future__ import annotations

import time
from datetime import timedelta

from sqlalchemy import update

from eport.bootstrap import Platform
from eport.db.types import utcnow
from eport.exchange import jobs
from eport.exchange.models import Job


def _enqueue(platform: Platform, *items: tuple[int, str]) -> None:
    with platform.uow() as uow:
        jobs.enqueue(uow.session, [jobs.NewJob(jobs.PROCESS, ref, lane) for ref, lane in items])
        uow.commit()


def _claim(platform: Platform, owner: str, limit: int = 10, lease: float = 30) -> list[int]:
    with platform.uow() as uow:
        claimed = jobs.claim(uow.session, jobs.PROCESS, owner, limit, lease)
        uow.commit()
    return [j.ref_id for j in claimed]


def test_only_the_head_of_each_lane_is_claimed(platform: Platform) -> None:
    _enqueue(platform, (1, "a"), (2, "a"), (3, "b"), (4, "a"), (5, "c"))
    assert _claim(platform, "w1") == [1, 3, 5]
    assert _claim(platform, "w2") == []  # lanes a, b, c are busy


def test_completion_frees_the_lane_in_order(platform: Platform) -> None:
    _enqueue(platform, (1, "a"), (2, "a"), (3, "a"))
    seen = []
    for _ in range(3):
        with platform.uow() as uow:
            claimed = jobs.claim(uow.session, jobs.PROCESS, "w", 10)
            assert jobs.complete(uow.session, claimed, "w")
            uow.commit()
        seen += [j.ref_id for j in claimed]
    assert seen == [1, 2, 3]


def test_an_expired_lease_is_taken_over_and_fences_the_old_owner(platform: Platform) -> None:
    _enqueue(platform, (1, "a"))
    with platform.uow() as uow:
        first = jobs.claim(uow.session, jobs.PROCESS, "dead", 10, lease_seconds=0.2)
        uow.commit()
    assert _claim(platform, "alive") == []
    time.sleep(0.3)
    with platform.uow() as uow:
        second = jobs.claim(uow.session, jobs.PROCESS, "alive", 10)
        uow.commit()
    assert [j.ref_id for j in second] == [1] and second[0].attempts == 2
    with platform.uow() as uow:
        assert not jobs.complete(uow.session, first, "dead")
        assert jobs.complete(uow.session, second, "alive")
        uow.commit()
    with platform.uow() as uow:
        assert jobs.pending_count(uow.session) == 0


def test_postponed_jobs_wait_and_hold_their_lane(platform: Platform) -> None:
    _enqueue(platform, (1, "a"), (2, "a"))
    with platform.uow() as uow:
        claimed = jobs.claim(uow.session, jobs.PROCESS, "w", 10)
        assert jobs.postpone(uow.session, claimed[0], "w", 60, "later")
        uow.commit()
    assert _claim(platform, "w") == []
    with platform.uow() as uow:
        assert jobs.has_ready(uow.session, [jobs.PROCESS]) is False


def _claim_deep(platform: Platform, owner: str, limit: int = 10) -> list[int]:
    with platform.uow() as uow:
        claimed = jobs.claim(uow.session, jobs.PROCESS, owner, limit, lane_depth=limit)
        uow.commit()
    return [j.ref_id for j in claimed]


def test_a_deep_claim_takes_a_lane_run_in_order_and_leaves_other_lanes(
    platform: Platform,
) -> None:
    _enqueue(platform, *[(i, "a") for i in range(1, 6)], *[(i, "b") for i in range(6, 9)])
    # limit 4 -> one lane per claim, with up to three jobs following its head
    assert _claim_deep(platform, "w1", limit=4) == [1, 2, 3, 4]
    assert _claim_deep(platform, "w2", limit=4) == [6, 7, 8]
    assert _claim_deep(platform, "w3", limit=4) == []  # 5 waits behind 1..4


def test_a_deep_claim_stops_at_a_job_that_must_wait(platform: Platform) -> None:
    _enqueue(platform, (1, "a"), (2, "a"), (3, "a"), (4, "b"), (5, "b"))
    with platform.uow() as uow:
        uow.session.execute(
            update(Job).where(Job.ref_id == 2).values(run_after=utcnow() + timedelta(minutes=1))
        )
        uow.commit()
    # 3 is ready but must not overtake 2
    assert _claim_deep(platform, "w", limit=8) == [1, 4, 5]


def test_released_jobs_are_claimed_again_without_an_attempt_counted(platform: Platform) -> None:
    _enqueue(platform, (1, "a"), (2, "a"))
    with platform.uow() as uow:
        claimed = jobs.claim(uow.session, jobs.PROCESS, "w", 8, lane_depth=8)
        jobs.release(uow.session, claimed, "w")
        uow.commit()
    with platform.uow() as uow:
        again = jobs.claim(uow.session, jobs.PROCESS, "w", 8, lane_depth=8)
        uow.commit()
    assert [(j.ref_id, j.attempts) for j in again] == [(1, 1), (2, 1)]
