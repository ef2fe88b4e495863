"""A batch that fails is retried job by job, and a job put off holds back the rest of its lane;
a claim of large interchanges is processed in parts."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from eport.bootstrap import Platform
from eport.db.types import utcnow
from eport.exchange import processing
from eport.exchange.models import InterchangeRecord, Job
from eport.exchange.pipeline import Outcome, Parsed, decide
from eport.exchange.worker import Worker

from .samples import codeco
from .support import Community, bearer, mailbox, post_edi


def _statuses(platform: Platform, ids: list[int]) -> list[str]:
    with platform.uow() as uow:
        query = select(InterchangeRecord.id, InterchangeRecord.status).where(
            InterchangeRecord.id.in_(ids)
        )
        rows = {row.id: row.status for row in uow.session.execute(query)}
    return [rows[i] for i in ids]


@pytest.mark.parametrize("part_bytes", [processing.MAX_PART_BYTES, 1])
def test_a_failing_interchange_holds_back_the_later_ones_of_its_sender(
    client: TestClient,
    community: Community,
    worker: Worker,
    platform: Platform,
    monkeypatch: pytest.MonkeyPatch,
    part_bytes: int,
) -> None:
    """Whether the claim is processed as one part or one interchange a part."""
    monkeypatch.setattr(processing, "MAX_PART_BYTES", part_bytes)
    ids = [
        post_edi(client, community.terminal, codeco(carrier="CARRB", ref=f"IC000{n}"))
        for n in (1, 2, 3)
    ]
    broken = ids[1]

    def failing(parsed: Parsed, ctx: Any) -> Outcome:
        if parsed.rec.id == broken:
            raise RuntimeError("a defect met while processing")
        return decide(parsed, ctx)

    monkeypatch.setattr(processing, "decide", failing)
    assert worker.run_once() == 3  # one claim holds the whole lane
    assert _statuses(platform, ids) == ["routed", "received", "received"]
    assert len(mailbox(client, community.carrier)) == 1
    with platform.uow() as uow:
        waiting = uow.session.execute(select(Job.ref_id, Job.attempts).order_by(Job.id)).all()
    assert [tuple(w) for w in waiting] == [(broken, 1), (ids[2], 0)]
    assert worker.run_once() == 0  # the put-off job blocks its lane until it is due

    monkeypatch.setattr(processing, "decide", decide)  # the defect is fixed
    with platform.uow() as uow:
        uow.session.execute(update(Job).values(run_after=utcnow()))
        uow.commit()
    worker.drain()
    assert _statuses(platform, ids) == ["routed", "routed", "routed"]
    items = mailbox(client, community.carrier)
    refs = []
    for item in items:
        body = client.get(f"/api/v1/mailbox/{item['id']}", headers=bearer(community.carrier))
        refs.append(next(r for r in ("IC0001", "IC0002", "IC0003") if r in body.text))
    assert refs == ["IC0001", "IC0002", "IC0003"]


def test_a_claim_of_large_interchanges_is_processed_in_parts(
    client: TestClient,
    community: Community,
    worker: Worker,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sizes: list[int] = []
    process = processing.BatchProcessor._process

    def measured(self: processing.BatchProcessor, claimed: Any) -> None:
        sizes.append(len(claimed))
        process(self, claimed)

    monkeypatch.setattr(processing.BatchProcessor, "_process", measured)
    bodies = [codeco(carrier="CARRB", ref=f"BIG{n}") for n in range(5)]
    monkeypatch.setattr(processing, "MAX_PART_BYTES", 2 * len(bodies[0]) + 1)
    for body in bodies:
        post_edi(client, community.terminal, body)
    assert worker.run_once() == 5
    assert sizes == [2, 2, 1]
    assert len(mailbox(client, community.carrier)) == 5
