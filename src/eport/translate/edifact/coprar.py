"""COPRAR: container discharge/loading order ⇄ LoadDischargeOrder (SMDG segment usage)."""

from __future__ import annotations

from eport.edifact.model import Segment
from eport.logistics.terminal import LoadDischargeOrder, VesselOperation
from eport.translate.edifact.context import Context, Envelope
from eport.translate.edifact.vessel_operations import (
    NO_REFERENCE,
    read_call,
    write_call,
    write_moves,
)

MESSAGE_TYPE = "COPRAR"
DOCUMENT = LoadDischargeOrder
DISCHARGE_ORDER, LOADING_ORDER = "44", "45"  # 1001 as SMDG uses them
_OPERATIONS = {
    DISCHARGE_ORDER: VesselOperation.DISCHARGE,
    LOADING_ORDER: VesselOperation.LOAD,
    "43": VesselOperation.DISCHARGE,
    "118": VesselOperation.DISCHARGE,
    "121": VesselOperation.LOAD,
}


def write(order: LoadDischargeOrder, ctx: Context) -> list[Segment]:
    code = LOADING_ORDER if order.operation is VesselOperation.LOAD else DISCHARGE_ORDER
    head = write_call(
        code, order.header, order.transport, order.locations, order.parties, order.references, ctx
    )
    if ctx.version == "D95B" and not order.references:
        # D.95B makes the message-level RFF mandatory; SMDG's COPRAR guide fills it with its
        # dummy reference when the order has none (D.00B moved it into an optional group)
        head.insert(1, Segment.of("RFF", [NO_REFERENCE, "1"]))
    return head + write_moves(order.containers, ctx)


def read(segments: list[Segment], ctx: Context, envelope: Envelope | None) -> LoadDischargeOrder:
    operation, header, transport, places, parties, references, moves = read_call(
        segments, ctx, envelope, _OPERATIONS
    )
    return LoadDischargeOrder(header, operation, transport, parties, references, places, moves)
