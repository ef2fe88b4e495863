"""Work on board during a call: load and discharge orders and reports, bay plan, status.

Discharge takes the first part of the time alongside and loading the rest, as a terminal
works a ship: discharge first, then load.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Protocol

from eport.logistics import (
    BayPlan,
    ContainerMove,
    DocumentHeader,
    Equipment,
    LoadDischargeOrder,
    LoadDischargeReport,
    LocationFunction,
    Reference,
    StatusEvent,
    StatusReport,
    StowagePosition,
    StowedContainer,
    UnLocode,
    VesselOperation,
)
from eport.simulation.community import Member
from eport.simulation.flows import Port, operator_party, place, vessel_transport
from eport.simulation.schedule import PortCall
from eport.simulation.traffic import Step

DEPARTED = "24"  # UN/ECE Rec. 24: departure, completed
UNLOADED = "29"  # UN/ECE Rec. 24: unloaded


class Shipment(Protocol):
    """A booking or bill of lading as the vessel sees it: its boxes and where they go."""

    @property
    def forwarder(self) -> Member: ...

    def references(self) -> tuple[Reference, ...]: ...


def stowage(index: int, size_type: str) -> StowagePosition:
    """A distinct cell for the `index`-th box: 40' boxes in even bays, 20' in odd ones."""
    block, slot = divmod(index, 60)
    bay = 4 * block + (1 if size_type.startswith("2") else 2)
    row, tier = divmod(slot, 6)
    return StowagePosition(bay % 1000, row, 82 + 2 * tier)


def working_times(port: Port, start: datetime, end: datetime, count: int) -> list[datetime]:
    """`count` move times between `start` and `end`, sorted, to the minute."""
    span = max(int((end - start).total_seconds() // 60), 1)
    return sorted(start + timedelta(minutes=port.rng.randrange(span)) for _ in range(count))


def order_moves(
    port: Port,
    call: PortCall,
    carrier: Member,
    operation: VesselOperation,
    moves: Sequence[ContainerMove],
    at: datetime,
) -> None:
    """The carrier's load or discharge list to the terminal (COPRAR)."""
    step = Step.LOAD_ORDER if operation is VesselOperation.LOAD else Step.DISCHARGE_ORDER
    export = operation is VesselOperation.LOAD

    def make(header: DocumentHeader) -> LoadDischargeOrder:
        return LoadDischargeOrder(
            header,
            operation,
            vessel_transport(call, carrier, export=export),
            parties=(operator_party(carrier),),
            locations=(place(LocationFunction.PORT_OF_CALL, port.locode, call.terminal.facility),),
            containers=tuple(moves),
        )

    port.outbox.send(
        at,
        carrier,
        call.terminal,
        "COPRAR",
        step,
        make,
        tuple(m.equipment.number.value for m in moves),
    )


def report_move(
    port: Port, call: PortCall, carrier: Member, operation: VesselOperation, move: ContainerMove
) -> None:
    """The terminal's report of one box loaded or discharged (COARRI), sent as it happens."""
    assert move.time is not None
    step = Step.LOADED if operation is VesselOperation.LOAD else Step.DISCHARGED
    export = operation is VesselOperation.LOAD

    def make(header: DocumentHeader) -> LoadDischargeReport:
        return LoadDischargeReport(
            header,
            operation,
            vessel_transport(call, carrier, export=export),
            parties=(operator_party(carrier),),
            containers=(move,),
        )

    port.outbox.send(
        move.time, call.terminal, carrier, "COARRI", step, make, (move.equipment.number.value,)
    )


def send_bay_plan(
    port: Port, call: PortCall, carrier: Member, loaded: Sequence[ContainerMove]
) -> None:
    """The bay plan of the departing vessel (BAPLIE), terminal to the vessel operator."""

    def make(header: DocumentHeader) -> BayPlan:
        # A bay plan names a box's bill of lading only, and no seals (SMDG BAPLIE 2).
        cells = tuple(
            StowedContainer(
                m.stowage,
                replace(m.equipment, seals=(), booking=None),
                m.port_of_loading or port.locode,
                m.port_of_discharge or call.next_port,
                carrier.smdg,
            )
            for m in loaded
            if m.stowage is not None
        )
        return BayPlan(
            header,
            vessel_transport(call, carrier, export=True),
            port.locode,
            call.next_port,
            parties=(operator_party(carrier),),
            containers=cells,
        )

    port.outbox.send(
        call.atd + port.minutes(15, 60),
        call.terminal,
        carrier,
        "BAPLIE",
        Step.BAY_PLAN,
        make,
        tuple(m.equipment.number.value for m in loaded),
    )


def report_status(
    port: Port,
    call: PortCall,
    carrier: Member,
    shipment: Shipment,
    boxes: Sequence[Equipment],
    code: str,
    happened: datetime,
    at: datetime,
) -> None:
    """The carrier's status report to the forwarder (IFTSTA): departed or unloaded."""
    export = code == DEPARTED
    step = Step.DEPARTED if export else Step.DISCHARGE_STATUS
    where = place(
        LocationFunction.PORT_OF_LOADING if export else LocationFunction.PORT_OF_DISCHARGE,
        port.locode,
    )
    transport = vessel_transport(call, carrier, export=export)

    def make(header: DocumentHeader) -> StatusReport:
        return StatusReport(
            header,
            tuple(
                StatusEvent(
                    code,
                    happened,
                    location=where,
                    container=box.number,
                    references=shipment.references(),
                    transport=transport,
                )
                for box in boxes
            ),
        )

    port.outbox.send(
        at, carrier, shipment.forwarder, "IFTSTA", step, make, tuple(b.number.value for b in boxes)
    )


def move_of(
    equipment: Equipment,
    loading: UnLocode,
    discharge: UnLocode,
    index: int | None = None,
    time: datetime | None = None,
) -> ContainerMove:
    assert equipment.size_type is not None
    cell = stowage(index, equipment.size_type) if index is not None else None
    return ContainerMove(equipment, loading, discharge, cell, time)
