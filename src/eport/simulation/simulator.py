"""Simulate a port: vessel calls, their export and import flows, the interchanges sent.

`simulate(settings)` is deterministic: the same settings (seed included) give the same
traffic, byte for byte once rendered.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime

from eport.simulation.batching import Batch, batch_dispatches
from eport.simulation.cargo import ContainerPool
from eport.simulation.community import Community, ningbo_community
from eport.simulation.export_flow import run_export
from eport.simulation.flows import Outbox, Port
from eport.simulation.import_flow import run_import
from eport.simulation.parallel import render_in_parallel
from eport.simulation.render import PORT_TIME, RenderedInterchange, Rendering
from eport.simulation.schedule import PortCall, plan_port_calls
from eport.simulation.traffic import Dispatch

DEFAULT_START = datetime(2026, 11, 30, tzinfo=PORT_TIME)


@dataclass(frozen=True, slots=True)
class SimulationSettings:
    """What to simulate.

    `vessels` is the number of vessel calls per day, `days` the number of days over which
    the calls arrive (from `start`); each call discharges and loads between `moves[0]` and
    `moves[1]` containers. The flows of a call begin up to a week before its arrival and end
    a few days after its departure, so the messages spread beyond those days.
    """

    vessels: int = 10
    days: int = 1
    seed: int = 1
    start: datetime = DEFAULT_START
    moves: tuple[int, int] = (150, 450)
    community: Community = field(default_factory=ningbo_community)

    def __post_init__(self) -> None:
        if self.vessels < 1 or self.days < 1:
            raise ValueError("simulate at least one vessel call on at least one day")
        if not 1 <= self.moves[0] <= self.moves[1]:
            raise ValueError(f"not a range of container moves: {self.moves}")


@dataclass(frozen=True, slots=True)
class Traffic:
    """A simulated port's traffic: its vessel calls, every message, and the interchanges."""

    calls: tuple[PortCall, ...]
    dispatches: tuple[Dispatch, ...]
    batches: tuple[Batch, ...]


def reference_prefix(settings: SimulationSettings) -> str:
    """Six characters that differ between simulations, to start UNB control references with.

    The hub treats the same sender and control reference as a duplicate: another simulation
    sent to the same hub must not collide with this one, and the same one sent again should.
    """
    key = (
        settings.seed,
        settings.vessels,
        settings.days,
        settings.start.isoformat(),
        settings.moves,
        tuple(m.edi_id for m in settings.community.members),
    )
    digest = hashlib.sha256(repr(key).encode()).digest()
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    number = int.from_bytes(digest[:8], "big")
    return "".join(alphabet[(number // 36**i) % 36] for i in range(6))


def simulate(settings: SimulationSettings) -> Traffic:
    """The port calls of the settings and all the messages their flows send, in time order."""
    rng = random.Random(settings.seed)
    calls = plan_port_calls(
        rng, settings.community, settings.start, settings.days, settings.vessels, settings.moves
    )
    port = Port(rng, settings.community, Outbox(), ContainerPool(rng))
    for call in calls:
        exports = round(call.moves * rng.uniform(0.4, 0.6))
        run_export(port, call, exports)
        run_import(port, call, call.moves - exports)
    dispatches = tuple(sorted(port.outbox.dispatches, key=lambda d: (d.time, d.sequence)))
    return Traffic(calls, dispatches, tuple(batch_dispatches(dispatches)))


def render_traffic(
    traffic: Traffic, rendering: Rendering, workers: int = 1
) -> Iterator[RenderedInterchange]:
    """The interchanges of the traffic as EDIFACT, in sending order (unrenderable ones left
    out); with `workers` > 1 encoded on that many processes, with the same result."""
    if workers > 1:
        yield from render_in_parallel(traffic.batches, rendering, workers)
        return
    for batch in traffic.batches:
        rendered = rendering.render(batch)
        if rendered is not None:
            yield rendered
