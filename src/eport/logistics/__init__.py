"""The canonical logistics model: the port's business documents, independent of wire formats.

Pure Python (standard library only). Every value type validates itself when built, every
datetime is timezone-aware, and documents are frozen, so two documents compare equal exactly
when they say the same thing.
"""

from eport.logistics.booking import (
    BookingConfirmation,
    BookingRequest,
    BookingStatus,
    EquipmentRequirement,
    ShippingInstructions,
)
from eport.logistics.cargo import GoodsItem, Money
from eport.logistics.codes import CODE_LISTS, IDENTITY, CodeListName, CodeMapper, IdentityCodeMapper
from eport.logistics.customs import (
    CargoReport,
    Consignment,
    CustomsDeclaration,
    CustomsResponse,
    CustomsStatus,
    TradeDirection,
)
from eport.logistics.documents import DOCUMENT_TYPES, Document
from eport.logistics.equipment import (
    DangerousGoods,
    Equipment,
    FullEmpty,
    Seal,
    SealIssuer,
    Temperature,
    TemperatureUnit,
    Weight,
    WeightUnit,
)
from eport.logistics.header import DocumentHeader, MessageFunction
from eport.logistics.identifiers import ContainerNumber, IdentifierError, ImoNumber, UnLocode
from eport.logistics.locations import Location, LocationFunction
from eport.logistics.parties import CodeScheme, Party, PartyRole
from eport.logistics.plain import PlainFormError, from_plain, to_plain
from eport.logistics.references import Reference, ReferenceKind
from eport.logistics.status import StatusEvent, StatusReport
from eport.logistics.terminal import (
    AnnouncementPurpose,
    BayPlan,
    ContainerAnnouncement,
    ContainerMove,
    GateDirection,
    GateEvent,
    GateEventReport,
    LoadDischargeOrder,
    LoadDischargeReport,
    StowagePosition,
    StowedContainer,
    VesselOperation,
)
from eport.logistics.transport import CarriageStage, Transport, TransportMode, Vessel
from eport.logistics.vgm import VerifiedGrossMass, VgmDeclaration, WeighingMethod

__all__ = [
    "CODE_LISTS",
    "DOCUMENT_TYPES",
    "IDENTITY",
    "AnnouncementPurpose",
    "BayPlan",
    "BookingConfirmation",
    "BookingRequest",
    "BookingStatus",
    "CargoReport",
    "CarriageStage",
    "CodeListName",
    "CodeMapper",
    "CodeScheme",
    "Consignment",
    "ContainerAnnouncement",
    "ContainerMove",
    "ContainerNumber",
    "CustomsDeclaration",
    "CustomsResponse",
    "CustomsStatus",
    "DangerousGoods",
    "Document",
    "DocumentHeader",
    "Equipment",
    "EquipmentRequirement",
    "FullEmpty",
    "GateDirection",
    "GateEvent",
    "GateEventReport",
    "GoodsItem",
    "IdentifierError",
    "IdentityCodeMapper",
    "ImoNumber",
    "LoadDischargeOrder",
    "LoadDischargeReport",
    "Location",
    "LocationFunction",
    "MessageFunction",
    "Money",
    "Party",
    "PartyRole",
    "PlainFormError",
    "Reference",
    "ReferenceKind",
    "Seal",
    "SealIssuer",
    "ShippingInstructions",
    "StatusEvent",
    "StatusReport",
    "StowagePosition",
    "StowedContainer",
    "Temperature",
    "TemperatureUnit",
    "TradeDirection",
    "Transport",
    "TransportMode",
    "UnLocode",
    "VerifiedGrossMass",
    "Vessel",
    "VesselOperation",
    "VgmDeclaration",
    "WeighingMethod",
    "Weight",
    "WeightUnit",
    "from_plain",
    "to_plain",
]
