"""COARRI: container discharge/loading report ⇄ LoadDischargeReport (SMDG segment usage)."""

from __future__ import annotations

from eport.edifact.model import Segment
from eport.logistics.terminal import LoadDischargeReport, VesselOperation
from eport.translate.edifact.context import Context, Envelope
from eport.translate.edifact.vessel_operations import read_call, write_call, write_moves

MESSAGE_TYPE = "COARRI"
DOCUMENT = LoadDischargeReport
DISCHARGE_REPORT, LOADING_REPORT = "44", "46"  # 1001 as SMDG uses them
_OPERATIONS = {
    DISCHARGE_REPORT: VesselOperation.DISCHARGE,
    LOADING_REPORT: VesselOperation.LOAD,
    "98": VesselOperation.DISCHARGE,
    "119": VesselOperation.DISCHARGE,
    "122": VesselOperation.LOAD,
}


def write(report: LoadDischargeReport, ctx: Context) -> list[Segment]:
    code = LOADING_REPORT if report.operation is VesselOperation.LOAD else DISCHARGE_REPORT
    head = write_call(
        code,
        report.header,
        report.transport,
        report.locations,
        report.parties,
        report.references,
        ctx,
    )
    return head + write_moves(report.containers, ctx)


def read(segments: list[Segment], ctx: Context, envelope: Envelope | None) -> LoadDischargeReport:
    operation, header, transport, places, parties, references, moves = read_call(
        segments, ctx, envelope, _OPERATIONS
    )
    return LoadDischargeReport(header, operation, transport, parties, references, places, moves)
