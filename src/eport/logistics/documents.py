"""The set of business documents the canonical model knows."""

from __future__ import annotations

from typing import TypeAlias

from eport.logistics.booking import BookingConfirmation, BookingRequest, ShippingInstructions
from eport.logistics.customs import CargoReport, CustomsDeclaration, CustomsResponse
from eport.logistics.status import StatusReport
from eport.logistics.terminal import (
    BayPlan,
    ContainerAnnouncement,
    GateEventReport,
    LoadDischargeOrder,
    LoadDischargeReport,
)
from eport.logistics.vgm import VerifiedGrossMass

Document: TypeAlias = (
    BookingRequest
    | BookingConfirmation
    | ShippingInstructions
    | ContainerAnnouncement
    | GateEventReport
    | LoadDischargeOrder
    | LoadDischargeReport
    | BayPlan
    | StatusReport
    | VerifiedGrossMass
    | CargoReport
    | CustomsResponse
    | CustomsDeclaration
)

DOCUMENT_TYPES: tuple[type[Document], ...] = (
    BookingRequest,
    BookingConfirmation,
    ShippingInstructions,
    ContainerAnnouncement,
    GateEventReport,
    LoadDischargeOrder,
    LoadDischargeReport,
    BayPlan,
    StatusReport,
    VerifiedGrossMass,
    CargoReport,
    CustomsResponse,
    CustomsDeclaration,
)
