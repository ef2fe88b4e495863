"""Containers: valid and unique ISO 6346 numbers, realistic size-types, reefers, hazards."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from eport.codes import lookup
from eport.logistics import ContainerNumber, Equipment, GateEventReport
from eport.simulation.cargo import ContainerPool
from eport.simulation.simulator import Traffic
from eport.simulation.traffic import Step


@given(st.integers(min_value=0, max_value=2**32))
def test_pool_numbers_pass_the_iso6346_check(seed: int) -> None:
    pool = ContainerPool(random.Random(seed))
    numbers = [pool.number(("MSKU", "MRKU")) for _ in range(50)]
    assert len(set(numbers)) == 50
    for number in numbers:
        assert ContainerNumber(number.value) == number
        assert number.owner_code in ("MSK", "MRK") and number.category == "U"


def _full_boxes(traffic: Traffic) -> dict[str, Equipment]:
    boxes = {}
    for dispatch in traffic.dispatches:
        document = dispatch.document
        if dispatch.step in (Step.GATE_IN_FULL, Step.GATE_OUT_FULL):
            assert isinstance(document, GateEventReport)
            for event in document.events:
                boxes[event.equipment.number.value] = event.equipment
    return boxes


def test_size_types_are_mostly_dry_boxes_with_some_reefers(traffic: Traffic) -> None:
    boxes = _full_boxes(traffic)
    kinds = Counter(box.size_type for box in boxes.values())
    dry = kinds["22G1"] + kinds["42G1"] + kinds["45G1"]
    assert dry / sum(kinds.values()) > 0.8
    assert kinds["45R1"] > 0
    for code in kinds:
        assert lookup("size-type", code) is not None


def test_reefers_carry_a_set_point_and_others_do_not(traffic: Traffic) -> None:
    hazardous = 0
    for box in _full_boxes(traffic).values():
        assert box.size_type is not None
        reefer = box.size_type[2] == "R"
        assert (box.temperature is not None) == reefer
        hazardous += bool(box.dangerous_goods)
        assert box.vgm == box.gross_weight
    assert hazardous > 0


def test_each_container_number_belongs_to_its_carrier(traffic: Traffic) -> None:
    for dispatch in traffic.dispatches:
        if dispatch.step is Step.GATE_IN_FULL:
            carrier = dispatch.recipient
            assert all(c[:4] in carrier.owner_prefixes for c in dispatch.containers)
