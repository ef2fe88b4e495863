"""Parties to a document: who they are (a code in some scheme, a name) and the role they play."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class PartyRole(StrEnum):
    """The part a party plays in a document."""

    CARRIER = "carrier"
    CONTAINER_OPERATOR = "container_operator"
    SHIPPER = "shipper"
    CONSIGNEE = "consignee"
    FORWARDER = "forwarder"
    NOTIFY_PARTY = "notify_party"
    TERMINAL = "terminal"
    SHIP_AGENT = "ship_agent"
    HAULIER = "haulier"
    CUSTOMS = "customs"
    CUSTOMS_BROKER = "customs_broker"
    DECLARANT = "declarant"
    WEIGHING_PARTY = "weighing_party"
    MESSAGE_SENDER = "message_sender"
    MESSAGE_RECIPIENT = "message_recipient"


class CodeScheme(StrEnum):
    """Who issued a party code."""

    SCAC = "scac"
    SMDG = "smdg"
    BIC = "bic"
    DUNS = "duns"
    CARRIER_ASSIGNED = "carrier_assigned"
    SENDER_ASSIGNED = "sender_assigned"
    MUTUALLY_DEFINED = "mutually_defined"


@dataclass(frozen=True, slots=True)
class Party:
    """A party named by a code, a name, or both."""

    role: PartyRole
    code: str | None = None
    scheme: CodeScheme | None = None
    name: str | None = None

    def __post_init__(self) -> None:
        if not self.code and not self.name:
            raise ValueError(f"a {self.role} party needs a code or a name")
        if self.scheme is not None and not self.code:
            raise ValueError("a code scheme without a code")
