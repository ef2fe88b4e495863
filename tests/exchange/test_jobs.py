"""The job queue: lanes keep order, leases expire and are taken over, completion is fenced."""

from __future__ import annotations

import time

from eport.bootstrap import Platform
from eport.exchange import jobs


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
