"""The UN/EDIFACT code values (UNCL) for the canonical model's enumerations, both ways."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import TypeVar

from eport.logistics.equipment import FullEmpty, SealIssuer, TemperatureUnit, WeightUnit
from eport.logistics.header import MessageFunction
from eport.logistics.locations import LocationFunction
from eport.logistics.parties import CodeScheme, PartyRole
from eport.logistics.references import ReferenceKind
from eport.logistics.transport import CarriageStage, TransportMode
from eport.translate.edifact.context import TranslationError

E = TypeVar("E", bound=Enum)

MESSAGE_FUNCTION: dict[MessageFunction, str] = {  # 1225
    MessageFunction.ORIGINAL: "9",
    MessageFunction.REPLACEMENT: "5",
    MessageFunction.CANCELLATION: "1",
    MessageFunction.ADDITION: "2",
    MessageFunction.DELETION: "3",
    MessageFunction.CHANGE: "4",
}

PARTY_ROLE: dict[PartyRole, str] = {  # 3035
    PartyRole.CARRIER: "CA",
    PartyRole.CONTAINER_OPERATOR: "CF",
    PartyRole.SHIPPER: "CZ",
    PartyRole.CONSIGNEE: "CN",
    PartyRole.FORWARDER: "FW",
    PartyRole.NOTIFY_PARTY: "N1",
    PartyRole.TERMINAL: "TR",
    PartyRole.SHIP_AGENT: "AG",
    PartyRole.HAULIER: "GA",
    PartyRole.CUSTOMS: "CM",
    PartyRole.CUSTOMS_BROKER: "CB",
    PartyRole.DECLARANT: "DT",
    PartyRole.WEIGHING_PARTY: "WPA",
    PartyRole.MESSAGE_SENDER: "MS",
    PartyRole.MESSAGE_RECIPIENT: "MR",
}

CODE_SCHEME: dict[CodeScheme, str] = {  # 3055
    CodeScheme.SCAC: "182",
    CodeScheme.SMDG: "306",
    CodeScheme.BIC: "20",
    CodeScheme.DUNS: "16",
    CodeScheme.CARRIER_ASSIGNED: "87",
    CodeScheme.SENDER_ASSIGNED: "86",
    CodeScheme.MUTUALLY_DEFINED: "ZZZ",
}

LOCATION_FUNCTION: dict[LocationFunction, str] = {  # 3227
    LocationFunction.PLACE_OF_RECEIPT: "88",
    LocationFunction.PORT_OF_LOADING: "9",
    LocationFunction.PORT_OF_DISCHARGE: "11",
    LocationFunction.PLACE_OF_DELIVERY: "7",
    LocationFunction.TRANSSHIPMENT_PORT: "13",
    LocationFunction.FINAL_DESTINATION: "8",
    LocationFunction.NEXT_PORT_OF_CALL: "61",
    LocationFunction.PORT_OF_CALL: "153",
    LocationFunction.EMPTY_PICKUP: "98",
    LocationFunction.EMPTY_RETURN: "99",
    LocationFunction.PLACE_OF_EVENT: "14",
    LocationFunction.CUSTOMS_OFFICE: "22",
}
# Codes other partners use for the same functions; read, never written.
LOCATION_ALIASES = {
    "165": LocationFunction.PLACE_OF_EVENT,
    "175": LocationFunction.PLACE_OF_EVENT,
    "5": LocationFunction.PORT_OF_LOADING,
    "83": LocationFunction.PLACE_OF_DELIVERY,
    "76": LocationFunction.PORT_OF_LOADING,
    "152": LocationFunction.NEXT_PORT_OF_CALL,
}

REFERENCE_KIND: dict[ReferenceKind, str] = {  # 1153
    ReferenceKind.BOOKING: "BN",
    ReferenceKind.BILL_OF_LADING: "BM",
    ReferenceKind.DECLARATION: "ABT",
    ReferenceKind.RELEASE_ORDER: "RE",
    ReferenceKind.MANIFEST: "AFB",
    ReferenceKind.PREVIOUS_MESSAGE: "ACW",
    ReferenceKind.SHIPPER_REFERENCE: "SI",
}
REFERENCE_ALIASES = {
    "ATY": ReferenceKind.RELEASE_ORDER,
    "MB": ReferenceKind.BILL_OF_LADING,
    "MA": ReferenceKind.MANIFEST,
}

TRANSPORT_MODE: dict[TransportMode, str] = {  # 8067, UN/ECE Rec. 19
    TransportMode.SEA: "1",
    TransportMode.RAIL: "2",
    TransportMode.ROAD: "3",
    TransportMode.AIR: "4",
    TransportMode.INLAND_WATER: "8",
}

CARRIAGE_STAGE: dict[CarriageStage, str] = {  # 8051
    CarriageStage.PRE_CARRIAGE: "10",
    CarriageStage.MAIN_CARRIAGE: "20",
    CarriageStage.ON_CARRIAGE: "30",
}
STAGE_ALIASES = {"1": CarriageStage.ON_CARRIAGE, "2": CarriageStage.PRE_CARRIAGE}

FULL_EMPTY: dict[FullEmpty, str] = {FullEmpty.FULL: "5", FullEmpty.EMPTY: "4"}  # 8169

SEAL_ISSUER: dict[SealIssuer, str] = {  # 9303
    SealIssuer.CARRIER: "CA",
    SealIssuer.SHIPPER: "SH",
    SealIssuer.CUSTOMS: "CU",
    SealIssuer.TERMINAL: "TO",
}

WEIGHT_UNIT: dict[WeightUnit, str] = {WeightUnit.KILOGRAM: "KGM", WeightUnit.POUND: "LBR"}
TEMPERATURE_UNIT: dict[TemperatureUnit, str] = {
    TemperatureUnit.CELSIUS: "CEL",
    TemperatureUnit.FAHRENHEIT: "FAH",
}


def decode(
    table: Mapping[E, str],
    code: str,
    what: str,
    aliases: Mapping[str, E] | None = None,
    position: int = 0,
) -> E:
    """The enumeration member for an EDIFACT code, or a TranslationError naming the code."""
    for member, value in table.items():
        if value == code:
            return member
    if aliases and code in aliases:
        return aliases[code]
    raise TranslationError(f"unsupported {what} code {code!r}", position=position)


def decode_optional(
    table: Mapping[E, str], code: str, what: str, aliases: Mapping[str, E] | None = None
) -> E | None:
    return decode(table, code, what, aliases) if code else None
