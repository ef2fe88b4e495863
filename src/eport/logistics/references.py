"""References a document carries to other documents and business objects."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ReferenceKind(StrEnum):
    """What a reference number identifies."""

    BOOKING = "booking"
    BILL_OF_LADING = "bill_of_lading"
    DECLARATION = "declaration"
    RELEASE_ORDER = "release_order"
    MANIFEST = "manifest"
    PREVIOUS_MESSAGE = "previous_message"
    SHIPPER_REFERENCE = "shipper_reference"


@dataclass(frozen=True, slots=True)
class Reference:
    """A reference number and what it refers to."""

    kind: ReferenceKind
    value: str

    def __post_init__(self) -> None:
        if not self.value:
            raise ValueError(f"an empty {self.kind} reference")


def find_reference(references: tuple[Reference, ...], kind: ReferenceKind) -> str | None:
    """The first reference of a kind, or None."""
    return next((ref.value for ref in references if ref.kind is kind), None)
