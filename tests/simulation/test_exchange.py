"""End to end: the exchange hub, loaded with the demo community, takes a simulated port's
traffic from each sender with its own token and routes all of it without a rejection."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select

from eport.bootstrap import Platform
from eport.exchange.models import InterchangeRecord
from eport.exchange.worker import Worker, WorkerOptions
from eport.simulation.feed import feed_hub
from eport.simulation.render import Rendering
from eport.simulation.sender import collect_outcomes, send_interchanges
from eport.simulation.simulator import SimulationSettings, render_traffic, simulate


def test_the_hub_routes_a_simulated_port_without_a_rejection(
    platform: Platform,
    client: TestClient,
    make_participant: Callable[..., object],
    make_token: Callable[..., str],
) -> None:
    from eport.demo import COMMUNITY

    for member in COMMUNITY:
        make_participant(member.code, roles=list(member.roles), edi_ids=list(member.edi_ids))
    tokens = {member.code: make_token(member.code) for member in COMMUNITY}
    traffic = simulate(SimulationSettings(vessels=1, days=1, seed=11, moves=(30, 40)))
    rendered = list(render_traffic(traffic, Rendering()))

    report = send_interchanges(client, tokens, rendered)
    assert report.rejected == 0, report.first_rejections
    assert report.accepted == len(rendered)

    worker = Worker(platform, WorkerOptions(batch_size=50, lease_seconds=30))
    try:
        worker.drain()
    finally:
        worker.close()
    with platform.uow() as uow:
        recorded = Counter(uow.session.scalars(select(InterchangeRecord.status)))
    assert recorded == {"routed": len(rendered)}, recorded
    # the senders see the same through the API
    outcomes = collect_outcomes(client, tokens, report.receipts[:20], timeout=5.0)
    assert outcomes == {"routed": 20}


def test_demo_traffic_can_be_fed_to_the_hub_without_http(
    platform: Platform, make_participant: Callable[..., object]
) -> None:
    from eport.demo import COMMUNITY

    for member in COMMUNITY:
        make_participant(member.code, roles=list(member.roles), edi_ids=list(member.edi_ids))
    traffic = simulate(SimulationSettings(vessels=1, days=1, seed=12, moves=(20, 30)))
    rendered = list(render_traffic(traffic, Rendering()))
    summary = feed_hub(platform, rendered)
    assert summary.interchanges == len(rendered)
    assert summary.messages == sum(r.message_count for r in rendered)
    worker = Worker(platform, WorkerOptions(batch_size=50, lease_seconds=30))
    try:
        worker.drain()
    finally:
        worker.close()
    with platform.uow() as uow:
        recorded = Counter(uow.session.scalars(select(InterchangeRecord.status)))
    assert recorded == {"routed": len(rendered)}, recorded
