"""Verified gross mass under SOLAS VI/2: who weighed which container, how, and how heavy."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from eport.logistics.equipment import Weight
from eport.logistics.header import DocumentHeader
from eport.logistics.identifiers import ContainerNumber
from eport.logistics.instants import require_aware
from eport.logistics.parties import Party


class WeighingMethod(StrEnum):
    """SOLAS method 1 (weigh the packed container) or method 2 (add up contents and tare)."""

    METHOD_1 = "method_1"
    METHOD_2 = "method_2"


@dataclass(frozen=True, slots=True)
class VgmDeclaration:
    """One container's verified gross mass.

    `responsible_party` is the shipper, whom SOLAS makes responsible for the figure;
    `signatory` the person who signed it on the shipper's behalf.
    """

    container: ContainerNumber
    mass: Weight
    method: WeighingMethod
    weighed: datetime | None = None
    booking: str | None = None
    responsible_party: Party | None = None
    signatory: str | None = None

    def __post_init__(self) -> None:
        require_aware(self.weighed, "weighed")


@dataclass(frozen=True, slots=True)
class VerifiedGrossMass:
    """A VGM submission to carrier and terminal (VERMAS)."""

    header: DocumentHeader
    declarations: tuple[VgmDeclaration, ...] = ()
