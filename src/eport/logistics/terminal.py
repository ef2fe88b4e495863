"""Container movements at terminals and depots: announcements, gate events, load and discharge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from eport.logistics.booking import EquipmentRequirement
from eport.logistics.equipment import Equipment
from eport.logistics.header import DocumentHeader
from eport.logistics.identifiers import UnLocode
from eport.logistics.instants import require_aware
from eport.logistics.locations import Location
from eport.logistics.parties import Party
from eport.logistics.references import Reference
from eport.logistics.transport import Transport


class AnnouncementPurpose(StrEnum):
    """What a container announcement orders the depot or terminal to do."""

    EMPTY_RELEASE = "empty_release"
    ACCEPTANCE = "acceptance"


class GateDirection(StrEnum):
    IN = "in"
    OUT = "out"


class VesselOperation(StrEnum):
    LOAD = "load"
    DISCHARGE = "discharge"


@dataclass(frozen=True, slots=True)
class StowagePosition:
    """A cell on board in ISO 9711 bay-row-tier form (``BBBRRTT``)."""

    bay: int
    row: int
    tier: int

    def __post_init__(self) -> None:
        if not (0 <= self.bay <= 999 and 0 <= self.row <= 99 and 0 <= self.tier <= 99):
            raise ValueError(f"stowage position out of range: {self.bay}/{self.row}/{self.tier}")

    @classmethod
    def parse(cls, text: str) -> StowagePosition:
        """Read ``BBBRRTT`` (a two-digit bay is padded, as older files write ``BBRRTT``)."""
        digits = text.strip()
        if len(digits) not in (6, 7) or not digits.isdigit():
            raise ValueError(f"not a bay-row-tier stowage position: {text!r}")
        digits = digits.zfill(7)
        return cls(int(digits[:3]), int(digits[3:5]), int(digits[5:]))

    def __str__(self) -> str:
        return f"{self.bay:03d}{self.row:02d}{self.tier:02d}"


@dataclass(frozen=True, slots=True)
class ContainerAnnouncement:
    """An order to release empty containers or to accept containers (放箱 / 进箱, COPARN).

    `containers` are named by number; `unassigned` asks for a quantity of a size-type
    whose numbers the depot chooses.
    """

    header: DocumentHeader
    purpose: AnnouncementPurpose
    parties: tuple[Party, ...] = ()
    references: tuple[Reference, ...] = ()
    transport: Transport | None = None
    locations: tuple[Location, ...] = ()
    containers: tuple[Equipment, ...] = ()
    unassigned: tuple[EquipmentRequirement, ...] = ()


@dataclass(frozen=True, slots=True)
class GateEvent:
    """A container passing a gate at a moment, on an inland means of transport."""

    equipment: Equipment
    time: datetime
    inland_transport: Transport | None = None
    locations: tuple[Location, ...] = ()

    def __post_init__(self) -> None:
        require_aware(self.time, "time")


@dataclass(frozen=True, slots=True)
class GateEventReport:
    """A terminal's or depot's report of containers in or out of its gate (CODECO)."""

    header: DocumentHeader
    direction: GateDirection
    facility: Location | None = None
    parties: tuple[Party, ...] = ()
    references: tuple[Reference, ...] = ()
    transport: Transport | None = None
    events: tuple[GateEvent, ...] = ()


@dataclass(frozen=True, slots=True)
class ContainerMove:
    """A container to be (or that was) loaded on or discharged from a vessel."""

    equipment: Equipment
    port_of_loading: UnLocode | None = None
    port_of_discharge: UnLocode | None = None
    stowage: StowagePosition | None = None
    time: datetime | None = None

    def __post_init__(self) -> None:
        require_aware(self.time, "time")


@dataclass(frozen=True, slots=True)
class LoadDischargeOrder:
    """The carrier's load or discharge list for a vessel call (装船指令, COPRAR)."""

    header: DocumentHeader
    operation: VesselOperation
    transport: Transport
    parties: tuple[Party, ...] = ()
    references: tuple[Reference, ...] = ()
    locations: tuple[Location, ...] = ()
    containers: tuple[ContainerMove, ...] = ()


@dataclass(frozen=True, slots=True)
class LoadDischargeReport:
    """The terminal's report of containers loaded or discharged (COARRI)."""

    header: DocumentHeader
    operation: VesselOperation
    transport: Transport
    parties: tuple[Party, ...] = ()
    references: tuple[Reference, ...] = ()
    locations: tuple[Location, ...] = ()
    containers: tuple[ContainerMove, ...] = ()


@dataclass(frozen=True, slots=True)
class StowedContainer:
    """A container in a cell of the bay plan."""

    position: StowagePosition
    equipment: Equipment
    port_of_loading: UnLocode
    port_of_discharge: UnLocode
    carrier: str | None = None


@dataclass(frozen=True, slots=True)
class BayPlan:
    """The stowage of a vessel leaving a port (BAPLIE)."""

    header: DocumentHeader
    transport: Transport
    port_of_departure: UnLocode
    next_port_of_call: UnLocode | None = None
    parties: tuple[Party, ...] = ()
    containers: tuple[StowedContainer, ...] = ()
