"""What every business document carries: its number, function, issue time, sender, recipient."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from eport.logistics.instants import require_aware
from eport.logistics.parties import Party


class MessageFunction(StrEnum):
    """Whether a document is new or corrects an earlier one with the same number."""

    ORIGINAL = "original"
    REPLACEMENT = "replacement"
    CANCELLATION = "cancellation"
    ADDITION = "addition"
    DELETION = "deletion"
    CHANGE = "change"


@dataclass(frozen=True, slots=True)
class DocumentHeader:
    """Identity of a document.

    `number` is the sender's document number; a replacement or cancellation names the
    document it corrects by repeating that number. `sender` and `recipient` are the
    exchanging parties (the interchange's, not the trade parties in the body).
    """

    number: str
    issued: datetime
    function: MessageFunction = MessageFunction.ORIGINAL
    sender: Party | None = None
    recipient: Party | None = None

    def __post_init__(self) -> None:
        if not self.number:
            raise ValueError("a document needs a number")
        require_aware(self.issued, "issued")
