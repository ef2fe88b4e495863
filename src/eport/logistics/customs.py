"""Customs: cargo reports (manifests), declarations and customs' responses to them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from eport.logistics.cargo import GoodsItem
from eport.logistics.equipment import Equipment
from eport.logistics.header import DocumentHeader
from eport.logistics.identifiers import ContainerNumber
from eport.logistics.locations import Location
from eport.logistics.parties import Party
from eport.logistics.references import Reference
from eport.logistics.transport import Transport


class TradeDirection(StrEnum):
    EXPORT = "export"
    IMPORT = "import"


class CustomsStatus(StrEnum):
    """Customs' decision on a declaration or manifest (回执)."""

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    INSPECTION_ORDERED = "inspection_ordered"
    RELEASED = "released"
    HELD = "held"


@dataclass(frozen=True, slots=True)
class Consignment:
    """One bill of lading in a manifest: parties, places and goods.

    Each goods item names the containers it is stuffed in; the containers themselves are
    listed once for the whole report, as a manifest does.
    """

    bill_of_lading: str
    parties: tuple[Party, ...] = ()
    locations: tuple[Location, ...] = ()
    goods: tuple[GoodsItem, ...] = ()


@dataclass(frozen=True, slots=True)
class CargoReport:
    """A cargo report or manifest to customs (舱单, CUSCAR)."""

    header: DocumentHeader
    transport: Transport
    parties: tuple[Party, ...] = ()
    locations: tuple[Location, ...] = ()
    equipment: tuple[Equipment, ...] = ()
    consignments: tuple[Consignment, ...] = ()


@dataclass(frozen=True, slots=True)
class CustomsDeclaration:
    """A goods declaration for export or import (报关单, CUSDEC)."""

    header: DocumentHeader
    direction: TradeDirection
    parties: tuple[Party, ...] = ()
    references: tuple[Reference, ...] = ()
    transport: Transport | None = None
    locations: tuple[Location, ...] = ()
    goods: tuple[GoodsItem, ...] = ()
    containers: tuple[ContainerNumber, ...] = ()


@dataclass(frozen=True, slots=True)
class CustomsResponse:
    """Customs' response to a declaration or manifest (回执, CUSRES).

    `references` name what is answered (the declaration or manifest number, bills of lading).
    """

    header: DocumentHeader
    status: CustomsStatus
    references: tuple[Reference, ...] = ()
    containers: tuple[ContainerNumber, ...] = ()
    remarks: tuple[str, ...] = ()
