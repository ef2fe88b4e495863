"""Booking and shipping instructions: the forwarder's requests to the carrier and its answers."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from eport.logistics.cargo import GoodsItem
from eport.logistics.equipment import Equipment, FullEmpty, Temperature, validate_size_type
from eport.logistics.header import DocumentHeader
from eport.logistics.locations import Location
from eport.logistics.parties import Party
from eport.logistics.references import Reference
from eport.logistics.transport import Transport


@dataclass(frozen=True, slots=True)
class EquipmentRequirement:
    """A number of containers of one ISO 6346 size-type, not yet assigned by number."""

    size_type: str
    quantity: int = 1
    status: FullEmpty | None = None
    temperature: Temperature | None = None

    def __post_init__(self) -> None:
        validate_size_type(self.size_type)
        if self.quantity < 1:
            raise ValueError(f"an equipment quantity must be positive, got {self.quantity}")


class BookingStatus(StrEnum):
    """The carrier's answer to a booking request."""

    ACCEPTED = "accepted"
    CONDITIONALLY_ACCEPTED = "conditionally_accepted"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class BookingRequest:
    """A firm booking request (订舱), forwarder or shipper to carrier (IFTMBF)."""

    header: DocumentHeader
    parties: tuple[Party, ...] = ()
    references: tuple[Reference, ...] = ()
    transport: tuple[Transport, ...] = ()
    locations: tuple[Location, ...] = ()
    goods: tuple[GoodsItem, ...] = ()
    equipment: tuple[EquipmentRequirement, ...] = ()


@dataclass(frozen=True, slots=True)
class BookingConfirmation:
    """The carrier's confirmation of a booking, with its booking number (IFTMBC)."""

    header: DocumentHeader
    booking: str
    status: BookingStatus = BookingStatus.ACCEPTED
    parties: tuple[Party, ...] = ()
    references: tuple[Reference, ...] = ()
    transport: tuple[Transport, ...] = ()
    locations: tuple[Location, ...] = ()
    goods: tuple[GoodsItem, ...] = ()
    equipment: tuple[EquipmentRequirement, ...] = ()


@dataclass(frozen=True, slots=True)
class ShippingInstructions:
    """Shipping instructions for the bill of lading (IFTMIN): goods, containers, parties."""

    header: DocumentHeader
    booking: str
    parties: tuple[Party, ...] = ()
    references: tuple[Reference, ...] = ()
    transport: tuple[Transport, ...] = ()
    locations: tuple[Location, ...] = ()
    goods: tuple[GoodsItem, ...] = ()
    equipment: tuple[Equipment, ...] = ()
