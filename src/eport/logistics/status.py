"""Status reports: what happened to a shipment or container, when and where (IFTSTA)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from eport.logistics.header import DocumentHeader
from eport.logistics.identifiers import ContainerNumber
from eport.logistics.instants import require_aware
from eport.logistics.locations import Location
from eport.logistics.references import Reference
from eport.logistics.transport import Transport

_EVENT_CODE_PATTERN = re.compile(r"[0-9A-Z]{1,3}")


@dataclass(frozen=True, slots=True)
class StatusEvent:
    """One status: a UN/ECE Recommendation 24 transport status code at a time and place."""

    code: str
    time: datetime
    location: Location | None = None
    container: ContainerNumber | None = None
    references: tuple[Reference, ...] = ()
    transport: Transport | None = None
    description: str | None = None

    def __post_init__(self) -> None:
        if not _EVENT_CODE_PATTERN.fullmatch(self.code):
            raise ValueError(f"not a transport status code: {self.code!r}")
        require_aware(self.time, "time")


@dataclass(frozen=True, slots=True)
class StatusReport:
    """A report of status events, for shippers, forwarders and consignees."""

    header: DocumentHeader
    events: tuple[StatusEvent, ...] = ()
