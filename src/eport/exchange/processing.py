"""Processing a batch of received interchanges: one transaction for the whole batch.

The batch is read in one query, run through the pipeline in memory, written in bulk with
`outcomes`, and its jobs completed (fenced by the lease owner) before the single commit. If the
batch fails, each job is tried alone so that one bad interchange holds up nothing else; a job
that keeps failing ends as a dead letter with the error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from eport.bootstrap import Platform
from eport.codemaps.services import CACHE as CODE_MAPS
from eport.codes.mapper import MappingCodeMapper
from eport.db.types import utcnow
from eport.exchange import jobs, outcomes, trace
from eport.exchange.community import Community, CommunityCache
from eport.exchange.duplicates import Candidate, Original, find_original, load_originals
from eport.exchange.models import DeadLetter, InterchangeRecord
from eport.exchange.pipeline import (
    BatchContext,
    MessageValidator,
    Received,
    decide,
    parse_received,
)
from eport.exchange.strictness import STANDARD

log = logging.getLogger("eport.exchange.processing")
MAX_ATTEMPTS = 5
# The interchanges processed together at most (their raw bytes; parsed, they take several
# times as much): a claim of fifty 20 MB interchanges is processed a few at a time.
MAX_PART_BYTES = 16 * 1024 * 1024


class LeaseLost(Exception):
    """Another worker took over a job of this batch; its effects must not be committed."""


class BatchProcessor:
    def __init__(
        self,
        platform: Platform,
        owner: str,
        *,
        validator: MessageValidator | None = None,
        cache: CommunityCache | None = None,
    ) -> None:
        self.platform = platform
        self.owner = owner
        self.validator = validator
        self.cache = cache or CommunityCache(local_timezone=platform.settings.local_timezone)
        settings = platform.settings
        self.platform_party = (settings.platform_edi_id, settings.platform_edi_qualifier)

    def run(self, claimed: Sequence[jobs.ClaimedJob]) -> None:
        """Process claimed jobs, in parts of at most ``MAX_PART_BYTES`` of interchanges so a
        run of large ones never sits in memory at once; never raises for a bad interchange.
        Once a job of a lane is put off, the lane's later jobs are given back unrun, so that
        they never overtake it."""
        held: set[str] = set()
        for part in self._parts(claimed):
            waiting = [j for j in part if j.lane in held]
            if waiting:
                self._release(waiting)
            ready = [j for j in part if j.lane not in held]
            if not ready:
                continue
            try:
                self._process(ready)
            except LeaseLost:
                log.warning("lease lost on a batch of %d; another worker has it", len(ready))
                held.update(j.lane for j in ready)
            except Exception:
                if len(ready) == 1:
                    if self._fail(ready[0]):
                        held.add(ready[0].lane)
                    continue
                log.exception("batch of %d failed; processing its jobs one by one", len(ready))
                self._one_by_one(ready, held)

    def _parts(self, claimed: Sequence[jobs.ClaimedJob]) -> list[list[jobs.ClaimedJob]]:
        if len(claimed) <= 1:
            return [list(claimed)]
        with self.platform.uow() as uow:
            query = select(InterchangeRecord.id, InterchangeRecord.size).where(
                InterchangeRecord.id.in_([j.ref_id for j in claimed])
            )
            sizes = {row.id: row.size for row in uow.session.execute(query)}
        parts: list[list[jobs.ClaimedJob]] = [[]]
        room = MAX_PART_BYTES
        for job in claimed:
            size = sizes.get(job.ref_id, 0)
            if parts[-1] and size > room:
                parts.append([])
                room = MAX_PART_BYTES
            parts[-1].append(job)
            room -= size
        return parts

    def _release(self, waiting: Sequence[jobs.ClaimedJob]) -> None:
        with self.platform.uow() as uow:
            jobs.release(uow.session, waiting, self.owner)
            uow.commit()

    def _one_by_one(self, claimed: Sequence[jobs.ClaimedJob], held: set[str]) -> None:
        """Each job alone, in order, adding to ``held`` the lanes of jobs put off."""
        for job in claimed:
            if job.lane in held:
                self._release([job])
                continue
            try:
                self._process([job])
            except LeaseLost:
                log.warning("lease lost on interchange %d; another worker has it", job.ref_id)
                held.add(job.lane)
            except Exception:
                if self._fail(job):
                    held.add(job.lane)

    def _process(self, claimed: Sequence[jobs.ClaimedJob]) -> None:
        # Reads, the pipeline and the writes each apart: the pipeline (parsing, validation,
        # rendering) is most of the time, and no transaction stays open while it runs (on
        # SQLite an open transaction holds the one write lock that receipts wait for).
        # Nothing read can change meanwhile: these interchanges are leased to this worker.
        window = self.platform.settings.duplicate_window_hours
        with self.platform.uow() as uow:
            session = uow.session
            received = _load(session, [j.ref_id for j in claimed])
            community = self.cache.get(session)
            prior = outcomes.load_prior(session, [r.id for r in received])
            code_mappers = _code_mappers(session)
        parsed = [parse_received(r, _strictness(community, r.sender_id)) for r in received]
        with self.platform.uow() as uow:
            originals = load_originals(
                uow.session, [c for p in parsed if (c := p.candidate()) is not None], window
            )

        def duplicate_of(candidate: Candidate) -> Original | None:
            return find_original(candidate, originals, window)

        ctx = BatchContext(
            community=community,
            platform_party=self.platform_party,
            duplicate_of=duplicate_of,
            prior=prior,
            validator=self.validator,
            code_mappers=code_mappers,
        )
        decided = [decide(p, ctx) for p in parsed]
        with self.platform.uow() as uow:
            outcomes.write_outcomes(uow.session, decided)
            if not jobs.complete(uow.session, claimed, self.owner):
                raise LeaseLost
            uow.commit()

    def _fail(self, job: jobs.ClaimedJob) -> bool:
        """Put the job off for a retry, or end it as a dead letter; True when put off."""
        log.exception("interchange %d failed (attempt %d)", job.ref_id, job.attempts)
        retry = job.attempts < MAX_ATTEMPTS
        with self.platform.uow() as uow:
            session = uow.session
            if retry:
                delay = 2.0**job.attempts
                jobs.postpone(session, job, self.owner, delay, "processing failed")
                trace.write_steps(
                    session,
                    job.ref_id,
                    [
                        trace.Step(
                            trace.RETRY, trace.FAILED, f"processing failed; retry in {delay:.0f} s"
                        )
                    ],
                )
            elif jobs.complete(session, [job], self.owner):
                reason = f"processing failed {job.attempts} times; see the worker log"
                _dead_letter(session, job.ref_id, reason)
            uow.commit()
        return retry


def _code_mappers(session: Session) -> Callable[[int], MappingCodeMapper | None]:
    """Participants' code mappers for one batch: the maps' versions are read once per batch,
    and every call gets a fresh mapper (a mapper collects the issues it meets)."""
    maps_of = CODE_MAPS.batch(session)

    def mapper(participant_id: int) -> MappingCodeMapper | None:
        maps = maps_of(participant_id)
        if maps is None:
            return None
        return MappingCodeMapper(maps.maps, policy=maps.policy)

    return mapper


def _strictness(community: Community, sender_id: int) -> str:
    member = community.members.get(sender_id)
    return member.strictness if member is not None else STANDARD


def _load(session: Session, ids: Sequence[int]) -> list[Received]:
    t = InterchangeRecord
    rows = session.execute(
        select(t.id, t.sender_id, t.raw, t.sha256, t.received_at, t.runs)
        .where(t.id.in_(ids))
        .order_by(t.id)
    )
    return [Received(*row) for row in rows]


def _dead_letter(session: Session, interchange_id: int, reason: str) -> None:
    session.execute(
        insert(DeadLetter).values(
            interchange_id=interchange_id, reason=reason, status="open", created_at=utcnow()
        )
    )
    session.execute(
        update(InterchangeRecord)
        .where(InterchangeRecord.id == interchange_id)
        .values(status="dead", processed_at=utcnow())
    )
    trace.write_steps(
        session, interchange_id, [trace.Step(trace.DEAD_LETTER, trace.FAILED, reason)]
    )
