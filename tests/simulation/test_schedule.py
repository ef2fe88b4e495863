"""Vessels and port calls: IMO numbers, ordering and the times of each call."""

from __future__ import annotations

import random
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from eport.codes import lookup
from eport.logistics import ImoNumber
from eport.simulation.community import Role, ningbo_community
from eport.simulation.schedule import build_fleet, imo_number, plan_port_calls
from eport.simulation.simulator import DEFAULT_START, Traffic

from .conftest import SMALL


@given(st.integers(min_value=0, max_value=2**32))
def test_imo_numbers_pass_their_check_digit(seed: int) -> None:
    number = imo_number(random.Random(seed))
    assert ImoNumber(number.value) == number  # the constructor checks the digit again
    assert number.value.startswith("9")


def test_fleet_has_unique_names_imo_numbers_and_operators_from_the_carriers() -> None:
    community = ningbo_community()
    carriers = {m.code for m in community.of_role(Role.CARRIER)}
    fleet = build_fleet(random.Random(3), community.of_role(Role.CARRIER), 40)
    assert len({s.imo for s in fleet}) == 40
    assert len({s.name for s in fleet}) == 40
    assert {s.operator for s in fleet} == carriers


def test_calls_arrive_within_the_days_in_eta_order(traffic: Traffic) -> None:
    calls = traffic.calls
    assert len(calls) == SMALL.vessels * SMALL.days
    assert [c.eta for c in calls] == sorted(c.eta for c in calls)
    for call in calls:
        assert SMALL.start <= call.eta < SMALL.start + timedelta(days=SMALL.days)
        assert call.eta < call.etd
        assert call.atd - call.ata >= timedelta(hours=12)
        assert call.terminal.acts_as(Role.TERMINAL)
        assert call.voyage_in != call.voyage_out
        assert call.previous_port != call.next_port
        for port in (*call.before, *call.after):
            assert lookup("location", port.value) is not None, port


def test_the_same_seed_plans_the_same_calls() -> None:
    community = ningbo_community()
    first = plan_port_calls(random.Random(5), community, DEFAULT_START, 2, 4)
    again = plan_port_calls(random.Random(5), community, DEFAULT_START, 2, 4)
    other = plan_port_calls(random.Random(6), community, DEFAULT_START, 2, 4)
    assert first == again
    assert first != other
