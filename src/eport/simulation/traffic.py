"""What the simulated parties send: one dispatch per message, the step of the flow it records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cache

from eport.logistics import Document, DocumentHeader, Party, PartyRole
from eport.simulation.community import Member


class Step(StrEnum):
    """A step of the export or import flow that a message records or orders."""

    BOOKING_REQUEST = "booking_request"
    BOOKING_CONFIRMATION = "booking_confirmation"
    EMPTY_RELEASE = "empty_release"
    ACCEPTANCE_ORDER = "acceptance_order"
    GATE_OUT_EMPTY = "gate_out_empty"
    VGM = "vgm"
    GATE_IN_FULL = "gate_in_full"
    ARRIVAL_REPORT = "arrival_report"
    MANIFEST = "manifest"
    MANIFEST_ACCEPTED = "manifest_accepted"
    DECLARATION = "declaration"
    DECLARATION_ACCEPTED = "declaration_accepted"
    INSPECTION_ORDERED = "inspection_ordered"
    RELEASE = "release"
    LOAD_ORDER = "load_order"
    LOADED = "loaded"
    BAY_PLAN = "bay_plan"
    DEPARTED = "departed"
    DISCHARGE_ORDER = "discharge_order"
    DISCHARGED = "discharged"
    DISCHARGE_STATUS = "discharge_status"
    GATE_OUT_FULL = "gate_out_full"
    EMPTY_RETURN = "empty_return"


@dataclass(frozen=True, slots=True)
class Dispatch:
    """One message a party sends at a moment: the canonical document and its EDIFACT type.

    `containers` lists the container numbers the message is about, so that a reader can
    follow each container through its flow without decoding the document.
    """

    time: datetime
    sequence: int
    sender: Member
    recipient: Member
    message_type: str
    step: Step
    document: Document
    containers: tuple[str, ...] = ()


class DocumentNumbers:
    """Document numbers, unique per sender, in the order the documents are made."""

    def __init__(self) -> None:
        self._next: dict[str, int] = {}

    def next(self, sender: Member) -> str:
        n = self._next.get(sender.code, 0) + 1
        self._next[sender.code] = n
        return f"{sender.code[:6]}{n:08d}"


def header_for(
    numbers: DocumentNumbers, sender: Member, recipient: Member, issued: datetime
) -> DocumentHeader:
    """A document header naming the exchanging parties by their UNB interchange IDs."""
    return DocumentHeader(
        number=numbers.next(sender),
        issued=issued,
        sender=_exchange_party(sender, PartyRole.MESSAGE_SENDER),
        recipient=_exchange_party(recipient, PartyRole.MESSAGE_RECIPIENT),
    )


@cache
def _exchange_party(member: Member, role: PartyRole) -> Party:
    return Party(role, code=member.edi_id, name=member.name_en)
