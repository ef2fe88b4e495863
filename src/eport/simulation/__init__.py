"""Port traffic simulator: a consistent port's EDI traffic, for demo data, tests and load.

`simulate(SimulationSettings(vessels=..., days=..., seed=...))` plans vessel calls and runs
the export and import flows of their containers, giving every message each party sends
(canonical documents, in time order) and the interchanges they go in. `render_traffic`
turns those into EDIFACT with eport's translators; `write_interchanges` writes them as
files, `send_interchanges` posts them to a running eport, `feed_hub` stores them straight
into this platform's exchange hub. The same settings always give the same bytes.
"""

from eport.simulation.community import MESSAGE_SENDERS, Community, Member, Role, ningbo_community
from eport.simulation.render import RenderedInterchange, Rendering
from eport.simulation.simulator import (
    SimulationSettings,
    Traffic,
    reference_prefix,
    render_traffic,
    simulate,
)
from eport.simulation.traffic import Dispatch, Step

__all__ = [
    "MESSAGE_SENDERS",
    "Community",
    "Dispatch",
    "Member",
    "RenderedInterchange",
    "Rendering",
    "Role",
    "SimulationSettings",
    "Step",
    "Traffic",
    "ningbo_community",
    "reference_prefix",
    "render_traffic",
    "simulate",
]
