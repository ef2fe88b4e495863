"""Consistency of the simulated flows: each container's messages follow the export or import
flow in sending order, nothing is loaded or delivered before customs releases it."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from eport.logistics import (
    AnnouncementPurpose,
    BookingConfirmation,
    BookingRequest,
    ContainerAnnouncement,
    CustomsResponse,
    CustomsStatus,
    GateEventReport,
    LoadDischargeReport,
    Reference,
    ReferenceKind,
    VesselOperation,
)
from eport.logistics.references import find_reference
from eport.simulation.community import Role
from eport.simulation.simulator import SimulationSettings, Traffic, simulate
from eport.simulation.traffic import Dispatch, Step

from .documents import containers_in

# The arrival report and the gate-in report to the carrier record the same gate move and go
# to different parties, so either may be sent first; both precede the declaration.
EXPORT = (
    Step.GATE_OUT_EMPTY,
    Step.VGM,
    Step.GATE_IN_FULL,
    Step.DECLARATION,
    Step.DECLARATION_ACCEPTED,
    Step.RELEASE,
    Step.LOADED,
    Step.BAY_PLAN,
    Step.DEPARTED,
)
IMPORT = (
    Step.MANIFEST,
    Step.MANIFEST_ACCEPTED,
    Step.DISCHARGE_ORDER,
    Step.DISCHARGED,
    Step.DISCHARGE_STATUS,
    Step.DECLARATION,
    Step.DECLARATION_ACCEPTED,
    Step.RELEASE,
    Step.GATE_OUT_FULL,
    Step.EMPTY_RETURN,
)


def sent_order(traffic: Traffic) -> list[Dispatch]:
    """Every message in the order its interchange is sent."""
    return [d for batch in traffic.batches for d in batch.dispatches]


def histories(traffic: Traffic) -> dict[str, list[Step]]:
    steps: dict[str, list[Step]] = defaultdict(list)
    for dispatch in sent_order(traffic):
        for number in dispatch.containers:
            steps[number].append(dispatch.step)
    return steps


def test_the_containers_noted_are_those_the_documents_name(traffic: Traffic) -> None:
    for dispatch in traffic.dispatches:
        assert dispatch.containers == containers_in(dispatch.document)


def test_each_container_follows_its_flow_in_sending_order(traffic: Traffic) -> None:
    exports, imports = check_container_flows(traffic)
    assert exports > 50 and imports > 50


def check_container_flows(traffic: Traffic) -> tuple[int, int]:
    """Every container's milestones in flow order; returns the numbers of exports, imports."""
    exports = imports = 0
    for number, steps in histories(traffic).items():
        flow = EXPORT if Step.LOADED in steps else IMPORT
        exports += flow is EXPORT
        imports += flow is IMPORT
        milestones = [s for s in steps if s in flow]
        # every milestone once (release and acceptance once per recipient), in flow order
        firsts = list(dict.fromkeys(milestones))
        assert firsts == list(flow), f"{number}: {steps}"
        if flow is EXPORT:
            arrival = steps.index(Step.ARRIVAL_REPORT)
            assert steps.index(Step.VGM) < arrival < steps.index(Step.DECLARATION), number
            assert steps.index(Step.MANIFEST) < steps.index(Step.GATE_IN_FULL), number
            assert steps.index(Step.LOAD_ORDER) < steps.index(Step.LOADED), number
    return exports, imports


def test_a_booking_is_confirmed_and_released_before_its_empties_leave(traffic: Traffic) -> None:
    check_bookings_precede_empties(traffic)


def check_bookings_precede_empties(traffic: Traffic) -> None:
    requested: set[str] = set()  # shipper references of booking requests
    confirmed: set[str] = set()
    released: set[str] = set()
    picked_up = 0
    for dispatch in sent_order(traffic):
        document = dispatch.document
        if isinstance(document, BookingRequest):
            requested.add(_ref(document.references, ReferenceKind.SHIPPER_REFERENCE))
        elif isinstance(document, BookingConfirmation):
            assert _ref(document.references, ReferenceKind.SHIPPER_REFERENCE) in requested
            confirmed.add(document.booking)
        elif isinstance(document, ContainerAnnouncement):
            booking = _ref(document.references, ReferenceKind.BOOKING)
            assert booking in confirmed
            if document.purpose is AnnouncementPurpose.EMPTY_RELEASE:
                released.add(booking)
        elif dispatch.step is Step.GATE_OUT_EMPTY:
            assert isinstance(document, GateEventReport)
            assert _ref(document.references, ReferenceKind.BOOKING) in released
            picked_up += 1
    assert picked_up > 0


def _ref(references: tuple[Reference, ...], kind: ReferenceKind) -> str:
    found = find_reference(references, kind)
    assert found is not None, kind
    return found


def test_inspected_containers_are_released_after_the_inspection_order(traffic: Traffic) -> None:
    inspected = 0
    for steps in histories(traffic).values():
        if Step.INSPECTION_ORDERED in steps:
            inspected += 1
            assert steps.index(Step.INSPECTION_ORDERED) < steps.index(Step.RELEASE)
    assert inspected > 0


def test_no_container_is_loaded_or_delivered_without_a_release_to_its_terminal(
    traffic: Traffic,
) -> None:
    check_release_before_load_and_delivery(traffic)


def check_release_before_load_and_delivery(traffic: Traffic) -> None:
    released: set[tuple[str, str]] = set()  # (terminal EDI ID, container)
    loads = 0
    for dispatch in sent_order(traffic):
        document = dispatch.document
        if isinstance(document, CustomsResponse) and document.status is CustomsStatus.RELEASED:
            assert document.header.recipient is not None
            terminal = document.header.recipient.code
            released.update((terminal, c.value) for c in document.containers)
        if isinstance(document, LoadDischargeReport) and document.operation is VesselOperation.LOAD:
            for move in document.containers:
                loads += 1
                assert (dispatch.sender.edi_id, move.equipment.number.value) in released
        if dispatch.step is Step.GATE_OUT_FULL:
            for number in dispatch.containers:
                assert (dispatch.sender.edi_id, number) in released
    assert loads > 0


def test_every_export_container_gets_an_arrival_report_to_customs(traffic: Traffic) -> None:
    for dispatch in traffic.dispatches:
        if dispatch.step is Step.ARRIVAL_REPORT:
            assert dispatch.message_type == "CODECO"
            assert dispatch.recipient.acts_as(Role.CUSTOMS)
            assert dispatch.sender.acts_as(Role.TERMINAL)
    reported = {
        c for d in traffic.dispatches if d.step is Step.ARRIVAL_REPORT for c in d.containers
    }
    gated_in = {c for d in traffic.dispatches if d.step is Step.GATE_IN_FULL for c in d.containers}
    assert reported == gated_in


@given(st.integers(min_value=0, max_value=2**31))
@settings(max_examples=10, deadline=None)
def test_the_flows_hold_for_any_seed(seed: int) -> None:
    traffic = simulate(SimulationSettings(vessels=2, days=1, seed=seed, moves=(20, 60)))
    exports, imports = check_container_flows(traffic)
    assert exports > 0 and imports > 0
    check_bookings_precede_empties(traffic)
    check_release_before_load_and_delivery(traffic)
    for dispatch in traffic.dispatches:
        assert dispatch.containers == containers_in(dispatch.document)
