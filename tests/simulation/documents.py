"""Read container numbers out of canonical documents, independently of the simulator's notes."""

from __future__ import annotations

from eport.logistics import (
    BayPlan,
    BookingConfirmation,
    BookingRequest,
    CargoReport,
    ContainerAnnouncement,
    CustomsDeclaration,
    CustomsResponse,
    Document,
    GateEventReport,
    LoadDischargeOrder,
    LoadDischargeReport,
    ShippingInstructions,
    StatusReport,
    VerifiedGrossMass,
)


def containers_in(document: Document) -> tuple[str, ...]:
    """The container numbers a document names, in document order."""
    match document:
        case GateEventReport():
            return tuple(e.equipment.number.value for e in document.events)
        case LoadDischargeOrder() | LoadDischargeReport():
            return tuple(m.equipment.number.value for m in document.containers)
        case BayPlan():
            return tuple(c.equipment.number.value for c in document.containers)
        case VerifiedGrossMass():
            return tuple(d.container.value for d in document.declarations)
        case CargoReport():
            return tuple(e.number.value for e in document.equipment)
        case CustomsDeclaration() | CustomsResponse():
            return tuple(c.value for c in document.containers)
        case StatusReport():
            return tuple(e.container.value for e in document.events if e.container)
        case ContainerAnnouncement():
            return tuple(e.number.value for e in document.containers)
        case BookingRequest() | BookingConfirmation() | ShippingInstructions():
            return ()
    raise AssertionError(f"unexpected document {type(document).__name__}")
