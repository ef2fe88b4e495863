"""A small simulated port shared by the simulation tests (generated once per session)."""

from __future__ import annotations

import pytest

from eport.simulation.simulator import SimulationSettings, Traffic, simulate

SMALL = SimulationSettings(vessels=3, days=2, seed=7, moves=(40, 120))


@pytest.fixture(scope="session")
def traffic() -> Traffic:
    return simulate(SMALL)
