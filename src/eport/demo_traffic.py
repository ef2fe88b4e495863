"""Demo traffic: a simulated day of the demo port, fed into the exchange hub once."""

from __future__ import annotations

import logging

from sqlalchemy import select

from eport.bootstrap import Platform
from eport.exchange.models import InterchangeRecord
from eport.simulation.feed import FeedSummary, feed_hub
from eport.simulation.render import Rendering
from eport.simulation.simulator import SimulationSettings, render_traffic, simulate

log = logging.getLogger("eport.demo")


def load_demo_traffic(platform: Platform, vessels: int = 1) -> FeedSummary | None:
    """Feed the simulated traffic of ``vessels`` calls, unless the hub already holds traffic.

    The interchanges enter as if each participant had uploaded them; the workers then check,
    route and deliver them, so mailboxes, traces and acknowledgements fill as in real use.
    """
    with platform.uow() as uow:
        if uow.session.scalar(select(InterchangeRecord.id).limit(1)) is not None:
            return None
    traffic = simulate(SimulationSettings(vessels=vessels, days=1))
    summary = feed_hub(platform, render_traffic(traffic, Rendering()))
    log.info(
        "demo traffic fed to the hub",
        extra={"interchanges": summary.interchanges, "messages": summary.messages},
    )
    return summary
