"""Means of transport: the mode, the vessel or vehicle, the voyage and the carrier."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from eport.logistics.identifiers import ImoNumber
from eport.logistics.instants import require_aware


class TransportMode(StrEnum):
    """UN/ECE Recommendation 19 modes of transport."""

    SEA = "sea"
    RAIL = "rail"
    ROAD = "road"
    AIR = "air"
    INLAND_WATER = "inland_water"


class CarriageStage(StrEnum):
    """Where in the journey a transport leg sits."""

    PRE_CARRIAGE = "pre_carriage"
    MAIN_CARRIAGE = "main_carriage"
    ON_CARRIAGE = "on_carriage"


@dataclass(frozen=True, slots=True)
class Vessel:
    """A ship, by IMO number, call sign and name."""

    name: str | None = None
    imo: ImoNumber | None = None
    call_sign: str | None = None

    def __post_init__(self) -> None:
        if not self.name and self.imo is None and not self.call_sign:
            raise ValueError("a vessel needs a name, an IMO number or a call sign")


@dataclass(frozen=True, slots=True)
class Transport:
    """One leg of transport.

    `carrier` is the carrier's code (SCAC or SMDG line code after code mapping); `vehicle`
    identifies a truck, wagon or barge where there is no vessel.
    """

    mode: TransportMode
    stage: CarriageStage = CarriageStage.MAIN_CARRIAGE
    voyage: str | None = None
    vessel: Vessel | None = None
    carrier: str | None = None
    vehicle: str | None = None
    arrival: datetime | None = None
    departure: datetime | None = None

    def __post_init__(self) -> None:
        require_aware(self.arrival, "arrival")
        require_aware(self.departure, "departure")
