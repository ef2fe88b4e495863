"""Places a document names, by UN/LOCODE and the facility inside it, and what they are for."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from eport.logistics.identifiers import UnLocode


class LocationFunction(StrEnum):
    """What a place is to the document."""

    PLACE_OF_RECEIPT = "place_of_receipt"
    PORT_OF_LOADING = "port_of_loading"
    PORT_OF_DISCHARGE = "port_of_discharge"
    PLACE_OF_DELIVERY = "place_of_delivery"
    TRANSSHIPMENT_PORT = "transshipment_port"
    FINAL_DESTINATION = "final_destination"
    NEXT_PORT_OF_CALL = "next_port_of_call"
    PORT_OF_CALL = "port_of_call"
    EMPTY_PICKUP = "empty_pickup"
    EMPTY_RETURN = "empty_return"
    PLACE_OF_EVENT = "place_of_event"
    CUSTOMS_OFFICE = "customs_office"


@dataclass(frozen=True, slots=True)
class Location:
    """A place: a UN/LOCODE, optionally narrowed to a terminal or depot by its own code."""

    function: LocationFunction
    locode: UnLocode | None = None
    facility: str | None = None
    name: str | None = None

    def __post_init__(self) -> None:
        if self.locode is None and not self.facility and not self.name:
            raise ValueError(f"a {self.function} location needs a UN/LOCODE, facility or name")
