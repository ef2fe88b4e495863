"""Feed simulated interchanges straight into this platform's exchange hub (demo data).

The same path as an upload: each interchange is stored and queued as received from its
sender (no HTTP, no tokens), so `eport serve --demo` can start with a port already busy.
The workers then check, route and deliver it like any other traffic.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from eport.bootstrap import Platform
from eport.exchange.receiving import receive_interchange
from eport.participants.models import Participant
from eport.simulation.render import RenderedInterchange

CHANNEL = "simulation"


@dataclass(frozen=True, slots=True)
class FeedSummary:
    interchanges: int
    messages: int


def feed_hub(platform: Platform, interchanges: Iterable[RenderedInterchange]) -> FeedSummary:
    """Receive every interchange as sent by its participant; all senders must be registered."""
    with platform.uow() as uow:
        ids = dict(uow.session.execute(select(Participant.code, Participant.id)).tuples().all())
    count = messages = 0
    for rendered in interchanges:
        sender = rendered.batch.sender.code
        if sender not in ids:
            raise LookupError(f"participant {sender} is not registered; load the demo first")
        receive_interchange(platform, ids[sender], rendered.data, CHANNEL)
        count += 1
        messages += rendered.message_count
    return FeedSummary(count, messages)
